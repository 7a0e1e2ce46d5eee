"""The two IRS worksheets that phase IRA amounts out by modified AGI, line by line.

Pure functions of explicit figures (no ledger, no year), so that tests can feed them the
numbers printed in any year's instructions:

- the Maximum Roth IRA Contribution Worksheet of the Form 8606 instructions;
- Worksheet 1-2, Figuring Your Reduced IRA Deduction, of Publication 590-A.

Both round a reduced amount *up* to the next multiple of $10 and never below $200 while any
amount is left (IRC 219(g)(2)(B)-(C), applied to Roth IRAs by IRC 408A(c)(3)(A); Treas. Reg.
1.408A-3, Q&A-3(b)).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from form8606.money import ZERO, fmt_money, ratio

TEN = Decimal(10)
FLOOR = Decimal(200)


@dataclass(frozen=True)
class WorksheetLine:
    label: str  # the worksheet's printed line number, "1" ... "10"
    text: str  # what the line asks for, shortened
    value: Decimal  # an amount, or the line-8 decimal


@dataclass(frozen=True)
class Worksheet:
    title: str
    cite: str
    lines: tuple[WorksheetLine, ...]
    result: Decimal
    stop: str = ""  # why the worksheet ended early, in its own words

    def value(self, label: str) -> Decimal | None:
        return next((line.value for line in self.lines if line.label == label), None)


def round_up_10(amount: Decimal) -> Decimal:
    """'If the result isn't a multiple of $10, increase it to the next multiple of $10 (for
    example, increase $490.30 to $500)' (Form 8606 instructions, worksheet line 9)."""
    return (amount / TEN).to_integral_value(rounding=ROUND_CEILING) * TEN


def reduced(amount: Decimal) -> Decimal:
    """Round up to $10, 'but not less than $200'."""
    return max(round_up_10(amount), FLOOR)


def max_roth_contribution(line1: Decimal, traditional: Decimal, upper: Decimal, width: Decimal, magi: Decimal,
                          places: int = 3) -> Worksheet:
    """Form 8606 instructions, Maximum Roth IRA Contribution Worksheet.

    line1: the contribution limit (MFJ: the dollar limit; others: the smaller of it and taxable
    compensation); traditional: total traditional IRA contributions for the year; upper and
    width: line 4 (the end of the phase-out range) and line 7 ($15,000 or $10,000); places: line
    8 is 'rounded to at least 3 places'."""
    m = fmt_money
    lines = [WorksheetLine("1", "contribution limit", line1),
             WorksheetLine("2", "contributions to traditional IRAs for the year", traditional)]
    l3 = line1 - traditional
    lines.append(WorksheetLine("3", "line 1 - line 2", l3))
    lines += [WorksheetLine("4", "end of the modified AGI phase-out range", upper),
              WorksheetLine("5", "modified AGI for Roth IRA purposes", magi)]
    l6 = upper - magi
    lines.append(WorksheetLine("6", "line 4 - line 5", l6))
    title, cite = "Maximum Roth IRA Contribution Worksheet", "Form 8606 instructions"
    if l6 <= 0:
        return Worksheet(title, cite, tuple(lines), ZERO,
                         f"line 6 ({m(l6)}) is zero or less: no Roth IRA contribution is allowed")
    lines.append(WorksheetLine("7", "width of the phase-out range", width))
    if l6 >= width:
        l10 = max(l3, ZERO)
        lines.append(WorksheetLine("10", "line 3 (line 6 is at least line 7)", l10))
        return Worksheet(title, cite, tuple(lines), l10)
    l8 = ratio(l6, width, places)
    l9 = reduced(line1 * l8)
    l10 = max(min(l3, l9), ZERO)
    lines += [WorksheetLine("8", f"line 6 / line 7, rounded to {places} places", l8),
              WorksheetLine("9", "line 1 x line 8, rounded up to $10, at least $200", l9),
              WorksheetLine("10", "smaller of line 3 or line 9", l10)]
    return Worksheet(title, cite, tuple(lines), l10)


def reduced_deduction(upper: Decimal, width: Decimal, magi: Decimal, dollar_limit: Decimal, limit: Decimal) -> Worksheet:
    """Publication 590-A, Worksheet 1-2, Figuring Your Reduced IRA Deduction, lines 1-5 and 7
    without line 6 (the contributions): the deductible part of the year's limit.

    dollar_limit: the year's limit with the catch-up at 50 (it sets line 4's percentage:
    limit / width, e.g. 32.5% = $6,500 / $20,000); limit: the person's limit after the
    compensation cap (line 5)."""
    title, cite = "Figuring Your Reduced IRA Deduction (Worksheet 1-2)", "Publication 590-A"
    lines = [WorksheetLine("1", "end of the modified AGI phase-out range", upper),
             WorksheetLine("2", "modified AGI for the IRA deduction", magi)]
    if magi >= upper:
        return Worksheet(title, cite, tuple(lines), ZERO,
                         "line 2 is equal to or more than line 1: contributions are not deductible")
    l3 = upper - magi
    lines.append(WorksheetLine("3", "line 1 - line 2", l3))
    if l3 >= width:
        lines.append(WorksheetLine("7", f"line 3 is at least {fmt_money(width)}: the full limit", limit))
        return Worksheet(title, cite, tuple(lines), limit)
    percent = dollar_limit / width
    l4 = reduced(l3 * percent)
    lines.append(WorksheetLine("4", f"line 3 x {(percent * 100).normalize():f}%, rounded up to $10, at least $200", l4))
    lines.append(WorksheetLine("5", "the contribution limit after the compensation cap", limit))
    l7 = min(l4, limit)
    lines.append(WorksheetLine("7", "smaller of line 4 or line 5", l7))
    return Worksheet(title, cite, tuple(lines), l7)
