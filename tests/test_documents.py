"""Forms 1099-R turned into events: every code the tool handles, the answers they need, and the
codes it refuses (docs/documents.md). Small ledgers written inline, checked against the same
ledger written with hand-made events, or against hand-computed lines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from form8606.documents import expand
from form8606.documents.codes import read
from form8606.errors import Form8606Error
from form8606.pipeline import compute
from form8606.render.sources import words
from tests.helpers import (
    BACKDOOR,
    ELDER,
    OLD,
    YOUNG,
    form_1099r,
    ledger_of,
    lines_of,
    year_end,
)

# Born 1966-04-20: 59 1/2 on 2025-10-20, during 2025.
TURNING = 'version = 1\n[people.you]\nname = "Tomas Turning"\nbirth_date = 1966-04-20\n'


def result(body: str, header: str = YOUNG):
    return compute(ledger_of(body, header))


def same_lines(with_documents: str, by_hand: str, header: str = YOUNG) -> list:
    ours, theirs = result(with_documents, header), result(by_hand, header)
    assert [lines_of(f) for f in ours.forms] == [lines_of(f) for f in theirs.forms]
    heads = lambda r: [(f.person, f.year, f.required) for f in r.forms]  # noqa: E731
    assert heads(ours) == heads(theirs)
    assert [f.roth_basis for f in ours.forms] == [f.roth_basis for f in theirs.forms]
    return list(ours.forms)


def problems(body: str, header: str = YOUNG) -> list[str]:
    with pytest.raises(Form8606Error) as info:
        result(body, header)
    return [str(p) for p in info.value.problems]


def events(body: str, header: str = YOUNG) -> dict[str, tuple]:
    """The entries the documents added, by kind."""
    ledger = ledger_of(body, header)
    expanded, _ = expand(ledger)
    return {kind: expanded.entries(kind)[len(ledger.entries(kind)):]
            for kind in ("conversion", "distribution", "plan_rollover", "recharacterization",
                         "returned_contribution", "year_end")}


# ---- box 7 read ---------------------------------------------------------------------------


@pytest.mark.parametrize("box7, ira, treatment", [
    ("1", True, "ira"), ("2", True, "ira"), ("3", True, "ira"), ("7", True, "ira"), ("7Y", True, "ira"),
    ("Y7", True, "ira"), ("G", True, "ira_to_plan"), ("8", True, "returned"), ("81", True, "returned"),
    ("P", True, "returned"), ("2P", True, "returned"), ("N", True, "recharacterization"),
    ("J", False, "roth"), ("T", False, "roth"), ("Q", False, "roth"), ("J8", False, "returned"),
    ("JP", False, "returned"), ("G", False, "plan_rollover"), ("H", False, "designated_roth"),
    ("N", False, "recharacterization"), ("R", False, "recharacterization"), (" 7 ", True, "ira"), ("j", False, "roth"),
])
def test_codes_the_tool_translates(box7, ira, treatment):
    assert read(box7, ira).treatment == treatment


@pytest.mark.parametrize("box7, ira, says", [
    ("4", True, "death benefits"), ("G4", False, "death benefits"), ("4G", False, "death benefits"),
    ("48", True, "death benefits"), ("D", True, "annuity"), ("7D", True, "annuity"), ("A7", False, "10-year"),
    ("B", False, "designated Roth account"), ("S", True, "SIMPLE"), ("L", False, "loans"),
    ("5", True, "prohibited"), ("K", True, "fair market value"), ("7", False, "employer plan"),
    ("2", False, "employer plan"), ("8", False, "employer plan"), ("J", True, "Roth IRAs"),
    ("Y", True, "code Y"), ("QY", False, "code Y"), ("12", True, "combination"), ("Z", True, "not a distribution code"),
    ("", True, "box 7 is empty"), ("777", True, "repeats"),
])
def test_codes_the_tool_refuses_say_why(box7, ira, says):
    reading = read(box7, ira)
    assert reading.treatment is None and says in reading.problem


# ---- IRA codes 1, 2, 3, 7 -----------------------------------------------------------------


def test_code_2_backdoor_is_a_conversion():
    doc = form_1099r(payer="Brokerage IRA", box1=7000, box2a=7000, box2b_not_determined=True, box7="2",
                     ira_sep_simple=True, date="2025-01-13", converted=7000)
    (form,) = same_lines(BACKDOOR + doc + year_end(),
                         BACKDOOR + '[[conversion]]\nwho = "you"\ndate = 2025-01-13\namount = 7000\n' + year_end())
    assert form.value("16") == 7000 and form.value("18") == 0
    (line,) = [n for n in form.notes if n.code == "form1040_line4"]
    assert "line 4a: 7,000" in line.message and "line 4b: 0" in line.message
    assert "box 2a shows 7,000, 7,000 more than line 4b" in line.message
    assert "[[form_1099r]] #1 (you, 2025) Brokerage IRA" in line.message
    # The lines name the document they came from.
    assert [words(x) for x in form.lines["8"].sources] == [
        "[[form_1099r]] #1 (you, 2025) Brokerage IRA -> [[conversion]]: 7,000.00"]
    (source,) = form.lines["8"].sources  # a value: the event, and the document it stands for
    assert (source.kind, source.amount, source.document.kind, source.document.positions) == (
        "conversion", 7000, "form_1099r", (1,))


def test_code_7_split_conversion_distribution_rollover_and_qcd():
    doc = form_1099r(box1=50000, box2a=50000, box7="7", ira_sep_simple=True, date="2025-05-01",
                     converted=20000, rolled_over=10000, qcd=5000)
    by_hand = ('[[conversion]]\nwho = "you"\ndate = 2025-05-01\namount = 20000\n'
               '[[distribution]]\nwho = "you"\ndate = 2025-05-01\nfrom = "traditional"\namount = 30000\n'
               'rolled_over = 10000\nqcd = 5000\n')
    extra = '[[opening]]\nwho = "you"\nyear = 2024\ntraditional_basis = 10000\n' + year_end(70000)
    (form,) = same_lines(extra + doc, extra + by_hand, ELDER)  # a QCD at 70 1/2 or older
    # line 7 = 30,000 - 10,000 - 5,000 = 15,000; line 8 = 20,000; line 9 = 70,000 + 15,000 + 20,000 = 105,000
    # line 10 = 10,000 / 105,000 = 0.09524; line 11 = 1,905; line 12 = 1,429 (15,000 x 0.09524 = 1,428.6)
    assert (form.value("7"), form.value("8"), form.value("9")) == (15000, 20000, 105000)
    assert str(form.value("10")) == "0.09524"
    assert (form.value("11"), form.value("12"), form.value("15c"), form.value("18")) == (1905, 1429, 13571, 18095)
    (line,) = [n for n in form.notes if n.code == "form1040_line4"]
    # 4b = 15c 13,571 + 18 18,095 = 31,666; box 2a 50,000 is 18,334 more.
    assert "line 4a: 50,000" in line.message and "line 4b: 31,666" in line.message
    assert "18,334 more than line 4b" in line.message and 'Write "Rollover and QCD" next to line 4b' in line.message


@pytest.mark.parametrize("code", ["1", "3"])
def test_codes_1_and_3_are_traditional_distributions(code):
    doc = form_1099r(box1=4000, box2a=4000, box7=code, ira_sep_simple=True, date="2025-03-01", converted=0)
    (form,) = same_lines(BACKDOOR + doc + year_end(36000), BACKDOOR + '[[distribution]]\nwho = "you"\n'
                         'date = 2025-03-01\nfrom = "traditional"\namount = 4000\n' + year_end(36000))
    # line 10 = 7,000 / (36,000 + 4,000) = 0.175; line 12 = 700; 15c = 3,300
    assert (form.value("7"), form.value("12"), form.value("15c")) == (4000, 700, 3300)


def test_code_7y_needs_the_qcd_part():
    doc = form_1099r(box1=6000, box2a=6000, box7="7Y", ira_sep_simple=True, converted=0)
    assert any("code Y" in p and "field `qcd`" in p for p in problems(doc + year_end(), OLD))
    ok = form_1099r(box1=6000, box2a=6000, box7="7Y", ira_sep_simple=True, converted=0, qcd=6000)
    (dist,) = events(ok + year_end(), OLD)["distribution"]
    assert dist.qcd == 6000 and dist.net == 0


def test_code_2_without_converted_asks_what_became_of_the_money():
    doc = form_1099r(payer="Brokerage IRA", box1=7000, box2a=7000, box7="2", ira_sep_simple=True)
    (message,) = problems(BACKDOOR + doc + year_end())
    assert message.startswith("test.toml: [[form_1099r]] #1 (you, 2025) Brokerage IRA, field `converted`: ")
    assert "what became of the money?" in message and "`rolled_over`" in message and "`qcd`" in message


def test_parts_larger_than_box_1_and_answers_that_dont_apply():
    too_much = form_1099r(box1=1000, box7="7", ira_sep_simple=True, converted=800, rolled_over=300)
    assert any("converted + rolled_over + qcd (1,100.00) is more than box 1 (1,000.00)" in p
               for p in problems(too_much, OLD))
    stray = form_1099r(box1=1000, box7="7", ira_sep_simple=True, converted=0, to="roth", amount=5)
    found = problems(stray, OLD)
    assert any("field `to`: `to` does not apply to box 7 code \"7\"" in p for p in found)
    assert any("field `amount`" in p for p in found)


def test_code_1_at_59_and_a_half_is_a_changed_72t_series_not_supported():
    doc = form_1099r(box1=1000, box2a=1000, box7="1", ira_sep_simple=True, converted=0)
    (message,) = problems(doc + year_end(), OLD)
    assert "not supported: code 1 at 59 1/2 or older" in message and "72(t)" in message and "field `box7`" in message


def test_without_date_events_fall_on_december_31():
    doc = form_1099r(box1=3000, box7="7", ira_sep_simple=True, converted=3000)
    (conv,) = events(doc, OLD)["conversion"]
    assert conv.date == dt.date(2025, 12, 31)


def test_without_date_code_j_keeps_the_person_under_59_and_a_half():
    """Tomas reaches 59 1/2 on 2025-10-20; a code-J distribution without a date falls on the day
    before (the code says under 59 1/2), not on December 31."""
    roth = '[[contribution]]\nwho = "you"\ndate = 2019-03-01\nto = "roth"\namount = 6000\n'
    (dist,) = events(roth + form_1099r(box1=8000, box7="J"), TURNING)["distribution"]
    assert dist.date == dt.date(2025, 10, 19)
    form = result(roth + form_1099r(box1=8000, box7="J"), TURNING).forms[-1]
    # 5-year period met (2019 + 5 = 2024), but under 59 1/2: nonqualified; 8,000 - 6,000 basis = 2,000 earnings
    assert form.value("19") == 8000 and form.value("25c") == 2000
    assert not [n for n in form.notes if n.code == "roth_code_disagrees"]
    # The same form with code T (an exception applies) falls on December 31: qualified, no Part III.
    form = result(roth + form_1099r(box1=8000, box7="T"), TURNING).forms[-1]
    assert "19" not in form.lines


# ---- Roth IRA codes J, T, Q ---------------------------------------------------------------

ROTH_2021 = '[[contribution]]\nwho = "you"\ndate = 2021-02-01\nto = "roth"\namount = 6000\n'


def test_code_j_is_a_roth_distribution_decided_by_the_ledger():
    doc = form_1099r(box1=9000, box2a=3000, box7="J", date="2025-06-01")
    by_hand = '[[distribution]]\nwho = "you"\ndate = 2025-06-01\nfrom = "roth"\namount = 9000\n'
    forms = same_lines(ROTH_2021 + doc, ROTH_2021 + by_hand)
    assert (forms[-1].value("19"), forms[-1].value("22"), forms[-1].value("25c")) == (9000, 6000, 3000)
    (line,) = [n for n in forms[-1].notes if n.code == "form1040_line4"]
    assert "line 4a: 9,000" in line.message and "line 4b: 3,000 (Form 8606 line 25c 3,000)" in line.message
    assert "box 2a shows 3,000, the same" in line.message


def test_code_q_is_qualified_when_the_ledger_agrees():
    doc = form_1099r(box1=9000, box2a=0, box7="Q", date="2026-06-01", year=2026)
    forms = result(ROTH_2021.replace("2021-02-01", "2020-02-01") + doc, OLD).forms
    assert "19" not in forms[-1].lines
    assert not [n for n in forms[-1].notes if n.code == "roth_code_disagrees"]


def test_code_q_the_ledger_disagrees_warning_not_error():
    """Code Q, but the ledger's first Roth year is 2021: the 5-year period ends only after 2025."""
    doc = form_1099r(payer="Roth IRA", box1=9000, box2a=0, box7="Q", date="2025-06-01")
    form = result(ROTH_2021 + doc, OLD).forms[-1]
    (warning,) = [n for n in form.notes if n.code == "roth_code_disagrees"]
    assert warning.level == "warning"
    assert "[[form_1099r]] #1 (you, 2025) Roth IRA: the payer coded it Q" in warning.message
    assert "5-year period that began January 1, 2021" in warning.message and "first_roth_year" in warning.message
    assert form.value("19") == 9000  # the ledger decides: nonqualified


