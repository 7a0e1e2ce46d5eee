"""What converting an amount this year would cost, by the calculator's own Form 8606 rules.

The estimate adds a hypothetical conversion on December 31 and the December 31 value to the
ledger and runs the calculator (form8606.pipeline.compute): the basis it carries into the year,
lines 1-18 and their rounding are the ones the real form would get. Nothing here re-implements
line 10.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from form8606.calc.result import FormResult
from form8606.errors import Form8606Error
from form8606.ledger.model import Conversion, Ledger, YearEnd
from form8606.ledger.where import label
from form8606.money import ZERO, fmt_money, ratio
from form8606.pipeline import compute
from form8606.plan.context import Context
from form8606.plan.result import ConversionAnswer

RULE = ("Form 8606 Part I: the nontaxable share of a conversion is the basis (line 5) over the December 31 value "
        "of all traditional, SEP and SIMPLE IRAs plus the year's distributions and conversions (lines 6-9), "
        "rounded as line 10; the rest is taxable (line 18). Pre-tax IRA money rolled into an employer plan by "
        "December 31 is not in line 6; basis (after-tax money) cannot be rolled into a plan.")
SOURCE = "IRC 408(d)(1)-(2), 408(d)(3)(A)(ii), 408A(d)(3); Form 8606 lines 1-18 and instructions"


def year_end_value(ctx: Context, given: Decimal | None) -> tuple[Decimal | None, str]:
    """The December 31 value to use for line 6: given, else the year's [[year_end]], else the
    latest earlier one (said so in a note)."""
    who, year = ctx.who, ctx.year
    if given is not None:
        return given, "--year-end-value"
    ends = sorted((e for e in ctx.ledger.year_end if e.who == who and e.year <= year), key=lambda e: e.year)
    if ends and ends[-1].year == year:
        return ends[-1].traditional, _named(ends[-1])
    if ends:
        last = ends[-1]
        ctx.note("year_end_estimate", f"no December 31, {year} value for {who}: the estimate uses the latest known, "
                 f"{fmt_money(last.traditional)} on December 31, {last.year} ([[year_end]]); give --year-end-value "
                 "with the value expected to remain after the conversion.", "warning")
        return last.traditional, f"{_named(last)}, the latest known"
    ctx.unknowns.need(f"--year-end-value (or a [[year_end]] for {who}, {year})", "the conversion estimate")
    return None, ""


def _named(end: YearEnd) -> str:
    """A [[year_end]], or the Forms 5498 whose box 5 stands for it."""
    return f"{label(end.document)}: box 5" if end.document else f"[[year_end]] ({end.who}, {end.year})"


def scenario(ledger: Ledger, who: str, year: int, amount: Decimal, value: Decimal) -> Ledger:
    """The ledger with `amount` more converted on December 31 and `value` left in traditional,
    SEP and SIMPLE IRAs that day. `ledger` is expanded already (form8606.pipeline.expanded): its
    documents are left out, so the calculator doesn't take their events twice."""
    update: dict = {"form_1099r": (), "form_5498": ()}
    if amount > 0:
        extra = Conversion(who=who, date=dt.date(year, 12, 31), amount=amount)
        extra._position = len(ledger.conversion) + 1
        update["conversion"] = (*ledger.conversion, extra)
    old = next((e for e in ledger.year_end if e.who == who and e.year == year), None)
    end = YearEnd(who=who, year=year, traditional=value, outstanding_rollovers=old.outstanding_rollovers if old else ZERO)
    end._position = old.position if old else len(ledger.year_end) + 1
    update["year_end"] = (*(e for e in ledger.year_end if e is not old), end)
    return ledger.model_copy(update=update)


def form_of(ledger: Ledger, who: str, year: int) -> FormResult | None:
    """The person's form of `year` in the scenario; a year before it that can't be computed is an error."""
    result = compute(ledger, whole_dollars=True, through=year)
    pending = [o for o in result.open_years if o.person == who]
    if pending:
        raise Form8606Error([f"{result.source}: {o.person} {o.year}: {o.missing}" for o in pending])
    return next(iter(result.select(year, who)), None)


