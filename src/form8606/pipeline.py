"""The one pipeline every command runs: load -> documents expanded into events -> calculation
-> the documents' names and notes on the forms -> [[assert]] entries and reconciliation.

Each stage is a pure function of the one before; this module is the only place that knows
their order, so the calculator needs neither the documents nor the cross-check.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from form8606 import calc, documents
from form8606.calc.result import Result
from form8606.check.asserts import check_assertions
from form8606.documents import Expansion
from form8606.errors import Form8606Error, Problem
from form8606.ledger.load import parse, parse_file, raise_problems
from form8606.ledger.model import Ledger


def load_file(path: str | Path, person: str | None = None) -> Ledger:
    """The ledger at `path`, every problem of its entries and documents reported at once."""
    return raise_problems(*_with_documents(*parse_file(path, person, calc.CHECKS)))


def load_text(text: str, source: str = "ledger") -> Ledger:
    return raise_problems(*_with_documents(*parse(text, source, calc.CHECKS)))


def _with_documents(ledger: Ledger | None, problems: list[Problem]) -> tuple[Ledger | None, list[Problem]]:
    """A ledger with problems also gets its Forms 1099-R checked, so that one run reports
    everything; a sound one has them turned into events once, by `run`."""
    if ledger is None or not problems:
        return ledger, problems
    try:
        documents.expand(ledger, translate_only=True)
    except Form8606Error as exc:
        problems = problems + [p for p in exc.problems if p not in problems]
    return ledger, problems


def expanded(ledger: Ledger) -> Ledger:
    """The ledger with its documents as events (Forms 1099-R) and December 31 values (Form 5498
    box 5): the facts the calculator works from, for the planner."""
    return documents.expand(ledger)[0]


@dataclass(frozen=True)
class Run:
    """What one pass of the pipeline made of a ledger."""

    ledger: Ledger  # as written
    expansion: Expansion  # its documents as events, and their reconciliation
    result: Result  # the forms, annotated, with the failures of assertions and documents


def run(ledger: Ledger, whole_dollars: bool | None = None, through: int | None = None) -> Run:
    """Every form of the ledger, or of the years up to `through` (a --year)."""
    expanded, expansion = documents.expand(ledger)
    result = calc.compute(expanded, whole_dollars, through)
    forms = documents.annotate(expansion, result.forms)
    failures = tuple(check_assertions(expanded, forms, result.open_years, through)) + expansion.failures
    return Run(ledger, expansion, replace(result, forms=forms, assertion_failures=failures))


def compute(ledger: Ledger, whole_dollars: bool | None = None, through: int | None = None) -> Result:
    """Every form of the ledger, as the commands show them."""
    return run(ledger, whole_dollars, through).result
