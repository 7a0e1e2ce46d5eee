"""Hostile files for the readers of `check --against` and `fill --form-pdf`, made at test time
(nothing large is checked in: big files are sparse or streamed, so they cost no disk).

Each case makes one file and says which command reads it and a piece of the message it must
give (exit 2, naming the file). tests/test_hostile_files.py runs them all; to look at them:

    python tests/hostile_corpus.py /tmp/corpus      # writes the files, prints the commands
"""

from __future__ import annotations

import os
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
)

from form8606.ledger import load_ledger
from form8606.pdf.fill import Template, pdf_literal
from form8606.pipeline import compute

LEDGER = Path(__file__).resolve().parent.parent / "fixtures" / "backdoor-prorata.toml"  # one 2025 form, you
YEAR = 2025
BIG = 10 * 1000 * 1000  # "10 MB" of digits
LONG = 1000 * 1000  # a figure or name far too long, where 10 MB only takes longer (pypdf parses strings in Python)
HUGE = 3 * 2**30  # a 3 GB file, sparse


@dataclass(frozen=True)
class Case:
    name: str  # also the file name
    command: str  # "check" (--against FILE) or "fill" (--form-pdf FILE)
    make: Callable[[Path], None]  # writes the file at the path
    expect: str  # a piece of the message
    timeout: float | None = None  # seconds (FORM8606_PDF_TIMEOUT), to see the limit without waiting 30 s

    def args(self, path: Path, outdir: Path) -> list[str]:
        if self.command == "check":
            return ["check", str(LEDGER), "--against", str(path)]
        return ["fill", str(LEDGER), "--form-pdf", str(path), "-o", str(outdir), "--no-worksheet"]


# ---- makers ---------------------------------------------------------------------------

def _write(data: bytes | str) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        path.write_bytes(data.encode() if isinstance(data, str) else data)
    return make


def _sparse(head: bytes) -> Callable[[Path], None]:
    def make(path: Path) -> None:
        with path.open("wb") as f:
            f.write(head)
            f.truncate(HUGE)
    return make


def _fifo(path: Path) -> None:
    os.mkfifo(path)  # nobody ever writes to it


def _filled(line: str = "", text: str = "") -> Callable[[Path], None]:
    """Our own filled 2025 form, with one field ("name" or a line) holding `text`."""
    def make(path: Path) -> None:
        template, values = _form()
        if line:
            values[template.fmap.fields[line]] = text
        path.write_bytes(template.fill_values(values))
    return make


def _drawn(line: str, text: str) -> Callable[[Path], None]:
    """Our own form flattened, with `text` drawn in one box ("name" or a line) at the usual
    size, as a return printed flat shows it (flattening would shrink it to fit)."""
    def make(path: Path) -> None:
        template, values = _form()
        box = template.boxes[template.fmap.fields[line]]
        values[template.fmap.fields[line]] = ""
        writer = PdfWriter(clone_from=BytesIO(template.fill_values(values, flatten=True)))
        stream = DecodedStreamObject()
        stream.set_data(b"BT /%s 9 Tf %.2f %.2f Td %s Tj ET" % (box.font, box.rect[0] + 2, box.rect[1] + 3,
                                                             pdf_literal(text.encode())))
        page = writer.pages[box.page]
        page[NameObject("/Contents")] = ArrayObject([*page["/Contents"], writer._add_object(stream)])
        out = BytesIO()
        writer.write(out)
        path.write_bytes(out.getvalue())
    return make


def _form() -> tuple[Template, dict[str, str]]:
    template = Template.load(YEAR)
    form = next(f for f in compute(load_ledger(LEDGER)).forms if f.year == YEAR)
    return template, template.values(form)


def _pdf(page: Callable[[PdfWriter], DictionaryObject | None] = lambda w: None) -> Callable[[Path], None]:
    """A one-page PDF; `page` may give the page more (returns extra entries)."""
    def make(path: Path) -> None:
        writer = PdfWriter()
        blank = writer.add_blank_page(612, 792)
        for key, value in (page(writer) or {}).items():
            blank[NameObject(key)] = value
        out = BytesIO()
        writer.write(out)
        path.write_bytes(out.getvalue())
    return make


def _image_page(writer: PdfWriter) -> dict:
    """A scanned page: an image drawn over the page, no text."""
    image = DecodedStreamObject()
    image.set_data(bytes([200]) * 64 * 64)
    image.update({NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Image"),
                  NameObject("/Width"): NumberObject(64), NameObject("/Height"): NumberObject(64),
                  NameObject("/ColorSpace"): NameObject("/DeviceGray"), NameObject("/BitsPerComponent"): NumberObject(8)})
    contents = DecodedStreamObject()
    contents.set_data(b"q 612 0 0 792 0 0 cm /Im0 Do Q")
    return {"/Resources": DictionaryObject({NameObject("/XObject"): DictionaryObject(
        {NameObject("/Im0"): writer._add_object(image)})}), "/Contents": writer._add_object(contents)}


