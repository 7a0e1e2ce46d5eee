"""The ledger with its documents expanded: Forms 1099-R in mode "events" become the events they
stand for (appended as entries that name their document), Forms 5498 stand in for a missing
[[year_end]], and everything is reconciled. Pure: a Ledger in, a new Ledger and the record of
what was done out."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal

from form8606 import calc, rules
from form8606.calc.result import Failure
from form8606.documents import codes as box7
from form8606.documents.reconcile import (
    TRADITIONAL_KINDS,
    Box,
    Match,
    match_events,
    reconcile_5498,
    roth_code_warning,
)
from form8606.documents.translate import Translation, translate
from form8606.errors import Form8606Error, Problem
from form8606.ledger.checks import run_checks
from form8606.ledger.model import Ledger, YearEnd
from form8606.ledger.where import document_source, entry_label, group_label
from form8606.money import ZERO
from form8606.sources import Source


@dataclass(frozen=True)
class YearEndFrom5498:
    """Line 6 from box 5 of the Forms 5498 of a person's year without [[year_end]]."""

    who: str
    year: int
    documents: str  # 'file: [[form_5498]] #1, #2 (you, 2025)'
    value: Decimal
    outstanding: Decimal  # `outstanding_rollovers` of that year's Forms 1099-R
    entry: YearEnd
    source: Source  # the Forms 5498


@dataclass(frozen=True)
class Expansion:
    """What the documents did to a ledger, for compute's notes and the `documents` view."""

    ledger: Ledger  # the expanded ledger
    translations: tuple[Translation, ...] = ()
    doubles: tuple[Match, ...] = ()
    checks: tuple[Match, ...] = ()  # Forms 1099-R in mode "check"
    year_ends: tuple[YearEndFrom5498, ...] = ()
    boxes: tuple[Box, ...] = ()  # Forms 5498 reconciled
    roth_warnings: tuple[tuple[Translation, str], ...] = ()

    @property
    def failures(self) -> tuple[Failure, ...]:
        """Reconciliation failures, reported like [[assert]] failures."""
        return tuple([Failure(m.translation.label, (m.problem,)) for m in self.checks if not m.ok]
                     + [b.failure() for b in self.boxes if not b.ok])


def expand(ledger: Ledger, translate_only: bool = False) -> tuple[Ledger, Expansion]:
    """The ledger with its documents' events and year-end values added (issue: Tax documents).
    Raises every Form 1099-R that can't be turned into events; then, unless `translate_only`,
    every problem of the events they became."""
    if not ledger.form_1099r and not ledger.form_5498:
        return ledger, Expansion(ledger)
    problems: list[Problem] = []
    translations = []
    for doc in ledger.form_1099r:
        try:
            translations.append(translate(ledger, doc))
        except Form8606Error as exc:
            problems.extend(exc.problems)
    if problems:
        raise Form8606Error(problems)
    if translate_only:
        return ledger, Expansion(ledger, tuple(translations))
    doubles, matched = match_events(ledger, translations)
    dropped = {id(m.derived) for m in doubles}
    added: dict[str, list] = defaultdict(list)
    fields: dict[str, dict[str, str]] = {}  # a derived entry's label -> event field -> document field
    origin: dict[int, Translation] = {}
    counters = {kind: max((e.position for e in ledger.entries(kind)), default=0)
                for kind in ("conversion", "distribution", "plan_rollover", "recharacterization",
                             "returned_contribution", "year_end")}

    def add(kind: str, entry, document: Source, field_map: dict[str, str]) -> None:
        """A derived entry, named by its document wherever it is named."""
        counters[kind] += 1
        entry._position = counters[kind]
        entry._document = document
        added[kind].append(entry)
        fields[entry_label(ledger.source, kind, None, entry)] = field_map

    for t in translations:
        if t.doc.mode != "events":
            continue
        for d in t.events:
            if id(d) not in dropped:
                add(d.kind, d.entry, document_source("form_1099r", [t.doc]), d.fields)
                origin[id(d.entry)] = t
    year_ends = _year_ends(ledger, translations)
    for y in year_ends:
        add("year_end", y.entry, y.source, {"traditional": "box5"})
    expanded = ledger.model_copy(update={kind: (*ledger.entries(kind), *entries) for kind, entries in added.items()})
    # The derived entries meet the same checks as hand-written ones, in the documents' own fields.
    problems = [_document_field(p, fields) for p in run_checks(expanded, later=calc.CHECKS)]
    if problems:
        raise Form8606Error(problems)
    boxes = reconcile_5498(expanded, lambda e: origin.get(id(e)))
    warnings = [(t, w) for t in translations if (w := roth_code_warning(expanded, t))]
    return expanded, Expansion(expanded, tuple(translations), tuple(doubles), tuple(matched), tuple(year_ends),
                               tuple(boxes), tuple(warnings))


def _document_field(p: Problem, fields: dict[str, dict[str, str]]) -> Problem:
    """A problem of a derived entry names the document's field ("box1"), not the event's."""
    field_map = fields.get(p.where)
    return replace(p, field=field_map.get(p.field, p.field)) if field_map and p.field else p


def _year_ends(ledger: Ledger, translations: list[Translation]) -> list[YearEndFrom5498]:
    """Form 8606 instructions, line 6: the value of all traditional, SEP and SIMPLE IRAs on
    December 31 (box 5 of each one's Form 5498), plus outstanding rollovers."""
    have = {(e.who, e.year) for e in ledger.year_end}
    groups: dict[tuple[str, int], list] = defaultdict(list)
    for doc in ledger.form_5498:
        if doc.kind in TRADITIONAL_KINDS and (doc.who, doc.year) not in have and doc.year in rules.SUPPORTED_YEARS:
            groups[(doc.who, doc.year)].append(doc)
    out = []
    for (who, year), docs in groups.items():
        value = sum((d.box5 for d in docs), ZERO)
        late = sum((t.doc.outstanding_rollovers for t in translations
                    if t.doc.who == who and t.doc.year == year and t.treatment == box7.IRA), ZERO)
        entry = YearEnd(who=who, year=year, traditional=value, outstanding_rollovers=late)
        out.append(YearEndFrom5498(who, year, group_label(ledger.source, "form_5498", docs), value, late, entry,
                                   document_source("form_5498", docs)))
    return out
