"""Form 1099-R box 7: the distribution codes, and what the tool makes of each combination.

Source: Instructions for Forms 1099-R and 5498, Guide to Distribution Codes (box 7). A code is
one character; a form may carry two ("G4", "81", "J8"), whose order on the form means nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

# Every code of the Guide to Distribution Codes, in the words of docs/documents.md.
MEANING: dict[str, str] = {
    "1": "early distribution, no known exception (under 59 1/2)",
    "2": "early distribution, exception applies (under 59 1/2)",
    "3": "disability",
    "4": "death",
    "5": "prohibited transaction",
    "6": "section 1035 exchange",
    "7": "normal distribution",
    "8": "excess contributions plus earnings, taxable in the year of the form",
    "9": "cost of current life insurance protection",
    "A": "may be eligible for the 10-year tax option",
    "B": "designated Roth account distribution",
    "C": "reportable death benefits under section 6050Y",
    "D": "annuity payments from nonqualified annuities",
    "E": "distribution under EPCRS",
    "F": "charitable gift annuity",
    "G": "direct rollover to a plan or an IRA",
    "H": "direct rollover of a designated Roth account to a Roth IRA",
    "J": "early distribution from a Roth IRA, no known exception",
    "K": "IRA assets without a readily available fair market value",
    "L": "loan treated as a distribution",
    "M": "qualified plan loan offset",
    "N": "contribution recharacterized in the year it was made for",
    "P": "excess contributions plus earnings, taxable in the prior year",
    "Q": "qualified distribution from a Roth IRA",
    "R": "contribution for the prior year recharacterized",
    "S": "early distribution from a SIMPLE IRA in its first 2 years",
    "T": "Roth IRA distribution, exception applies",
    "U": "dividend from an ESOP",
    "W": "long-term care insurance charges",
    "Y": "qualified charitable distribution",
}

# Codes the tool does not handle, whatever they are combined with, and why.
UNSUPPORTED: dict[str, str] = {
    "4": "death benefits (code 4: a distribution to a beneficiary, or from an inherited IRA)",
    "C": "reportable death benefits (code C)",
    "A": "lump-sum distributions with the 10-year tax option (code A)",
    "D": "annuity payments (code D)",
    "6": "section 1035 exchanges of annuity and insurance contracts (code 6)",
    "9": "life insurance costs (code 9)",
    "F": "charitable gift annuities (code F)",
    "W": "long-term care insurance charges (code W)",
    "5": "prohibited transactions (code 5)",
    "B": "distributions from a designated Roth account in an employer plan (code B); only its direct "
         "rollover to a Roth IRA (code H) is translated",
    "E": "EPCRS corrective distributions (code E)",
    "K": "IRA assets without a readily available fair market value (code K)",
    "L": "plan loans treated as distributions (code L)",
    "M": "plan loan offsets (code M)",
    "S": "SIMPLE IRA distributions in the first two years (code S)",
    "U": "ESOP dividends (code U)",
}

# What a supported combination becomes (docs/documents.md, "The code table").
IRA = "ira"  # 1, 2, 3, 7 (and 7Y) with the IRA/SEP/SIMPLE box: conversion + traditional distribution
IRA_TO_PLAN = "ira_to_plan"  # G with the IRA box: a traditional IRA rolled directly into a plan
ROTH = "roth"  # J, T, Q: a Roth IRA distribution
PLAN_ROLLOVER = "plan_rollover"  # G: a plan's direct rollover to an IRA
DESIGNATED_ROTH = "designated_roth"  # H: a designated Roth account rolled into a Roth IRA
RECHARACTERIZATION = "recharacterization"  # N, R
RETURNED = "returned"  # 8, P (with 1 or 2 from a traditional IRA, with J from a Roth IRA)

_SEPARATORS = " ,/&+-"


@dataclass(frozen=True)
class Reading:
    """Box 7 read: the codes, and either what they become or why not."""

    codes: frozenset[str]
    treatment: str | None
    problem: str | None = None  # why the tool can't translate the form
    field: str = "box7"

    @property
    def text(self) -> str:
        return "".join(sorted(self.codes, key=lambda c: (not c.isdigit(), c)))


def parse(box7: str) -> tuple[frozenset[str], str | None]:
    """The codes printed in box 7, or a message when the text isn't codes."""
    codes = [c for c in box7.upper() if c not in _SEPARATORS]
    if not codes:
        return frozenset(), "box 7 is empty; copy the distribution code(s) as printed, e.g. \"7\" or \"G\""
    unknown = [c for c in codes if c not in MEANING]
    if unknown:
        return frozenset(), (f"\"{unknown[0]}\" is not a distribution code; box 7 holds one or two of "
                             f"{' '.join(MEANING)}")
    if len(set(codes)) != len(codes) or len(codes) > 2:
        return frozenset(), f"box 7 \"{box7}\" repeats a code or holds more than two; copy it as printed"
    return frozenset(codes), None


