"""Cases found in review, each pinned by a test."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from form8606.errors import Form8606Error
from form8606.ledger import load_text
from form8606.money import parse_amount
from tests.helpers import FIXTURES, forms_of, run

COUPLE = FIXTURES / "married-couple.toml"
PRORATA = FIXTURES / "backdoor-prorata.toml"
OLD = 'version = 1\n[people.you]\nname = "Ada"\nbirth_date = 1945-01-01\n'


def test_traditional_contribution_at_70_and_a_half_before_2020_is_excess():
    body = """
        [[contribution]]
        who = "you"
        date = 2019-03-01
        to = "traditional"
        amount = 7000
    """
    (form,) = forms_of(body, OLD)  # 70 1/2 on 2015-07-01
    assert [w.code for w in form.warnings] == ["age_70_half"]
    (later,) = forms_of(body.replace("2019-03-01", "2020-03-01"), OLD)  # repealed for 2020 (SECURE Act)
    assert later.warnings == ()


def test_a_1099r_dated_outside_its_year_is_refused():
    with pytest.raises(Form8606Error, match="field `date`: `date` 2024-05-01 is not in 2025"):
        load_text(OLD + '[[form_1099r]]\nwho = "you"\nyear = 2025\nbox1 = 5000\nbox2a = 5000\nbox7 = "7"\n'
                  'ira_sep_simple = true\nconverted = 5000\ndate = 2024-05-01\n')


def test_amounts_too_large_are_field_errors():
    with pytest.raises(ValueError, match="too large"):
        parse_amount(1e27)
    with pytest.raises(Form8606Error, match="too large"):
        load_text(OLD + '[[conversion]]\nwho = "you"\ndate = 2025-01-01\namount = "1' + "0" * 30 + '"\n')


def test_person_option_naming_nobody_exits_2():
    for command in ("compute", "explain", "documents", "fill"):
        out = run(command, PRORATA, "--person", "spouse")
        assert out.exit_code == 2 and "no [people.spouse] table" in out.stderr, command


def test_text_worksheet_fits_80_columns_with_a_long_name(tmp_path):
    ledger = tmp_path / "l.toml"
    ledger.write_text(PRORATA.read_text().replace('"Jordan Whitaker"', '"Maria Guadalupe Fernandez-Villanueva de la '
                                                                       'Cruz y Santisteban"'))
    out = run("explain", ledger).stdout
    assert max(len(line) for line in out.splitlines()) <= 80


def test_text_bars_are_full_width():
    from form8606.render.bars import TEXT_WIDTH, Part, bar

    parts = [Part("line6", "a", Decimal(33), Decimal(33)), Part("line7", "b", Decimal(4), Decimal(4)),
             Part("line8", "c", Decimal(22), Decimal(22))]
    drawn = bar("t", parts, Decimal(59)).text
    assert len(drawn) == TEXT_WIDTH + 2 and " " not in drawn


def test_fill_writes_the_shipped_years_and_names_the_others(tmp_path):
    out = run("fill", COUPLE, "-o", tmp_path)
    assert out.exit_code == 1
    assert sorted(p.name for p in tmp_path.glob("*.pdf")) == ["married-couple-f8606-2023-spouse.pdf",
                                                               "married-couple-f8606-2023-you.pdf"]
    assert "the official Form 8606 for 2024 is not shipped" in out.stderr


def test_fill_shrinks_a_long_line_10_into_its_box():
    from form8606.pdf.fill import Template
    from form8606.pipeline import compute

    ledger = load_text(PRORATA.read_text().replace("version = 1", "version = 1\n[options]\nratio_places = 8", 1))
    (form,) = compute(ledger).forms
    template = Template.load(2025)
    box = template.boxes[template.fmap.fields["10"][1]]
    ops = template._text_ops(box, "27658912")
    size = Decimal(ops.split(b" Tf")[0].split()[-1].decode())
    assert size < Decimal(box.size)  # 8 digits do not fit at 8 points in a 28-point box
    assert str(form.value("10")) == "0.10000000"


@pytest.fixture
def couple_json(tmp_path) -> Path:
    out = run("compute", COUPLE, "--format", "json").stdout
    path = tmp_path / "mc.json"
    path.write_text(out)
    return path


def test_check_year_and_person_pick_among_the_forms(couple_json):
    out = run("check", COUPLE, "--against", couple_json, "--year", 2024, "--person", "spouse", "--format", "json")
    assert out.exit_code == 0, out.output
    forms = json.loads(out.stdout)["forms"]
    assert [(f["person"], f["year"]) for f in forms] == [("spouse", 2024)]
    none = run("check", COUPLE, "--against", couple_json, "--year", 2022)
    assert none.exit_code == 2 and "holds no form for 2022" in none.stderr


@pytest.mark.parametrize("form, message", [
    ({"person": "you", "year": 2024, "lines": {"1": "abc"}}, "is not a number"),
    ({"person": "you", "year": "2024", "lines": {"1": 1}}, "must be a whole number"),
    ({"person": "bob", "year": 2024, "lines": {"1": 1}}, '"person" must be "you" or "spouse"'),
    ({"person": "you", "year": 2030, "lines": {"1": 1}}, "2030 is not supported"),
    ({"person": "you", "year": 2024, "lines": {"99": 1}}, '"99" is not a Form 8606 line'),
])
def test_check_json_input_is_validated(tmp_path, form, message):
    path = tmp_path / "t.json"
    path.write_text(json.dumps({"forms": [form]}))
    out = run("check", PRORATA, "--against", path)
    assert out.exit_code == 2 and message in out.stderr and "Traceback" not in out.output


def test_check_csv_with_a_byte_order_mark(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(b"\xef\xbb\xbfline,amount\r\n1,7000\r\n")
    out = run("check", PRORATA, "--against", path, "--year", 2025, "--format", "json")
    assert out.exit_code == 1  # the lines the CSV leaves out are missing
    lines = {line["line"]: line for line in json.loads(out.stdout)["forms"][0]["lines"]}
    assert lines["1"]["theirs"] == 7000 and lines["1"]["status"] == "agrees"
    assert lines["6"]["status"] == "missing"


def test_check_notes_a_form_that_names_someone_else(tmp_path):
    form = json.loads(run("compute", COUPLE, "--format", "json", "--year", 2024, "--person", "spouse").stdout)
    path = tmp_path / "t.json"
    path.write_text(json.dumps(form))
    from form8606.check.identity import same_name, same_ssn
    from form8606.check.run import _identity_notes
    from form8606.check.theirs import TheirForm
    from form8606.ledger.model import Person

    assert same_ssn("XXX-XX-6789", "123-45-6789") and not same_ssn("XXX-XX-6788", "123-45-6789")
    assert same_name("Grace A. Okafor", "Grace Okafor")
    notes = _identity_notes(TheirForm("x", 2024, {}, "Grace Okafor", "400-00-0009"),
                            Person(name="Harold Jennings", ssn="400-00-0005"))
    assert len(notes) == 2 and "Grace Okafor" in notes[1]