def taxable_of(form: FormResult | None) -> Decimal:
    return max(form.value("18") or ZERO, ZERO) if form else ZERO


def conversion_answer(ctx: Context, amount: Decimal, given_value: Decimal | None) -> ConversionAnswer:
    who, year, ledger = ctx.who, ctx.year, ctx.ledger
    value, value_source = year_end_value(ctx, given_value)
    unknown = ConversionAnswer(amount, None, None, None, None, None, None, value, value_source, rule=RULE, source=SOURCE)
    opening = next((o for o in ledger.opening if o.who == who), None)
    if opening and opening.year >= year:
        ctx.note("conversion_before_opening", f"the [[opening]] of \"{who}\" describes the years through {opening.year}: a "
                 f"conversion in {year} falls before the ledger's history, so it can't be estimated.", "warning")
        return unknown
    if value is None:
        return unknown
    already = [c for c in ledger.conversion if c.who == who and c.tax_year == year]

    def marginal(left: Decimal) -> tuple[Decimal, FormResult]:
        """The increase in line 18 from converting `amount` with `left` remaining on December 31
        (had it not been converted, it would have remained too)."""
        form = form_of(scenario(ledger, who, year, amount, left), who, year)
        before = taxable_of(form_of(scenario(ledger, who, year, ZERO, left + amount), who, year)) if already else ZERO
        return max(taxable_of(form) - before, ZERO), form

    try:
        taxable, form = marginal(value)
        lines = {label: line.value for label, line in form.lines.items()}
        move, after = pre_tax_to_move(ctx, lines, value, marginal)
    except Form8606Error as exc:
        for problem in exc.problems:
            ctx.note("unknown", f"unknown: the conversion estimate needs a fix in the ledger: {problem}", "warning")
        return unknown
    converted = lines.get("16", amount)
    share = lines.get("10")
    if share is None and converted > 0:  # Part I not completed: the basis on line 17 against line 16
        share = ratio(max(lines.get("17", ZERO), ZERO), converted, form.ratio_places)
    basis = lines.get("5", lines.get("17"))
    if already:
        ctx.note("conversion_added", f"the ledger already has {len(already)} conversion(s) in {year}; the figures are "
                 f"for converting {fmt_money(amount)} more: the taxable part is the increase in line 18.")
    ctx.note("conversion_income", "The taxable part of a conversion is income of the year: it raises AGI and the "
             "modified AGI for the traditional IRA deduction, but not the modified AGI for Roth IRA contributions "
             "(Form 8606 instructions, Modified AGI for Roth IRA purposes, 1a).")
    return ConversionAnswer(amount, taxable, amount - taxable, share, move, after, basis, value, value_source, lines,
                            RULE, SOURCE)


def pre_tax_to_move(ctx: Context, lines: dict, value: Decimal, marginal) -> tuple[Decimal | None, Decimal | None]:
    """How much of line 6 must leave the IRAs for line 10 to reach 1: line 6 + line 7 + line 8 -
    line 5, never more than line 6. Then the calculator again, on what would be left."""
    if "10" not in lines:
        if "13" in lines:  # Pub. 590-B Worksheet 1-1 year: lines 6-12 stay blank
            ctx.note("move_unknown", "this year's contributions were partly deducted, so the nontaxable part comes "
                     "from Pub. 590-B Worksheet 1-1; the amount to move into an employer plan is not figured.", "warning")
            return None, None
        if not lines.get("17"):
            ctx.note("no_basis", f"{ctx.who} has no basis for {ctx.year}: the whole conversion is taxable whatever "
                     "stays in the IRAs, so moving money into an employer plan changes nothing.")
        return ZERO, None
    l5, l6, l7, l8 = (lines[k] for k in ("5", "6", "7", "8"))
    if l5 <= 0:
        return ZERO, None
    move = min(l6, max(l6 + l7 + l8 - l5, ZERO))
    if not move:
        return ZERO, None
    after, _ = marginal(max(value - move, ZERO))
    if move == l6 and after > 0:
        ctx.note("move_not_enough", f"even with all {fmt_money(l6)} of the December 31 value moved into an employer "
                 f"plan, {fmt_money(after)} stays taxable: more is converted (or distributed) than the basis.")
    return move, after
