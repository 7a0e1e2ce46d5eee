"""Part III and the Roth layers: hand-checked cases written inline."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from form8606.ages import half_past_59
from form8606.calc.roth import Layers
from tests.helpers import forms_of, lines_of, money_lines

BORN_1980 = 'version = 1\n[people.you]\nname = "Ana"\nbirth_date = 1980-03-15\n'


def test_half_past_59_is_six_months_after_the_59th_birthday():
    assert half_past_59(dt.date(1966, 6, 30)) == dt.date(2025, 12, 30)
    assert half_past_59(dt.date(1966, 8, 31)) == dt.date(2026, 2, 28)


def test_ordering_contributions_then_oldest_conversion_taxable_first_then_earnings():
    layers = Layers(Decimal(5000)).add_conversion(2021, Decimal(7000), Decimal(1000))
    layers = layers.add_conversion(2020, Decimal(3000), Decimal(3000))
    after, taken = layers.withdraw(Decimal(9500))
    assert taken.contributions == 5000
    assert [(p.year, p.amount, p.taxable) for p in taken.conversions] == [(2020, 3000, 3000), (2021, 1500, 1000)]
    assert taken.earnings == 0
    assert after.contributions == 0 and [(c.year, c.amount, c.taxable) for c in after.conversions] == [(2021, 5500, 0)]
    _, more = after.withdraw(Decimal(6000))
    assert more.earnings == 500


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 10_000), min_size=1, max_size=6), st.lists(st.integers(0, 20_000), max_size=8))
def test_layers_never_negative_and_everything_accounted_for(adds, takes):
    layers = Layers(Decimal(adds[0]))
    for year, amount in enumerate(adds[1:], start=2019):
        layers = layers.add_conversion(year, Decimal(amount), Decimal(amount // 3))
    start = layers.total
    withdrawn_basis = earnings = Decimal(0)
    for amount in takes:
        layers, taken = layers.withdraw(Decimal(amount))
        assert layers.contributions >= 0 and all(c.amount >= 0 and 0 <= c.taxable <= c.amount for c in layers.conversions)
        withdrawn_basis += taken.contributions + sum(p.amount for p in taken.conversions)
        earnings += taken.earnings
        assert taken.contributions + sum(p.amount for p in taken.conversions) + taken.earnings == amount
    assert withdrawn_basis + layers.total == start
    assert withdrawn_basis + earnings == sum(takes)


def test_contributions_withdrawn_first_not_taxable_and_line_22():
    (f2021, f2023) = forms_of("""
        [[contribution]]
        who = "you"
        date = 2021-03-01
        to = "roth"
        amount = 6000
        [[distribution]]
        who = "you"
        date = 2023-05-01
        from = "roth"
        amount = 4000
    """, BORN_1980)
    assert not f2021.required and f2021.lines == {}
    assert lines_of(f2023) == money_lines(l19=4000, l20=0, l21=4000, l22=6000, l23=0)
    assert f2023.required and f2023.additional_tax_base == 0
    assert f2023.roth_basis.contributions == 2000


def test_conversion_within_five_years_recaptured_and_earnings_taxable():
    # 2021: 6,000 contribution; 2022: 20,000 pre-tax conversion (taxable 20,000).
    # 2024 at 44: 30,000 out = 6,000 contributions + 20,000 conversion (within 5 years) + 4,000 earnings.
    (_, f2022, f2024) = forms_of("""
        [[contribution]]
        who = "you"
        date = 2021-03-01
        to = "roth"
        amount = 6000
        [[conversion]]
        who = "you"
        date = 2022-06-01
        amount = 20000
        [[year_end]]
        who = "you"
        year = 2022
        traditional = 0
        [[distribution]]
        who = "you"
        date = 2024-05-01
        from = "roth"
        amount = 30000
    """, BORN_1980)
    assert lines_of(f2022) == money_lines(l16=20000, l17=0, l18=20000)  # no basis: Part I not completed
    assert lines_of(f2024) == money_lines(l19=30000, l20=0, l21=30000, l22=6000, l23=24000, l24=20000,
                                          l25a=4000, l25b=0, l25c=4000)
    assert f2024.additional_tax_base == 20000 + 4000
    assert [n.code for n in f2024.notes] == ["roth_earnings_withdrawn", "additional_tax_base"]
    assert f2024.roth_basis.contributions == 0 and f2024.roth_basis.conversions == ()


def test_qualified_distribution_after_59_and_five_years_stays_off_line_19():
    forms = forms_of("""
        [[opening]]
        who = "you"
        year = 2019
        roth_contribution_basis = 10000
        first_roth_year = 2010
        [[distribution]]
        who = "you"
        date = 2025-12-01
        from = "roth"
        amount = 50000
    """, 'version = 1\n[people.you]\nname = "Old"\nbirth_date = 1960-01-01\n')
    (form,) = forms
    assert form.lines == {} and not form.required
    assert form.roth_basis.contributions == 0 and form.additional_tax_base == 0


def test_opening_with_roth_money_needs_first_roth_year(problems_of):
    (msg,) = problems_of("""
        [[opening]]
        who = "you"
        year = 2019
        roth_contribution_basis = 10000
        [[distribution]]
        who = "you"
        date = 2025-12-01
        from = "roth"
        amount = 500
    """, BORN_1980)
    assert "[[distribution]] #1 (you, 2025-12-01)" in msg and "first_roth_year" in msg


def test_age_rule_without_birth_date_is_an_error(problems_of):
    (msg,) = problems_of("""
        [[contribution]]
        who = "you"
        date = 2021-03-01
        to = "roth"
        amount = 6000
        [[distribution]]
        who = "you"
        date = 2023-05-01
        from = "roth"
        amount = 100
    """)
    assert "[[distribution]] #1 (you, 2023-05-01)" in msg and "birth_date" in msg


def test_mega_backdoor_rollover_layer_and_traditional_after_tax_basis():
    (f2021, f2024) = forms_of("""
        [[plan_rollover]]
        who = "you"
        date = 2021-10-01
        to = "roth"
        taxable = 300
        after_tax = 41500
        [[distribution]]
        who = "you"
        date = 2024-05-01
        from = "roth"
        amount = 1000
    """, BORN_1980)
    assert [(c.year, c.amount, c.taxable) for c in f2021.roth_basis.conversions] == [(2021, 41800, 300)]
    assert not f2021.required
    assert lines_of(f2024) == money_lines(l19=1000, l20=0, l21=1000, l22=0, l23=1000, l24=41800, l25a=0)
    assert f2024.additional_tax_base == 300  # the taxable part, withdrawn within 5 years, first
    (f2025,) = forms_of("""
        [[plan_rollover]]
        who = "you"
        date = 2025-10-01
        to = "traditional"
        after_tax = 5000
        taxable = 100
    """, BORN_1980)
    assert f2025.basis_end == 5000 and not f2025.required


def test_first_home_line_20_capped_by_earlier_use():
    (form,) = forms_of("""
        [[opening]]
        who = "you"
        year = 2020
        roth_contribution_basis = 1000
        roth_conversions = [{ year = 2018, amount = 2000, taxable = 2000 }]
        first_roth_year = 2015
        homebuyer_used = 2000
        [[distribution]]
        who = "you"
        date = 2025-06-01
        from = "roth"
        amount = 12000
        reason = "first_home"
        homebuyer_expenses = 15000
    """, BORN_1980)
    assert lines_of(form) == money_lines(l19=12000, l20=8000, l21=4000, l22=1000, l23=3000, l24=2000, l25a=1000,
                                         l25b=0, l25c=1000)
    # 2018 conversion is older than 5 years: no recapture; earnings 9,000 taken, 25c = 1,000 of them.
    assert form.additional_tax_base == 1000


def test_reason_on_traditional_distribution_and_first_home_without_expenses_are_errors():
    import pytest

    from form8606.errors import Form8606Error
    from form8606.ledger import load_text

    with pytest.raises(Form8606Error) as info:
        load_text(BORN_1980 + '[[distribution]]\nwho = "you"\ndate = 2025-01-01\nfrom = "traditional"\namount = 1\n'
                  'reason = "death"\n[[distribution]]\nwho = "you"\ndate = 2025-01-02\nfrom = "roth"\namount = 1\n'
                  'reason = "first_home"\n[[distribution]]\nwho = "you"\ndate = 2025-01-03\nfrom = "roth"\n'
                  'amount = 1\nreason = "lottery"\n')
    msgs = [str(p) for p in info.value.problems]
    assert any("#1" in m and "Roth distributions" in m for m in msgs)
    assert any("#2" in m and "homebuyer_expenses" in m for m in msgs)
    assert any("#3" in m and "field `reason`" in m and "'death', 'disability' or 'first_home'" in m for m in msgs)


def test_returned_roth_contribution_does_not_start_the_five_year_period():
    # 2019 Roth contribution returned before the due date: treated as never made, so the first
    # Roth year is 2021 and a 2025 distribution at 60 is not yet qualified.
    forms = forms_of("""
        [[contribution]]
        who = "you"
        date = 2019-03-01
        to = "roth"
        amount = 6000
        [[returned_contribution]]
        who = "you"
        date = 2019-12-01
        for_year = 2019
        from = "roth"
        amount = 6000
        [[contribution]]
        who = "you"
        date = 2021-03-01
        to = "roth"
        amount = 6000
        [[distribution]]
        who = "you"
        date = 2025-06-01
        from = "roth"
        amount = 1000
    """, 'version = 1\n[people.you]\nname = "Old"\nbirth_date = 1960-01-01\n')
    last = forms[-1]
    assert last.year == 2025 and last.value("19") == 1000 and last.required
