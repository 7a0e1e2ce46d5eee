"""`check` against forms made by other programs: the official 2023 and 2025 forms filled with
pdftk `fill_form` (editable and flattened), flattened with qpdf `--flatten-annotations=all`,
rewritten with pdftocairo `-pdf` (from pdftk's form and from form8606's own `fill --flatten`).
One line is planted different in each; `check` finds exactly that line, and line 10 (a whole
digit and decimals in separate boxes) reads as one ratio, whoever drew it.

The tools are installed by .ci/run (pdftk-java, qpdf, poppler-utils); docs/checking.md lists them.
"""

from __future__ import annotations

import json
import subprocess
from decimal import Decimal
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from click.testing import CliRunner

from form8606.check.theirs import parse_figure
from form8606.cli import main
from form8606.ledger import load_ledger
from form8606.pdf.fill import Template
from form8606.pipeline import compute

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
# (ledger, year, planted line, the planted figure as the boxes take it)
FORMS = {
    2023: (FIXTURES / "married-couple.toml", "6", "25,000"),  # ours: 0, line 10 1.00000
    2025: (FIXTURES / "backdoor-clean.toml", "10", ("0", "94403")),  # ours: 0.99986
}
PLANTED = {"6": Decimal(25000), "10": Decimal("0.94403")}


def run(*args, cwd: Path | None = None) -> None:
    subprocess.run([str(a) for a in args], check=True, capture_output=True, timeout=120, cwd=cwd)


def _xfdf(values: dict[str, str]) -> str:
    fields = "".join(f'<field name="{escape(k)}"><value>{escape(v)}</value></field>' for k, v in values.items())
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<xfdf xmlns="http://ns.adobe.com/xfdf/" xml:space="preserve">'
            f"<fields>{fields}</fields></xfdf>\n")


def _ours(year: int):
    ledger, _, _ = FORMS[year]
    return next(f for f in compute(load_ledger(ledger)).forms if (f.year, f.person) == (year, "you"))


def _planted_values(year: int) -> dict[str, str]:
    """Our figures in the official form's fields, one line changed."""
    _, line, figure = FORMS[year]
    template = Template.load(year)
    values = template.values(_ours(year))
    target = template.fmap.fields[line]
    for field, text in zip(target, figure) if isinstance(target, tuple) else ((target, figure),):
        values[field] = text
    return values


def _pdftk(year: int, folder: Path, flatten: bool) -> Path:
    blank, data = folder / "blank.pdf", folder / "values.xfdf"
    blank.write_bytes(Template.load(year).data)
    data.write_text(_xfdf(_planted_values(year)), "utf-8")
    out = folder / f"pdftk{'-flat' if flatten else ''}.pdf"
    run("pdftk", blank, "fill_form", data, "output", out, *(["flatten"] if flatten else []))
    return out


def pdftk_editable(year: int, folder: Path) -> Path:
    return _pdftk(year, folder, flatten=False)


def pdftk_flattened(year: int, folder: Path) -> Path:
    return _pdftk(year, folder, flatten=True)


def qpdf_flattened(year: int, folder: Path) -> Path:
    out = folder / "qpdf.pdf"
    run("qpdf", "--flatten-annotations=all", pdftk_editable(year, folder), out)
    return out


def pdftocairo_of_pdftk(year: int, folder: Path) -> Path:
    out = folder / "cairo.pdf"
    run("pdftocairo", "-pdf", pdftk_editable(year, folder), out)
    return out


def pdftocairo_of_our_flatten(year: int, folder: Path) -> Path:
    """form8606's own flattened form (as `fill --flatten` writes it, one line planted), rewritten by pdftocairo."""
    ours = folder / "ours-flat.pdf"
    ours.write_bytes(Template.load(year).fill_values(_planted_values(year), flatten=True))
    out = folder / "cairo-ours.pdf"
    run("pdftocairo", "-pdf", ours, out)
    return out


PRODUCERS = [pdftk_editable, pdftk_flattened, qpdf_flattened, pdftocairo_of_pdftk, pdftocairo_of_our_flatten]


@pytest.mark.parametrize("year", sorted(FORMS))
@pytest.mark.parametrize("produce", PRODUCERS, ids=lambda p: p.__name__)
def test_check_finds_exactly_the_planted_line(produce, year, tmp_path):
    ledger, line, _ = FORMS[year]
    result = CliRunner().invoke(main, ["check", str(ledger), "--against", str(produce(year, tmp_path)),
                                       "--format", "json"])
    assert result.exit_code == 1, result.output
    (checked,) = json.loads(result.stdout, parse_float=Decimal)["forms"]
    assert (checked["person"], checked["year"]) == ("you", year)
    theirs = {c["line"]: c["theirs"] for c in checked["lines"]}
    ours = {k: v.value for k, v in _ours(year).lines.items()}
    assert theirs == {**ours, line: PLANTED[line]}  # every figure read, line 10 as one ratio
    (differs,) = [c for c in checked["lines"] if c["status"] != "agrees"]
    assert differs["line"] == line and differs["status"] == "differs" and differs["causes"]


@pytest.mark.parametrize("printed, ratio", [
    ("0.94403", "0.94403"), ("0 . 94403", "0.94403"), ("1 . 00000", "1.00000"), ("× 1 . 00000", "1.00000"),
    ("0 10000 .", "0.10000"),  # pdftocairo: both boxes in one piece of text, left of the printed point
    (". 94403", "0.94403"), (".94403", "0.94403"), ("94403", "0.94403"), ("1", "1"), ("1 .", "1"), ("0", "0"),
    ("0.124", "0.124"),
])
def test_line_10_reads_as_one_ratio_however_it_is_drawn(printed, ratio):
    value = parse_figure(printed, "10")
    assert value == Decimal(ratio) and str(value) == ratio


@pytest.mark.parametrize("printed", [" . ", "", "."])
def test_line_10_blank(printed):
    assert parse_figure(printed, "10") is None


@pytest.mark.parametrize("printed", ["0 1 2", "12 345", "0.1234567890123", "NaN", "-0.5", "1e-3"])
def test_line_10_that_is_no_ratio_is_refused(printed):
    from form8606.errors import Form8606Error

    with pytest.raises(Form8606Error, match="line 10"):
        parse_figure(printed, "10")
