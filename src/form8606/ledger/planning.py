"""Ledger entries used by the planner (`form8606 plan`): household facts per tax year and
employer plans. Names are a contract (issue: Planning)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from form8606.ledger.base import Amount, Entry, Who, Year
from form8606.money import ZERO

FilingStatus = Literal["single", "mfj", "mfs", "hoh", "qss"]


class Filing(Entry):
    """Household facts for one tax year, used for eligibility."""

    year: Year
    status: FilingStatus | None = None
    magi: Amount | None = None  # modified AGI for IRA purposes
    lived_with_spouse: bool | None = None  # matters only for mfs
    covered: tuple[Who, ...] | None = None  # who was covered by a workplace retirement plan
    compensation: dict[Who, Amount] = Field(default_factory=dict)


class EmployerPlan(Entry):
    """A 401(k) or 403(b) for one person and year."""

    who: Who
    year: Year
    deferrals: Amount = ZERO  # pre-tax and Roth elective deferrals
    employer: Amount = ZERO  # match and profit sharing
    after_tax: Amount = ZERO  # after-tax contributions made so far
    allows_after_tax: bool = False
    allows_in_service_withdrawal: bool = False  # or an in-plan Roth conversion
    self_employed: bool = False  # a solo 401(k): the employer part is limited by net earnings


CHECKS: list = []  # cross-entry checks of these entries: (ledger) -> list[Problem]