def test_code_j_after_59_and_a_half_warns():
    doc = form_1099r(box1=2000, box2a=0, box7="J", date="2025-06-01")
    form = result(ROTH_2021 + doc, OLD).forms[-1]
    (warning,) = [n for n in form.notes if n.code == "roth_code_disagrees"]
    assert "coded it J" in warning.message and "59 1/2 on 2019-07-10" in warning.message


def test_code_t_under_59_and_a_half_without_reason_warns_and_reason_silences():
    doc = form_1099r(box1=2000, box2a=0, box7="T", date="2025-06-01")
    form = result(ROTH_2021 + doc).forms[-1]
    assert [n.code for n in form.notes if n.code == "roth_code_disagrees"] == ["roth_code_disagrees"]
    doc = form_1099r(box1=2000, box2a=0, box7="T", date="2026-06-01", year=2026, reason="disability")
    form = result(ROTH_2021 + doc).forms[-1]
    assert not [n for n in form.notes if n.code == "roth_code_disagrees"] and "19" not in form.lines


def test_roth_distribution_without_birth_date_names_the_document():
    doc = form_1099r(payer="Roth IRA", box1=2000, box7="J", date="2025-06-01")
    header = 'version = 1\n[people.you]\nname = "No Age"\n'
    (message,) = problems(ROTH_2021 + doc, header)
    assert "[[form_1099r]] #1 (you, 2025) Roth IRA -> [[distribution]]" in message and "birth_date" in message


