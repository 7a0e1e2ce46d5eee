"""The two phase-out worksheets with the numbers printed by the IRS, and both edges of every
phase-out range for each filing status (hand-computed)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from form8606.plan.params import plan_year
from form8606.plan.worksheets import (
    max_roth_contribution,
    reduced,
    reduced_deduction,
    round_up_10,
)

D = Decimal


@pytest.mark.parametrize("amount, expected", [
    ("490.30", 500),   # Form 8606 instructions, Maximum Roth IRA Contribution Worksheet, line 9
    ("611.40", 620),   # Pub. 590 Worksheet 2 (2002), line 4: "$611.40 is rounded to $620"
    ("1592.50", 1600),
    ("3750", 3750),    # already a multiple of $10
    ("0.01", 10),
])
def test_round_up_to_next_ten(amount, expected):
    assert round_up_10(D(amount)) == expected


@pytest.mark.parametrize("amount, expected", [("0.49", 200), ("150", 200), ("199.99", 200), ("200", 200),
                                              ("200.01", 210)])
def test_not_less_than_200(amount, expected):
    assert reduced(D(amount)) == expected


def test_pub_590_printed_deduction_worksheet():
    """Pub. 590 (2002), Appendix B, Worksheet 2, filled in: line 1 $64,000 (joint, covered), line 2
    modified AGI $59,450, line 3 $4,550, line 4 = 4,550 x 35% (50 or older; $3,500 limit over a
    $10,000 range) = 1,592.50, rounded up to $1,600 - the printed result."""
    sheet = reduced_deduction(upper=D(64000), width=D(10000), magi=D(59450), dollar_limit=D(3500), limit=D(3500))
    assert [(line.label, line.value) for line in sheet.lines[:4]] == [
        ("1", 64000), ("2", 59450), ("3", 4550), ("4", 1600)]
    assert "35%" in sheet.lines[3].text
    assert sheet.result == 1600


def test_deduction_percentages_are_the_limit_over_the_width():
    """Pub. 590-A line 4: 32.5% (37.5% at 50) for joint filers covered, 65% (75%) otherwise, in
    2023 = $6,500 or $7,500 over $20,000 or $10,000."""
    joint = reduced_deduction(D(136000), D(20000), D(126000), D(6500), D(6500))
    assert "32.5%" in joint.lines[3].text and joint.result == 3250
    single = reduced_deduction(D(83000), D(10000), D(78000), D(7500), D(7500))
    assert "75%" in single.lines[3].text and single.result == 3750


def roth_2026(status_range: str, magi: int, limit: int = 7500, traditional: int = 0) -> Decimal:
    rng = getattr(plan_year(2026), status_range)
    return max_roth_contribution(D(limit), D(traditional), rng.end, rng.width, D(magi), places=5).result


# Roth 2026 (Notice 2025-67): single/HoH/MFS apart 153,000-168,000; MFJ/QSS 242,000-252,000;
# MFS living together 0-10,000. The limit is 7,500 under 50.
@pytest.mark.parametrize("rng, magi, expected", [
    ("roth_single", 153000, 7500),   # at the start: line 6 = 15,000 >= line 7, full
    ("roth_single", 153001, 7500),   # 14,999/15,000 = 0.99993; x 7,500 = 7,499.48 -> 7,500
    ("roth_single", 160500, 3750),   # 0.50000 x 7,500 = 3,750
    ("roth_single", 161111, 3450),   # 6,889/15,000 = 0.45927; x 7,500 = 3,444.53 -> 3,450
    ("roth_single", 167700, 200),    # 300/15,000 = 0.02; 150 -> the $200 floor
    ("roth_single", 167999, 200),    # 1/15,000 = 0.00007; 0.53 -> 10 -> $200
    ("roth_single", 168000, 0),      # at the end: line 6 = 0, no contribution
    ("roth_single", 200000, 0),
    ("roth_joint", 242000, 7500),
    ("roth_joint", 242001, 7500),    # 0.99990 x 7,500 = 7,499.25 -> 7,500
    ("roth_joint", 247000, 3750),
    ("roth_joint", 251999, 200),     # 0.00010 x 7,500 = 0.75 -> 10 -> $200
    ("roth_joint", 252000, 0),
    ("roth_mfs", 0, 7500),           # line 6 = 10,000 >= line 7
    ("roth_mfs", 1, 7500),
    ("roth_mfs", 5000, 3750),
    ("roth_mfs", 9999, 200),
    ("roth_mfs", 10000, 0),
])
def test_roth_phaseout_edges(rng, magi, expected):
    assert roth_2026(rng, magi) == expected


def test_roth_worksheet_lines_2_3_and_10():
    """Line 10 is the smaller of line 3 (limit less traditional contributions) and line 9."""
    assert roth_2026("roth_single", 160500, traditional=5000) == 2500  # line 3 = 2,500 < line 9 = 3,750
    assert roth_2026("roth_single", 160500, traditional=2000) == 3750  # line 9 = 3,750 < line 3 = 5,500
    assert roth_2026("roth_single", 100000, traditional=7500) == 0
    assert roth_2026("roth_single", 100000, traditional=8000) == 0     # never negative


def test_roth_line_8_places():
    """Line 8 'rounded to at least 3 places': 5,000/15,000 to 3 places is 0.333 (2,331 -> 2,340)."""
    sheet = max_roth_contribution(D(7000), D(0), D(165000), D(15000), D(160000), places=3)
    assert sheet.value("8") == D("0.333") and sheet.value("9") == 2340 and sheet.result == 2340


def deduction_2026(rng: str, magi: int, dollars: int = 7500) -> Decimal:
    r = getattr(plan_year(2026), rng)
    return reduced_deduction(r.end, r.width, D(magi), D(dollars), D(dollars)).result


# Deduction 2026: covered single/HoH 81,000-91,000 (75%); covered MFJ/QSS 129,000-149,000
# (37.5%); spouse covered, MFJ 242,000-252,000 (75%); MFS 0-10,000 (75%).
@pytest.mark.parametrize("rng, magi, expected", [
    ("deduction_covered_single", 81000, 7500),
    ("deduction_covered_single", 81001, 7500),    # 9,999 x 75% = 7,499.25 -> 7,500
    ("deduction_covered_single", 86000, 3750),
    ("deduction_covered_single", 90999, 200),     # 0.75 -> 10 -> $200
    ("deduction_covered_single", 91000, 0),
    ("deduction_covered_joint", 129000, 7500),
    ("deduction_covered_joint", 139000, 3750),    # 10,000 x 37.5%
    ("deduction_covered_joint", 140001, 3380),    # 8,999 x 37.5% = 3,374.63 -> 3,380
    ("deduction_covered_joint", 148999, 200),
    ("deduction_covered_joint", 149000, 0),
    ("deduction_spouse_covered", 242000, 7500),
    ("deduction_spouse_covered", 247000, 3750),
    ("deduction_spouse_covered", 251999, 200),
    ("deduction_spouse_covered", 252000, 0),
    ("deduction_mfs", 0, 7500),
    ("deduction_mfs", 5000, 3750),
    ("deduction_mfs", 9999, 200),
    ("deduction_mfs", 10000, 0),
])
def test_deduction_phaseout_edges(rng, magi, expected):
    assert deduction_2026(rng, magi) == expected


def test_deduction_at_50_uses_the_larger_limit():
    """2026 at 50 or older: 8,600 -> 43% joint, 86% single."""
    assert deduction_2026("deduction_covered_joint", 139000, dollars=8600) == 4300
    assert deduction_2026("deduction_covered_single", 86000, dollars=8600) == 4300


def test_deduction_capped_by_the_limit_after_compensation():
    sheet = reduced_deduction(D(91000), D(10000), D(86000), D(7500), D(3000))
    assert sheet.value("4") == 3750 and sheet.result == 3000



@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["roth_single", "roth_joint", "roth_mfs"]), st.integers(0, 300000), st.integers(0, 8600))
def test_roth_result_is_zero_or_200_to_the_limit_and_falls_with_income(rng, magi, limit):
    """The worksheet never gives a negative, a figure between 0 and $200 (unless line 3 is smaller),
    more than line 3, or more at a higher income."""
    r = getattr(plan_year(2026), rng)
    now = max_roth_contribution(D(limit), D(0), r.end, r.width, D(magi), places=5).result
    later = max_roth_contribution(D(limit), D(0), r.end, r.width, D(magi + 1), places=5).result
    assert 0 <= now <= limit and later <= now
    assert now == 0 or now >= min(200, limit)
    assert now % 10 == 0 or now == limit


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["deduction_covered_single", "deduction_covered_joint", "deduction_spouse_covered",
                        "deduction_mfs"]), st.integers(0, 300000), st.sampled_from([7500, 8600]))
def test_deduction_is_zero_or_200_to_the_limit_and_falls_with_income(rng, magi, dollars):
    r = getattr(plan_year(2026), rng)
    now = reduced_deduction(r.end, r.width, D(magi), D(dollars), D(dollars)).result
    later = reduced_deduction(r.end, r.width, D(magi + 1), D(dollars), D(dollars)).result
    assert 0 <= later <= now <= dollars
    assert now == 0 or now >= 200
