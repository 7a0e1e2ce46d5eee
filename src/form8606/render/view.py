"""The worksheet's view model: what the templates read, every figure already formatted.

build.py makes it from the calculator's Result; the jinja2 templates in templates/ only lay it
out.
"""

from __future__ import annotations

from dataclasses import dataclass

from form8606.render.bars import Bar

AUDIENCES = ("client", "preparer")


@dataclass(frozen=True)
class LineView:
    label: str
    caption: str
    value: str  # as printed on the form (line 10 with all its places)
    rule: str  # the form's instruction, one sentence
    how: str  # the arithmetic with the figures, as the calculator recorded it
    sources: tuple[str, ...]  # ledger entries (date and amount) or last year's line
    rounding: str | None  # shown when rounding changed the figure
    cite: str | None  # preparer only: where the rule is written
    plain: str | None  # client only: the line in plain words, where it helps


@dataclass(frozen=True)
class PartView:
    title: str
    lines: tuple[LineView, ...]


@dataclass(frozen=True)
class NoteView:
    code: str
    level: str  # "warning" or "note"
    title: str
    plain: str | None  # client only: what it means and what to do
    message: str  # the calculator's own message, with its figures


@dataclass(frozen=True)
class Picture:
    bars: tuple[Bar, ...]
    summary: str | None  # the taxable share in words, under the bars
    absent: str | None  # why the pro-rata bars are not drawn this year


@dataclass(frozen=True)
class HistoryRow:
    year: int
    has_form: bool  # False: a year between two forms with nothing to report
    current: bool  # the year of the form the history is attached to
    cells: tuple[str | None, ...]  # in the order of HISTORY_COLUMNS; None: the line is blank
    roth: str | None  # the Roth layers at the end of the year, in words


@dataclass(frozen=True)
class History:
    name: str
    columns: tuple[str, ...]
    short: tuple[str, ...]  # column headings for 80-column text
    rows: tuple[HistoryRow, ...]
    has_roth: bool


@dataclass(frozen=True)
class FormView:
    anchor: str  # HTML id
    person: str
    name: str
    ssn: str | None  # masked for the client
    year: int
    title: str
    filing: str  # whether the form must be filed, and why
    headline: tuple[str, ...]  # the answer first, in plain words with the numbers
    why: str | None
    carried: str  # the basis carried to next year
    picture: Picture | None
    parts: tuple[PartView, ...]
    notes: tuple[NoteView, ...]
    roth: str  # the Roth layers at the end of the year
    additional_tax: str | None
    history: History | None  # attached to the last form of each person in the document


@dataclass(frozen=True)
class Document:
    title: str
    audience: str
    source: str
    forms: tuple[FormView, ...]
    empty: str | None  # said instead of forms when none was selected
    glossary: tuple[tuple[str, str], ...]  # client only
    assertion_failures: tuple[str, ...]
