"""The calculator's figures as the worksheet prints them: in the form's unit, as dollars in a
sentence, line 10 as a percentage, an unrounded figure."""

from __future__ import annotations

from decimal import Decimal

from form8606.calc.result import FormResult
from form8606.lines import RATIO_LINE
from form8606.money import DOLLAR, fmt_money


def money(form: FormResult, value: Decimal) -> str:
    return fmt_money(value, form.unit)


def dollars(value: Decimal, unit: Decimal = DOLLAR) -> str:
    text = fmt_money(abs(value), unit)
    return f"-${text}" if value < 0 else f"${text}"


def percent(ratio: Decimal) -> str:
    """Line 10 as a percentage, every printed place kept: 0.10000 -> 10%, 0.99986 -> 99.986%."""
    text = format(ratio.scaleb(2), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def line_value(form: FormResult, label: str) -> str:
    """A line as printed on the form (line 10 with all its places)."""
    value = form.lines[label].value
    return str(value) if label == RATIO_LINE else money(form, value)


def exact(value: Decimal) -> str:
    """An unrounded figure with thousands separators, without trailing zeros past the cents."""
    text = format(value, ",f")
    if "." in text:
        whole, frac = text.split(".")
        frac = frac.rstrip("0").ljust(2, "0")
        text = f"{whole}.{frac}"
    return text
