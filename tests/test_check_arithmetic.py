"""Their form's own arithmetic (issue 13): every sum and product Form 8606 defines, on their
figures, before any comparison with the ledger."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from form8606.check.arithmetic import inconsistencies
from form8606.ledger import load_ledger
from form8606.pipeline import compute
from tests.helpers import ROOT

LEDGERS = sorted([*ROOT.glob("fixtures/*.toml"), *ROOT.glob("tests/cases/*.toml")])

# The pro-rata backdoor of the README: 7,000 basis, 63,000 pre-tax, 7,000 converted.
PRORATA = {"1": 7000, "2": 0, "3": 7000, "5": 7000, "6": 63000, "7": 0, "8": 7000, "9": 70000, "10": "0.10000",
           "11": 700, "12": 0, "13": 700, "14": 6300, "16": 7000, "17": 700, "18": 6300}


def lines(**changes) -> dict[str, Decimal]:
    base = {k: Decimal(str(v)) for k, v in PRORATA.items()}
    base.update({k.removeprefix("l"): Decimal(str(v)) for k, v in changes.items()})
    return base


def test_a_consistent_form_has_nothing_to_say():
    assert inconsistencies(lines()) == []


def test_line_3_that_is_not_1_plus_2():
    (bad,) = inconsistencies(lines(l3=8000, l5=8000, l14=7300))[:1]
    assert (bad.line, bad.theirs, bad.expected) == ("3", 8000, 7000)
    assert bad.words == "line 1 + line 2, with line 1 7,000 and line 2 0: 7,000"


def test_line_10_that_is_not_5_over_9():
    (bad,) = inconsistencies(lines(l10="0.20000"))[:1]
    assert (bad.line, bad.expected) == ("10", Decimal("0.10000"))


def test_line_10_at_three_places_is_consistent():
    """The form allows "at least 3 places"; lines 11-14 follow from it within a dollar."""
    t = lines(l10="0.100")
    assert inconsistencies(t) == []
    odd = {"1": 7000, "2": 0, "3": 7000, "5": 7000, "6": 10000, "7": 0, "8": 7000, "9": 17000, "10": "0.412",
           "11": 2884, "12": 0, "13": 2884, "14": 4116, "16": 7000, "17": 2884, "18": 4116}
    assert inconsistencies({k: Decimal(str(v)) for k, v in odd.items()}) == []  # 7000/17000 = 0.41176...


def test_line_10_cut_off_rather_than_rounded_passes():
    t = {"5": Decimal(2), "9": Decimal(3), "10": Decimal("0.666")}
    assert inconsistencies(t) == []
    assert [i.line for i in inconsistencies({**t, "10": Decimal("0.665")})] == ["10"]


def test_line_18_and_part_iii_floors():
    assert [i.line for i in inconsistencies(lines(l18=6000))] == ["18"]
    roth = {"19": Decimal(5000), "20": Decimal(0), "21": Decimal(5000), "22": Decimal(8000), "23": Decimal(0)}
    assert inconsistencies(roth) == []  # 5,000 - 8,000 is below 0: the form says -0-
    assert [i.line for i in inconsistencies({**roth, "23": Decimal(-3000)})] == ["23"]


def test_worksheet_1_1_year_leaves_6_to_12_blank():
    """Pub. 590-B: lines 6-12 blank, line 13 from Worksheet 1-1: not an inconsistency."""
    t = {"1": Decimal(5000), "2": Decimal(0), "3": Decimal(5000), "5": Decimal(5000), "13": Decimal(1200),
         "14": Decimal(3800)}
    assert inconsistencies(t) == []


@pytest.mark.parametrize("path", LEDGERS, ids=lambda p: p.stem)
def test_our_own_forms_are_consistent(path):
    for form in compute(load_ledger(path)).forms:
        assert inconsistencies({k: v.value for k, v in form.lines.items()}) == [], (form.person, form.year)


@settings(max_examples=200, deadline=None)
@given(basis=st.integers(0, 50_000), pretax=st.integers(0, 500_000), converted=st.integers(1, 100_000),
       places=st.integers(3, 8))
def test_any_pro_rata_form_we_figure_is_consistent(basis, pretax, converted, places):
    from tests.helpers import ledger_of

    body = f"""
        [options]
        ratio_places = {places}
        [[opening]]
        who = "you"
        year = 2024
        traditional_basis = {basis}
        [[conversion]]
        who = "you"
        date = 2025-03-01
        amount = {converted}
        [[year_end]]
        who = "you"
        year = 2025
        traditional = {pretax}
    """
    for form in compute(ledger_of(body)).forms:
        assert inconsistencies({k: v.value for k, v in form.lines.items()}) == []
