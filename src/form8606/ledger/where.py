"""How entries are named in messages: kind, position in the file, who and date; documents
(Forms 1099-R and 5498) also by payer or trustee."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from form8606.sources import Source


def spell(kind: str, positions: Iterable[int], *detail: object, payer: str | None = None) -> str:
    """'[[form_5498]] #1, #3 (you, 2025) Trustee': the one spelling of an entry's place."""
    numbers = ", ".join(f"#{n}" for n in positions)
    bits = ", ".join(str(v) for v in detail if v is not None)
    return f"[[{kind}]]" + (f" {numbers}" if numbers else "") + (f" ({bits})" if bits else "") + \
        (f" {payer}" if payer else "")


def label(s: Source) -> str:
    """A ledger entry or document source, without the file name: the document first when the
    entry stands for one ('[[form_1099r]] #1 (you, 2025) Broker -> [[conversion]]')."""
    if s.document is not None:
        return f"{label(s.document)} -> [[{s.kind}]]"
    return spell(s.kind, s.positions, s.person, s.date or s.year, payer=s.payer)


def entry_source(kind: str, entry, amount=None) -> Source:
    """The Source of a ledger entry (its document's, for an entry derived from one)."""
    return Source(kind, entry.who, (entry.position,), getattr(entry, "date", None), getattr(entry, "year", None),
                  amount, document=getattr(entry, "document", None))


def entry_label(source: str, kind: str, index: int | None, entry: Mapping | object) -> str:
    """'rivera.toml: [[contribution]] #2 (you, 2026-02-03)'. `index` counts from 1;
    None takes the entry's own position in the file. An entry derived from a document is
    named by the document."""
    if index is None:
        if getattr(entry, "document", None) is not None:
            return f"{source}: {label(entry_source(kind, entry))}"
        index = entry.position
    get = entry.get if isinstance(entry, Mapping) else lambda k: getattr(entry, k, None)
    return f"{source}: {spell(kind, (index,), get('who'), get('date') or get('year'))}"


def document_label(source: str, kind: str, doc) -> str:
    """The document's kind, position, person and year (the form's year, even when it has a
    `date`), then its payer or trustee."""
    return f"{source}: {label(document_source(kind, [doc]))}"


def document_source(kind: str, docs) -> Source:
    """One document, or several of one person and year (named without payer)."""
    docs = list(docs)
    payer = getattr(docs[0], "payer", None) or getattr(docs[0], "trustee", None) if len(docs) == 1 else None
    return Source(kind, docs[0].who, tuple(d.position for d in docs), year=docs[0].year, payer=payer)


def short(label: str) -> str:
    """The label without its file name."""
    return label.split(": ", 1)[1] if ": " in label else label


def group_label(source: str, kind: str, docs) -> str:
    """Several documents of one person and year: '[[form_5498]] #1, #3 (you, 2025)'; one: its own label."""
    return f"{source}: {label(document_source(kind, docs))}"
