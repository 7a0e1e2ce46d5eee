"""The planner on small ledgers written inline: every answer against hand-computed figures,
missing facts reported as unknown, the conversion estimate by the calculator's own rules."""

from __future__ import annotations

import textwrap
from decimal import Decimal

import pytest

from form8606.errors import Form8606Error
from form8606.ledger import load_ledger, load_text
from form8606.plan import plan
from tests.helpers import ROOT

YOU = 'version = 1\n[people.you]\nname = "Alex Rivera"\nbirth_date = 1985-06-01\n'
COUPLE = YOU + '[people.spouse]\nname = "Sam Rivera"\nbirth_date = 1987-03-02\n'


def plans_of(body: str, year: int = 2026, header: str = YOU, **kw):
    ledger = load_text(header + textwrap.dedent(body), source="test.toml")
    return {p.person: p for p in plan(ledger, year, **kw).plans}


def one(body: str, year: int = 2026, header: str = YOU, **kw):
    return plans_of(body, year, header, **kw)["you"]


def codes(p) -> list[str]:
    return [n.code for n in p.notes]


def unknown(p) -> list[str]:
    return [n.message for n in p.notes if n.code == "unknown"]


SINGLE = """
[[filing]]
year = 2026
status = "single"
magi = {magi}
covered = {covered}
compensation = {{ you = {comp} }}
"""


def single(magi=100000, covered='["you"]', comp=100000, extra="", **kw):
    return one(SINGLE.format(magi=magi, covered=covered, comp=comp) + extra, **kw)


# The issue's example household (fixtures/plan-backdoor-couple.toml) ------------------------------

def test_issue_example():
    ledger = load_ledger(ROOT / "fixtures" / "plan-backdoor-couple.toml")
    you, spouse = plan(ledger, 2026, convert=Decimal(7000)).plans
    assert (you.ira.limit, you.ira.contributed, you.ira.room) == (7500, 0, 7500)
    assert (you.roth.allowed, you.roth.max) == (False, 0)
    assert (you.deduction.max, you.deduction.covered) == (0, True)
    assert (you.excess.amount, you.excess.excise_tax) == (0, 0)
    assert you.mega_backdoor.room == 41500 and len(you.mega_backdoor.steps) >= 3
    assert "route" in codes(you) and {"rule_conversions", "rule_recharacterization", "rule_pro_rata"} <= set(codes(you))
    assert spouse.ira.limit == 7500  # spousal IRA: 0 + 180,000 - Alex's contributions (0)
    assert (spouse.deduction.covered, spouse.deduction.spouse_covered, spouse.deduction.max) == (False, True, 0)
    assert spouse.mega_backdoor is None


def test_issue_example_conversion_uses_the_calculators_basis():
    """Basis 7,000 carried from the 2025 Form 8606 (line 14); 63,000 left on December 31:
    line 10 = 7,000 / 70,000 = 0.10000; taxable 6,300; 63,000 to move for a tax-free conversion."""
    ledger = load_ledger(ROOT / "fixtures" / "plan-backdoor-couple.toml")
    (you,) = plan(ledger, 2026, "you", convert=Decimal(7000), year_end_value=Decimal(63000)).plans
    c = you.conversion
    assert (c.amount, c.taxable, c.nontaxable, str(c.ratio), c.pre_tax_to_move) == (7000, 6300, 700, "0.10000", 63000)
    assert (c.basis, c.year_end_value, c.taxable_if_moved) == (7000, 63000, 0)
    assert c.lines["9"] == 70000 and c.lines["18"] == 6300


def test_issue_example_roth_max_4000_at_magi_246667():
    """MFJ 2026: (252,000 - 246,667) / 10,000 = 0.53330; x 7,500 = 3,999.75 -> 4,000."""
    text = (ROOT / "fixtures" / "plan-backdoor-couple.toml").read_text().replace("magi = 265000", "magi = 246667")
    you, _ = plan(load_text(text), 2026).plans
    assert (you.roth.allowed, you.roth.max) == (True, 4000)
    assert you.roth.worksheet.value("8") == Decimal("0.53330")


# The IRA limit ------------------------------------------------------------------------------------

