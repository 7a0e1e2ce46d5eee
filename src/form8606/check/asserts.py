"""Balance-style assertions: what an already-filed form says, checked on every run
(STYLE: beancount's `balance`). They use the cross-check's comparison engine and its
catalogue of likely causes, so a failing assertion says why, like `check` does."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from form8606.calc.result import Failure, FormResult, OpenYear, Result
from form8606.check.compare import LineCheck, compare, context
from form8606.ledger.model import Ledger
from form8606.ledger.where import entry_label
from form8606.lines import RATIO_LINE
from form8606.money import fmt_money, round_to
from form8606.sources import Words


def check_assertions(ledger: Ledger, forms: Iterable[FormResult], open_years: Iterable[OpenYear] = (),
                     through: int | None = None) -> list[Failure]:
    """Each [[assert]] of a computed year (not of an open year, nor after `through`)."""
    result = Result(ledger.source, tuple(forms))
    pending = {o.person: o.year for o in open_years}
    failures = []
    for a in ledger.assert_:
        if (through is not None and a.year > through) or a.year >= pending.get(a.who, a.year + 1):
            continue
        where = f"{entry_label(ledger.source, 'assert', None, a)}: line {a.line}"
        ctx = context(ledger, result, {}, a.who, a.year)
        if ctx.ours is None:
            failures.append(Failure(where, (f"no Form 8606 is computed for {a.who} in {a.year} (no events that year)",),
                                    a.line, a.amount))
            continue
        theirs = {a.line: a.amount if a.line == RATIO_LINE else round_to(a.amount, ctx.ours.unit)}
        (line,) = compare(theirs, ctx.ours, ctx.with_theirs(theirs), Decimal(0), (a.line,))
        if line.status != "agrees":
            failures.append(Failure(where, _differs(line, ctx.ours.unit), a.line, line.theirs, line.ours))
    return failures


def _differs(line: LineCheck, unit: Decimal) -> Words:
    show = (lambda v: str(v)) if line.line == RATIO_LINE else (lambda v: fmt_money(v, unit))  # noqa: E731
    if line.ours is None:
        return (f"expected {show(line.theirs)}, but the computed form leaves that line blank",)
    diff = line.ours - line.theirs
    causes = [part for n, cause in enumerate(line.causes) for part in (("; ",) if n else ()) + tuple(cause)]
    return (f"expected {show(line.theirs)} != computed {show(line.ours)} ({show(abs(diff))} too "
            f"{'much' if diff > 0 else 'little'}); likely cause: ", *causes)
