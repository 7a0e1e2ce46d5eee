"""`check`: their Form 8606 (filled PDF, flattened return, JSON, CSV) against the ledger."""

from __future__ import annotations

import json
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from form8606.ledger import load_ledger
from form8606.pdf import bounded
from form8606.pdf.fill import Template
from form8606.pipeline import compute
from form8606.render.jsonout import dumps, result_dict
from tests.helpers import FIXTURES, another_fillable_form, run, text_page

HISTORY = FIXTURES / "multi-year-history.toml"
COUPLE = FIXTURES / "married-couple.toml"
PRORATA = FIXTURES / "backdoor-prorata.toml"


def form_of(path: Path, year: int, person: str = "you"):
    return next(f for f in compute(load_ledger(path)).forms if (f.year, f.person) == (year, person))


def json_check(result) -> list[dict]:
    return json.loads(result.stdout, parse_float=Decimal)["forms"]


def test_filled_pdf_with_two_changed_lines_finds_exactly_those_with_causes(tmp_path):
    template = Template.load(2022)
    form = form_of(HISTORY, 2022)
    writer = PdfWriter(clone_from=BytesIO(template.fill(form)))
    fields = template.fmap.fields
    for page in writer.pages:
        writer.update_page_form_field_values(page, {fields["2"]: "12,000", fields["6"]: "148,000"},
                                             auto_regenerate=False)
    theirs = tmp_path / "theirs.pdf"
    writer.write(theirs)
    result = run("check", HISTORY, "--against", theirs, "--format", "json")
    assert result.exit_code == 1, result.output
    (checked,) = json_check(result)
    assert (checked["person"], checked["year"]) == ("you", 2022)
    bad = [line for line in checked["lines"] if line["status"] != "agrees"]
    assert [(b["line"], b["theirs"], b["ours"], b["difference"]) for b in bad] == [
        ("2", 12000, 15500, -3500), ("6", 148000, 163000, -15000)]
    assert "not the 2021 line 14 (15,500)" in bad[0]["causes"][0]
    assert "leaves out the outstanding rollover (15,000" in bad[1]["causes"][0]
    assert len(checked["lines"]) == len(form.lines)


def test_flattened_return_finds_each_persons_pages_and_every_line(tmp_path):
    """A return printed flat by tax software: the 8606 pages among other pages."""
    template = Template.load(2023)
    writer = PdfWriter()
    text_page(writer, ["Form 1040 U.S. Individual Income Tax Return 2023", "Daniel and Grace Okafor"])
    for person in ("spouse", "you"):
        for page in PdfReader(BytesIO(template.fill(form_of(COUPLE, 2023, person), flatten=True))).pages:
            writer.add_page(page)
    text_page(writer, ["Schedule 1 (Form 1040) 2023 Additional Income"])
    theirs = tmp_path / "return.pdf"
    writer.write(theirs)
    result = run("check", COUPLE, "--against", theirs, "--format", "json")
    assert result.exit_code == 0, result.output
    checked = json_check(result)
    assert [(c["person"], c["year"], c["source"]) for c in checked] == [
        ("spouse", 2023, "return.pdf, pages 2-3"), ("you", 2023, "return.pdf, pages 4-5")]
    for c in checked:
        ours = form_of(COUPLE, 2023, c["person"])
        assert {line["line"]: line["theirs"] for line in c["lines"]} == {k: v.value for k, v in ours.lines.items()}


def test_json_input_backdoor_without_its_contribution(tmp_path):
    result = compute(load_ledger(PRORATA))
    data = json.loads(dumps(result_dict(result, list(result.forms))))
    lines = data["forms"][0]["lines"]
    lines.update({"1": 0, "3": 0, "5": 0, "10": 0, "11": 0, "13": 0, "14": 0, "17": 0, "18": 7000})
    theirs = tmp_path / "theirs.json"
    theirs.write_text(json.dumps(data))
    out = run("check", PRORATA, "--against", theirs, "--format", "json")
    assert out.exit_code == 1
    line1 = next(line for line in json_check(out)[0]["lines"] if line["line"] == "1")
    assert line1["status"] == "differs" and "entered without its nondeductible contribution" in line1["causes"][0]
    line18 = next(line for line in json_check(out)[0]["lines"] if line["line"] == "18")
    assert line18["causes"] == ["follows from lines 17"] or "follows from line 17" in line18["causes"][0]


