"""`form8606 plan`: limits and eligibility, a conversion's cost, after-tax room - for one year."""

from __future__ import annotations

from decimal import Decimal

import click

from form8606.commands.options import YEARS, ledger_argument, person_option, year_option
from form8606.errors import Form8606Error
from form8606.money import parse_amount
from form8606.pipeline import load_file
from form8606.plan import plan as make_plan
from form8606.render.jsonout import dumps
from form8606.render.plan_text import plan_dict, plan_table


def amount_option(value: str | None, flag: str) -> Decimal | None:
    if value is None:
        return None
    try:
        return parse_amount(value)
    except ValueError as exc:
        raise Form8606Error(f"{flag}: {exc}") from None


@click.command()
@ledger_argument
@year_option(f"The tax year to plan ({YEARS}).", required=True)
@person_option
@click.option("--convert", metavar="AMOUNT", help="Estimate converting AMOUNT to a Roth IRA this year.")
@click.option("--year-end-value", metavar="AMOUNT",
              help="December 31 value of all traditional, SEP and SIMPLE IRAs after the conversion "
                   "(default: the ledger's [[year_end]] for the year, or the latest known).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def plan(ledger: str, year: int, person: str | None, convert: str | None, year_end_value: str | None, fmt: str) -> None:
    """Plan a tax year of LEDGER: IRA limits and room, direct Roth or backdoor, the deduction,
    excess contributions, what a conversion would cost, and after-tax room in an employer plan.

    Every answer states its rule and source; a fact the ledger lacks is reported as unknown.
    """
    if year_end_value is not None and convert is None:
        raise click.UsageError("--year-end-value goes with --convert (it is the December 31 value after converting)")
    result = make_plan(load_file(ledger), year, person, amount_option(convert, "--convert"),
                       amount_option(year_end_value, "--year-end-value"))
    click.echo(dumps(plan_dict(result)) if fmt == "json" else plan_table(result))
