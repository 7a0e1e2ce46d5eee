"""A person's [[opening]] from their filed forms: the figures the latest form shows, each with the
line and rule it comes from, and a place to look for each figure no Form 8606 shows.

Roth figures on Form 8606 leave out qualified Roth distributions (not reported on it), so each
says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from form8606.intake.history import LINE2, carried
from form8606.intake.people import Filed
from form8606.lines import PART3
from form8606.money import CENT, ZERO, fmt_money

ORDERING = "Pub. 590-B, Ordering Rules for Distributions"
NOT_QUALIFIED = "less any qualified Roth distribution since (never on Form 8606)"


@dataclass(frozen=True)
class Layer:
    """One year's conversions to Roth IRAs, as its form shows them (lines 16 and 18)."""

    year: int
    amount: Decimal
    taxable: Decimal


@dataclass(frozen=True)
class Known:
    """A field the forms tell, and from which lines."""

    field: str
    value: Decimal | tuple[Layer, ...]
    why: str


@dataclass(frozen=True)
class Missing:
    """A field no filed Form 8606 tells: where to find the figure."""

    field: str
    where: str


@dataclass(frozen=True)
class Opening:
    who: str
    year: int
    form: Filed  # the latest form
    fields: tuple[Known | Missing, ...]


def opening(filed: list[Filed]) -> Opening:
    """The opening of one person, through the year of their latest form (oldest first)."""
    latest = filed[-1]
    fields = [_traditional(filed), _contributions(latest), _conversions(filed), _first_roth_year(filed)]
    homes = [f for f in filed if f.lines.get("20", ZERO) > 0]
    if homes:
        shown = ", ".join(f"{_money(f.lines['20'])} in {f.year}" for f in homes)
        fields.append(Missing("homebuyer_used", f"qualified first-time homebuyer distributions already taken, of the "
                              f"$10,000 lifetime limit: line 20 of each year's form ({shown} on these)"))
    return Opening(latest.who, latest.year, latest, tuple(fields))


def _traditional(filed: list[Filed]) -> Known | Missing:
    last = next((c for f in reversed(filed) if (c := carried(f)) is not None), None)
    if last is None:
        return Missing("traditional_basis", "line 14 of the last Form 8606 with Part I filled in (these forms have "
                       "none; 0 if no nondeductible contribution was ever made)")
    year = last.form.year
    if last.line == "17":
        return Known("traditional_basis", ZERO, f"none left: the {year} form converted without Part I, so line 17 "
                     "used the basis (Form 8606 instructions, Lines 16 and 17)")
    if not _amount(last.value):
        return Missing("traditional_basis", f"line 14 of the {year} form reads {last.value}, which is no basis; "
                       "check the form")
    later = "; no later form here changes it" if last.form is not filed[-1] else ""
    return Known("traditional_basis", last.value, f"line 14 of the {year} form, next year's line 2 ({LINE2}){later}")


def _contributions(latest: Filed) -> Known | Missing:
    t = latest.lines
    basis, taken = t.get("22"), t.get("19", ZERO)
    if basis is not None and _amount(left := max(basis - taken, ZERO)):
        return Known("roth_contribution_basis", left,
                     f"line 22 less line 19 of the {latest.year} form, {_money(basis)} - {_money(taken)}: "
                     f"distributions come from regular contributions first ({ORDERING}); {NOT_QUALIFIED}")
    return Missing("roth_contribution_basis", f"regular Roth IRA contributions through {latest.year} not yet "
                   "distributed. Form 8606 shows them only on line 22, in a year with a nonqualified Roth "
                   "distribution; add up box 10 of each year's Form 5498 of the Roth IRAs, less Roth distributions "
                   "(Form 1099-R, codes J, Q and T); 0 if none")


def _conversions(filed: list[Filed]) -> Known | Missing:
    layers = tuple(layer for f in filed if (layer := _layer(f)) is not None)
    shown = ", ".join(f"{_money(layer.amount)} in {layer.year}" for layer in layers) or "none"
    reached = [f.year for f in filed if f.lines.get("23", ZERO) > 0]
    if reached:
        return Missing("roth_conversions", f"what is left of each year's conversions: Roth distributions of "
                       f"{', '.join(map(str, reached))} reached them (line 23), oldest year first ({ORDERING}). "
                       f"Line 16 of the forms here: {shown}; add the years without a form here")
    if layers:
        return Known("roth_conversions", layers, "line 16 of each year's form, taxable: line 18 (Form 8606 "
                     f"instructions, Line 24); add the years without a form here; {NOT_QUALIFIED}")
    return Missing("roth_conversions", "conversions and plan rollovers to Roth IRAs not yet distributed, one table "
                   "per year: line 16 (taxable: line 18) of that year's Form 8606; none on these forms")


def _layer(f: Filed) -> Layer | None:
    """The year's conversion as Part II shows it: line 16, of which taxable line 18 (not below 0)."""
    amount, taxable = f.lines.get("16", ZERO), max(f.lines.get("18", ZERO), ZERO)
    return Layer(f.year, amount, min(taxable, amount)) if amount > 0 and _amount(amount) and _amount(taxable) else None


def _first_roth_year(filed: list[Filed]) -> Missing:
    roth = [f.year for f in filed if f.lines.get("16", ZERO) > 0 or any(label in f.lines for label in PART3)]
    known = f"; these forms show Roth money in {min(roth)}, so it is {min(roth)} or earlier" if roth else ""
    return Missing("first_roth_year", "the first year a Roth IRA contribution or conversion counted for (the 5-year "
                   f"period of qualified distributions): the first Form 5498 of a Roth IRA, box 10 or box 3{known}")


def _amount(value: Decimal) -> bool:
    """A figure a ledger amount can hold: not negative, whole cents."""
    return value >= 0 and value == value.quantize(CENT)


def _money(value: Decimal) -> str:
    return fmt_money(value, CENT if value % 1 else Decimal(1))