def read(box7: str, ira_box: bool) -> Reading:
    """Box 7 and the IRA/SEP/SIMPLE box -> what the form stands for."""
    codes, problem = parse(box7)
    if problem:
        return Reading(codes, None, problem)
    for code, what in UNSUPPORTED.items():
        if code in codes:
            return Reading(codes, None, f"not supported: {what}. form8606 handles IRA distributions, conversions, "
                                        "rollovers, recharacterizations and returned contributions only "
                                        "(docs/documents.md); leave this form out and enter its effect by hand if "
                                        "it has one on Form 8606")
    other = codes - {"1", "2", "3", "7", "8", "P", "Y"}
    if ira_box:
        if codes in ({"1"}, {"2"}, {"3"}, {"7"}, {"7", "Y"}):
            return Reading(codes, IRA)
        if codes == {"G"}:
            return Reading(codes, IRA_TO_PLAN)
        if codes in ({"8"}, {"P"}, {"1", "8"}, {"2", "8"}, {"1", "P"}, {"2", "P"}):
            return Reading(codes, RETURNED)
        if codes & {"J", "T", "Q"}:
            return Reading(codes, None, "codes J, T and Q are for Roth IRAs, but `ira_sep_simple` says the "
                                        "IRA/SEP/SIMPLE box is checked (it is for traditional, SEP and SIMPLE "
                                        "IRAs); copy the box as printed", "ira_sep_simple")
        if codes in ({"N"}, {"R"}):
            return Reading(codes, RECHARACTERIZATION)
    else:
        if codes in ({"J"}, {"T"}, {"Q"}):
            return Reading(codes, ROTH)
        if codes in ({"J", "8"}, {"J", "P"}):
            return Reading(codes, RETURNED)
        if codes == {"G"}:
            return Reading(codes, PLAN_ROLLOVER)
        if codes == {"H"}:
            return Reading(codes, DESIGNATED_ROTH)
        if codes in ({"N"}, {"R"}):
            return Reading(codes, RECHARACTERIZATION)
        if codes and not other:
            return Reading(codes, None, "codes 1, 2, 3, 7, 8 and P without the IRA/SEP/SIMPLE box come from an "
                                        "employer plan, whose distributions are not on Form 8606 (not supported; "
                                        "only a plan's direct rollover, code G or H, is translated). If the box is "
                                        "checked on the form, add ira_sep_simple = true", "ira_sep_simple")
    if "Y" in codes:
        return Reading(codes, None, "not supported: code Y (a qualified charitable distribution) is translated only "
                                    "with code 7 from a traditional IRA; for a QCD from a Roth IRA leave the form "
                                    "out, and for one reported with code 7 alone give `qcd`")
    return Reading(codes, None, f"not supported: the combination of codes \"{box7}\" "
                                f"({'; '.join(MEANING[c] for c in sorted(codes))}) is not one form8606 translates "
                                "(docs/documents.md lists those it does)")


def describe(codes: frozenset[str]) -> str:
    return "; ".join(f"{c}: {MEANING[c]}" for c in sorted(codes, key=lambda c: (not c.isdigit(), c)))
