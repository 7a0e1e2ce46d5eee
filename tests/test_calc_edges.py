"""Edge cases of Parts I and II found in review, each hand-checked."""

from __future__ import annotations

from decimal import Decimal

from form8606.pipeline import compute
from form8606.render.sources import failure_text
from tests.helpers import forms_of, ledger_of, lines_of, money_lines, run


def test_recharacterizing_a_next_year_contribution_does_not_touch_line_6():
    # 2025 Roth contribution made 2026-02-03, recharacterized to traditional 2026-03-01 with
    # 4,100 moved: it was never in the December 31 value, so line 6 stays 20,000
    # (Form 8606 instructions, line 6); it is a line-4 contribution.
    (form,) = forms_of("""
        [[contribution]]
        who = "you"
        date = 2026-02-03
        for_year = 2025
        to = "roth"
        amount = 4000
        [[recharacterization]]
        who = "you"
        date = 2026-03-01
        for_year = 2025
        from = "roth"
        amount = 4000
        moved = 4100
        [[distribution]]
        who = "you"
        date = 2025-06-01
        from = "traditional"
        amount = 1000
        [[year_end]]
        who = "you"
        year = 2025
        traditional = 20000
    """)
    # 3 = 4,000; 4 = 4,000; 5 = 0; 6 = 20,000; 9 = 21,000; 10 = 0; 15c = 1,000; 14 = 4,000
    assert lines_of(form) == money_lines(l1=4000, l2=0, l3=4000, l4=4000, l5=0, l6=20000, l7=1000, l8=0,
                                         l9=21000, l10=0, l11=0, l12=0, l13=0, l14=4000, l15a=1000, l15b=0,
                                         l15c=1000)


def test_assert_line_10_with_its_decimals_and_a_negative_line_18():
    body = """
        [[contribution]]
        who = "you"
        date = 2025-01-10
        to = "traditional"
        amount = 7000
        [[conversion]]
        who = "you"
        date = 2025-01-17
        amount = 7000
        [[year_end]]
        who = "you"
        year = 2025
        traditional = 63000
        [[assert]]
        who = "you"
        year = 2025
        line = "10"
        amount = "0.10000"
    """
    assert compute(ledger_of(body)).assertion_failures == ()
    wrong = compute(ledger_of(body.replace('"0.10000"', '"0.100"'))).assertion_failures
    assert wrong == () , "0.100 and 0.10000 are the same figure"
    off = compute(ledger_of(body.replace('"0.10000"', '"0.111"'))).assertion_failures
    assert len(off) == 1 and "line 10: expected 0.111 != computed 0.10000" in failure_text(off[0])
    assert (off[0].line, off[0].expected, off[0].computed) == ("10", Decimal("0.111"), Decimal("0.10000"))


def test_whole_dollars_must_be_a_boolean():
    import pytest

    from form8606.errors import Form8606Error
    from form8606.ledger import load_text

    with pytest.raises(Form8606Error, match="whole_dollars"):
        load_text('version = 1\n[people.you]\nname = "A"\n[options]\nwhole_dollars = "yes"\n')


def test_contributions_over_the_limit_are_warned_with_the_catch_up_by_age():
    body = """
        [[contribution]]
        who = "you"
        date = 2023-03-01
        to = "traditional"
        amount = 4000
        [[contribution]]
        who = "you"
        date = 2024-02-01
        for_year = 2023
        to = "roth"
        amount = 3000
    """
    # 2023 limit 6,500 (Notice 2022-55), 7,500 at 50 or older by December 31.
    (form,) = forms_of(body)
    assert [n.code for n in form.warnings] == ["limit_unknown_age"]
    young = 'version = 1\n[people.you]\nname = "Y"\nbirth_date = 1990-01-01\n'
    (form,) = forms_of(body, young)
    (warning,) = form.warnings
    assert warning.code == "over_limit" and "exceed the 6,500.00 limit" in warning.message and "by 500.00" in warning.message
    fifty = 'version = 1\n[people.you]\nname = "F"\nbirth_date = 1973-12-31\n'  # 50 on December 31, 2023
    (form,) = forms_of(body, fifty)
    assert form.warnings == ()


def test_converting_all_with_only_earlier_basis_skips_part_1():
    # A 2024 contribution made in January 2025, converted with its interest in 2025; no
    # traditional IRA money left on December 31, 2025: Part I is not completed (its heading:
    # "converted part, but not all"), line 17 is the basis (line 2) (instructions, line 17).
    forms = forms_of("""
        [[contribution]]
        who = "you"
        date = 2025-01-06
        for_year = 2024
        to = "traditional"
        amount = 7000
        [[conversion]]
        who = "you"
        date = 2025-01-13
        amount = 7000.50
        [[year_end]]
        who = "you"
        year = 2025
        traditional = 0
    """)
    f2024, f2025 = forms
    assert lines_of(f2024) == money_lines(l1=7000, l2=0, l3=7000, l14=7000)
    assert lines_of(f2025) == money_lines(l16=7001, l17=7000, l18=1)
    assert f2025.required and f2025.basis_end == 0


def test_check_explains_extra_part_1_lines_from_other_software(tmp_path):
    ledger = tmp_path / "l.toml"
    ledger.write_text('version = 1\n[people.you]\nname = "A"\n[[contribution]]\nwho = "you"\ndate = 2025-01-06\n'
                      'for_year = 2024\nto = "traditional"\namount = 7000\n[[conversion]]\nwho = "you"\n'
                      'date = 2025-01-13\namount = 7000\n[[year_end]]\nwho = "you"\nyear = 2025\ntraditional = 0\n')
    theirs = tmp_path / "t.csv"  # as much software fills it: Part I completed anyway
    theirs.write_text("2,7000\n3,7000\n6,0\n8,7000\n9,7000\n10,1.000\n11,7000\n13,7000\n14,0\n16,7000\n17,7000\n18,0\n")
    out = run("check", ledger, "--against", theirs, "--year", 2025)
    assert out.exit_code == 1
    assert "line 2 missing" in out.stdout and "Part I is not to be completed this year" in out.stdout
    assert "line 18" not in out.stdout.split("line 2 missing")[1].split("\n  line ")[0]
