"""The `form8606` command group: thin commands that load, call and render (STYLE: pip-tools).

Exit codes: 0 success; 1 a difference was found (an [[assert]] entry, a cross-check, a
failed document); 2 the input is wrong (message, no traceback).
"""

from __future__ import annotations

import functools
import importlib
import sys

import click

from form8606 import __version__
from form8606.errors import Form8606Error

EXIT_DIFFERS = 1
EXIT_BAD_INPUT = 2

# Each command lives in form8606/commands/<name>.py as a click command named like the module.
COMMANDS = ("compute", "fill", "check", "explain", "plan", "documents")


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


for _name in COMMANDS:
    main.add_command(getattr(importlib.import_module(f"form8606.commands.{_name}"), _name))
