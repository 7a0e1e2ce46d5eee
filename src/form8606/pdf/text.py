"""Positioned text of a PDF page, including text drawn inside form XObjects (where flatteners
such as pypdf, qpdf and Acrobat put field values): each piece of text with its page position."""

from __future__ import annotations

from dataclasses import dataclass

from pypdf import PageObject
from pypdf.generic import ContentStream, DictionaryObject, NameObject

# Floats here are PDF geometry (points, matrices, font sizes), never money.
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MAX_DEPTH = 6  # form XObjects inside form XObjects


@dataclass(frozen=True)
class Text:
    text: str
    page: int
    x: float
    y: float


def page_texts(page: PageObject, number: int) -> list[Text]:
    return _texts(page.pdf, page.get_contents(), page.get("/Resources"), number, IDENTITY, 0)


def _texts(pdf, contents, resources, number: int, placement: Matrix, depth: int) -> list[Text]:
    if contents is None or depth > MAX_DEPTH:
        return []
    stream = contents if isinstance(contents, ContentStream) else ContentStream(contents, pdf)
    kept, placed, ctm, saved = [], [], IDENTITY, []
    for operands, op in stream.operations:
        if op == b"q":
            saved.append(ctm)
        elif op == b"Q":
            ctm = saved.pop() if saved else IDENTITY
        elif op == b"cm" and len(operands) == 6:
            ctm = _times(tuple(float(v) for v in operands), ctm)
        if op == b"Do":
            placed.append((operands[0], ctm))
        else:
            kept.append((operands, op))
    stream.operations = kept
    out = _visit(pdf, stream, resources, number, placement)
    forms = (resources or DictionaryObject()).get("/XObject") or DictionaryObject()
    for name, ctm in placed:
        xobject = forms.get(name)
        xobject = xobject.get_object() if xobject is not None else None
        if xobject is None or xobject.get("/Subtype") != "/Form":
            continue
        inner = tuple(float(v) for v in xobject.get("/Matrix", IDENTITY))
        out += _texts(pdf, xobject, xobject.get("/Resources") or resources, number,
                      _times(_times(inner, ctm), placement), depth + 1)
    return out


def _visit(pdf, stream: ContentStream, resources, number: int, placement: Matrix) -> list[Text]:
    page = PageObject(pdf)
    page[NameObject("/Resources")] = resources if resources is not None else DictionaryObject()
    page[NameObject("/Contents")] = stream
    out: list[Text] = []

    def visit(text, cm, tm, _font, _size):
        text = text.strip()
        if text:
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            a, b, c, d, e, f = placement
            out.append(Text(text, number, x * a + y * c + e, x * b + y * d + f))

    page.extract_text(visitor_text=visit)
    return out


def _times(m: Matrix, n: Matrix) -> Matrix:
    """m then n, in PDF's row-vector convention (the `cm` operator: new CTM = m x CTM)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)
