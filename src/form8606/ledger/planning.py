"""Ledger entries used by the planner (`form8606 plan`): household facts per tax year and
employer plans. Names are a contract (issue: Planning)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import Field, model_validator

from form8606.errors import Problem
from form8606.ledger.base import Amount, Entry, Who, Year
from form8606.ledger.where import entry_label
from form8606.money import ZERO

FilingStatus = Literal["single", "mfj", "mfs", "hoh", "qss"]


class Filing(Entry):
    """Household facts for one tax year, used for eligibility."""

    year: Year = Field(description="The tax year.")
    status: FilingStatus | None = Field(None, description="Filing status: single, married filing jointly, married "
                                        "filing separately, head of household, qualifying surviving spouse.")
    magi: Amount | None = Field(None, description="Modified AGI for IRA purposes.")
    lived_with_spouse: bool | None = Field(None, description="Whether the spouses lived together at any time in the "
                                           'year (matters only for "mfs").')
    covered: tuple[Who, ...] | None = Field(None, description="Who was covered by a workplace retirement plan.")
    compensation: dict[Who, Amount] = Field(default_factory=dict, description="Each person's taxable compensation.")


class EmployerPlan(Entry):
    """A 401(k) or 403(b) for one person and year."""

    who: Who = Field(description="Whose plan.")
    year: Year = Field(description="The plan year.")
    deferrals: Amount = Field(ZERO, description="Pre-tax and Roth elective deferrals.")
    employer: Amount = Field(ZERO, description="Employer match and profit sharing.")
    after_tax: Amount = Field(ZERO, description="After-tax contributions made so far.")
    allows_after_tax: bool = Field(False, description="The plan takes after-tax contributions.")
    allows_in_service_withdrawal: bool = Field(False, description="The plan allows in-service withdrawals (or an "
                                               "in-plan Roth conversion) of them.")
    self_employed: bool = Field(False, description="A solo 401(k): the employer part is limited by net earnings.")
    # Solo 401(k) only: net earnings from self-employment, that is net profit less the deductible
    # half of self-employment tax (Pub. 560, Deduction Worksheet for Self-Employed, step 3).
    net_earnings: Amount | None = Field(None, description="Solo 401(k) only: net profit less the deductible half of "
                                        "self-employment tax (Pub. 560).")

    @model_validator(mode="after")
    def _net_earnings(self) -> EmployerPlan:
        if self.net_earnings is not None and not self.self_employed:
            raise ValueError("`net_earnings` goes with self_employed = true (a solo 401(k)); an employee's "
                             "compensation goes in [[filing]] `compensation`")
        return self


MARRIED = ("mfj", "mfs")  # statuses whose return has a spouse, even one without a [people.spouse] table


def check_one_filing_per_year(ledger) -> list[Problem]:
    """[[filing]] holds the household's facts of a year: one entry per year."""
    out, seen = [], set()
    for e in ledger.filing:
        if e.year in seen:
            out.append(Problem(entry_label(ledger.source, "filing", None, e),
                               f"a second [[filing]] for {e.year}; put the year's facts in one entry", "year"))
        seen.add(e.year)
    return out


def check_filing_people(ledger) -> list[Problem]:
    """`covered` and `compensation` name people of the return: someone in [people], or the spouse
    on a married return (a spouse without IRAs needs no [people.spouse] table)."""
    out = []
    for e in ledger.filing:
        where = entry_label(ledger.source, "filing", None, e)
        named = [("covered", who) for who in e.covered or ()] + [(f"compensation.{who}", who) for who in e.compensation]
        for field, who in named:
            if who in ledger.people or (who == "spouse" and e.status in (*MARRIED, None)):
                continue
            if e.status is not None and e.status not in MARRIED:
                message = f'filing status "{e.status}" has no spouse; remove "{who}" from `{field.split(".")[0]}`'
            else:
                message = f'no [people.{who}] table; add one or fix `{field.split(".")[0]}`'
            out.append(Problem(where, message, field))
    return out


def check_one_plan_per_person_and_year(ledger) -> list[Problem]:
    """One [[employer_plan]] per person and year: two employers' plans share the 402(g) deferral
    limit but each has its own 415(c) limit, which the planner does not support."""
    out, seen = [], set()
    for e in ledger.employer_plan:
        if (e.who, e.year) in seen:
            out.append(Problem(entry_label(ledger.source, "employer_plan", None, e),
                               f"a second [[employer_plan]] for {e.who} in {e.year}; form8606 supports one "
                               "employer plan per person and year", "year"))
        seen.add((e.who, e.year))
    return out


# Cross-entry checks of these entries: (ledger) -> list[Problem] (run by ledger.checks).
CHECKS: list[Callable] = [check_one_filing_per_year, check_filing_people, check_one_plan_per_person_and_year]
