"""`form8606 documents`: each Form 1099-R and 5498 of the ledger, the events it became or the
reconciliation it passed or failed."""

from __future__ import annotations

import click

from form8606 import documents as docs
from form8606.commands.exits import fail_on
from form8606.commands.options import ledger_argument, person_option, year_option
from form8606.pipeline import load_file
from form8606.render.documents import report


@click.command()
@ledger_argument
@year_option()
@person_option
def documents(ledger: str, year: int | None, person: str | None) -> None:
    """Show how each [[form_1099r]] and [[form_5498]] of LEDGER was read: the boxes as
    printed, the events a form in mode "events" stands for, the entries a form in mode
    "check" was compared with, and the Form 5498 boxes against the ledger.

    Exits 1 when a document disagrees with the ledger (the same failures `compute` reports).
    """
    _, expansion = docs.expand(load_file(ledger, person))
    click.echo(report(expansion, year, person))
    fail_on(expansion.failures, "reconciliation failed")
