"""`form8606 check`: another program's Form 8606 against the ledger, line by line."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import click

from form8606.check.run import check_forms, read_theirs
from form8606.commands.exits import DifferenceFound
from form8606.commands.options import ledger_argument, person_option, year_option
from form8606.pipeline import load_file, run
from form8606.render.checktable import check_dict, check_table
from form8606.render.jsonout import dumps


@click.command()
@ledger_argument
@click.option("--against", "against", required=True, type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="Their Form 8606: a filled official PDF, a return printed to PDF, JSON or a line,amount CSV.")
@year_option()
@person_option
@click.option("--tolerance", type=click.IntRange(min=0), default=1, show_default=True,
              help="Whole dollars a line may differ by and still agree.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def check(ledger: str, against: Path, year: int | None, person: str | None, tolerance: int, fmt: str) -> None:
    """Compare another program's Form 8606 with LEDGER, line by line.

    The form (--against FILE) is a filled official PDF, a whole return printed to PDF, the JSON
    of `compute --format json`, or a line,amount CSV. Every line that differs gets its likely
    cause. Exits 0 when every line agrees, 1 when a line differs, 2 when an input can't be read.
    """
    book = load_file(ledger)
    done = run(book)  # causes read the events the documents became (the expanded ledger)
    checks = check_forms(done.expansion.ledger, done.result, read_theirs(against), year, person, Decimal(tolerance))
    if fmt == "json":
        click.echo(dumps({"forms": [check_dict(c) for c in checks]}))
    else:
        click.echo("\n\n".join(check_table(c, book.people[c.person].name) for c in checks))
    if not all(c.agrees for c in checks):
        raise DifferenceFound
