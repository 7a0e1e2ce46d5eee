from decimal import Decimal

import pytest

from form8606.money import CENT, DOLLAR, fmt_money, parse_amount, ratio, round_to


@pytest.mark.parametrize(
    "raw, expected",
    [(7000, "7000"), (7000.12, "7000.12"), ("7,000.12", "7000.12"), ("1,234,567", "1234567"), ("$15.5", "15.5"),
     (0.1, "0.1"), ("0", "0")],
)
def test_parse_amount_exact(raw, expected):
    assert parse_amount(raw) == Decimal(expected)


@pytest.mark.parametrize("raw", [-1, "abc", "7,00", "1.234", 1.234, True, None, "--5", float("nan")])
def test_parse_amount_rejects(raw):
    with pytest.raises(ValueError):
        parse_amount(raw)


def test_irs_rounding_half_up():
    assert round_to(Decimal("2.50"), DOLLAR) == 3
    assert round_to(Decimal("2.49"), DOLLAR) == 2
    assert round_to(Decimal("-2.50"), DOLLAR) == -3
    assert round_to(Decimal("0.125"), CENT) == Decimal("0.13")


def test_ratio_rounds_and_caps():
    assert ratio(Decimal(7000), Decimal(70000), 5) == Decimal("0.10000")
    assert ratio(Decimal(2), Decimal(3), 3) == Decimal("0.667")
    assert ratio(Decimal(1), Decimal(8), 2 + 1) == Decimal("0.125")
    assert ratio(Decimal(1), Decimal(16), 3) == Decimal("0.063")  # 0.0625 rounds half up
    assert ratio(Decimal(9), Decimal(4), 5) == Decimal("1.00000")
    assert str(ratio(Decimal(9), Decimal(4), 3)) == "1.000"


def test_fmt_money():
    assert fmt_money(Decimal("63000")) == "63,000"
    assert fmt_money(Decimal("7000.5")) == "7,001"
    assert fmt_money(Decimal("7000.5"), CENT) == "7,000.50"