@pytest.mark.parametrize("born, limit", [("1976-12-31", 8600), ("1977-01-01", 7500)])
def test_catch_up_on_the_birthday_boundary(born, limit):
    """50 or older at the end of 2026: born on or before December 31, 1976."""
    header = f'version = 1\n[people.you]\nname = "A"\nbirth_date = {born}\n'
    p = one(SINGLE.format(magi=50000, covered="[]", comp=100000), header=header)
    assert p.ira.limit == limit and p.deduction.max == limit and p.roth.max == limit


def test_compensation_caps_the_limit():
    p = single(magi=30000, comp=3000)
    assert p.ira.limit == 3000 and p.roth.max == 3000 and p.deduction.max == 3000


@pytest.mark.parametrize("your_comp, spouse_comp, spouse_roth, limit", [
    (0, 100000, 7500, 7500),    # 0 + 100,000 - 7,500 leaves plenty
    (0, 10000, 7500, 2500),     # 0 + 10,000 - 7,500 = 2,500
    (1000, 5000, 0, 6000),      # 1,000 + 5,000
])
def test_spousal_ira_limit(your_comp, spouse_comp, spouse_roth, limit):
    body = f"""
    [[filing]]
    year = 2026
    status = "mfj"
    magi = 50000
    covered = []
    compensation = {{ you = {your_comp}, spouse = {spouse_comp} }}
    """
    if spouse_roth:
        body += f'[[contribution]]\nwho = "spouse"\ndate = 2026-02-01\nto = "roth"\namount = {spouse_roth}\n'
    p = plans_of(body, header=COUPLE)["you"]
    assert p.ira.limit == limit


def test_contributions_and_room_count_corrections():
    extra = """
    [[contribution]]
    who = "you"
    date = 2026-02-01
    to = "traditional"
    amount = 5000
    [[contribution]]
    who = "you"
    date = 2026-03-01
    to = "roth"
    amount = 2000
    [[returned_contribution]]
    who = "you"
    date = 2026-04-01
    for_year = 2026
    from = "roth"
    amount = 500
    """
    p = single(magi=50000, covered="[]", extra=extra)
    assert (p.ira.traditional, p.ira.roth, p.ira.contributed, p.ira.room) == (5000, 1500, 6500, 1000)
    assert p.roth.max == 2500 and p.roth.room == 1000  # worksheet line 3 = 7,500 - 5,000


# Roth and deduction by filing status ------------------------------------------------------------

@pytest.mark.parametrize("status, lived, magi, roth_max", [
    ("single", None, 160500, 3750),
    ("hoh", None, 160500, 3750),
    ("mfs", "false", 160500, 3750),   # apart all year: the single range
    ("mfs", "true", 5000, 3750),      # living together: 0-10,000
    ("mfs", "true", 10000, 0),
    ("mfj", None, 247000, 3750),
    ("qss", None, 247000, 3750),
])
def test_roth_range_by_status(status, lived, magi, roth_max):
    married = status in ("mfj", "mfs")
    lived_line = f"lived_with_spouse = {lived}\n" if lived else ""
    comp = "{ you = 100000, spouse = 100000 }" if married else "{ you = 100000 }"
    body = f'[[filing]]\nyear = 2026\nstatus = "{status}"\n{lived_line}magi = {magi}\ncovered = []\n' \
           f'compensation = {comp}\n'
    p = one(body, header=COUPLE if married else YOU)
    assert p.roth.max == roth_max and p.roth.allowed is (roth_max > 0)


@pytest.mark.parametrize("status, lived, covered, magi, deduction", [
    ("single", None, '["you"]', 86000, 3750),
    ("hoh", None, '["you"]', 86000, 3750),
    ("single", None, "[]", 1000000, 7500),          # no one covered: any income
    ("mfj", None, '["you"]', 139000, 3750),
    ("qss", None, '["you"]', 139000, 3750),
    ("mfj", None, '["spouse"]', 247000, 3750),      # not covered, spouse is
    ("mfj", None, "[]", 1000000, 7500),
    ("mfs", "true", '["you"]', 5000, 3750),
    ("mfs", "true", '["spouse"]', 5000, 3750),      # either spouse covered
    ("mfs", "false", '["you"]', 86000, 3750),       # apart all year: as single (219(g)(4))
    ("mfs", "false", '["spouse"]', 500000, 7500),   # apart, only the spouse covered: full
])
def test_deduction_by_status_and_coverage(status, lived, covered, magi, deduction):
    lived_line = f"lived_with_spouse = {lived}\n" if lived else ""
    comp = "{ you = 100000, spouse = 100000 }" if status in ("mfj", "mfs") else "{ you = 100000 }"
    body = f'[[filing]]\nyear = 2026\nstatus = "{status}"\n{lived_line}magi = {magi}\ncovered = {covered}\n' \
           f'compensation = {comp}\n'
    p = one(body, header=COUPLE if status in ("mfj", "mfs") else YOU)
    assert p.deduction.max == deduction


