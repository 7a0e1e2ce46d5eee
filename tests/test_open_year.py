"""The open year (issue 12): in February-April a household prepares last year's return after
this year's backdoor is done. Every year that can be computed is computed; a year that can't
(no December 31 value yet, or a tax year form8606 has no rules for yet) is reported once with
what is missing, and never blocks an earlier year."""

from __future__ import annotations

from tests.helpers import HEADER, SPOUSE, as_json, run

BACKDOOR = """
[[contribution]]
who = "{who}"
date = {year}-01-10
to = "traditional"
amount = 7000
[[conversion]]
who = "{who}"
date = {year}-01-17
amount = 7000
"""
CLOSED = BACKDOOR.format(who="you", year=2025) + '[[year_end]]\nwho = "you"\nyear = 2025\ntraditional = 0\n'
OPEN_2026 = HEADER + CLOSED + BACKDOOR.format(who="you", year=2026)  # no December 31, 2026 value yet


def test_year_of_the_return_is_computed_while_the_next_is_open(tmp_path):
    result = run("compute", "LEDGER", "--year", "2025", "--format", "json", text=OPEN_2026, tmp_path=tmp_path)
    assert result.exit_code == 0, result.output
    (form,) = as_json(result)["forms"]
    assert (form["year"], form["lines"]["1"], form["lines"]["18"]) == (2025, 7000, 0)
    assert "open_years" not in as_json(result)  # 2026 was not asked for: not computed at all


def test_without_year_the_open_year_is_listed_with_what_is_missing(tmp_path):
    result = run("compute", "LEDGER", "--format", "json", text=OPEN_2026, tmp_path=tmp_path)
    assert result.exit_code == 0, result.output
    data = as_json(result)
    assert [f["year"] for f in data["forms"]] == [2025]
    (open_year,) = data["open_years"]
    assert (open_year["person"], open_year["year"]) == ("you", 2026)
    assert "December 31, 2026" in open_year["missing"] and "[[year_end]]" in open_year["missing"]
    table = run("compute", "LEDGER", text=OPEN_2026, tmp_path=tmp_path)
    assert table.exit_code == 0
    assert table.stderr.count("not computable yet") == 1  # reported once
    assert "note: you 2026 is not computable yet: Form 8606 line 6 needs" in table.stderr


def test_asking_for_the_open_year_says_what_is_missing(tmp_path):
    result = run("compute", "LEDGER", "--year", "2026", text=OPEN_2026, tmp_path=tmp_path)
    assert result.exit_code == 2
    assert "you 2026 is not computable yet" in result.stderr and "Traceback" not in result.output


def test_fill_and_explain_of_the_closed_year(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    filled = run("fill", "LEDGER", "--year", "2025", "-o", out, text=OPEN_2026, tmp_path=tmp_path)
    assert filled.exit_code == 0, filled.output
    assert sorted(p.suffix for p in out.iterdir()) == [".html", ".pdf"]
    explained = run("explain", "LEDGER", "--year", "2025", "--format", "md", text=OPEN_2026, tmp_path=tmp_path)
    assert explained.exit_code == 0 and "2025" in explained.stdout


def test_a_later_problem_does_not_block_an_earlier_year(tmp_path):
    """--year Y computes only up to Y: a 2026 Roth distribution the ledger can't classify yet
    (no birth date) is not looked at for 2025."""
    later = OPEN_2026 + ('[[year_end]]\nwho = "you"\nyear = 2026\ntraditional = 0\n'
                         '[[distribution]]\nwho = "you"\ndate = 2026-06-01\nfrom = "roth"\namount = 20000\n')
    assert run("compute", "LEDGER", "--year", "2026", text=later, tmp_path=tmp_path).exit_code == 2
    assert run("compute", "LEDGER", "--year", "2025", text=later, tmp_path=tmp_path).exit_code == 0


def test_next_tax_year_without_rules_is_open(tmp_path):
    """Events of the year after the supported ones are recorded as they happen; that year is
    open until form8606 has its rules."""
    ledger = HEADER + CLOSED + BACKDOOR.format(who="you", year=2027)
    data = as_json(run("compute", "LEDGER", "--format", "json", text=ledger, tmp_path=tmp_path))
    assert [f["year"] for f in data["forms"]] == [2025]
    assert data["open_years"] == [{"person": "you", "year": 2027, "missing":
                                   "form8606 has no rules for tax year 2027 yet (it supports 2018-2026)"}]
    far = HEADER + CLOSED + BACKDOOR.format(who="you", year=2028)
    refused = run("compute", "LEDGER", text=far, tmp_path=tmp_path)
    assert refused.exit_code == 2 and "tax year 2028 is not supported" in refused.stderr


def test_one_persons_open_year_never_blocks_the_other(tmp_path):
    ledger = HEADER + SPOUSE + CLOSED + BACKDOOR.format(who="spouse", year=2025)  # spouse: no year-end value
    data = as_json(run("compute", "LEDGER", "--format", "json", text=ledger, tmp_path=tmp_path))
    assert [(f["person"], f["year"]) for f in data["forms"]] == [("you", 2025)]
    assert [(o["person"], o["year"]) for o in data["open_years"]] == [("spouse", 2025)]


def test_an_assertion_of_an_open_year_waits(tmp_path):
    ledger = OPEN_2026 + '[[assert]]\nwho = "you"\nyear = 2026\nline = "18"\namount = 0\n'
    assert run("compute", "LEDGER", text=ledger, tmp_path=tmp_path).exit_code == 0
