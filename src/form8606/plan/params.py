"""The year parameters the planner uses, read from the cited data of form8606.rules.

Each phase-out range is one parameter file whose yearly value is [start, end]; an unknown
year is an error (rules.check_year), never a carried value.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from form8606 import rules


@dataclass(frozen=True)
class Range:
    """A modified-AGI phase-out: the full amount at or below `start`, nothing at or above `end`."""

    name: str  # the parameter file, e.g. "roth_phaseout_single"
    start: Decimal
    end: Decimal
    source: str  # the sources of both ends for the year

    @property
    def width(self) -> Decimal:
        return self.end - self.start


def value(name: str, year: int) -> Decimal:
    return rules.parameter(name)(year)


def source(name: str, year: int) -> str:
    """'Notice 2025-67' - where the figure of `name` for `year` comes from."""
    rules.parameter(name)(year)  # an unknown year is an error
    return rules.parameter(name).sources[year]


def phaseout(name: str, year: int) -> Range:
    start, end = value(name, year)
    return Range(name, start, end, source(name, year))


@dataclass(frozen=True)
class PlanYear:
    """Every figure of one tax year the planner needs."""

    year: int
    ira_limit: Decimal
    ira_catch_up: Decimal
    roth_single: Range  # single, head of household, MFS not living with the spouse
    roth_joint: Range  # MFJ, qualifying surviving spouse
    roth_mfs: Range  # MFS living with the spouse
    deduction_covered_single: Range
    deduction_covered_joint: Range
    deduction_spouse_covered: Range
    deduction_mfs: Range
    elective_deferral: Decimal  # 402(g)
    plan_catch_up: Decimal  # 414(v), age 50 or older
    plan_catch_up_60_63: Decimal  # 414(v)(2)(E), ages 60-63 (the age-50 figure before 2025)
    annual_additions: Decimal  # 415(c)


@cache
def plan_year(year: int) -> PlanYear:
    rules.check_year(year)
    return PlanYear(
        year=year,
        ira_limit=value("ira_limit", year),
        ira_catch_up=value("ira_catch_up", year),
        roth_single=phaseout("roth_phaseout_single", year),
        roth_joint=phaseout("roth_phaseout_joint", year),
        roth_mfs=phaseout("roth_phaseout_mfs", year),
        deduction_covered_single=phaseout("deduction_phaseout_covered_single", year),
        deduction_covered_joint=phaseout("deduction_phaseout_covered_joint", year),
        deduction_spouse_covered=phaseout("deduction_phaseout_spouse_covered", year),
        deduction_mfs=phaseout("deduction_phaseout_mfs", year),
        elective_deferral=value("elective_deferral_limit", year),
        plan_catch_up=value("plan_catch_up", year),
        plan_catch_up_60_63=value("plan_catch_up_60_63", year),
        annual_additions=value("annual_additions_limit", year),
    )
