"""`form8606 init`: a new ledger from the Forms 8606 a client filed (any format `check` reads, any
producer), the history they tell checked year to year, and a commented start without them.

The forms are made as other programs make them: the official PDF filled with pdftk `fill_form`
(see tests/test_producers.py), flattened or not; the JSON of `compute`; a line,amount CSV.
"""

from __future__ import annotations

import json
import re
import stat
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest

from form8606.ledger import load_text
from form8606.pdf.fill import Template
from tests.helpers import forms_of, lines_of, run
from tests.test_producers import _xfdf
from tests.test_producers import run as shell
from tests.test_schema import errors as schema_errors

HEADER = 'version = 1\n[people.you]\nname = "Alex Rivera"\nssn = "400-00-0001"\n'
COUPLE = HEADER + '[people.spouse]\nname = "Sam Rivera"\nssn = "400-00-0002"\n'


def contribution(year: int, amount: int, who: str = "you") -> str:
    return f'[[contribution]]\nwho = "{who}"\ndate = {year}-02-01\nto = "traditional"\namount = {amount}\n'


def opening(year: int, basis: int, who: str = "you") -> str:
    return f'[[opening]]\nwho = "{who}"\nyear = {year}\ntraditional_basis = {basis}\n'


def filed_pdf(folder: Path, body: str, year: int, who: str = "you", flatten: bool = False,
              header: str = HEADER) -> Path:
    """The form of `who` for `year` the ledger `body` gives, filled by pdftk into the official PDF."""
    (form,) = [f for f in forms_of(body, header) if (f.year, f.person) == (year, who)]
    template = Template.load(year)
    blank, values = folder / "blank.pdf", folder / "values.xfdf"
    blank.write_bytes(template.data)
    values.write_text(_xfdf(template.values(form)), "utf-8")
    out = folder / f"{who}-{year}{'-flat' if flatten else ''}.pdf"
    shell("pdftk", blank, "fill_form", values, "output", out, *(["flatten"] if flatten else []))
    return out


def init(tmp_path: Path, *args, name: str = "new.toml"):
    target = tmp_path / name
    result = run("init", target, *args)
    return result, target


def compute_json(path: Path, year: int) -> dict:
    result = run("compute", path, "--year", year, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout, parse_float=Decimal)


NEXT_YEAR = """
[[contribution]]
who = "you"
date = 2024-01-10
to = "traditional"
amount = 7000

[[conversion]]
who = "you"
date = 2024-01-17
amount = 7000

[[year_end]]
who = "you"
year = 2024
traditional = 0
"""


@pytest.mark.parametrize("flatten", [False, True], ids=["fillable", "flattened"])
def test_a_ledger_from_another_programs_form_computes_the_next_year_from_its_line_14(tmp_path, flatten):
    prior = filed_pdf(tmp_path, opening(2022, 5000) + contribution(2023, 6500), 2023, flatten=flatten)
    result, ledger = init(tmp_path, "--from", prior)
    assert result.exit_code == 0, result.output
    text = ledger.read_text("utf-8")
    assert text.startswith("#:schema ./form8606.schema.json\n")
    assert '\nname = "Alex Rivera"' in text and "400-00-0001" not in text  # the SSN only with --keep-ssn
    (o,) = load_text(text).opening
    assert (o.who, o.year, o.traditional_basis) == ("you", 2023, 11500)
    assert "# traditional_basis: line 14 of the 2023 form, next year's line 2" in text
    ledger.write_text(text + NEXT_YEAR, "utf-8")
    (form,) = compute_json(ledger, 2024)["forms"]
    assert form["lines"]["2"] == Decimal(11500)  # the prior form's line 14 (instructions, line 2)
    assert form["lines"]["14"] == Decimal(11500) and form["lines"]["18"] == 0


def test_keep_ssn_writes_the_ssn_in_a_file_of_its_owner_only(tmp_path):
    prior = filed_pdf(tmp_path, contribution(2023, 6500), 2023)
    result, ledger = init(tmp_path, "--from", prior, "--keep-ssn")
    assert result.exit_code == 0, result.output
    assert load_text(ledger.read_text("utf-8")).people["you"].ssn == "400-00-0001"
    assert stat.S_IMODE(ledger.stat().st_mode) == 0o600


