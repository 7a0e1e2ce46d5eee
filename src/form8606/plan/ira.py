"""IRA questions for one person and year: the contribution limit and room, the direct Roth
contribution (Form 8606 instructions' worksheet), the traditional deduction (Publication
590-A's worksheet), and excess contributions with their 6% excise tax."""

from __future__ import annotations

from decimal import Decimal

from form8606.ages import traditional_barred
from form8606.money import DOLLAR, ZERO, fmt_money, round_to
from form8606.plan.context import OTHER, Context, money
from form8606.plan.params import Range, source
from form8606.plan.result import DeductionAnswer, ExcessAnswer, IraAnswer, RothAnswer
from form8606.plan.worksheets import (
    Worksheet,
    WorksheetLine,
    max_roth_contribution,
    reduced_deduction,
)

NOT_BINDING = Decimal("Infinity")
EXCISE_RATE = Decimal("0.06")  # IRC 4973(a); Form 5329 lines 17 and 25
STATUS_NAMES = {"single": "single", "mfj": "married filing jointly", "mfs": "married filing separately",
                "hoh": "head of household", "qss": "qualifying surviving spouse"}


def dollar_limit(ctx: Context) -> Decimal | None:
    """IRC 219(b)(5): the year's limit, plus the catch-up at 50 or older by December 31."""
    r = ctx.rules
    if ctx.age is None:
        return None
    return r.ira_limit + (r.ira_catch_up if ctx.age >= 50 else ZERO)


def compensation_cap(ctx: Context, question: str) -> Decimal | None:
    """IRC 219(b)(1)(B): not more than taxable compensation. On a joint return the spouse with
    less compensation also counts the other's, less the other's IRA contributions for the year
    (IRC 219(c); Pub. 590-A, Kay Bailey Hutchison Spousal IRA Limit). NOT_BINDING when
    compensation is at least the largest limit; None when a needed fact is missing."""
    r = ctx.rules
    comp = ctx.compensation(ctx.who, question)
    if comp is None:
        return None
    if comp >= r.ira_limit + r.ira_catch_up:
        return NOT_BINDING
    status = ctx.filing_field("status", question)
    if status is None:
        return None
    if status != "mfj":
        return comp
    other = OTHER[ctx.who]
    other_comp = ctx.compensation(other, question)
    if other_comp is None:
        return None
    if comp >= other_comp:
        return comp
    given = sum(ctx.contributions(other), ZERO) if other in ctx.ledger.people else ZERO
    return comp + max(other_comp - given, ZERO)


def ira_answer(ctx: Context) -> IraAnswer:
    r, year = ctx.rules, ctx.year
    question = "the IRA contribution limit"
    traditional, roth = ctx.contributions(ctx.who)
    contributed = traditional + roth
    cap = compensation_cap(ctx, question)
    dollars = dollar_limit(ctx)
    limit = None
    if cap is not None:
        if dollars is not None:
            limit = min(dollars, cap)
        elif cap <= r.ira_limit:  # the age does not matter
            limit = cap
        else:
            ctx.need_age(question)
    age = f"age {ctx.age} at the end of {year}" if ctx.age is not None else "age unknown"
    binding = cap is not None and cap != NOT_BINDING and (dollars is None or cap < dollars)
    capped = f"; here capped by compensation at {fmt_money(cap)}" if binding else ""
    rule = (f"{fmt_money(r.ira_limit)} for {year}, {fmt_money(r.ira_limit + r.ira_catch_up)} at 50 or older by "
            f"December 31 ({age}), and never more than taxable compensation; on a joint return the spouse with "
            f"less compensation may count the other's (spousal IRA){capped}. Traditional and Roth contributions "
            "share the limit.")
    src = (f"IRC 219(b)(1), 219(b)(5), 219(c), 408A(c)(2); {source('ira_limit', year)}; "
           "Form 8606 instructions, Overall Contribution Limit")
    room = None if limit is None else max(limit - contributed, ZERO)
    return IraAnswer(limit, contributed, traditional, roth, room, rule, src)


def roth_range(ctx: Context, question: str) -> tuple[Range | None, str]:
    """Which phase-out applies (Form 8606 instructions, Contributions under Roth IRAs)."""
    r = ctx.rules
    status = ctx.filing_field("status", question)
    if status in ("single", "hoh"):
        return r.roth_single, STATUS_NAMES[status]
    if status in ("mfj", "qss"):
        return r.roth_joint, STATUS_NAMES[status]
    if status == "mfs":
        lived = ctx.filing_field("lived_with_spouse", question)
        if lived is None:
            return None, ""
        if lived:
            return r.roth_mfs, "married filing separately, living with the spouse during the year"
        return r.roth_single, "married filing separately, not living with the spouse at any time in the year"
    return None, ""