def _flate_bomb(path: Path) -> None:
    """A page whose content stream inflates to 2 GiB of zeros (2 MB on disk): one deflate block
    of 1 MiB repeated (each ends with a full flush, so they are alike), the checksum computed."""
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = squeeze.compress(bytes(2**20)) + squeeze.flush(zlib.Z_FULL_FLUSH)
    size = 2**31
    adler = (size % 65521) << 16 | 1  # Adler-32 of `size` zero bytes (RFC 1950)
    body = b"\x78\xda" + block * (size // 2**20) + squeeze.flush() + adler.to_bytes(4, "big")
    _raw_pdf(path, b"<</Length %d/Filter/FlateDecode>>stream\n" % len(body) + body + b"\nendstream")


def _deep_pdf(path: Path) -> None:
    """A page content array nested a million deep."""
    _raw_pdf(path, b"[" * 10**6 + b"]" * 10**6)


def _raw_pdf(path: Path, contents: bytes) -> None:
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
               b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>", contents]
    out, offsets = BytesIO(), []
    out.write(b"%PDF-1.7\n")
    for n, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path.write_bytes(out.getvalue())


def _json_form(value: str) -> str:
    """compute's JSON shape with line 6 written as `value` (raw JSON text)."""
    return '{"forms": [{"person": "you", "year": 2025, "lines": {"1": 7000, "6": %s}}]}' % value


def _csv_form(value: str) -> str:
    return f"line,amount\n1,7000\n6,{value}\n"


# ---- the corpus -----------------------------------------------------------------------

NOT_A_NUMBER = "is not a number"
TOO_LONG = "characters is not a number"

CASES: list[Case] = [
    # files that are not forms
    Case("empty.pdf", "check", _write(b""), "is empty"),
    Case("scan.pdf", "check", _pdf(_image_page), "a scan? OCR is not supported"),
    Case("printed-blank.pdf", "check", _pdf(), "printed blank"),
    Case("blank-form.pdf", "check", lambda p: p.write_bytes(Template.load(YEAR).data), "is blank"),
    Case("binary.dat", "check", _write(bytes(range(256)) * 64), "not a PDF, JSON or CSV"),
    # hostile figures in a PDF: in the form fields, and drawn flat on the page
    Case("field-10mb-digits.pdf", "check", _filled("6", "9" * BIG), TOO_LONG),
    *[Case(f"field-{text}.pdf", "check", _filled("6", text), NOT_A_NUMBER)
      for text in ("NaN", "Infinity", "sNaN", "1e400")],
    Case("flat-long-digits.pdf", "check", _drawn("6", "9" * LONG), TOO_LONG),
    Case("field-long-name.pdf", "check", _filled("name", "A" * LONG), "it is not a name"),
    Case("flat-long-name.pdf", "check", _drawn("name", "A" * LONG), "it is not a name"),
    # malformed PDFs
    Case("flate-bomb.pdf", "check", _flate_bomb, "can't be read"),
    Case("deep.pdf", "check", _deep_pdf, "can't be read"),
    # JSON
    Case("10mb-digits.json", "check", _write(_json_form("9" * BIG)), "not a Form 8606 figure"),
    Case("10mb-digits-string.json", "check", _write(_json_form(f'"{"9" * BIG}"')), TOO_LONG),
    *[Case(f"{name}.json", "check", _write(_json_form(value)), message) for name, value, message in (
        ("NaN", "NaN", NOT_A_NUMBER), ("Infinity", "-Infinity", NOT_A_NUMBER), ("sNaN", '"sNaN"', NOT_A_NUMBER),
        ("1e400", "1e400", "too large"), ("1e400-string", '"1e400"', NOT_A_NUMBER))],
    Case("many-forms.json", "check", _write('{"forms": [%s]}' % ", ".join(['{"lines": {}}'] * 10**5)),
         "forms in it, more than"),
    Case("deep.json", "check", _write('{"forms": ' + "[" * 10**6 + "]" * 10**6 + "}"), "too deeply"),
    Case("huge.json", "check", _sparse(b'{"forms": []}'), "larger than 64 MB"),
    # CSV
    Case("10mb-digits.csv", "check", _write(_csv_form("9" * BIG)), "can't be read as CSV"),
    *[Case(f"{value}.csv", "check", _write(_csv_form(value)), NOT_A_NUMBER)
      for value in ("NaN", "Infinity", "sNaN", "1e400")],
    Case("10mb-label.csv", "check", _write(f"{'7' * 100_000},1\n"), "is not a Form 8606 line"),
    Case("rows-again.csv", "check", _write("1,7000\n" * 100_000), "line 1 again"),
    Case("huge.csv", "check", _sparse(b"line,amount\n"), "larger than 64 MB"),
    # what is not a regular file, and size before reading
    Case("huge.pdf", "check", _sparse(b"%PDF-1.7\n"), "larger than 64 MB"),
    Case("fifo", "check", _fifo, "did not end within 1 s", timeout=1),
    # fill --form-pdf: the same limits
    Case("form-empty.pdf", "fill", _write(b""), "is empty"),
    Case("form-huge.pdf", "fill", _sparse(b"%PDF-1.7\n"), "larger than 64 MB"),
    Case("form-scan.pdf", "fill", _pdf(_image_page), "not an official Form 8606"),
    Case("form-flate-bomb.pdf", "fill", _flate_bomb, "can't be read"),
    Case("form-deep.pdf", "fill", _deep_pdf, "can't be read"),
    Case("form-fifo", "fill", _fifo, "did not end within 1 s", timeout=1),
    Case("form-slow.pdf", "fill", lambda p: p.write_bytes(Template.load(YEAR).data), "took longer than",
         timeout=0.05),
]


def main(folder: str) -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    for case in CASES:
        path = out / case.name
        if path.exists() or path.is_fifo():
            path.unlink()
        case.make(path)
        env = f"FORM8606_PDF_TIMEOUT={case.timeout:g} " if case.timeout else ""
        print(f"{env}form8606 {' '.join(case.args(path, out / 'filled'))}")


if __name__ == "__main__":
    main(sys.argv[1])