def test_two_forms_of_a_year_are_a_couple(tmp_path):
    body = (opening(2022, 5000) + contribution(2023, 6500) + contribution(2023, 6500, "spouse")
            + '[[conversion]]\nwho = "spouse"\ndate = 2023-03-01\namount = 6500\n'
            + '[[year_end]]\nwho = "spouse"\nyear = 2023\ntraditional = 0\n')
    forms = [filed_pdf(tmp_path, body, 2023, who, header=COUPLE) for who in ("you", "spouse")]
    result, ledger = init(tmp_path, "--from", forms[0], "--from", forms[1])
    assert result.exit_code == 0, result.output
    book = load_text(ledger.read_text("utf-8"))
    assert {w: p.name for w, p in book.people.items()} == {"you": "Alex Rivera", "spouse": "Sam Rivera"}
    assert [(o.who, o.year, o.traditional_basis) for o in book.opening] == [("you", 2023, 11500), ("spouse", 2023, 0)]
    (layer,) = book.opening[1].roth_conversions  # her 2023 conversion: lines 16 and 18 of her form
    assert (layer.year, layer.amount, layer.taxable) == (2023, 6500, 0)


def three_years(tmp_path: Path) -> list[Path]:
    """2021: 6,000 of basis. 2022: another program lost it (line 2 is 0). 2023: carried from 2022."""
    return [filed_pdf(tmp_path, contribution(2021, 6000), 2021),
            filed_pdf(tmp_path, contribution(2022, 6000), 2022),
            filed_pdf(tmp_path, opening(2022, 6000) + contribution(2023, 6500), 2023)]


def test_three_years_where_the_middle_one_lost_the_basis_are_a_break_in_that_year(tmp_path):
    forms = three_years(tmp_path)
    result, ledger = init(tmp_path, *[a for f in forms for a in ("--from", f)])
    assert result.exit_code == 1, result.output
    (line,) = result.stderr.splitlines()
    assert line == ("break: you 2022: line 2 is 0 (you-2022.pdf (form fields)), but line 14 of the 2021 form is "
                    "6,000 (you-2021.pdf (form fields)); line 2 is line 14 of the last Form 8606 filed (Form 8606 "
                    "instructions, Line 2)")
    text = ledger.read_text("utf-8")  # written all the same, the break beside the opening
    before_opening = text.split("[[opening]]")[0]
    assert "# BREAK: you 2022: line 2 is 0" in before_opening
    assert re.search(r"#   2021  line 14 = 6,000 +you-2021\.pdf", before_opening)
    assert re.search(r"#   2022  line 14 = 6,000 +you-2022\.pdf", before_opening)
    assert re.search(r"#   2023  line 14 = 12,500 +you-2023\.pdf", before_opening)
    (o,) = load_text(text).opening  # the earlier forms are a comment, not entries
    assert (o.year, o.traditional_basis) == (2023, 12500)


def test_a_history_that_holds_is_no_break_whatever_order_the_files_come_in(tmp_path):
    forms = [filed_pdf(tmp_path, contribution(2021, 6000), 2021),
             filed_pdf(tmp_path, opening(2021, 6000) + contribution(2023, 6500), 2023)]  # no form for 2022
    result, ledger = init(tmp_path, "--from", forms[1], "--from", forms[0])
    assert result.exit_code == 0 and result.stderr == "", result.output
    assert load_text(ledger.read_text("utf-8")).opening[0].traditional_basis == 12500


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def test_a_form_that_contradicts_itself_is_reported(tmp_path):
    bad = write(tmp_path, "2024.json", '{"forms": [{"year": 2024, "lines": {"1": 7000, "2": 0, "3": 7000, '
                                       '"14": 6000}}]}')
    result, ledger = init(tmp_path, "--from", bad)
    assert result.exit_code == 1
    assert result.stderr == ("break: you 2024: the form contradicts itself: line 14 is 6,000, but line 3 - line 13, "
                             "with line 3 7,000 and line 13 (blank): 7,000 (2024.json, form 1)\n")
    assert "# BREAK: you 2024: the form contradicts itself" in ledger.read_text("utf-8")


