"""Every note code the calculator (calc/) and the documents (documents/notes.py) can emit, with
its wording for each audience.

The client reads a title and what the note means in plain words, over the calculator's message
("Details: ..."). The preparer reads the code itself as title, the same code `compute` prints and
the JSON carries, over the calculator's message, which holds the figures and the citation.
tests/test_notes_registry.py checks this table against the codes emitted in calc/ and documents/.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from form8606.render.view import AUDIENCES


@dataclass(frozen=True)
class Wording:
    title: str
    plain: str | None  # the client's: what it means and what to do; the preparer's: None


CLIENT = MappingProxyType({
    "pro_rata_taxable": Wording(
        "Why most of the conversion is taxable, and what would have avoided it",
        "Your basis is shared across all of your traditional, SEP and SIMPLE IRAs, counted at their value on "
        "December 31 of the year of the conversion. The pre-tax money still in them on that day diluted the "
        "basis, so most of what you converted is taxed. What would have avoided it: moving the pre-tax IRA money "
        "into an employer plan, such as a 401(k) that accepts roll-ins, before December 31, so that only "
        "after-tax money was left in traditional IRAs. The same step helps before any future conversion."),
    "worksheet_1_1": Wording(
        "A special computation was used",
        "Part of this year's contributions was deducted and money also came out of the IRAs, so the IRS "
        "requires a separate worksheet (Publication 590-B, Worksheet 1-1) to find the tax-free part; lines 6 to "
        "12 of the form stay blank."),
    "over_limit": Wording(
        "Contributions above the yearly limit",
        "More was contributed than the law allows for the year. The excess is taxed 6% every year until it is "
        "taken out; ask your preparer about withdrawing it."),
    "limit_unknown_age": Wording(
        "Your age decides the limit",
        "Contributions above the regular limit are allowed only from age 50 (the catch-up). Add your birth date "
        "to the ledger so this can be checked."),
    "line13_capped": Wording(
        "A rounding adjustment",
        "Rounding each line to whole dollars would have used slightly more basis than you had, so the tax-free "
        "part was held to your basis."),
    "conversion_below_basis": Wording(
        "The conversion was smaller than its basis",
        "You converted less than the after-tax money you had put in (after a market loss, for example). Nothing "
        "is taxable, and the unused basis does not carry forward once your traditional IRAs are empty."),
    "additional_tax_base": Wording(
        "A possible 10% additional tax",
        "Part of the Roth IRA money taken out before age 59 1/2 may owe an extra 10% tax unless an exception "
        "applies; it is reported on Form 5329."),
    "roth_earnings_withdrawn": Wording(
        "Roth earnings came out",
        "More came out of the Roth IRA than the contributions and conversions the ledger knows, so the rest "
        "counts as earnings, which can be taxable. If an earlier contribution or conversion is missing from the "
        "ledger, add it."),
    "line6_negative": Wording(
        "December 31 value taken as zero",
        "After the adjustment for recharacterizations made after December 31, the year-end value came out below "
        "zero, so zero is used. Please check the year-end value and the recharacterization entries."),
    "worksheet_1_1_set_aside": Wording(
        "A special computation was checked",
        "Part of this year's contributions was deducted, so the IRS's separate worksheet (Publication 590-B, "
        "Worksheet 1-1) was tried first. It would have made more tax-free than your basis allows, so the form's "
        "usual lines 6 to 15c are used instead."),
    "age_70_half": Wording(
        "A traditional IRA contribution that was not allowed",
        "Before 2020, no one could contribute to a traditional IRA for the year they turned 70 1/2 or any later "
        "year. The amount contributed is an excess contribution, taxed 6% every year until it is taken out; ask "
        "your preparer about withdrawing it. Roth IRA contributions were allowed."),
    "qcd_before_70_half": Wording(
        "A gift to charity made too early to be tax-free",
        "A qualified charitable distribution must be made on or after the day you are 70 1/2. This one was made "
        "before, so it counts as an ordinary IRA withdrawal and is taxed like one. You may be able to deduct the "
        "gift as a charitable contribution if you itemize; ask your preparer."),
    "qcd_over_limit": Wording(
        "Gifts to charity above the yearly limit",
        "Each person can give at most a set amount a year from IRAs directly to charity tax-free. What went "
        "over that limit counts as an ordinary IRA withdrawal and is taxed like one; you may be able to deduct it "
        "as a charitable contribution if you itemize."),
    "qcd_basis_part": Wording(
        "Part of the gift to charity came from your after-tax money",
        "Only money that would otherwise be taxed can be a tax-free gift from an IRA to charity, and it is taken "
        "first from that money. The rest of the gift came from your after-tax contributions (your basis): it is "
        "not taxed either, but it is reported as a withdrawal of basis, and you may deduct it as a charitable "
        "contribution if you itemize."),
    "hsa_funding_repeated": Wording(
        "A second transfer from an IRA to a health savings account",
        "A tax-free transfer from an IRA to a health savings account (HSA) is allowed once in a lifetime, and "
        "yours was made in an earlier year. This one counts as an ordinary IRA withdrawal and is taxed like one; "
        "ask your preparer whether it can still go into the HSA as a regular contribution."),
    "hsa_funding_second": Wording(
        "Two transfers from IRAs to a health savings account in one year",
        "A second tax-free transfer to a health savings account (HSA) in the same year is allowed only if your "
        "health coverage changed from self-only to family that year, and both together may not exceed that "
        "year's HSA limit. Please confirm this with your preparer."),
    "line6_from_5498": Wording(
        "The December 31 value comes from your Forms 5498",
        "The ledger gives no year-end value, so what your traditional, SEP and SIMPLE IRAs were worth on December "
        "31 (line 6) is taken from box 5 of your Forms 5498. If the Form 5498 of any of these IRAs is missing from "
        "the ledger, line 6 is too small and too much is counted as tax-free: make sure every one is there."),
    "double_entry": Wording(
        "A form and a ledger entry look like the same money",
        "A Form 1099-R and an entry written in the ledger seem to record the same event, so it is counted only "
        "once. If they really are two separate events, tell your preparer so that both are counted."),
    "roth_code_disagrees": Wording(
        "The payer's code on a Form 1099-R differs from the ledger",
        "The payer coded this Roth IRA distribution differently from what the ledger's dates show (for example "
        "as qualified, that is tax-free, when by the ledger it is not). The form follows the ledger; please check "
        "your birth date, the year of your first Roth IRA contribution and the reason for the distribution."),
    "form1040_line4": Wording(
        "What goes on your Form 1040",
        "The figures for the IRA and pension lines of your tax return (Form 1040 lines 4a and 4b, and 5a and 5b "
        "for a rollover from an employer plan), from your Forms 1099-R and this form. Line 4b takes the taxable "
        "part worked out here, not box 2a of the Forms 1099-R, which payers often fill in with the whole amount."),
})


def wording(code: str, audience: str) -> Wording:
    """The title and plain words of note `code` for `audience`."""
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}; expected one of {', '.join(AUDIENCES)}")
    if code not in CLIENT:
        raise KeyError(f"note code {code!r} has no wording in form8606.render.notes")
    return CLIENT[code] if audience == "client" else Wording(code, None)
