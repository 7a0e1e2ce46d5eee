"""Common beliefs, each answered with the real rule, and the 60-day rollover check."""

from __future__ import annotations

import datetime as dt

from form8606.ages import add_months
from form8606.plan.context import Context


def belief_notes(ctx: Context) -> None:
    year, who = ctx.year, ctx.who
    converted = [c for c in ctx.ledger.conversion if c.who == who and c.tax_year == year]
    count = f" (the ledger has {len(converted)} for {who} in {year})" if len(converted) > 1 else ""
    ctx.note("rule_conversions", "Conversions are not limited to one a year" + count + ": Form 8606 Part II adds "
             "them all up. The once-in-12-months limit is for 60-day rollovers from one IRA to another (IRC "
             "408(d)(3)(B); Announcement 2014-15); trustee-to-trustee transfers and conversions are not limited.")
    ctx.note("rule_recharacterization", "A conversion can't be undone: recharacterizing a conversion, or a plan "
             "rollover to a Roth IRA, is not allowed for tax years after 2017 (TCJA section 13611; IRC "
             "408A(d)(6)(B)(iii); Form 8606 instructions). Contributions can still be recharacterized by the "
             "return's due date.")
    ctx.note("rule_pro_rata", "The pro-rata rule counts the December 31 value of all of the person's traditional, "
             "SEP and SIMPLE IRAs (Form 8606 line 6; IRC 408(d)(2)), not Roth IRAs, not employer plans such as a "
             "401(k) or 403(b), and not the spouse's IRAs.")


def rollover_notes(ctx: Context) -> None:
    """One 60-day IRA-to-IRA rollover per 12 months across all of a person's IRAs (IRC
    408(d)(3)(B); Bobrow v. Commissioner, T.C. Memo. 2014-21; Announcement 2014-15)."""
    year, who = ctx.year, ctx.who
    rolled = sorted((d for d in ctx.ledger.distribution if d.who == who and d.rolled_over > 0), key=lambda d: d.date)
    for first, second in zip(rolled, rolled[1:]):
        if second.date < add_months(first.date, 12) and year in (first.date.year, second.date.year):
            ctx.note("sixty_day_rollovers", f"distributions of {first.date} and {second.date} were both rolled over "
                     "and are less than 12 months apart: only one 60-day IRA-to-IRA rollover is allowed in any 12 "
                     "months, across all of a person's IRAs (IRC 408(d)(3)(B); Announcement 2014-15). If both went "
                     "back into IRAs, the second is a taxable distribution and, where deposited, an excess "
                     "contribution. Direct transfers, conversions and rollovers to or from employer plans are not "
                     "limited.", "warning")
    past = [d for d in rolled if d.date <= dt.date(year, 12, 31)]
    if past:
        free = add_months(past[-1].date, 12)
        if free > dt.date(year, 1, 1):
            ctx.note("next_60_day_rollover", f"{who} rolled over a distribution received on {past[-1].date}: another "
                     f"60-day IRA-to-IRA rollover is allowed only for a distribution received on or after {free} "
                     "(a trustee-to-trustee transfer or a conversion is allowed any time).")
