"""How documents are named in messages: 'rivera.toml: [[form_1099r]] #2 (you, 2025) Brokerage IRA'."""

from __future__ import annotations


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
