"""`compute --format json`: the documented shape, amounts as JSON numbers from Decimal."""

from __future__ import annotations

import json
import re
from decimal import Decimal

from form8606.calc.result import FormResult, Result
from form8606.render.sources import failure_text, note_text, say

_MARK = re.compile(r'"\\u0000(\d+)\\u0000"')  # a Decimal's place in a text json.dumps wrote (dumps)


def form_dict(form: FormResult) -> dict:
    return {
        "person": form.person,
        "year": form.year,
        "required": form.required,
        "lines": {label: line.value for label, line in form.lines.items()},
        "warnings": [{"code": n.code, "message": note_text(n)} for n in form.warnings],
        "notes": [{"code": n.code, "message": note_text(n)} for n in form.notes if n.level == "note"],
        "required_because": list(form.required_because),
        "name": form.name,
        "basis_end": form.basis_end,
        "additional_tax_base": form.additional_tax_base,
        "roth_basis": {
            "contributions": form.roth_basis.contributions,
            "conversions": [{"year": c.year, "amount": c.amount, "taxable": c.taxable} for c in form.roth_basis.conversions],
        },
    }


def result_dict(result: Result, forms: list[FormResult]) -> dict:
    out: dict = {"forms": [form_dict(f) for f in forms]}
    if result.open_years:
        out["open_years"] = [{"person": o.person, "year": o.year, "missing": o.missing} for o in result.open_years]
    if result.assertion_failures:
        out["assertion_failures"] = [failure_text(f) for f in result.assertion_failures]
        out["failures"] = [{"where": f.where, "line": f.line, "expected": f.expected, "computed": f.computed,
                            "message": say(f.text)} for f in result.assertion_failures]
    return out


def dumps(value: object, indent: int = 2) -> str:
    """json.dumps with Decimals written as exact JSON numbers (7000, 7000.12, 0.10000)."""
    numbers: list[str] = []

    def mark(v: object) -> object:
        if isinstance(v, Decimal):
            numbers.append(_number(v))
            return f"\x00{len(numbers) - 1}\x00"
        if isinstance(v, dict):
            return {k: mark(x) for k, x in v.items()}
        if isinstance(v, list | tuple):
            return [mark(x) for x in v]
        return v

    text = json.dumps(mark(value), indent=indent, ensure_ascii=False)
    # each marked string, quotes and all, becomes its number: one pass, however many numbers
    return _MARK.sub(lambda m: numbers[int(m.group(1))], text)


def _number(v: Decimal) -> str:
    return format(v, "f")