# ---- plan rollovers, codes G and H --------------------------------------------------------


def test_code_g_mega_backdoor_to_roth():
    doc = form_1099r(payer="401(k)", box1=30412.50, box2a=412.50, box5=30000, box7="G", to="roth",
                     date="2025-12-01")
    by_hand = ('[[plan_rollover]]\nwho = "you"\ndate = 2025-12-01\nto = "roth"\nafter_tax = 30000\n'
               'taxable = 412.50\n')
    forms = same_lines(doc, by_hand)
    assert forms[0].roth_basis.conversions[0].amount == Decimal("30413")
    (line,) = [n for n in forms[0].notes if n.code == "form1040_line4"]
    assert "line 5a: 30,413 and line 5b: 413" in line.message and "line 4a" not in line.message


def test_code_g_after_tax_into_traditional_is_basis():
    doc = form_1099r(box1=50000, box2a=0, box5=8000, box7="G", to="traditional", date="2025-04-01")
    by_hand = ('[[plan_rollover]]\nwho = "you"\ndate = 2025-04-01\nto = "traditional"\nafter_tax = 8000\n'
               'taxable = 42000\n')
    conv = '[[conversion]]\nwho = "you"\ndate = 2025-05-01\namount = 8000\n' + year_end(42500)
    (form,) = same_lines(doc + conv, by_hand + conv)
    assert form.value("2") == 8000


