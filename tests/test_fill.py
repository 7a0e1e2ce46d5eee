"""Filled official PDFs: the values in the fields, what a person sees (poppler + tesseract,
and PDFium, Chromium's engine), the field maps, and the file-writing rules."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from form8606.ledger import load_text
from form8606.pdf import fieldmap
from form8606.pdf.fill import Template, amount_text
from form8606.pipeline import compute
from tests.helpers import DATA, another_fillable_form, run

SHIPPED = fieldmap.shipped_years()

# A ledger that fills Parts I, II and III in any year Y: prior basis, a contribution, a
# distribution, a conversion against a pre-tax balance, and a Roth distribution at 44.
LEDGER = """version = 1
[people.you]
name = "Alex Rivera"
ssn = "123-45-6789"
birth_date = 1980-06-30
[[opening]]
who = "you"
year = {prev}
traditional_basis = 12000
roth_contribution_basis = 3000
first_roth_year = 2015
[[contribution]]
who = "you"
date = {y}-02-03
to = "traditional"
amount = 6000
[[distribution]]
who = "you"
date = {y}-05-01
from = "traditional"
amount = 5000
[[conversion]]
who = "you"
date = {y}-06-01
amount = 7000
[[distribution]]
who = "you"
date = {y}-08-01
from = "roth"
amount = 12000
[[year_end]]
who = "you"
year = {y}
traditional = 41234.56
"""


def form_for(year: int):
    (form,) = compute(load_text(LEDGER.format(y=year, prev=year - 1))).forms
    return form


def read_fields(data: bytes) -> dict[str, str]:
    fields = PdfReader(BytesIO(data)).get_fields() or {}
    return {name: str(f.get("/V")) for name, f in fields.items() if f.get("/V") not in (None, "", "/Off")}


def test_the_shipped_years():
    assert SHIPPED == [2018, 2021, 2022, 2023, 2025]


def boxes_of(label: str, fmap: dict) -> tuple[str, ...]:
    """The field names of a line: one box, or a dollars box and a cents box (2018)."""
    target = fmap[label]
    return target if isinstance(target, tuple) else (target,)


def expected_texts(form, fmap: dict) -> dict[str, str]:
    """Each amount box as the IRS prints it: whole dollars with commas; a cents box "00"."""
    out = {}
    for label, line in form.lines.items():
        if label != "10":
            dollars, *cents = boxes_of(label, fmap)
            out[dollars] = amount_text(line.value, form.unit)
            out.update({c: "00" for c in cents})
    return out


@pytest.mark.parametrize("year", SHIPPED)
def test_round_trip_every_line_in_its_field(year):
    form = form_for(year)
    template = Template.load(year)
    got = read_fields(template.fill(form))
    fmap = template.fmap.fields
    assert got.pop(fmap["name"]) == "Alex Rivera" and got.pop(fmap["ssn"]) == "123-45-6789"
    whole, decimals = fmap["10"]
    assert f"{got.pop(whole)}.{got.pop(decimals)}" == str(form.value("10"))
    assert got == expected_texts(form, fmap)
    assert {"1", "6", "14", "18", "19", "22", "25c"} <= set(form.lines)  # the case fills all three parts


def test_amounts_printed_like_the_irs():
    assert amount_text(Decimal(63000), Decimal(1)) == "63,000"
    assert amount_text(Decimal("1234567"), Decimal(1)) == "1,234,567"
    assert amount_text(Decimal("7000.12"), Decimal("0.01")) == "7,000.12"


def test_blank_lines_stay_blank_and_no_ssn_when_absent():
    text = LEDGER.format(y=2025, prev=2024).replace('ssn = "123-45-6789"\n', "")
    (form,) = compute(load_text(text)).forms
    template = Template.load(2025)
    got = read_fields(template.fill(form))
    assert template.fmap.fields["ssn"] not in got
    blank = [label for label in ("20", "21") if label not in form.lines]
    for label in blank:
        assert template.fmap.fields[label] not in got


def _ocr(pgm: Path, box: tuple[float, float, float, float], dpi: int, page_height: float) -> str:
    """Crop the inside of one widget's box (1 point in from each edge: the 2018 form's tight boxes
    have rules on their borders) out of the page image and read it with tesseract."""
    from_x, from_y, to_x, to_y = (round(v * dpi / 72) for v in (box[0] + 1, page_height - box[3] + 1,
                                                                 box[2] - 1, page_height - box[1] - 1))
    crop = pgm.with_name(f"{pgm.stem}-{from_x}-{from_y}.pgm")
    _crop_pgm(pgm, crop, (from_x, from_y, to_x, to_y))
    out = subprocess.run(["tesseract", str(crop), "-", "--psm", "7", "-c", "tessedit_char_whitelist=0123456789,.-"],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip().replace(" ", "")


def _crop_pgm(src: Path, dst: Path, box: tuple[int, int, int, int]) -> None:
    x0, y0, x1, y1 = box
    data = _read_pgm(src)
    width = data["width"]
    rows = data["rows"][y0:y1]
    pgm = b"P5\n%d %d\n255\n" % (x1 - x0, len(rows)) + b"".join(r[x0:x1] for r in rows)
    dst.write_bytes(pgm)
    assert width >= x1


def _read_pgm(path: Path) -> dict:
    raw = path.read_bytes()
    parts = raw.split(b"\n", 3)
    assert parts[0] == b"P5"
    width, height = map(int, parts[1].split())
    pixels = parts[3]
    return {"width": width, "rows": [pixels[i * width:(i + 1) * width] for i in range(height)]}


@pytest.mark.parametrize("year", SHIPPED)
def test_what_a_person_sees_poppler_and_tesseract(year, tmp_path):
    """Render page 1 with poppler and OCR every filled amount box of Part I."""
    assert shutil.which("pdftoppm") and shutil.which("tesseract"), ".ci/run installs poppler-utils and tesseract-ocr"
    form = form_for(year)
    template = Template.load(year)
    pdf = tmp_path / "f.pdf"
    pdf.write_bytes(template.fill(form))
    dpi = 300
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")],
                   check=True)
    (pgm,) = tmp_path.glob("p*.pgm")
    height = float(PdfReader(pdf).pages[0].mediabox.height)
    checked = 0
    expected = expected_texts(form, template.fmap.fields)
    for label in form.lines:
        if label == "10" or template.boxes[boxes_of(label, template.fmap.fields)[0]].page != 0:
            continue
        for field in boxes_of(label, template.fmap.fields):
            assert _ocr(pgm, template.boxes[field].rect, dpi, height) == expected[field], label
        checked += 1
    assert checked >= 13


@pytest.mark.parametrize("year", SHIPPED)
@pytest.mark.parametrize("flatten", [False, True])
def test_pdfium_chromiums_engine_draws_the_values(year, flatten, tmp_path):
    """PDFium (the engine of Chromium's PDF viewer) must show the values: the line 6 box is
    blank on the empty form and inked on the filled one."""
    import pypdfium2 as pdfium  # the test extra installs it
    form = form_for(year)
    template = Template.load(year)
    box = template.boxes[boxes_of("6", template.fmap.fields)[0]].rect

    def ink(data: bytes) -> int:
        doc = pdfium.PdfDocument(data)
        if not flatten:
            doc.init_forms()
        image = doc[0].render(scale=2, may_draw_forms=True)
        raw, stride = bytes(image.buffer), image.stride
        channels = stride // image.width
        x0, x1 = int(box[0] * 2) + 4, int(box[2] * 2) - 4
        top, bottom = int((792 - box[3]) * 2) + 4, int((792 - box[1]) * 2) - 4
        dark = 0
        for y in range(top, bottom):
            row = raw[y * stride: (y + 1) * stride]
            for x in range(x0, x1):
                if sum(row[x * channels: x * channels + 3]) < 3 * 160:
                    dark += 1
        return dark

    assert ink(template.data) == 0
    assert ink(template.fill(form, flatten=flatten)) > 50


def test_flattened_copy_has_no_fields_and_keeps_the_text(tmp_path):
    form = form_for(2025)
    flat = Template.load(2025).fill(form, flatten=True)
    reader = PdfReader(BytesIO(flat))
    assert not reader.get_fields()
    assert all(not [a for a in (p.get("/Annots") or []) if a.get_object().get("/Subtype") == "/Widget"]
               for p in reader.pages)
    path = tmp_path / "flat.pdf"
    path.write_bytes(flat)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Alex Rivera" in text and amount_text(form.value("6"), form.unit) in text


def test_field_map_script_reproduces_the_shipped_maps(capsys):
    assert fieldmap.main(["check"]) == 0


def test_field_maps_match_the_manifest_names():
    maps = fieldmap.load_maps()
    assert maps[2021].fields == maps[2022].fields == maps[2023].fields  # identical revisions share a map
    old, new = maps[2023].fields, maps[2025].fields
    assert old["1"].endswith("f1_9[0]") and new["1"].endswith("f1_09[0]")
    assert old["15a"].startswith("topmostSubform[0].Page1[0]") and new["15a"].endswith("Page2[0].f2_01[0]")
    assert new["25c"].endswith("f2_15[0]") and old["25c"].endswith("f2_12[0]")


def test_shipped_pdfs_are_the_official_ones():
    """Byte for byte the IRS's files: their SHA-256 as recorded in tests/data/irs-forms.sha256."""
    official = dict(line.split()[::-1] for line in (DATA / "irs-forms.sha256").read_text().splitlines())
    assert sorted(official) == [f"f8606-{year}.pdf" for year in SHIPPED]
    for year in SHIPPED:
        assert hashlib.sha256(fieldmap.template_pdf(year)).hexdigest() == official[f"f8606-{year}.pdf"]


def _without_field(year: int, field_suffix: str) -> bytes:
    """The official PDF with one amount box deleted: unmappable with certainty."""
    writer = PdfWriter(clone_from=BytesIO(fieldmap.template_pdf(year)))
    for page in writer.pages:
        annots = page.get("/Annots")
        if annots is None:
            continue
        keep = [a for a in annots if not str(a.get_object().get("/T", "")).startswith(field_suffix)]
        page[__import__("pypdf").generic.NameObject("/Annots")] = __import__("pypdf").generic.ArrayObject(keep)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def test_unmappable_pdf_is_refused_naming_the_lines():
    from form8606.errors import Form8606Error

    with pytest.raises(Form8606Error, match=r"line\(s\) 7\b"):
        fieldmap.map_pdf(_without_field(2025, "f1_15"), "broken.pdf")


@pytest.fixture
def ledger_2023(tmp_path) -> Path:
    path = tmp_path / "rivera.toml"
    path.write_text(LEDGER.format(y=2023, prev=2022))
    return path


def test_fill_command_writes_private_file_and_refuses_to_overwrite(ledger_2023, tmp_path):
    out = tmp_path / "out"
    result = run("fill", ledger_2023, "--year", 2023, "-o", out)
    assert result.exit_code == 0, result.output
    target = out / "rivera-f8606-2023-you.pdf"
    assert result.stdout.split() == [str(target), str(target.with_suffix(".html"))]
    assert stat.S_IMODE(target.stat().st_mode) == 0o600  # holds an SSN
    before = target.read_bytes()
    again = run("fill", ledger_2023, "--year", 2023, "-o", out)
    assert again.exit_code == 2 and "already exists; pass --force" in again.stderr
    assert target.read_bytes() == before
    assert run("fill", ledger_2023, "--year", 2023, "-o", out, "--force").exit_code == 0


def test_file_without_ssn_is_not_private(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text(LEDGER.format(y=2023, prev=2022).replace('ssn = "123-45-6789"\n', ""))
    assert run("fill", path, "-o", tmp_path).exit_code == 0
    mode = stat.S_IMODE((tmp_path / "a-f8606-2023-you.pdf").stat().st_mode)
    assert mode == 0o644 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_failure_leaves_nothing_half_written(ledger_2023, tmp_path, monkeypatch):
    def boom(*_):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    result = run("fill", ledger_2023, "-o", tmp_path / "out")
    assert result.exit_code != 0
    assert list((tmp_path / "out").iterdir()) == []  # neither the PDF nor a temporary file


def test_unsupported_year_says_so_and_form_pdf_maps_a_downloaded_form(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text(LEDGER.format(y=2024, prev=2023))
    result = run("fill", path, "-o", tmp_path)
    assert result.exit_code == 2
    assert "the official Form 8606 for 2024 is not shipped" in result.stderr and "--form-pdf" in result.stderr
    downloaded = tmp_path / "f8606-2023-download.pdf"
    downloaded.write_bytes(fieldmap.template_pdf(2023))
    wrong = run("fill", path, "--year", 2024, "--form-pdf", downloaded, "-o", tmp_path)
    assert wrong.exit_code == 2 and "is the form for 2023, not 2024" in wrong.stderr
    ok_ledger = tmp_path / "b.toml"
    ok_ledger.write_text(LEDGER.format(y=2023, prev=2022))
    ok = run("fill", ok_ledger, "--form-pdf", downloaded, "-o", tmp_path / "o")
    assert ok.exit_code == 0 and (tmp_path / "o" / "b-f8606-2023-you.pdf").exists()


def test_form_pdf_that_cannot_be_mapped_or_is_not_8606(tmp_path, ledger_2023):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(_without_field(2023, "f1_15"))
    result = run("fill", ledger_2023, "--form-pdf", broken, "-o", tmp_path)
    assert result.exit_code == 2 and "can't be mapped with certainty" in result.stderr and "7" in result.stderr
    other = tmp_path / "f5329.pdf"
    other.write_bytes(another_fillable_form())
    not_8606 = run("fill", ledger_2023, "--form-pdf", other, "-o", tmp_path)
    assert not_8606.exit_code == 2 and "not an official Form 8606" in not_8606.stderr
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.7\nnot really")
    bad = run("fill", ledger_2023, "--form-pdf", garbage, "-o", tmp_path)
    assert bad.exit_code == 2 and "Traceback" not in bad.output


def test_batch_names_by_ledger_stem_and_skips_a_bad_ledger(tmp_path, ledger_2023):
    bad = tmp_path / "broken.toml"
    bad.write_text("version = 1\n[people.you]\nname = 'B'\n[[conversion]]\nwho = 'you'\ndate = 2023-01-01\n")
    second = tmp_path / "okafor.toml"
    second.write_text(LEDGER.format(y=2023, prev=2022))
    result = run("fill", ledger_2023, bad, second, "--year", 2023, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "okafor-f8606-2023-you.html", "okafor-f8606-2023-you.pdf", "rivera-f8606-2023-you.html",
        "rivera-f8606-2023-you.pdf"]
    assert "broken.toml" in result.stderr and "3 ledgers: 2 written in full, 1 skipped" in result.stderr


@pytest.mark.parametrize("year", SHIPPED)
@pytest.mark.parametrize("flatten", [False, True])
def test_pdfjs_firefoxs_viewer_draws_the_values(year, flatten, tmp_path, pdfjs):
    """PDF.js (Firefox's viewer; the `pdfjs` fixture installs it) must show the filled values."""
    template = Template.load(year)
    box = template.boxes[boxes_of("6", template.fmap.fields)[0]].rect

    def ink(data: bytes) -> int:
        path = tmp_path / "f.pdf"
        path.write_bytes(data)
        out = subprocess.run(["node", str(pdfjs), str(path), *map(str, box)], capture_output=True, text=True,
                             check=True)
        return json.loads(out.stdout.strip().splitlines()[-1])["dark"]

    assert ink(template.data) == 0
    assert ink(template.fill(form_for(year), flatten=flatten)) > 50
