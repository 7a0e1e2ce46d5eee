"""Designated Roth rollovers into a Roth IRA (Form 1099-R code H; issue 14): the whole of a
qualified distribution is a regular contribution, of any other only box 5 (Treas. Reg. 1.408A-10,
A-3(a)); box 11 and the age or disability decide, and what decides it is never guessed."""

from __future__ import annotations

import pytest

from form8606.errors import Form8606Error
from form8606.pipeline import compute
from tests.helpers import HEADER, OLD, YOUNG, form_1099r, ledger_of, lines_of

# Born 1966-04-20: 59 1/2 on 2025-10-20, during 2025.
TURNING = 'version = 1\n[people.you]\nname = "Tomas Turning"\nbirth_date = 1966-04-20\n'
# 1.402A-1, A-6 example: "$14,000 ... consisting of $11,000 of investment in the contract and $3,000 of
# income"; here rolled over directly, all of it, on March 1, 2025.
H = dict(box1=14000, box2a=0, box5=11000, box7="H", date="2025-03-01")
# In 2026 all of it is taken out of the Roth IRA, whose own 5-year period began only in 2025 (the
# rollover; Treas. Reg. 1.408A-10, A-4): a nonqualified distribution, on Form 8606 Part III.
LATER = '[[distribution]]\nwho = "you"\ndate = 2026-06-01\nfrom = "roth"\namount = 14000\n'


def forms(body: str, header: str = OLD):
    return compute(ledger_of(body, header)).forms


def refused(body: str, header: str = OLD) -> list[str]:
    with pytest.raises(Form8606Error) as info:
        compute(ledger_of(body, header))
    return [str(p) for p in info.value.problems]


def test_a_qualified_distribution_rolled_over_is_all_regular_contributions():
    # Treas. Reg. 1.408A-10, A-3(a): "the entire amount of any qualified distribution from a designated
    # Roth account that is rolled over into a Roth IRA is treated as a regular contribution to the Roth
    # IRA." Box 11 = 2015: the plan's 5-taxable-year period (IRC 402A(d)(2)(B)) ended in 2019; the owner is
    # over 59 1/2 (born 1960-01-10).
    rollover, later = forms(form_1099r(**H, box11=2015) + LATER)
    assert rollover.roth_basis.contributions == 14000
    assert lines_of(later) == {"19": 14000, "20": 0, "21": 14000, "22": 14000, "23": 0}


def test_a_nonqualified_distribution_rolled_over_brings_only_box_5():
    # A-3(a): "the amount of a rollover contribution that is treated as a regular contribution is the
    # portion ... treated as investment in the contract ..., and the remainder ... is treated as
    # earnings". Box 11 = 2021: the 5-taxable-year period runs through 2025, so not qualified.
    rollover, later = forms(form_1099r(**H, box11=2021) + LATER)
    assert rollover.roth_basis.contributions == 11000
    assert lines_of(later) == {"19": 14000, "20": 0, "21": 14000, "22": 11000, "23": 3000, "24": 0, "25a": 3000,
                               "25b": 0, "25c": 3000}


def test_disability_qualifies_it_at_any_age():
    # IRC 402A(d)(2)(A), 408A(d)(2)(A)(iii): a distribution attributable to disability, after the period.
    (rollover,) = forms(form_1099r(**H, box11=2015, reason="disability"), YOUNG)
    assert rollover.roth_basis.contributions == 14000
    (young,) = forms(form_1099r(**H, box11=2015), YOUNG)  # under 59 1/2, not disabled: not qualified
    assert young.roth_basis.contributions == 11000


def test_a_first_home_does_not_qualify_a_designated_roth_distribution():
    # IRC 402A(d)(2)(A): qualified distribution as in 408A(d)(2)(A) "without regard to clause (iv)".
    (problem,) = refused(form_1099r(**H, box11=2015, reason="first_home"), YOUNG)
    assert "field `reason`" in problem and "402A(d)(2)(A)" in problem


def test_what_decides_it_is_asked_for_never_guessed():
    (problem,) = refused(form_1099r(**H))
    assert "[[form_1099r]] #1 (you, 2025), field `box11`" in problem
    assert "3,000.00 of earnings" in problem and "Treas. Reg. 1.408A-10, A-3(a)" in problem
    (problem,) = refused(form_1099r(**H, box11=2015), HEADER)  # period over, no birth date, no reason
    assert "add birth_date to [people.you]" in problem and 'reason = "disability"' in problem
    undated = {k: v for k, v in H.items() if k != "date"}
    (problem,) = refused(form_1099r(**undated, box11=2015), TURNING)  # 59 1/2 on 2025-10-20
    assert "field `date`" in problem and "59 1/2 came on 2025-10-20, during 2025" in problem
    (before,) = forms(form_1099r(**undated, box11=2015, date="2025-10-19"), TURNING)
    (after,) = forms(form_1099r(**undated, box11=2015, date="2025-10-20"), TURNING)
    assert (before.roth_basis.contributions, after.roth_basis.contributions) == (11000, 14000)


def test_no_question_when_the_answer_changes_nothing():
    # Box 5 = box 1: no earnings, so qualified or not the basis is the same; box 11 is not needed.
    (form,) = forms(form_1099r(**{**H, "box5": 14000}), HEADER)
    assert form.roth_basis.contributions == 14000


def test_box_5_of_zero_still_brings_a_qualified_rollover_whole():
    (form,) = forms(form_1099r(**{**H, "box5": 0}, box11=2015))
    assert form.roth_basis.contributions == 14000
    (form,) = forms(form_1099r(**{**H, "box5": 0}, box11=2021))
    assert form.roth_basis.contributions == 0


BY_HAND = """[[plan_rollover]]
who = "you"
date = 2025-03-01
to = "roth"
designated_roth_basis = 11000
designated_roth_earnings = 3000
"""


def test_a_hand_written_rollover_follows_the_same_rule():
    for first, basis in ((2015, 14000), (2021, 11000)):
        written = forms(BY_HAND + f"designated_roth_first_year = {first}\n" + LATER)
        documented = forms(form_1099r(**H, box11=first) + LATER)
        assert [lines_of(f) for f in written] == [lines_of(f) for f in documented]
        assert written[0].roth_basis.contributions == basis
    (problem,) = refused(BY_HAND)
    assert "[[plan_rollover]] #1 (you, 2025-03-01)" in problem and "field `designated_roth_first_year`" in problem
    assert "Form 1099-R box 11" in problem


def test_the_new_fields_are_checked():
    (problem,) = refused(BY_HAND + "designated_roth_first_year = 2026\n")
    assert "is after the rollover (2025)" in problem
    (problem,) = refused('[[plan_rollover]]\nwho = "you"\ndate = 2025-03-01\nto = "roth"\nafter_tax = 5\n'
                         'reason = "disability"\n')
    assert "go with `designated_roth_basis` or `designated_roth_earnings`" in problem