def roth_answer(ctx: Context, ira: IraAnswer) -> RothAnswer:
    question = "the Roth IRA contribution limit"
    rng, who_for = roth_range(ctx, question)
    magi = ctx.filing_field("magi", question)
    src = "IRC 408A(c)(2)-(3); Form 8606 instructions, Maximum Roth IRA Contribution Worksheet"
    generic = ("A direct Roth IRA contribution is reduced by modified AGI over a phase-out range, rounded up to "
               "the next $10 and not below $200, and shares the limit with traditional contributions.")
    if rng is None or magi is None:
        return RothAnswer(None, None, None, None, generic, src)
    src = f"IRC 408A(c)(2)-(3); {rng.source}; Form 8606 instructions, Maximum Roth IRA Contribution Worksheet"
    rule = (f"{who_for.capitalize()}: the full amount with modified AGI at or below {fmt_money(rng.start)}, none at "
            f"or above {fmt_money(rng.end)}; in between the limit is reduced in proportion (range "
            f"{fmt_money(rng.width)}), rounded up to the next $10 and not below $200. Traditional IRA "
            f"contributions for the year come off first (worksheet lines 2-3). Modified AGI here: {fmt_money(magi)}.")
    if magi >= rng.end:
        sheet = (max_roth_contribution(ira.limit, ira.traditional, rng.end, rng.width, magi)
                 if ira.limit is not None else None)
        return RothAnswer(False, ZERO, ZERO, sheet, rule, src)
    if ira.limit is None:
        return RothAnswer(None, None, None, None, rule, src)
    sheet = max_roth_contribution(ira.limit, ira.traditional, rng.end, rng.width, magi,
                                  ctx.ledger.options.ratio_places)
    most = sheet.result
    return RothAnswer(most > 0, most, max(most - ira.roth, ZERO), sheet, rule, src)


def deduction_range(ctx: Context, covered: bool, spouse_covered: bool, question: str) -> tuple[Range | None, str, bool]:
    """(range, whom it is for, known). A None range with known = True means fully deductible.
    IRC 219(g): the limit phases out when the person is covered by a workplace plan, or on a joint
    return when the spouse is (219(g)(7)); a separate return without living together at any time
    in the year counts as unmarried (219(g)(4))."""
    r = ctx.rules
    if not covered and not spouse_covered:
        return None, "no one on the return was covered by a workplace plan", True
    status = ctx.filing_field("status", question)
    if status is None:
        return None, "", False
    if status == "mfs":
        lived = ctx.filing_field("lived_with_spouse", question)
        if lived is None:
            return None, "", False
        status = "mfs" if lived else "single"
    if covered:
        if status in ("single", "hoh"):
            return r.deduction_covered_single, "covered by a workplace plan, single or head of household", True
        if status in ("mfj", "qss"):
            return r.deduction_covered_joint, f"covered by a workplace plan, {STATUS_NAMES[status]}", True
        return r.deduction_mfs, "married filing separately and living with the spouse", True
    if status == "mfj":
        return r.deduction_spouse_covered, "not covered, but the spouse is, married filing jointly", True
    if status == "mfs":
        return r.deduction_mfs, "married filing separately and living with a covered spouse", True
    return None, "no spouse on the return was covered by a workplace plan", True


def deduction_answer(ctx: Context, ira: IraAnswer) -> DeductionAnswer:
    question = "the traditional IRA deduction"
    listed = ctx.filing_field("covered", question)
    src = "IRC 219(g); Publication 590-A, Figuring Your Reduced IRA Deduction (Worksheet 1-2)"
    generic = ("A traditional IRA contribution is fully deductible when neither spouse is covered by a workplace "
               "plan; otherwise the deduction phases out by modified AGI, rounded up to the next $10, not below $200.")
    if listed is None:
        return DeductionAnswer(None, None, None, None, generic, src)
    covered, spouse_covered = ctx.who in listed, OTHER[ctx.who] in listed
    rng, who_for, known = deduction_range(ctx, covered, spouse_covered, question)
    if not known:
        return DeductionAnswer(None, covered, spouse_covered, None, generic, src)
    if rng is None:
        rule = f"Fully deductible at any income: {who_for} (IRC 219(g)(1))."
        return DeductionAnswer(ira.limit, covered, spouse_covered, None, rule, "IRC 219(a), 219(g)(1); Publication 590-A")
    src = f"IRC 219(g); {rng.source}; Publication 590-A, Figuring Your Reduced IRA Deduction (Worksheet 1-2)"
    magi = ctx.filing_field("magi", question)
    rule = (f"{who_for.capitalize()}: fully deductible with modified AGI at or below {fmt_money(rng.start)}, not "
            f"deductible at or above {fmt_money(rng.end)}; in between the limit is reduced in proportion, rounded up "
            f"to the next $10 and not below $200. The rest of a contribution is nondeductible (Form 8606 line 1)."
            + (f" Modified AGI here: {fmt_money(magi)}." if magi is not None else ""))
    if magi is None:
        return DeductionAnswer(None, covered, spouse_covered, None, rule, src)
    if magi >= rng.end:
        sheet = Worksheet("Figuring Your Reduced IRA Deduction (Worksheet 1-2)", "Publication 590-A",
                          (WorksheetLine("1", "end of the modified AGI phase-out range", rng.end),
                           WorksheetLine("2", "modified AGI for the IRA deduction", magi)),
                          ZERO, "line 2 is equal to or more than line 1: contributions are not deductible")
        return DeductionAnswer(ZERO, covered, spouse_covered, sheet, rule, src)
    dollars = dollar_limit(ctx)
    if dollars is None:
        ctx.need_age(question)
    if dollars is None or ira.limit is None:
        return DeductionAnswer(None, covered, spouse_covered, None, rule, src)
    sheet = reduced_deduction(rng.end, rng.width, magi, dollars, ira.limit)
    return DeductionAnswer(sheet.result, covered, spouse_covered, sheet, rule, src)


