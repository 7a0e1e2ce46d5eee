"""One comparison engine for `check` and the ledger's [[assert]] entries: their figure against
ours, line by line, each difference with its likely causes from one catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from typing import Literal

from form8606.calc.facts import gather
from form8606.calc.result import FormResult, Result
from form8606.check.causes import Context, likely_causes
from form8606.ledger.model import Ledger
from form8606.lines import LINE_LABELS, RATIO_LINE
from form8606.money import ratio
from form8606.sources import Words

Status = Literal["agrees", "differs", "missing"]


@dataclass(frozen=True)
class LineCheck:
    line: str
    theirs: Decimal | None
    ours: Decimal | None
    difference: Decimal | None  # theirs - ours
    status: Status
    causes: tuple[Words, ...] = ()  # each a text naming its sources (form8606.render.sources.say)


def compare(theirs: dict[str, Decimal], ours: FormResult | None, context: Context | None,
            tolerance: Decimal = Decimal(1), labels: tuple[str, ...] = LINE_LABELS) -> list[LineCheck]:
    """Every line either side has. A blank line and a zero agree (the form's "-0-"). Their line 10
    rounded to fewer places than ours agrees when it is ours at their places; the lines figured
    from it then agree within that rounding (coarser_ratio)."""
    checks = []
    slack = coarser_ratio(theirs, ours)
    for label in labels:
        mine = ours.value(label) if ours else None
        their = theirs.get(label)
        if mine is None and their is None:
            continue
        status = _status(label, their, mine, tolerance + (slack or 0) * (label in FROM_RATIO))
        if label == RATIO_LINE and slack is not None:
            status = "agrees"
        difference = None if their is None or mine is None else their - mine
        checks.append(LineCheck(label, their, mine, difference, status))
    differing = {c.line for c in checks if c.status != "agrees"}
    if context is None:
        return checks
    return [c if c.status == "agrees" else LineCheck(c.line, c.theirs, c.ours, c.difference, c.status,
                                                        tuple(likely_causes(c.line, context, differing)))
            for c in checks]


# Lines figured from line 10 (Form 8606 lines 11-15c, 17, 18).
FROM_RATIO = frozenset({"11", "12", "13", "14", "15a", "15c", "17", "18"})


def coarser_ratio(theirs: dict[str, Decimal], ours: FormResult | None) -> Decimal | None:
    """When their line 10 is ours rounded to fewer places (the form allows "at least 3"), the
    dollars lines 11-18 may move by: lines 7 + 8 times half a unit of their last place, plus a
    dollar of rounding. None otherwise."""
    their = theirs.get(RATIO_LINE)
    if their is None or ours is None or not ours.value("9"):
        return None
    places = -their.as_tuple().exponent
    if not 3 <= places < ours.ratio_places or their != ratio(ours.value("5"), ours.value("9"), places):
        return None
    moved = (ours.value("7") or Decimal(0)) + (ours.value("8") or Decimal(0))
    return (moved * Decimal(5).scaleb(-places - 1)).to_integral_value(rounding=ROUND_CEILING) + 1


def context(ledger: Ledger, result: Result, theirs: dict[str, Decimal], person: str, year: int) -> Context:
    """Everything the catalogue of causes may look at for one person and year."""
    ours = next((f for f in result.forms if (f.person, f.year) == (person, year)), None)
    earlier = [f for f in result.forms if f.person == person and f.year < year]
    return Context(theirs, ours, earlier[-1] if earlier else None, gather(ledger, person, year))


def _status(label: str, their: Decimal | None, mine: Decimal | None, tolerance: Decimal) -> Status:
    if their is None or mine is None:
        return "agrees" if (their or mine or Decimal(0)) == 0 else "missing"
    if label == RATIO_LINE:
        return "agrees" if their == mine else "differs"
    return "agrees" if abs(their - mine) <= tolerance else "differs"
