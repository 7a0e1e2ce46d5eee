"""The arguments and options that several commands share (STYLE: pip-tools)."""

from __future__ import annotations

import click

from form8606 import rules
from form8606.errors import Form8606Error

YEARS = f"{rules.SUPPORTED_YEARS.start}-{rules.SUPPORTED_YEARS.stop - 1}"


def _supported_year(ctx: click.Context, param: click.Parameter, year: int | None) -> int | None:
    """Refuse a tax year form8606 has no rules for, with rules' message naming the range."""
    if year is not None:
        try:
            rules.check_year(year)
        except Form8606Error as exc:
            raise click.BadParameter(str(exc), ctx, param) from None
    return year


def year_option(help: str = "Only this tax year (default: every year in the ledger).", required: bool = False):
    return click.option("--year", type=int, required=required, callback=_supported_year, help=help)


ledger_argument = click.argument("ledger", type=click.Path(dir_okay=False, path_type=str))
person_option = click.option("--person", type=click.Choice(["you", "spouse"]), help="Only this person.")
