"""Cross-entry checks: plain functions (ledger) -> list[Problem] (STYLE: beancount's
validation list). Each names the entry and field, and says how to fix it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterator
from functools import partial

from form8606 import rules
from form8606.errors import Problem
from form8606.ledger import documents, planning
from form8606.ledger.model import ENTRY_KINDS, Ledger
from form8606.ledger.where import entry_label
from form8606.lines import LINE_LABELS

EVENT_KINDS = ("contribution", "conversion", "distribution", "plan_rollover", "recharacterization",
               "returned_contribution")


def _each(ledger: Ledger, *kinds: str) -> Iterator[tuple[Callable[[], str], object]]:
    """Each entry of the kinds, with how to name it: named only when a problem is found (a
    ledger may hold thousands of entries)."""
    for kind in kinds:
        for entry in ledger.entries(kind):
            yield partial(entry_label, ledger.source, kind, None, entry), entry


def deadline(ledger: Ledger, year: int) -> dt.date:
    """Contribution deadline for `year`: the cited default, or the ledger's postponement."""
    return ledger.options.contribution_deadlines.get(year) or rules.for_year(year).contribution_deadline


def check_people(ledger: Ledger) -> list[Problem]:
    kinds = [kind for kind, model in ENTRY_KINDS.items() if "who" in model.model_fields]
    return [
        Problem(where(), f'no [people.{e.who}] table; add one or fix `who`', "who")
        for where, e in _each(ledger, *kinds)
        if e.who not in ledger.people
    ]


def check_years(ledger: Ledger) -> list[Problem]:
    """Events of the supported tax years, or of the one after them: that year is open (its
    events are recorded as they happen; the calculator reports it as not computable yet)."""
    first, last = rules.SUPPORTED_YEARS.start, rules.SUPPORTED_YEARS.stop - 1
    out = []
    for where, e in _each(ledger, *EVENT_KINDS, "year_end"):
        year = getattr(e, "tax_year", None) or e.year
        if year not in rules.SUPPORTED_YEARS and year != last + 1:
            field = "for_year" if getattr(e, "for_year", None) else ("year" if hasattr(e, "year") else "date")
            out.append(Problem(where(), f"tax year {year} is not supported; form8606 supports {first}-{last}", field))
    return out


def check_deadlines(ledger: Ledger) -> list[Problem]:
    """Form 8606 line 1: contributions for a year are made from January 1 of that year
    through the return's due date without extensions."""
    out = []
    for year, date in ledger.options.contribution_deadlines.items():
        if year in rules.SUPPORTED_YEARS and date < rules.for_year(year).contribution_deadline:
            out.append(Problem(f"{ledger.source}: [options]", f"the deadline for {year} ({date}) is earlier than the usual "
                               f"{rules.for_year(year).contribution_deadline}; a postponement can only move it later",
                               f"contribution_deadlines.{year}"))
    for where, e in _each(ledger, "contribution"):
        year = e.tax_year
        if year not in rules.SUPPORTED_YEARS:
            continue
        if e.date.year < year:
            out.append(Problem(where(), f"dated {e.date}, before the tax year {year} began; fix `date` or `for_year`", "date"))
        elif e.date > (last := deadline(ledger, year)):
            out.append(Problem(where(), f"made {e.date}, after the {year} deadline of {last}; count it for "
                               f"{e.date.year} (remove `for_year`), or, for a disaster postponement, set "
                               f"[options] contribution_deadlines = {{ {year} = YYYY-MM-DD }}", "date"))
    return out


def check_corrections(ledger: Ledger) -> list[Problem]:
    """A recharacterization or returned contribution needs a contribution to correct
    (Form 8606 instructions: Recharacterizations; Return of IRA Contributions)."""
    out = []
    made = Counter()
    for c in ledger.contribution:
        made[(c.who, c.tax_year, c.to)] += c.amount
    for r in ledger.recharacterization:  # a recharacterized contribution counts as made to the second IRA
        made[(r.who, r.for_year, r.to)] += r.amount
    taken = Counter()
    for where, e in _each(ledger, "recharacterization", "returned_contribution"):
        key = (e.who, e.for_year, e.from_)
        taken[key] += e.amount
        if taken[key] > made[key]:
            left = f"only {made[key] - taken[key] + e.amount} of them left" if made[key] else "none of them"
            out.append(Problem(where(), f"corrects {e.amount} of the {e.for_year} {e.from_} contributions of "
                               f"\"{e.who}\", but the ledger has {left} to correct; add the [[contribution]] "
                               f"(to = \"{e.from_}\", for_year = {e.for_year}) or fix `amount`/`from`", "amount"))
        if e.date.year < e.for_year:
            out.append(Problem(where(), f"dated {e.date}, before the tax year {e.for_year} began", "date"))
    return out


def check_unique(ledger: Ledger) -> list[Problem]:
    out = []
    seen: set = set()
    for where, e in _each(ledger, "year_end"):
        if (e.who, e.year) in seen:
            out.append(Problem(where(), f"a second [[year_end]] for {e.who} in {e.year}; put the values of all "
                               "traditional, SEP and SIMPLE IRAs in one entry (their sum)", "year"))
        seen.add((e.who, e.year))
    openings: set = set()
    for where, e in _each(ledger, "opening"):
        if e.who in openings:
            out.append(Problem(where(), f"a second [[opening]] for {e.who}; a person's history starts once", "who"))
        openings.add(e.who)
    return out


def check_opening(ledger: Ledger) -> list[Problem]:
    """Events must come after the opening year: the opening already sums them up."""
    start = {o.who: o.year for o in ledger.opening}
    return [
        Problem(where(), f"falls in tax year {e.tax_year}, but the [[opening]] of \"{e.who}\" already describes "
                f"the years through {start[e.who]}; remove the entry or move the opening earlier", "date")
        for where, e in _each(ledger, *EVENT_KINDS)
        if e.who in start and e.tax_year <= start[e.who]
    ]


def check_assertions(ledger: Ledger) -> list[Problem]:
    return [
        Problem(where(), f'"{e.line}" is not a Form 8606 line; use one of {", ".join(LINE_LABELS)}', "line")
        for where, e in _each(ledger, "assert")
        if e.line not in LINE_LABELS
    ]


# Checks that look at one entry at a time run even when other entries failed to load, so
# that one run reports every problem; the others need the whole ledger to be valid.
ENTRY_CHECKS: list[Callable[[Ledger], list[Problem]]] = [
    check_people,
    check_years,
    check_deadlines,
    check_unique,
    check_assertions,
]
WHOLE_LEDGER_CHECKS: list[Callable[[Ledger], list[Problem]]] = [
    check_corrections,
    check_opening,
]


def run_checks(ledger: Ledger, complete: bool = True, later: tuple = ()) -> list[Problem]:
    """`later`: whole-ledger checks of the stages above the ledger (the calculator's timing
    rules), run here so that one load reports every problem."""
    checks = ENTRY_CHECKS + (WHOLE_LEDGER_CHECKS + planning.CHECKS + documents.CHECKS + list(later) if complete else [])
    return [p for check in checks for p in check(ledger)]
