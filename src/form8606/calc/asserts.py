"""Balance-style assertions: what an already-filed form says, checked on every run
(STYLE: beancount's `balance`)."""

from __future__ import annotations

from collections.abc import Iterable

from form8606.calc.result import FormResult
from form8606.ledger.model import Ledger
from form8606.ledger.where import entry_label
from form8606.money import fmt_money, round_to


def check_assertions(ledger: Ledger, forms: Iterable[FormResult]) -> list[str]:
    by_key = {(f.person, f.year): f for f in forms}
    failures = []
    for a in ledger.assert_:
        where = entry_label(ledger.source, "assert", None, a)
        form = by_key.get((a.who, a.year))
        if form is None:
            failures.append(f"{where}: line {a.line}: no Form 8606 is computed for {a.who} in {a.year} "
                            "(no events that year)")
            continue
        ours = form.value(a.line)
        if ours is None:
            failures.append(f"{where}: line {a.line}: expected {fmt_money(a.amount, form.unit)}, but the "
                            "computed form leaves that line blank")
            continue
        theirs = a.amount if a.line == "10" else round_to(a.amount, form.unit)
        if theirs != ours:
            diff = ours - theirs
            failures.append(f"{where}: line {a.line}: expected {_show(theirs, a.line, form)} != computed "
                            f"{_show(ours, a.line, form)} ({_show(abs(diff), a.line, form)} too "
                            f"{'much' if diff > 0 else 'little'})")
    return failures


def _show(value, line: str, form: FormResult) -> str:
    return str(value) if line == "10" else fmt_money(value, form.unit)
