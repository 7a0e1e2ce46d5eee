"""Match their forms to the ledger's people and years, and compare them line by line."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from form8606 import rules
from form8606.calc.result import Result
from form8606.check.compare import LineCheck, compare, context
from form8606.check.theirs import TheirForm, from_csv, from_json
from form8606.errors import Form8606Error
from form8606.ledger.model import Ledger, Person


@dataclass(frozen=True)
class FormCheck:
    person: str
    year: int
    source: str
    lines: list[LineCheck]
    notes: tuple[str, ...] = ()

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
        from form8606.check.pdfread import read_pdf  # pypdf, for PDFs only

        return read_pdf(path)
    try:
        text = path.read_text("utf-8-sig")  # spreadsheet CSVs often start with a byte-order mark
    except UnicodeDecodeError:
        raise Form8606Error(f"{path}: not a PDF, JSON or CSV file") from None
    if text.lstrip().startswith("{"):
        return from_json(text, path.name)
    return from_csv(text, path.name)


def check_forms(ledger: Ledger, result: Result, forms: list[TheirForm], year: int | None, person: str | None,
                tolerance: Decimal) -> list[FormCheck]:
    if person is not None and person not in ledger.people:
        raise Form8606Error(f"--person {person}: the ledger has no [people.{person}]")
    out = []
    for form in _select(forms, person, year, ledger):
        who = _whose(form, person, ledger)
        when = form.year if form.year is not None else year
        if when is None:
            raise Form8606Error(f"{form.source}: the file doesn't say which tax year it is; pass --year")
        rules.check_year(when)
        ctx = context(ledger, result, form.lines, who, when)
        out.append(FormCheck(who, when, form.source, compare(form.lines, ctx.ours, ctx, tolerance),
                             tuple(_identity_notes(form, ledger.people[who]))))
    return out


def _select(forms: list[TheirForm], person: str | None, year: int | None, ledger: Ledger) -> list[TheirForm]:
    """--year and --person pick among the forms a file holds; they label only a form that
    doesn't say (a CSV has no year)."""
    chosen = [f for f in forms if year is None or f.year in (None, year)]
    if not chosen:
        raise Form8606Error(f"the file holds no form for {year} (it has {', '.join(str(f.year) for f in forms)})")
    if person is not None and len(chosen) > 1:
        chosen = [f for f in chosen if _identify(f, ledger) in (None, person)]
        if not chosen:
            raise Form8606Error(f"no form in the file names {ledger.people[person].name} ({person}); check the file "
                                "or drop --person")
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
        if _same_ssn(form.ssn, p.ssn):
            return who
    for who, p in ledger.people.items():
        if form.name and _same_name(form.name, p.name):
            return who
    return None


def _identity_notes(form: TheirForm, person: Person) -> list[str]:
    """A form that names someone else is most likely the wrong file."""
    notes = []
    if form.ssn and person.ssn and not _same_ssn(form.ssn, person.ssn):
        notes.append(f"the form's SSN ({form.ssn}) is not the SSN of {person.name} in the ledger")
    if form.name and not _same_name(form.name, person.name):
        notes.append(f"the form names \"{form.name}\", the ledger \"{person.name}\"")
    return notes


def _same_ssn(printed: str | None, known: str | None) -> bool:
    """Equal SSNs; a masked one (***-**-6789) matches on its last four digits."""
    if not printed or not known:
        return False
    digits = "".join(ch for ch in printed if ch.isdigit())
    return digits == known.replace("-", "") or (len(digits) == 4 and known.endswith(digits))


def _same_name(printed: str, known: str) -> bool:
    """The same words, ignoring case, commas and middle initials."""
    def words(name: str) -> set[str]:
        return {w for w in name.lower().replace(",", " ").replace(".", " ").split() if len(w) > 1}
    return words(printed) == words(known)

