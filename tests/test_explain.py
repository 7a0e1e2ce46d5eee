"""`form8606 explain`: the worksheets hold the calculator's own figures in every format and for
both audiences, escape the ledger's text, fit 80 columns, and write files safely."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest
from click.testing import CliRunner

from form8606.cli import main
from form8606.ledger import load_ledger, load_text
from form8606.lines import RULES
from form8606.pipeline import compute
from form8606.render import worksheet
from form8606.render.bars import VIEW_WIDTH, Part, bar
from form8606.render.build import document

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = sorted(ROOT.glob("fixtures/*.toml"))
CASES = sorted(ROOT.glob("tests/cases/*.toml"))
PRORATA = ROOT / "fixtures" / "backdoor-prorata.toml"
CLEAN = ROOT / "fixtures" / "backdoor-clean.toml"
COUPLE = ROOT / "fixtures" / "married-couple.toml"
HISTORY = ROOT / "fixtures" / "multi-year-history.toml"
ROSE = ROOT / "tests" / "cases" / "p590b_rose_green_worksheet_1_1.toml"
FORMATS = ("html", "md", "text")
AUDIENCES = ("client", "preparer")

HOSTILE = """version = 1
[people.you]
name = "<script>alert(1)</script> & *Bob* | [x](y)"
ssn = "400-00-0099"
[[contribution]]
who = "you"
date = 2025-01-06
to = "traditional"
amount = 7000
[[conversion]]
who = "you"
date = 2025-01-13
amount = 7000
[[year_end]]
who = "you"
year = 2025
traditional = 63000
"""


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


def compute_json(path: Path, *extra: str) -> list[dict]:
    out = run("compute", path, "--format", "json", *extra)
    assert out.exit_code == 0, out.output
    return json.loads(out.stdout, parse_float=Decimal)["forms"]


def number(text: str) -> Decimal:
    return Decimal(text.replace(",", "").replace("$", ""))


# --- reading each format back: the line values of each form, in document order ---------------


class _Amounts(HTMLParser):
    """data-line amounts per <section class="form">, and the headline text of each."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._line: str | None = None
        self._headline_depth = 0
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._depth += 1
        if tag == "section" and "form" in (attrs.get("class") or "").split():
            self.forms.append({"person": attrs["data-person"], "year": int(attrs["data-year"]), "lines": {},
                               "headline": ""})
        if attrs.get("data-line"):
            self._line = attrs["data-line"]
        if "headline" in (attrs.get("class") or "").split():
            self._headline_depth = self._depth
        if tag in ("br", "meta", "link", "img", "input"):
            self._depth -= 1

    def handle_endtag(self, tag):
        if self._headline_depth and self._depth == self._headline_depth:
            self._headline_depth = 0
        self._depth -= 1
        self._line = None

    def handle_data(self, data):
        if self._line is not None:
            self.forms[-1]["lines"][self._line] = number(data.strip()) if self._line != "10" else data.strip()
        if self._headline_depth:
            self.forms[-1]["headline"] += data


def html_forms(text: str) -> list[dict]:
    parser = _Amounts()
    parser.feed(text)
    return parser.forms


TITLE = re.compile(r"^#*\s*(?P<name>.+) \((?P<person>you|spouse)\): Form 8606 for (?P<year>\d{4})$", re.M)


def _chunks(text: str) -> list[tuple[str, int, str]]:
    """(person, year, text of that form's section) for md and text documents."""
    marks = list(TITLE.finditer(text))
    return [(m["person"], int(m["year"]), text[m.start(): marks[i + 1].start() if i + 1 < len(marks) else len(text)])
            for i, m in enumerate(marks)]


TEXT_LINE = re.compile(r"^  Line (?P<label>\d+[abc]?)\s.*\s(?P<value>[\d,.\-]+)$", re.M)
MD_ROW = re.compile(r"^\| (?P<label>\d{1,2}[abc]?) \| .* \| (?P<value>[\d,.\-]+) \|$", re.M)


