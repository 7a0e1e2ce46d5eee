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
    """One person of the household: [people.you], and [people.spouse] for a married couple."""

    name: str = Field(min_length=1, description="The name printed on the form.")
    ssn: SSN | None = Field(None, description='Social security number, exactly "123-45-6789"; printed in the form '
                            "heading only.")
    birth_date: Date | None = Field(None, description="Date of birth: the catch-up limit (50 and older) and Roth "
                                    "distributions (59 1/2).")


class Options(Entry):
    """Rounding and deadline options; every field has a default."""

    ratio_places: int = Field(default=5, ge=3, le=8, strict=True, description="Decimal places of line 10; the "
                              "form asks for at least 3.")
    whole_dollars: bool = Field(default=True, strict=True, description="Round every money line to whole dollars; "
                                "false keeps cents.")
    # Disaster postponements: { 2024 = 2025-10-15 } (Form 8606 instructions, line 1: the
    # due date of the return without extensions, as postponed for the area).
    contribution_deadlines: dict[int, Date] = Field(default_factory=dict, description="A postponed contribution "
                                                    "deadline per tax year, e.g. { 2024 = 2025-10-15 } for a federally "
                                                    "declared disaster area; never earlier than the usual one.")


class RothLayer(Entry):
    """Conversions and plan rollovers to Roth IRAs of one year not yet distributed."""

    year: Year = Field(description="The year converted or rolled over; not after the opening's year.")
    amount: Amount = Field(description="What is left of them, not yet distributed.")
    taxable: Amount = Field(ZERO, description="Of which was taxable when converted or rolled over (line 18 of that "
                            "year's form); at most amount.")

    @model_validator(mode="after")
    def _taxable(self) -> RothLayer:
        if self.taxable > self.amount:
            raise ValueError(f"`taxable` ({self.taxable}) is more than `amount` ({self.amount})")
        return self


class Opening(Entry):
    """Where a history that starts late begins: the last filed line 14 and the Roth basis; at most one
    per person."""

    who: Who = Field(description="Whose history.")
    year: Year = Field(description="The last year the figures describe, as of December 31 (the year of the last "
                       "Form 8606 filed).")
    traditional_basis: Amount = Field(ZERO, description="Line 14 of the last Form 8606 filed: line 2 of the next.")
    roth_contribution_basis: Amount = Field(ZERO, description="Regular Roth IRA contributions through `year` not "
                                            "yet distributed (line 22).")
    roth_conversions: tuple[RothLayer, ...] = Field((), description="Conversions and plan rollovers to Roth IRAs "
                                                    "not yet distributed, one table per year (line 24).")
    first_roth_year: Year | None = Field(None, description="The first tax year a Roth IRA contribution or conversion "
                                         "counted for: the 5-year period starts January 1 of it.")
    homebuyer_used: Amount = Field(ZERO, description="Qualified first-time homebuyer distributions already taken, "
                                   "of the $10,000 lifetime limit (line 20).")
    hsa_funding_year: Year | None = Field(None, description="The year of the once-in-a-lifetime HSA funding distribution, if made.")

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
    """A regular contribution to a traditional or a Roth IRA, for one tax year."""

    who: Who = Field(description="Whose IRA.")
    date: Date = Field(description="The day the money went in: line 4 when after December 31 of the tax year.")
    for_year: Year | None = Field(None, description="The tax year it is for; the year of `date` when left out.")
    to: Account = Field(description="The kind of IRA: traditional (line 1) or Roth.")
    amount: Amount = Field(description="The amount contributed.")
    deducted: Amount = Field(ZERO, description="The part deducted (Schedule 1); traditional only, at most amount. "
                             "Line 1 = amount - deducted.")

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
    """A conversion from traditional, SEP or SIMPLE IRAs to a Roth IRA."""

    who: Who = Field(description="Whose IRA.")
    date: Date = Field(description="The day converted; its calendar year is the tax year.")
    amount: Amount = Field(description="The net amount converted, earnings included (line 8 and line 16).")

    @property
    def tax_year(self) -> int:
        return self.date.year


