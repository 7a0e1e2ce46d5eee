"""When a contribution counts as made: the one home of the line 1 / line 4 timing rule for
corrected contributions, read by the calculator's facts and by the ledger's checks."""

from __future__ import annotations

import datetime as dt

from form8606.errors import Problem
from form8606.ledger.model import Ledger
from form8606.ledger.where import entry_label


def original_contributions(ledger: Ledger, e) -> list:
    """The contributions a recharacterization or return corrects: same person, year and
    IRA, on `contribution_date` when given."""
    made = [c for c in ledger.contribution if (c.who, c.tax_year, c.to) == (e.who, e.for_year, e.from_)]
    made += [r for r in ledger.recharacterization if (r.who, r.for_year, r.to) == (e.who, e.for_year, e.from_)]
    if e.contribution_date is not None:
        made = [c for c in made if original_date(ledger, c) == e.contribution_date]
    return made


def original_date(ledger: Ledger, e) -> dt.date | None:
    """The day a contribution counts as made. A recharacterized contribution is treated as
    made to the second IRA on the original date (Form 8606 instructions, Recharacterizations).
    None when the ledger can't tell which contribution was corrected."""
    if not hasattr(e, "from_"):
        return e.date
    if e.contribution_date is not None:
        return e.contribution_date
    dates = {c.date for c in ledger.contribution if (c.who, c.tax_year, c.to) == (e.who, e.for_year, e.from_)}
    if not dates:  # corrects a recharacterized contribution: use its own original date
        dates = {original_date(ledger, r) for r in ledger.recharacterization
                 if (r.who, r.for_year, r.to) == (e.who, e.for_year, e.from_) and r is not e}
    sides = {d.year > e.for_year for d in dates if d is not None}
    return min(dates) if len(sides) == 1 and None not in dates else None


def check_which_contribution(ledger: Ledger) -> list[Problem]:
    """Line 4 needs to know whether a corrected contribution was made before or after
    December 31; when the ledger's contributions fall on both sides, ask."""
    out = []
    for kind in ("recharacterization", "returned_contribution"):
        for e in ledger.entries(kind):
            out += _which(ledger, entry_label(ledger.source, kind, None, e), e)
    return out


def _which(ledger: Ledger, where: str, e) -> list[Problem]:
    if e.contribution_date is not None and not original_contributions(ledger, e):
        return [Problem(where, f"no {e.from_} contribution for {e.for_year} dated {e.contribution_date}",
                        "contribution_date")]
    if original_contributions(ledger, e) and original_date(ledger, e) is None:
        return [Problem(where, f"the {e.for_year} {e.from_} contributions of \"{e.who}\" were made both before and "
                        f"after December 31, {e.for_year}; add `contribution_date` naming the one corrected",
                        "contribution_date")]
    return []


# Whole-ledger checks of these rules, run when the ledger is loaded (form8606.pipeline).
CHECKS = (check_which_contribution,)