def test_the_json_of_compute_gives_every_person_and_year(tmp_path):
    body = (opening(2022, 5000) + contribution(2023, 6500) + contribution(2024, 7000)
            + contribution(2024, 7000, "spouse"))
    source = write(tmp_path, "couple.toml", COUPLE + body)
    exported = write(tmp_path, "forms.json", run("compute", source, "--format", "json").stdout)
    result, ledger = init(tmp_path, "--from", exported)
    assert result.exit_code == 0, result.output
    book = load_text(ledger.read_text("utf-8"))
    assert [(o.who, o.year, o.traditional_basis) for o in book.opening] == [("you", 2024, 18500),
                                                                             ("spouse", 2024, 7000)]
    assert book.people["you"].name == "Name as on the return"  # the JSON names nobody: a placeholder, said so
    assert "not on the forms read" in ledger.read_text("utf-8")


def test_a_csv_needs_its_year(tmp_path):
    csv = write(tmp_path, "2024.csv", "line,amount\n1,7000\n2,\"1,500\"\n3,8500\n14,8500\n")
    result, _ = init(tmp_path, "--from", csv)
    assert result.exit_code == 2
    assert f"error: {csv}: the file doesn't say which tax year it is; pass --year" in result.stderr
    result, ledger = init(tmp_path, "--from", csv, "--year", "2024")
    assert result.exit_code == 0, result.output
    assert load_text(ledger.read_text("utf-8")).opening[0].traditional_basis == 8500


def test_roth_figures_come_from_the_form_with_the_rule_and_the_rest_is_a_placeholder(tmp_path):
    # 2024: 5,000 converted (taxable 5,000); a nonqualified Roth distribution of 2,000 out of 9,000
    # of contribution basis (line 22), which stops at line 23 = 0.
    form = write(tmp_path, "2024.json", json.dumps({"forms": [{"year": 2024, "person": "you", "lines": {
        "16": 5000, "17": 0, "18": 5000, "19": 2000, "20": 0, "21": 2000, "22": 9000, "23": 0}}]}))
    result, ledger = init(tmp_path, "--from", form)
    assert result.exit_code == 0, result.output
    text = ledger.read_text("utf-8")
    (o,) = load_text(text).opening
    assert o.roth_contribution_basis == 7000  # line 22 - line 19 (ordering rules: contributions first)
    assert [(x.year, x.amount, x.taxable) for x in o.roth_conversions] == [(2024, 5000, 5000)]
    assert o.traditional_basis == 0 and o.first_roth_year is None
    notes = unwrapped(text)
    assert "line 22 less line 19 of the 2024 form, 9,000 - 2,000" in notes and "Ordering Rules" in notes
    assert "# first_roth_year = ...\n" in text and "box 10 or box 3; these forms show Roth money in 2024" in notes


def test_what_no_form_shows_is_never_a_number(tmp_path):
    form = write(tmp_path, "2023.json", '{"forms": [{"year": 2023, "lines": {"1": 6500, "2": 0, "3": 6500, '
                                        '"14": 6500}}]}')
    _, ledger = init(tmp_path, "--from", form)
    text = ledger.read_text("utf-8")
    ours, examples = text.split("# ---- 2024:")
    placeholders = dict(re.findall(r"^# (\w+) = (.*)$", ours, re.MULTILINE))
    assert set(placeholders) == {"birth_date", "roth_contribution_basis", "roth_conversions", "first_roth_year"}
    assert all(value.startswith("...") for value in placeholders.values())
    assert set(tomllib.loads(text)["opening"][0]) == {"who", "year", "traditional_basis"}  # nothing guessed
    assert "# traditional = ...  " in examples and "December 31, 2024: box 5 of every Form 5498" in examples


