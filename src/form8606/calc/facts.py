"""One person's events for one tax year, gathered from the ledger with their sources."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from form8606.calc.timing import original_date
from form8606.ledger.model import Distribution, Ledger, PlanRollover, YearEnd
from form8606.ledger.where import entry_source
from form8606.money import ZERO
from form8606.sources import Source


@dataclass(frozen=True)
class Item:
    """An amount with the day that counts for it and the ledger entry it came from."""

    date: dt.date
    amount: Decimal  # signed: corrections of contributions are negative
    source: Source
    deducted: Decimal = ZERO


@dataclass(frozen=True)
class YearFacts:
    who: str
    year: int
    traditional: tuple[Item, ...]  # contributions counted toward line 1, with corrections
    roth: tuple[Item, ...]  # regular Roth contributions for the year, with corrections
    conversions: tuple[Item, ...]
    distributions: tuple[tuple[Distribution, Source], ...]  # traditional, dated in the year
    roth_distributions: tuple[tuple[Distribution, Source], ...]
    plan_rollovers: tuple[tuple[PlanRollover, Source], ...]
    year_end: tuple[YearEnd, Source] | None
    line6_adjustments: tuple[Item, ...]  # recharacterizations after Dec 31 (line 6)
    returned_later: tuple[Item, ...] = ()  # traditional contributions held on Dec 31, returned after it

    @property
    def has_event(self) -> bool:
        return any((self.traditional, self.roth, self.conversions, self.distributions, self.roth_distributions,
                    self.plan_rollovers))


def _year_end(e: YearEnd) -> Source:
    """Form 5498 box 5 when the value came from the Forms 5498 (form8606.documents)."""
    if e.document is not None:
        return replace(e.document, field="box 5")
    return Source("year_end", e.who, year=e.year)


def gather(ledger: Ledger, who: str, year: int) -> YearFacts:
    def mine(kind: str, year_of=lambda e: e.tax_year):
        return [e for e in ledger.entries(kind) if e.who == who and year_of(e) == year]

    accounts: dict[str, list[Item]] = {"traditional": [], "roth": []}
    for c in mine("contribution"):
        accounts[c.to].append(Item(c.date, c.amount, entry_source("contribution", c, c.amount), c.deducted))
    line6 = []
    for r in mine("recharacterization"):
        src = entry_source("recharacterization", r, r.amount)
        when = original_date(ledger, r)
        accounts[r.to].append(Item(when, r.amount, src, r.deducted))
        accounts[r.from_].append(Item(when, -r.amount, src))
        if r.date.year > year and when.year <= year:
            # Form 8606 instructions, line 6: recharacterizations after December 31 of amounts
            # that were in the IRAs on December 31 (not of contributions made next year)
            sign = 1 if r.to == "traditional" else -1
            line6.append(Item(r.date, sign * r.moved_amount, src))
    returned_later = []
    for r in mine("returned_contribution"):
        src, when = entry_source("returned_contribution", r, r.amount), original_date(ledger, r)
        accounts[r.from_].append(Item(when, -r.amount, src))
        if r.from_ == "traditional" and r.date.year > year and when is not None and when.year <= year:
            returned_later.append(Item(r.date, r.amount, src))

    dists = [(d, entry_source("distribution", d, d.amount)) for d in mine("distribution")]
    ends = [(e, _year_end(e)) for e in ledger.year_end if e.who == who and e.year == year]
    return YearFacts(
        who=who,
        year=year,
        traditional=tuple(accounts["traditional"]),
        roth=tuple(accounts["roth"]),
        conversions=tuple(Item(c.date, c.amount, entry_source("conversion", c, c.amount)) for c in mine("conversion")),
        distributions=tuple((d, s) for d, s in dists if d.from_ == "traditional"),
        roth_distributions=tuple((d, s) for d, s in dists if d.from_ == "roth"),
        plan_rollovers=tuple((r, entry_source("plan_rollover", r, r.amount)) for r in mine("plan_rollover")),
        year_end=ends[0] if ends else None,
        line6_adjustments=tuple(line6),
        returned_later=tuple(returned_later),
    )


def with_distributions(f: YearFacts, changed: dict[int, Distribution]) -> YearFacts:
    """The facts with some distributions replaced, keyed by id() of the one they replace (the
    parts the law does not leave out of line 7 or line 19: calc/qcd.py, calc/hsa.py)."""
    def swap(pairs):
        return tuple((changed.get(id(d), d), s) for d, s in pairs)
    return replace(f, distributions=swap(f.distributions), roth_distributions=swap(f.roth_distributions))


def all_distributions(f: YearFacts) -> list[tuple[Distribution, Source]]:
    """Traditional and Roth distributions of the year, in date order."""
    return sorted((*f.distributions, *f.roth_distributions), key=lambda pair: pair[0].date)
