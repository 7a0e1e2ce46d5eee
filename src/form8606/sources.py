"""Where a figure came from, as a value: a ledger entry, the document an entry stands for, or
an earlier year's form. Lines, notes and causes carry these; renderers turn them into words
(form8606.render.sources), so an entry derived from a Form 1099-R is named by its document
without rewriting any text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

FORM = "form8606"  # an earlier year's Form 8606: its `year`; `field` the line carried ("14"), if filed
NOTHING = "nothing"  # no earlier basis in the ledger


@dataclass(frozen=True)
class Source:
    kind: str  # a ledger table ("contribution", "year_end", "form_1099r", ...), FORM or NOTHING
    person: str | None = None
    positions: tuple[int, ...] = ()  # place(s) among the entries of its kind; () names it by person and year
    date: dt.date | None = None
    year: int | None = None
    amount: Decimal | None = None  # the entry's amount, shown with it
    field: str | None = None  # the field or box the figure is taken from
    payer: str | None = None  # a document's payer or trustee
    document: Source | None = None  # the Form 1099-R or 5498 the entry stands for


# A text with sources in it, for messages that name entries: strings and sources in order; a
# tuple of sources is a list of them ("none in the ledger" when empty).
Words = tuple["str | Source | tuple[Source, ...]", ...]
