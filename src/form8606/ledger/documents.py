"""Tax documents typed in as printed: Forms 1099-R and 5498 (issue: Tax documents).
Names are a contract; the translation into events lives in form8606.documents."""

from __future__ import annotations

from typing import Literal

from form8606.ledger.base import Account, Amount, Date, Entry, Who, Year
from form8606.money import ZERO


class Form1099R(Entry):
    """One Form 1099-R, boxes as printed, plus what became of the money."""

    who: Who
    year: Year
    payer: str | None = None
    box1: Amount  # gross distribution
    box2a: Amount | None = None  # taxable amount as the payer printed it
    box2b_not_determined: bool = False
    box5: Amount = ZERO  # employee contributions / designated Roth contributions
    box7: str  # distribution code(s) as printed
    ira_sep_simple: bool = False
    date: Date | None = None
    converted: Amount | None = None  # moved to a Roth IRA
    rolled_over: Amount = ZERO
    to: Account | None = None  # for a plan's direct rollover (code G)
    qcd: Amount = ZERO
    mode: Literal["events", "check"] = "events"


class Form5498(Entry):
    """One Form 5498, boxes as printed."""

    who: Who
    year: Year
    trustee: str | None = None
    kind: Literal["traditional", "sep", "simple", "roth"]
    box1: Amount = ZERO  # IRA contributions for the year
    box2: Amount = ZERO  # rollover contributions
    box3: Amount = ZERO  # Roth conversion amount
    box4: Amount = ZERO  # recharacterized contributions
    box5: Amount = ZERO  # fair market value on December 31
    box10: Amount = ZERO  # Roth IRA contributions
    box13a: Amount = ZERO  # late or postponed contribution


CHECKS: list = []  # cross-entry checks of these entries: (ledger) -> list[Problem]