def test_csv_input_line_10_rounded_to_three_places_and_year_needed(tmp_path):
    form = form_of(HISTORY, 2023)
    rows = ["line,amount"] + [f"{k},{v.value}" for k, v in form.lines.items() if k != "10"] + ["10,0.124"]
    theirs = tmp_path / "theirs.csv"
    theirs.write_text("\n".join(rows) + "\n")
    missing_year = run("check", HISTORY, "--against", theirs)
    assert missing_year.exit_code == 2 and "pass --year" in missing_year.stderr
    out = run("check", HISTORY, "--against", theirs, "--year", 2023, "--format", "json")
    # Form 8606 line 10: "rounded to at least 3 places": their 0.124 is ours (0.12394) at 3 places,
    # and lines 11-14 follow from it within rounding: no difference (issue 13).
    assert out.exit_code == 0, out.output
    (check,) = json_check(out)
    assert all(line["status"] == "agrees" for line in check["lines"]) and check["inconsistencies"] == []
    assert any("rounded to 3 places (0.124), ours to 5 (0.12394)" in n for n in check["notes"])


def test_tolerance_accepts_dollar_rounding(tmp_path):
    form = form_of(PRORATA, 2025)
    theirs = tmp_path / "t.csv"
    theirs.write_text("\n".join(f"{k},{v.value + (1 if k == '6' else 0)}" for k, v in form.lines.items()) + "\n")
    assert run("check", PRORATA, "--against", theirs, "--year", 2025).exit_code == 0
    strict = run("check", PRORATA, "--against", theirs, "--year", 2025, "--tolerance", 0)
    assert strict.exit_code == 1 and "line 6 differs" in strict.stdout


