"""Form 8606 Part III: distributions from Roth IRAs (lines 19-25c), the Roth layers, and
the amount subject to the 10% additional tax (Form 5329 line 1)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from form8606.calc.book import Book
from form8606.calc.facts import YearFacts
from form8606.calc.qualified import designated_roth_rollover, qualification
from form8606.calc.roth import Layers, Withdrawal
from form8606.errors import Form8606Error, Problem
from form8606.ledger.model import HOMEBUYER_LIMIT, Distribution, Person, PlanRollover
from form8606.ledger.where import label
from form8606.money import CENT, ZERO, fmt_money
from form8606.sources import Source


@dataclass(frozen=True)
class RothState:
    layers: Layers
    homebuyer_used: Decimal
    first_year: int | None  # the 5-year period starts January 1 of this year; None: unknown


@dataclass(frozen=True)
class Part3Outcome:
    state: RothState
    additional_tax_base: Decimal
    reported: bool  # line 19 has an amount


@dataclass(frozen=True)
class _Dist:
    entry: Distribution
    source: Source
    qualified: bool
    under_59_half: bool | None  # None when not needed (qualified by death or disability)
    period_met: bool


def part3(f: YearFacts, state: RothState, person: Person, book: Book, where: str) -> Part3Outcome:
    """Add the year's contributions, conversions and rollovers to the layers, enter lines
    19-25c for the nonqualified distributions, then take every distribution out of the layers."""
    layers = _add_year(f, state.layers, book, person, where)
    dists = [_classify(d, src, f"{where}: {label(src)}: {fmt_money(src.amount, CENT)}", state.first_year, person, f.who)
             for d, src in sorted(f.roth_distributions, key=lambda x: x[0].date) if d.net > 0]
    homebuyer = _lines(f, dists, layers, state, book)
    base, earnings_under, earnings_all = ZERO, ZERO, ZERO
    for d in dists:
        layers, taken = layers.withdraw(book.round(d.entry.net))
        _earnings_note(d, taken, book)
        if d.qualified:
            continue
        earnings_all += taken.earnings
        if d.under_59_half:
            earnings_under += taken.earnings
            base += _recapture(d.entry.date, taken)
    if earnings_under and book.get("25c"):
        base += book.round(book.get("25c") * earnings_under / earnings_all)
    if base:
        book.note("additional_tax_base", f"{book.money(base)} of this year's Roth distributions is subject to the 10% "
                  "additional tax before exceptions: the taxable part of conversions and rollovers withdrawn within 5 "
                  "years, and taxable earnings, while under 59 1/2. It goes on Form 5329 line 1; exceptions (Form 5329 "
                  "line 2) may apply (Pub. 590-B, Additional Tax on Early Distributions).", "note")
    new_state = RothState(layers, state.homebuyer_used + homebuyer, state.first_year)
    return Part3Outcome(new_state, base, "19" in book.lines)


def _add_year(f: YearFacts, layers: Layers, book: Book, person: Person, where: str) -> Layers:
    """Pub. 590-B ordering rules: a year's contributions (including those made by the due date),
    conversions and plan rollovers count before that year's distributions."""
    contributions = sum((i.amount for i in f.roth), ZERO)
    contributions += sum((_designated_roth(r, src, person, f"{where}: {label(src)}")
                          for r, src in f.plan_rollovers if r.to == "roth"), ZERO)
    layers = layers.add_contributions(book.round(contributions))
    if "16" in book.lines:  # Form 8606 instructions, line 24: line 16 of each year's form
        layers = layers.add_conversion(f.year, book.get("16"), max(book.get("18"), ZERO))
    for r, _ in f.plan_rollovers:
        if r.to == "roth":  # line 24: amounts rolled over from qualified plans to Roth IRAs
            layers = layers.add_conversion(f.year, book.round(r.taxable + r.after_tax), book.round(r.taxable))
    return layers


def _designated_roth(r: PlanRollover, src: Source, person: Person, where: str) -> Decimal:
    """A designated Roth rollover's regular contributions (Treas. Reg. 1.408A-10, A-3(a); the rule
    is calc/qualified.py's). Forms 1099-R (code H) ask for what is missing when translated."""
    rolled = designated_roth_rollover(r.date, r.designated_roth_basis, r.designated_roth_earnings,
                                      r.designated_roth_first_year, r.reason, person.birth_date)
    if rolled.needs == "first_year":
        raise Form8606Error(Problem(where, f"whether the {fmt_money(r.designated_roth_earnings, CENT)} of earnings "
                                    "rolled over are Roth basis depends on whether the plan's distribution was "
                                    "qualified (Treas. Reg. 1.408A-10, A-3(a)); add `designated_roth_first_year`, the "
                                    "first year of designated Roth contributions (Form 1099-R box 11)",
                                    "designated_roth_first_year"))
    if rolled.needs == "birth_date":
        raise Form8606Error(Problem(where, "this designated Roth rollover needs an age (59 1/2 decides whether the "
                                    "plan's distribution was qualified, and so whether its earnings are Roth basis); "
                                    f"add birth_date to [people.{r.who}], or reason = \"disability\" if that applies"))
    return rolled.contributions


