"""Their Form 8606, read from what other software produced: a filled official PDF (form
fields), a whole return flattened to page text (figures found by position), the JSON of
`compute --format json`, or a two-column CSV (line,amount).

Every figure is a finite Decimal within the range of an IRA amount (line 10: a ratio with one
whole digit), or the file is refused: a file from elsewhere may hold anything.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from decimal import Decimal

from form8606.errors import Form8606Error
from form8606.lines import LINE_LABELS, RATIO_LINE
from form8606.money import LARGEST
from form8606.pdf.bounded import shorten

MAX_FIGURE = 40  # characters of a printed figure: "(999,999,999,999.99)" has 20
MAX_PLACES = 12  # decimals of line 10 (the form asks for "at least 3")
MAX_NAME = 200  # characters of a name on the form
MAX_SSN = 20  # "123-45-6789", "XXX-XX-6789"
AMOUNT = re.compile(r"\d+(\.\d+)?|\.\d+")
MAX_FORMS = 200  # two persons over a century of tax years; more is not a return
YEARS = range(1900, 2200)  # a sane year; rules.check_year refuses the ones form8606 does not know


@dataclass(frozen=True)
class TheirForm:
    """The figures of one Form 8606 as another program printed them."""

    source: str  # "return.pdf, pages 3-4"
    year: int | None
    lines: dict[str, Decimal]
    name: str | None = None
    ssn: str | None = None
    person: str | None = None  # "you" or "spouse" when the file says so

    def answer(self) -> dict:
        """As the reading process hands it over (JSON)."""
        return {"source": self.source, "year": self.year, "name": self.name, "ssn": self.ssn, "person": self.person,
                "lines": {k: str(v) for k, v in self.lines.items()}}

    @classmethod
    def from_answer(cls, f: dict) -> TheirForm:
        return cls(f["source"], f["year"], {k: Decimal(v) for k, v in f["lines"].items()}, f["name"], f["ssn"],
                   f["person"])


def parse_figure(text: str, label: str) -> Decimal | None:
    """'7,000' -> 7000; '(1,234)' or '-1,234' -> -1234; '-0-' -> 0; '' -> None; line 10 as printed."""
    if len(text) > MAX_FIGURE:
        raise Form8606Error(f"line {label}: a figure of {len(text):,} characters is not a number")
    if label == RATIO_LINE:
        return parse_ratio(text)
    text = text.strip()
    if text in ("", "-"):
        return None
    if text.replace(" ", "") in ("-0-", "0-", "-0"):
        return Decimal(0)
    negative = text.startswith("(") and text.endswith(")") or text.startswith("-") or text.endswith("-")
    digits = text.strip("()-$ ").replace(",", "").replace("$", "").replace(" ", "")
    if not AMOUNT.fullmatch(digits):
        raise Form8606Error(f"line {label}: \"{text}\" is not a number")
    value = Decimal(digits)
    if value >= LARGEST:
        raise Form8606Error(f"line {label}: {text} is too large for an IRA amount")
    return -value if negative else value


def parse_ratio(text: str) -> Decimal | None:
    """Line 10 as printed: its whole digit and its decimals are separate boxes either side of
    the form's decimal point, however they are drawn: "0.94403", "0 . 94403", "0 94403 ."
    (pieces read out of order), ". 94403" (the whole box blank), "1" (the decimals blank)."""
    parts = re.findall(r"\d+|\S", text.replace("×", " "))  # digit runs and single other characters
    numbers = [p for p in parts if p.isdigit()]
    if any(not p.isdigit() and p != "." for p in parts):
        raise Form8606Error(f"line {RATIO_LINE}: \"{text.strip()}\" is not a number")
    if not numbers:
        return None  # nothing, or the printed decimal point alone: a blank line 10
    if len(numbers) == 2 and len(numbers[0]) == 1:
        whole, decimals = numbers
    elif len(numbers) == 1 and len(numbers[0]) == 1 and parts[0] != ".":
        whole, decimals = numbers[0], ""
    elif len(numbers) == 1:
        whole, decimals = "0", numbers[0]
    else:
        raise Form8606Error(f"line {RATIO_LINE}: \"{text.strip()}\" is not a ratio such as 0.12345")
    if len(decimals) > MAX_PLACES:
        raise Form8606Error(f"line {RATIO_LINE}: {text.strip()} has more than {MAX_PLACES} decimal places")
    return Decimal(f"{whole}.{decimals}" if decimals else whole)


def identity(text: str | None, what: str, limit: int) -> str | None:
    """The name or SSN printed on their form, refused when it can't be one."""
    if text and len(text) > limit:
        raise Form8606Error(f"the {what} on the form has {len(text):,} characters; it is not a {what}")
    return text or None


