"""Money as Decimal: parsing ledger amounts, IRS rounding, the line-10 ratio."""

from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

ZERO = Decimal(0)
CENT = Decimal("0.01")
DOLLAR = Decimal(1)

LARGEST = Decimal(10) ** 12
# An amount written as text, once stripped: "7,000.12", "$7000" (also the ledger schema's pattern).
AMOUNT_PATTERN = r"^\$?\s*(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$"
_AMOUNT_TEXT = re.compile(AMOUNT_PATTERN)


def parse_amount(value: object) -> Decimal:
    """A ledger amount -> Decimal, exactly.

    Accepts TOML integers, floats with at most two decimals (their shortest repr is
    taken, so 7000.12 is exactly 7000.12), and strings such as "7,000.12".
    Raises ValueError with a message fit for the user.
    """
    if isinstance(value, bool):
        raise ValueError("expected an amount, got true/false")
    if isinstance(value, int):
        amount = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("expected an amount, got a non-finite number")
        amount = Decimal(repr(value))
        if abs(amount) < LARGEST and amount != amount.quantize(CENT):
            raise ValueError(f"{value} has more than two decimal places")
    elif isinstance(value, Decimal):
        amount = value
    elif isinstance(value, str):
        text = value.strip()
        if not _AMOUNT_TEXT.match(text):
            raise ValueError(
                f'"{value}" is not an amount; write it like 7000, 7000.12 or "7,000.12"'
            )
        if len(text) > 20:
            raise ValueError(f'"{value}" is too large for an IRA amount (at most 999,999,999,999.99)')
        try:
            amount = Decimal(text.replace(",", "").replace("$", "").strip())
        except InvalidOperation:  # pragma: no cover - the regex guards this
            raise ValueError(f'"{value}" is not an amount') from None
    else:
        raise ValueError(f"expected an amount, got {type(value).__name__}")
    if amount < 0:
        raise ValueError(f"{value} is negative; amounts are never negative")
    if amount >= LARGEST:
        raise ValueError(f"{value} is too large for an IRA amount (at most 999,999,999,999.99)")
    return amount


def parse_figure(value: object) -> Decimal:
    """A figure read off a filed form, for [[assert]]: an amount, a line-10 decimal such as
    "0.10000" (up to 8 places), or a negative amount such as line 18 can hold."""
    if isinstance(value, str) and value.strip().startswith("-"):
        return -parse_figure(value.strip()[1:])
    if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
        return -parse_figure(-value)
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, str) and _RATIO_TEXT.match(value.strip()):
        return Decimal(value.strip())
    return parse_amount(value)


RATIO_PATTERN = r"^\d*\.\d{3,8}$"  # line 10 as a decimal, for [[assert]] (also the ledger schema's)
_RATIO_TEXT = re.compile(RATIO_PATTERN)


def round_to(value: Decimal, unit: Decimal) -> Decimal:
    """IRS rounding to the unit (whole dollars or cents): 50 cents and up round up."""
    return value.quantize(unit, rounding=ROUND_HALF_UP)


def ratio(numerator: Decimal, denominator: Decimal, places: int) -> Decimal:
    """Form 8606 line 10: line 5 / line 9 "as a decimal rounded to at least 3 places";
    "if the result is 1.000 or more, enter 1.000" (form line 10)."""
    quantum = Decimal(1).scaleb(-places)
    if denominator <= 0:
        raise ValueError("line 9 is zero; line 10 has no value")
    result = (numerator / denominator).quantize(quantum, rounding=ROUND_HALF_UP)
    return min(result, Decimal(1).quantize(quantum))


def fmt_money(value: Decimal, unit: Decimal = DOLLAR) -> str:
    """7000 -> "7,000"; with cents "7,000.12" (commas, no dollar sign, as the IRS prints)."""
    value = round_to(value, unit)
    places = 0 if unit == DOLLAR else 2
    return f"{value:,.{places}f}"