def excess_answer(ctx: Context, ira: IraAnswer, roth: RothAnswer) -> ExcessAnswer:
    """IRC 4973(b), (f): traditional contributions over the limit, and Roth contributions over
    the Roth limit (which already counts the traditional ones), draw 6% a year until withdrawn."""
    barred = traditional_barred(ctx.ledger.people[ctx.who].birth_date, ctx.year)
    if ira.traditional <= 0:
        traditional = ZERO
    elif barred:  # 70 1/2 by December 31 in a year before 2020: no traditional contribution at all
        traditional = ira.traditional
        ctx.note("age_70_half", f"Traditional IRA contributions for {ctx.year} were not allowed at 70 1/2 or older "
                 "by December 31 (IRC 219(d)(1) before the SECURE Act); the whole traditional contribution is "
                 "excess. Roth contributions were allowed.", "warning")
    else:
        traditional = None if ira.limit is None else max(ira.traditional - ira.limit, ZERO)
    if ira.roth <= 0:
        roth_excess = ZERO
    else:
        roth_excess = None if roth.max is None else max(ira.roth - roth.max, ZERO)
    amount = None if traditional is None or roth_excess is None else traditional + roth_excess
    tax = None if amount is None else round_to(amount * EXCISE_RATE, DOLLAR)
    rule = ("Contributions over the limit (traditional: over the IRA limit; Roth: over the Maximum Roth IRA "
            "Contribution) are excess contributions: 6% of the excess, or of the IRA's December 31 value if smaller, "
            "is due for each year it stays in the IRA (Form 5329 Parts III-IV). Withdrawing it with its earnings by "
            "the return's due date, extensions included, avoids the tax; a Roth excess may instead be "
            "recharacterized as a traditional contribution by then.")
    src = "IRC 4973(a), (b), (f); IRC 408(d)(4); Form 5329 lines 17 and 25; Form 8606 instructions, Recharacterizations"
    if amount:
        ctx.note("excess", f"{ctx.year} excess contributions of {fmt_money(amount)} (traditional {money(traditional)}, "
                 f"Roth {money(roth_excess)}) would draw a 6% excise tax of {fmt_money(tax)} for each year they stay "
                 "uncorrected (Form 5329).", "warning")
    return ExcessAnswer(amount, traditional, roth_excess, tax, rule, src)


def route_note(ctx: Context, ira: IraAnswer, roth: RothAnswer, deduction: DeductionAnswer) -> None:
    """Which rules leave which way open; no advice beyond them."""
    if ira.limit is None or roth.max is None:
        return
    year = ctx.year
    if roth.max >= ira.limit - ira.traditional and ira.room:
        ctx.note("route", f"A direct Roth IRA contribution for {year} is allowed up to {fmt_money(roth.max)} "
                 f"({fmt_money(roth.room)} not yet used).")
        return
    if not ira.room:
        return
    deductible = ("" if deduction.max is None else
                  f" Of a traditional contribution, {fmt_money(deduction.max)} of the limit is deductible.")
    direct = (f"limited to {fmt_money(roth.max)}" if roth.max > 0 else "not allowed")
    ctx.note("route", f"A direct Roth IRA contribution for {year} is {direct} at this modified AGI. A traditional "
             f"IRA contribution of up to {fmt_money(ira.room)} is allowed at any income, the nondeductible part "
             "reported on Form 8606 Part I (IRC 408(o)), and converting it to a Roth IRA has no income limit "
             f"(since 2010): the 'backdoor' route, taxed by the pro-rata rule (see --convert).{deductible}")
