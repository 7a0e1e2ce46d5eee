"""Form 8606 Part II: conversions from traditional, SEP and SIMPLE IRAs to Roth IRAs."""

from __future__ import annotations

from decimal import Decimal

from form8606.calc.book import Book
from form8606.calc.facts import YearFacts
from form8606.calc.part1 import Basis, Outcome
from form8606.money import ZERO


def part2(f: YearFacts, basis: Basis, book: Book, part1: Outcome | None) -> Decimal:
    """Enter lines 16-18; return the basis carried to next year."""
    m = book.money
    if part1 is not None:  # Part I completed: lines 16 and 17 come from lines 8 and 11
        converted = book.round(sum((c.amount for c in f.conversions), ZERO))
        l16 = book.put("16", converted, f"line 8 = {m(converted)}", [c.source for c in f.conversions])
        what = "line 11" if "11" in book.lines else "nontaxable part of the conversion (Worksheet 1-1)"
        l17 = book.put("17", part1.conversion_basis, f"{what} = {m(part1.conversion_basis)}")
        book.put("18", l16 - l17, f"line 16 - line 17 = {m(l16)} - {m(l17)}")
        return part1.basis_end
    # Part I not completed (Form 8606 instructions, lines 16 and 17): the net amount converted,
    # and as basis line 2 plus line-1 contributions made before the conversion.
    converted = sum((c.amount for c in f.conversions), ZERO)
    last = max(c.date for c in f.conversions)
    before = sum((i.amount - i.deducted for i in f.traditional if i.date <= last), ZERO)
    l16 = book.put("16", converted, f"conversions = {m(converted)}", [c.source for c in f.conversions])
    line2 = basis.value
    l17 = book.put("17", line2 + before, f"basis {m(line2)} + contributions before the conversion {m(before)}",
                   basis.sources)
    l18 = book.put("18", l16 - l17, f"line 16 - line 17 = {m(l16)} - {m(l17)}")
    if l18 < 0:
        book.note("conversion_below_basis", f"the amount converted ({m(l16)}) is less than its basis ({m(l17)}); "
                  "line 18 is below zero, so nothing goes on Form 1040 line 4b, and the unused basis does not carry "
                  "forward once no traditional IRA money is left (Form 8606 instructions, line 18).")
    return max(line2 + before - l17, ZERO)
