"""Tax documents typed in as printed: Forms 1099-R and 5498 (issue: Tax documents).
Names are a contract; the translation into events lives in form8606.documents."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from form8606.errors import Problem
from form8606.ledger.base import Account, Amount, Date, Entry, Reason, Who, Year
from form8606.ledger.where import document_label, entry_label
from form8606.money import ZERO


class Form1099R(Entry):
    """One Form 1099-R, boxes as printed, plus what became of the money."""

    who: Who = Field(description="The recipient.")
    year: Year = Field(description="The year of the form.")
    payer: str | None = Field(None, description="The payer's name.")
    box1: Amount = Field(description="Box 1, gross distribution.")
    box2a: Amount | None = Field(None, description="Box 2a, taxable amount as the payer printed it.")
    box2b_not_determined: bool = Field(False, description='Box 2b "taxable amount not determined" is checked.')
    box5: Amount = Field(ZERO, description="Box 5, employee contributions / designated Roth contributions.")
    box7: str = Field(description='Box 7, the distribution code(s) as printed, e.g. "7", "2" or "G".')
    ira_sep_simple: bool = Field(False, description="The IRA/SEP/SIMPLE box is checked.")
    date: Date | None = Field(None, description="The day paid; it must fall in `year`.")
    converted: Amount | None = Field(None, description="The part moved to a Roth IRA.")
    rolled_over: Amount = Field(ZERO, description="The part rolled over.")
    to: Account | None = Field(None, description="Where the money went: a plan's direct rollover (code G); the "
                               "second IRA (N, R).")
    qcd: Amount = Field(ZERO, description="The part paid to a charity as a qualified charitable distribution.")
    mode: Literal["events", "check"] = Field("events", description='"events": the form stands for its events; '
                                             '"check": the ledger lists them by hand and the form reconciles them.')
    # Answers some codes need (docs/documents.md); the form itself doesn't print them.
    outstanding_rollovers: Amount = Field(ZERO, description="The part of `rolled_over` that reached the IRA only "
                                          "after December 31.")
    for_year: Year | None = Field(None, description="Codes 8, P, N, R: the year of the contribution corrected.")
    amount: Amount | None = Field(None, description="Codes N, R: the contribution recharacterized, without earnings.")
    contribution_date: Date | None = Field(None, description="Codes 8, P, N, R: which contribution, when the ledger "
                                           "can't tell.")
    deducted: Amount = Field(ZERO, description="Codes N, R into a traditional IRA: the part deducted.")
    reason: Reason | None = Field(None, description="Codes J, T, Q: why a Roth distribution may be qualified.")
    homebuyer_expenses: Amount | None = Field(None, description='With reason = "first_home": qualified acquisition '
                                              "costs.")
    box11: Year | None = Field(None, description="First year of designated Roth contributions (code H decides with it).")
    trump_account: bool = Field(False, description="Paid from a Trump account (IRC 530A): refused, see check_trump_accounts.")


class Form5498(Entry):
    """One Form 5498, boxes as printed."""

    who: Who = Field(description="The participant.")
    year: Year = Field(description="The year of the form.")
    trustee: str | None = Field(None, description="The trustee's name.")
    kind: Literal["traditional", "sep", "simple", "roth", "trump"] = Field(description="Which kind of IRA.")
    box1: Amount = Field(ZERO, description="Box 1, IRA contributions for the year.")
    box2: Amount = Field(ZERO, description="Box 2, rollover contributions.")
    box3: Amount = Field(ZERO, description="Box 3, Roth conversion amount.")
    box4: Amount = Field(ZERO, description="Box 4, recharacterized contributions.")
    box5: Amount = Field(ZERO, description="Box 5, fair market value on December 31.")
    box10: Amount = Field(ZERO, description="Box 10, Roth IRA contributions.")
    box13a: Amount = Field(ZERO, description="Box 13a, late or postponed contribution.")


def check_5498_boxes(ledger) -> list[Problem]:
    """Boxes that belong to the other kind of IRA (Form 5498 instructions): box 3 and box 10
    are filed by the trustee of a Roth IRA, box 1 by the trustee of any other IRA."""
    out = []
    for e in ledger.form_5498:
        where = document_label(ledger.source, "form_5498", e)
        if e.kind == "trump":
            continue  # refused whole (check_trump_accounts)
        if e.kind == "roth" and e.box1:
            out.append(Problem(where, "box 1 is for traditional, SEP and SIMPLE IRAs; a Roth IRA's contributions "
                               "are in box 10. Move the amount to `box10`, or fix `kind`", "box1"))
        for box in ("box3", "box10"):
            if e.kind != "roth" and getattr(e, box):
                what = "conversions" if box == "box3" else "contributions"
                out.append(Problem(where, f"{box.replace('box', 'box ')} reports Roth IRA {what}; this form's "
                                   f'kind is "{e.kind}". Set kind = "roth" if it is the Roth IRA\'s Form 5498',
                                   box))
    return out


def check_dates(ledger) -> list[Problem]:
    """A Form 1099-R reports the money paid in its own year: its `date` falls in `year`."""
    return [Problem(entry_label(ledger.source, "form_1099r", None, d),
                    f"`date` {d.date} is not in {d.year}, the year of the form; a Form 1099-R reports the money "
                    "paid in its own year: fix `date` or `year`", "date")
            for d in ledger.form_1099r if d.date is not None and d.date.year != d.year]


TRUMP_ACCOUNTS = ("not supported yet: a Trump account (IRC 530A, added by P.L. 119-21; Pub. 590-A (2025), What's "
                  "New) is a new kind of IRA for children whose Form 8606 treatment will be final only with the "
                  "2026 form; form8606 refuses it rather than guess. Leave this form out of the ledger")


def check_trump_accounts(ledger) -> list[Problem]:
    """A Form 5498 of kind "trump", or a Form 1099-R with `trump_account`, names a Trump account."""
    return ([Problem(document_label(ledger.source, "form_5498", e), TRUMP_ACCOUNTS, "kind")
             for e in ledger.form_5498 if e.kind == "trump"]
            + [Problem(document_label(ledger.source, "form_1099r", e), TRUMP_ACCOUNTS, "trump_account")
               for e in ledger.form_1099r if e.trump_account])


# Cross-entry checks of these entries: (ledger) -> list[Problem]. Whether each Form 1099-R can be
# turned into events is found once, when form8606.documents expands them (the pipeline).
CHECKS: list = [check_dates, check_5498_boxes, check_trump_accounts]