class Distribution(Entry):
    """Money paid out of a traditional (SEP, SIMPLE) or a Roth IRA."""

    who: Who = Field(description="Whose IRA.")
    date: Date = Field(description="The day paid out; its calendar year is the tax year.")
    from_: Account = Field(alias="from", description="The kind of IRA paid from: traditional (Part I) or Roth "
                           "(Part III).")
    amount: Amount = Field(description="The gross distribution (Form 1099-R box 1).")
    rolled_over: Amount = Field(ZERO, description="The part rolled over within 60 days; left out of line 7.")
    qcd: Amount = Field(ZERO, description="The part paid to a charity as a qualified charitable distribution; left "
                        "out of line 7.")
    hsa_funding: Amount = Field(ZERO, description="The part moved to an HSA (qualified HSA funding distribution); "
                                "left out of line 7.")
    disaster: Amount = Field(ZERO, description="The part that is a qualified disaster distribution (Form 8915-F): "
                             "line 15b or 25b.")
    reason: Reason | None = Field(None, description="Roth only: why the distribution may be qualified.")
    homebuyer_expenses: Amount | None = Field(None, description='Roth only, with reason = "first_home": the '
                                              "qualified acquisition costs (line 20).")

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

    who: Who = Field(description="Whose plan and IRA.")
    date: Date = Field(description="The day rolled over; its calendar year is the tax year.")
    to: Account = Field(description="The kind of IRA it went into.")
    taxable: Amount = Field(ZERO, description="Pre-tax money and earnings: taxable now when it goes to a Roth IRA "
                            "(Form 1040 line 5b).")
    after_tax: Amount = Field(ZERO, description="After-tax contributions rolled over (Form 1099-R box 5).")
    designated_roth_basis: Amount = Field(ZERO, description="Contributions of a designated Roth account rolled over; "
                                          'only with to = "roth" (line 22).')
    designated_roth_earnings: Amount = Field(ZERO, description="The rest of the designated Roth money rolled over (box 1 - box 5).")
    designated_roth_first_year: Year | None = Field(None, description="First year of designated Roth contributions (box 11).")
    reason: Literal["death", "disability"] | None = Field(None, description="Why the plan's distribution may be qualified.")

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
    """A contribution moved, with its earnings, to the other kind of IRA."""

    who: Who = Field(description="Whose IRAs.")
    date: Date = Field(description="The day of the transfer: line 6 when after December 31 of for_year.")
    for_year: Year = Field(description="The tax year of the contribution recharacterized.")
    from_: Account = Field(alias="from", description="The IRA the contribution was first made to; it moves to the "
                           "other one.")
    amount: Amount = Field(description="The contribution recharacterized, without earnings (line 1).")
    moved: Amount | None = Field(None, description="What was transferred, earnings included; amount when left out.")
    deducted: Amount = Field(ZERO, description='When it lands in a traditional IRA (from = "roth"): the part '
                             "deducted; at most amount.")
    contribution_date: Date | None = Field(None, description="The date of the contribution recharacterized, when "
                                           "the ledger cannot tell (line 4).")

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
    """A contribution taken back, with its earnings, by the due date: treated as never contributed."""

    who: Who = Field(description="Whose IRA.")
    date: Date = Field(description="The day the money came back.")
    for_year: Year = Field(description="The tax year of the contribution returned.")
    from_: Account = Field(alias="from", description="The IRA the contribution was made to.")
    amount: Amount = Field(description="The contribution returned, without earnings (taken off line 1).")
    earnings: Amount = Field(ZERO, description="The earnings paid out with it: taxable on Form 1040 line 4b.")
    contribution_date: Date | None = Field(None, description="The date of the contribution returned, when the "
                                           "ledger cannot tell (line 4).")

    @property
    def tax_year(self) -> int:
        return self.for_year


class YearEnd(Entry):
    """The December 31 value of all of one person's traditional, SEP and SIMPLE IRAs (line 6)."""

    who: Who = Field(description="Whose IRAs.")
    year: Year = Field(description="The December 31 this is the value at.")
    traditional: Amount = Field(description="Dec 31 value of all traditional, SEP and SIMPLE IRAs (Form 5498 box 5).")
    outstanding_rollovers: Amount = Field(ZERO, description="Distributions of the year rolled over into an IRA only "
                                          "after December 31, within the 60 days (line 6).")


class Assertion(Entry):
    """What an already-filed form says; checked on every run."""

    who: Who = Field(description="Whose form.")
    year: Year = Field(description="The tax year of the form.")
    line: str = Field(description='A Form 8606 line label as printed, a string: "1" to "14", "15a", "15b", "15c", '
                      '"16" to "25c".')
    amount: Figure = Field(description='The figure on that line; line 10 as its decimal ("0.10000"); may be negative '
                           "(line 18).")


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
