"""Sources in words: the one place a Source becomes text for a person to read."""

from __future__ import annotations

from form8606.calc.result import Failure, Note
from form8606.ledger.where import label
from form8606.money import CENT, fmt_money
from form8606.sources import FORM, NOTHING, Source, Words

NONE = "none in the ledger"


def words(s: Source) -> str:
    """'[[contribution]] #2 (you, 2025-01-10): 7,000.00', 'line 14 of the 2024 Form 8606', ..."""
    if s.kind == FORM:
        return f"line {s.field} of the {s.year} Form 8606" if s.field else f"basis carried from {s.year}"
    if s.kind == NOTHING:
        return "no earlier basis in the ledger"
    text = label(s)
    if s.field:
        text += f": {s.field}"
    if s.amount is not None:
        text += f": {fmt_money(s.amount, CENT)}"
    return text


def listed(sources: tuple[Source, ...]) -> str:
    return "; ".join(words(s) for s in sources) or NONE


def say(parts: Words) -> str:
    """A text with sources in it."""
    return "".join(p if isinstance(p, str) else words(p) if isinstance(p, Source) else listed(p) for p in parts)


def note_text(note: Note) -> str:
    """A note's message, after the entry it is about."""
    return f"{words(note.subject)}: {note.message}" if note.subject is not None else note.message


def failure_text(f: Failure) -> str:
    return f"{f.where}: {say(f.text)}"
