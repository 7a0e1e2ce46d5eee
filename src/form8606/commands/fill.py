"""`form8606 fill`: the official IRS Form 8606 PDF with every computed line in its box."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from form8606.calc.result import FormResult
from form8606.commands.exits import DifferenceFound
from form8606.commands.options import person_option, year_option
from form8606.errors import Form8606Error
from form8606.output import check_writable, write_atomic
from form8606.pdf.fill import Template
from form8606.pipeline import compute, load_file
from form8606.render.worksheet import AUDIENCES, render_html


@click.command()
@click.argument("ledgers", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@year_option()
@person_option
@click.option("-o", "--outdir", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Directory for the PDFs.")
@click.option("--flatten", is_flag=True, help="Write a non-editable copy (values drawn into the page).")
@click.option("--force", is_flag=True, help="Overwrite existing files.")
@click.option("--form-pdf", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="An official fillable Form 8606 PDF for a year form8606 does not ship.")
@click.option("--worksheet/--no-worksheet", default=True, show_default=True,
              help="Also write the explanatory HTML worksheet beside each PDF.")
@click.option("--audience", type=click.Choice(AUDIENCES), default="client", show_default=True,
              help="Audience of the worksheets (client: SSN masked; preparer: citations).")
def fill(ledgers: tuple[Path, ...], year: int | None, person: str | None, outdir: Path, flatten: bool,
         force: bool, form_pdf: Path | None, worksheet: bool, audience: str) -> None:
    """Fill the official Form 8606 PDF for each person who must file.

    Writes OUTDIR/f8606-YEAR-PERSON.pdf for every year of the ledger that needs a form (or only
    --year), and beside it the worksheet f8606-YEAR-PERSON.html that explains it. With several
    LEDGERS (one per household), file names start with the ledger's stem, and a ledger with
    errors is reported and skipped (exit 1 at the end).
    """
    custom = Template.from_file(form_pdf) if form_pdf else None
    if custom and year is not None and custom.fmap.year != year:
        raise Form8606Error(f"{form_pdf} is the form for {custom.fmap.year}, not {year}")
    batch = len(ledgers) > 1
    failed = unfilled = 0
    with _progress(ledgers, batch) as items:
        for path in items:
            try:
                written, missing = fill_ledger(path, year, person, outdir, flatten, force, custom, batch,
                                               audience if worksheet else None)
                for target in written:
                    click.echo(target)
                for message in missing:
                    click.echo(f"error: {message}", err=True)
                unfilled += len(missing)
            except Form8606Error as exc:
                if not batch:
                    raise
                failed += 1
                for problem in exc.problems:
                    click.echo(f"error: {path}: {problem}" if str(path) not in str(problem) else f"error: {problem}",
                               err=True)
    if failed:
        click.echo(f"{failed} of {len(ledgers)} ledgers had errors and were skipped", err=True)
    if failed or unfilled:
        raise DifferenceFound


def fill_ledger(path: Path, year: int | None, person: str | None, outdir: Path, flatten: bool, force: bool,
                custom: Template | None, batch: bool, audience: str | None) -> tuple[list[Path], list[str]]:
    """Fill every required form of one ledger (and its worksheet, for an `audience`); check
    all targets before writing any. Returns the paths written and the years whose official
    form is not at hand (refused outright when no form at all can be filled)."""
    # The form's amount boxes take whole dollars (Form 8606 instructions; IRS rounding).
    result = compute(load_file(path, person), whole_dollars=True)
    forms = [f for f in result.select(year, person) if f.required]
    if not forms:
        when = f" for {year}" if year else ""
        click.echo(f"{path}: nobody must file Form 8606{when}; nothing written", err=True)
        return [], []
    templates, missing = {}, {}
    for form in forms:
        try:
            templates[form.year] = _template(form.year, custom)
        except Form8606Error as exc:
            missing[form.year] = f"{path}: {exc}"
    if not templates:
        raise Form8606Error(list(missing.values())[0])
    jobs = [(form, outdir / _name(path, form, batch)) for form in forms if form.year in templates]
    for _, target in jobs:
        check_writable(target, force)
        if audience:
            check_writable(target.with_suffix(".html"), force)
    written = []
    for form, target in jobs:
        write_atomic(target, templates[form.year].fill(form, flatten), force=force, private=bool(form.ssn))
        written.append(target)
        if audience:
            page = render_html(result, form, audience).encode("utf-8")
            write_atomic(target.with_suffix(".html"), page, force=force, private=audience == "preparer" and bool(form.ssn))
            written.append(target.with_suffix(".html"))
    return written, list(missing.values())


def _template(year: int, custom: Template | None) -> Template:
    if custom is not None and custom.fmap.year == year:
        return custom
    return Template.load(year)


def _name(path: Path, form: FormResult, batch: bool) -> str:
    stem = f"{path.stem}-" if batch else ""
    return f"{stem}f8606-{form.year}-{form.person}.pdf"


class _progress:
    """A progress bar on stderr for batches, only when stderr is a terminal."""

    def __init__(self, items, batch: bool):
        self.items, self.show = items, batch and sys.stderr.isatty()

    def __enter__(self):
        if not self.show:
            return self.items
        self.bar = click.progressbar(self.items, label="Filling", file=sys.stderr)
        return self.bar.__enter__()

    def __exit__(self, *exc):
        if self.show:
            return self.bar.__exit__(*exc)
        return False

