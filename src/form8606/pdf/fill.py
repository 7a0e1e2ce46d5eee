"""Fill the official Form 8606 PDF: values plus appearance streams, as an incremental update.

The template is parsed once per process (Template.load is cached). Filling a form then only
appends new versions of the touched objects to the unchanged original bytes: each filled
widget gets /V and an appearance stream (/AP), so poppler, PDF.js and PDFium (Chromium) show
the values without regenerating them; the catalog loses the XFA form and the usage-rights
signature (/Perms), which the change would invalidate. `flatten` instead draws the same
appearance streams into the page content and drops the form fields.
"""

from __future__ import annotations

import io
import logging
import re
import zlib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject, NameObject

from form8606.calc.result import FormResult
from form8606.errors import Form8606Error
from form8606.lines import RATIO_LINE
from form8606.money import CENT, fmt_money
from form8606.pdf.bounded import child_main, in_child, read_input
from form8606.pdf.fieldmap import (
    FieldMap,
    load_maps,
    map_pdf,
    shipped_years,
    template_pdf,
)

logging.getLogger("pypdf").setLevel(logging.ERROR)

# Floats here are PDF geometry (points, matrices, font sizes), never money.
PADDING = 2.0  # points between the box edge and the text, as viewers draw it
DA = re.compile(rb"/([^\s/]+)\s+([\d.]+)\s+Tf(.*)$")


@dataclass(frozen=True)
class Box:
    """One text widget of the template, with what its appearance needs."""

    number: int  # object number of the widget (a merged field/annotation dictionary)
    page: int
    rect: tuple[float, float, float, float]
    align: int  # /Q: 0 left, 1 centred, 2 right
    head: bytes  # the widget dictionary as written, without /V, /AP and the closing ">>"
    font: bytes  # resource name of the font in /DA, e.g. b"HelveticaLTStd-Bold"
    size: float
    color: bytes  # colour operators from /DA


@dataclass(frozen=True)
class Page:
    number: int
    head: bytes  # page dictionary without /Annots, /Contents, /Resources and ">>"
    contents: bytes  # the original /Contents value, serialized
    resources: DictionaryObject
    annots: tuple[bytes, ...]  # serialized references of the annotations that are not form widgets


