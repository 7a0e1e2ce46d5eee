"""Causes read the expanded events, whatever they came from (issue 13): the same facts typed
as a Form 1099-R or as events get the same likely cause."""

from __future__ import annotations

from tests.helpers import BACKDOOR, ELDER, OLD, as_json, form_1099r, run, year_end

# A QCD of 4,000 out of a 10,000 distribution; 2,000 of basis, so Part I is completed
# (line 7 = 6,000: the QCD stays off line 7, Form 8606 instructions, line 7).
OPENING = '[[opening]]\nwho = "you"\nyear = 2024\ntraditional_basis = 2000\n'
AS_EVENTS = OPENING + ('[[distribution]]\nwho = "you"\ndate = 2025-05-01\nfrom = "traditional"\namount = 10000\n'
                       "qcd = 4000\n") + year_end(50000)
AS_FORM = OPENING + form_1099r(box1=10000, box7="7", ira_sep_simple=True, date="2025-05-01", qcd=4000, converted=0) + year_end(50000)


def their_line7(tmp_path, ledger: str, line7: int) -> dict:
    """Their form: ours, except line 7 keeps the QCD."""
    ours = as_json(run("compute", "LEDGER", "--format", "json", text=ledger, tmp_path=tmp_path))["forms"][0]["lines"]
    csv = tmp_path / "theirs.csv"
    csv.write_text("line,amount\n" + "".join(f"{k},{line7 if k == '7' else v}\n" for k, v in ours.items()))
    result = run("check", "LEDGER", "--against", csv, "--year", "2025", "--format", "json", text=ledger, tmp_path=tmp_path)
    assert result.exit_code == 1, result.output
    (form,) = as_json(result)["forms"]
    return {c["line"]: c for c in form["lines"] if c["status"] != "agrees"}


def test_qcd_left_in_line_7_is_named_for_events_and_for_a_typed_form(tmp_path):
    typed = their_line7(tmp_path, ELDER + AS_FORM, 10000)
    hand = their_line7(tmp_path, ELDER + AS_EVENTS, 10000)
    cause = "their line 7 includes the qualified charitable part (4,000) of "
    assert hand["7"]["causes"] == [cause + "[[distribution]] #1 (you, 2025-05-01): 10,000.00; line 7 leaves it out"]
    assert typed["7"]["causes"] == [cause + "[[form_1099r]] #1 (you, 2025) -> [[distribution]]: 10,000.00; "
                                    "line 7 leaves it out"]


def test_backdoor_without_its_contribution_from_a_typed_form(tmp_path):
    ledger = YOUNG_BACKDOOR = OLD + BACKDOOR + form_1099r(box1=7000, box7="2", ira_sep_simple=True, converted=7000,
                                                          date="2025-01-13") + year_end(0)
    ours = as_json(run("compute", "LEDGER", "--format", "json", text=YOUNG_BACKDOOR, tmp_path=tmp_path))
    lines = ours["forms"][0]["lines"]
    csv = tmp_path / "theirs.csv"
    csv.write_text("line,amount\n" + "".join(f"{k},{0 if k in ('1', '3', '5') else v}\n" for k, v in lines.items()))
    result = run("check", "LEDGER", "--against", csv, "--year", "2025", "--format", "json", text=ledger, tmp_path=tmp_path)
    (form,) = as_json(result)["forms"]
    (line1,) = [c for c in form["lines"] if c["line"] == "1"]
    assert "the backdoor conversion ([[form_1099r]] #1 (you, 2025) -> [[conversion]]: 7,000.00) was entered " \
           "without its nondeductible contribution" in line1["causes"][0]
