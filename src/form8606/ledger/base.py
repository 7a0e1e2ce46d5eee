"""Building blocks of ledger entries: frozen models with unknown fields forbidden, exact
amounts, TOML dates."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    WithJsonSchema,
)

from form8606.money import AMOUNT_PATTERN, LARGEST, RATIO_PATTERN, parse_amount, parse_figure
from form8606.rules import SUPPORTED_YEARS
from form8606.sources import Source

# What a ledger may hold, all limits in one place (docs/ledger.md, "Limits"). A household's
# ledger is a few kilobytes: input far beyond them is a mistake or hostile, and is refused
# before it is read whole, computed with or quoted back in full.
MAX_FILE_BYTES = 2**20  # 1 MiB: some 20,000 entries, far more than a lifetime of IRA events
MAX_TEXT = 200  # characters in a text or a key: more than Form 8606's name line can print
MAX_DIGITS = 15  # of an integer: amounts stay below 10**12 (money.LARGEST), years have 4
MAX_DEPTH = 10  # tables and arrays within one another; the ledger's own go 5 deep (roth_conversions)
FIRST_YEAR = 1900  # dates and years: before any living IRA owner's birth date
# The last supported tax year, then the next (the open year, whose events come before the tool
# supports it) and the one after, when the open year's contributions are made (until April 15).
LAST_YEAR = SUPPORTED_YEARS.stop - 1 + 2

Who = Literal["you", "spouse"]
Reason = Literal["death", "disability", "first_home"]
HOMEBUYER_LIMIT = Decimal(10000)  # IRC 72(t)(8)(B); Form 8606 line 20: $10,000 lifetime
Account = Literal["traditional", "roth"]


def _in_range(year: int, shown: object) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"{shown} is out of range; form8606 reads dates and years from {FIRST_YEAR} to {LAST_YEAR} "
                         f"(it supports tax years {SUPPORTED_YEARS.start}-{SUPPORTED_YEARS.stop - 1})")


def _year(value: int) -> int:
    _in_range(value, value)
    return value


def _date(value: object) -> dt.date:
    date = _any_date(value)
    _in_range(date.year, date)
    return date


def _any_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        raise ValueError("expected a date like 2026-02-03, without a time")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f'"{value}" is not a date; write it as a TOML date like 2026-02-03') from None
    raise ValueError("expected a date like 2026-02-03")


def _text(pattern: str) -> dict:
    """A JSON Schema string of a money pattern, with the spaces around it that parsing strips."""
    return {"type": "string", "pattern": r"^\s*" + pattern.removeprefix("^").removesuffix("$") + r"\s*$"}


# The JSON Schema of each type (ledger.schema), for editors: what a TOML value may be, no more.
_AMOUNT = {"anyOf": [{"type": "number", "minimum": 0, "exclusiveMaximum": int(LARGEST)},  # money.parse_amount
                     _text(AMOUNT_PATTERN)]}
_FIGURE = {"anyOf": [{"type": "number"},
                     *(_text(r"-?\s*" + p.removeprefix("^")) for p in (AMOUNT_PATTERN, RATIO_PATTERN))]}
Amount = Annotated[Decimal, BeforeValidator(parse_amount), WithJsonSchema(_AMOUNT)]
Figure = Annotated[Decimal, BeforeValidator(parse_figure), WithJsonSchema(_FIGURE)]  # a filed form's figure (asserts)
Date = Annotated[dt.date, BeforeValidator(_date), WithJsonSchema({"type": "string", "format": "date"})]
Year = Annotated[int, Field(strict=True), AfterValidator(_year),
                 WithJsonSchema({"type": "integer", "minimum": FIRST_YEAR, "maximum": LAST_YEAR})]
_SSN = re.compile(r"[0-9]{3}-[0-9]{2}-[0-9]{4}")  # ASCII digits only (\d takes any script's)


def _ssn(value: str) -> str:
    if not _SSN.fullmatch(value):
        digits = "" if value.isascii() else ", in the digits 0-9"
        raise ValueError(f'ssn "{value}" must look like 123-45-6789{digits}')
    return value


SSN = Annotated[str, AfterValidator(_ssn), WithJsonSchema({"type": "string", "pattern": f"^{_SSN.pattern}$"})]


class Entry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)
    _position: int = PrivateAttr(default=0)  # 1-based place among its kind in the file
    _document: Source | None = PrivateAttr(default=None)  # the document an entry derived from one stands for

    @property
    def position(self) -> int:
        return self._position

    @property
    def document(self) -> Source | None:
        return self._document
