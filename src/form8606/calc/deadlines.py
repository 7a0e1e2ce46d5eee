"""When a correction must be made: a recharacterization, or a contribution returned as if never
made, by the due date of the return including extensions for the year of the contribution (rules
data: correction_deadline). A later one is refused: it is not what the entry says it is."""

from __future__ import annotations

from form8606 import rules
from form8606.errors import Problem
from form8606.ledger.model import Ledger
from form8606.ledger.where import entry_label

WHAT = {  # kind: (what was done, where the deadline is written, what to do instead)
    "recharacterization": (
        "recharacterized", "Form 8606 instructions, Recharacterizations; Pub. 590-A, chapter 1, Timing",
        ("a later transfer is not a recharacterization: the contribution stays where it was made; remove the "
         "entry, or fix `date` or `for_year`")),
    "returned_contribution": (
        "returned", "Form 8606 instructions, Return of IRA Contributions",
        ("a later withdrawal is a distribution (for an excess contribution, Return of Excess Traditional IRA "
         "Contributions, not supported yet): enter it as a [[distribution]], or fix `date` or `for_year`")),
}


def check_correction_deadlines(ledger: Ledger) -> list[Problem]:
    out = []
    for kind, (done, source, instead) in WHAT.items():
        for e in ledger.entries(kind):
            if e.for_year not in rules.SUPPORTED_YEARS or not _dated(ledger, e):  # the open year: not known yet
                continue
            last = rules.for_year(e.for_year).correction_deadline
            if e.date > last:
                out.append(Problem(entry_label(ledger.source, kind, None, e), f"{done} on {e.date}, after the deadline "
                                   f"for {e.for_year} contributions, {last} (the due date of the {e.for_year} return "
                                   f"including extensions; {source}): {instead}", "date"))
    return out


def _dated(ledger: Ledger, e) -> bool:
    """An entry a document became has a day of its own only when the document gives `date`
    (otherwise December 31 of the form's year stands in, for ordering: documents/translate.py)."""
    if e.document is None:
        return True
    return getattr(ledger.entries(e.document.kind)[e.document.positions[0] - 1], "date", None) is not None


# Whole-ledger checks of these rules, run when the ledger is loaded and on the entries documents
# become (form8606.documents.expand).
CHECKS = (check_correction_deadlines,)