def unwrapped(text: str) -> str:
    """The notes of a ledger as one text: a wrapped note goes on after "#   "."""
    return re.sub(r"\n#   ", " ", text)


def test_an_unreadable_form_is_exit_2_naming_the_file_and_nothing_is_written(tmp_path):
    junk = write(tmp_path, "scan.txt", "hello there")
    result, ledger = init(tmp_path, "--from", junk)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert result.stderr.startswith(f"error: {junk}: row 1: ")
    assert not ledger.exists()


def test_init_never_overwrites_a_file(tmp_path):
    existing = write(tmp_path, "new.toml", "mine\n")
    result = run("init", existing)
    assert result.exit_code == 2
    assert result.stderr == f"error: {existing} already exists; init never overwrites a file: give a new name\n"
    assert existing.read_text() == "mine\n"


def test_forms_of_three_people_or_two_different_forms_of_a_year_are_refused(tmp_path):
    forms = [write(tmp_path, f"{n}.json", json.dumps({"forms": [{"year": 2024, "person": who, "lines": {"14": n}}]}))
             for n, who in ((1, "you"), (2, "you"))]
    result, ledger = init(tmp_path, "--from", forms[0], "--from", forms[1])
    assert result.exit_code == 2 and "two different Forms 8606 of you for 2024: 1.json, form 1 and 2.json, form 1" \
        in result.stderr
    assert not ledger.exists()
    from form8606.check.theirs import TheirForm
    from form8606.errors import Form8606Error
    from form8606.intake import intake

    def named(name: str | None, ssn: str | None = None) -> TheirForm:
        return TheirForm(f"{name}.pdf", 2024, {"14": Decimal(1)}, name, ssn)

    with pytest.raises(Form8606Error, match=r"the forms are of 3 people \(Ann Lee, Bo Lee, Cy Lee\)"):
        intake([("f.pdf", [named("Ann Lee"), named("Bo Lee"), named("Cy Lee")])])
    with pytest.raises(Form8606Error, match="None.pdf: can't tell whose form this is: it prints no name or SSN, and "
                                            "the other forms are of Ann Lee and Bo Lee"):
        intake([("f.pdf", [named("Ann Lee"), named("Bo Lee"), named(None)])])
    # one person's forms, matched by name or by SSN (masked or not), whatever else they print
    taken = intake([("f.pdf", [named("ANN LEE", "XXX-XX-0001"), TheirForm("g.pdf", 2023, {}, None, "400-00-0001"),
                               TheirForm("h.csv", 2022, {})])])
    assert [(f.who, f.year) for f in taken.filed] == [("you", 2022), ("you", 2023), ("you", 2024)]
    assert [(p.who, p.name, p.ssn) for p in taken.people] == [("you", "ANN LEE", "400-00-0001")]


@pytest.mark.parametrize("couple", [False, True])
def test_without_forms_a_commented_start_that_compute_takes_as_it_is(tmp_path, couple):
    result, ledger = init(tmp_path, *(["--couple"] if couple else []))
    assert result.exit_code == 0, result.output
    text = ledger.read_text("utf-8")
    assert text.startswith("#:schema ./form8606.schema.json\n") and schema_errors(text) == []
    book = load_text(text)
    assert list(book.people) == (["you", "spouse"] if couple else ["you"])
    assert not any(book.entries(kind) for kind in ("opening", "contribution", "year_end"))
    computed = run("compute", ledger)
    assert computed.exit_code == 0 and computed.stdout == "No Form 8606: the ledger has no events to report.\n"
    # the commented examples are ledger entries once uncommented
    examples = re.sub(r"^# (\[\[|who|date|to|amount|year|traditional_basis =)", r"\1", text, flags=re.MULTILINE)
    assert tomllib.loads(examples.replace("= ...", "= 0"))["contribution"][0]["amount"] == 7000


def test_every_ledger_init_writes_is_valid_against_the_schema(tmp_path):
    forms = three_years(tmp_path)
    _, ledger = init(tmp_path, *[a for f in forms for a in ("--from", f)], "--keep-ssn")
    assert schema_errors(ledger.read_text("utf-8")) == []


