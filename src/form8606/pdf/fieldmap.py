"""Field maps read off the official PDF itself: which AcroForm field holds which line.

Each amount box of Form 8606 has its line number printed just left of it ("1" ... "25c" in
the right-hand column). The map pairs every printed label with the text widget whose
rectangle lies on the label's baseline, right of it. Name and SSN are the fields under the
captions "Name..." and "Your social security number". A revision is accepted only when every
line is placed exactly once; otherwise the unplaced lines are named and nothing is guessed.

Run as a script to add or check revisions (one command per new year):

    python -m form8606.pdf.fieldmap add ../shared/irs/f8606-2026.pdf   # copy + write the map
    python -m form8606.pdf.fieldmap check                              # shipped maps reproduce
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from pypdf import PdfReader

from form8606.errors import Form8606Error
from form8606.lines import LINE_LABELS
from form8606.pdf.text import Text, page_texts

logging.getLogger("pypdf").setLevel(logging.ERROR)  # font-encoding chatter on IRS PDFs

LABEL = re.compile(r"^(\d{1,2}[abc]?)$")
YEAR = re.compile(r"Form 8606 \((\d{4})\)")
IDENTITY = ("name", "ssn")
# Floats here are PDF geometry (points, matrices, font sizes), never money.
RIGHT_PART = 250  # line numbers beside the amount boxes sit right of this x (points; 2018's line 9 at 260)
CENTS_WIDTH = 30  # a cents box (2018) is at most this wide, right against its dollars box


@dataclass(frozen=True)
class Widget:
    name: str  # fully qualified field name
    page: int
    rect: tuple[float, float, float, float]
    maxlen: int | None


@dataclass(frozen=True)
class Layout:
    year: int | None
    widgets: tuple[Widget, ...]
    texts: tuple[Text, ...]


@dataclass(frozen=True)
class FieldMap:
    """Line label (and "name", "ssn") -> field name; line 10 -> [whole part, decimals]; on a
    revision with cents boxes (2018), each amount line -> [dollars, cents]."""

    year: int
    fields: dict[str, str | tuple[str, str]]

    def signature(self) -> str:
        body = "\n".join(f"{k}={v}" for k, v in sorted(self.fields.items()))
        return hashlib.sha256(body.encode()).hexdigest()[:12]


def open_pdf(data: bytes) -> PdfReader:
    """A reader for the bytes; an encrypted file opens only with an empty password."""
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise Form8606Error("the PDF is encrypted; save an unencrypted copy and try again")
        return reader
    except Form8606Error:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise Form8606Error(f"the PDF can't be read, it may be damaged ({type(exc).__name__}: {exc})") from None


def read_layout(data: bytes) -> Layout:
    """Widgets and positioned text of a PDF. Raises Form8606Error for an unreadable file."""
    return layout_of(open_pdf(data))


def layout_of(reader: PdfReader) -> Layout:
    try:
        widgets, texts = [], []
        for number, page in enumerate(reader.pages):
            widgets += _widgets(page, number)
            texts += page_texts(page, number)
    except Exception as exc:  # pypdf raises many kinds on damaged files
        raise Form8606Error(f"the PDF can't be read, it may be damaged ({type(exc).__name__}: {exc})") from None
    found = YEAR.search(" ".join(t.text for t in texts))
    return Layout(int(found.group(1)) if found else None, tuple(widgets), tuple(texts))


def _widgets(page, number: int) -> list[Widget]:
    out = []
    for annot in page.get("/Annots") or []:
        a = annot.get_object()
        if a.get("/Subtype") != "/Widget":
            continue
        field, parts = a, []
        while field is not None:
            if "/T" in field:
                parts.append(str(field["/T"]))
            field = field.get("/Parent")
            field = field.get_object() if field is not None else None
        kind = a.get("/FT") or (a["/Parent"].get_object().get("/FT") if "/Parent" in a else None)
        if kind != "/Tx":
            continue
        x0, y0, x1, y1 = (float(v) for v in a["/Rect"])
        maxlen = a.get("/MaxLen")
        out.append(Widget(".".join(reversed(parts)), number, (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)),
                          int(maxlen) if maxlen is not None else None))
    return out


def line_labels(texts: Iterable[Text]) -> list[Text]:
    """The line numbers printed beside the amount boxes (right half of the page). A number
    right of another one on the same baseline is a figure in its box (line 10's "1", an
    amount of 7), not a label."""
    found = [t for t in texts if LABEL.match(t.text) and t.x > RIGHT_PART and t.text in LINE_LABELS]
    return [t for t in found if not any(o is not t and o.page == t.page and abs(o.y - t.y) <= 3
                                        and 0 < t.x - o.x < 110 for o in found)]


def derive(layout: Layout) -> tuple[dict[str, str | tuple[str, str]], list[str]]:
    """Pair labels with widgets. Returns (map, labels that could not be placed with certainty)."""
    labels = line_labels(layout.texts)
    claims: dict[str, list[Widget]] = {}
    for widget in layout.widgets:  # each box belongs to the nearest line number left of it
        near = [t for t in labels if t.page == widget.page and _beside(t, widget)]
        if near:
            claims.setdefault(max(near, key=lambda t: t.x).text, []).append(widget)
    fields: dict[str, str | tuple[str, str]] = {}
    unplaced = []
    for label in LINE_LABELS:
        hits = claims.get(label, [])
        if label == "10" and len(hits) == 2 and sorted(h.maxlen == 1 for h in hits) == [False, True]:
            whole, decimals = sorted(hits, key=lambda w: w.rect[0])
            fields[label] = (whole.name, decimals.name)
        elif label != "10" and len(hits) == 1:
            fields[label] = hits[0].name
        elif label != "10" and len(hits) == 2 and _dollars_and_cents(*sorted(hits, key=lambda w: w.rect[0])):
            dollars, cents = sorted(hits, key=lambda w: w.rect[0])
            fields[label] = (dollars.name, cents.name)
        else:
            unplaced.append(label)
    for key, caption in (("name", "Name"), ("ssn", "Your social security number")):
        hit = _under_caption(layout, caption)
        if hit is None:
            unplaced.append(key)
        else:
            fields[key] = hit.name
    used = [n for v in fields.values() for n in (v if isinstance(v, tuple) else (v,))]
    twice = {n for n in used if used.count(n) > 1}
    unplaced += [k for k, v in fields.items() if set(v if isinstance(v, tuple) else (v,)) & twice]
    return fields, sorted(set(unplaced), key=_order)


def _dollars_and_cents(dollars: Widget, cents: Widget) -> bool:
    """The 2018 form's amount boxes: a dollars box, then a narrow cents box of at most 3
    characters right against it, on the same row."""
    return (cents.maxlen is not None and cents.maxlen <= 3 and cents.rect[2] - cents.rect[0] <= CENTS_WIDTH
            and 0 <= cents.rect[0] - dollars.rect[2] < 3 and abs(cents.rect[1] - dollars.rect[1]) < 3)


def _beside(label: Text, w: Widget) -> bool:
    """The widget starts right of the label (line 10's boxes follow a "x" sign) and the
    label's baseline is inside it."""
    x0, y0, _, y1 = w.rect
    return 0 < x0 - label.x < 100 and y0 - 1 <= label.y <= y1


def _under_caption(layout: Layout, caption: str) -> Widget | None:
    heads = [t for t in layout.texts if t.page == 0 and t.text.startswith(caption)]
    if len(heads) != 1:
        return None
    head = heads[0]
    below = [w for w in layout.widgets if w.page == 0 and w.rect[0] - 2 <= head.x <= w.rect[2]
             and 0 < head.y - w.rect[3] < 14]
    return below[0] if len(below) == 1 else None


def _order(label: str) -> int:
    return LINE_LABELS.index(label) if label in LINE_LABELS else -1


def map_pdf(data: bytes, source: str = "the PDF") -> FieldMap:
    """Recognize a Form 8606 revision and map it, or refuse naming what is missing."""
    return map_layout(read_layout(data), source)


def is_form_8606(texts: Iterable[Text]) -> bool:
    return any(t.text.startswith("Nondeductible IRAs") for t in texts)


def map_layout(layout: Layout, source: str) -> FieldMap:
    if layout.year is None or not is_form_8606(layout.texts):
        raise Form8606Error(f"{source} is not an official Form 8606 (no \"Form 8606 (YEAR)\" and "
                            "\"Nondeductible IRAs\" on it)")
    if not layout.widgets:
        raise Form8606Error(f"{source} has no fillable fields; use the fillable form from the IRS site")
    fields, unplaced = derive(layout)
    if unplaced:
        raise Form8606Error(f"{source} (Form 8606 for {layout.year}) can't be mapped with certainty: no single "
                            f"field found for line(s) {', '.join(unplaced)}")
    return FieldMap(layout.year, fields)


# ---- the maps shipped with the package ------------------------------------------------

def _templates():
    return resources.files("form8606.templates")


def shipped_years() -> list[int]:
    return sorted(int(p.name[6:10]) for p in _templates().joinpath("forms").iterdir() if p.name.endswith(".pdf"))


def template_pdf(year: int) -> bytes:
    return _templates().joinpath("forms", f"f8606-{year}.pdf").read_bytes()


def load_maps() -> dict[int, FieldMap]:
    """Year -> map, from templates/fieldmaps/*.toml (revisions with identical fields share one)."""
    import tomllib

    out = {}
    for path in _templates().joinpath("fieldmaps").iterdir():
        if not path.name.endswith(".toml"):
            continue
        raw = tomllib.loads(path.read_text("utf-8"))
        fields = {k: tuple(v) if isinstance(v, list) else v for k, v in raw["fields"].items()}
        for year in raw["revisions"]:
            out[year] = FieldMap(year, fields)
    return out


def has_cents_boxes(year: int) -> bool:
    """The shipped form of `year` has a cents box beside each amount (the 2018 revision)."""
    fmap = load_maps().get(year)
    return fmap is not None and isinstance(fmap.fields["1"], tuple)


def render_map_file(maps: Iterable[FieldMap]) -> str:
    maps = sorted(maps, key=lambda m: m.year)
    years = [m.year for m in maps]
    lines = [
        "# Form 8606 field map, generated by `python -m form8606.pdf.fieldmap` from the official PDFs",
        "# (label -> AcroForm field; line 10 is [whole part, decimals]; on a revision with cents boxes, each",
        "# amount is [dollars, cents]). Do not edit by hand.",
        f"revisions = [{', '.join(map(str, years))}]",
        "",
        "[fields]",
    ]
    for key in (*IDENTITY, *LINE_LABELS):
        value = maps[0].fields[key]
        text = f'["{value[0]}", "{value[1]}"]' if isinstance(value, tuple) else f'"{value}"'
        lines.append(f'"{key}" = {text}')
    return "\n".join(lines) + "\n"


def generate(pdfs: dict[int, bytes]) -> dict[str, str]:
    """File name -> content for every map, grouping revisions with identical fields."""
    groups: dict[str, list[FieldMap]] = {}
    for year, data in sorted(pdfs.items()):
        fmap = map_pdf(data, f"f8606-{year}.pdf")
        if fmap.year != year:
            raise Form8606Error(f"f8606-{year}.pdf says it is the form for {fmap.year}")
        groups.setdefault(fmap.signature(), []).append(fmap)
    return {f"f8606-{group[0].year}.toml": render_map_file(group) for group in groups.values()}


def main(argv: list[str]) -> int:
    root = Path(__file__).resolve().parents[3] / "templates"
    if not argv or argv[0] not in ("add", "check"):
        print(__doc__)
        return 2
    pdfs = {year: template_pdf(year) for year in shipped_years()}
    for path in argv[1:]:
        data = Path(path).read_bytes()
        fmap = map_pdf(data, path)
        (root / "forms" / f"f8606-{fmap.year}.pdf").write_bytes(data)
        pdfs[fmap.year] = data
        print(f"{path}: Form 8606 for {fmap.year}, all {len(fmap.fields)} fields placed")
    wanted = generate(pdfs)
    folder = root / "fieldmaps"
    current = {p.name: p.read_text() for p in folder.glob("*.toml")}
    if argv[0] == "check":
        if current != wanted:
            print("the shipped field maps differ from what the PDFs give; run: python -m form8606.pdf.fieldmap add")
            return 1
        print(f"field maps reproduce from the PDFs: {', '.join(sorted(wanted))}")
        return 0
    for name in set(current) - set(wanted):
        (folder / name).unlink()
    for name, text in wanted.items():
        (folder / name).write_text(text)
        print(f"wrote templates/fieldmaps/{name}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Form8606Error as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