def few(forms: list) -> list:
    """The forms of a file, refused when there are too many to be a return."""
    if len(forms) > MAX_FORMS:
        raise Form8606Error(f"{len(forms):,} forms in it, more than {MAX_FORMS}; not read")
    return forms


def from_json(text: str, source: str) -> list[TheirForm]:
    """Errors name the place in the file ("form 2"); the caller names the file."""
    try:
        forms = json.loads(text, parse_float=_json_number, parse_int=lambda t: int(_json_number(t)),
                           parse_constant=_json_constant)["forms"]
        if not isinstance(forms, list):
            raise TypeError("`forms` is not a list")
    except (ValueError, KeyError, TypeError) as exc:
        raise Form8606Error(f"not the JSON of `form8606 compute --format json` ({shorten(str(exc))})") from None
    return [_json_form(f, f"{source}, form {n}", f"form {n}") for n, f in enumerate(few(forms), start=1)]


def _json_number(text: str) -> Decimal:
    """JSON numbers as exact values, refused before they are parsed when too long to be a figure."""
    if len(text) > MAX_FIGURE:
        raise Form8606Error(f"a number of {len(text):,} characters is not a Form 8606 figure")
    value = Decimal(text)
    if abs(value) >= LARGEST:
        raise Form8606Error(f"{text} is too large for a Form 8606 figure")
    return value


def _json_constant(text: str) -> None:
    raise Form8606Error(f"{text} is not a number")


def _json_form(f: object, source: str, where: str) -> TheirForm:
    if not isinstance(f, dict) or not isinstance(f.get("lines"), dict):
        raise Form8606Error(f"{where}: expected an object with \"lines\"")
    year, person = f.get("year"), f.get("person")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise Form8606Error(f"{where}: \"year\" must be a whole number, not {shorten(repr(year))}")
    if year is not None and year not in YEARS:
        raise Form8606Error(f"{where}: \"year\" {year} is not a tax year")
    if person not in (None, "you", "spouse"):
        raise Form8606Error(f"{where}: \"person\" must be \"you\" or \"spouse\", not {shorten(repr(person))}")
    lines = {}
    for label, value in f["lines"].items():
        if str(label) not in LINE_LABELS:
            raise Form8606Error(f"{where}: \"{shorten(str(label))}\" is not a Form 8606 line")
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
            raise Form8606Error(f"{where}: line {label}: {shorten(repr(value))} is not a number")
        try:
            figure = parse_figure(format(value, "f") if isinstance(value, Decimal) else str(value), str(label))
        except Form8606Error as exc:
            raise Form8606Error(f"{where}: {exc}") from None
        if figure is not None:
            lines[str(label)] = figure
    return TheirForm(source, year, lines, person=person)


def from_csv(text: str, source: str) -> list[TheirForm]:
    """Errors name the row ("row 3"); the caller names the file."""
    lines: dict[str, Decimal | None] = {}
    rows: dict[str, int] = {}
    n = 0
    try:
        for n, row in enumerate(csv.reader(io.StringIO(text)), start=1):
            found = _csv_row(row, n)
            if found is None:
                continue
            label, value = found
            if label in rows:
                raise Form8606Error(f"row {n}: line {label} again (first on row {rows[label]})")
            rows[label], lines[label] = n, value
    except csv.Error as exc:
        raise Form8606Error(f"row {n + 1}: can't be read as CSV ({exc})") from None
    figures = {label: value for label, value in lines.items() if value is not None}
    if not figures:
        raise Form8606Error("no line,amount rows found")
    return [TheirForm(source, None, figures)]


def _csv_row(row: list[str], n: int) -> tuple[str, Decimal | None] | None:
    """The line and figure of a row; None for a blank or header row."""
    if not row or not "".join(row).strip():
        return None
    if len(row) != 2:
        raise Form8606Error(f"row {n}: expected two columns, line and amount")
    label, amount = row[0].strip().lower().removeprefix("line").strip(), row[1]
    if n == 1 and label in ("", "line") and not any(ch.isdigit() for ch in amount):
        return None  # a header row
    if label not in LINE_LABELS:
        raise Form8606Error(f"row {n}: \"{shorten(row[0])}\" is not a Form 8606 line")
    try:
        return label, parse_figure(amount, label)
    except Form8606Error as exc:
        raise Form8606Error(f"row {n}: {exc}") from None
