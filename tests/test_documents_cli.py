"""`form8606 documents` and `compute` with documents, through click's runner: output, exit codes."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import BACKDOOR, FIXTURES, YOUNG, form_1099r, form_5498, run

TWIN = str(FIXTURES / "recharacterization-documents.toml")


def test_documents_shows_each_translation():
    result = run("documents", TWIN)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "[[form_1099r]] #3 (you, 2024) Roth IRA" in out
    assert 'box 7 "R"' in out and "recharacterized 2023 contribution" in out
    assert "[[returned_contribution]] (you, 2023-12-28)" in out
    assert "ok: box 4 (recharacterizations into traditional IRAs in 2024)" in out
    assert out.rstrip().endswith("every reconciliation passed")
    assert all(len(line) <= 80 for line in out.splitlines())


def test_documents_year_and_person_filters():
    out = run("documents", TWIN, "--year", "2024").stdout
    assert "(you, 2024)" in out and "(you, 2023)" not in out
    missing = run("documents", TWIN, "--person", "spouse")
    assert missing.exit_code == 2 and "the ledger has no [people.spouse] table" in missing.stderr


def test_documents_check_mode_and_failures_exit_1(tmp_path):
    text = (YOUNG + BACKDOOR + form_1099r(payer="IRA", box1=7000, box7="2", ira_sep_simple=True, converted=7000,
                                          mode="check")
            + form_5498(box1=6000, box5=0))
    result = run("documents", "LEDGER", text=text, tmp_path=tmp_path)
    assert result.exit_code == 1
    assert 'mode "check"' in result.stdout and "DIFFERS: no [[conversion]] of 7,000.00" in result.stdout
    assert "DIFFERS: box 1" in result.stdout
    assert "reconciliation failed: ledger.toml: [[form_1099r]] #1 (you, 2025) IRA: no [[conversion]]" in result.stderr
    compute = run("compute", "LEDGER", text=text, tmp_path=tmp_path)
    assert compute.exit_code == 1 and compute.stderr.count("assertion failed: ") == 2


def test_compute_reports_reconciliation_failures_like_assertions(tmp_path):
    text = (YOUNG + BACKDOOR + form_1099r(box1=7000, box7="2", ira_sep_simple=True, converted=7000)
            + form_5498(trustee="IRA", box1=6000, box5=0))
    result = run("compute", "LEDGER", text=text, tmp_path=tmp_path)
    assert result.exit_code == 1
    assert ("assertion failed: ledger.toml: [[form_5498]] #1 (you, 2025) IRA: box 1 (traditional IRA contributions "
            "for 2025): 6,000.00 on the Form 5498 != 7,000.00 in the ledger") in result.stderr
    assert "Form 8606 for 2025" in result.stdout


def test_bad_document_exits_2_naming_document_and_field(tmp_path):
    text = YOUNG + form_1099r(payer="Brokerage IRA", box1=7000, box2a=7000, box7="2", ira_sep_simple=True)
    for command in ("documents", "compute"):
        result = run(command, "LEDGER", text=text, tmp_path=tmp_path)
        assert result.exit_code == 2 and "Traceback" not in result.output
        assert ("error: ledger.toml: [[form_1099r]] #1 (you, 2025) Brokerage IRA, field `converted`: what became of "
                "the money?") in result.stderr


def test_help_lists_documents():
    assert "documents" in run("--help").stdout
    assert run("documents", "--help").exit_code == 0


def test_no_documents(tmp_path):
    result = run("documents", FIXTURES / "backdoor-clean.toml")
    assert result.exit_code == 0 and "No [[form_1099r]] or [[form_5498]]" in result.stdout
    assert Path(TWIN).exists()
