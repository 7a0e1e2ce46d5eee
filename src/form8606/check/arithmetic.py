"""Their form's own arithmetic: every sum and product Form 8606 defines, checked on *their*
figures before they are compared with the ledger. A form that contradicts itself is reported as
such: the difference is in their program, not in the facts.

The relations are the form's own words, line by line (Form 8606, lines 3-25c). A blank line is
the form's "-0-", but a relation whose inputs are all blank is not checked (a Worksheet 1-1
year leaves lines 6-12 blank and fills line 13: Pub. 590-B, Reporting your nontaxable
distribution on Form 8606).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from form8606.lines import RATIO_LINE
from form8606.money import ZERO, fmt_money

Lines = dict[str, Decimal]


@dataclass(frozen=True)
class Relation:
    line: str  # the line the form figures
    inputs: tuple[str, ...]
    words: str  # the rule, as the form says it
    figure: Callable[[Lines], Decimal | None]  # what the line must be; None: not checkable
    when: Callable[[Lines], bool] = lambda t: True


def _v(t: Lines, line: str) -> Decimal:
    return t.get(line) or ZERO


def _not_below_zero(value: Decimal) -> Decimal:
    return max(value, ZERO)


def _line11(t: Lines) -> Decimal:
    """Line 8 x line 10; rounding may not take lines 11 + 12 past line 5 (the basis), so a
    line trimmed to what is left of line 5 follows too."""
    return min(_v(t, "8") * _v(t, RATIO_LINE), _v(t, "5"))


def _line12(t: Lines) -> Decimal:
    return min(_v(t, "7") * _v(t, RATIO_LINE), max(_v(t, "5") - _v(t, "11"), ZERO))


def _part1(t: Lines) -> bool:
    """Lines 16 and 17 come from lines 8 and 11 when Part I is completed (form, line 16)."""
    return _v(t, "8") > 0 and "11" in t


RELATIONS: tuple[Relation, ...] = (
    Relation("3", ("1", "2"), "line 1 + line 2", lambda t: _v(t, "1") + _v(t, "2")),
    Relation("5", ("3", "4"), "line 3 - line 4", lambda t: _v(t, "3") - _v(t, "4")),
    Relation("9", ("6", "7", "8"), "line 6 + line 7 + line 8", lambda t: _v(t, "6") + _v(t, "7") + _v(t, "8")),
    Relation("11", ("8", RATIO_LINE), "line 8 x line 10", _line11),
    Relation("12", ("7", RATIO_LINE), "line 7 x line 10", _line12),
    Relation("13", ("11", "12"), "line 11 + line 12", lambda t: _v(t, "11") + _v(t, "12")),
    Relation("14", ("3", "13"), "line 3 - line 13", lambda t: _v(t, "3") - _v(t, "13")),
    Relation("15a", ("7", "12"), "line 7 - line 12", lambda t: _v(t, "7") - _v(t, "12")),
    Relation("15c", ("15a", "15b"), "line 15a - line 15b", lambda t: _v(t, "15a") - _v(t, "15b")),
    Relation("16", ("8",), "line 8 (Part I completed)", lambda t: _v(t, "8"), _part1),
    Relation("17", ("11",), "line 11 (Part I completed)", lambda t: _v(t, "11"), _part1),
    Relation("18", ("16", "17"), "line 16 - line 17", lambda t: _v(t, "16") - _v(t, "17")),
    Relation("21", ("19", "20"), "line 19 - line 20, not below 0", lambda t: _not_below_zero(_v(t, "19") - _v(t, "20"))),
    Relation("23", ("21", "22"), "line 21 - line 22, not below 0", lambda t: _not_below_zero(_v(t, "21") - _v(t, "22"))),
    Relation("25a", ("23", "24"), "line 23 - line 24, not below 0",
             lambda t: _not_below_zero(_v(t, "23") - _v(t, "24"))),
    Relation("25c", ("25a", "25b"), "line 25a - line 25b", lambda t: _v(t, "25a") - _v(t, "25b")),
)


@dataclass(frozen=True)
class Inconsistency:
    line: str
    theirs: Decimal
    expected: Decimal
    words: str  # "line 1 + line 2 = 7,000 + 0 = 7,000"


def inconsistencies(theirs: Lines, tolerance: Decimal = Decimal(1)) -> list[Inconsistency]:
    """Every line of their form that doesn't follow from their other lines, within `tolerance`
    dollars (each line is rounded on its own, so sums may be off by a dollar or so)."""
    out = []
    ratio = _ratio(theirs)
    if ratio is not None:
        out.append(ratio)
    for r in RELATIONS:
        if r.line not in theirs or not any(i in theirs for i in r.inputs) or not r.when(theirs):
            continue
        expected = r.figure(theirs)
        if expected is not None and abs(theirs[r.line] - expected) > tolerance:
            figures = " and ".join(f"line {i} {_show(theirs.get(i), i)}" for i in r.inputs)
            out.append(Inconsistency(r.line, theirs[r.line], expected, f"{r.words}, with {figures}: "
                                     f"{fmt_money(expected, Decimal('0.01') if expected % 1 else Decimal(1))}"))
    return sorted(out, key=lambda i: _order(i.line))


def _ratio(t: Lines) -> Inconsistency | None:
    """Line 10: line 5 / line 9 "rounded to at least 3 places", 1.000 at most (form line 10).
    Their own places decide; rounding or cutting off the last place both pass."""
    their = t.get(RATIO_LINE)
    if their is None or _v(t, "9") <= 0:
        return None
    places = max(-their.as_tuple().exponent, 3)
    quantum = Decimal(1).scaleb(-places)
    exact = min(_v(t, "5") / _v(t, "9"), Decimal(1))
    if abs(their - exact) < quantum or their == exact.quantize(quantum, rounding=ROUND_DOWN):
        return None
    return Inconsistency(RATIO_LINE, their, exact.quantize(quantum),
                         f"line 5 / line 9 = {_show(t.get('5'), '5')} / {_show(t.get('9'), '9')}, at most 1: "
                         f"{exact.quantize(quantum)}")


def _show(value: Decimal | None, line: str) -> str:
    if value is None:
        return "(blank)"
    return format(value, "f") if line == RATIO_LINE else fmt_money(value, Decimal("0.01") if value % 1 else Decimal(1))


def _order(line: str) -> tuple[int, str]:
    digits = "".join(ch for ch in line if ch.isdigit())
    return int(digits), line