def test_code_g_needs_to_and_a_split_is_refused():
    assert any("field `to`" in p and "which kind of IRA" in p for p in problems(form_1099r(box1=100, box7="G")))
    split = form_1099r(box1=10000, box2a=0, box5=9000, box7="G", to="roth")
    assert any("split" in p and "field `box2a`" in p for p in problems(split))


def test_code_g_from_an_ira_is_a_rollover_into_a_plan():
    doc = form_1099r(box1=80000, box2a=0, box7="G", ira_sep_simple=True, date="2025-11-01")
    (dist,) = events(doc)["distribution"]
    assert (dist.from_, dist.amount, dist.rolled_over, dist.net) == ("traditional", 80000, 80000, 0)


def test_code_h_designated_roth_basis():
    # Box 11 (2022): the plan's 5-year period is not over in 2025, so only box 5 is basis
    # (tests/test_designated_roth.py has the rule).
    doc = form_1099r(box1=25000, box2a=0, box5=18000, box7="H", box11=2022, date="2025-03-01")
    forms = same_lines(doc, '[[plan_rollover]]\nwho = "you"\ndate = 2025-03-01\nto = "roth"\n'
                            'designated_roth_basis = 18000\ndesignated_roth_earnings = 7000\n'
                            'designated_roth_first_year = 2022\n')
    assert forms[0].roth_basis.contributions == 18000
    assert any("field `to`" in p for p in problems(form_1099r(box1=1, box5=1, box7="H", to="traditional")))


