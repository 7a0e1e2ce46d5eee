"""The planner: before December 31, the questions about the year still open - limits and
eligibility, what a conversion would cost, after-tax room in an employer plan - answered from the
ledger by the cited rules, with a note naming every fact that is missing. Pure: values in,
values out; the `plan` command prints them."""

from __future__ import annotations

from decimal import Decimal

from form8606.errors import Form8606Error
from form8606.ledger.model import Ledger
from form8606.pipeline import expanded
from form8606.plan.beliefs import belief_notes, rollover_notes
from form8606.plan.context import Context
from form8606.plan.conversion import conversion_answer
from form8606.plan.employer import mega_backdoor_answer
from form8606.plan.ira import (
    deduction_answer,
    excess_answer,
    ira_answer,
    roth_answer,
    route_note,
)
from form8606.plan.params import plan_year
from form8606.plan.result import PersonPlan, Plans

__all__ = ["Plans", "PersonPlan", "plan"]


def plan(ledger: Ledger, year: int, person: str | None = None, convert: Decimal | None = None,
         year_end_value: Decimal | None = None) -> Plans:
    """Every person's plan for `year` (or only `person`'s). `convert`: an amount to convert this
    year; `year_end_value`: the December 31 value of the traditional, SEP and SIMPLE IRAs left."""
    plan_year(year)  # an unsupported year is an error before anything else
    if person is not None and person not in ledger.people:
        raise Form8606Error(f"{ledger.source}: no [people.{person}] table for --person {person}")
    if convert is not None and convert <= 0:
        raise Form8606Error("the amount to convert must be more than 0")
    ledger = expanded(ledger)  # what compute knows: the documents' events and Form 5498 box 5
    people = [person] if person else [w for w in ("you", "spouse") if w in ledger.people]
    if year_end_value is not None and len(people) > 1:
        raise Form8606Error("a December 31 value belongs to one person: give --person with --year-end-value")
    return Plans(ledger.source, year, tuple(person_plan(ledger, who, year, convert, year_end_value) for who in people))


def person_plan(ledger: Ledger, who: str, year: int, convert: Decimal | None, value: Decimal | None) -> PersonPlan:
    ctx = Context(ledger, who, year)
    ira = ira_answer(ctx)
    roth = roth_answer(ctx, ira)
    deduction = deduction_answer(ctx, ira)
    excess = excess_answer(ctx, ira, roth)
    route_note(ctx, ira, roth, deduction)
    conversion = conversion_answer(ctx, convert, value) if convert is not None else None
    mega = mega_backdoor_answer(ctx)
    covered_check(ctx)
    rollover_notes(ctx)
    belief_notes(ctx)
    notes = (*ctx.unknowns.notes(), *ctx.notes)
    return PersonPlan(who, ledger.people[who].name, year, ctx.age, ira, roth, deduction, excess, conversion, mega,
                      tuple(notes))


def covered_check(ctx: Context) -> None:
    """An employer plan with contributions for the year makes its participant covered (an 'active
    participant', IRC 219(g)(5); Form W-2 box 13); say so when `covered` leaves them out."""
    plan, filing = ctx.employer_plan, ctx.filing
    if plan is None or filing is None or filing.covered is None or ctx.who in filing.covered:
        return
    if plan.deferrals or plan.employer or plan.after_tax:
        ctx.note("covered_mismatch", f"[[employer_plan]] ({ctx.who}, {ctx.year}) has contributions, but [[filing]] "
                 f"`covered` does not list \"{ctx.who}\": a participant with contributions for the year is usually "
                 "covered (Form W-2 box 13); check `covered`, which decides the deduction.", "warning")
