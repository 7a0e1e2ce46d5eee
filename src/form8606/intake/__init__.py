"""A new client's ledger started from the Forms 8606 they filed (`form8606 init --from`): whose
each form is, the history the forms tell checked year to year, and each person's [[opening]].
render.ledger_toml writes it as TOML."""

from __future__ import annotations

from dataclasses import dataclass

from form8606.check.theirs import TheirForm
from form8606.intake.history import Break, SelfContradiction, findings
from form8606.intake.opening import Opening, opening
from form8606.intake.people import Filed, Person, whose


@dataclass(frozen=True)
class Intake:
    people: tuple[Person, ...]
    filed: tuple[Filed, ...]  # every form read, by person, oldest first
    openings: tuple[Opening, ...]
    findings: tuple[Break | SelfContradiction, ...]  # the history's breaks: exit 1
    files: tuple[str, ...]


def intake(read: list[tuple[str, list[TheirForm]]], year: int | None = None) -> Intake:
    """`read`: each file as the user named it, with the forms check.run.read_theirs found in it;
    `year` labels a form whose file doesn't say (a CSV)."""
    filed, people = whose(read, year)
    mine = {p.who: [f for f in filed if f.who == p.who] for p in people}
    return Intake(tuple(people), tuple(filed), tuple(opening(forms) for forms in mine.values()),
                  tuple(x for forms in mine.values() for x in findings(forms)), tuple(file for file, _ in read))


__all__ = ["Break", "Filed", "Intake", "Opening", "Person", "SelfContradiction", "intake"]