class Template:
    """A parsed official PDF and its field map; reused for every form of its year."""

    def __init__(self, data: bytes, fmap: FieldMap):
        self.data, self.fmap = data, fmap
        reader = PdfReader(io.BytesIO(data))
        trailer = reader.trailer
        self.size = int(trailer["/Size"])
        self.prev = _startxref(data)
        self.root = trailer.raw_get("/Root").idnum
        self.info = trailer.raw_get("/Info").idnum if "/Info" in trailer else None
        ids = trailer.get("/ID")
        self.file_id = bytes(ids[0].original_bytes) if ids else b"form8606"
        catalog = reader.trailer["/Root"]
        self.catalog = _without(catalog, "/Perms", "/AcroForm")
        form = catalog.raw_get("/AcroForm")
        self.acroform_ref = form.idnum if isinstance(form, IndirectObject) else None
        self.acroform = _without(catalog["/AcroForm"], "/XFA", "/NeedAppearances")
        self.fonts = catalog["/AcroForm"]["/DR"]["/Font"]
        self.boxes = self._boxes(reader)
        self.pages = self._pages(reader)
        self.widths = {name: self._widths(name) for name in {b.font for b in self.boxes.values()}}

    @classmethod
    @cache
    def load(cls, year: int) -> Template:
        maps = load_maps()
        if year not in maps:
            raise Form8606Error(f"the official Form 8606 for {year} is not shipped with form8606 (shipped: "
                                f"{', '.join(map(str, shipped_years()))}); download the fillable form from the IRS "
                                "and pass it with --form-pdf PATH")
        return cls(template_pdf(year), maps[year])

    @classmethod
    def from_file(cls, path: Path) -> Template:
        """A form the user gives (--form-pdf): read once, then mapped and parsed first in a
        process with bounded time and memory (pdf.bounded), as a file from elsewhere may be
        hostile; only a file that passed is parsed here."""
        data = read_input(path)
        answer = in_child("form8606.pdf.fill", data, str(path))
        fields = {k: tuple(v) if isinstance(v, list) else v for k, v in answer["fields"].items()}
        return cls(data, FieldMap(answer["year"], fields))

    @classmethod
    def checked(cls, data: bytes, name: str) -> dict:
        """The reading process of from_file: the whole template built once, its map as JSON."""
        try:
            fmap = map_pdf(data, name)
            cls(data, fmap)
        except Form8606Error as exc:  # map_pdf names the file in some messages
            raise Form8606Error(str(exc) if str(exc).startswith(name) else f"{name}: {exc}") from None
        return {"year": fmap.year, "fields": fmap.fields}

    def _boxes(self, reader: PdfReader) -> dict[str, Box]:
        wanted = {n for v in self.fmap.fields.values() for n in (v if isinstance(v, tuple) else (v,))}
        boxes = {}
        for page_no, page in enumerate(reader.pages):
            for ref in page.get("/Annots") or []:
                widget = ref.get_object()
                name = _full_name(widget)
                if name not in wanted:
                    continue
                da = DA.search(str(widget.get("/DA", "")).encode())
                if not da:
                    raise Form8606Error(f"field {name} has no default appearance (/DA)")
                rect = tuple(float(v) for v in widget["/Rect"])
                boxes[name] = Box(ref.idnum, page_no, (min(rect[0], rect[2]), min(rect[1], rect[3]),
                                                       max(rect[0], rect[2]), max(rect[1], rect[3])),
                                  int(widget.get("/Q", 0)), _without(widget, "/V", "/AP")[:-2],
                                  da.group(1), float(da.group(2)), da.group(3).strip())
        missing = wanted - set(boxes)
        if missing:
            raise Form8606Error(f"the PDF lacks the mapped fields {', '.join(sorted(missing))}")
        return boxes

    def _pages(self, reader: PdfReader) -> list[Page]:
        out = []
        for page in reader.pages:
            keep = tuple(_serialize(ref) for ref in page.get("/Annots") or []
                         if ref.get_object().get("/Subtype") != "/Widget")
            out.append(Page(page.indirect_reference.idnum, _without(page, "/Annots", "/Contents", "/Resources")[:-2],
                            _serialize(page.raw_get("/Contents")), page.get("/Resources") or DictionaryObject(), keep))
        return out

    def _widths(self, font: bytes) -> dict[int, float]:
        """Glyph widths (per 1000 em) of the /DA font, to right-align and centre text."""
        spec = self.fonts.get("/" + font.decode())
        if spec is None:
            raise Form8606Error(f"the PDF's form font /{font.decode()} is missing from /DR")
        spec = spec.get_object()
        first, widths = int(spec.get("/FirstChar", 0)), spec.get("/Widths") or []
        return {first + i: float(w) for i, w in enumerate(widths)}

    def values(self, form: FormResult) -> dict[str, str]:
        """Field name -> text, for the identity fields and every line the form has."""
        out = {self.fmap.fields["name"]: form.name}
        if form.ssn:
            out[self.fmap.fields["ssn"]] = form.ssn
        for label, line in form.lines.items():
            target = self.fmap.fields[label]
            if label == RATIO_LINE:
                whole, _, decimals = str(line.value).partition(".")
                out[target[0]], out[target[1]] = whole, decimals
            elif isinstance(target, tuple):  # a dollars box and a cents box (the 2018 form)
                out[target[0]], out[target[1]] = dollars_and_cents(line.value)
            else:
                out[target] = amount_text(line.value, form.unit)
        return out

    def fill(self, form: FormResult, flatten: bool = False) -> bytes:
        return self.fill_values(self.values(form), flatten)

    def fill_values(self, values: dict[str, str], flatten: bool = False) -> bytes:
        update = _Update(self.data, self.size)
        drawn: dict[int, list[tuple[Box, bytes]]] = {}
        for name, text in values.items():
            box = self.boxes[name]
            ops = self._text_ops(box, text)
            if flatten:
                drawn.setdefault(box.page, []).append((box, ops))
                continue
            stream = update.add(self._appearance(box, ops))
            update.put(box.number, box.head + b"/V " + pdf_string(text) + b"/AP<</N %d 0 R>>>>" % stream)
        if flatten:
            self._flatten(update, drawn)
            update.put(self.root, self.catalog[:-2] + b">>")
        else:
            form_ref = self.acroform_ref or update.add_dict(self.acroform)
            if self.acroform_ref:
                update.put(self.acroform_ref, self.acroform)
            update.put(self.root, self.catalog[:-2] + b"/AcroForm %d 0 R>>" % form_ref)
        return update.finish(self.prev, self.root, self.info, self.file_id)

    def _text_ops(self, box: Box, text: str) -> bytes:
        """The text drawn in the box, in the box's own coordinates, aligned as /Q says."""
        x0, y0, x1, y1 = box.rect
        width, height = x1 - x0, y1 - y0
        encoded = text.encode("cp1252", errors="replace")
        size = box.size
        advance = sum(self.widths[box.font].get(c, 556.0) for c in encoded) * size / 1000
        if advance > width - 2 * PADDING:  # shrink to fit, as viewers do for auto-sized text
            size, advance = size * (width - 2 * PADDING) / advance, width - 2 * PADDING
        x = {0: PADDING, 1: (width - advance) / 2, 2: width - PADDING - advance}.get(box.align, PADDING)
        y = (height - size * 0.72) / 2  # cap height of Helvetica is about 0.72 em
        return b"BT /%s %s Tf %s %s %s Td %s Tj ET" % (box.font, _num(size), box.color, _num(max(x, 0.5)),
                                                      _num(y), pdf_literal(encoded))

    def _font_ref(self, box: Box) -> bytes:
        return _serialize(self.fonts.raw_get("/" + box.font.decode()))

    def _appearance(self, box: Box, ops: bytes) -> bytes:
        x0, y0, x1, y1 = box.rect
        body = b"/Tx BMC q " + ops + b" Q EMC"
        return (b"<</Type/XObject/Subtype/Form/BBox[0 0 %s %s]/Resources<</Font<</%s %s>>>>/Length %d>>stream\n"
                % (_num(x1 - x0), _num(y1 - y0), box.font, self._font_ref(box), len(body)) + body + b"\nendstream")

    def _flatten(self, update: _Update, drawn: dict[int, list[tuple[Box, bytes]]]) -> None:
        """Draw the values as page text (as tax software prints a return) and drop the fields."""
        for index, page in enumerate(self.pages):
            shown = drawn.get(index, [])
            ops = b"".join(b"q 1 0 0 1 %s %s cm %s Q\n" % (_num(b.rect[0]), _num(b.rect[1]), o) for b, o in shown)
            start = update.add(b"<</Length 2>>stream\nq\nendstream")
            end = update.add(b"<</Length %d>>stream\nQ\n%sendstream" % (len(ops) + 2, ops))
            contents = self._contents(page.contents)
            resources = DictionaryObject(page.resources)
            fonts = DictionaryObject(resources.get("/Font") or {})
            for box, _ in shown:
                fonts[NameObject("/" + box.font.decode())] = self.fonts.raw_get("/" + box.font.decode())
            resources[NameObject("/Font")] = fonts
            update.put(page.number, page.head + b"/Contents[%d 0 R %s %d 0 R]/Resources%s/Annots[%s]>>" % (
                start, contents, end, _serialize(resources), b" ".join(page.annots)))

    @staticmethod
    def _contents(serialized: bytes) -> bytes:
        return serialized[1:-1] if serialized.startswith(b"[") else serialized


