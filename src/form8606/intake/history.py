"""The history a person's filed forms tell, checked before the latest is trusted: each form's own
arithmetic, and each year's line 2 against the line 14 carried from the form before.

Form 8606 instructions, Line 2 (Total Basis Chart): line 2 is line 14 of the last Form 8606
filed. A year where they differ is where other software dropped or changed the basis (or one
of the instructions' exceptions applies: a return of excess contributions, a transfer incident
to divorce, a nontaxable plan rollover).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from form8606.check.arithmetic import Inconsistency, inconsistencies
from form8606.intake.people import Filed
from form8606.lines import PART1
from form8606.money import DOLLAR, ZERO

LINE2 = "Form 8606 instructions, Line 2, Total Basis Chart"


@dataclass(frozen=True)
class Carried:
    """The basis a form leaves for the next: its line 14, or none when Part I was not completed
    and a conversion used it (instructions, Lines 16 and 17; calc.part2)."""

    value: Decimal
    line: str  # "14", or "17" for a conversion without Part I
    form: Filed


@dataclass(frozen=True)
class Break:
    """A year whose line 2 is not the line 14 of the form before."""

    who: str
    year: int
    line2: Decimal
    source: str
    before: Carried


@dataclass(frozen=True)
class SelfContradiction:
    """A form whose figures don't follow from its own other lines."""

    who: str
    year: int
    source: str
    inconsistency: Inconsistency


def carried(form: Filed) -> Carried | None:
    """What a form carries to the next year's line 2; None for a form without Part I or Part II
    (a Roth distribution alone leaves the basis as it was)."""
    if any(label in form.lines for label in PART1):
        return Carried(form.lines.get("14", ZERO), "14", form)  # a blank line is the form's -0-
    if "16" in form.lines:
        return Carried(ZERO, "17", form)
    return None


def findings(filed: list[Filed]) -> list[Break | SelfContradiction]:
    """Every break and self-contradiction of one person's forms (oldest first)."""
    out: list[Break | SelfContradiction] = []
    before: Carried | None = None
    for form in filed:
        out += [SelfContradiction(form.who, form.year, form.form.source, i) for i in inconsistencies(form.lines)]
        line2 = form.lines.get("2", ZERO)
        if before is not None and any(label in form.lines for label in PART1) and abs(line2 - before.value) >= DOLLAR:
            out.append(Break(form.who, form.year, line2, form.form.source, before))
        before = carried(form) or before
    return out