def test_backdoor_route_note():
    p = single(magi=200000)
    (route,) = [n.message for n in p.notes if n.code == "route"]
    assert "not allowed" in route and "7,500" in route and "'backdoor' route" in route


# Excess contributions -------------------------------------------------------------------------------

def test_roth_excess_from_the_phaseout_draws_6_percent():
    extra = '[[contribution]]\nwho = "you"\ndate = 2026-02-01\nto = "roth"\namount = 5000\n'
    p = single(magi=160500, covered="[]", extra=extra)
    assert p.roth.max == 3750
    assert (p.excess.roth, p.excess.amount, p.excess.excise_tax) == (1250, 1250, 75)
    assert "excess" in codes(p)


def test_traditional_and_roth_excess_add_up_to_the_total_over_the_limit():
    extra = ('[[contribution]]\nwho = "you"\ndate = 2026-02-01\nto = "traditional"\namount = 8000\n'
             '[[contribution]]\nwho = "you"\ndate = 2026-02-02\nto = "roth"\namount = 1000\n')
    p = single(magi=50000, covered="[]", extra=extra)
    assert (p.excess.traditional, p.excess.roth, p.excess.amount, p.excess.excise_tax) == (500, 1000, 1500, 90)


# Missing facts -----------------------------------------------------------------------------------

def test_missing_magi_is_unknown_and_the_rest_is_answered():
    body = '[[filing]]\nyear = 2026\nstatus = "single"\ncovered = []\ncompensation = { you = 100000 }\n'
    p = one(body)
    assert p.roth.max is None and p.roth.allowed is None
    assert p.ira.limit == 7500 and p.deduction.max == 7500  # no one covered: MAGI not needed
    (msg,) = unknown(p)
    assert msg.startswith("unknown: add `magi` to [[filing]] for 2026")
    assert "Roth IRA contribution limit" in msg


def test_no_filing_names_each_missing_field():
    p = one("")
    assert p.ira.limit is None and p.roth.max is None and p.deduction.max is None
    assert p.ira.contributed == 0 and p.excess.amount == 0  # nothing contributed: no excess either way
    messages = unknown(p)
    assert any(m.startswith("unknown: add `compensation.you` to [[filing]] for 2026") for m in messages)
    assert any(m.startswith("unknown: add `magi` to [[filing]] for 2026") for m in messages)
    assert any(m.startswith("unknown: add `status` to [[filing]] for 2026") for m in messages)
    assert any(m.startswith("unknown: add `covered` to [[filing]] for 2026") for m in messages)


def test_missing_birth_date_is_unknown_unless_compensation_decides():
    header = 'version = 1\n[people.you]\nname = "A"\n'
    p = one(SINGLE.format(magi=50000, covered="[]", comp=100000), header=header)
    assert p.ira.limit is None and p.age is None
    assert any(m.startswith("unknown: add `birth_date` to [people.you]") for m in unknown(p))
    low = one(SINGLE.format(magi=50000, covered="[]", comp=5000), header=header)
    assert low.ira.limit == 5000 and not unknown(low)


def test_mfs_needs_lived_with_spouse():
    body = '[[filing]]\nyear = 2026\nstatus = "mfs"\nmagi = 5000\ncovered = []\ncompensation = { you = 100000 }\n'
    p = one(body)
    assert p.roth.max is None
    assert any(m.startswith("unknown: add `lived_with_spouse` to [[filing]] for 2026") for m in unknown(p))


def test_magi_above_the_range_answers_roth_without_compensation():
    body = '[[filing]]\nyear = 2026\nstatus = "single"\nmagi = 500000\n'
    p = one(body)
    assert (p.roth.allowed, p.roth.max) == (False, 0) and p.ira.limit is None


