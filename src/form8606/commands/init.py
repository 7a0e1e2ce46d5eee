"""`form8606 init`: a new ledger, from the Forms 8606 a client filed or as a commented start."""

from __future__ import annotations

from pathlib import Path

import click

from form8606.check.run import read_theirs
from form8606.commands.exits import DifferenceFound
from form8606.errors import Form8606Error
from form8606.intake import intake
from form8606.ledger import load_text
from form8606.ledger.schema import SCHEMA_FILE
from form8606.output import write_atomic
from form8606.render.ledger_toml import finding_text, intake_ledger, starter_ledger, summary


@click.command()
@click.argument("new", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--from", "filed", multiple=True, type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="A filed Form 8606: a filled official PDF, a return printed to PDF, JSON or a line,amount CSV. "
                   "Repeat it for the forms of earlier years.")
@click.option("--year", type=click.IntRange(1900, 2200),
              help="The tax year of a form whose file doesn't say it (a CSV).")
@click.option("--couple", is_flag=True, help="Write a [people.spouse] table too.")
@click.option("--keep-ssn", is_flag=True, help="Write the SSN printed on the forms (the file is then readable by "
                                               "you only).")
def init(new: Path, filed: tuple[Path, ...], year: int | None, couple: bool, keep_ssn: bool) -> None:
    """Write a new ledger NEW, from filed Forms 8606 or as a commented start.

    With --from, the latest form gives each person's [[opening]] (its year and line 14, and
    the Roth figures it shows); the earlier forms are checked first: each form's arithmetic,
    and each line 2 against the line 14 before it. What no Form 8606 shows is left as a
    commented placeholder saying where to find it. NEW is never overwritten. Exits 0, 1 when
    the forms' history breaks (the ledger is still written, the break noted in it), 2 when a
    form can't be read.
    """
    if new.exists() or new.is_symlink():
        raise Form8606Error(f"{new} already exists; init never overwrites a file: give a new name")
    if year is not None and not filed:
        raise click.UsageError("--year labels a form read with --from")
    taken = intake([(str(path), read_theirs(path)) for path in filed], year) if filed else None
    text = intake_ledger(taken, keep_ssn, couple) if taken else starter_ledger(couple)
    ledger = load_text(text, source=new.name)  # compute takes it as it is
    write_atomic(new, text.encode("utf-8"), private=any(p.ssn for p in ledger.people.values()))
    click.echo(summary(taken, str(new), text))
    if not (new.parent / SCHEMA_FILE).exists():
        click.echo(f"  to check it as you type: form8606 schema > {new.parent / SCHEMA_FILE}")
    for finding in taken.findings if taken else ():
        click.echo(f"break: {finding_text(finding)}", err=True)
    if taken and taken.findings:
        raise DifferenceFound
