"""Match their forms to the ledger's people and years, and compare them line by line."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from form8606.calc.result import Result
from form8606.check.compare import LineCheck, compare, context
from form8606.check.pdfread import read_pdf
from form8606.check.theirs import TheirForm, from_csv, from_json
from form8606.errors import Form8606Error
from form8606.ledger.model import Ledger


@dataclass(frozen=True)
class FormCheck:
    person: str
    year: int
    source: str
    lines: list[LineCheck]

    @property
    def agrees(self) -> bool:
        return all(c.status == "agrees" for c in self.lines)


def read_theirs(path: Path) -> list[TheirForm]:
    """By content: a PDF, the JSON of `compute --format json`, or a line,amount CSV."""
    try:
        head = path.read_bytes()[:1024]
    except OSError as exc:
        raise Form8606Error(f"{path}: can't be read ({exc.strerror})") from None
    if head.lstrip().startswith(b"%PDF"):
        return read_pdf(path)
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError:
        raise Form8606Error(f"{path}: not a PDF, JSON or CSV file") from None
    if text.lstrip().startswith("{"):
        return from_json(text, path.name)
    return from_csv(text, path.name)


def check_forms(ledger: Ledger, result: Result, forms: list[TheirForm], year: int | None, person: str | None,
                tolerance: Decimal) -> list[FormCheck]:
    out = []
    for form in _select(forms, person, ledger):
        who = _whose(form, person, ledger)
        when = year or form.year
        if when is None:
            raise Form8606Error(f"{form.source}: the file doesn't say which tax year it is; pass --year")
        ctx = context(ledger, result, form.lines, who, when)
        out.append(FormCheck(who, when, form.source, compare(form.lines, ctx.ours, ctx, tolerance)))
    return out


def _select(forms: list[TheirForm], person: str | None, ledger: Ledger) -> list[TheirForm]:
    if person is None or len(forms) == 1:
        return forms
    chosen = [f for f in forms if _identify(f, ledger) == person]
    if not chosen:
        raise Form8606Error(f"none of the {len(forms)} forms in the file names {ledger.people[person].name} "
                            f"({person}); check the file or drop --person")
    return chosen


def _whose(form: TheirForm, person: str | None, ledger: Ledger) -> str:
    if person is not None:
        return person
    found = _identify(form, ledger)
    if found:
        return found
    if list(ledger.people) == ["you"]:
        return "you"
    who = f' (name "{form.name}")' if form.name else ""
    raise Form8606Error(f"{form.source}: can't tell whose form this is{who}; pass --person you or --person spouse")


def _identify(form: TheirForm, ledger: Ledger) -> str | None:
    if form.person:
        return form.person
    for who, p in ledger.people.items():
        if form.ssn and p.ssn and form.ssn.replace("-", "") == p.ssn.replace("-", ""):
            return who
    for who, p in ledger.people.items():
        if form.name and _words(form.name) == _words(p.name):
            return who
    return None


def _words(name: str) -> list[str]:
    return name.lower().replace(",", " ").split()

