"""The `form8606` command group: thin commands that load, call and render (STYLE: pip-tools).

The group is the one error boundary (exit codes in form8606.commands.exits), and it imports a
command's module only when that command runs, so `form8606 --help` stays quick.
"""

from __future__ import annotations

import importlib

import click

from form8606 import __version__
from form8606.commands.exits import EXIT_BAD_INPUT, EXIT_DIFFERS, DifferenceFound
from form8606.errors import Form8606Error

# Each command lives in form8606/commands/<name>.py as a click command named like the module.
# Its summary is the first sentence of its docstring (tests/test_cli_boundary.py keeps them equal).
SUMMARIES = {
    "compute": "Compute every Form 8606 line for each person and year of LEDGER.",
    "fill": "Fill the official Form 8606 PDF for each person who must file.",
    "check": "Compare another program's Form 8606 with LEDGER, line by line.",
    "explain": "Explain each Form 8606 of LEDGER line by line: the taxable amounts in plain words, every line "
               "with its rule and sources, the pro-rata rule drawn, and the basis history.",
    "plan": "Plan a tax year of LEDGER: IRA limits and room, direct Roth or backdoor, the deduction, excess "
            "contributions, what a conversion would cost, and after-tax room in an employer plan.",
    "init": "Write a new ledger NEW, from filed Forms 8606 or as a commented start.",
    "schema": "Print the JSON Schema of the ledger, for editors that check TOML as it is typed.",
    "documents": "Show how each [[form_1099r]] and [[form_5498]] of LEDGER was read: the boxes as printed, the "
                 "events a form in mode \"events\" stands for, the entries a form in mode \"check\" was compared "
                 "with, and the Form 5498 boxes against the ledger.",
}


class Form8606Group(click.Group):
    """Commands loaded when run, listed from SUMMARIES; every problem reported in one place."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(SUMMARIES)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in SUMMARIES:
            return None
        return getattr(importlib.import_module(f"form8606.commands.{name}"), name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Stand-ins that carry only the summary: click shortens it as it would the docstring.
        listing = click.Group(commands=[click.Command(name, help=text) for name, text in SUMMARIES.items()])
        listing.format_commands(ctx, formatter)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except Form8606Error as exc:
            for problem in exc.problems:
                click.echo(f"error: {problem}", err=True)
            ctx.exit(EXIT_BAD_INPUT)
        except DifferenceFound:
            ctx.exit(EXIT_DIFFERS)


@click.group(cls=Form8606Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="form8606")
def main() -> None:
    """Prepare and check IRS Form 8606 (Nondeductible IRAs) from a TOML household ledger.

    Start with `form8606 compute LEDGER`; the ledger format is in docs/ledger.md.
    """