def text_forms(text: str, fmt: str) -> list[dict]:
    pattern = TEXT_LINE if fmt == "text" else MD_ROW
    start, end = ("IN SHORT", "THE PRO-RATA") if fmt == "text" else ("### In short", "### ")
    out = []
    for person, year, chunk in _chunks(text):
        lines = {m["label"]: (m["value"] if m["label"] == "10" else number(m["value"]))
                 for m in pattern.finditer(chunk)}
        head = chunk.split(start, 1)[1]
        head = head.split(end, 1)[0] if end in head else head
        out.append({"person": person, "year": year, "lines": lines, "headline": head})
    return out


def forms_in(text: str, fmt: str) -> list[dict]:
    return html_forms(text) if fmt == "html" else text_forms(text, fmt)


def explain(path: Path, fmt: str, audience: str = "client", *extra: str) -> str:
    out = run("explain", path, "--format", fmt, "--audience", audience, *extra)
    assert out.exit_code == 0, out.output
    return out.stdout


# --- the figures are the calculator's ------------------------------------------------------


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", FIXTURES + CASES, ids=lambda p: p.stem)
def test_every_line_value_is_the_computed_value(path: Path, fmt: str, audience: str):
    want = compute_json(path)
    got = forms_in(explain(path, fmt, audience), fmt)
    assert [(f["person"], f["year"]) for f in got] == [(f["person"], f["year"]) for f in want]
    for mine, theirs in zip(got, want):
        expected = {k: (format(v, "f") if k == "10" else v) for k, v in theirs["lines"].items()}
        assert mine["lines"] == expected, (mine["person"], mine["year"])


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_headline_numbers(path: Path, fmt: str):
    """The taxable conversion and distributions, what they were taken from, and the basis
    carried to next year are in the headline, as dollars."""
    want = compute_json(path)
    got = forms_in(explain(path, fmt), fmt)
    for mine, theirs in zip(got, want):
        head = " ".join(mine["headline"].replace("\\$", "$").split())
        lines = theirs["lines"]
        dollars = lambda v: f"${v:,}"  # noqa: E731 - whole dollars in the fixtures
        figures = [theirs["basis_end"]]
        if "16" in lines:
            figures += [lines["16"], lines["18"]]
        if "7" in lines and lines["7"]:
            figures += [lines["7"], lines["15c"]]
        for figure in figures:
            assert dollars(figure) in head, (mine["year"], figure, head)
        if "10" in lines and lines["6"]:
            assert str(lines["10"]) in head and dollars(lines["6"]) in head


def test_cents_match_compute_cents(tmp_path):
    ledger = tmp_path / "cents.toml"
    ledger.write_text('version = 1\n[people.you]\nname = "A"\n[[contribution]]\nwho = "you"\ndate = 2025-01-02\n'
                      'to = "traditional"\namount = 7000\n[[conversion]]\nwho = "you"\ndate = 2025-01-09\n'
                      'amount = 7000.62\n[[year_end]]\nwho = "you"\nyear = 2025\ntraditional = 0\n')
    want = compute_json(ledger, "--cents")[0]["lines"]
    for fmt in FORMATS:
        (got,) = forms_in(explain(ledger, fmt, "client", "--cents"), fmt)
        assert got["lines"] == {k: (format(v, "f") if k == "10" else v) for k, v in want.items()}, fmt
    assert "$0.63 of the $7,000.62 converted" in explain(ledger, "text", "client", "--cents")


def test_the_prorata_story_in_plain_words():
    text = explain(PRORATA, "text")
    flat = " ".join(text.split())
    assert "$6,300 of the $7,000 converted to a Roth IRA in 2025 is taxable (line 18)" in flat
    assert "held $63,000 on December 31, 2025 (line 6)" in flat
    assert "only 10% (line 10 is 0.10000)" in flat
    assert "Traditional IRA basis carried to 2026: $6,300 (line 14)" in flat
    # the planning note, in the client's words, with what would have avoided it
    assert "What would have avoided it: moving the pre-tax IRA money into an employer plan" in flat