def test_a_hostile_name_reaches_the_ledger_as_text(tmp_path):
    form = write(tmp_path, "f.csv", "1,7000\n3,7000\n14,7000\n")
    from form8606.check.theirs import TheirForm
    from form8606.intake import intake
    from form8606.render.ledger_toml import intake_ledger

    name = 'Eve "\x1b[31m" \\ Smith\n[people.spouse]'
    taken = intake([(str(form), [TheirForm("f.csv", 2024, {"14": Decimal(7000)}, name, "400-00-0001")])])
    book = load_text(intake_ledger(taken, keep_ssn=True, couple=False))
    assert book.people["you"].name == 'Eve " [31m" \\ Smith [people.spouse]' and list(book.people) == ["you"]


def test_year_only_labels_a_form(tmp_path):
    result = run("init", tmp_path / "x.toml", "--year", "2024")
    assert result.exit_code == 2 and "--year labels a form read with --from" in result.stderr


def test_the_lines_of_a_form_survive_the_round_trip(tmp_path):
    """What init read is what the PDF holds: every line of the filled form."""
    body = opening(2022, 5000) + contribution(2023, 6500)
    prior = filed_pdf(tmp_path, body, 2023)
    from form8606.check.run import read_theirs

    (form,) = read_theirs(prior)
    (ours,) = forms_of(body, HEADER)
    assert form.lines == lines_of(ours) and form.year == 2023 and form.name == "Alex Rivera"


def test_the_season_page_shows_what_init_writes():
    """docs/season.md: the ledger and the summary of `init --from rivera-2024.pdf`, a return printed
    to PDF whose 2024 backdoor met a rollover IRA (line 10 = 0.10000)."""
    from form8606.check.theirs import TheirForm
    from form8606.intake import intake
    from form8606.render.ledger_toml import intake_ledger, summary
    from tests.test_docs import BLOCKS

    lines = {"1": 7000, "2": 0, "3": 7000, "4": 0, "5": 7000, "6": 63000, "7": 0, "8": 7000, "9": 70000,
             "10": "0.10000", "11": 700, "12": 0, "13": 700, "14": 6300, "15a": 0, "15b": 0, "15c": 0, "16": 7000,
             "17": 700, "18": 6300}
    form = TheirForm("rivera-2024.pdf, pages 5-6", 2024, {k: Decimal(str(v)) for k, v in lines.items()},
                     "ALEX RIVERA", "XXX-XX-0001")
    taken = intake([("rivera-2024.pdf", [form])])
    assert taken.findings == ()
    text = intake_ledger(taken, keep_ssn=False, couple=False)
    (shown,) = [body for doc, _, body, _ in BLOCKS if doc == "season.md"]
    assert text.startswith(shown.split("# ---- 2025 ")[0])
    season = (Path(__file__).resolve().parent.parent / "docs" / "season.md").read_text("utf-8")
    assert f"```text\n{summary(taken, 'rivera.toml', text)}\n" in season


def test_a_spouse_s_form_alone_still_gives_a_ledger_with_you(tmp_path):
    form = write(tmp_path, "f.json", '{"forms": [{"year": 2024, "person": "spouse", "lines": {"1": 7000, "3": 7000, '
                                     '"14": 7000}}]}')
    result, ledger = init(tmp_path, "--from", form)
    assert result.exit_code == 0, result.output
    book = load_text(ledger.read_text("utf-8"))
    assert list(book.people) == ["you", "spouse"] and [o.who for o in book.opening] == ["spouse"]


def test_couple_adds_the_spouse_the_forms_dont_show(tmp_path):
    form = write(tmp_path, "2024.json", '{"forms": [{"year": 2024, "lines": {"1": 7000, "3": 7000, "14": 7000}}]}')
    result, ledger = init(tmp_path, "--from", form, "--couple")
    assert result.exit_code == 0, result.output
    text = ledger.read_text("utf-8")
    assert list(load_text(text).people) == ["you", "spouse"] and '# who = "spouse"\n# year = 2025' in text