# ---- recharacterizations, codes N and R ---------------------------------------------------

ROTH_CONTRIBUTION_2025 = '[[contribution]]\nwho = "you"\ndate = 2025-03-01\nto = "roth"\namount = 7000\n'


def test_code_n_recharacterization_in_the_same_year():
    doc = form_1099r(box1=7150, box2a=0, box7="N", to="traditional", amount=7000, date="2025-09-01")
    by_hand = ('[[recharacterization]]\nwho = "you"\ndate = 2025-09-01\nfor_year = 2025\nfrom = "roth"\n'
               'amount = 7000\nmoved = 7150\n')
    (form,) = same_lines(ROTH_CONTRIBUTION_2025 + doc + year_end(7150),
                         ROTH_CONTRIBUTION_2025 + by_hand + year_end(7150))
    assert form.value("1") == 7000
    (line,) = [n for n in form.notes if n.code == "form1040_line4"]
    assert "line 4a: 7,150" in line.message and "statement" in line.message


def test_code_r_recharacterization_of_last_years_contribution():
    doc = form_1099r(year=2026, box1=7150, box2a=0, box7="R", to="traditional", amount=7000, date="2026-02-01")
    (rech,) = events(ROTH_CONTRIBUTION_2025 + doc + year_end(0))["recharacterization"]
    assert (rech.for_year, rech.from_, rech.amount, rech.moved) == (2025, "roth", 7000, 7150)
    (form,) = result(ROTH_CONTRIBUTION_2025 + doc + year_end(0)).forms
    (line,) = [n for n in form.notes if n.code == "form1040_line4"]
    assert "neither return's line 4a" in line.message


def test_recharacterization_asks_for_to_and_amount_and_refuses_a_wrong_year():
    found = problems(ROTH_CONTRIBUTION_2025 + form_1099r(box1=7150, box7="N"))
    assert any("field `to`" in p for p in found) and any("field `amount`" in p and "without its earnings" in p
                                                         for p in found)
    wrong = form_1099r(box1=7150, box7="R", to="traditional", amount=7000, for_year=2025)
    assert any("code R means a contribution for 2024, not 2025" in p for p in problems(ROTH_CONTRIBUTION_2025 + wrong))


def test_recharacterization_with_nothing_to_correct_names_the_document():
    doc = form_1099r(payer="Roth IRA", box1=7150, box7="N", to="traditional", amount=7000)
    (message,) = problems(doc)
    assert message.startswith("test.toml: [[form_1099r]] #1 (you, 2025) Roth IRA -> [[recharacterization]]")
    assert "field `amount`" in message and "[[contribution]]" in message


# ---- returned contributions, codes 8 and P ------------------------------------------------

