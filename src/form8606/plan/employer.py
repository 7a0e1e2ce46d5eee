"""After-tax room in a 401(k) or 403(b) (the "mega backdoor"), and the solo 401(k) variant.

Annual additions (IRC 415(c)): deferrals without catch-up, employer contributions and after-tax
contributions together are limited to the year's dollar limit and to 100% of compensation.
Catch-up deferrals (IRC 414(v)) do not count. For a self-employed person (solo 401(k)),
compensation is net earnings less the deduction for the employer contributions, and the
employer part is limited as in Publication 560's Deduction Worksheet for Self-Employed.
"""

from __future__ import annotations

from decimal import Decimal

from form8606.money import ZERO, fmt_money
from form8606.plan.context import Context
from form8606.plan.params import source
from form8606.plan.result import MegaBackdoorAnswer

# Pub. 560, Rate Table for Self-Employed: a 25% plan rate is 20% of net earnings (0.25 / 1.25),
# because the contribution itself reduces the compensation it is figured on (IRC 404(a)(3)(A),
# 401(c)(2)).
SELF_EMPLOYED_RATE = Decimal("0.20")


def catch_up_limit(ctx: Context) -> Decimal | None:
    """IRC 414(v)(2)(B)(i) at 50 or older by December 31; 414(v)(2)(E) at 60 to 63 (from 2025)."""
    r, age = ctx.rules, ctx.age
    if age is None:
        return None
    if 60 <= age <= 63:
        return r.plan_catch_up_60_63
    return r.plan_catch_up if age >= 50 else ZERO


def mega_backdoor_answer(ctx: Context) -> MegaBackdoorAnswer | None:
    plan = ctx.employer_plan
    if plan is None:
        return None
    r, year, m = ctx.rules, ctx.year, fmt_money
    question = "the after-tax (mega backdoor) room"
    over = max(plan.deferrals - r.elective_deferral, ZERO)
    catch_up: Decimal | None = ZERO
    if over:
        limit = catch_up_limit(ctx)
        if limit is None:
            ctx.need_age(question)
            catch_up = None
        else:
            catch_up = min(over, limit)
            if over > limit:
                ctx.note("excess_deferral", f"deferrals of {m(plan.deferrals)} are {m(over - limit)} over the "
                         f"{year} limit of {m(r.elective_deferral)} plus catch-up {m(limit)}: the excess must be "
                         "paid out by April 15 of the next year (IRC 402(g)(2)).", "warning")
    counted = plan.deferrals - (catch_up or ZERO)
    employer_max = None
    if plan.self_employed:
        earnings = plan.net_earnings
        if earnings is None:
            ctx.unknowns.need(f"`net_earnings` to [[employer_plan]] ({ctx.who}, {year})", question)
            compensation = None
        else:
            # Pub. 560 Deduction Worksheet for Self-Employed: step 5 (20% of net earnings), step 10
            # (415(c) less deferrals), step 12 (half of net earnings less deferrals); step 13 the smallest.
            employer_max = max(min(earnings * SELF_EMPLOYED_RATE, r.annual_additions - counted,
                                   (earnings - counted) / 2), ZERO).quantize(Decimal(1))
            compensation = max(earnings - plan.employer, ZERO)
            if plan.deferrals > compensation:
                ctx.note("deferrals_over_earnings", f"deferrals of {m(plan.deferrals)} are more than net earnings "
                         f"less the employer contribution ({m(compensation)}) (Pub. 560, steps 14-15).", "warning")
            if plan.employer > employer_max:
                ctx.note("employer_over", f"the employer contribution of {m(plan.employer)} is more than the "
                         f"{m(employer_max)} a self-employed person's plan allows on net earnings of {m(earnings)} "
                         "(Pub. 560, Deduction Worksheet for Self-Employed, step 13).", "warning")
    else:
        compensation = ctx.compensation(ctx.who, question)
    if catch_up is None or compensation is None:
        total = None
    else:
        total = min(r.annual_additions, compensation) - counted - plan.employer
    room = None if total is None else max(total - plan.after_tax, ZERO)
    if total is not None and plan.after_tax > max(total, ZERO):
        ctx.note("excess_annual_additions", f"after-tax contributions of {m(plan.after_tax)} are "
                 f"{m(plan.after_tax - max(total, ZERO))} over what 415(c) leaves; the plan must correct the excess "
                 "annual additions (Treas. Reg. 1.415-6(b)(6); EPCRS).", "warning")
    cap = (f"the smaller of {m(r.annual_additions)} and compensation {m(compensation)}"
           if compensation is not None and compensation < r.annual_additions else m(r.annual_additions))
    rule = (f"Annual additions for {year}: {m(r.annual_additions)}, or 100% of compensation if less (IRC 415(c)), "
            "counting deferrals without catch-up, employer and after-tax contributions. After-tax room = "
            f"{cap} - deferrals {m(counted)} - employer {m(plan.employer)}"
            + (f" - after-tax made {m(plan.after_tax)}" if plan.after_tax else "") + ".")
    src = (f"IRC 415(c)(1), 414(v)(3)(A), 402(g); {source('annual_additions_limit', year)}; "
           "Notice 2014-54 (after-tax rollovers)" + ("; Publication 560, Deduction Worksheet for Self-Employed"
                                                      if plan.self_employed else ""))
    return MegaBackdoorAnswer(room, None if total is None else max(total, ZERO), plan.after_tax, r.annual_additions,
                              compensation, counted, catch_up, plan.employer, employer_max, plan.self_employed,
                              steps(ctx, room, employer_max, catch_up), rule, src, plan.allows_after_tax)


