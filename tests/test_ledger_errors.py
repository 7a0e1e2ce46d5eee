"""Bad input gets a clear error naming the entry and field; every error is reported."""

from __future__ import annotations

import pytest

from form8606.errors import Form8606Error
from form8606.pipeline import compute, load_text
from tests.helpers import HEADER, SPOUSE, ledger_of


def problems(text: str) -> list[str]:
    with pytest.raises(Form8606Error) as info:
        load_text(text, source="t.toml")
    return [str(p) for p in info.value.problems]


def test_toml_syntax_error_has_line_and_column():
    (msg,) = problems('version = 1\n[people.you]\nname = "A\n')
    assert msg.startswith("t.toml: TOML syntax error") and "line 3" in msg and "column" in msg


def test_impossible_date_is_a_syntax_error_with_position():
    (msg,) = problems(HEADER + '[[contribution]]\nwho = "you"\ndate = 2025-02-30\nto = "roth"\namount = 1\n')
    assert "Invalid date" in msg and "line 6, column 8" in msg


def test_typo_names_entry_field_and_suggestion():
    (msg,) = problems(HEADER + '[[contribution]]\nwho = "you"\ndate = 2025-02-03\nto = "roth"\nammount = 7000\n')
    assert msg == ("t.toml: [[contribution]] #1 (you, 2025-02-03), field `ammount`: "
                   "unknown field; did you mean `amount`?")


def test_all_errors_reported_not_just_first():
    text = HEADER + """
[[contribution]]
who = "you"
date = 2025-02-03
to = "roth"
amount = -5

[[conversion]]
who = "spouse"
date = 2025-03-01
amount = 100

[[distribution]]
who = "you"
date = 2025-03-01
from = "traditional"
amount = "12x"

[[year_end]]
who = "you"
year = 2025
traditional = 1
bogus = 2
"""
    msgs = problems(text)
    assert len(msgs) == 4
    assert any("[[contribution]] #1 (you, 2025-02-03), field `amount`: -5 is negative" in m for m in msgs)
    assert any("[[conversion]] #1 (spouse, 2025-03-01), field `who`: no [people.spouse] table" in m for m in msgs)
    assert any("[[distribution]] #1 (you, 2025-03-01), field `amount`: \"12x\" is not an amount" in m for m in msgs)
    assert any("[[year_end]] #1 (you, 2025), field `bogus`: unknown field" in m for m in msgs)


def test_unknown_who_value():
    (msg,) = problems(HEADER + '[[conversion]]\nwho = "me"\ndate = 2025-03-01\namount = 1\n')
    assert "field `who`" in msg and "'you' or 'spouse'" in msg


def test_contribution_after_deadline():
    (msg,) = problems(HEADER + '[[contribution]]\nwho = "you"\ndate = 2026-04-16\nfor_year = 2025\n'
                      'to = "traditional"\namount = 7000\n')
    assert "[[contribution]] #1 (you, 2026-04-16), field `date`: made 2026-04-16, after the 2025 deadline of " \
           "2026-04-15" in msg
    assert "contribution_deadlines" in msg


def test_deadline_on_the_day_is_allowed_and_postponement_extends_it():
    body = '[[contribution]]\nwho = "you"\ndate = 2026-04-15\nfor_year = 2025\nto = "traditional"\namount = 7000\n'
    load_text(HEADER + body)
    late = body.replace("2026-04-15", "2026-10-15")
    load_text(HEADER + '[options]\ncontribution_deadlines = { 2025 = 2026-10-15 }\n' + late)


def test_2022_deadline_is_april_18_2023():
    body = '[[contribution]]\nwho = "you"\ndate = 2023-04-18\nfor_year = 2022\nto = "roth"\namount = 6000\n'
    load_text(HEADER + body)
    (msg,) = problems(HEADER + body.replace("2023-04-18", "2023-04-19"))
    assert "2022 deadline of 2023-04-18" in msg


def test_recharacterization_with_nothing_to_recharacterize():
    (msg,) = problems(HEADER + '[[recharacterization]]\nwho = "you"\ndate = 2026-01-17\nfor_year = 2025\n'
                      'from = "roth"\namount = 100\n')
    assert "[[recharacterization]] #1 (you, 2026-01-17), field `amount`" in msg
    assert "none of them to correct" in msg


def test_unsupported_year():
    (msg,) = problems(HEADER + '[[conversion]]\nwho = "you"\ndate = 2017-03-01\namount = 1\n')
    assert "tax year 2017 is not supported; form8606 supports 2018-2026" in msg


def test_missing_year_end_names_what_to_add():
    """The year is open (issue 12): reported with what to add, not an error of the ledger."""
    result = compute(ledger_of("""
        [[contribution]]
        who = "you"
        date = 2025-01-10
        to = "traditional"
        amount = 7000
        [[distribution]]
        who = "you"
        date = 2025-06-01
        from = "traditional"
        amount = 1000
    """))
    assert result.forms == ()
    (open_year,) = result.open_years
    assert (open_year.person, open_year.year) == ("you", 2025)
    assert "[[year_end]]" in open_year.missing and "year = 2025" in open_year.missing


def test_missing_people_and_version():
    msgs = problems("[[conversion]]\nwho = 'you'\ndate = 2025-01-01\namount = 1\n")
    assert any("version = 1" in m for m in msgs)
    assert any("[people.you]" in m for m in msgs)


def test_deducted_more_than_amount_and_parts_too_large():
    msgs = problems(HEADER + """
[[contribution]]
who = "you"
date = 2025-02-03
to = "traditional"
amount = 100
deducted = 200

[[distribution]]
who = "you"
date = 2025-03-01
from = "traditional"
amount = 100
rolled_over = 80
qcd = 30
""")
    assert any("`deducted` (200) is more than `amount` (100)" in m for m in msgs)
    assert any("rolled_over + qcd + hsa_funding (110) is more than `amount` (100)" in m for m in msgs)


def test_bad_ssn_and_ratio_places():
    msgs = problems('version = 1\n[people.you]\nname = "A"\nssn = "12345"\n[options]\nratio_places = 2\n')
    assert any("123-45-6789" in m for m in msgs)
    assert any("[options], field `ratio_places`" in m for m in msgs)


def test_events_before_opening_are_refused():
    (msg,) = problems(HEADER + """
[[opening]]
who = "you"
year = 2022
traditional_basis = 5000
[[conversion]]
who = "you"
date = 2022-03-01
amount = 1
""")
    assert "already describes the years through 2022" in msg


def test_ambiguous_recharacterization_asks_for_contribution_date():
    body = """
[[contribution]]
who = "you"
date = 2025-05-01
to = "roth"
amount = 3000
[[contribution]]
who = "you"
date = 2026-02-01
for_year = 2025
to = "roth"
amount = 3000
[[recharacterization]]
who = "you"
date = 2026-03-01
for_year = 2025
from = "roth"
amount = 3000
"""
    (msg,) = problems(HEADER + body)
    assert "field `contribution_date`" in msg and "both before and after" in msg
    load_text(HEADER + body + "contribution_date = 2026-02-01\n")


def test_both_peoples_missing_year_end_are_reported_together():
    body = """
        [[contribution]]
        who = "{who}"
        date = 2025-01-10
        to = "traditional"
        amount = 7000
        [[conversion]]
        who = "{who}"
        date = 2025-01-17
        amount = 5000
    """
    result = compute(ledger_of(body.format(who="you") + body.format(who="spouse"), HEADER + SPOUSE))
    assert [(o.person, o.year) for o in result.open_years] == [("you", 2025), ("spouse", 2025)]
    assert all("[[year_end]]" in o.missing for o in result.open_years)
