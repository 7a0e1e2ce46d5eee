"""What the planner returns: one PersonPlan per person, each answer with the rule and source
behind it. A figure that can't be known is None, with an "unknown" note naming the fact to add.
Renderers (render/plan_text.py) read only these values."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from form8606.calc.result import Note
from form8606.plan.worksheets import Worksheet


@dataclass(frozen=True)
class IraAnswer:
    """The year's IRA contribution limit, traditional and Roth together."""

    limit: Decimal | None
    contributed: Decimal  # traditional + Roth contributions for the year, after corrections
    traditional: Decimal
    roth: Decimal
    room: Decimal | None
    rule: str
    source: str


@dataclass(frozen=True)
class RothAnswer:
    allowed: bool | None
    max: Decimal | None  # the Maximum Roth IRA Contribution Worksheet's line 10
    room: Decimal | None  # max less the Roth contributions already made
    worksheet: Worksheet | None
    rule: str
    source: str


@dataclass(frozen=True)
class DeductionAnswer:
    max: Decimal | None  # the deductible part of the year's limit
    covered: bool | None  # this person covered by a workplace plan
    spouse_covered: bool | None
    worksheet: Worksheet | None
    rule: str
    source: str


@dataclass(frozen=True)
class ExcessAnswer:
    amount: Decimal | None
    traditional: Decimal | None
    roth: Decimal | None
    excise_tax: Decimal | None  # 6% a year while it stays (IRC 4973)
    rule: str
    source: str


@dataclass(frozen=True)
class ConversionAnswer:
    amount: Decimal
    taxable: Decimal | None
    nontaxable: Decimal | None
    ratio: Decimal | None  # the nontaxable share: Form 8606 line 10
    pre_tax_to_move: Decimal | None  # into an employer plan before December 31 to make it tax-free
    taxable_if_moved: Decimal | None
    basis: Decimal | None  # line 5 (or line 17 when Part I is not completed)
    year_end_value: Decimal | None  # the December 31 value used for line 6
    year_end_source: str
    lines: dict[str, Decimal] = field(default_factory=dict)  # the hypothetical Form 8606 lines
    rule: str = ""
    source: str = ""


@dataclass(frozen=True)
class MegaBackdoorAnswer:
    room: Decimal | None  # after-tax contributions still allowed this year
    after_tax_limit: Decimal | None  # after-tax contributions allowed in all for the year
    after_tax_made: Decimal
    annual_additions_limit: Decimal  # 415(c) dollar limit
    compensation_limit: Decimal | None  # 100% of compensation (415(c)(1)(B))
    deferrals_counted: Decimal  # deferrals less catch-up
    catch_up: Decimal | None
    employer: Decimal
    employer_max: Decimal | None  # solo 401(k) only: Pub. 560's limit on the employer part
    self_employed: bool
    steps: tuple[str, ...]
    rule: str
    source: str
    usable: bool = True  # the plan takes after-tax contributions (else the room is only the law's)


@dataclass(frozen=True)
class PersonPlan:
    person: str
    name: str
    year: int
    age: int | None  # at December 31
    ira: IraAnswer
    roth: RothAnswer
    deduction: DeductionAnswer
    excess: ExcessAnswer
    conversion: ConversionAnswer | None
    mega_backdoor: MegaBackdoorAnswer | None
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class Plans:
    source: str
    year: int
    plans: tuple[PersonPlan, ...]
