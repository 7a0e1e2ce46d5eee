"""Year parameters as cited data (one TOML file per parameter in data/).

An unknown year is an error, never a silently carried value (STYLE: OpenFisca, minus the
silent carry-forward).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources

from form8606.errors import Form8606Error

SUPPORTED_YEARS = range(2018, 2027)  # tax years 2018 through 2026


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    reference: str
    values: dict[int, object]
    sources: dict[int, str]

    def __call__(self, year: int):
        if year not in self.values:
            raise Form8606Error(
                f"tax year {year} is not supported: {self.description} is known only for "
                f"{min(self.values)}-{max(self.values)}"
            )
        return self.values[year]


def _convert(value: object) -> object:
    """Whole-dollar figures become Decimal; a [start, end] range becomes a pair of them."""
    if isinstance(value, list):
        return tuple(_convert(v) for v in value)
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return value


@cache
def parameter(name: str) -> Parameter:
    """Load data/NAME.toml once per process."""
    text = resources.files(__package__).joinpath("data", f"{name}.toml").read_text("utf-8")
    raw = tomllib.loads(text)
    values = {int(y): _convert(v["value"]) for y, v in raw["values"].items()}
    sources = {int(y): v["source"] for y, v in raw["values"].items()}
    return Parameter(name, raw["description"], raw["reference"], values, sources)


def parameter_names() -> list[str]:
    folder = resources.files(__package__).joinpath("data")
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


@dataclass(frozen=True)
class YearRules:
    """The parameters of one tax year, as the calculator uses them."""

    year: int
    ira_limit: Decimal
    ira_catch_up: Decimal
    contribution_deadline: dt.date
    correction_deadline: dt.date  # recharacterizations and returned contributions
    qcd_limit: Decimal  # qualified charitable distributions, per person


def check_year(year: int) -> None:
    if year not in SUPPORTED_YEARS:
        raise Form8606Error(
            f"tax year {year} is not supported; form8606 supports "
            f"{SUPPORTED_YEARS.start}-{SUPPORTED_YEARS.stop - 1}"
        )


@cache
def for_year(year: int) -> YearRules:
    check_year(year)
    return YearRules(
        year=year,
        ira_limit=parameter("ira_limit")(year),
        ira_catch_up=parameter("ira_catch_up")(year),
        contribution_deadline=parameter("contribution_deadline")(year),
        correction_deadline=parameter("correction_deadline")(year),
        qcd_limit=parameter("qcd_limit")(year),
    )
