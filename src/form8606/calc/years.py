"""Carry each person's basis across the years and produce a Form 8606 per person and year.

Line 14 of one year is line 2 of the next (Form 8606 instructions, Line 2, Total Basis Chart);
years with nothing to report carry the basis silently and yield no form.
"""

from __future__ import annotations

from decimal import Decimal

from form8606 import rules
from form8606.calc.asserts import check_assertions
from form8606.calc.book import Book
from form8606.calc.facts import YearFacts, gather
from form8606.calc.part1 import completed, part1, totals
from form8606.calc.part2 import part2
from form8606.calc.result import FormResult, Result, ordered
from form8606.ledger.checks import EVENT_KINDS
from form8606.ledger.model import Ledger
from form8606.money import CENT, DOLLAR, ZERO, fmt_money, round_to

PEOPLE = ("you", "spouse")


def compute(ledger: Ledger, whole_dollars: bool | None = None) -> Result:
    """The pure calculator: ledger in, every form's lines and notes out."""
    whole = ledger.options.whole_dollars if whole_dollars is None else whole_dollars
    unit = DOLLAR if whole else CENT
    forms = tuple(form for who in PEOPLE if who in ledger.people for form in person_forms(ledger, who, unit))
    return Result(ledger.source, forms, tuple(check_assertions(ledger, forms)))


def event_years(ledger: Ledger, who: str) -> list[int]:
    return sorted({e.tax_year for kind in EVENT_KINDS for e in ledger.entries(kind) if e.who == who})


def person_forms(ledger: Ledger, who: str, unit: Decimal) -> list[FormResult]:
    years = event_years(ledger, who)
    opening = next((o for o in ledger.opening if o.who == who), None)
    basis = round_to(opening.traditional_basis, unit) if opening else ZERO
    source = f"[[opening]] ({who}, {opening.year}): traditional_basis" if opening else "no earlier basis in the ledger"
    forms = []
    for year in range(years[0], years[-1] + 1) if years else ():
        facts = gather(ledger, who, year)
        if not facts.has_event:
            continue
        form = year_form(ledger, facts, basis, source, unit)
        forms.append(form)
        basis, source = form.basis_end, f"basis carried from the {year} Form 8606"
        if "14" in form.lines:
            source = f"line 14 of the {year} Form 8606"
    return forms


def year_form(ledger: Ledger, f: YearFacts, basis: Decimal, source: str, unit: Decimal) -> FormResult:
    rules.check_year(f.year)
    where = f"{ledger.source}: {f.who} {f.year}"
    book = Book(unit, ledger.options.ratio_places)
    t = totals(f, where)
    outcome = part1(f, t, basis, source, book, where) if completed(t, basis, f, where) else None
    basis_end = outcome.basis_end if outcome else basis
    if t.converted > 0:
        basis_end = part2(f, basis, source, book, outcome)
    _limit_notes(ledger, f, book)
    person = ledger.people[f.who]
    return FormResult(
        person=f.who,
        name=person.name,
        ssn=person.ssn,
        year=f.year,
        required=bool(reasons := _required_because(f, t, book, basis)),
        required_because=reasons,
        lines=ordered(book.lines),
        notes=tuple(book.notes),
        basis_start=basis,
        basis_end=basis_end,
        unit=unit,
        ratio_places=book.places,
    )


def _required_because(f: YearFacts, t, book: Book, basis: Decimal) -> tuple[str, ...]:
    """Form 8606 instructions, Who Must File."""
    line3 = book.get("3") if "3" in book.lines else basis
    reasons = []
    if (book.get("1") or ZERO) > 0:
        reasons.append("nondeductible contributions to a traditional IRA")
    if t.distributed > 0 and line3 > 0:
        reasons.append("distributions from traditional IRAs while the basis is more than zero")
    if t.converted > 0:
        reasons.append("a conversion to a Roth IRA")
    if any(d.net > 0 for d, _ in f.roth_distributions):
        reasons.append("a distribution from a Roth IRA")
    return tuple(reasons)


def _limit_notes(ledger: Ledger, f: YearFacts, book: Book) -> None:
    """Overall contribution limit for traditional and Roth IRAs (Form 8606 instructions),
    catch-up at 50 or older at the end of the year. Warned about, not refused."""
    total = sum((i.amount for i in (*f.traditional, *f.roth)), ZERO)
    year = rules.for_year(f.year)
    born = ledger.people[f.who].birth_date
    limit = year.ira_limit + (year.ira_catch_up if born and f.year - born.year >= 50 else ZERO)
    if total <= limit:
        return
    m = lambda v: fmt_money(v, CENT)  # noqa: E731 - exact figures in a warning
    if born is None and total <= year.ira_limit + year.ira_catch_up:
        book.note("limit_unknown_age", f"{f.year} IRA contributions of {m(total)} exceed the {m(year.ira_limit)} limit "
                  f"unless {f.who} was 50 or older at the end of {f.year}; add birth_date to [people.{f.who}]")
        return
    book.note("over_limit", f"{f.year} IRA contributions of {m(total)} exceed the {m(limit)} limit "
              f"({rules.parameter('ira_limit').sources[f.year]}) by {m(total - limit)}; the excess draws a 6% "
              "excise tax each year until it is withdrawn (Form 5329 Part III)")
