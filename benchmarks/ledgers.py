"""Synthetic ledgers for the benchmarks, and the year extension that lets one span 40 years.

form8606 has rules for 2019-2026 only, so a ledger of 40 tax years cannot be computed as it is.
`EXTEND_YEARS` (code run before the command) lends every year back to 1987 the parameters of
the first supported year, dates moved by whole years: the figures are no tax answers, but the
calculator does for each year exactly the work it does for a real one, which is what the
benchmark measures.
"""

from __future__ import annotations

from pathlib import Path

FIRST_YEAR = 1987  # with 2026, the last supported year: 40 tax years
LAST_YEAR = 2026

EXTEND_YEARS = f"""
import dataclasses, datetime, functools
from form8606 import rules

def _moved(value, years):
    if isinstance(value, datetime.date):
        return value.replace(year=value.year + years)
    if isinstance(value, tuple):
        return tuple(_moved(v, years) for v in value)
    return value

_real = rules.parameter

@functools.cache
def _parameter(name):
    p = _real(name)
    first = min(p.values)
    lent = range({FIRST_YEAR}, first)
    return dataclasses.replace(p, values={{**{{y: _moved(p.values[first], y - first) for y in lent}}, **p.values}},
                               sources={{**{{y: p.sources[first] for y in lent}}, **p.sources}})

rules.parameter = _parameter
rules.SUPPORTED_YEARS = range({FIRST_YEAR}, rules.SUPPORTED_YEARS.stop)
"""

HEADER = """version = 1

[people.you]
name = "Pat Example {n}"
ssn = "400-00-{n:04d}"
birth_date = 1960-06-15
"""


def years_ledger(years: int, events: int, n: int = 1) -> str:
    """A ledger of `years` tax years ending in 2026 (2025 for a single year), each with
    `events` events: nondeductible contributions (half), conversions and distributions (a
    quarter each), and the year's December 31 value."""
    last = LAST_YEAR if years > 1 else 2025
    parts = [HEADER.format(n=n)]
    contributions, conversions = events // 2, events // 4
    for year in range(last - years + 1, last + 1):
        for k in range(events):
            day = f"{year}-{1 + k * 12 // events:02d}-{1 + k % 28:02d}"
            if k < contributions:
                parts.append(f'[[contribution]]\nwho = "you"\ndate = {day}\nfor_year = {year}\nto = "traditional"\n'
                             f'amount = "{5000 / contributions:.2f}"\n')
            elif k < contributions + conversions:
                parts.append(f'[[conversion]]\nwho = "you"\ndate = {day}\namount = 5\n')
            else:
                parts.append(f'[[distribution]]\nwho = "you"\ndate = {day}\nfrom = "traditional"\namount = 5\n')
        parts.append(f'[[year_end]]\nwho = "you"\nyear = {year}\ntraditional = {100000 + year}\n')
    return "\n".join(parts)


def household_ledger(n: int) -> str:
    """A household's ledger as a preparer keeps it: a backdoor Roth every year since 2019,
    the last one (2025) caught by the pro-rata rule; its figures varied by `n`. Filled with
    --year 2025, it gives one form, computed from its history."""
    parts = [HEADER.format(n=n)]
    for year in range(2019, 2026):
        parts.append(f'[[contribution]]\nwho = "you"\ndate = {year}-02-03\nfor_year = {year}\nto = "traditional"\n'
                     f'amount = 6000\n')
        parts.append(f'[[conversion]]\nwho = "you"\ndate = {year}-02-10\namount = 6000\n')
        value = 60000 + n if year == 2025 else 0  # 2025: a rollover IRA from an old 401(k)
        parts.append(f'[[year_end]]\nwho = "you"\nyear = {year}\ntraditional = {value}\n')
    return "\n".join(parts)


def write_batch(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(1, count + 1):
        path = folder / f"household-{n:04d}.toml"
        path.write_text(household_ledger(n), "utf-8")
        paths.append(path)
    return paths
