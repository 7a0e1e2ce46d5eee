"""The ledger, version 1: frozen pydantic models, unknown fields forbidden.

Names and meanings are a contract (docs/ledger.md). Amounts are Decimal from the first
moment (money.parse_amount); dates are TOML dates.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from form8606.ledger.base import (
    HOMEBUYER_LIMIT,
    SSN,
    Account,
    Amount,
    Date,
    Entry,
    Figure,
    Reason,
    Who,
    Year,
)
from form8606.ledger.documents import Form1099R, Form5498
from form8606.ledger.planning import EmployerPlan, Filing
from form8606.money import ZERO


class Person(Entry):
    name: str = Field(min_length=1)
    ssn: SSN | None = None
    birth_date: Date | None = None


class Options(Entry):
    ratio_places: int = Field(default=5, ge=3, le=8, strict=True)
    whole_dollars: bool = Field(default=True, strict=True)
    # Disaster postponements: { 2024 = 2025-10-15 } (Form 8606 instructions, line 1: the
    # due date of the return without extensions, as postponed for the area).
    contribution_deadlines: dict[int, Date] = Field(default_factory=dict)


class RothLayer(Entry):
    """Conversions and plan rollovers to Roth IRAs of one year not yet distributed."""

    year: Year
    amount: Amount
    taxable: Amount = ZERO  # the part that was taxable when converted or rolled over

    @model_validator(mode="after")
    def _taxable(self) -> RothLayer:
        if self.taxable > self.amount:
            raise ValueError(f"`taxable` ({self.taxable}) is more than `amount` ({self.amount})")
        return self


class Opening(Entry):
    who: Who
    year: Year  # the last year the figures describe, as of December 31
    traditional_basis: Amount = ZERO  # line 14 of the last Form 8606 filed
    roth_contribution_basis: Amount = ZERO  # regular Roth contributions not yet distributed
    roth_conversions: tuple[RothLayer, ...] = ()
    first_roth_year: Year | None = None  # first year a Roth IRA contribution or conversion counted for
    homebuyer_used: Amount = ZERO  # earlier qualified first-time homebuyer distributions
    hsa_funding_year: Year | None = None  # the year of the once-in-a-lifetime HSA funding distribution, if made

    @model_validator(mode="after")
    def _layers(self) -> Opening:
        late = [layer.year for layer in self.roth_conversions if layer.year > self.year]
        if late:
            raise ValueError(f"`roth_conversions` lists year {late[0]}, after the opening year {self.year}")
        if self.first_roth_year is not None and self.first_roth_year > self.year and self.has_roth:
            raise ValueError(f"`first_roth_year` ({self.first_roth_year}) is after the opening year but the "
                             "opening already holds Roth money")
        if self.homebuyer_used > HOMEBUYER_LIMIT:
            raise ValueError("`homebuyer_used` is more than the $10,000 lifetime limit")
        if self.hsa_funding_year is not None and self.hsa_funding_year > self.year:
            raise ValueError(f"`hsa_funding_year` ({self.hsa_funding_year}) is after the opening year {self.year}; "
                             "an HSA funding distribution in a later year is a [[distribution]] with `hsa_funding`")
        return self

    @property
    def has_roth(self) -> bool:
        return bool(self.roth_contribution_basis or self.roth_conversions)


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
    reason: Reason | None = None  # Roth only: why a distribution may be qualified
    homebuyer_expenses: Amount | None = None  # Roth only, with reason = "first_home"

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
        if self.from_ == "traditional" and (self.reason or self.homebuyer_expenses is not None):
            raise ValueError("`reason` and `homebuyer_expenses` apply to Roth distributions (from = \"roth\") only")
        if self.reason == "first_home" and self.homebuyer_expenses is None:
            raise ValueError("a first-home distribution needs `homebuyer_expenses` (qualified acquisition costs, "
                             "Form 8606 line 20)")
        if self.homebuyer_expenses is not None and self.reason != "first_home":
            raise ValueError("`homebuyer_expenses` goes with reason = \"first_home\"")
        if self.disaster > self.net:
            raise ValueError(
                f"`disaster` ({self.disaster}) is more than the part not rolled over, given or "
                f"moved to an HSA ({self.net})"
            )
        return self


class PlanRollover(Entry):
    """A rollover from a 401(k), 403(b) or governmental 457(b) to an IRA (mega backdoor)."""

    who: Who
    date: Date
    to: Account
    taxable: Amount = ZERO  # pre-tax money and earnings: taxable now (Form 1040 line 5b)
    after_tax: Amount = ZERO  # after-tax contributions (Form 1099-R box 5)
    designated_roth_basis: Amount = ZERO  # contributions of a designated Roth account rolled over (box 5)
    designated_roth_earnings: Amount = ZERO  # the rest of the designated Roth money rolled over (box 1 - box 5)
    # Whether the earnings are Roth basis too (calc/qualified.py, designated_roth_rollover):
    designated_roth_first_year: Year | None = None  # first year of designated Roth contributions (box 11)
    reason: Literal["death", "disability"] | None = None  # why the plan's distribution may be qualified

    @property
    def tax_year(self) -> int:
        return self.date.year

    @property
    def amount(self) -> Decimal:
        return self.taxable + self.after_tax + self.designated_roth_basis + self.designated_roth_earnings

    @property
    def designated_roth(self) -> bool:
        """Money of a designated Roth account (Form 1099-R code H)."""
        return bool(self.designated_roth_basis or self.designated_roth_earnings)

    @model_validator(mode="after")
    def _to(self) -> PlanRollover:
        if self.to == "traditional" and self.designated_roth:
            raise ValueError("a designated Roth account can roll over only to a Roth IRA (to = \"roth\")")
        if not self.amount:
            raise ValueError("give at least one of `taxable`, `after_tax`, `designated_roth_basis`, "
                             "`designated_roth_earnings`")
        if not self.designated_roth and (self.designated_roth_first_year is not None or self.reason):
            raise ValueError("`designated_roth_first_year` and `reason` go with `designated_roth_basis` or "
                             "`designated_roth_earnings` (money of a designated Roth account)")
        if self.designated_roth_first_year is not None and self.designated_roth_first_year > self.date.year:
            raise ValueError(f"`designated_roth_first_year` ({self.designated_roth_first_year}) is after the "
                             f"rollover ({self.date.year}); it is the first year of designated Roth contributions")
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
    amount: Figure  # line 10 as its decimal ("0.10000"); may be negative (line 18)


# Table name in the TOML file -> model. The order is the order of docs/ledger.md.
ENTRY_KINDS: dict[str, type[Entry]] = {
    "opening": Opening,
    "contribution": Contribution,
    "conversion": Conversion,
    "distribution": Distribution,
    "plan_rollover": PlanRollover,
    "recharacterization": Recharacterization,
    "returned_contribution": ReturnedContribution,
    "year_end": YearEnd,
    "assert": Assertion,
    "filing": Filing,
    "employer_plan": EmployerPlan,
    "form_1099r": Form1099R,
    "form_5498": Form5498,
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
    plan_rollover: tuple[PlanRollover, ...] = ()
    recharacterization: tuple[Recharacterization, ...] = ()
    returned_contribution: tuple[ReturnedContribution, ...] = ()
    year_end: tuple[YearEnd, ...] = ()
    assert_: tuple[Assertion, ...] = Field(default=(), alias="assert")
    filing: tuple[Filing, ...] = ()
    employer_plan: tuple[EmployerPlan, ...] = ()
    form_1099r: tuple[Form1099R, ...] = ()
    form_5498: tuple[Form5498, ...] = ()

    def entries(self, kind: str) -> tuple[Entry, ...]:
        return getattr(self, "assert_" if kind == "assert" else kind)

    def for_person(self, kind: str, who: str) -> list:
        return [e for e in self.entries(kind) if e.who == who]
