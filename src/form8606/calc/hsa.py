"""The qualified HSA funding distribution: once in a lifetime (IRC 408(d)(9)(C)(ii); Pub. 590-B,
chapter 1, One-time qualified Health Savings Account (HSA) funding distribution). A later one is
an ordinary distribution, on line 7 (or line 19) with the others."""

from __future__ import annotations

from form8606.calc.book import Book
from form8606.calc.facts import YearFacts, all_distributions, with_distributions
from form8606.calc.qualified import opening_of
from form8606.ledger.model import Ledger
from form8606.money import CENT, ZERO, fmt_money

PUB = "Pub. 590-B, chapter 1, One-time transfer"


def funding_year(ledger: Ledger, who: str) -> int | None:
    """The year of the person's qualified HSA funding distribution: the opening's
    `hsa_funding_year`, or else the first year the ledger has one."""
    opening = opening_of(ledger, who)
    if opening is not None and opening.hsa_funding_year is not None:
        return opening.hsa_funding_year
    return min((d.date.year for d in ledger.distribution if d.who == who and d.hsa_funding > 0), default=None)


def once(ledger: Ledger, f: YearFacts, book: Book) -> YearFacts:
    """"Generally, only one qualified HSA funding distribution is allowed during your lifetime"
    (Pub. 590-B); a second one only in the same tax year, after a change from self-only to family
    coverage, up to that year's HSA limit (IRC 408(d)(9)(B) and (C)(ii)(II)): not checked here
    (Form 8889), so it is warned about."""
    funded = [(d, s) for d, s in all_distributions(f) if d.hsa_funding > 0]
    if not funded:
        return f
    first = funding_year(ledger, f.who)
    if first == f.year:
        for d, s in funded[1:]:
            book.note("hsa_funding_second", f"a second HSA funding distribution in {f.year} "
                      f"({fmt_money(d.hsa_funding, CENT)}) is allowed only after a change from self-only to family "
                      "coverage in the same year, and the two together only up to that year's HSA contribution limit "
                      f"(IRC 408(d)(9)(C)(ii)(II) and (B); {PUB}); form8606 can't check this (Form 8889)", subject=s)
        return f
    for d, s in funded:
        book.note("hsa_funding_repeated", f"{fmt_money(d.hsa_funding, CENT)} moved to an HSA is not a qualified HSA "
                  f"funding distribution: the once-in-a-lifetime one was made in {first} (IRC 408(d)(9)(C)(ii)(I); "
                  f"{PUB}), so it is an ordinary distribution, counted with the others", subject=s)
    return with_distributions(f, {id(d): d.model_copy(update={"hsa_funding": ZERO}) for d, _ in funded})
