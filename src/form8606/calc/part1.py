"""Form 8606 Part I: nondeductible contributions and the pro-rata rule (lines 1-15c)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from form8606.calc.book import Book
from form8606.calc.facts import Item, YearFacts
from form8606.errors import Form8606Error, NotComputable, Problem
from form8606.ledger.where import label
from form8606.money import CENT, ZERO, fmt_money, ratio
from form8606.sources import Source


@dataclass(frozen=True)
class Basis:
    """Line 2: the basis carried in, where it came from, and how it was reached."""

    value: Decimal
    sources: tuple[Source, ...]
    how: str


@dataclass(frozen=True)
class Totals:
    """The year's exact figures, before any line is entered."""

    nondeductible_early: Decimal  # line-1 contributions made by December 31
    nondeductible_late: Decimal  # made from January 1 of the next year (line 4)
    distributed: Decimal  # line 7 before rounding
    converted: Decimal  # line 8 before rounding
    disaster: Decimal
    contributed: Decimal  # all traditional contributions for the year, deductible or not
    deducted: Decimal
    line1_sources: tuple[Source, ...]

    @property
    def worksheet_1_1(self) -> bool:
        """Form 8606 instructions, Line 7 caution: distributions (or conversions) in a year whose
        traditional contributions were not fully deductible because of the income limits call
        for Pub. 590-B Worksheet 1-1 instead of lines 6-12. A year with both deducted and
        nondeductible contributions is that case."""
        nondeductible = self.nondeductible_early + self.nondeductible_late
        return (self.distributed > 0 or self.converted > 0) and self.deducted > 0 and nondeductible > 0


@dataclass(frozen=True)
class Outcome:
    """What Part II and the next year need from Part I."""

    basis_end: Decimal  # line 14
    conversion_basis: Decimal  # the nontaxable part of the conversion (line 11, or Worksheet 1-1)


def totals(f: YearFacts, where: str) -> Totals:
    early = sum((i.amount - i.deducted for i in f.traditional if i.date.year <= f.year), ZERO)
    late = sum((i.amount - i.deducted for i in f.traditional if i.date.year > f.year), ZERO)
    if early < 0 or late < 0:
        raise Form8606Error(Problem(where, "the `deducted` parts plus the recharacterized and returned amounts are "
                                    "more than the traditional contributions they belong to; check `deducted`"))
    return Totals(
        nondeductible_early=early,
        nondeductible_late=late,
        distributed=sum((d.net for d, _ in f.distributions), ZERO),
        converted=sum((c.amount for c in f.conversions), ZERO),
        disaster=sum((d.disaster for d, _ in f.distributions), ZERO),
        contributed=sum((i.amount for i in f.traditional), ZERO),
        deducted=sum((i.deducted for i in f.traditional), ZERO),
        line1_sources=tuple(i.source for i in f.traditional),
    )


def line6_exact(f: YearFacts, where: str) -> Decimal:
    if f.year_end is None:
        raise NotComputable(Problem(where, f"Form 8606 line 6 needs the value of all traditional, SEP and SIMPLE IRAs "
                                    f"of \"{f.who}\" on December 31, {f.year}; add [[year_end]] who = \"{f.who}\", "
                                    f"year = {f.year}, traditional = ... (Form 5498 box 5)"))
    if f.returned_later:
        raise Form8606Error([_returned_later(i, f.year, where) for i in f.returned_later])
    end = f.year_end[0]
    return end.traditional + end.outstanding_rollovers + sum((a.amount for a in f.line6_adjustments), ZERO)


def _returned_later(i: Item, year: int, where: str) -> Problem:
    """Not supported: the instructions adjust line 6 for recharacterizations after December 31
    (Line 6) but say nothing of contributions returned after it, which are "treated as if they
    were never contributed" (Return of IRA Contributions). Either reading changes line 6."""
    return Problem(where, f"{label(i.source)} returned {fmt_money(i.amount, CENT)} of a {year} traditional contribution "
                   f"after December 31, {year}, so the December 31 value on line 6 still holds it. The Form 8606 "
                   "instructions adjust line 6 for recharacterizations made after December 31 (Line 6), not for "
                   "returned contributions, which are \"treated as if they were never contributed\" (Return of IRA "
                   "Contributions): form8606 does not guess whether line 6 leaves it out (not supported yet, "
                   "docs/rules.md); figure lines 6-15c of this year with your preparer")


def completed(t: Totals, line2: Decimal, f: YearFacts, where: str) -> bool:
    """Part I applies when (form, Part I heading): nondeductible contributions this year; or
    distributions with basis; or a conversion of part, but not all, of the traditional IRAs
    with basis."""
    if t.nondeductible_early + t.nondeductible_late > 0:
        return True
    if line2 <= 0:
        return False
    return t.distributed > 0 or (t.converted > 0 and line6_exact(f, where) > 0)


