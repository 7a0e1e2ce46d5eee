"""What the documents add to the computed forms: notes
(Form 1040 lines 4a/4b, line 6 from Forms 5498, double entries, Roth codes that disagree).
New FormResults are made with dataclasses.replace; nothing is computed twice."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from form8606.calc.result import FormResult, Note
from form8606.documents import codes as box7
from form8606.documents.expand import Expansion
from form8606.documents.translate import Translation
from form8606.ledger.where import short
from form8606.money import CENT, ZERO, fmt_money, round_to


def annotate(exp: Expansion, forms: tuple[FormResult, ...]) -> tuple[FormResult, ...]:
    """The forms with the documents' notes added."""
    if not exp.translations and not exp.year_ends:
        return forms
    return tuple(replace(form, notes=form.notes + tuple(notes_for(exp, form))) for form in forms)


def notes_for(exp: Expansion, form: FormResult) -> list[Note]:
    key = (form.person, form.year)
    m = lambda v: fmt_money(v, CENT)  # noqa: E731 - exact figures of the documents
    out = []
    for y in exp.year_ends:
        if (y.who, y.year) == key and "6" in form.lines:
            late = f" plus {m(y.outstanding)} of rollovers outstanding on December 31 (Forms 1099-R " \
                   "`outstanding_rollovers`)" if y.outstanding else ""
            out.append(Note("line6_from_5498", f"line 6 takes box 5 of {short(y.documents)} ({m(y.value)})"
                            f"{late}, because the ledger has no [[year_end]] for {y.who} in {y.year}. Every "
                            "traditional, SEP and SIMPLE IRA must have its Form 5498 in the ledger (one left out makes "
                            "line 6 too small and the nontaxable part too large), or write the [[year_end]].", "note"))
    for d in exp.doubles:
        e = d.derived.entry
        if (e.who, e.tax_year) == key:
            out.append(Note("double_entry", f"{short(d.translation.label)} and {d.entry} look like the same money "
                            f"({d.derived.kind}, {m(e.amount)}); it is counted once. If the entry records the same "
                            "event, set mode = \"check\" on the form (it then only checks the entry) or remove the "
                            "entry; if they are two events, write the form's event by hand too and set mode = "
                            "\"check\"."))
    for t, message in exp.roth_warnings:
        e = t.events[0].entry
        if (e.who, e.tax_year) == key:
            out.append(Note("roth_code_disagrees", message))
    line4 = form1040_note(exp, form)
    if line4:
        out.append(line4)
    return out


def form1040_note(exp: Expansion, form: FormResult) -> Note | None:
    """Form 1040 lines 4a and 4b (Form 8606 instructions; Instructions for Form 1040, lines
    4a-4b): the gross of the IRA Forms 1099-R on 4a, the taxable amount from Form 8606 on 4b -
    not box 2a, which payers often print as the whole distribution. Plans' direct rollovers go on
    lines 5a/5b."""
    docs = [t for t in exp.translations if t.doc.who == form.person and t.return_year == form.year]
    if not docs:
        return None
    unit = form.unit
    m = lambda v: fmt_money(v, unit)  # noqa: E731
    ira = [t for t in docs if t.is_ira and not _statement_only(t)]
    said = []
    if ira:
        gross = round_to(sum((t.doc.box1 for t in ira), ZERO), unit)
        earnings = round_to(sum((t.doc.box2a or ZERO for t in ira if t.treatment == box7.RETURNED), ZERO), unit)
        taxable, parts = _taxable(form)
        if earnings:
            parts.append(f"earnings returned with contributions {m(earnings)} (box 2a)")
        line4b = taxable + earnings
        printed = round_to(sum((t.doc.box2a or ZERO for t in ira), ZERO), unit)
        blank = [short(t.label) for t in ira if t.doc.box2a is None]
        diff = printed - line4b
        compare = (f"box 2a shows {m(printed)}" + (f" (blank on {', '.join(blank)})" if blank else "")
                   + (f", {m(abs(diff))} {'more' if diff > 0 else 'less'} than line 4b" if diff else ", the same"))
        said.append(f"Form 1040 line 4a: {m(gross)} (box 1 of {', '.join(short(t.label) for t in ira)}); line 4b: "
                    f"{m(line4b)} ({' + '.join(parts) or 'nothing taxable'}), not box 2a: {compare}.")
        marks = [w for w, hit in (("Rollover", any(t.doc.rolled_over or t.treatment == box7.IRA_TO_PLAN for t in ira)),
                                  ("QCD", any(t.doc.qcd for t in ira))) if hit]
        if marks:
            said.append(f"Write \"{' and '.join(marks)}\" next to line 4b.")
        if any(t.treatment in (box7.RETURNED, box7.RECHARACTERIZATION) for t in ira):
            said.append("Attach a statement explaining the returned or recharacterized contribution.")
    for t in docs:
        if _statement_only(t):
            said.append(f"{short(t.label)} (code R, a {t.return_year} contribution recharacterized in {t.doc.year}) "
                        f"goes on neither return's line 4a: explain it in a statement attached to the "
                        f"{t.return_year} return (Form 8606 instructions, Recharacterizations).")
    plans = [t for t in docs if not t.is_ira]
    if plans:
        gross = round_to(sum((t.doc.box1 for t in plans), ZERO), unit)
        taxable = round_to(sum((t.events[0].entry.taxable for t in plans
                                if t.events and t.events[0].entry.to == "roth"), ZERO), unit)
        said.append(f"Form 1040 line 5a: {m(gross)} and line 5b: {m(taxable)} for the plan rollover(s) of "
                    f"{', '.join(short(t.label) for t in plans)} (write \"Rollover\" next to line 5b).")
    if not said:
        return None
    if "spouse" in exp.ledger.people:
        said.append("On a joint return, add the other spouse's figures.")
    return Note("form1040_line4", " ".join(said), "note")


def _statement_only(t: Translation) -> bool:
    return t.treatment == box7.RECHARACTERIZATION and "R" in t.reading.codes


def _taxable(form: FormResult) -> tuple[Decimal, list[str]]:
    """The taxable IRA amounts of the person's year, as the form decided them."""
    m = lambda v: fmt_money(v, form.unit)  # noqa: E731
    t = form.taxable_ira
    parts = [text for value, text in (
        (t.line15c, f"Form 8606 line 15c {m(t.line15c or ZERO)}"),
        (t.no_basis, f"traditional IRA distributions {m(t.no_basis or ZERO)} (no basis: all taxable)"),
        (t.line18, f"Form 8606 line 18 {m(t.line18 or ZERO)}"),
        (t.line25c, f"Form 8606 line 25c {m(t.line25c or ZERO)}"),
    ) if value]
    return t.total, parts
