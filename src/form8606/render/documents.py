"""The `documents` view: per document, what was printed, the events it became (or the
reconciliation it passed or failed). Text for an 80-column terminal; pure."""

from __future__ import annotations

import textwrap
from collections import defaultdict

from form8606.documents import codes as box7
from form8606.documents.expand import Expansion
from form8606.documents.reconcile import TRADITIONAL_KINDS
from form8606.documents.translate import Translation
from form8606.ledger.where import document_label, short
from form8606.money import CENT, fmt_money

WIDTH = 80


def _m(value) -> str:
    return fmt_money(value, CENT)


def _wrap(text: str, indent: int) -> list[str]:
    pad = " " * indent
    return textwrap.wrap(text, WIDTH, initial_indent=pad, subsequent_indent=pad + "  ") or [pad]


def report(exp: Expansion, year: int | None = None, person: str | None = None) -> str:
    """Every document of the ledger (or of one year or person), in file order: Forms 1099-R one by
    one, Forms 5498 by person, year and side (their boxes are reconciled together)."""
    keep = lambda d: (year is None or d.year == year) and (person is None or d.who == person)  # noqa: E731
    blocks = [_form_1099r(exp, t) for t in exp.translations if keep(t.doc)]
    groups: dict[tuple, list] = defaultdict(list)
    for doc in exp.ledger.form_5498:
        if keep(doc):
            groups[(doc.who, doc.year, doc.kind in TRADITIONAL_KINDS)].append(doc)
    blocks += [_forms_5498(exp, key, docs) for key, docs in groups.items()]
    if not blocks:
        which = " ".join(x for x in (person and f"of {person}", year and f"for {year}") if x)
        return f"No [[form_1099r]] or [[form_5498]] in the ledger{' ' + which if which else ''}."
    failures = sum(1 for b in exp.boxes if not b.ok and keep(b)) + sum(
        1 for c in exp.checks if not c.ok and keep(c.translation.doc))
    count = sum(1 for t in exp.translations if keep(t.doc)) + sum(len(d) for d in groups.values())
    tail = f"{count} document{'s' if count != 1 else ''}; " + (f"{failures} reconciliation(s) failed" if failures
                                                    else "every reconciliation passed")
    return "\n\n".join(["\n".join(b) for b in blocks] + [tail])


def _form_1099r(exp: Expansion, t: Translation) -> list[str]:
    d = t.doc
    boxes = [f"box 1 {_m(d.box1)}"]
    if d.box2a is not None:
        boxes.append(f"box 2a {_m(d.box2a)}")
    if d.box2b_not_determined:
        boxes.append("box 2b taxable amount not determined")
    if d.box5:
        boxes.append(f"box 5 {_m(d.box5)}")
    boxes.append(f"box 7 \"{d.box7}\" ({box7.describe(t.reading.codes)})")
    if d.ira_sep_simple:
        boxes.append("IRA/SEP/SIMPLE")
    rows = [short(t.label)]
    rows += _wrap("as printed: " + ", ".join(boxes), 2)
    doubles = {id(m.derived): m for m in exp.doubles}
    if d.mode == "events":
        rows += _wrap("mode \"events\": it stands for" + ("" if t.events else " no event"), 2)
        for e in t.events:
            if d.date:
                when = ""
            elif (e.entry.date.month, e.entry.date.day) == (12, 31):
                when = " (no `date`: December 31, for ordering)"
            else:
                when = " (no `date`: the day before 59 1/2, as the code says)"
            twin = doubles.get(id(e))
            rows += _wrap(f"[[{e.kind}]] ({e.entry.who}, {e.entry.date}){when}: {e.what}", 4)
            if twin:
                rows += _wrap(f"warning: looks like the same money as {twin.entry}; counted once, from that entry. "
                              "If they are one event, set mode = \"check\" on the form or remove the entry", 6)
    else:
        rows += _wrap("mode \"check\": the ledger lists the events by hand; the form checks them", 2)
        for c in exp.checks:
            if c.translation is t:
                if c.skipped:
                    rows += _wrap(f"not checked: {c.derived.what}: {c.skipped}", 4)
                else:
                    rows += _wrap(f"ok: {c.derived.what} = {c.entry}" if c.ok else f"DIFFERS: {c.problem}", 4)
    for remark in t.remarks:
        rows += _wrap(f"note: {remark}", 2)
    for tt, warning in exp.roth_warnings:
        if tt is t:
            rows += _wrap(f"warning: {warning}", 2)
    return rows


def _forms_5498(exp: Expansion, key: tuple, docs: list) -> list[str]:
    who, year, traditional = key
    side = "traditional, SEP and SIMPLE IRAs" if traditional else "Roth IRAs"
    rows = [f"Forms 5498 of {who} for {year}, {side}"]
    for doc in docs:
        boxes = ", ".join(f"box {n} {_m(getattr(doc, f'box{n}'))}" for n in ("1", "2", "3", "4", "5", "10", "13a")
                          if getattr(doc, f"box{n}") or n == "5")
        rows += _wrap(f"{short(document_label(exp.ledger.source, 'form_5498', doc))} ({doc.kind}): {boxes}", 2)
        if doc.box13a:
            rows += _wrap("box 13a (a late or postponed contribution for an earlier year) is not reconciled: check "
                          "that year's [[contribution]] has the right `for_year`", 4)
    if traditional:
        made = next((y for y in exp.year_ends if (y.who, y.year) == (who, year)), None)
        if made:
            rows += _wrap(f"line 6 for {year}: box 5 total {_m(made.value)}" + (
                f" + outstanding rollovers {_m(made.outstanding)}" if made.outstanding else "")
                + " (no [[year_end]]; every traditional, SEP and SIMPLE IRA must have its Form 5498 here)", 2)
        else:
            rows += _wrap(f"line 6 for {year}: from the [[year_end]] entry (box 5 is not used)", 2)
    boxes = [b for b in exp.boxes if (b.who, b.year, b.side == "traditional") == key]
    for b in boxes:
        rows += _wrap(("ok: " if b.ok and b.expected is not None else "" if b.ok else "DIFFERS: ") + b.text(), 2)
    if not boxes:
        rows += _wrap("nothing to reconcile: the boxes and the ledger are all 0", 2)
    return rows

