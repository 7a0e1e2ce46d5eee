"""Their Form 8606 out of a PDF: the fields of a filled official form, or, in a whole return
printed flat, the figures beside each line number, page by page (one form per person).

This runs in the reading process of check.reader, with bounded time and memory; errors name
the place in the file, the caller names the file.
"""

from __future__ import annotations

import re
from decimal import Decimal

from form8606.check.theirs import MAX_NAME, MAX_SSN, TheirForm, identity, parse_figure
from form8606.errors import Form8606Error
from form8606.lines import RATIO_LINE
from form8606.pdf.fieldmap import (
    YEAR,
    Layout,
    Text,
    derive,
    has_cents_boxes,
    is_form_8606,
    layout_of,
    line_labels,
    open_pdf,
)

MAX_PAGES = 2000
MIN_LABELS = 10  # page 1 of Form 8606 prints line numbers 1-14 beside its boxes
SSN = re.compile(r"\b\d{3}-\d{2}-\d{4}\b")


def extract(data: bytes, source: str) -> list[TheirForm]:
    reader = open_pdf(data)
    if len(reader.pages) > MAX_PAGES:
        raise Form8606Error(f"more than {MAX_PAGES} pages; not read")
    layout = layout_of(reader)
    if not layout.texts and not layout.widgets:
        if any(len(page.images) for page in reader.pages):
            raise Form8606Error("no text in it, only images: a scan? OCR is not supported; use the PDF the tax "
                                "software saved, or type the figures into a line,amount CSV")
        raise Form8606Error("no text in it: the PDF printed blank")
    if layout.widgets and is_form_8606(layout.texts):
        fields, unplaced = derive(layout)
        if not unplaced:
            form = _from_fields(reader, fields, layout.year, source)
            if form.lines:
                return [form]  # else the figures may be drawn on the page, the fields left empty
    forms = _from_pages(layout, len(reader.pages), source)
    if not forms:
        raise Form8606Error("no Form 8606 in it (no page titled \"Nondeductible IRAs\" with its line numbers)")
    if not any(f.lines for f in forms):
        raise Form8606Error("its Form 8606 is blank: no figure on any line (printed before it was filled in?)")
    return forms


def _from_fields(reader, fields: dict, year: int | None, source: str) -> TheirForm:
    values = {name: str(f.get("/V") or "") for name, f in (reader.get_fields() or {}).items()}
    lines = {}
    for label, target in fields.items():
        if label in ("name", "ssn"):
            continue
        if label == RATIO_LINE:  # line 10's two boxes: read as one ratio (check.theirs.parse_ratio)
            text = f"{values.get(target[0], '')} . {values.get(target[1], '')}"
        elif isinstance(target, tuple):  # the 2018 form's dollars and cents boxes
            text = f"{values.get(target[0], '')}.{values.get(target[1], '')}".rstrip(".")
        else:
            text = values.get(target, "")
        value = parse_figure(text, label)
        if value is not None:
            lines[label] = value
    return TheirForm(f"{source} (form fields)", year, lines, identity(values.get(fields["name"]), "name", MAX_NAME),
                     identity(values.get(fields["ssn"]), "SSN", MAX_SSN))


def _from_pages(layout: Layout, count: int, source: str) -> list[TheirForm]:
    """A flattened return: each page titled "Nondeductible IRAs" starts a form; its page 2
    ("Form 8606 (YEAR) Page 2") follows it."""
    pages: list[list[Text]] = [[] for _ in range(count)]
    for t in layout.texts:
        pages[t.page].append(t)
    forms = []
    for n, texts in enumerate(pages):
        if not is_form_8606(texts) or len(line_labels(texts)) < MIN_LABELS:
            continue  # not the form itself (its instructions carry the title too)
        found = YEAR.search(" ".join(t.text for t in texts))
        numbers = [n]
        if n + 1 < len(pages) and _is_page_2(pages[n + 1]):
            numbers.append(n + 1)
        year = int(found.group(1)) if found else None
        lines: dict[str, Decimal] = {}
        for k in numbers:
            lines.update(_figures(pages[k], year is not None and has_cents_boxes(year)))
        where = f"{source}, page{'s' if len(numbers) > 1 else ''} {'-'.join(str(k + 1) for k in numbers)}"
        forms.append(TheirForm(where, year, lines, identity(_name(texts), "name", MAX_NAME), _ssn(texts)))
    return forms


def _is_page_2(texts: list[Text]) -> bool:
    return not is_form_8606(texts) and any(t.text.startswith("Distributions From Roth") for t in texts)


def _figures(texts: list[Text], cents: bool) -> dict[str, Decimal]:
    """Each line number with the figures printed right of it on its baseline; on a revision
    with cents boxes (`cents`, the 2018 form), a last figure of two digits is the cents."""
    labels = line_labels(texts)
    label_ids = {id(t) for t in labels}
    out = {}
    for label in labels:
        right = sorted((t for t in texts if id(t) not in label_ids and abs(t.y - label.y) <= 3
                        and 4 < t.x - label.x < 110), key=lambda t: t.x)
        tokens = [t.text for t in right if re.fullmatch(r"[\d,.()$×-]+|-0-", t.text.replace(" ", ""))]
        tokens = [tok for tok in tokens if tok != "×"]
        if not any(ch.isdigit() for tok in tokens for ch in tok):
            continue  # a blank box (line 10's printed decimal point alone)
        if label.text == RATIO_LINE:
            text = " ".join(tokens)
        elif cents and len(tokens) > 1 and re.fullmatch(r"\d\d", tokens[-1]):
            text = f"{tokens[-2]}.{tokens[-1]}"
        else:
            text = tokens[-1]
        value = parse_figure(text, label.text)
        if value is not None:
            out[label.text] = value
    return out


def _name(texts: list[Text]) -> str | None:
    caption = next((t for t in texts if t.text.startswith("Name. If married")), None)
    if caption is None:
        return None
    below = sorted((t for t in texts if 2 < caption.y - t.y < 16 and t.x < 455 and not SSN.search(t.text)),
                   key=lambda t: t.x)
    return " ".join(t.text for t in below) or None


def _ssn(texts: list[Text]) -> str | None:
    caption = next((t for t in texts if t.text.startswith("Your social security number")), None)
    if caption is None:
        return None
    found = [SSN.search(t.text) for t in texts if 0 < caption.y - t.y < 20]
    found = [m.group(0) for m in found if m]
    return found[0] if found else None
