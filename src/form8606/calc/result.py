"""What the calculator returns: line values with their explanation records, and notes.

Renderers (CLI table and JSON, PDFs, worksheets) read only these values; none computes tax.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from form8606.calc.roth import Layers
from form8606.lines import LINE_LABELS, RATIO_LINE
from form8606.money import round_to
from form8606.sources import Source, Words


@dataclass(frozen=True)
class Line:
    """One line of the form as printed, and how it was reached."""

    label: str
    value: Decimal  # as printed: rounded to the form's unit (line 10: to its decimal places)
    how: str  # the rule applied, with the figures: "line 1 + line 2 = 7,000 + 0"
    sources: tuple[Source, ...] = ()  # ledger entries or earlier forms the figures came from
    exact: Decimal | None = None  # the unrounded figure, when rounding changed it
    rule: str = ""  # the form's instruction for the line, in one sentence
    cite: str = ""  # where that rule is written


@dataclass(frozen=True)
class Note:
    code: str  # stable identifier, e.g. "pro_rata_taxable" (render/notes.py words each one)
    message: str
    level: Literal["warning", "note"] = "warning"
    subject: Source | None = None  # the entry the note is about; renderers name it before the message


@dataclass(frozen=True)
class TaxableIra:
    """The taxable IRA amounts this form sends to Form 1040 line 4b (Form 8606 instructions,
    lines 15c, 18 and 25c; Instructions for Form 1040, lines 4a-4b): each part as printed."""

    line15c: Decimal | None = None  # Part I's taxable distributions, when nonzero
    no_basis: Decimal | None = None  # traditional distributions of a year without Part I: all taxable
    line18: Decimal | None = None  # the taxable part of conversions, when above zero
    line25c: Decimal | None = None  # taxable Roth distributions, when nonzero

    @property
    def total(self) -> Decimal:
        return sum((v for v in (self.line15c, self.no_basis, self.line18, self.line25c) if v), Decimal(0))


@dataclass(frozen=True)
class FormResult:
    """Form 8606 for one person and tax year."""

    person: str
    name: str
    ssn: str | None
    year: int
    required: bool
    required_because: tuple[str, ...]
    lines: dict[str, Line]  # only the lines the form has a value for, in form order
    notes: tuple[Note, ...]
    basis_start: Decimal  # traditional basis at the start of the year (line 2)
    basis_end: Decimal  # traditional basis carried to next year (line 14 when completed)
    roth_basis: Layers  # Roth layers left at the end of the year
    additional_tax_base: Decimal  # Roth amounts subject to the 10% additional tax (Form 5329 line 1)
    unit: Decimal  # Decimal(1) for whole dollars, Decimal("0.01") for cents
    ratio_places: int
    taxable_ira: TaxableIra = TaxableIra()  # Form 1040 line 4b, from this form

    def value(self, label: str) -> Decimal | None:
        line = self.lines.get(label)
        return None if line is None else line.value

    @property
    def warnings(self) -> tuple[Note, ...]:
        return tuple(n for n in self.notes if n.level == "warning")


@dataclass(frozen=True)
class OpenYear:
    """A person's year that can't be computed yet, and why; the years before it are computed."""

    person: str
    year: int
    missing: str  # what is missing, and how to add it


@dataclass(frozen=True)
class Failure:
    """A figure the ledger states that the computed forms contradict: an [[assert]] entry or a
    document's box (exit 1). Renderers write "where: text"."""

    where: str  # the entry or document, as located in the ledger
    text: Words  # what differs, and its likely cause
    line: str | None = None  # an [[assert]]'s line
    expected: Decimal | None = None  # the figure the ledger states
    computed: Decimal | None = None  # the figure of the computed form (None: the line is blank)


@dataclass(frozen=True)
class Result:
    """Every form of a household, plus the outcome of its [[assert]] entries."""

    source: str
    forms: tuple[FormResult, ...]
    assertion_failures: tuple[Failure, ...] = field(default=())
    open_years: tuple[OpenYear, ...] = ()  # the first year of each person that can't be computed yet

    def select(self, year: int | None = None, person: str | None = None) -> list[FormResult]:
        return [f for f in self.forms if (year is None or f.year == year) and (person is None or f.person == person)]


def ordered(lines: dict[str, Line]) -> dict[str, Line]:
    return {k: lines[k] for k in LINE_LABELS if k in lines}


def printed(value: Decimal, label: str, unit: Decimal, places: int) -> Decimal:
    """The figure as it goes on the form."""
    if label == RATIO_LINE:
        return value.quantize(Decimal(1).scaleb(-places))
    return round_to(value, unit)
