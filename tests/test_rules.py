"""Every year parameter file is complete and cited (STYLE: OpenFisca's parameter lint),
and the figures agree with ../shared/limits.md where that file is present."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from form8606 import rules
from form8606.errors import Form8606Error

NAMES = rules.parameter_names()
LIMITS = Path(__file__).resolve().parents[2] / "shared" / "limits.md"


@pytest.mark.parametrize("name", NAMES)
def test_parameter_covers_every_supported_year_with_a_source(name):
    p = rules.parameter(name)
    assert p.description and p.reference
    assert set(p.values) == set(rules.SUPPORTED_YEARS)
    assert all(p.sources[y].strip() for y in p.values)


def test_unknown_year_is_an_error():
    with pytest.raises(Form8606Error, match="2018 is not supported"):
        rules.for_year(2018)


def test_known_figures():
    assert rules.for_year(2023).ira_limit == Decimal(6500)
    assert rules.for_year(2026).ira_catch_up == Decimal(1100)
    assert rules.for_year(2019).contribution_deadline == dt.date(2020, 7, 15)
    assert rules.for_year(2022).contribution_deadline == dt.date(2023, 4, 18)


@pytest.mark.skipif(not LIMITS.exists(), reason="shared/limits.md is beside the checkout only in the workplace")
def test_ira_limits_match_shared_limits_md():
    table = LIMITS.read_text().split("## IRA contributions")[1].split("##")[0]
    for year, limit, catch_up in re.findall(r"\| (\d{4}) \| ([\d,]+) \| ([\d,]+) \|", table):
        assert rules.parameter("ira_limit")(int(year)) == Decimal(limit.replace(",", ""))
        assert rules.parameter("ira_catch_up")(int(year)) == Decimal(catch_up.replace(",", ""))
    deadlines = LIMITS.read_text().split("## Contribution deadlines")[1].split("##")[0]
    for year, day in re.findall(r"\| (\d{4}) \| (\d{4}-\d\d-\d\d) \|", deadlines):
        assert rules.parameter("contribution_deadline")(int(year)) == dt.date.fromisoformat(day)
