"""Thin click commands: load, call the calculator, render (STYLE: pip-tools).

Exit codes: 0 success; 1 the ledger's [[assert]] entries (or a check) found a difference;
2 the input is wrong (message, no traceback).
"""

from __future__ import annotations

import functools
import sys

import click

from form8606 import __version__, rules
from form8606.calc import compute as calculate
from form8606.errors import Form8606Error
from form8606.ledger import load_ledger
from form8606.render.jsonout import dumps, result_dict
from form8606.render.table import form_table

EXIT_DIFFERS = 1
EXIT_BAD_INPUT = 2


def reports_errors(command):
    """Print every problem of a Form8606Error on stderr and exit 2 (one exception root)."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except Form8606Error as exc:
            for problem in exc.problems:
                click.echo(f"error: {problem}", err=True)
            sys.exit(EXIT_BAD_INPUT)

    return wrapper


ledger_argument = click.argument("ledger", type=click.Path(dir_okay=False, path_type=str))
year_option = click.option("--year", type=int, help="Only this tax year (default: every year in the ledger).")
person_option = click.option("--person", type=click.Choice(["you", "spouse"]), help="Only this person.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="form8606")
def main() -> None:
    """Prepare and check IRS Form 8606 (Nondeductible IRAs) from a TOML household ledger.

    Start with `form8606 compute LEDGER`; the ledger format is in docs/ledger.md.
    """


@main.command()
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
    result = calculate(load_ledger(ledger), whole_dollars=False if cents else None)
    if year is not None:
        rules.check_year(year)
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