def test_sources_rules_and_rounding_are_shown():
    text = " ".join(explain(CLEAN, "text", "client").split())
    assert "From: [[conversion]] #1 (you, 2025-01-13): 7,000.50" in text  # entry by date and amount
    assert "Rounding: rounded from 7,000.50" in text  # line 8: 7,000.50 printed as 7,001
    assert RULES["18"][0] in text
    carried = " ".join(explain(HISTORY, "text").split())
    assert "From: line 14 of the 2023 Form 8606" in carried  # last year's line, not a ledger entry


def test_preparer_sees_citations_unrounded_figures_and_full_ssn():
    text = " ".join(explain(CLEAN, "text", "preparer").split())
    for label in ("1", "6", "10", "18"):
        assert f"Cite: {RULES[label][1]}" in text
    assert "unrounded 7,000.01986, rounded half up to whole dollars" in text  # line 11
    assert "0.99986" in text  # line 10 with all its places
    assert "SSN 400-00-0001" in text
    assert "WORDS USED HERE" not in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_client_sees_masked_ssn_glossary_and_no_citations(fmt: str):
    text = explain(PRORATA, fmt, "client")
    assert "400-00-0002" not in text
    assert "***-**-0002" in text or r"\*\*\*-\*\*-0002" in text
    for word in ("basis", "pro-rata rule", "conversion", "recharacterization"):
        assert re.search(rf"(<dt>|\*\*|^  ){re.escape(word)}", text, re.M), word
    assert RULES["6"][1] not in text  # no citations for the client


@pytest.mark.parametrize("fmt", FORMATS)
def test_worksheet_1_1_years_say_so_instead_of_drawing_blank_lines(fmt: str):
    text = explain(ROSE, fmt)
    flat = " ".join(text.replace("\\", "").split())
    assert "Lines 6 to 12 are blank this year" in flat
    assert "Worksheet 1-1" in flat
    assert "line 9," not in flat  # no bar of line 9: the line is blank
    assert "$4,540 of the $5,000 converted" in flat


def test_worksheet_1_1_used_and_set_aside_are_two_notes():
    """Rose Green: the worksheet gives line 13. The partly deducted backdoor: the worksheet would
    give more than line 5, so it is set aside and lines 6-15c are used (line 10 is 0.33333)."""
    (used,) = document(compute(load_ledger(ROSE)), None, "client").forms[0].notes
    assert (used.code, used.title) == ("worksheet_1_1", "A special computation was used")
    result = compute(load_ledger(ROOT / "tests" / "cases" / "roth_backdoor_partly_deducted.toml"))
    (form,) = document(result, None, "client").forms
    (aside,) = form.notes
    assert (aside.code, aside.title) == ("worksheet_1_1_set_aside", "A special computation was checked")
    assert "usual lines 6 to 15c are used" in aside.plain and "gives 6,000 nontaxable" in aside.message
    assert [line.value for part in form.parts for line in part.lines if line.label == "10"] == ["0.33333"]


def test_bars_are_proportional_to_the_calculators_figures():
    doc = document(compute(load_ledger(PRORATA)), None, "client")
    whole, basis, conversion = doc.forms[0].picture.bars
    assert [(s.key, s.amount, s.width) for s in whole.segments] == [("line6", "63,000", 900.0),
                                                                    ("line8", "7,000", 100.0)]
    assert [(s.key, s.amount, s.width) for s in basis.segments] == [("basis", "7,000", 100.0),
                                                                    ("pretax", None, 900.0)]
    assert [(s.key, s.amount, s.x, s.width) for s in conversion.segments] == [("free", "700", 0.0, 100.0),
                                                                              ("taxable", "6,300", 100.0, 900.0)]


def test_a_tiny_segment_stays_visible():
    b = bar("t", [Part("free", "a", "7,000", Decimal(7000)), Part("taxable", "b", "1", Decimal(1))], Decimal(7001))
    assert b.segments[1].width > 0 and abs(sum(s.width for s in b.segments) - VIEW_WIDTH) < 0.5
    assert b.text.count("X") == 1 and len(b.text) == 62