def part1(f: YearFacts, t: Totals, line2: Basis, book: Book, where: str) -> Outcome:
    """Enter lines 1-15c."""
    m = book.money
    l1 = book.put("1", t.nondeductible_early + t.nondeductible_late,
                  f"contributions less deducted, recharacterized and returned parts = {m(t.nondeductible_early + t.nondeductible_late)}",
                  t.line1_sources)
    l2 = book.put("2", line2.value, line2.how, line2.sources)
    l3 = book.put("3", l1 + l2, f"line 1 + line 2 = {m(l1)} + {m(l2)}")
    if t.distributed == 0 and t.converted == 0:
        # Form 8606, question after line 3: no distribution or conversion -> line 14 = line 3.
        l14 = book.put("14", l3, f"no distribution or conversion this year: line 14 = line 3 = {m(l3)}")
        return Outcome(l14, ZERO)
    l4 = book.put("4", t.nondeductible_late, f"line-1 contributions made after December 31 = {m(t.nondeductible_late)}",
                  [i.source for i in f.traditional if i.date.year > f.year])
    l5 = book.put("5", l3 - l4, f"line 3 - line 4 = {m(l3)} - {m(l4)}")
    if t.worksheet_1_1 and (outcome := _worksheet_1_1(f, t, l2, l3, l5, book, where)):
        return outcome
    raw6 = line6_exact(f, where)
    if raw6 < 0:
        book.note("line6_negative", f"the December 31 value less recharacterizations after December 31 is negative "
                  f"({m(raw6)}); line 6 is entered as 0. Check the [[year_end]] and [[recharacterization]] entries.")
        raw6 = ZERO
    end, end_src = f.year_end
    x = book.exact
    l6 = book.put("6", raw6, f"December 31 value {x(end.traditional)} + outstanding rollovers "
                  f"{x(end.outstanding_rollovers)}" + "".join(f" {'+' if a.amount >= 0 else '-'} {x(abs(a.amount))} "
                  "(moved by a recharacterization after December 31)" for a in f.line6_adjustments)
                  + f" = {x(raw6)}",
                  (end_src, *(a.source for a in f.line6_adjustments)))
    l7 = book.put("7", t.distributed, f"distributions less rollovers, QCDs and HSA funding = {m(t.distributed)}",
                  [s for _, s in f.distributions])
    l8 = book.put("8", t.converted, f"conversions = {m(t.converted)}", [c.source for c in f.conversions])
    l9 = book.put("9", l6 + l7 + l8, f"line 6 + line 7 + line 8 = {m(l6)} + {m(l7)} + {m(l8)}")
    if l9 > 0:
        l10 = book.put("10", ratio(l5, l9, book.places), f"line 5 / line 9 = {m(l5)} / {m(l9)}, rounded to "
                       f"{book.places} places{' and capped at 1' if l5 >= l9 else ''}")
    else:  # amounts of a few cents that print as 0: nothing to spread the basis over
        l10 = book.put("10", Decimal(1), "line 9 is 0, so nothing is taxable: 1")
    l11 = book.put("11", l8 * l10, f"line 8 x line 10 = {m(l8)} x {l10}")
    l12 = book.put("12", l7 * l10, f"line 7 x line 10 = {m(l7)} x {l10}")
    if l11 + l12 > l5:
        l11, l12 = _cap(book, l5, l11, l12)
    l13 = book.put("13", l11 + l12, f"line 11 + line 12 = {m(l11)} + {m(l12)}")
    l14 = book.put("14", l3 - l13, f"line 3 - line 13 = {m(l3)} - {m(l13)}")
    _line15(t, l7, l12, "line 7 - line 12", book)
    _pro_rata_note(book, l6, l8, l10, l11)
    return Outcome(l14, l11)


def _line15(t: Totals, l7: Decimal, l12: Decimal, what: str, book: Book) -> None:
    m = book.money
    l15a = book.put("15a", l7 - l12, f"{what} = {m(l7)} - {m(l12)}")
    share = t.disaster / l7 if l7 else ZERO  # Form 8606 instructions, line 15b: over line 7
    l15b = book.put("15b", l15a * share, f"line 15a x disaster distributions / line 7 = {m(l15a)} x "
                    f"{m(t.disaster)} / {m(l7)}" if t.disaster else "no qualified disaster distributions = 0")
    book.put("15c", l15a - l15b, f"line 15a - line 15b = {m(l15a)} - {m(l15b)}")


