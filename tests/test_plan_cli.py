"""`form8606 plan` through click's runner: the documented JSON keys, the table, exit codes."""

from __future__ import annotations

import pytest

from tests.helpers import FIXTURES, as_json, run

COUPLE = str(FIXTURES / "plan-backdoor-couple.toml")
SOLO = str(FIXTURES / "plan-solo-401k.toml")


def test_json_has_the_documented_keys_and_values():
    result = run("plan", COUPLE, "--year", "2026", "--person", "you", "--convert", "7000",
                 "--year-end-value", "63,000", "--format", "json")
    assert result.exit_code == 0, result.output
    (p,) = as_json(result)["plans"]
    assert (p["person"], p["year"]) == ("you", 2026)
    assert {k: p["ira"][k] for k in ("limit", "contributed", "room")} == {"limit": 7500, "contributed": 0, "room": 7500}
    assert {k: p["roth"][k] for k in ("allowed", "max")} == {"allowed": False, "max": 0}
    assert {k: p["deduction"][k] for k in ("max", "covered")} == {"max": 0, "covered": True}
    assert {k: p["excess"][k] for k in ("amount", "excise_tax")} == {"amount": 0, "excise_tax": 0}
    c = p["conversion"]
    assert (c["amount"], c["taxable"], c["ratio"], c["pre_tax_to_move"]) == (7000, 6300, "0.10000", 63000)
    assert p["mega_backdoor"]["room"] == 41500 and all(isinstance(s, str) for s in p["mega_backdoor"]["steps"])
    assert all(set(n) >= {"code", "message"} for n in p["notes"])
    assert '"limit": 7500,' in result.stdout  # whole dollars, exact JSON numbers


def test_conversion_and_mega_backdoor_only_when_asked_or_present():
    plans = as_json(run("plan", COUPLE, "--year", "2026", "--format", "json"))["plans"]
    assert [p["person"] for p in plans] == ["you", "spouse"]
    assert all("conversion" not in p for p in plans)
    assert "mega_backdoor" in plans[0] and "mega_backdoor" not in plans[1]


def test_unknown_figures_are_null_with_a_note(tmp_path):
    path = tmp_path / "l.toml"
    path.write_text('version = 1\n[people.you]\nname = "A"\nbirth_date = 1980-01-01\n'
                    '[[filing]]\nyear = 2026\nstatus = "single"\ncovered = ["you"]\ncompensation = { you = 90000 }\n')
    (p,) = as_json(run("plan", str(path), "--year", "2026", "--format", "json"))["plans"]
    assert p["roth"]["max"] is None and p["roth"]["allowed"] is None and p["deduction"]["max"] is None
    assert p["ira"]["limit"] == 7500
    (note,) = [n for n in p["notes"] if n["code"] == "unknown"]
    assert note["message"].startswith("unknown: add `magi` to [[filing]] for 2026")


def test_table_fits_80_columns_and_states_rules():
    result = run("plan", COUPLE, "--year", "2026", "--convert", "7000")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Alex Rivera (you) - plan for 2026" in out and "Sam Rivera (spouse)" in out
    assert "Maximum Roth IRA Contribution Worksheet" in out and "Publication 590-A" in out
    assert "41,500" in out and "rule:" in out and "source:" in out
    assert all(len(line) <= 80 for line in out.splitlines())


def test_solo_401k_table():
    out = run("plan", SOLO, "--year", "2025").stdout
    assert "employer part allowed (solo 401(k))" in out and "3,250" in out


@pytest.mark.parametrize("args, message", [
    (["--year", "2017"], "tax year 2017 is not supported"),
    (["--year", "2026", "--convert", "abc"], '--convert: "abc" is not an amount'),
    (["--year", "2026", "--convert", "0"], "more than 0"),
    (["--year", "2026", "--convert", "7000", "--year-end-value", "5"], "give --person with --year-end-value"),
    (["--year", "2026", "--year-end-value", "5"], "--year-end-value goes with --convert"),
    (["--year", "2026", "--convert", "1", "--year-end-value", "-5", "--person", "you"], '--year-end-value: "-5" is not an amount'),
])
def test_bad_input_exits_2_with_a_message(args, message):
    result = run("plan", COUPLE, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "Traceback" not in result.output


def test_person_without_a_table_and_missing_year(tmp_path):
    result = run("plan", SOLO, "--year", "2025", "--person", "spouse")
    assert result.exit_code == 2 and "no [people.spouse] table" in result.stderr
    result = run("plan", SOLO)
    assert result.exit_code == 2 and "--year" in result.stderr


def test_help_lists_plan():
    assert "plan" in run("--help").stdout
    assert "--convert" in run("plan", "--help").stdout