# The conversion estimate ---------------------------------------------------------------------------

def test_clean_backdoor_is_tax_free():
    extra = '[[contribution]]\nwho = "you"\ndate = 2026-01-05\nto = "traditional"\namount = 7500\n'
    p = single(magi=200000, extra=extra, convert=Decimal(7500), year_end_value=Decimal(0))
    c = p.conversion
    assert (c.taxable, str(c.ratio), c.pre_tax_to_move, c.basis) == (0, "1.00000", 0, 7500)


def test_no_basis_is_all_taxable():
    p = single(extra='[[year_end]]\nwho = "you"\nyear = 2025\ntraditional = 50000\n', convert=Decimal(10000))
    c = p.conversion
    assert (c.taxable, c.nontaxable, str(c.ratio), c.pre_tax_to_move) == (10000, 0, "0.00000", 0)
    assert c.year_end_value == 50000 and "latest known" in c.year_end_source
    assert {"year_end_estimate", "no_basis"} <= set(codes(p))


def test_conversion_added_to_the_years_conversions_is_marginal():
    """With 7,500 basis and 7,500 already converted in 2026, converting 10,000 more (0 left):
    line 10 = 7,500 / 17,500 = 0.42857, line 18 = 17,500 - 7,500 = 10,000. Without it (10,000
    left): line 11 = 7,500 x 0.42857 = 3,214, line 18 = 4,286. The increase: 5,714."""
    extra = ('[[contribution]]\nwho = "you"\ndate = 2026-01-05\nto = "traditional"\namount = 7500\n'
             '[[conversion]]\nwho = "you"\ndate = 2026-01-15\namount = 7500\n')
    p = single(magi=200000, extra=extra, convert=Decimal(10000), year_end_value=Decimal(0))
    c = p.conversion
    assert (str(c.ratio), c.lines["18"], c.taxable) == ("0.42857", 10000, 5714)
    assert "conversion_added" in codes(p)


def test_moving_everything_is_not_enough_when_converting_more_than_the_basis():
    """Basis 7,500, 20,000 pre-tax left, convert 10,000: line 9 = 30,000, line 10 = 0.25000.
    Moving all 20,000 leaves line 10 = 7,500 / 10,000 = 0.75: 2,500 stays taxable."""
    extra = '[[contribution]]\nwho = "you"\ndate = 2026-01-05\nto = "traditional"\namount = 7500\n'
    p = single(magi=200000, extra=extra, convert=Decimal(10000), year_end_value=Decimal(20000))
    c = p.conversion
    assert (str(c.ratio), c.taxable, c.pre_tax_to_move, c.taxable_if_moved) == ("0.25000", 7500, 20000, 2500)
    assert "move_not_enough" in codes(p)


def test_conversion_without_any_value_is_unknown():
    p = single(convert=Decimal(7000))
    assert p.conversion.taxable is None and p.conversion.ratio is None
    assert any(m.startswith("unknown: add --year-end-value") for m in unknown(p))


def test_a_ledger_problem_makes_the_conversion_unknown():
    extra = ('[[contribution]]\nwho = "you"\ndate = 2025-01-05\nto = "traditional"\namount = 7000\n'
             '[[distribution]]\nwho = "you"\ndate = 2025-05-01\nfrom = "traditional"\namount = 1000\n')
    p = single(extra=extra, convert=Decimal(5000), year_end_value=Decimal(0))
    assert p.conversion.taxable is None
    assert any("line 6 needs the value" in n.message for n in p.notes if n.code == "unknown")


# Mega backdoor and solo 401(k) ---------------------------------------------------------------------

PLAN = """
[[employer_plan]]
who = "you"
year = {year}
deferrals = {deferrals}
employer = {employer}
after_tax = {after_tax}
allows_after_tax = true
allows_in_service_withdrawal = {withdraw}
"""


def plan_of(deferrals=24500, employer=6000, after_tax=0, withdraw="true", born="1985-06-01", comp=180000):
    header = f'version = 1\n[people.you]\nname = "A"\nbirth_date = {born}\n'
    body = SINGLE.format(magi=200000, covered='["you"]', comp=comp) + PLAN.format(
        year=2026, deferrals=deferrals, employer=employer, after_tax=after_tax, withdraw=withdraw)
    return one(body, header=header)