def test_history_spans_the_ledgers_years():
    result = compute(load_ledger(HISTORY))
    doc = document(result, result.forms, "client")
    assert [f.history is not None for f in doc.forms] == [False, False, False, True]  # once, after the last
    rows = doc.forms[-1].history.rows
    assert [(r.year, r.has_form) for r in rows] == [(2021, True), (2022, True), (2023, True), (2024, False),
                                                    (2025, True)]
    assert rows[-1].current and rows[-1].cells[0] == "21,236" and rows[-1].cells[-1] == "17,855"
    # a single form still gets the whole history (what `fill` writes beside one PDF)
    single = document(result, result.forms[1], "client")
    assert len(single.forms[0].history.rows) == 5 and single.forms[0].history.rows[1].current


def test_roth_layers_are_in_the_history():
    text = explain(ROOT / "tests" / "cases" / "roth_backdoor_withdrawals.toml", "md")
    assert "Roth IRA basis at year end" in text
    assert "conversions 2019: 6,000 (0 taxable)" in text


def test_couple_one_history_per_person():
    result = compute(load_ledger(COUPLE))
    doc = document(result, None, "client")
    assert [(f.person, f.year, f.history is not None) for f in doc.forms] == [
        ("you", 2023, False), ("you", 2024, True), ("spouse", 2023, False), ("spouse", 2024, True)]
    assert doc.forms[3].history.name == "Grace Okafor"


# --- escaping untrusted ledger text --------------------------------------------------------


def hostile_result():
    return compute(load_text(HOSTILE, source='<img src=x onerror="alert(2)">.toml'))


def test_html_escapes_ledger_text():
    html = worksheet.render_html(hostile_result())
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; *Bob* | [x](y)" in html
    assert "&lt;img src=x onerror=&#34;alert(2)&#34;&gt;.toml" in html


def test_markdown_escapes_ledger_text():
    md = worksheet.render_markdown(hostile_result())
    assert '`<img src=x onerror="alert(2)">.toml`' in md  # a code span shows its text literally
    outside_code = re.sub(r"`[^`]*`", "", md)
    assert "<script>" not in outside_code and "<img" not in outside_code
    assert r"\<script\>alert(1)\</script\> \& \*Bob\* \| \[x\](y)" in md


def test_text_keeps_ledger_text_as_is():
    text = worksheet.render_text(hostile_result())
    assert "<script>alert(1)</script> & *Bob* | [x](y)" in text


def test_templates_fail_loudly_and_escape_html_only():
    env = worksheet.environment()
    assert worksheet.environment() is env  # built once per process
    assert env.undefined is jinja2.StrictUndefined
    assert env.get_template("worksheet.html.j2").render  # found through template_source
    assert env.autoescape("worksheet.html.j2") and not env.autoescape("worksheet.md.j2")
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("worksheet.txt.j2").render(doc=object())


def test_templates_are_read_from_the_package_data_or_the_checkout():
    source = worksheet.template_source("worksheet.html.j2")
    assert source == (ROOT / "templates" / "worksheet.html.j2").read_text("utf-8")
    with pytest.raises(jinja2.TemplateNotFound):
        worksheet.template_source("nope.j2")


# --- layout --------------------------------------------------------------------------------


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("path", FIXTURES + CASES, ids=lambda p: p.stem)
def test_text_fits_80_columns(path: Path, audience: str):
    text = explain(path, "text", audience)
    too_wide = [line for line in text.splitlines() if len(line) > 80]
    assert not too_wide, too_wide


def test_html_is_self_contained_with_a_page_break_between_forms():
    html = explain(COUPLE, "html")
    assert not re.search(r"https?://", html)
    assert not re.search(r"""(src|href)\s*=\s*(?!["']?#)""", html)  # only in-page anchors
    assert "@import" not in html and "url(" not in html
    assert "default-src 'none'" in html  # the page may not load anything
    assert html.count('class="form page"') == 3  # four forms, a page break before each but the first
    assert "@page { size: letter" in html and "break-before: page" in html
    assert 'name="viewport"' in html