@pytest.mark.parametrize("kind", ["wrong form", "encrypted", "truncated", "garbage csv"])
def test_unreadable_inputs_exit_2_with_a_message(kind, tmp_path):
    path = tmp_path / "theirs.pdf"
    data = Template.load(2025).fill(form_of(PRORATA, 2025))
    if kind == "wrong form":
        writer = PdfWriter()
        text_page(writer, ["Form 5329 Additional Taxes on Qualified Plans"])
        writer.write(path)
        expect = "no Form 8606 in it"
    elif kind == "encrypted":
        writer = PdfWriter(clone_from=BytesIO(data))
        writer.encrypt(user_password="secret", owner_password="owner")
        writer.write(path)
        expect = "encrypted"
    elif kind == "truncated":
        path.write_bytes(data[: len(data) // 3])
        expect = "can't be read"
    else:
        path = tmp_path / "theirs.csv"
        path.write_text("1,2,3\n")
        expect = "two columns"
    result = run("check", PRORATA, "--against", path)
    assert result.exit_code == 2, result.output
    assert expect in result.stderr and "Traceback" not in result.output


def test_another_fillable_form_is_not_a_form_8606(tmp_path):
    other = tmp_path / "f5329.pdf"
    other.write_bytes(another_fillable_form())
    result = run("check", PRORATA, "--against", other)
    assert result.exit_code == 2 and "no Form 8606 in it" in result.stderr


def test_reading_is_bounded_in_time(monkeypatch, tmp_path):
    path = tmp_path / "t.pdf"
    path.write_bytes(Template.load(2025).fill(form_of(PRORATA, 2025)))
    monkeypatch.setattr(bounded, "TIMEOUT", 0.001)
    result = run("check", PRORATA, "--against", path)
    assert result.exit_code == 2 and "took longer than" in result.stderr


def test_assert_entries_share_the_engine_and_the_causes(tmp_path):
    text = HISTORY.read_text() + '\n[[assert]]\nwho = "you"\nyear = 2022\nline = "2"\namount = 12000\n'
    path = tmp_path / "h.toml"
    path.write_text(text)
    result = run("compute", path)
    assert result.exit_code == 1
    assert "line 2: expected 12,000 != computed 15,500 (3,500 too much); likely cause: their line 2 (12,000) is " \
           "not the 2021 line 14 (15,500)" in result.stderr


def test_pdf_flattened_by_another_tool_into_form_xobjects(tmp_path):
    """pypdf, qpdf and Acrobat flatten by drawing each value in a form XObject placed on the
    page: the figures must be read at their placed positions."""
    template = Template.load(2022)
    form = form_of(HISTORY, 2022)
    writer = PdfWriter(clone_from=BytesIO(template.fill(form)))
    values = template.values(form)
    writer._root_object["/AcroForm"].pop(NameObject("/XFA"), None)
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False, flatten=True)
    writer.remove_annotations(subtypes="/Widget")
    del writer._root_object[NameObject("/AcroForm")]
    theirs = tmp_path / "flat.pdf"
    writer.write(theirs)
    result = run("check", HISTORY, "--against", theirs, "--format", "json")
    assert result.exit_code == 0, result.output
    (checked,) = json_check(result)
    assert {line["line"]: line["theirs"] for line in checked["lines"]} == {k: v.value for k, v in form.lines.items()}


# Issue 13: a form for someone else, a person the file has no form for, a form that contradicts itself.

def _filled(path: Path, year: int, person: str, tmp_path: Path, **names) -> Path:
    """Our own form as another program would hand it over, with the heading changed."""
    from dataclasses import replace

    form = replace(form_of(path, year, person), **names)
    target = tmp_path / f"theirs-{person}.pdf"
    target.write_bytes(Template.load(year).fill(form, flatten=False))
    return target


def test_a_form_for_someone_else_is_said_first(tmp_path):
    theirs = _filled(PRORATA, 2025, "you", tmp_path, name="Pat Stranger", ssn="999-99-9999")
    out = run("check", PRORATA, "--against", theirs)
    assert out.exit_code == 1  # every figure agrees, but it is not this person's form
    heading, rule, first = out.stdout.splitlines()[:3]
    assert first.startswith("  NOT THIS PERSON'S FORM: this form is for someone else: it names \"Pat Stranger\"")
    data = json_check(run("check", PRORATA, "--against", theirs, "--format", "json"))[0]
    assert "someone else" in data["someone_else"] and all(line["status"] == "agrees" for line in data["lines"])


def test_person_the_file_has_no_form_for(tmp_path):
    """`--person spouse` against a file with only the other spouse's form: said plainly (it used
    to end in a KeyError)."""
    theirs = _filled(COUPLE, 2023, "you", tmp_path)
    out = run("check", COUPLE, "--against", theirs, "--person", "spouse")
    assert out.exit_code == 2 and "Traceback" not in out.output
    assert "the file has no form for" in out.stderr and "(spouse): it holds the form of" in out.stderr


def test_their_form_contradicts_itself(tmp_path):
    """Line 9 must be lines 6 + 7 + 8 (Form 8606, line 9): a form whose line 9 is off is
    reported as inconsistent before any comparison, even when line 9 equals ours."""
    form = form_of(PRORATA, 2025)
    rows = [f"{k},{v.value + (1000 if k == '6' else 0)}" for k, v in form.lines.items()]
    theirs = tmp_path / "theirs.csv"
    theirs.write_text("line,amount\n" + "\n".join(rows) + "\n")
    out = run("check", PRORATA, "--against", theirs, "--year", 2025)
    assert out.exit_code == 1
    assert out.stdout.splitlines()[2] == "  Their form contradicts itself (its own arithmetic, before any comparison):"
    (check,) = json_check(run("check", PRORATA, "--against", theirs, "--year", 2025, "--format", "json"))
    assert [(i["line"], i["theirs"], i["expected"]) for i in check["inconsistencies"]] == [("9", 70000, 71000)]
    assert check["inconsistencies"][0]["message"] == ("line 9 is 70,000, but line 6 + line 7 + line 8, with line 6 "
                                                      "64,000 and line 7 0 and line 8 7,000: 71,000")


def test_a_name_in_their_file_cannot_send_terminal_codes():
    """Whatever a file's heading holds reaches the screen escaped (issue 12)."""
    from form8606.check.run import FormCheck
    from form8606.render.checktable import check_table

    hostile = 'the form names "Pat \x1b[2J\x1b]0;owned\x07Stranger"'
    text = check_table(FormCheck("you", 2025, "x.pdf\x1b[31m", [], (hostile,), someone_else=hostile), "Jordan")
    assert "\x1b" not in text and "\x07" not in text
    assert "\\x1b[2J" in text and "x.pdf\\x1b[31m" in text
