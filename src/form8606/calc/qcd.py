"""Qualified charitable distributions: how much of a distribution's `qcd` the law leaves out of
line 7 (IRC 408(d)(8); Pub. 590-B, chapter 1, Qualified charitable distributions (QCDs)). What
is not a QCD is an ordinary distribution, on line 7 with the others."""

from __future__ import annotations

from decimal import Decimal

from form8606 import rules
from form8606.ages import half_past_70
from form8606.calc.book import Book
from form8606.calc.facts import YearFacts, all_distributions, with_distributions
from form8606.calc.part1 import line6_exact
from form8606.errors import Form8606Error, Problem
from form8606.ledger.model import Ledger
from form8606.ledger.where import entry_label, label
from form8606.money import CENT, ZERO, fmt_money

PUB = "Pub. 590-B, chapter 1, Qualified charitable distributions"


def _m(value: Decimal) -> str:
    return fmt_money(value, CENT)


def by_age_and_limit(ledger: Ledger, f: YearFacts, book: Book) -> YearFacts:
    """A QCD is made on or after the day the owner is 70 1/2 ("You must be at least age 70 1/2
    when the distribution is made"), and each person excludes at most the year's limit ("Any QCD
    in excess of the ... exclusion limit is included in income as any other distribution"; rules
    data: qcd_limit), taken by date."""
    given = [(d, s) for d, s in all_distributions(f) if d.qcd > 0]
    if not given:
        return f
    person = ledger.people[f.who]
    if person.birth_date is None:
        raise Form8606Error(Problem(f"{ledger.source}: [people.{f.who}]", f"{label(given[0][1])} gives {_m(given[0][0].qcd)} "
                                    "as a qualified charitable distribution, which must be made on or after the day "
                                    f"the owner is 70 1/2 ({PUB}): add birth_date = YYYY-MM-DD", "birth_date"))
    day, limit = half_past_70(person.birth_date), rules.for_year(f.year).qcd_limit
    left, changed = limit, {}
    for d, s in given:
        if d.date < day:
            book.note("qcd_before_70_half", f"{_m(d.qcd)} was given to charity on {d.date}, before {person.name} was "
                      f"70 1/2 (on {day}): it is not a qualified charitable distribution but an ordinary distribution, "
                      f"counted with the others ({PUB}: \"You must be at least age 70 1/2 when the distribution is "
                      "made\"); it may be a charitable contribution deduction instead (Schedule A)", subject=s)
            changed[id(d)] = d.model_copy(update={"qcd": ZERO})
            continue
        kept = min(d.qcd, left)
        left -= kept
        if kept < d.qcd:
            book.note("qcd_over_limit", f"{f.year} qualified charitable distributions of {person.name} reach the "
                      f"{_m(limit)} limit ({rules.parameter('qcd_limit').sources[f.year]}); {_m(d.qcd - kept)} of "
                      f"this one is over it and is an ordinary distribution, counted with the others ({PUB}: "
                      "\"Any QCD in excess of the ... exclusion limit is included in income as any other "
                      "distribution\")", subject=s)
            changed[id(d)] = d.model_copy(update={"qcd": kept})
    return with_distributions(f, changed)


def refuse_roth(ledger: Ledger, f: YearFacts) -> None:
    """A QCD from a Roth IRA is limited to what the distribution would otherwise put in income
    (IRC 408(d)(8)(D)): its ordering rules are not applied to it yet."""
    problems = [Problem(entry_label(ledger.source, "distribution", None, d), "not supported: a qualified charitable "
                        "distribution from a Roth IRA (only the part that would otherwise be taxable can be one, IRC "
                        "408(d)(8)(D)); give it from a traditional IRA, or enter this one without `qcd`", "qcd")
                for d, _ in f.roth_distributions if d.qcd > 0]
    if problems:
        raise Form8606Error(problems)


def within_taxable(f: YearFacts, basis: Decimal, book: Book, where: str) -> YearFacts:
    """IRC 408(d)(8)(D): a QCD is at most what would be included in income if all traditional
    IRAs were distributed in the year (treated as one contract); it comes first out of that
    taxable part ("If your IRA includes nondeductible contributions, the distribution is first
    considered to be paid out of otherwise taxable income", Pub. 590-B). Everything = the December 31
    value (line 6) + the year's distributions not rolled over + conversions; the basis is line 5's.
    The part over the limit is a distribution of basis, on line 7, the latest QCD giving way first."""
    given = sum((d.qcd for d, _ in f.distributions), ZERO)
    if given == 0 or basis <= 0:  # without basis, every dollar distributed would be taxable
        return f
    everything = (max(line6_exact(f, where), ZERO) + sum((d.amount - d.rolled_over for d, _ in f.distributions), ZERO)
                  + sum((c.amount for c in f.conversions), ZERO))
    taxable = max(everything - basis, ZERO)
    over, changed = given - taxable, {}
    for d, s in sorted(f.distributions, key=lambda pair: pair[0].date, reverse=True):
        cut = min(d.qcd, over)
        if cut <= 0:
            break
        over -= cut
        changed[id(d)] = d.model_copy(update={"qcd": d.qcd - cut})
        book.note("qcd_basis_part", f"only {_m(taxable)} of the {_m(given)} given to charity would otherwise be taxable "
                  f"(all traditional IRAs, {_m(everything)}, less the basis of {_m(basis)}), so {_m(cut)} of this "
                  "distribution's QCD is a distribution of basis: it goes on line 7, where the basis makes it "
                  f"nontaxable (IRC 408(d)(8)(D); {PUB}, example of Amy). It may be deducted as a charitable "
                  "contribution on Schedule A", subject=s)
    return with_distributions(f, changed)
