"""Documents against the ledger: every Form 5498 box that is reconciled, Forms 1099-R in mode
"check", the double entry of a form in mode "events", line 6 from Forms 5498."""

from __future__ import annotations

from decimal import Decimal

from form8606.documents import expand
from form8606.pipeline import compute
from form8606.render.sources import failure_text, words
from tests.helpers import (
    BACKDOOR,
    OLD,
    SPOUSE,
    YOUNG,
    form_1099r,
    form_5498,
    ledger_of,
    lines_of,
    year_end,
)

CONVERSION = '[[conversion]]\nwho = "you"\ndate = 2025-01-13\namount = 7000\n'


def failures(body: str, header: str = YOUNG) -> tuple[str, ...]:
    return tuple(failure_text(f) for f in compute(ledger_of(body, header)).assertion_failures)


def test_everything_reconciles():
    body = (BACKDOOR + form_1099r(box1=7000, box7="2", ira_sep_simple=True, converted=7000, date="2025-01-13")
            + form_5498(trustee="IRA", box1=7000, box5=0)
            + form_5498(trustee="Roth", kind="roth", box3=7000, box5=7100))
    assert failures(body) == ()
    _, doc = expand(ledger_of(body, YOUNG))
    assert [(b.box, b.ok) for b in doc.boxes] == [("1", True), ("3", True)]


def test_box_1_mismatch_names_document_box_figures_and_entries():
    (failure,) = failures(BACKDOOR + CONVERSION + form_5498(trustee="Brokerage IRA", box1=6500, box5=0))
    assert failure.startswith("test.toml: [[form_5498]] #1 (you, 2025) Brokerage IRA: box 1 ")
    assert "6,500.00 on the Form 5498 != 7,000.00 in the ledger (500.00 less on the form)" in failure
    assert "[[contribution]] #1 (you, 2025-01-06): 7,000.00" in failure


def test_box_10_mismatch_roth_contributions():
    roth = '[[contribution]]\nwho = "you"\ndate = 2025-02-01\nto = "roth"\namount = 7000\n'
    (failure,) = failures(roth + form_5498(kind="roth", box10=6000, box5=6000))
    assert "box 10 (Roth IRA contributions for 2025): 6,000.00 on the Form 5498 != 7,000.00" in failure
    assert "[[contribution]] #1 (you, 2025-02-01)" in failure


def test_box_3_against_conversions_and_roth_plan_rollovers():
    conv = form_1099r(payer="IRA", box1=7000, box7="2", ira_sep_simple=True, converted=7000)
    mega = form_1099r(payer="401(k)", box1=20500, box2a=500, box5=20000, box7="G", to="roth")
    ok = form_5498(kind="roth", box3=27500, box5=28000)
    assert failures(BACKDOOR + conv + mega + ok + year_end()) == ()
    (failure,) = failures(BACKDOOR + conv + mega + form_5498(kind="roth", box3=7000) + year_end())
    assert "box 3 (conversions and plan rollovers to Roth IRAs in 2025): 7,000.00 on the Form 5498 != 27,500.00" \
           in failure
    assert "[[form_1099r]] #1 (you, 2025) IRA -> [[conversion]]: 7,000.00" in failure
    assert "[[form_1099r]] #2 (you, 2025) 401(k) -> [[plan_rollover]]: 20,500.00" in failure


def test_box_4_against_recharacterizations_received_that_year():
    roth = '[[contribution]]\nwho = "you"\ndate = 2025-02-01\nto = "roth"\namount = 7000\n'
    rech = form_1099r(year=2026, box1=7300, box2a=0, box7="R", to="traditional", amount=7000, date="2026-02-10")
    body = roth + rech + year_end(0)
    assert failures(body + form_5498(year=2026, box4=7300, box5=7300)) == ()
    (failure,) = failures(body + form_5498(year=2026, box4=7000, box5=7300))
    assert "[[form_5498]] #1 (you, 2026): box 4 (recharacterizations into traditional IRAs in 2026)" in failure
    assert "7,000.00 on the Form 5498 != 7,300.00 in the ledger" in failure
    # The 2025 form of the Roth IRA shows the original contribution in box 10 (still reconciled).
    assert failures(body + form_5498(kind="roth", box10=7000) + form_5498(year=2026, box4=7300, box5=7300)) == ()


def test_box_2_rollovers_in_with_an_outstanding_rollover_across_december_31():
    dist = form_1099r(year=2024, box1=20000, box7="7", ira_sep_simple=True, converted=0, rolled_over=20000,
                      outstanding_rollovers=20000, date="2024-12-20")
    forms = (form_5498(year=2024, box5=100000) + form_5498(year=2025, box2=20000, box5=125000))
    body = dist + forms + form_1099r(box1=1000, box7="7", ira_sep_simple=True, converted=0)
    assert failures(body, OLD) == ()
    (failure,) = failures(body.replace("box2 = 20000", "box2 = 0"), OLD)
    assert "box 2 (rollovers into traditional IRAs in 2025)" in failure
    assert "plus 20,000.00 outstanding on December 31, 2024" in failure
    # line 6 of 2024 counts the outstanding rollover (Form 8606 instructions, line 6).
    _, doc = expand(ledger_of(body, OLD))
    (end_2024,) = [y.entry for y in doc.year_ends if y.year == 2024]
    assert (end_2024.traditional, end_2024.outstanding_rollovers) == (100000, 20000)


