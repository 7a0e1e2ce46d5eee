"""Match their forms to the ledger's people and years, and compare them line by line."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from form8606 import rules
from form8606.calc.result import FormResult, Result
from form8606.check.arithmetic import Inconsistency, inconsistencies
from form8606.check.compare import LineCheck, coarser_ratio, compare, context
from form8606.check.identity import same_name, same_ssn
from form8606.check.theirs import TheirForm
from form8606.errors import Form8606Error
from form8606.ledger.model import Ledger, Person
from form8606.lines import RATIO_LINE
from form8606.money import fmt_money
from form8606.pdf.bounded import in_child, read_input


@dataclass(frozen=True)
class FormCheck:
    person: str
    year: int
    source: str
    lines: list[LineCheck]
    notes: tuple[str, ...] = ()
    inconsistencies: tuple[Inconsistency, ...] = ()  # their form against its own arithmetic
    someone_else: str | None = None  # the form names nobody in the ledger: most likely the wrong file

    @property
    def agrees(self) -> bool:
        return not self.inconsistencies and self.someone_else is None and all(c.status == "agrees" for c in self.lines)


def read_theirs(path: Path) -> list[TheirForm]:
    """A PDF, JSON or CSV, by content: read once, then parsed in a process with bounded time
    and memory (check.reader), as a file from elsewhere may be hostile."""
    answer = in_child("form8606.check.reader", read_input(path), str(path))
    return [TheirForm.from_answer(f) for f in answer["forms"]]


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
        notes = _identity_notes(form, ledger.people[who]) + _ratio_notes(form, ctx.ours)
        out.append(FormCheck(who, when, form.source, compare(form.lines, ctx.ours, ctx, tolerance), tuple(notes),
                             tuple(inconsistencies(form.lines, tolerance)), _someone_else(form, ledger)))
    return out


def _select(forms: list[TheirForm], person: str | None, year: int | None, ledger: Ledger) -> list[TheirForm]:
    """--year and --person pick among the forms a file holds; they label only a form that
    doesn't say (a CSV has no year)."""
    chosen = [f for f in forms if year is None or f.year in (None, year)]
    if not chosen:
        raise Form8606Error(f"the file holds no form for {year} (it has {', '.join(str(f.year) for f in forms)})")
    if person is not None:
        others = {f.source: found for f in chosen if (found := _identify(f, ledger)) not in (None, person)}
        chosen = [f for f in chosen if f.source not in others]
        if not chosen:
            theirs = ", ".join(sorted({f"{ledger.people[w].name} ({w})" for w in others.values()}))
            raise Form8606Error(f"the file has no form for {ledger.people[person].name} ({person}): it holds the form "
                                f"of {theirs}; check the file or drop --person")
    return chosen


def _ratio_notes(form: TheirForm, ours: FormResult | None) -> list[str]:
    slack = coarser_ratio(form.lines, ours)
    if slack is None:
        return []
    their = form.lines[RATIO_LINE]
    return [f"their line 10 is rounded to {-their.as_tuple().exponent} places ({their}), ours to {ours.ratio_places} "
            f"({ours.value(RATIO_LINE)}); the form allows at least 3, so it agrees, and lines 11-18 may differ from "
            f"ours by up to {fmt_money(slack)} because of it"]


def _someone_else(form: TheirForm, ledger: Ledger) -> str | None:
    """A form whose name or SSN matches nobody in the ledger is for someone else."""
    if not (form.name or form.ssn) or _identify(form, ledger) is not None:
        return None
    named = " and ".join(bit for bit in (f'names "{form.name}"' if form.name else "",
                                         f"has the SSN {form.ssn}" if form.ssn else "") if bit)
    people = ", ".join(f"{p.name} ({who})" for who, p in ledger.people.items())
    return f"this form is for someone else: it {named}, and the ledger is of {people}. Check the file"


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
        if same_ssn(form.ssn, p.ssn):
            return who
    for who, p in ledger.people.items():
        if form.name and same_name(form.name, p.name):
            return who
    return None


def _identity_notes(form: TheirForm, person: Person) -> list[str]:
    """A form that names someone else is most likely the wrong file."""
    notes = []
    if form.ssn and person.ssn and not same_ssn(form.ssn, person.ssn):
        notes.append(f"the form's SSN ({form.ssn}) is not the SSN of {person.name} in the ledger")
    if form.name and not same_name(form.name, person.name):
        notes.append(f"the form names \"{form.name}\", the ledger \"{person.name}\"")
    return notes