TRAD_2025 = '[[contribution]]\nwho = "you"\ndate = 2025-03-01\nto = "traditional"\namount = 7000\n'


def test_code_8_returned_contribution_box_2a_is_the_earnings():
    doc = form_1099r(box1=2041.10, box2a=41.10, box7="81", ira_sep_simple=True, date="2025-11-01")
    by_hand = ('[[returned_contribution]]\nwho = "you"\ndate = 2025-11-01\nfor_year = 2025\nfrom = "traditional"\n'
               'amount = 2000\nearnings = 41.10\n')
    (form,) = same_lines(TRAD_2025 + doc, TRAD_2025 + by_hand)
    assert form.value("1") == 5000
    (line,) = [n for n in form.notes if n.code == "form1040_line4"]
    assert "line 4a: 2,041" in line.message and "line 4b: 41" in line.message


def test_code_p_returns_last_years_contribution_on_last_years_return():
    doc = form_1099r(year=2026, box1=2000, box2a=0, box7="P", ira_sep_simple=True)
    (ret,) = events(TRAD_2025 + doc)["returned_contribution"]
    assert (ret.for_year, ret.from_, ret.amount, ret.earnings) == (2025, "traditional", 2000, 0)
    (form,) = result(TRAD_2025 + doc).forms
    assert form.year == 2025 and form.value("1") == 5000
    (line,) = [n for n in form.notes if n.code == "form1040_line4"]
    assert "line 4a: 2,000" in line.message


def test_code_j8_returns_a_roth_contribution_and_box_2a_is_required():
    doc = form_1099r(box1=1010, box2a=10, box7="J8")
    (ret,) = events(ROTH_CONTRIBUTION_2025 + doc)["returned_contribution"]
    assert (ret.from_, ret.amount, ret.earnings, ret.for_year) == ("roth", 1000, 10, 2025)
    assert any("field `box2a`" in p and "earnings" in p
               for p in problems(ROTH_CONTRIBUTION_2025 + form_1099r(box1=1010, box7="J8")))


def test_code_8_for_year_may_be_the_year_before():
    """A contribution for 2024 made in March 2025 and returned in 2025 carries code 8."""
    contribution = ('[[contribution]]\nwho = "you"\ndate = 2025-03-01\nfor_year = 2024\nto = "traditional"\n'
                    'amount = 7000\n')
    doc = form_1099r(box1=1000, box2a=0, box7="8", ira_sep_simple=True, for_year=2024)
    (ret,) = events(contribution + doc)["returned_contribution"]
    assert ret.for_year == 2024


# ---- unsupported codes and bad documents ---------------------------------------------------


@pytest.mark.parametrize("box7, ira", [("4", True), ("G4", False), ("D", True), ("B", False), ("7", False)])
def test_unsupported_codes_are_errors_naming_the_document(box7, ira):
    doc = form_1099r(payer="Some Payer", box1=1000, box7=box7, ira_sep_simple=ira)
    (message,) = problems(doc)
    assert message.startswith("test.toml: [[form_1099r]] #1 (you, 2025) Some Payer, field `")
    assert "not supported" in message


def test_every_document_error_is_reported_at_once():
    body = (form_1099r(box1=1000, box7="2", ira_sep_simple=True)
            + form_1099r(box1=1000, box7="4", ira_sep_simple=True)
            + '[[form_5498]]\nwho = "you"\nyear = 2025\nkind = "traditional"\nbox10 = 100\n')
    found = problems(body)
    assert len(found) == 3
    assert any("#1" in p and "converted" in p for p in found) and any("#2" in p and "death" in p for p in found)
    assert any("[[form_5498]] #1" in p and "field `box10`" in p for p in found)


def test_documents_of_an_unsupported_year():
    doc = form_1099r(year=2017, box1=1000, box7="7", ira_sep_simple=True, converted=1000)
    (message,) = problems(doc, OLD)
    assert "[[form_1099r]] #1 (you, 2017) -> [[conversion]]" in message and "2017 is not supported" in message


def test_a_ledger_without_documents_is_left_alone():
    ledger = ledger_of(BACKDOOR + year_end())
    assert expand(ledger)[0] is ledger