def test_box_2_roth_with_a_hand_written_designated_roth_rollover_is_not_reconciled():
    roll = '[[plan_rollover]]\nwho = "you"\ndate = 2025-03-01\nto = "roth"\ndesignated_roth_basis = 18000\n'
    assert failures(roll + form_5498(kind="roth", box2=25000, box5=25000)) == ()
    _, doc = expand(ledger_of(roll + form_5498(kind="roth", box2=25000, box5=25000), YOUNG))
    (box,) = doc.boxes
    assert box.expected is None and "not reconciled" in box.text()
    # From the Form 1099-R (code H) box 1 is known, earnings included: reconciled.
    h = form_1099r(box1=25000, box2a=0, box5=18000, box7="H", box11=2022)
    assert failures(h + form_5498(kind="roth", box2=25000, box5=25000)) == ()
    assert len(failures(h + form_5498(kind="roth", box2=18000, box5=25000))) == 1


def test_5498_boxes_of_the_other_kind_of_ira_are_errors(problems_of):
    found = problems_of(form_5498(kind="roth", box1=5) + form_5498(kind="sep", box3=5))
    assert any("[[form_5498]] #1 (you, 2025), field `box1`" in p and "box 10" in p for p in found)
    assert any("[[form_5498]] #2 (you, 2025), field `box3`" in p and 'kind = "roth"' in p for p in found)


# ---- line 6 ---------------------------------------------------------------------------------


def test_line_6_is_the_sum_of_box_5_of_traditional_sep_and_simple_forms():
    body = (BACKDOOR + CONVERSION + form_5498(trustee="A", box1=7000, box5=10000) + form_5498(kind="sep", box5=20000)
            + form_5498(kind="simple", box5=5000) + form_5498(kind="roth", box3=7000, box5=99999))
    (form,) = compute(ledger_of(body, YOUNG)).forms
    assert form.value("6") == 35000
    (note,) = [n for n in form.notes if n.code == "line6_from_5498"]
    assert note.level == "note" and "[[form_5498]] #1, #2, #3 (you, 2025)" in note.message
    assert "Every traditional, SEP and SIMPLE IRA must have its Form 5498" in note.message
    assert [words(x) for x in form.lines["6"].sources] == ["[[form_5498]] #1, #2, #3 (you, 2025): box 5"]


def test_year_end_wins_over_forms_5498():
    body = BACKDOOR + CONVERSION + form_5498(box1=7000, box5=10000) + year_end(0)
    (form,) = compute(ledger_of(body, YOUNG)).forms
    assert form.value("6") == 0 and not [n for n in form.notes if n.code == "line6_from_5498"]


def test_each_spouse_has_their_own_line_6():
    both = YOUNG + SPOUSE
    body = (BACKDOOR + CONVERSION + form_5498(box1=7000, box5=0)
            + '[[contribution]]\nwho = "spouse"\ndate = 2025-01-06\nto = "traditional"\namount = 7000\n'
            + '[[conversion]]\nwho = "spouse"\ndate = 2025-01-13\namount = 7000\n'
            + form_5498(who="spouse", box1=7000, box5=63000))
    you, spouse = compute(ledger_of(body, both)).forms
    assert (you.value("6"), spouse.value("6")) == (0, 63000)


# ---- mode "check" ------------------------------------------------------------------------


def test_mode_check_passes_when_the_entries_are_there():
    doc = form_1099r(box1=7000, box7="2", ira_sep_simple=True, converted=7000, mode="check")
    result = compute(ledger_of(BACKDOOR + CONVERSION + doc + year_end(), YOUNG))
    assert result.assertion_failures == ()
    assert result.forms[0].value("8") == 7000  # counted once, from the entry
    _, exp = expand(ledger_of(BACKDOOR + CONVERSION + doc + year_end(), YOUNG))
    (check,) = exp.checks
    assert check.ok and check.entry == "[[conversion]] #1 (you, 2025-01-13)"