def test_markdown_tables_are_well_formed():
    md = explain(HISTORY, "md")
    for block in re.findall(r"(?:^\|.*\|\n)+", md, re.M):
        rows = block.strip().splitlines()
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
        assert len(widths) == 1, rows
    assert md.count("```") % 2 == 0


# --- the command ---------------------------------------------------------------------------


def test_default_is_text_on_stdout_for_every_form():
    out = run("explain", COUPLE)
    assert out.exit_code == 0
    assert [(p, y) for p, y, _ in _chunks(out.stdout)] == [("you", 2023), ("you", 2024), ("spouse", 2023),
                                                           ("spouse", 2024)]


def test_year_and_person_select_one_form():
    out = run("explain", COUPLE, "--year", "2024", "--person", "spouse")
    assert out.exit_code == 0
    assert [(p, y) for p, y, _ in _chunks(out.stdout)] == [("spouse", 2024)]
    assert "Form 8606 worksheet: Grace Okafor, 2024" in out.stdout


def test_nothing_selected_says_so():
    out = run("explain", PRORATA, "--year", "2024")
    assert out.exit_code == 0 and "No Form 8606 was selected" in out.stdout


def test_output_file_written_atomically_and_not_overwritten(tmp_path):
    target = tmp_path / "w.html"
    first = run("explain", PRORATA, "--format", "html", "-o", target)
    assert first.exit_code == 0 and first.stdout.strip() == str(target)
    assert target.read_text("utf-8").startswith("<!doctype html>")
    target.write_text("mine")
    again = run("explain", PRORATA, "--format", "html", "-o", target)
    assert again.exit_code == 2 and "already exists; pass --force" in again.stderr
    assert target.read_text() == "mine"
    forced = run("explain", PRORATA, "--format", "md", "-o", target, "--force")
    assert forced.exit_code == 0 and target.read_text("utf-8").startswith("# Form 8606 worksheet")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.html"]  # no temporary file left behind


def test_preparer_file_with_ssn_is_private(tmp_path):
    target = tmp_path / "p.txt"
    assert run("explain", PRORATA, "--audience", "preparer", "-o", target).exit_code == 0
    assert (target.stat().st_mode & 0o777) == 0o600


def test_bad_input_exits_2_without_traceback(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('version = 1\n[people.you]\nname = "A"\n[[conversion]]\nwho = "you"\ndate = 2025-01-09\n'
                   'ammount = 1\n')
    out = run("explain", bad)
    assert out.exit_code == 2 and "Traceback" not in out.output
    assert "field `ammount`: unknown field" in out.stderr
    assert run("explain", tmp_path / "nope.toml").exit_code == 2
    unsupported = run("explain", PRORATA, "--year", "2017")
    assert unsupported.exit_code == 2 and "tax year 2017 is not supported" in unsupported.stderr
    assert run("explain", PRORATA, "--format", "pdf").exit_code == 2
    assert run("explain", PRORATA, "--audience", "neighbour").exit_code == 2
    under_a_file = run("explain", PRORATA, "-o", bad / "x.html")
    assert under_a_file.exit_code == 2 and "is not a directory" in under_a_file.stderr


def test_assertion_mismatch_exits_1_after_the_worksheet(tmp_path):
    ledger = tmp_path / "l.toml"
    ledger.write_text(PRORATA.read_text() + '\n[[assert]]\nwho = "you"\nyear = 2025\nline = "14"\namount = 7000\n')
    out = run("explain", ledger, "--format", "md")
    assert out.exit_code == 1
    assert "line 14: expected 7,000 != computed 6,300" in out.stderr
    assert "Checks that failed" in out.stdout and "$6,300" in out.stdout.replace("\\$", "$")


def test_render_html_per_form_for_fill():
    result = compute(load_ledger(COUPLE))
    for form in result.forms:
        html = worksheet.render_html(result, form, "client")
        (only,) = html_forms(html)
        assert (only["person"], only["year"]) == (form.person, form.year)
        assert only["lines"]["14"] == form.value("14")

