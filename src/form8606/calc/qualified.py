"""When a Roth IRA distribution is qualified: the one home of the rule, read by Part III and by
the Form 1099-R reconciliation (codes J, T, Q); and when a designated Roth account's is (code H).

Form 8606 instructions, Qualified distribution; Pub. 590-B, chapter 2: a distribution made after
the 5-year period that starts January 1 of the first year a Roth IRA contribution, conversion or
plan rollover counted for, and on or after age 59 1/2, after death or due to disability.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from form8606.ages import half_past_59
from form8606.ledger.model import Ledger, Opening

QUALIFYING_REASONS = ("death", "disability")  # IRC 408A(d)(2)(A)(ii)-(iii)


def first_roth_year(ledger: Ledger, who: str, opening: Opening | None) -> int | None:
    """The first year of the 5-year period (Pub. 590-B, What Are Qualified Distributions?);
    None when Roth money from before the ledger is of unknown age."""
    net = Counter()  # Roth contributions that stayed: returned or recharacterized ones don't count
    for c in ledger.contribution:
        if c.who == who and c.to == "roth":
            net[c.tax_year] += c.amount
    for r in (*ledger.recharacterization, *ledger.returned_contribution):
        if r.who == who:
            net[r.for_year] += r.amount if getattr(r, "to", None) == "roth" else -r.amount if r.from_ == "roth" else 0
    years = [year for year, amount in net.items() if amount > 0]
    years += [c.tax_year for c in ledger.conversion if c.who == who]
    years += [r.tax_year for r in ledger.plan_rollover if r.who == who and r.to == "roth"]
    if opening and opening.first_roth_year is not None:
        years.append(opening.first_roth_year)
    elif opening and opening.has_roth:
        return None
    return min(years, default=None)


def opening_of(ledger: Ledger, who: str) -> Opening | None:
    return next((o for o in ledger.opening if o.who == who), None)


@dataclass(frozen=True)
class Qualification:
    """How a Roth distribution on `date` stands. `under_59_half` is None when the birth date
    is unknown; the answer then needs it unless death or disability qualifies the distribution."""

    period_met: bool
    half: dt.date | None  # the day of 59 1/2, when the birth date is known
    under_59_half: bool | None
    by_reason: bool  # qualified by death or disability after the 5-year period, whatever the age
    qualified: bool


def qualification(date: dt.date, reason: str | None, first_year: int, born: dt.date | None) -> Qualification:
    period_met = date >= dt.date(first_year + 5, 1, 1)
    half = half_past_59(born) if born else None
    under = None if half is None else date < half
    by_reason = period_met and reason in QUALIFYING_REASONS
    return Qualification(period_met, half, under, by_reason, by_reason or (period_met and under is False))


@dataclass(frozen=True)
class RolledRoth:
    """What a designated Roth rollover adds to the regular Roth contributions (line 22), or
    what decides it and is missing: "first_year" (Form 1099-R box 11) or "birth_date"."""

    contributions: Decimal | None
    qualified: bool | None  # None when it changes nothing (no earnings) or can't be told
    needs: str | None = None


def designated_roth_rollover(date: dt.date, basis: Decimal, earnings: Decimal, first_year: int | None,
                             reason: str | None, born: dt.date | None) -> RolledRoth:
    """Treas. Reg. 1.408A-10, A-3(a): of a rollover from a designated Roth account into a Roth IRA,
    the investment in the contract (box 5) is a regular contribution and the rest earnings; "the
    entire amount of any qualified distribution ... rolled over into a Roth IRA is treated as a
    regular contribution". Qualified (IRC 402A(d)(2)): after the 5-taxable-year period that begins
    with the first year of designated Roth contributions (box 11; Treas. Reg. 1.402A-1, A-4), on
    or after 59 1/2, after death or due to disability; the first-home clause of 408A(d)(2)(A)(iv)
    does not apply, and QUALIFYING_REASONS has no first home."""
    if not earnings:
        return RolledRoth(basis, None)  # qualified or not, the basis is the same
    if first_year is None:
        return RolledRoth(None, None, "first_year")
    q = qualification(date, reason, first_year, born)
    if q.period_met and not q.by_reason and q.under_59_half is None:
        return RolledRoth(None, None, "birth_date")
    return RolledRoth(basis + earnings if q.qualified else basis, q.qualified)