def test_mode_check_fails_when_an_entry_is_missing_or_differs():
    doc = form_1099r(payer="IRA", box1=7000, box7="2", ira_sep_simple=True, converted=7000, mode="check")
    (failure,) = failures(BACKDOOR + doc + year_end())
    assert failure.startswith("test.toml: [[form_1099r]] #1 (you, 2025) IRA: no [[conversion]] of 7,000.00")
    assert "the ledger has none" in failure
    other = CONVERSION.replace("7000", "6000")
    (failure,) = failures(BACKDOOR + other + doc + year_end())
    assert "[[conversion]] #1 (you, 2025-01-13): 6,000.00" in failure
    dist = form_1099r(box1=9000, box7="7", ira_sep_simple=True, converted=0, rolled_over=4000, mode="check")
    entry = '[[distribution]]\nwho = "you"\ndate = 2025-05-01\nfrom = "traditional"\namount = 9000\n'
    (failure,) = failures(dist + entry + year_end(1000), OLD)
    assert "has the amount but not the parts: rolled_over 4,000.00 by the form != 0.00 in the entry" in failure


# ---- double entry ------------------------------------------------------------------------


def test_double_entry_is_counted_once_and_warned_about():
    doc = form_1099r(payer="IRA", box1=7000, box7="2", ira_sep_simple=True, converted=7000)
    result = compute(ledger_of(BACKDOOR + CONVERSION + doc + year_end(), YOUNG))
    alone = compute(ledger_of(BACKDOOR + CONVERSION + year_end(), YOUNG))
    assert lines_of(result.forms[0]) == lines_of(alone.forms[0])
    (note,) = [n for n in result.forms[0].notes if n.code == "double_entry"]
    assert note.level == "warning"
    assert "[[form_1099r]] #1 (you, 2025) IRA and [[conversion]] #1 (you, 2025-01-13)" in note.message
    assert 'mode = "check"' in note.message


def test_two_events_of_different_amounts_are_not_a_double_entry():
    doc = form_1099r(box1=5000, box7="2", ira_sep_simple=True, converted=5000)
    (form,) = compute(ledger_of(BACKDOOR + CONVERSION + doc + year_end(), YOUNG)).forms
    assert form.value("8") == 12000 and not [n for n in form.notes if n.code == "double_entry"]


def test_same_amount_on_different_dates_is_two_conversions():
    """Issue 14: a document and an entry are the same money only when person, kind, amount and
    date (where both have one) agree. Form 8606 line 8 is "the net amount you converted ... in
    [the year]": a second conversion of the same amount from another custodian adds to it."""
    other = form_1099r(payer="Second custodian", box1=7000, box7="2", ira_sep_simple=True, converted=7000,
                       date="2025-03-03")
    (form,) = compute(ledger_of(BACKDOOR + CONVERSION + other + year_end(), YOUNG)).forms
    assert form.value("8") == 14000 and not [n for n in form.notes if n.code == "double_entry"]
    same_day = other.replace("2025-03-03", "2025-01-13")
    (form,) = compute(ledger_of(BACKDOOR + CONVERSION + same_day + year_end(), YOUNG)).forms
    assert form.value("8") == 7000 and [n.code for n in form.notes if n.code == "double_entry"] == ["double_entry"]


def test_mode_check_compares_the_date_when_the_form_has_one():
    doc = form_1099r(payer="IRA", box1=7000, box7="2", ira_sep_simple=True, converted=7000, date="2025-03-03",
                     mode="check")
    (failure,) = failures(BACKDOOR + CONVERSION + doc + year_end())
    assert "no [[conversion]] of 7,000.00 on 2025-03-03 for you in 2025" in failure
    assert "the ledger has [[conversion]] #1 (you, 2025-01-13): 7,000.00" in failure
    assert failures(BACKDOOR + CONVERSION + doc.replace("2025-03-03", "2025-01-13") + year_end()) == ()


def test_failures_are_decimal_exact():
    (failure,) = failures(BACKDOOR + CONVERSION + form_5498(box1=6999.99, box5=0))
    assert "6,999.99 on the Form 5498 != 7,000.00 in the ledger (0.01 less on the form)" in failure
    assert Decimal("0.01")


def test_documents_of_years_the_opening_sums_up_are_not_reconciled():
    opening = '[[opening]]\nwho = "you"\nyear = 2024\ntraditional_basis = 7000\n'
    old = (form_5498(year=2024, box1=7000, box5=7000)
           + form_1099r(year=2024, box1=100, box7="7", ira_sep_simple=True, converted=0, mode="check"))
    body = opening + old + CONVERSION + year_end(0)
    assert failures(body, OLD) == ()
    _, doc = expand(ledger_of(body, OLD))
    (box,) = doc.boxes
    assert box.text() == "not reconciled: the [[opening]] of you sums up the years through 2024"
    (check,) = doc.checks
    assert check.ok and check.skipped == "the [[opening]] of you sums up 2024"


def test_forms_5498_of_unsupported_years_are_shown_not_reconciled():
    body = BACKDOOR + CONVERSION + year_end(0) + form_5498(year=2017, box1=5500, box5=5500)
    assert failures(body) == ()
    _, doc = expand(ledger_of(body, YOUNG))
    (box,) = doc.boxes
    assert box.text() == "not reconciled: form8606 supports tax years 2018-2026"
