"""How entries are named in messages: kind, position in the file, who and date; documents
(Forms 1099-R and 5498) also by payer or trustee."""

from __future__ import annotations

from collections.abc import Mapping


def entry_label(source: str, kind: str, index: int | None, entry: Mapping | object) -> str:
    """'rivera.toml: [[contribution]] #2 (you, 2026-02-03)'. `index` counts from 1;
    None takes the entry's own position in the file."""
    if index is None:
        index = entry.position
    get = entry.get if isinstance(entry, Mapping) else lambda k: getattr(entry, k, None)
    bits = [str(v) for v in (get("who"), get("date") or get("year")) if v is not None]
    detail = f" ({', '.join(bits)})" if bits else ""
    return f"{source}: [[{kind}]] #{index}{detail}"


def document_label(source: str, kind: str, doc) -> str:
    """The document's kind, position, person and year (the form's year, even when it has a
    `date`), then its payer or trustee."""
    name = getattr(doc, "payer", None) or getattr(doc, "trustee", None)
    return f"{source}: [[{kind}]] #{doc.position} ({doc.who}, {doc.year})" + (f" {name}" if name else "")


def short(label: str) -> str:
    """The label without its file name."""
    return label.split(": ", 1)[1] if ": " in label else label


def group_label(source: str, kind: str, docs) -> str:
    """Several documents of one person and year: '[[form_5498]] #1, #3 (you, 2025)'; one: its own label."""
    docs = list(docs)
    if len(docs) == 1:
        return document_label(source, kind, docs[0])
    numbers = ", ".join(f"#{d.position}" for d in docs)
    return f"{source}: [[{kind}]] {numbers} ({docs[0].who}, {docs[0].year})"
