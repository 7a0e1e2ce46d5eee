"""The ledger, version 1: frozen pydantic models, unknown fields forbidden.

Names and meanings are a contract (docs/ledger.md). Amounts are Decimal from the first
moment (money.parse_amount); dates are TOML dates.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PrivateAttr, model_validator

from form8606.money import ZERO, parse_amount

Who = Literal["you", "spouse"]
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
Date = Annotated[dt.date, BeforeValidator(_date)]
Year = Annotated[int, Field(strict=True, ge=1900, le=2200)]
_SSN = re.compile(r"^\d{3}-\d{2}-\d{4}$")


class Entry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)
    _position: int = PrivateAttr(default=0)  # 1-based place among its kind in the file

    @property
    def position(self) -> int:
        return self._position


class Person(Entry):
    name: str = Field(min_length=1)
    ssn: str | None = None
    birth_date: Date | None = None

    @model_validator(mode="after")
    def _ssn_format(self) -> Person:
        if self.ssn is not None and not _SSN.match(self.ssn):
            raise ValueError(f'ssn "{self.ssn}" must look like 123-45-6789')
        return self


class Options(Entry):
    ratio_places: int = Field(default=5, ge=3, le=8, strict=True)
    whole_dollars: bool = True
    # Disaster postponements: { 2024 = 2025-10-15 } (Form 8606 instructions, line 1: the
    # due date of the return without extensions, as postponed for the area).
    contribution_deadlines: dict[int, Date] = Field(default_factory=dict)


class Opening(Entry):
    who: Who
    year: Year  # the last year the figures describe, as of December 31
    traditional_basis: Amount = ZERO  # line 14 of the last Form 8606 filed


class Contribution(Entry):
    who: Who
    date: Date
    for_year: Year | None = None
    to: Account
    amount: Amount
    deducted: Amount = ZERO

    @property
    def tax_year(self) -> int:
        return self.for_year if self.for_year is not None else self.date.year

    @model_validator(mode="after")
    def _deducted(self) -> Contribution:
        if self.to == "roth" and self.deducted:
            raise ValueError("`deducted` applies only to traditional contributions; Roth contributions are never deductible")
        if self.deducted > self.amount:
            raise ValueError(f"`deducted` ({self.deducted}) is more than `amount` ({self.amount})")
        return self


class Conversion(Entry):
    who: Who
    date: Date
    amount: Amount

    @property
    def tax_year(self) -> int:
        return self.date.year


class Distribution(Entry):
    who: Who
    date: Date
    from_: Account = Field(alias="from")
    amount: Amount
    rolled_over: Amount = ZERO
    qcd: Amount = ZERO
    hsa_funding: Amount = ZERO
    disaster: Amount = ZERO

    @property
    def tax_year(self) -> int:
        return self.date.year

    @property
    def net(self) -> Decimal:
        """The part that is a distribution for line 7 (or line 19): not rolled over, not a
        QCD, not HSA funding (Form 8606 instructions, line 7 and line 19 lists)."""
        return self.amount - self.rolled_over - self.qcd - self.hsa_funding

    @model_validator(mode="after")
    def _parts(self) -> Distribution:
        parts = self.rolled_over + self.qcd + self.hsa_funding
        if parts > self.amount:
            raise ValueError(
                f"rolled_over + qcd + hsa_funding ({parts}) is more than `amount` ({self.amount})"
            )
        if self.disaster > self.net:
            raise ValueError(
                f"`disaster` ({self.disaster}) is more than the part not rolled over, given or "
                f"moved to an HSA ({self.net})"
            )
        return self


class Recharacterization(Entry):
    who: Who
    date: Date
    for_year: Year
    from_: Account = Field(alias="from")
    amount: Amount  # the contribution recharacterized, without earnings
    moved: Amount | None = None  # what was transferred, earnings included
    deducted: Amount = ZERO  # when it lands in a traditional IRA: the part deducted
    contribution_date: Date | None = None  # which contribution, when the ledger has several

    @property
    def tax_year(self) -> int:
        return self.for_year

    @property
    def to(self) -> Account:
        return "traditional" if self.from_ == "roth" else "roth"

    @property
    def moved_amount(self) -> Decimal:
        return self.amount if self.moved is None else self.moved

    @model_validator(mode="after")
    def _deducted(self) -> Recharacterization:
        if self.from_ == "traditional" and self.deducted:
            raise ValueError("`deducted` applies only when the contribution lands in a traditional IRA (from = \"roth\")")
        if self.deducted > self.amount:
            raise ValueError(f"`deducted` ({self.deducted}) is more than `amount` ({self.amount})")
        return self


class ReturnedContribution(Entry):
    who: Who
    date: Date
    for_year: Year
    from_: Account = Field(alias="from")
    amount: Amount
    earnings: Amount = ZERO
    contribution_date: Date | None = None

    @property
    def tax_year(self) -> int:
        return self.for_year


class YearEnd(Entry):
    who: Who
    year: Year
    traditional: Amount  # Dec 31 value of all traditional, SEP and SIMPLE IRAs (5498 box 5)
    outstanding_rollovers: Amount = ZERO


class Assertion(Entry):
    who: Who
    year: Year
    line: str
    amount: Amount


# Table name in the TOML file -> model. The order is the order of docs/ledger.md.
ENTRY_KINDS: dict[str, type[Entry]] = {
    "opening": Opening,
    "contribution": Contribution,
    "conversion": Conversion,
    "distribution": Distribution,
    "recharacterization": Recharacterization,
    "returned_contribution": ReturnedContribution,
    "year_end": YearEnd,
    "assert": Assertion,
}


class Ledger(BaseModel):
    """A whole household: people, options and every entry, in file order per kind."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)

    source: str = "ledger"
    people: dict[str, Person]
    options: Options = Options()
    opening: tuple[Opening, ...] = ()
    contribution: tuple[Contribution, ...] = ()
    conversion: tuple[Conversion, ...] = ()
    distribution: tuple[Distribution, ...] = ()
    recharacterization: tuple[Recharacterization, ...] = ()
    returned_contribution: tuple[ReturnedContribution, ...] = ()
    year_end: tuple[YearEnd, ...] = ()
    assert_: tuple[Assertion, ...] = Field(default=(), alias="assert")

    def entries(self, kind: str) -> tuple[Entry, ...]:
        return getattr(self, "assert_" if kind == "assert" else kind)

    def for_person(self, kind: str, who: str) -> list:
        return [e for e in self.entries(kind) if e.who == who]
