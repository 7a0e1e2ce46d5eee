"""`form8606 compute`: every Form 8606 line for each person and year."""

from __future__ import annotations

import click

from form8606.commands.exits import fail_on, report_open_years
from form8606.commands.options import ledger_argument, person_option, year_option
from form8606.pipeline import compute as calculate
from form8606.pipeline import load_file
from form8606.render.jsonout import dumps, result_dict
from form8606.render.table import form_table


@click.command()
@ledger_argument
@year_option()
@person_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--cents", is_flag=True, help="Keep cents instead of whole dollars.")
def compute(ledger: str, year: int | None, person: str | None, fmt: str, cents: bool) -> None:
    """Compute every Form 8606 line for each person and year of LEDGER.

    Exits 1 when an [[assert]] entry of the ledger disagrees with the computed lines.
    """
    result = calculate(load_file(ledger, person), whole_dollars=False if cents else None, through=year)
    report_open_years(result, year, person)
    forms = result.select(year, person)
    if fmt == "json":
        click.echo(dumps(result_dict(result, forms)))
    else:
        click.echo("\n\n".join(form_table(f) for f in forms) if forms else _nothing(year, person))
    fail_on(result.assertion_failures)


def _nothing(year: int | None, person: str | None) -> str:
    who = f" for {person}" if person else ""
    when = f" in {year}" if year else ""
    return f"No Form 8606{who}{when}: the ledger has no events to report."
