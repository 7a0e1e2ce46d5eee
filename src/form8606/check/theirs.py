"""Their Form 8606, read from what other software produced: a filled official PDF (form
fields), a whole return flattened to page text (figures found by position), the JSON of
`compute --format json`, or a two-column CSV (line,amount)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from form8606.errors import Form8606Error
from form8606.lines import LINE_LABELS, RATIO_LINE


@dataclass(frozen=True)
class TheirForm:
    """The figures of one Form 8606 as another program printed them."""

    source: str  # "return.pdf, pages 3-4"
    year: int | None
    lines: dict[str, Decimal]
    name: str | None = None
    ssn: str | None = None
    person: str | None = None  # "you" or "spouse" when the file says so


def parse_figure(text: str, label: str) -> Decimal | None:
    """'7,000' -> 7000; '(1,234)' or '-1,234' -> -1234; '-0-' -> 0; '' -> None; line 10 as printed."""
    text = text.strip()
    if text in ("", "-"):
        return None
    if text.replace(" ", "") in ("-0-", "0-", "-0"):
        return Decimal(0)
    negative = text.startswith("(") and text.endswith(")") or text.startswith("-") or text.endswith("-")
    digits = text.strip("()-$ ").replace(",", "").replace("$", "").replace(" ", "")
    if label == RATIO_LINE and digits.startswith("×"):
        digits = digits[1:]
    try:
        value = Decimal(digits)
    except InvalidOperation:
        raise Form8606Error(f"line {label}: \"{text}\" is not a number") from None
    return -value if negative else value


def from_json(text: str, source: str) -> list[TheirForm]:
    try:
        forms = json.loads(text, parse_float=Decimal)["forms"]
        if not isinstance(forms, list):
            raise TypeError("`forms` is not a list")
    except (ValueError, KeyError, TypeError) as exc:
        raise Form8606Error(f"{source}: not the JSON of `form8606 compute --format json` ({exc})") from None
    return [_json_form(f, f"{source}, form {n}") for n, f in enumerate(forms, start=1)]


def _json_form(f: object, where: str) -> TheirForm:
    if not isinstance(f, dict) or not isinstance(f.get("lines"), dict):
        raise Form8606Error(f"{where}: expected an object with \"lines\"")
    year, person = f.get("year"), f.get("person")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise Form8606Error(f"{where}: \"year\" must be a whole number, not {year!r}")
    if person not in (None, "you", "spouse"):
        raise Form8606Error(f"{where}: \"person\" must be \"you\" or \"spouse\", not {person!r}")
    lines = {}
    for label, value in f["lines"].items():
        if str(label) not in LINE_LABELS:
            raise Form8606Error(f"{where}: \"{label}\" is not a Form 8606 line")
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
            raise Form8606Error(f"{where}: line {label}: {value!r} is not a number")
        figure = parse_figure(str(value), str(label))
        if figure is not None:
            lines[str(label)] = figure
    return TheirForm(where, year, lines, person=person)


def from_csv(text: str, source: str) -> list[TheirForm]:
    lines: dict[str, Decimal] = {}
    for n, row in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not row or not "".join(row).strip():
            continue
        if len(row) != 2:
            raise Form8606Error(f"{source}, row {n}: expected two columns, line and amount")
        label, amount = row[0].strip().lower().removeprefix("line").strip(), row[1]
        if n == 1 and label in ("", "line") and not any(ch.isdigit() for ch in amount):
            continue  # a header row
        if label not in LINE_LABELS:
            raise Form8606Error(f"{source}, row {n}: \"{row[0]}\" is not a Form 8606 line")
        value = parse_figure(amount, label)
        if value is not None:
            lines[label] = value
    if not lines:
        raise Form8606Error(f"{source}: no line,amount rows found")
    return [TheirForm(source, None, lines)]
