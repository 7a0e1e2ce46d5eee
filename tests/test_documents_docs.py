"""docs/documents.md stays true: its example computes as it says, it names every field of the
two documents, and its code table matches the codes the tool translates."""

from __future__ import annotations

import re

from form8606.documents.codes import MEANING, UNSUPPORTED, read
from form8606.ledger import load_text
from form8606.ledger.documents import Form1099R, Form5498
from form8606.pipeline import compute
from tests.helpers import ROOT, fenced_blocks

DOC = ROOT / "docs" / "documents.md"
TEXT = DOC.read_text("utf-8")


def test_the_example_computes_as_the_page_says():
    (block,) = [body for _, lang, body in fenced_blocks(DOC) if lang == "toml"]
    result = compute(load_text(block, source="documents.md"))
    (form,) = result.forms
    assert (form.value("16"), form.value("17"), form.value("18")) == (7001, 7000, 1)
    assert result.assertion_failures == ()
    (note,) = [n for n in form.notes if n.code == "form1040_line4"]
    assert "line 4a: 7,001" in note.message and "line 4b: 1 " in note.message


def test_every_field_is_documented():
    for model in (Form1099R, Form5498):
        for name, field in model.model_fields.items():
            assert f"| `{field.alias or name}` |" in TEXT, (model.__name__, name)


def test_the_code_table_rows_are_the_codes_translated():
    table = TEXT.split("## The code table")[1].split("\n\n")[2]
    rows = [line.split("|")[1:3] for line in table.splitlines()[2:]]
    assert len(rows) >= 16
    for codes, ira in rows:
        for code in re.findall(r"`([^`]+)`", codes):
            boxes = {"yes": [True], "no": [False], "either": [True, False]}[ira.strip()]
            for box in boxes:
                assert read(code, box).treatment, (code, box)


def test_unsupported_codes_are_listed():
    section = TEXT.split("## Not supported")[1]
    for code in UNSUPPORTED:
        assert f"`{code}`" in section, code
    assert set(UNSUPPORTED) < set(MEANING)
