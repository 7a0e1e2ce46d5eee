"""Exit codes of every command, and how a command says "a difference was found".

0 success; 1 a difference was found (an [[assert]] entry, a cross-check, a failed document);
2 the input is wrong (message, no traceback). The command group (form8606.cli) turns a
DifferenceFound into exit 1 and a Form8606Error into exit 2.
"""

EXIT_DIFFERS = 1
EXIT_BAD_INPUT = 2


class DifferenceFound(Exception):
    """Raised by a command after its output: something disagrees with the ledger (exit 1)."""


def report_open_years(result, year: int | None, person: str | None) -> None:
    """The years that can't be computed yet: an error when the one asked for (--year) is among
    them, else a note on stderr for each."""
    import click

    from form8606.errors import Form8606Error
    from form8606.render.table import open_year_text

    pending = [o for o in result.open_years if person in (None, o.person)]
    if year is not None and pending:
        raise Form8606Error([f"{result.source}: {open_year_text(o)}" for o in pending])
    for o in pending:
        click.echo(f"note: {open_year_text(o)}", err=True)


def fail_on(failures, what: str = "assertion failed") -> None:
    """Print each failure (an [[assert]] entry or a document the forms contradict) on stderr,
    after the output, and end with exit 1 when there is one."""
    import click

    from form8606.render.sources import failure_text

    for failure in failures:
        click.echo(f"{what}: {failure_text(failure)}", err=True)
    if failures:
        raise DifferenceFound
