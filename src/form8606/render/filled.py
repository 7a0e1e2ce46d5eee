"""What a batch `fill` ends with: for each ledger and form, the files written or why not, and the
Form 1040 line 4b figure each form sends (its `taxable_ira`, computed by calc)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from form8606.calc.result import FormResult
from form8606.money import fmt_money

WRITTEN, NOT_FILLED, NOTHING = "written", "not filled", "nothing to file"
NOT_WRITTEN, SKIPPED = "not written", "skipped"  # the whole ledger: a write error, an error in it


@dataclass(frozen=True)
class Brief:
    """A form as the table shows it: kept for each form of a batch of thousands, and sent back
    from worker processes, instead of the whole FormResult."""

    person: str
    year: int
    line_4b: str  # its taxable_ira, as printed

    @classmethod
    def of(cls, form: FormResult) -> Brief:
        return cls(form.person, form.year, fmt_money(form.taxable_ira.total, form.unit))


@dataclass(frozen=True)
class Filled:
    """What became of one form of a ledger, or of the whole ledger when `form` is None."""

    ledger: str
    status: str
    form: Brief | None = None
    files: tuple[Path, ...] = ()
    why: str = ""


def summary(outcomes: list[Filled]) -> str:
    """One row per form (person, year, line 4b, files or why not), one per ledger without forms."""
    width = max(len("ledger"), *(len(o.ledger) for o in outcomes))
    rows = [f"{'ledger':<{width}}  person  year  1040 line 4b  files written"]
    for o in outcomes:
        said = ", ".join(p.name for p in o.files) if o.status == WRITTEN else f"{o.status}: {o.why}"
        if o.form is not None:
            said = f"{o.form.person:<6}  {o.form.year:<4}  {o.form.line_4b:>12}  {said}"
        rows.append(f"{o.ledger:<{width}}  {said}")
    return "\n".join(rows)


def tally(outcomes: list[Filled]) -> str:
    """'4 ledgers: 1 written in full, 1 in part, 1 not written, 1 skipped'."""
    statuses: dict[str, set[str]] = {}  # each ledger's, in the batch's order
    for o in outcomes:
        statuses.setdefault(o.ledger, set()).add(o.status)
    kinds = [_kind(s) for s in statuses.values()]
    counts = [f"{kinds.count(k)} {k}" for k in ("written in full", "in part", NOT_WRITTEN, SKIPPED)
              if kinds.count(k) or k == "written in full"]
    return f"{len(kinds)} ledgers: {', '.join(counts)}"


def _kind(statuses: set[str]) -> str:
    for whole in (NOT_WRITTEN, SKIPPED):
        if whole in statuses:
            return whole
    return "in part" if NOT_FILLED in statuses else "written in full"
