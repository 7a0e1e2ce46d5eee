"""`form8606 fill`: the official IRS Form 8606 PDF with every computed line in its box."""

from __future__ import annotations

import sys
from functools import cache, partial
from pathlib import Path

import click

from form8606 import pool
from form8606.calc.result import FormResult
from form8606.commands.exits import DifferenceFound, report_open_years
from form8606.commands.options import person_option, year_option
from form8606.errors import Form8606Error
from form8606.output import Leftovers, Output, WriteError, write_together
from form8606.pdf.fill import Template
from form8606.pipeline import compute, load_file
from form8606.render.filled import NOT_FILLED, NOT_WRITTEN, NOTHING, SKIPPED, WRITTEN, Brief, Filled, summary, tally
from form8606.render.worksheet import AUDIENCES, render_html


@click.command()
@click.argument("ledgers", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@year_option()
@person_option
@click.option("-o", "--outdir", type=click.Path(path_type=Path), default=Path("."), show_default=True,
              help="Folder for the files, or NAME.pdf for a single form (its worksheet: NAME.html).")
@click.option("--flatten", is_flag=True, help="Write a non-editable copy (values drawn into the page).")
@click.option("--force", is_flag=True, help="Overwrite existing files.")
@click.option("--form-pdf", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="An official fillable Form 8606 PDF for a year form8606 does not ship.")
@click.option("--worksheet/--no-worksheet", default=True, show_default=True,
              help="Also write the explanatory HTML worksheet beside each PDF.")
@click.option("--audience", type=click.Choice(AUDIENCES), default="client", show_default=True,
              help="Audience of the worksheets (client: SSN masked; preparer: citations).")
@click.option("-j", "--jobs", type=click.IntRange(min=1),
              help="Ledgers filled at once, each in a process of its own (default: the number of CPUs).")
def fill(ledgers: tuple[Path, ...], year: int | None, person: str | None, outdir: Path, flatten: bool,
         force: bool, form_pdf: Path | None, worksheet: bool, audience: str, jobs: int | None) -> None:
    """Fill the official Form 8606 PDF for each person who must file.

    Writes OUTDIR/LEDGER-f8606-YEAR-PERSON.pdf (LEDGER: the ledger's file name without .toml) for
    every year of the ledger that needs a form (or only --year), and beside it the worksheet
    LEDGER-f8606-YEAR-PERSON.html that explains it; `-o NAME.pdf` writes a single form to
    NAME.pdf and NAME.html. With several LEDGERS (one per household), a ledger with errors is
    reported and skipped (exit 1 at the end, 2 when a file could not be written), and a table
    says what was written for each. A batch is spread over --jobs processes; what it prints and
    writes is the same as one process would.
    """
    _custom.cache_clear()  # read the file as it is now (a process may run several commands)
    custom = _custom(form_pdf) if form_pdf else None
    if custom and year is not None and custom.fmap.year != year:
        raise Form8606Error(f"{form_pdf} is the form for {custom.fmap.year}, not {year}")
    ledgers = _distinct(ledgers)
    one_file = _names_one_file(outdir, ledgers)
    _refuse_clashes(ledgers)
    batch = len(ledgers) > 1
    each = partial(_fill_or_skip, batch=batch, year=year, person=person, outdir=outdir, flatten=flatten,
                   force=force, form_pdf=form_pdf, audience=audience if worksheet else None, one_file=one_file,
                   leftovers=Leftovers())
    outcomes: list[Filled] = []
    with _progress(pool.in_order(each, ledgers, jobs or pool.cpus()), batch, len(ledgers)) as items:
        for path, (said, done) in zip(ledgers, items):
            if said:  # what it printed in a worker process
                click.echo(said, err=True, nl=False)
            _echo_done(path, done)
            outcomes += done
    if batch:
        _sum_up(outcomes)
    elif any(o.status == NOT_FILLED for o in outcomes):
        raise DifferenceFound


def _fill_or_skip(path: Path, batch: bool, form_pdf: Path | None, **options) -> list[Filled]:
    """fill_ledger; in a batch, a ledger with errors is reported and skipped."""
    try:
        return fill_ledger(path, custom=_custom(form_pdf) if form_pdf else None, **options)
    except Form8606Error as exc:
        if not batch:
            raise
        _echo_problems(path, exc)
        return [Filled(str(path), NOT_WRITTEN if isinstance(exc, WriteError) else SKIPPED, why=_first(exc))]


@cache
def _custom(form_pdf: Path) -> Template:
    """The --form-pdf template, read once per command and process (worker processes forked
    after it was read find it here)."""
    return Template.from_file(form_pdf)  # read in a bounded child process: the file may be hostile


def fill_ledger(path: Path, year: int | None, person: str | None, outdir: Path, flatten: bool, force: bool,
                custom: Template | None, audience: str | None, one_file: bool = False,
                leftovers: Leftovers | None = None) -> list[Filled]:
    """Fill every required form of one ledger (and its worksheet, for an `audience`), writing
    them together (output.write_together, with the batch's `leftovers`). Says for each form what
    was written, or why not (its official form is not at hand; refused outright when no form at
    all can be filled)."""
    # The form's amount boxes take whole dollars (Form 8606 instructions; IRS rounding).
    result = compute(load_file(path, person), whole_dollars=True, through=year)
    report_open_years(result, year, person)
    forms = [f for f in result.select(year, person) if f.required]
    if not forms:
        when = f" for {year}" if year else ""
        click.echo(f"{path}: nobody must file Form 8606{when}; nothing written", err=True)
        return [Filled(str(path), NOTHING, why=f"nobody must file Form 8606{when}")]
    if one_file and len(forms) > 1:
        listed = ", ".join(f"{f.year} {f.person}" for f in forms)
        raise Form8606Error(f"-o {outdir} names one file, but {path} has {len(forms)} forms to fill ({listed}); "
                            "choose one with --year and --person, or give a folder")
    templates, missing = {}, {}
    for form in forms:
        try:
            templates[form.year] = _template(form.year, custom)
        except Form8606Error as exc:
            missing[form.year] = str(exc)
    if not templates:
        raise Form8606Error(f"{path}: {list(missing.values())[0]}")
    outputs, done = [], []
    for form in forms:
        if form.year in missing:
            done.append(Filled(str(path), NOT_FILLED, Brief.of(form), why=missing[form.year]))
            continue
        pdf = outdir if one_file else outdir / _name(path, form)
        files = [Output(pdf, templates[form.year].fill(form, flatten), private=bool(form.ssn))]
        if audience:  # the preparer's worksheet shows the full SSN
            page = render_html(result, form, audience).encode("utf-8")
            files.append(Output(pdf.with_suffix(".html"), page, private=audience == "preparer" and bool(form.ssn)))
        outputs += files
        done.append(Filled(str(path), WRITTEN, Brief.of(form), tuple(f.path for f in files)))
    write_together(outputs, force, leftovers)
    return done


def _template(year: int, custom: Template | None) -> Template:
    if custom is not None and custom.fmap.year == year:
        return custom
    return Template.load(year)


def _name(path: Path, form: FormResult) -> str:
    return f"{path.stem}-f8606-{form.year}-{form.person}.pdf"


def _distinct(ledgers: tuple[Path, ...]) -> tuple[Path, ...]:
    """Each ledger once, however often it is named."""
    return tuple({path.resolve(): path for path in reversed(ledgers)}.values())[::-1]


def _names_one_file(outdir: Path, ledgers: tuple[Path, ...]) -> bool:
    """`-o NAME.pdf` (not an existing folder) names the file of a single form."""
    if outdir.suffix.lower() != ".pdf" or outdir.is_dir():
        return False
    if len(ledgers) > 1:
        raise Form8606Error(f"-o {outdir} names one file; give a folder for several ledgers")
    return True


def _refuse_clashes(ledgers: tuple[Path, ...]) -> None:
    """File names start with the ledger's stem: two ledgers of the same stem (compared as a
    case-insensitive disk would) would overwrite each other's forms, so neither is filled."""
    seen: dict[str, Path] = {}
    clashes = []
    for path in ledgers:
        first = seen.setdefault(path.stem.casefold(), path)
        if first is not path:
            clashes.append(f"{first} and {path} would both write {first.stem}-f8606-YEAR-PERSON files; "
                           "rename one of them or fill them with separate -o folders")
    if clashes:
        raise Form8606Error(clashes)


def _echo_problems(path: Path, exc: Form8606Error) -> None:
    for problem in exc.problems:
        click.echo(f"error: {path}: {problem}" if str(path) not in str(problem) else f"error: {problem}", err=True)


def _first(exc: Form8606Error) -> str:
    more = len(exc.problems) - 1
    return str(exc.problems[0]) + (f" (and {more} more, above)" if more else "")


def _echo_done(path: Path, done: list[Filled]) -> None:
    """The paths written on stdout; once per year, on stderr, the official form not at hand."""
    for outcome in done:
        for written in outcome.files:
            click.echo(written)
    for why in dict.fromkeys(o.why for o in done if o.status == NOT_FILLED):
        click.echo(f"error: {path}: {why}", err=True)


def _sum_up(outcomes: list[Filled]) -> None:
    """The table of a batch, then exit 2 when a ledger could not be written, 1 when one was
    skipped or filled in part."""
    click.echo(summary(outcomes), err=True)
    if any(o.status == NOT_WRITTEN for o in outcomes):
        raise Form8606Error(tally(outcomes))
    click.echo(tally(outcomes), err=True)
    if any(o.status in (SKIPPED, NOT_FILLED) for o in outcomes):
        raise DifferenceFound


class _progress:
    """A progress bar on stderr for batches, only when stderr is a terminal."""

    def __init__(self, items, batch: bool, length: int):
        self.items, self.length, self.show = items, length, batch and sys.stderr.isatty()

    def __enter__(self):
        if not self.show:
            return self.items
        self.bar = click.progressbar(self.items, length=self.length, label="Filling", file=sys.stderr)
        return self.bar.__enter__()

    def __exit__(self, *exc):
        if self.show:
            return self.bar.__exit__(*exc)
        return False

