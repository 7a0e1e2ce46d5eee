"""The worksheet's view model, built from the calculator's Result for one audience.

Every figure shown is one the calculator produced (a line's value and its unrounded figure,
basis_start and basis_end, the Roth layers, additional_tax_base). Where an explanation would need
a figure the calculator does not give, it is described in words without a number (the pre-tax
part of line 9 is drawn as "the rest of line 9", never computed).
"""

from __future__ import annotations

from collections.abc import Sequence

from form8606.calc.result import FormResult, Note, Result
from form8606.lines import CAPTIONS, PART1, PART2, PART3, RATIO_LINE
from form8606.money import DOLLAR
from form8606.render import summary
from form8606.render.figures import exact, line_value, percent
from form8606.render.glossary import GLOSSARY
from form8606.render.history import history
from form8606.render.notes import wording
from form8606.render.picture import picture
from form8606.render.sources import failure_text, note_text, words
from form8606.render.view import (
    AUDIENCES,
    Document,
    FormView,
    LineView,
    NoteView,
    PartView,
)

PART_TITLES = (
    ("Part I", "Nondeductible contributions to traditional IRAs and distributions from traditional, SEP and "
               "SIMPLE IRAs", PART1),
    ("Part II", "Conversions from traditional, SEP or SIMPLE IRAs to Roth IRAs", PART2),
    ("Part III", "Distributions from Roth IRAs", PART3),
)


def document(result: Result, forms: FormResult | Sequence[FormResult] | None = None,
             audience: str = "client") -> Document:
    if audience not in AUDIENCES:
        raise ValueError(f"unknown audience {audience!r}; expected one of {', '.join(AUDIENCES)}")
    if forms is None:
        chosen = list(result.forms)
    elif isinstance(forms, FormResult):
        chosen = [forms]
    else:
        chosen = list(forms)
    last_of = {f.person: f for f in chosen}
    views = tuple(form_view(result, f, audience, with_history=last_of[f.person] is f) for f in chosen)
    if len(chosen) == 1:
        title = f"Form 8606 worksheet: {chosen[0].name}, {chosen[0].year}"
    else:
        title = f"Form 8606 worksheets: {result.source}"
    return Document(
        title=title,
        audience=audience,
        source=result.source,
        forms=views,
        empty=None if chosen else "No Form 8606 was selected: the ledger has no events to report for it.",
        glossary=GLOSSARY if audience == "client" else (),
        assertion_failures=tuple(failure_text(f) for f in result.assertion_failures),
    )


def form_view(result: Result, form: FormResult, audience: str, with_history: bool = True) -> FormView:
    client = audience == "client"
    return FormView(
        anchor=f"form-{form.person}-{form.year}",
        person=form.person,
        name=form.name,
        ssn=_ssn(form.ssn, client),
        year=form.year,
        title=f"{form.name} ({form.person}): Form 8606 for {form.year}",
        filing=summary.filing(form),
        headline=summary.headline(form, client),
        why=summary.why(form, client),
        carried=summary.carried(form, client),
        picture=picture(form),
        parts=_parts(form, client),
        notes=tuple(_note(n, audience) for n in form.notes),
        roth=summary.roth_words(form),
        additional_tax=summary.additional_tax(form),
        history=history(result, form) if with_history else None,
    )


def _ssn(ssn: str | None, client: bool) -> str | None:
    if ssn is None:
        return None
    return f"***-**-{ssn[-4:]}" if client else ssn


def _parts(form: FormResult, client: bool) -> tuple[PartView, ...]:
    return tuple(PartView(f"{part}: {title}", tuple(_line(form, label, client) for label in labels
                                                    if label in form.lines))
                 for part, title, labels in PART_TITLES if any(label in form.lines for label in labels))


def _line(form: FormResult, label: str, client: bool) -> LineView:
    line = form.lines[label]
    rounding = None
    if line.exact is not None:
        unit = "whole dollars" if form.unit == DOLLAR else "cents"
        rounding = (f"rounded from {exact(line.exact)}" if client
                    else f"unrounded {exact(line.exact)}, rounded half up to {unit}")
    plain = None
    if client and label == RATIO_LINE:
        plain = f"{percent(line.value)} of everything on line 9 is basis."
    return LineView(
        label=label, caption=CAPTIONS[label], value=line_value(form, label), rule=line.rule, how=line.how,
        sources=tuple(words(x) for x in line.sources), rounding=rounding, cite=None if client else line.cite,
        plain=plain,
    )


def _note(note: Note, audience: str) -> NoteView:
    said = wording(note.code, audience)
    return NoteView(note.code, note.level, said.title, said.plain, note_text(note))