class _Update:
    """Objects appended to a PDF as an incremental update with a cross-reference stream."""

    def __init__(self, original: bytes, size: int):
        self.buffer = io.BytesIO()
        self.buffer.write(original)
        if not original.endswith(b"\n"):
            self.buffer.write(b"\n")
        self.next = size
        self.offsets: dict[int, int] = {}

    def put(self, number: int, body: bytes) -> None:
        self.offsets[number] = self.buffer.tell()
        self.buffer.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))

    def add(self, body: bytes) -> int:
        number, self.next = self.next, self.next + 1
        self.put(number, body)
        return number

    def add_dict(self, body: bytes) -> int:
        return self.add(body)

    def finish(self, prev: int, root: int, info: int | None, file_id: bytes) -> bytes:
        number = self.next
        self.offsets[number] = self.buffer.tell()
        entries = sorted(self.offsets.items())
        index, rows, run = [], [], None
        for num, offset in entries:
            if run is None or num != run[0] + run[1]:
                run = [num, 0]
                index.append(run)
            run[1] += 1
            rows.append(b"\x01" + offset.to_bytes(4, "big") + b"\x00\x00")
        data = zlib.compress(b"".join(rows))
        index_text = b" ".join(b"%d %d" % (a, n) for a, n in index)
        info_text = b"/Info %d 0 R" % info if info else b""
        fid = pdf_hex(file_id)
        self.buffer.write(b"%d 0 obj\n<</Type/XRef/Size %d/Index[%s]/W[1 4 2]/Prev %d/Root %d 0 R%s/ID[%s %s]"
                          b"/Filter/FlateDecode/Length %d>>stream\n" % (
                              number, number + 1, index_text, prev, root, info_text, fid, fid, len(data)))
        self.buffer.write(data + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % self.offsets[number])
        return self.buffer.getvalue()


