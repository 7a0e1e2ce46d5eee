"""Carry each person's basis across the years and produce a Form 8606 per person and year.

Line 14 of one year is line 2 of the next (Form 8606 instructions, Line 2, Total Basis Chart);
the Roth layers carry the same way. Years with nothing to report yield no form.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from form8606 import rules
from form8606.ages import age_at_year_end, traditional_barred
from form8606.calc import hsa, qcd
from form8606.calc.book import Book
from form8606.calc.facts import YearFacts, gather
from form8606.calc.part1 import Basis, completed, part1, totals
from form8606.calc.part2 import part2
from form8606.calc.part3 import RothState, part3
from form8606.calc.qualified import first_roth_year, opening_of
from form8606.calc.result import FormResult, OpenYear, Result, TaxableIra, ordered
from form8606.calc.roth import Layers
from form8606.errors import Form8606Error, NotComputable
from form8606.ledger.checks import EVENT_KINDS
from form8606.ledger.model import Ledger
from form8606.money import CENT, DOLLAR, ZERO, fmt_money, round_to
from form8606.sources import FORM, NOTHING, Source

PEOPLE = ("you", "spouse")


@dataclass(frozen=True)
class Carried:
    """What one year hands to the next."""

    basis: Decimal  # traditional basis (line 14)
    source: Source  # where it came from, for the explanation of line 2
    roth: RothState


def compute(ledger: Ledger, whole_dollars: bool | None = None, through: int | None = None) -> Result:
    """The pure calculator: a ledger whose documents are already expanded into events
    (form8606.pipeline) in, every form's lines and notes out. With `through`, the years after
    it are left alone; a year that can't be computed yet ends its person's forms there."""
    whole = ledger.options.whole_dollars if whole_dollars is None else whole_dollars
    unit = DOLLAR if whole else CENT
    forms, open_years, problems = [], [], []
    for who in PEOPLE:  # the problems of both people are reported together
        if who in ledger.people:
            try:
                done, still_open = person_forms(ledger, who, unit, through)
            except Form8606Error as exc:
                problems += exc.problems
                continue
            forms += done
            open_years += still_open
    if problems:
        raise Form8606Error(problems)
    return Result(ledger.source, tuple(forms), open_years=tuple(open_years))


def event_years(ledger: Ledger, who: str) -> list[int]:
    return sorted({e.tax_year for kind in EVENT_KINDS for e in ledger.entries(kind) if e.who == who})


def start(ledger: Ledger, who: str, unit: Decimal) -> Carried:
    opening = opening_of(ledger, who)
    layers = Layers()
    if opening:
        layers = layers.add_contributions(round_to(opening.roth_contribution_basis, unit))
        for layer in opening.roth_conversions:
            layers = layers.add_conversion(layer.year, round_to(layer.amount, unit), round_to(layer.taxable, unit))
    roth = RothState(layers, opening.homebuyer_used if opening else ZERO, first_roth_year(ledger, who, opening))
    if opening:
        return Carried(round_to(opening.traditional_basis, unit),
                       Source("opening", who, year=opening.year, field="traditional_basis"), roth)
    return Carried(ZERO, Source(NOTHING), roth)


def person_forms(ledger: Ledger, who: str, unit: Decimal, through: int | None = None
                 ) -> tuple[list[FormResult], list[OpenYear]]:
    """The person's forms year by year, up to `through`. A year that can't be computed yet
    (no December 31 value, or a tax year form8606 has no rules for) stops the chain: the basis
    it would carry is unknown."""
    years = [y for y in event_years(ledger, who) if through is None or y <= through]
    carried = start(ledger, who, unit)
    forms = []
    for year in range(years[0], years[-1] + 1) if years else ():
        facts = gather(ledger, who, year)
        if not facts.has_event:
            continue
        if year not in rules.SUPPORTED_YEARS:
            return forms, [OpenYear(who, year, f"form8606 has no rules for tax year {year} yet (it supports "
                                    f"{rules.SUPPORTED_YEARS.start}-{rules.SUPPORTED_YEARS.stop - 1})")]
        try:
            form, carried = year_form(ledger, facts, carried, unit)
        except NotComputable as exc:
            return forms, [OpenYear(who, year, "; ".join(p.message for p in exc.problems))]
        forms.append(form)
    return forms, []


def year_form(ledger: Ledger, f: YearFacts, carried: Carried, unit: Decimal) -> tuple[FormResult, Carried]:
    rules.check_year(f.year)
    where = f"{ledger.source}: {f.who} {f.year}"
    book = Book(unit, ledger.options.ratio_places)
    line2 = _line2(f, carried, book)
    basis = line2.value
    f = _excluded_parts(ledger, f, basis, book, where)
    t = totals(f, where)
    outcome = part1(f, t, line2, book, where) if completed(t, basis, f, where) else None
    basis_end = outcome.basis_end if outcome else basis
    if t.converted > 0:
        basis_end = part2(f, line2, book, outcome)
    person = ledger.people[f.who]
    roth = part3(f, carried.roth, person, book, where)
    _limit_notes(ledger, f, book)
    reasons = _required_because(t, book, basis, roth.reported)
    form = FormResult(
        person=f.who, name=person.name, ssn=person.ssn, year=f.year,
        required=bool(reasons), required_because=reasons,
        lines=ordered(book.lines), notes=tuple(book.notes),
        basis_start=basis, basis_end=basis_end,
        roth_basis=roth.state.layers, additional_tax_base=roth.additional_tax_base,
        unit=unit, ratio_places=book.places, taxable_ira=_taxable_ira(f, book),
    )
    where_from = Source(FORM, f.who, year=f.year, field="14" if "14" in book.lines else None)
    return form, Carried(basis_end, where_from, roth.state)


def _excluded_parts(ledger: Ledger, f: YearFacts, basis: Decimal, book: Book, where: str) -> YearFacts:
    """The parts of the year's distributions the law leaves out of lines 7 and 19 (Form 8606
    instructions, Line 7): QCDs by age and yearly limit, then within the taxable part of the
    IRAs (over line 5's basis); the one HSA funding distribution."""
    f = hsa.once(ledger, qcd.by_age_and_limit(ledger, f, book), book)
    qcd.refuse_roth(ledger, f)
    return qcd.within_taxable(f, basis + totals(f, where).nondeductible_early, book, where)


def _line2(f: YearFacts, carried: Carried, book: Book) -> Basis:
    """Line 2, its sources and how it was reached. It also takes the nontaxable part of plan
    rollovers to traditional IRAs not yet reported (Form 8606 instructions, Line 2, third bullet)."""
    after_tax = [(r, s) for r, s in f.plan_rollovers if r.to == "traditional" and r.after_tax]
    if not after_tax:
        return Basis(carried.basis, (carried.source,), f"basis carried in = {book.money(carried.basis)}")
    added = book.round(sum((r.after_tax for r, _ in after_tax), ZERO))
    total = carried.basis + added
    return Basis(total, (carried.source, *(s for _, s in after_tax)),
                 f"basis carried in {book.money(carried.basis)} + after-tax money rolled over from an employer plan "
                 f"{book.money(added)} = {book.money(total)}")


def _taxable_ira(f: YearFacts, book: Book) -> TaxableIra:
    """Form 1040 line 4b from this form: line 15c (or, without Part I, the traditional
    distributions less rollovers, QCDs, HSA funding and disaster amounts, all taxable), line 18
    when above zero, line 25c."""
    no_basis = None
    if "15c" not in book.lines:
        no_basis = book.round(sum((d.net - d.disaster for d, _ in f.distributions), ZERO)) or None
    l18 = book.get("18")
    return TaxableIra(book.get("15c") or None, no_basis, l18 if l18 and l18 > 0 else None, book.get("25c") or None)


def _required_because(t, book: Book, basis: Decimal, roth_reported: bool) -> tuple[str, ...]:
    """Form 8606 instructions, Who Must File."""
    line3 = book.get("3") if "3" in book.lines else basis
    reasons = []
    if (book.get("1") or ZERO) > 0:
        reasons.append("nondeductible contributions to a traditional IRA")
    if t.distributed > 0 and line3 > 0:
        reasons.append("distributions from traditional IRAs while the basis is more than zero")
    if t.converted > 0:
        reasons.append("a conversion to a Roth IRA")
    if roth_reported:
        reasons.append("a Roth IRA distribution reported in Part III")
    return tuple(reasons)


def _limit_notes(ledger: Ledger, f: YearFacts, book: Book) -> None:
    """Overall contribution limit for traditional and Roth IRAs (Form 8606 instructions),
    catch-up at 50 or older at the end of the year. Warned about, not refused."""
    total = sum((i.amount for i in (*f.traditional, *f.roth)), ZERO)
    year = rules.for_year(f.year)
    born = ledger.people[f.who].birth_date
    traditional = sum((i.amount for i in f.traditional), ZERO)
    if traditional > 0 and traditional_barred(born, f.year):
        book.note("age_70_half", f"{ledger.people[f.who].name} was 70 1/2 by the end of {f.year}: traditional IRA "
                  f"contributions were not allowed for that year (IRC 219(d)(1) before the SECURE Act), so the "
                  f"{fmt_money(traditional, CENT)} contributed is an excess contribution (6% excise tax each year until "
                  "withdrawn, Form 5329 Part III); Roth contributions were allowed")
    limit = year.ira_limit + (year.ira_catch_up if born and age_at_year_end(born, f.year) >= 50 else ZERO)
    if total <= limit:
        return
    m = lambda v: fmt_money(v, CENT)  # noqa: E731 - exact figures in a warning
    if born is None and total <= year.ira_limit + year.ira_catch_up:
        book.note("limit_unknown_age", f"{f.year} IRA contributions of {m(total)} exceed the {m(year.ira_limit)} limit "
                  f"unless {ledger.people[f.who].name} was 50 or older at the end of {f.year}; add birth_date to "
                  f"[people.{f.who}]")
        return
    age = "" if born else f" ({m(year.ira_limit + year.ira_catch_up)} at 50 or older; no birth_date is given)"
    book.note("over_limit", f"{f.year} IRA contributions of {m(total)} exceed the {m(limit)} limit{age} "
              f"({rules.parameter('ira_limit').sources[f.year]}) by {m(total - limit)}; the excess draws a 6% "
              "excise tax each year until it is withdrawn (Form 5329 Part III)")