WORKSHEET_1_1_LINE_13 = (
    "The nontaxable part of the year's distributions and conversions from Pub. 590-B Worksheet 1-1 (line 8), "
    "used when this year's contributions may not be fully deductible; lines 6-12 stay blank.",
    "Pub. 590-B, Worksheet 1-1 and Reporting your nontaxable distribution on Form 8606; Form 8606 instructions, "
    "Line 7 caution")


def _worksheet_1_1(f: YearFacts, t: Totals, l2: Decimal, l3: Decimal, l5: Decimal, book: Book,
                   where: str) -> Outcome | None:
    """Pub. 590-B Worksheet 1-1: the basis plus ALL of the year's contributions (deductible or
    not, including those made by the due date) over the December 31 value plus distributions
    and conversions. Pub. 590-B, Reporting your nontaxable distribution on Form 8606: when
    line 5 is at least the worksheet's nontaxable amount (its line 8), lines 6-12 stay blank and
    that amount goes on line 13 (and its conversion part on line 17); otherwise lines 6-15c are
    completed as usual (None)."""
    m = book.money
    value = book.round(max(line6_exact(f, where), ZERO))
    dist, conv = book.round(t.distributed), book.round(t.converted)
    total = value + dist + conv
    share = ratio(l2 + t.contributed, total, book.places) if total > 0 else Decimal(1)
    dist_free, conv_free = book.round(dist * share), book.round(conv * share)
    if dist_free + conv_free > l5:
        book.note("worksheet_1_1_set_aside", f"Pub. 590-B Worksheet 1-1 gives {m(dist_free + conv_free)} nontaxable, more than "
                  f"line 5 ({m(l5)}), so lines 6-15c are completed as usual (Pub. 590-B, Reporting your nontaxable "
                  "distribution on Form 8606).", "note")
        return None
    steps = (f"Pub. 590-B Worksheet 1-1: ({m(l2)} basis + {m(t.contributed)} contributed this year) / "
             f"({m(value)} December 31 value + {m(dist)} distributed + {m(conv)} converted) = {share}; "
             f"nontaxable {m(dist_free)} of the distributions + {m(conv_free)} of the conversion")
    l13 = book.put("13", dist_free + conv_free, steps, (f.year_end[1], *(s for _, s in f.distributions),
                                                         *(c.source for c in f.conversions)), WORKSHEET_1_1_LINE_13)
    l14 = book.put("14", l3 - l13, f"line 3 - line 13 = {m(l3)} - {m(l13)}")
    _line15(t, dist, dist_free, "distributions - their nontaxable part (Worksheet 1-1)", book)
    book.note("worksheet_1_1", f"this year's traditional contributions were partly deducted and there were "
              f"distributions or conversions, so the nontaxable amount comes from Pub. 590-B Worksheet 1-1 "
              f"(ratio {share}) and lines 6-12 stay blank (Form 8606 instructions, Line 7 caution).", "note")
    return Outcome(l14, conv_free)


def _cap(book: Book, l5: Decimal, l11: Decimal, l12: Decimal) -> tuple[Decimal, Decimal]:
    """Rounding must not spend more basis than line 5 holds (basis is never negative):
    trim line 12, then line 11, so that line 13 = line 5."""
    excess = l11 + l12 - l5
    cut12 = min(excess, l12)
    new12, new11 = l12 - cut12, l11 - (excess - cut12)
    if cut12:
        book.put("12", new12, f"line 7 x line 10, less {book.money(cut12)} so that rounding does not use more "
                 "basis than line 5", book.lines["12"].sources)
    if new11 != l11:
        book.put("11", new11, f"line 8 x line 10, less {book.money(l11 - new11)} so that rounding does not use "
                 "more basis than line 5", book.lines["11"].sources)
    book.note("line13_capped", f"rounding would have made line 13 ({book.money(l11 + l12)}) larger than line 5 "
              f"({book.money(l5)}); line 13 was held to line 5 so the basis never goes negative", "note")
    return new11, new12


def _pro_rata_note(book: Book, l6: Decimal, l8: Decimal, l10: Decimal, l11: Decimal) -> None:
    if l8 <= 0 or l6 <= 0 or l10 >= 1:
        return
    taxable = l8 - l11
    book.note("pro_rata_taxable", f"{book.money(taxable)} of the {book.money(l8)} converted is taxable because "
              f"traditional, SEP and SIMPLE IRAs held {book.money(l6)} on December 31 (line 6): the basis is "
              f"spread over all of it (pro-rata rule, line 10 = {l10}). Moving pre-tax IRA money into an "
              "employer plan before December 31 keeps it out of line 6.")
