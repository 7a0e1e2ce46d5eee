"""Form 8606 line labels as printed on the form, with short captions.

The captions are the same in every supported revision (2018-2026 forms); per-revision PDF
field maps live with the PDF templates.
"""

from __future__ import annotations

CAPTIONS: dict[str, str] = {
    "1": "Nondeductible contributions for the year",
    "2": "Total basis in traditional IRAs (prior years)",
    "3": "Add lines 1 and 2",
    "4": "Contributions on line 1 made in the next year",
    "5": "Line 3 minus line 4",
    "6": "Value of all traditional IRAs on December 31",
    "7": "Distributions from traditional IRAs",
    "8": "Net amount converted to Roth IRAs",
    "9": "Add lines 6, 7 and 8",
    "10": "Line 5 divided by line 9 (nontaxable share)",
    "11": "Nontaxable part of the conversion",
    "12": "Nontaxable part of the distributions",
    "13": "Nontaxable part of all distributions",
    "14": "Total basis carried to next year",
    "15a": "Line 7 minus line 12",
    "15b": "Part of 15a from qualified disaster distributions",
    "15c": "Taxable distributions (Form 1040 line 4b)",
    "16": "Amount converted to Roth IRAs",
    "17": "Basis in the amount converted",
    "18": "Taxable conversion (Form 1040 line 4b)",
    "19": "Nonqualified distributions from Roth IRAs",
    "20": "Qualified first-time homebuyer expenses",
    "21": "Line 19 minus line 20",
    "22": "Basis in Roth IRA contributions",
    "23": "Line 21 minus line 22",
    "24": "Basis in conversions and plan rollovers to Roth IRAs",
    "25a": "Line 23 minus line 24",
    "25b": "Part of 25a from qualified disaster distributions",
    "25c": "Taxable Roth distributions (Form 1040 line 4b)",
}

LINE_LABELS: tuple[str, ...] = tuple(CAPTIONS)
PART1 = LINE_LABELS[: LINE_LABELS.index("16")]
PART2 = ("16", "17", "18")
PART3 = LINE_LABELS[LINE_LABELS.index("19") :]
RATIO_LINE = "10"

# The rule for each line in one sentence, and where it is written (the "explanation
# catalogue" shared by the calculator, the worksheets and the cross-check).
_I = "Form 8606 instructions"
RULES: dict[str, tuple[str, str]] = {
    "1": ("Nondeductible contributions to traditional IRAs for the year, including those made by the due date "
          "of the next year; recharacterizations count for the IRA that received them, returned contributions "
          "don't count.", f"Form 8606 line 1; {_I}, Line 1, Recharacterizations, Return of IRA Contributions"),
    "2": ("Basis from earlier years: line 14 of the last Form 8606 filed.", f"{_I}, Line 2 and Total Basis Chart"),
    "3": ("Line 1 plus line 2.", "Form 8606 line 3"),
    "4": ("The part of line 1 contributed from January 1 of the next year through the due date; it is left out "
          "of this year's pro-rata computation.", f"Form 8606 line 4; {_I}, Line 4"),
    "5": ("Line 3 minus line 4: the basis available this year.", "Form 8606 line 5"),
    "6": ("The December 31 value of all traditional, SEP and SIMPLE IRAs, plus outstanding rollovers, adjusted "
          "for recharacterizations made after December 31.", f"Form 8606 line 6; {_I}, Line 6"),
    "7": ("Distributions from traditional IRAs during the year, leaving out rollovers, conversions, qualified "
          "charitable distributions, HSA funding, recharacterizations and returned contributions.",
          f"Form 8606 line 7; {_I}, Line 7"),
    "8": ("The net amount converted from traditional, SEP and SIMPLE IRAs to Roth IRAs during the year.",
          f"Form 8606 line 8; {_I}, Line 8"),
    "9": ("Line 6 plus line 7 plus line 8: everything the basis is spread over.", "Form 8606 line 9"),
    "10": ("Line 5 divided by line 9, as a decimal rounded to at least 3 places, at most 1: the nontaxable share "
           "(the pro-rata rule).", "Form 8606 line 10; Pub. 590-B, Are Distributions Taxable?"),
    "11": ("Line 8 times line 10: the nontaxable part of the conversion.", "Form 8606 line 11"),
    "12": ("Line 7 times line 10: the nontaxable part of the distributions.", "Form 8606 line 12"),
    "13": ("Line 11 plus line 12: the basis used this year.", "Form 8606 line 13"),
    "14": ("Line 3 minus line 13: the basis carried to next year's line 2.", "Form 8606 line 14"),
    "15a": ("Line 7 minus line 12.", "Form 8606 line 15a"),
    "15b": ("The part of line 15a from qualified disaster distributions: line 15a times disaster distributions "
            "divided by line 7.", f"Form 8606 line 15b; {_I}, Line 15b"),
    "15c": ("Line 15a minus line 15b: the taxable distributions, also on Form 1040 line 4b.", "Form 8606 line 15c"),
    "16": ("The net amount converted to Roth IRAs (line 8 when Part I was completed).", f"Form 8606 line 16; {_I}, Line 16"),
    "17": ("The basis in the amount converted: line 11, or when Part I was not completed, line 2 plus line-1 "
           "contributions made before the conversion.", f"Form 8606 line 17; {_I}, Line 17"),
    "18": ("Line 16 minus line 17: the taxable conversion, also on Form 1040 line 4b.", f"Form 8606 line 18; {_I}, Line 18"),
    "19": ("Nonqualified distributions from Roth IRAs, including first-time homebuyer distributions.",
           f"Form 8606 line 19; {_I}, Line 19"),
    "20": ("Qualified first-time homebuyer expenses, at most $10,000 less earlier homebuyer distributions.",
           f"Form 8606 line 20; {_I}, Line 20"),
    "21": ("Line 19 minus line 20, not below zero.", "Form 8606 line 21"),
    "22": ("Basis in regular Roth IRA contributions: contributions less earlier distributions of them.",
           f"Form 8606 line 22; {_I}, Line 22 and Basis in Regular Roth IRA Contributions Worksheet"),
    "23": ("Line 21 minus line 22, not below zero; may be subject to the additional 10% tax.",
           f"Form 8606 line 23; {_I}, Line 23"),
    "24": ("Basis in conversions and plan rollovers to Roth IRAs, less earlier distributions of it.",
           f"Form 8606 line 24; {_I}, Line 24 chart"),
    "25a": ("Line 23 minus line 24, not below zero.", "Form 8606 line 25a"),
    "25b": ("The part of line 25a from qualified disaster distributions.", f"Form 8606 line 25b; {_I}, Line 25b"),
    "25c": ("Line 25a minus line 25b: the taxable Roth distributions, also on Form 1040 line 4b.",
            "Form 8606 line 25c"),
}
