"""Every year parameter file is complete and cited (as OpenFisca lints its parameters), and the
figures agree with the IRS tables copied in tests/data/limits.md."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from form8606 import rules
from form8606.errors import Form8606Error
from tests.helpers import limits_table, money

NAMES = rules.parameter_names()


@pytest.mark.parametrize("name", NAMES)
def test_parameter_covers_every_supported_year_with_a_source(name):
    p = rules.parameter(name)
    assert p.description and p.reference
    assert set(p.values) == set(rules.SUPPORTED_YEARS)
    assert all(p.sources[y].strip() for y in p.values)


def test_unknown_year_is_an_error():
    with pytest.raises(Form8606Error, match="2017 is not supported"):
        rules.for_year(2017)


def test_known_figures():
    assert rules.for_year(2023).ira_limit == Decimal(6500)
    assert rules.for_year(2026).ira_catch_up == Decimal(1100)
    assert rules.for_year(2019).contribution_deadline == dt.date(2020, 7, 15)
    assert rules.for_year(2022).contribution_deadline == dt.date(2023, 4, 18)


def test_ira_limits_and_deadlines_match_the_irs_tables():
    limits = limits_table("IRA contributions")
    assert [int(row[0]) for row in limits] == list(rules.SUPPORTED_YEARS)
    for year, limit, catch_up, *_ in limits:
        assert rules.parameter("ira_limit")(int(year)) == money(limit)
        assert rules.parameter("ira_catch_up")(int(year)) == money(catch_up)
    deadlines = limits_table("Contribution deadlines")
    assert [int(row[0]) for row in deadlines] == list(rules.SUPPORTED_YEARS)
    for year, day, _why in deadlines:
        assert rules.parameter("contribution_deadline")(int(year)) == dt.date.fromisoformat(day)