def test_mega_backdoor_room_and_after_tax_made():
    mb = plan_of(after_tax=10000).mega_backdoor
    assert (mb.after_tax_limit, mb.after_tax_made, mb.room) == (41500, 10000, 31500)
    assert any("Notice 2014-54" in s for s in mb.steps)


def test_catch_up_does_not_count_toward_415c():
    """Age 55 at the end of 2026: 24,500 + 8,000 catch-up deferred; 415(c) counts 24,500."""
    mb = plan_of(deferrals=32500, born="1971-05-05").mega_backdoor
    assert (mb.catch_up, mb.deferrals_counted, mb.room) == (8000, 24500, 41500)
    assert any("designated Roth" in s for s in mb.steps)  # SECURE 2.0 section 603, from 2026


@pytest.mark.parametrize("born, catch_up", [("1966-01-01", 11250), ("1963-12-31", 11250), ("1962-12-31", 8000)])
def test_catch_up_at_60_to_63(born, catch_up):
    """Ages 60-63 at the end of 2026 (born 1963-1966): 11,250; at 64: back to 8,000."""
    mb = plan_of(deferrals=24500 + 11250, born=born).mega_backdoor
    assert mb.catch_up == catch_up


def test_compensation_caps_the_annual_additions():
    mb = plan_of(deferrals=20000, employer=5000, comp=40000).mega_backdoor
    assert mb.room == 15000  # 40,000 - 20,000 - 5,000


def test_excess_deferral_and_no_after_tax_plan():
    p = plan_of(deferrals=40000)  # under 50: 15,500 over 402(g)
    assert "excess_deferral" in codes(p)
    closed = one(SINGLE.format(magi=200000, covered='["you"]', comp=180000) + PLAN.format(
        year=2026, deferrals=0, employer=0, after_tax=0, withdraw="false").replace("allows_after_tax = true",
                                                                                 "allows_after_tax = false"))
    assert closed.mega_backdoor.room == 72000
    assert "does not take after-tax" in closed.mega_backdoor.steps[-1]


def test_solo_401k_limited_by_compensation():
    """fixtures/plan-solo-401k.toml: Pub. 560 step 13 = min(20% x 30,000 = 6,000; 70,000 - 23,500;
    (30,000 - 23,500) / 2 = 3,250) = 3,250; 415(c) compensation 26,750 leaves no after-tax room."""
    (p,) = plan(load_ledger(ROOT / "fixtures" / "plan-solo-401k.toml"), 2025).plans
    mb = p.mega_backdoor
    assert (mb.employer_max, mb.compensation_limit, mb.room) == (3250, 26750, 0)
    assert p.ira.limit == 3250 and p.roth.max == 3250 and p.deduction.max == 3250


def test_solo_401k_20_percent_of_net_earnings():
    body = SINGLE.format(magi=250000, covered='["you"]', comp=136500) + """
    [[employer_plan]]
    who = "you"
    year = 2026
    deferrals = 24500
    employer = 40000
    allows_after_tax = true
    self_employed = true
    net_earnings = 200000
    """
    mb = one(body).mega_backdoor
    assert mb.employer_max == 40000 and mb.room == 72000 - 24500 - 40000


def test_solo_401k_needs_net_earnings():
    body = SINGLE.format(magi=250000, covered='["you"]', comp=100000) + PLAN.format(
        year=2026, deferrals=0, employer=0, after_tax=0, withdraw="true") + "self_employed = true\n"
    p = one(body)
    assert p.mega_backdoor.room is None
    assert any(m.startswith("unknown: add `net_earnings` to [[employer_plan]] (you, 2026)") for m in unknown(p))


def test_covered_mismatch_is_flagged():
    p = one(SINGLE.format(magi=200000, covered="[]", comp=180000) + PLAN.format(
        year=2026, deferrals=1000, employer=0, after_tax=0, withdraw="true"))
    assert "covered_mismatch" in codes(p)


# 60-day rollovers ------------------------------------------------------------------------------------

def rollover(date: str) -> str:
    return (f'[[distribution]]\nwho = "you"\ndate = {date}\nfrom = "traditional"\namount = 1000\n'
            f'rolled_over = 1000\n')


