"""The compute command through click's runner: output shapes, exit codes, stderr."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from form8606.cli import main

ROOT = Path(__file__).resolve().parent.parent
PRORATA = str(ROOT / "fixtures" / "backdoor-prorata.toml")
COUPLE = str(ROOT / "fixtures" / "married-couple.toml")


def run(*args: str, text: str | None = None, tmp_path: Path | None = None):
    if text is not None:
        path = tmp_path / "ledger.toml"
        path.write_text(text)
        args = tuple(str(path) if a == "LEDGER" else a for a in args)
    return CliRunner().invoke(main, list(args))


def as_json(result) -> dict:
    return json.loads(result.stdout, parse_float=Decimal)


def test_json_shape_and_values():
    result = run("compute", PRORATA, "--format", "json")
    assert result.exit_code == 0, result.output
    (form,) = as_json(result)["forms"]
    assert (form["person"], form["year"], form["required"]) == ("you", 2025, True)
    assert form["lines"]["18"] == 6300 and form["lines"]["14"] == 6300
    assert '"10": 0.10000' in result.stdout  # line 10 keeps its decimal places
    assert [w["code"] for w in form["warnings"]] == ["pro_rata_taxable"]


def test_table_has_labels_and_values():
    result = run("compute", PRORATA)
    assert result.exit_code == 0
    assert "Form 8606 for 2025" in result.stdout
    assert "Taxable conversion (Form 1040 line 4b)" in result.stdout and "6,300" in result.stdout
    assert all(len(line) <= 80 for line in result.stdout.splitlines())


def test_filters_by_year_and_person():
    both = as_json(run("compute", COUPLE, "--format", "json"))["forms"]
    assert {f["person"] for f in both} == {"you", "spouse"}
    only = as_json(run("compute", COUPLE, "--format", "json", "--person", "spouse", "--year", "2024"))["forms"]
    assert [(f["person"], f["year"]) for f in only] == [("spouse", 2024)]


def test_cents_keeps_cents(tmp_path):
    text = ('version = 1\n[people.you]\nname = "A"\n[[contribution]]\nwho = "you"\ndate = 2025-01-02\n'
            'to = "traditional"\namount = 7000\n[[conversion]]\nwho = "you"\ndate = 2025-01-09\n'
            'amount = 7000.62\n[[year_end]]\nwho = "you"\nyear = 2025\ntraditional = 0\n')
    whole = as_json(run("compute", "LEDGER", "--format", "json", text=text, tmp_path=tmp_path))["forms"][0]
    assert whole["lines"]["16"] == 7001 and whole["lines"]["18"] == 1
    cents = as_json(run("compute", "LEDGER", "--format", "json", "--cents", text=text, tmp_path=tmp_path))
    lines = cents["forms"][0]["lines"]
    # line 10 = 7,000 / 7,000.62 = 0.99991; line 11 = 7,000.62 x 0.99991 = 6,999.99 (cents kept)
    assert lines["16"] == Decimal("7000.62") and lines["17"] == Decimal("6999.99")
    assert lines["18"] == Decimal("0.63") and lines["14"] == Decimal("0.01")


def test_bad_input_exit_2_no_traceback(tmp_path):
    result = run("compute", "LEDGER", text='version = 1\n[people.you]\nname = "A"\n[[conversion]]\nwho = "you"\n'
                 'date = 2025-01-09\nammount = 1\n', tmp_path=tmp_path)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "error: ledger.toml: [[conversion]] #1 (you, 2025-01-09), field `ammount`: unknown field" in result.stderr


def test_missing_file_and_unsupported_year(tmp_path):
    result = run("compute", str(tmp_path / "nope.toml"))
    assert result.exit_code == 2 and "no such file" in result.stderr
    result = run("compute", PRORATA, "--year", "2017")
    assert result.exit_code == 2 and "tax year 2017 is not supported" in result.stderr


def test_assert_mismatch_exits_1_with_both_values(tmp_path):
    text = Path(PRORATA).read_text() + '\n[[assert]]\nwho = "you"\nyear = 2025\nline = "14"\namount = 7000\n'
    result = run("compute", "LEDGER", text=text, tmp_path=tmp_path)
    assert result.exit_code == 1
    assert ("[[assert]] #1 (you, 2025): line 14: expected 7,000 != computed 6,300 (700 too little)"
            in result.stderr)
    ok = Path(PRORATA).read_text() + '\n[[assert]]\nwho = "you"\nyear = 2025\nline = "18"\namount = 6300\n'
    assert run("compute", "LEDGER", text=ok, tmp_path=tmp_path).exit_code == 0


def test_year_without_form_says_so():
    result = run("compute", PRORATA, "--year", "2024")
    assert result.exit_code == 0 and "No Form 8606 in 2024" in result.stdout


@pytest.mark.parametrize("args", [["--help"], ["compute", "--help"]])
def test_help(args):
    result = run(*args)
    assert result.exit_code == 0 and "LEDGER" in result.stdout


def test_python_dash_m(tmp_path):
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "form8606", "compute", PRORATA, "--format", "json"],
                         capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)["forms"][0]["lines"]["18"] == 6300
