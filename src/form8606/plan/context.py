"""The facts one person's plan is built from, and the record of the facts that are missing.

A missing fact is never guessed: the answer that needs it is None, and one "unknown" note per
missing field says where to add it and which answers wait for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from form8606.ages import age_at_year_end
from form8606.calc.facts import gather
from form8606.calc.result import Note
from form8606.ledger.model import Ledger
from form8606.ledger.planning import EmployerPlan, Filing
from form8606.money import ZERO, fmt_money
from form8606.plan.params import PlanYear, plan_year

OTHER = {"you": "spouse", "spouse": "you"}


@dataclass
class Unknowns:
    """Missing facts, in the order first needed: 'where to add it' -> the questions waiting."""

    needs: dict[str, list[str]] = field(default_factory=dict)

    def need(self, where: str, question: str) -> None:
        questions = self.needs.setdefault(where, [])
        if question not in questions:
            questions.append(question)

    def notes(self) -> list[Note]:
        return [Note("unknown", f"unknown: add {where} (needed for: {', '.join(questions)})")
                for where, questions in self.needs.items()]


@dataclass
class Context:
    ledger: Ledger
    who: str
    year: int
    unknowns: Unknowns = field(default_factory=Unknowns)
    notes: list[Note] = field(default_factory=list)

    @property
    def rules(self) -> PlanYear:
        return plan_year(self.year)

    @property
    def filing(self) -> Filing | None:
        return next((f for f in self.ledger.filing if f.year == self.year), None)

    @property
    def employer_plan(self) -> EmployerPlan | None:
        return next((p for p in self.ledger.employer_plan if p.who == self.who and p.year == self.year), None)

    @property
    def age(self) -> int | None:
        born = self.ledger.people[self.who].birth_date
        return None if born is None else age_at_year_end(born, self.year)

    def note(self, code: str, message: str, level: str = "note") -> None:
        self.notes.append(Note(code, message, level))

    # Facts of the [[filing]] entry, each recorded as missing when absent.

    def filing_field(self, name: str, question: str):
        value = getattr(self.filing, name) if self.filing else None
        if value is None:
            self.unknowns.need(f"`{name}` to [[filing]] for {self.year}", question)
        return value

    def compensation(self, who: str, question: str) -> Decimal | None:
        value = self.filing.compensation.get(who) if self.filing else None
        if value is None:
            self.unknowns.need(f"`compensation.{who}` to [[filing]] for {self.year}", question)
        return value

    def need_age(self, question: str) -> None:
        self.unknowns.need(f"`birth_date` to [people.{self.who}]", question)

    def contributions(self, who: str) -> tuple[Decimal, Decimal]:
        """(traditional, Roth) contributions of `who` for the year, net of recharacterizations
        and returned contributions (as the calculator counts them)."""
        facts = gather(self.ledger, who, self.year)
        return (sum((i.amount for i in facts.traditional), ZERO), sum((i.amount for i in facts.roth), ZERO))


def money(value: Decimal | None) -> str:
    return "unknown" if value is None else fmt_money(value)