def amount_text(value: Decimal, unit: Decimal) -> str:
    """Amounts as the IRS prints them: commas, no dollar sign."""
    return fmt_money(value, unit)


def dollars_and_cents(value: Decimal) -> tuple[str, str]:
    """An amount for a form with a cents box: "1,234" and "56"; a whole-dollar amount has "00"."""
    dollars, _, cents = fmt_money(value, CENT).partition(".")
    return dollars, cents


def pdf_string(text: str) -> bytes:
    """A PDF text string for /V: PDFDocEncoding-compatible Latin-1, else UTF-16BE."""
    try:
        return pdf_literal(text.encode("latin-1"))
    except UnicodeEncodeError:
        return pdf_hex(b"\xfe\xff" + text.encode("utf-16-be"))


def pdf_literal(raw: bytes) -> bytes:
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)").replace(b"\r", b"\\r") + b")"


def pdf_hex(raw: bytes) -> bytes:
    return b"<" + raw.hex().encode() + b">"


def _num(value: float) -> bytes:
    return (b"%.3f" % value).rstrip(b"0").rstrip(b".") or b"0"


def _serialize(obj) -> bytes:
    out = io.BytesIO()
    obj.write_to_stream(out)
    return out.getvalue()


def _without(d: DictionaryObject, *keys: str) -> bytes:
    copy = DictionaryObject({k: v for k, v in d.items() if k not in keys})
    return _serialize(copy)


def _full_name(widget) -> str:
    parts, node = [], widget
    while node is not None:
        if "/T" in node:
            parts.append(str(node["/T"]))
        node = node.get("/Parent")
        node = node.get_object() if node is not None else None
    return ".".join(reversed(parts))


def _startxref(data: bytes) -> int:
    found = re.findall(rb"startxref\s+(\d+)", data[-2048:])
    if not found:
        raise Form8606Error("the PDF has no cross-reference table (startxref); it may be damaged")
    return int(found[-1])


if __name__ == "__main__":
    child_main(Template.checked)
