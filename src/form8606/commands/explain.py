"""`form8606 explain`: explanatory worksheets (HTML, Markdown or text) of each form."""

from __future__ import annotations

from pathlib import Path

import click

from form8606.calc.result import FormResult
from form8606.commands.exits import fail_on, report_open_years
from form8606.commands.options import ledger_argument, person_option, year_option
from form8606.output import write_atomic
from form8606.pipeline import compute as calculate
from form8606.pipeline import load_file
from form8606.render.worksheet import AUDIENCES, FORMATS, render

EXTENSIONS = {".html": "html", ".htm": "html", ".md": "md", ".txt": "text"}  # `-o FILE` without --format


@click.command()
@ledger_argument
@year_option()
@person_option
@click.option("--format", "fmt", type=click.Choice(FORMATS, case_sensitive=False),
              help="html: one self-contained page; md: Markdown; text: 80 columns. Default: from the "
                   "-o file's extension (.html, .htm, .md, .txt), else text.")
@click.option("--audience", type=click.Choice(AUDIENCES), default="client", show_default=True,
              help="client: plain words, SSN masked; preparer: citations and unrounded figures.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the worksheet to this file instead of printing it.")
@click.option("--force", is_flag=True, help="Overwrite the --output file if it exists.")
@click.option("--cents", is_flag=True, help="Keep cents instead of whole dollars.")
def explain(ledger: str, year: int | None, person: str | None, fmt: str | None, audience: str, output: Path | None,
            force: bool, cents: bool) -> None:
    """Explain each Form 8606 of LEDGER line by line: the taxable amounts in plain words,
    every line with its rule and sources, the pro-rata rule drawn, and the basis history.

    Without --year and --person, every form of the ledger goes into one document.
    Exits 1 when an [[assert]] entry of the ledger disagrees with the computed lines.
    """
    result = calculate(load_file(ledger, person), whole_dollars=False if cents else None, through=year)
    report_open_years(result, year, person)
    forms = result.select(year, person)
    text = render(result, forms, fmt or _format_of(output), audience)
    if output is None:
        click.echo(text, nl=False)
    else:
        # owner-only when the worksheet shows a full SSN (the preparer's)
        write_atomic(output, text.encode("utf-8"), force=force, private=_shows_ssn(forms, audience))
        click.echo(str(output))  # like `fill`: the path written
    fail_on(result.assertion_failures)


def _format_of(output: Path | None) -> str:
    return EXTENSIONS.get(output.suffix.lower(), "text") if output else "text"


def _shows_ssn(forms: list[FormResult], audience: str) -> bool:
    return audience == "preparer" and any(f.ssn for f in forms)
