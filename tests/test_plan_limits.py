"""The planner's year parameters: cited data for every supported year, equal to the IRS tables
copied in tests/data/limits.md (as tests/test_rules.py does for the IRA limits)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from form8606 import rules
from form8606.errors import Form8606Error
from form8606.plan.params import plan_year
from tests.helpers import limits_table, money

RANGE = r"([\d,]+)–([\d,]+)"


def pair(cell: str) -> tuple[Decimal, Decimal]:
    start, end = re.fullmatch(RANGE, cell).groups()
    return money(start), money(end)


def test_every_year_is_known_and_2017_is_not():
    for year in rules.SUPPORTED_YEARS:
        py = plan_year(year)
        assert py.roth_single.width == 15000 and py.roth_joint.width == 10000 and py.roth_mfs.width == 10000
        assert py.deduction_covered_joint.width == 20000 and py.deduction_covered_single.width == 10000
    with pytest.raises(Form8606Error, match="2017 is not supported"):
        plan_year(2017)


def test_known_figures():
    assert (plan_year(2026).roth_single.start, plan_year(2026).roth_single.end) == (153000, 168000)
    assert plan_year(2023).roth_joint.end == 228000  # 2023 Form 8606 instructions, worksheet line 4
    assert plan_year(2022).roth_single.end == 144000  # 2022 Form 8606 instructions, worksheet line 4
    assert plan_year(2022).annual_additions == 61000  # 2023 Form 8606 instructions, SEP table
    assert plan_year(2025).plan_catch_up_60_63 == 11250 and plan_year(2024).plan_catch_up_60_63 == 7500


def test_roth_phaseouts_match_limits_md():
    rows = limits_table("Roth IRA contribution phase-out")
    assert len(rows) == 9
    for year, single, joint, mfs in rows:
        py = plan_year(int(year))
        assert (py.roth_single.start, py.roth_single.end) == pair(single)
        assert (py.roth_joint.start, py.roth_joint.end) == pair(joint)
        assert (py.roth_mfs.start, py.roth_mfs.end) == pair(mfs)


def test_deduction_phaseouts_match_limits_md():
    rows = limits_table("Traditional IRA deduction phase-out")
    assert len(rows) == 9
    for year, single, joint, spouse, mfs in rows:
        py = plan_year(int(year))
        assert (py.deduction_covered_single.start, py.deduction_covered_single.end) == pair(single)
        assert (py.deduction_covered_joint.start, py.deduction_covered_joint.end) == pair(joint)
        assert (py.deduction_spouse_covered.start, py.deduction_spouse_covered.end) == pair(spouse)
        assert (py.deduction_mfs.start, py.deduction_mfs.end) == pair(mfs)


def test_employer_plan_limits_match_limits_md():
    rows = limits_table("Employer plans")
    assert len(rows) == 9
    for year, deferral, catch_up, catch_up_60, additions, _simple in rows:
        py = plan_year(int(year))
        assert py.elective_deferral == money(deferral)
        assert py.plan_catch_up == money(catch_up)
        assert py.plan_catch_up_60_63 == (py.plan_catch_up if catch_up_60 == "—" else money(catch_up_60))
        assert py.annual_additions == money(additions)