def _classify(d: Distribution, source: Source, where: str, first_year: int | None, person: Person, who: str) -> _Dist:
    """A qualified distribution (Form 8606 instructions, Qualified distribution; Pub. 590-B):
    after the 5-year period that starts January 1 of the first Roth year, and on or after
    59 1/2, or after death, or due to disability. First-home distributions stay on line 19
    and line 20 subtracts the expenses (form line 19)."""
    if first_year is None:
        raise Form8606Error(Problem(where, "the 5-year period of this Roth distribution can't be known: the ledger "
                                    "shows no earlier Roth contribution, conversion or rollover with its year; add "
                                    f"`first_roth_year` (and the Roth money, `roth_contribution_basis` or "
                                    f"`roth_conversions`) to the [[opening]] of \"{who}\""))
    q = qualification(d.date, d.reason, first_year, person.birth_date)
    if q.by_reason:
        return _Dist(d, source, True, None, True)
    if q.under_59_half is None:
        raise Form8606Error(Problem(where, "this Roth distribution needs an age (59 1/2 decides whether it is qualified "
                                    f"and whether the 10% additional tax applies); add birth_date to [people.{who}]"))
    return _Dist(d, source, q.qualified, q.under_59_half, q.period_met)


def _lines(f: YearFacts, dists: list[_Dist], layers: Layers, state: RothState, book: Book) -> Decimal:
    """Enter lines 19-25c; return the qualified first-time homebuyer amount used this year."""
    m = book.money
    nonqualified = [d for d in dists if not d.qualified]
    l19 = book.round(sum((d.entry.net for d in nonqualified), ZERO))
    if l19 <= 0:  # Form 8606 instructions, line 19: nothing to enter, don't complete Part III
        return ZERO
    book.put("19", l19, f"nonqualified Roth distributions = {m(l19)}", [d.source for d in nonqualified])
    homes = [d for d in nonqualified if d.entry.reason == "first_home" and d.period_met]
    room = max(HOMEBUYER_LIMIT - state.homebuyer_used, ZERO)
    # Each first-home distribution counts up to its expenses (IRC 72(t)(8)); together at most
    # what is left of the $10,000 lifetime limit (form line 20).
    covered = sum((min(d.entry.homebuyer_expenses, d.entry.net) for d in homes), ZERO)
    l20 = book.put("20", min(covered, room), f"first-home distributions up to their expenses {m(covered)}, at most "
                   f"{m(room)} left of the $10,000 lifetime limit" if homes
                   else "no qualified first-time homebuyer expenses = 0", [d.source for d in homes])
    l21 = book.put("21", max(l19 - l20, ZERO), f"line 19 - line 20 = {m(l19)} - {m(l20)}, not below 0")
    l22 = book.put("22", layers.contributions, f"regular Roth contributions through {f.year} less earlier "
                   f"distributions of them = {m(layers.contributions)}")
    used = l20
    if l21 == 0:  # "If line 21 is zero, stop here"
        return used
    l23 = book.put("23", max(l21 - l22, ZERO), f"line 21 - line 22 = {m(l21)} - {m(l22)}, not below 0")
    if l23 == 0:  # "enter -0- and skip lines 24 and 25"
        return used
    parts = " + ".join(f"{m(layer.amount)} ({layer.year})" for layer in layers.conversions) or "0"
    l24 = book.put("24", layers.conversion_total, f"conversions and plan rollovers to Roth IRAs not yet distributed = {parts}")
    l25a = book.put("25a", max(l23 - l24, ZERO), f"line 23 - line 24 = {m(l23)} - {m(l24)}, not below 0")
    if l25a == 0:
        return used
    disaster = sum((d.entry.disaster for d in nonqualified), ZERO)
    l25b = book.put("25b", min(l25a * disaster / l21, l25a), f"line 25a x disaster distributions / line 21 = {m(l25a)} x "
                    f"{m(disaster)} / {m(l21)}" if disaster else "no qualified disaster distributions = 0")
    book.put("25c", l25a - l25b, f"line 25a - line 25b = {m(l25a)} - {m(l25b)}")
    return used


def _recapture(when: dt.date, taken: Withdrawal) -> Decimal:
    """Pub. 590-B, Additional Tax on Early Distributions: the taxable part of a conversion or
    plan rollover distributed within the 5-year period that starts January 1 of its year."""
    return sum((part.taxable for part in taken.conversions if when < dt.date(part.year + 5, 1, 1)), ZERO)


def _earnings_note(d: _Dist, taken: Withdrawal, book: Book) -> None:
    if taken.earnings <= 0 or d.qualified:
        return
    covered = " unless the first-time homebuyer amount (line 20) covers it" if d.entry.reason == "first_home" else ""
    book.note("roth_earnings_withdrawn", f"{book.money(taken.earnings)} of it is beyond the Roth basis the "
              f"ledger knows, so it counts as earnings (taxable, line 25a{covered}). That is right when the account grew; if "
              "the ledger lacks an earlier Roth contribution or conversion, record it in [[opening]] as "
              "`roth_contribution_basis` or `roth_conversions`.", subject=d.source)
