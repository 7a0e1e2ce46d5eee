"""Building blocks of ledger entries: frozen models with unknown fields forbidden, exact
amounts, TOML dates."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr

from form8606.money import parse_amount, parse_figure
from form8606.sources import Source

Who = Literal["you", "spouse"]
Reason = Literal["death", "disability", "first_home"]
HOMEBUYER_LIMIT = Decimal(10000)  # IRC 72(t)(8)(B); Form 8606 line 20: $10,000 lifetime
Account = Literal["traditional", "roth"]


def _date(value: object) -> dt.date:
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


Amount = Annotated[Decimal, BeforeValidator(parse_amount)]
Figure = Annotated[Decimal, BeforeValidator(parse_figure)]  # a filed form's figure (asserts)
Date = Annotated[dt.date, BeforeValidator(_date)]
Year = Annotated[int, Field(strict=True, ge=1900, le=2200)]
_SSN = re.compile(r"^\d{3}-\d{2}-\d{4}$")


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
