"""`form8606 compute`: every Form 8606 line for each person and year."""

from __future__ import annotations

import sys

import click

from form8606 import rules
from form8606.pipeline import compute as calculate
from form8606.cli import EXIT_DIFFERS, ledger_argument, person_option, reports_errors, year_option
from form8606.pipeline import load_file as load_ledger
from form8606.render.jsonout import dumps, result_dict
from form8606.render.table import form_table


@click.command()
@ledger_argument
@year_option
@person_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--cents", is_flag=True, help="Keep cents instead of whole dollars.")
@reports_errors
def compute(ledger: str, year: int | None, person: str | None, fmt: str, cents: bool) -> None:
    """Compute every Form 8606 line for each person and year of LEDGER.

    Exits 1 when an [[assert]] entry of the ledger disagrees with the computed lines.
    """
    if year is not None:
        rules.check_year(year)
    result = calculate(load_ledger(ledger, person), whole_dollars=False if cents else None)
    forms = result.select(year, person)
    if fmt == "json":
        click.echo(dumps(result_dict(result, forms)))
    else:
        click.echo("\n\n".join(form_table(f) for f in forms) if forms else _nothing(year, person))
    for failure in result.assertion_failures:
        click.echo(f"assertion failed: {failure}", err=True)
    if result.assertion_failures:
        sys.exit(EXIT_DIFFERS)


def _nothing(year: int | None, person: str | None) -> str:
    who = f" for {person}" if person else ""
    when = f" in {year}" if year else ""
    return f"No Form 8606{who}{when}: the ledger has no events to report."