def steps(ctx: Context, room: Decimal | None, employer_max: Decimal | None, catch_up: Decimal | None) -> tuple[str, ...]:
    plan, m, year = ctx.employer_plan, fmt_money, ctx.year
    out = []
    if plan.self_employed and employer_max is not None:
        earnings, counted = plan.net_earnings, plan.deferrals - (catch_up or ZERO)
        out.append(f"Solo 401(k): the employer (profit-sharing) part may be up to {m(employer_max)}, the smallest of "
                   f"20% of net earnings ({m(earnings * SELF_EMPLOYED_RATE)}), the 415(c) limit less deferrals "
                   f"({m(ctx.rules.annual_additions - counted)}) and half of net earnings less deferrals "
                   f"({m((earnings - counted) / 2)}) (Pub. 560, Deduction Worksheet for Self-Employed, steps 5-13).")
    if not plan.allows_after_tax:
        out.append("The plan does not take after-tax contributions (allows_after_tax = false): the room can't be "
                   "used in this plan.")
        return tuple(out)
    if room == 0:
        out.append(f"No after-tax room is left for {year}: the annual additions limit is used up.")
    else:
        amount = m(room) if room is not None else "the room (unknown)"
        out.append(f"Contribute up to {amount} more as after-tax (non-Roth) contributions for {year}; they count "
                   "toward 415(c), catch-up deferrals do not.")
    if plan.allows_in_service_withdrawal:
        out.append("Move the after-tax money out soon after each contribution, before earnings build up: an "
                   "in-service withdrawal rolled over to a Roth IRA, or an in-plan Roth conversion (its earnings "
                   "are taxable in the year converted, IRC 402A(c)(4)).")
    else:
        out.append("The plan allows no in-service withdrawal or in-plan Roth conversion: the after-tax money stays "
                   "in the plan until a distribution event (leaving the employer), and its earnings are pre-tax.")
    out.append("Split the distribution as Notice 2014-54 allows: the after-tax contributions (Form 1099-R box 5) go "
               "to the Roth IRA tax-free; the earnings on them are pre-tax: to a traditional IRA or the plan (not "
               "taxed now) or to the Roth IRA (taxed now). Record it as [[plan_rollover]] entries: after_tax with "
               "to = \"roth\", taxable with the destination chosen.")
    out.append("Earnings rolled into a traditional IRA count in its December 31 value (Form 8606 line 6) for the "
               "pro-rata rule of any backdoor conversion.")
    if catch_up and year >= 2026 and not plan.self_employed:
        out.append("From 2026, catch-up deferrals of an employee whose prior-year FICA wages from the employer were "
                   "over $150,000 (indexed) must be designated Roth (SECURE 2.0 section 603; Notice 2025-67).")
    return tuple(out)
