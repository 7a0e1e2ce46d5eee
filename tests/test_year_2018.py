"""Tax year 2018 (issue 14): its figures, its official form (a cents box beside every amount,
line 9's box left of the others) filled and read back, and a history that starts in 2018."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

from pypdf import PdfReader

from form8606 import rules
from form8606.check import pdfread
from form8606.pdf import fieldmap
from form8606.pdf.fill import Template
from form8606.pipeline import compute, load_text
from tests.helpers import as_json, forms_of, lines_of, run, year_end
from tests.test_fill import LEDGER, form_for

YOUNG = 'version = 1\n[people.you]\nname = "Alex Rivera"\nbirth_date = 1980-06-30\n'
P1, P2 = "topmostSubform[0].Page1[0].", "topmostSubform[0].Page2[0]."


def test_2018_figures_from_the_irs_text():
    # 2018 Form 8606, line 1: "including those made for 2018 from January 1, 2019, through April 15, 2019".
    assert rules.for_year(2018).contribution_deadline == dt.date(2019, 4, 15)
    # 2023 Form 8606 instructions, Overall Contribution Limit table: "2013 through 2018 $5,500 $6,500".
    assert (rules.for_year(2018).ira_limit, rules.for_year(2018).ira_catch_up) == (5500, 1000)
    # Same instructions, traditional SEP IRA table: "2018 $55,000" (IRC 415(c)).
    assert rules.parameter("annual_additions_limit")(2018) == 55000
    assert rules.SUPPORTED_YEARS == range(2018, 2027)


CONTRIBUTION = """
[[contribution]]
who = "you"
date = {date}
for_year = 2018
to = "traditional"
amount = 5500
"""


def test_line_4_and_the_deadline_as_the_2018_form_words_them(tmp_path):
    # 2018 Form 8606, line 4: "contributions included on line 1 that were made from January 1, 2019,
    # through April 15, 2019"; a later one is not a 2018 contribution.
    body = CONTRIBUTION.format(date="2019-04-15") + '[[conversion]]\nwho = "you"\ndate = 2018-12-20\namount = 1\n'
    (form,) = forms_of(body + year_end(0, 2018), YOUNG)
    assert (form.year, form.value("1"), form.value("4")) == (2018, 5500, 5500)
    late = run("compute", "LEDGER", text=YOUNG + CONTRIBUTION.format(date="2019-04-16"), tmp_path=tmp_path)
    assert late.exit_code == 2 and "after the 2018 deadline of 2019-04-15" in late.stderr


def test_a_history_starts_in_2018_and_its_basis_carries_to_2019():
    body = CONTRIBUTION.format(date="2018-03-01") + year_end(5600, 2018) + """
[[conversion]]
who = "you"
date = 2019-02-01
amount = 5600
""" + year_end(0, 2019)
    first, second = forms_of(body, YOUNG)
    assert (first.year, lines_of(first)) == (2018, {"1": 5500, "2": 0, "3": 5500, "14": 5500})
    # Everything converted: Part I is not completed and line 17 is the basis carried in, 2018's line 14
    # (2023 Form 8606 instructions, Line 17; same rule since 2018).
    assert (second.year, lines_of(second)) == (2019, {"16": 5600, "17": 5500, "18": 100})


def test_the_2018_limit_is_5500():
    body = CONTRIBUTION.format(date="2018-03-01").replace("5500", "6000")
    (form,) = forms_of(body, YOUNG)
    (warning,) = form.warnings
    assert warning.code == "over_limit" and "5,500.00 limit" in warning.message and "by 500.00" in warning.message


def test_the_2018_map_pairs_each_amount_with_its_cents_box():
    fields = fieldmap.load_maps()[2018].fields
    assert fields["1"] == (P1 + "f1_9[0]", P1 + "f1_10[0]")
    assert fields["9"] == (P1 + "f1_25[0]", P1 + "f1_26[0]")  # line 9's box, left of the others
    assert fields["10"] == (P1 + "f1_27[0]", P1 + "f1_28[0]")  # the digit before the point, the decimals
    assert [fields[k] for k in ("15a", "15b", "15c")] == [
        (P1 + "f1_37[0]", P1 + "f1_38[0]"), (P1 + "f1_39[0]", P1 + "f1_40[0]"), (P1 + "f1_41[0]", P1 + "f1_42[0]")]
    assert fields["25c"] == (P2 + "f2_23[0]", P2 + "f2_24[0]")
    assert fieldmap.has_cents_boxes(2018) and not fieldmap.has_cents_boxes(2025)


def _values(data: bytes) -> dict[str, str]:
    return {k: str(v.get("/V")) for k, v in (PdfReader(BytesIO(data)).get_fields() or {}).items() if v.get("/V")}


def test_fill_with_cents_and_read_back():
    ledger = LEDGER.format(y=2018, prev=2017).replace("[[opening]]", "[options]\nwhole_dollars = false\n[[opening]]")
    (form,) = compute(load_text(ledger)).forms
    template = Template.load(2018)
    got = _values(template.fill(form))
    dollars, cents = template.fmap.fields["6"]
    assert (got[dollars], got[cents]) == ("41,234", "56")  # year_end 41,234.56
    (theirs,) = pdfread.extract(template.fill(form), "f.pdf")
    assert theirs.year == 2018 and theirs.lines["6"] == Decimal("41234.56")
    assert theirs.lines == {k: v.value for k, v in form.lines.items()}


def test_check_reads_a_filled_and_a_flattened_2018_form(tmp_path):
    path = tmp_path / "rivera.toml"
    path.write_text(LEDGER.format(y=2018, prev=2017))
    form = form_for(2018)
    assert {"15a", "15b", "15c", "25c"} <= set(form.lines)
    for flatten in (False, True):
        theirs = tmp_path / f"theirs-{flatten}.pdf"
        theirs.write_bytes(Template.load(2018).fill(form, flatten=flatten))
        result = run("check", path, "--against", theirs, "--format", "json")
        assert result.exit_code == 0, result.output
        (checked,) = as_json(result)["forms"]
        theirs_lines = {line["line"]: line["theirs"] for line in checked["lines"]}
        assert theirs_lines == {k: v.value for k, v in form.lines.items()}