def test_two_60_day_rollovers_within_12_months_warn():
    p = single(extra=rollover("2026-02-01") + rollover("2026-09-01"))
    (warning,) = [n for n in p.notes if n.code == "sixty_day_rollovers"]
    assert warning.level == "warning" and "2026-02-01 and 2026-09-01" in warning.message


def test_rollovers_12_months_apart_are_fine_and_the_next_date_is_given():
    p = single(extra=rollover("2025-03-01") + rollover("2026-03-01"))
    assert "sixty_day_rollovers" not in codes(p)
    (nxt,) = [n.message for n in p.notes if n.code == "next_60_day_rollover"]
    assert "on or after 2027-03-01" in nxt


# Ledger checks of the planning entries -----------------------------------------------------------

def problems(text: str) -> list[str]:
    with pytest.raises(Form8606Error) as info:
        load_text(text, source="t.toml")
    return [str(p) for p in info.value.problems]


def test_one_filing_per_year():
    (msg,) = problems(YOU + "[[filing]]\nyear = 2026\n[[filing]]\nyear = 2026\n")
    assert msg.startswith("t.toml: [[filing]] #2 (2026), field `year`: a second [[filing]] for 2026")


def test_covered_names_known_people():
    (msg,) = problems(YOU + '[[filing]]\nyear = 2026\nstatus = "single"\ncovered = ["spouse"]\n')
    assert 'filing status "single" has no spouse' in msg and "field `covered`" in msg
    # a spouse on a joint return needs no [people.spouse] table
    load_text(YOU + '[[filing]]\nyear = 2026\nstatus = "mfj"\ncovered = ["spouse"]\ncompensation = { spouse = 1 }\n')


def test_one_employer_plan_per_person_and_year_and_net_earnings_only_when_self_employed():
    (msg,) = problems(YOU + '[[employer_plan]]\nwho = "you"\nyear = 2026\n[[employer_plan]]\nwho = "you"\nyear = 2026\n')
    assert "a second [[employer_plan]] for you in 2026" in msg
    (msg,) = problems(YOU + '[[employer_plan]]\nwho = "you"\nyear = 2026\nnet_earnings = 1000\n')
    assert "`net_earnings` goes with self_employed = true" in msg


def test_unsupported_year_and_unknown_person_are_errors():
    ledger = load_text(YOU)
    with pytest.raises(Form8606Error, match="tax year 2017 is not supported"):
        plan(ledger, 2017)
    with pytest.raises(Form8606Error, match=r"no \[people.spouse\] table"):
        plan(ledger, 2026, "spouse")
    with pytest.raises(Form8606Error, match="more than 0"):
        plan(ledger, 2026, convert=Decimal(0))


# What compute knows (issue 12): Form 5498 box 5 is the December 31 value, documents' events count.

def test_form_5498_box_5_is_the_year_end_value():
    extra = ('[[form_5498]]\nwho = "you"\nyear = 2026\nkind = "traditional"\ntrustee = "Broker"\nbox5 = 40000\n'
             '[[opening]]\nwho = "you"\nyear = 2025\ntraditional_basis = 10000\n')
    p = single(extra=extra, convert=Decimal(10000))
    c = p.conversion
    assert (c.year_end_value, c.year_end_source) == (40000, "[[form_5498]] #1 (you, 2026) Broker: box 5")
    assert c.basis == 10000  # the [[opening]] basis carried in: line 2, then line 5
    assert c.taxable is not None and "unknown" not in codes(p)


def test_a_typed_form_1099r_recharacterization_counts_in_the_contributions():
    """Code N: a 2026 Roth contribution recharacterized as traditional in 2026 (Form 1099-R,
    box 7 N): the plan counts it as a traditional contribution, as compute does."""
    extra = ('[[contribution]]\nwho = "you"\ndate = 2026-01-05\nto = "roth"\namount = 3000\n'
             '[[form_1099r]]\nwho = "you"\nyear = 2026\nbox1 = 3000\nbox7 = "N"\nira_sep_simple = true\n'
             'date = 2026-02-01\nto = "traditional"\nfor_year = 2026\namount = 3000\n')
    p = single(extra=extra)
    assert (p.ira.contributed, p.ira.traditional, p.ira.roth) == (3000, 3000, 0)
