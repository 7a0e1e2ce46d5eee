"""Explanatory worksheets: `form8606 explain`, and the HTML page `fill` writes beside each PDF.

The calculator's Result -> a view model built here -> jinja2 templates in templates/
(worksheet.html.j2, worksheet.md.j2, worksheet.txt.j2). This module only selects, words and
formats: every figure it shows is one the calculator produced (a line's value and its unrounded
figure, basis_start and basis_end, the Roth layers, additional_tax_base). Where an explanation
would need a figure the calculator does not give, it is described in words without a number
(the pre-tax part of line 9 is drawn as "the rest of line 9", never computed).

Two audiences: `client` (plain words, a glossary, the SSN masked to its last four digits) and
`preparer` (each line's rule with its citation, unrounded figures, full SSN).
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources

import jinja2

from form8606.calc.result import FormResult, Note, Result
from form8606.lines import CAPTIONS, PART1, PART2, PART3, RATIO_LINE
from form8606.money import DOLLAR, fmt_money
from form8606.render.bars import Bar, Part, bar

AUDIENCES = ("client", "preparer")
TEMPLATES = {"html": "worksheet.html.j2", "md": "worksheet.md.j2", "text": "worksheet.txt.j2"}
FORMATS = tuple(TEMPLATES)
TEXT_WIDTH = 80


# ---------------------------------------------------------------------------------------------
# The view model


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


PART_TITLES = (
    ("Part I", "Nondeductible contributions to traditional IRAs and distributions from traditional, SEP and "
               "SIMPLE IRAs", PART1),
    ("Part II", "Conversions from traditional, SEP or SIMPLE IRAs to Roth IRAs", PART2),
    ("Part III", "Distributions from Roth IRAs", PART3),
)

HISTORY_COLUMNS = (  # (heading, short heading for 80-column text, line label or FormResult attribute)
    ("Basis at the start (line 2)", "Basis in", "basis_start"),
    ("Nondeductible contributions (line 1)", "Contrib", "1"),
    ("Converted (line 16)", "Convert", "16"),
    ("Taxable conversion (line 18)", "Tax 18", "18"),
    ("Distributions (line 7)", "Distrib", "7"),
    ("Taxable distributions (line 15c)", "Tax 15c", "15c"),
    ("Taxable Roth distributions (line 25c)", "Tax 25c", "25c"),
    ("Basis carried to next year", "Basis out", "basis_end"),
)

GLOSSARY = (
    ("basis", "money in your traditional IRAs that was already taxed, such as nondeductible contributions; it "
              "comes out tax-free, and Form 8606 keeps track of it from year to year."),
    ("nondeductible contribution", "a traditional IRA contribution you do not deduct on your return, so it "
                                   "becomes basis."),
    ("pro-rata rule", "each dollar that comes out of a traditional IRA is part basis and part pre-tax money, in "
                      "the same proportion as in all your traditional, SEP and SIMPLE IRAs together; you cannot "
                      "take out only the basis."),
    ("December 31 value", "what all your traditional, SEP and SIMPLE IRAs were worth on the last day of the year "
                          "(Form 5498, box 5)."),
    ("conversion", "moving money from a traditional, SEP or SIMPLE IRA to a Roth IRA; the part that is not basis "
                   "is taxed in the year of the conversion."),
    ("distribution", "money taken out of an IRA and not put back (rolled over) within 60 days."),
    ("recharacterization", "treating a contribution made to one kind of IRA (Roth or traditional) as made to the "
                           "other, by moving it with its earnings before the tax return is due."),
    ("Form 1040 line 4b", "the line of your tax return where the taxable part of IRA money goes."),
)

CLIENT_NOTES: dict[str, tuple[str, str]] = {
    "pro_rata_taxable": (
        "Why most of the conversion is taxable, and what would have avoided it",
        "Your basis is shared across all of your traditional, SEP and SIMPLE IRAs, counted at their value on "
        "December 31 of the year of the conversion. The pre-tax money still in them on that day diluted the "
        "basis, so most of what you converted is taxed. What would have avoided it: moving the pre-tax IRA money "
        "into an employer plan, such as a 401(k) that accepts roll-ins, before December 31, so that only "
        "after-tax money was left in traditional IRAs. The same step helps before any future conversion."),
    "worksheet_1_1": (
        "A special computation was used",
        "Part of this year's contributions was deducted and money also came out of the IRAs, so the IRS "
        "requires a separate worksheet (Publication 590-B, Worksheet 1-1) to find the tax-free part; lines 6 to "
        "12 of the form stay blank."),
    "over_limit": (
        "Contributions above the yearly limit",
        "More was contributed than the law allows for the year. The excess is taxed 6% every year until it is "
        "taken out; ask your preparer about withdrawing it."),
    "limit_unknown_age": (
        "Your age decides the limit",
        "Contributions above the regular limit are allowed only from age 50 (the catch-up). Add your birth date "
        "to the ledger so this can be checked."),
    "line13_capped": (
        "A rounding adjustment",
        "Rounding each line to whole dollars would have used slightly more basis than you had, so the tax-free "
        "part was held to your basis."),
    "conversion_below_basis": (
        "The conversion was smaller than its basis",
        "You converted less than the after-tax money you had put in (after a market loss, for example). Nothing "
        "is taxable, and the unused basis does not carry forward once your traditional IRAs are empty."),
    "additional_tax_base": (
        "A possible 10% additional tax",
        "Part of the Roth IRA money taken out before age 59 1/2 may owe an extra 10% tax unless an exception "
        "applies; it is reported on Form 5329."),
    "roth_earnings_withdrawn": (
        "Roth earnings came out",
        "More came out of the Roth IRA than the contributions and conversions the ledger knows, so the rest "
        "counts as earnings, which can be taxable. If an earlier contribution or conversion is missing from the "
        "ledger, add it."),
    "line6_negative": (
        "December 31 value taken as zero",
        "After the adjustment for recharacterizations made after December 31, the year-end value came out below "
        "zero, so zero is used. Please check the year-end value and the recharacterization entries."),
}
WORKSHEET_1_1_SET_ASIDE = (
    "A special computation was checked",
    "Part of this year's contributions was deducted, so the IRS's separate worksheet (Publication 590-B, "
    "Worksheet 1-1) was tried first. It would have made more tax-free than your basis allows, so the form's "
    "usual lines 6 to 15c are used instead.")


# ---------------------------------------------------------------------------------------------
# Rendering


def render(result: Result, forms: FormResult | Sequence[FormResult] | None = None, fmt: str = "text",
           audience: str = "client") -> str:
    """The worksheet of `forms` (default: every form of the result) as html, md or text."""
    if fmt not in TEMPLATES:
        raise ValueError(f"unknown worksheet format {fmt!r}; expected one of {', '.join(FORMATS)}")
    return environment().get_template(TEMPLATES[fmt]).render(doc=document(result, forms, audience))


def render_html(result: Result, forms: FormResult | Sequence[FormResult] | None = None,
                audience: str = "client") -> str:
    """One self-contained HTML page; `fill` calls it with one form to write beside its PDF."""
    return render(result, forms, "html", audience)


def render_markdown(result: Result, forms: FormResult | Sequence[FormResult] | None = None,
                    audience: str = "client") -> str:
    return render(result, forms, "md", audience)


def render_text(result: Result, forms: FormResult | Sequence[FormResult] | None = None,
                audience: str = "client") -> str:
    return render(result, forms, "text", audience)


def template_source(name: str) -> str:
    """The text of template `name`, from the package data form8606.templates (the top-level
    templates/ directory of a checkout, shipped inside the wheel)."""
    packaged = resources.files("form8606.templates").joinpath(name)
    if not packaged.is_file():
        raise jinja2.TemplateNotFound(name)
    return packaged.read_text("utf-8")


def environment() -> jinja2.Environment:
    """Autoescaping for the .html template (names and notes come from an untrusted ledger);
    StrictUndefined so a missing value fails loudly."""
    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(template_source),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html", "html.j2"), default_for_string=False,
                                            default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(wrap=wrap, md=md_escape, mdcode=md_code, leader=leader, text_table=text_table)
    return env


# ---------------------------------------------------------------------------------------------
# Building the view model


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
        assertion_failures=tuple(result.assertion_failures),
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
        filing=_filing(form),
        headline=_headline(form, client),
        why=_why(form, client),
        carried=_carried(form, client),
        picture=_picture(form),
        parts=_parts(form, client),
        notes=tuple(_note(form, n, client) for n in form.notes),
        roth=_roth_words(form),
        additional_tax=(f"{_dollars(form.additional_tax_base, form.unit)} of this year's Roth IRA distributions is "
                        "subject to the 10% additional tax before exceptions (Form 5329 line 1)."
                        if form.additional_tax_base else None),
        history=_history(result, form) if with_history else None,
    )


def _money(form: FormResult, value: Decimal) -> str:
    return fmt_money(value, form.unit)


def _dollars(value: Decimal, unit: Decimal = DOLLAR) -> str:
    text = fmt_money(abs(value), unit)
    return f"-${text}" if value < 0 else f"${text}"


def _percent(ratio: Decimal) -> str:
    """Line 10 as a percentage, every printed place kept: 0.10000 -> 10%, 0.99986 -> 99.986%."""
    text = format(ratio.scaleb(2), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def _value(form: FormResult, label: str) -> str:
    value = form.lines[label].value
    return str(value) if label == RATIO_LINE else _money(form, value)


def _exact(value: Decimal) -> str:
    """An unrounded figure with thousands separators, without trailing zeros past the cents."""
    text = format(value, ",f")
    if "." in text:
        whole, frac = text.split(".")
        frac = frac.rstrip("0").ljust(2, "0")
        text = f"{whole}.{frac}"
    return text


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
        rounding = (f"rounded from {_exact(line.exact)}" if client
                    else f"unrounded {_exact(line.exact)}, rounded half up to {unit}")
    plain = None
    if client and label == RATIO_LINE:
        plain = f"{_percent(line.value)} of everything on line 9 is basis."
    return LineView(
        label=label, caption=CAPTIONS[label], value=_value(form, label), rule=line.rule, how=line.how,
        sources=line.sources, rounding=rounding, cite=None if client else line.cite, plain=plain,
    )


def _note(form: FormResult, note: Note, client: bool) -> NoteView:
    if not client:
        return NoteView(note.code, note.level, note.code, None, note.message)
    title, plain = CLIENT_NOTES.get(note.code, ("A note from the calculation", None))
    if note.code == "worksheet_1_1" and RATIO_LINE in form.lines:  # the worksheet was tried, then set aside
        title, plain = WORKSHEET_1_1_SET_ASIDE
    return NoteView(note.code, note.level, title, plain, note.message)


def _filing(form: FormResult) -> str:
    if form.required:
        return f"Form 8606 must be filed for {form.year} because of " + "; ".join(form.required_because) + "."
    return f"Form 8606 is not required for {form.year}: nothing on it must be reported this year."


def _headline(form: FormResult, client: bool) -> tuple[str, ...]:
    """How much of the conversion and of the distributions is taxable, from the form's lines."""
    v, d, y = form.value, (lambda x: _dollars(x, form.unit)), form.year
    out = []
    if v("16") is not None:
        l16, l17, l18 = v("16"), v("17"), v("18")
        if l18 > 0:
            out.append(f"{d(l18)} of the {d(l16)} converted to a Roth IRA in {y} is taxable (line 18); "
                       f"{d(l17)} of it is not, because it is basis (line 17).")
        elif l18 == 0:
            out.append(f"None of the {d(l16)} converted to a Roth IRA in {y} is taxable: all of it is basis "
                       f"(line 17 is {d(l17)}, line 18 is 0).")
        else:
            out.append(f"None of the {d(l16)} converted to a Roth IRA in {y} is taxable: its basis ({d(l17)}, "
                       f"line 17) is more than the amount converted, so line 18 is {d(l18)} and nothing goes on "
                       "Form 1040 line 4b.")
    if v("15c") is not None:
        l7, l15b, l15c = v("7"), v("15b") or 0, v("15c")
        disaster = (f"; the {d(l15b)} taxable from qualified disaster distributions (line 15b) goes on Form 8915 "
                    "instead" if l15b else "")
        if l7 is not None and l7 > 0:
            free = f"; {d(v('12'))} of it is not, because it is basis (line 12)" if v("12") is not None else ""
            out.append(f"{d(l15c)} of the {d(l7)} taken out of traditional IRAs in {y} is taxable (line 15c)"
                       f"{free}{disaster}.")
        elif l7 is None and (l15c or l15b):
            out.append(f"{d(l15c)} of the distributions from traditional IRAs in {y} is taxable (line 15c)"
                       f"{disaster}.")
    if v("19") is not None:
        l19, l25c = v("19"), v("25c")
        if l25c:
            out.append(f"{d(l25c)} of the {d(l19)} of nonqualified Roth IRA distributions is taxable (line 25c).")
        else:
            covered = [what for label, what in (("20", "first-time homebuyer expenses (line 20)"),
                                                 ("22", "Roth contribution basis (line 22)"),
                                                 ("24", "conversion and rollover basis (line 24)"))
                       if v(label)]
            out.append(f"None of the {d(l19)} of nonqualified Roth IRA distributions is taxable: "
                       f"{' and '.join(covered) or 'the Roth basis'} cover{'s' if len(covered) == 1 else ''} it.")
    if form.additional_tax_base:
        out.append(f"{d(form.additional_tax_base)} of the Roth IRA distributions may owe the 10% additional tax "
                   "on early distributions unless an exception applies (Form 5329 line 1).")
    if not out and v("1") is not None:
        who = "you" if client else "the filer"
        out.append(f"Nothing on this form is taxable: no money came out of traditional IRAs in {y}, and the "
                   f"{d(v('1'))} of nondeductible contributions {who} made (line 1) adds to the basis.")
    if not out:
        out.append(f"Nothing on this form is taxable for {y}.")
    return tuple(out)


def _why(form: FormResult, client: bool) -> str | None:
    """The reason, from lines 5, 6, 9 and 10 (or the note that says they are blank)."""
    v, d, y = form.value, (lambda x: _dollars(x, form.unit)), form.year
    codes = {n.code for n in form.notes}
    if RATIO_LINE in form.lines:
        l5, l6, l9, l10 = v("5"), v("6"), v("9"), v("10")
        share = f"{_percent(l10)} (line 10 is {l10})"
        if l6 > 0 and l10 < 1:
            if client:
                return (f"Why: your traditional, SEP and SIMPLE IRAs held {d(l6)} on December 31, {y} (line 6). "
                        f"The pro-rata rule spreads your basis of {d(l5)} (line 5) over that balance plus what "
                        f"came out during the year, {d(l9)} in all (line 9), so only {share} of each dollar "
                        "converted or taken out is tax-free.")
            return (f"Why: line 6 (December 31 value) is {d(l6)}, so the line-5 basis of {d(l5)} is spread over "
                    f"line 9, {d(l9)}: line 10 is {l10}, the nontaxable share of lines 7 and 8.")
        if l6 == 0:
            taxable = any(v(k) for k in ("15a", "18"))
            return (f"Why: {'your' if client else 'the'} traditional IRAs held nothing on December 31, {y} "
                    f"(line 6 is 0), so nothing diluted the basis of {d(l5)} (line 5): {share} of the {d(l9)} "
                    "on line 9 is basis." + (" The taxable part is what came out beyond the basis, such as "
                                             "earnings before a conversion." if taxable else ""))
        return (f"Why: the basis of {d(l5)} (line 5) covers everything it is spread over, {d(l9)} (line 9), "
                f"so line 10 is {l10} and nothing that came out is taxable.")
    if "worksheet_1_1" in codes:
        l13 = v("13")
        free = f" {d(l13)} of what came out is tax-free (line 13)." if l13 is not None else ""
        return (f"Why: {y}'s traditional IRA contributions were partly deducted and money came out, so the "
                "tax-free part comes from Pub. 590-B Worksheet 1-1 instead of lines 6 to 12, which stay blank."
                f"{free}")
    if v("17") is not None:
        return (f"Why: Part I of the form was not needed for {y}, so the basis in the conversion is entered "
                f"directly on line 17: {d(v('17'))} (the basis carried in plus contributions made before the "
                "conversion).")
    return None


def _carried(form: FormResult, client: bool) -> str:
    where = " (line 14)" if "14" in form.lines else ""
    tail = ": after-tax money that will come out tax-free later." if client and form.basis_end > 0 else "."
    return f"Traditional IRA basis carried to {form.year + 1}: {_dollars(form.basis_end, form.unit)}{where}{tail}"


def _picture(form: FormResult) -> Picture | None:
    """The pro-rata computation as proportional bars, from lines 5-18 as the calculator gave them."""
    v, m, d = form.value, (lambda x: _money(form, x)), (lambda x: _dollars(x, form.unit))
    codes = {n.code for n in form.notes}
    if RATIO_LINE in form.lines:
        l5, l6, l7, l8, l9, l10 = (v(k) for k in ("5", "6", "7", "8", "9", "10"))
        scale = max(l9, l5)
        bars = [
            bar(f"Everything the basis is spread over: line 9, {d(l9)}",
                [Part("line6", "December 31 value (line 6)", m(l6), l6),
                 Part("line7", "distributions (line 7)", m(l7), l7),
                 Part("line8", "converted (line 8)", m(l8), l8)], scale),
            bar(f"Basis against pre-tax money: line 5, {d(l5)}",
                [Part("basis", "basis (line 5)", m(l5), l5)], scale,
                rest=("pretax", "pre-tax money: the rest of line 9")),
        ]
        said = []
        if l8 > 0 and v("11") is not None and v("18") is not None:
            bars.append(bar(f"The conversion: line 8, {d(l8)}",
                            [Part("free", "tax-free (line 11)", m(v("11")), v("11")),
                             Part("taxable", "taxable (line 18)", m(v("18")), v("18"))], l8))
            said.append(f"{d(v('11'))} of the conversion (line 11) is tax-free and {d(v('18'))} (line 18) taxable")
        if l7 > 0:
            bars.append(bar(f"The distributions: line 7, {d(l7)}",
                            [Part("free", "tax-free (line 12)", m(v("12")), v("12")),
                             Part("taxable", "taxable (line 15a)", m(v("15a")), v("15a"))], l7))
            said.append(f"{d(v('12'))} of the distributions (line 12) is tax-free and {d(v('15a'))} (line 15a) "
                        "taxable")
        lead = (f"Line 10 is {l10}: {_percent(l10)} of everything on line 9 is basis, and the same share of what "
                "came out is tax-free")
        summary = f"{lead}: " + "; ".join(said) + "." if said else f"{lead}."
        return Picture(tuple(bars), summary, None)
    conversion = []
    l16, l17, l18 = v("16"), v("17"), v("18")
    if l16 is not None and l16 > 0 and l18 is not None and l18 >= 0:
        conversion.append(bar(f"The conversion: line 16, {d(l16)}",
                              [Part("free", "tax-free (line 17)", m(l17), l17),
                               Part("taxable", "taxable (line 18)", m(l18), l18)], l16))
    if "worksheet_1_1" in codes:
        return Picture(tuple(conversion), None,
                       "Lines 6 to 12 are blank this year: the tax-free part was figured on Pub. 590-B Worksheet "
                       "1-1 (its ratio is in the note below), so there is no line-10 ratio to draw.")
    if l16 is not None:
        return Picture(tuple(conversion), None,
                       "Part I was not needed this year, so lines 6 to 12 are blank and there is no line-10 ratio "
                       "to draw; the conversion's basis is on line 17.")
    if "1" in form.lines:
        return Picture((), None, "Nothing came out of traditional IRAs this year, so the pro-rata rule did not "
                                 "apply: lines 6 to 13 are blank.")
    return None


def _roth_words(form: FormResult) -> str:
    roth, m = form.roth_basis, (lambda x: _money(form, x))
    layers = "; ".join(f"{c.year}: {m(c.amount)} ({m(c.taxable)} of it taxable when converted)"
                       for c in roth.conversions)
    return (f"Roth IRA basis at the end of {form.year}: regular contributions {m(roth.contributions)}; "
            f"conversions and rollovers {layers or 'none'}.")


def _history(result: Result, form: FormResult) -> History:
    """Every year of this person's forms in the ledger, with the years between them that had none."""
    mine = [f for f in result.forms if f.person == form.person]
    by_year = {f.year: f for f in mine}
    rows = []
    for year in range(min(by_year), max(by_year) + 1):
        f = by_year.get(year)
        if f is None:
            rows.append(HistoryRow(year, False, False, (None,) * len(HISTORY_COLUMNS), None))
            continue
        cells = []
        for _, _, key in HISTORY_COLUMNS:
            if key in ("basis_start", "basis_end"):
                cells.append(_money(f, getattr(f, key)))
            else:
                cells.append(_value(f, key) if key in f.lines else None)
        roth = f.roth_basis
        layers = ", ".join(f"{c.year}: {_money(f, c.amount)} ({_money(f, c.taxable)} taxable)"
                           for c in roth.conversions)
        words = (f"contributions {_money(f, roth.contributions)}; conversions {layers}" if layers
                 else f"contributions {_money(f, roth.contributions)}") if roth.total else None
        rows.append(HistoryRow(year, True, year == form.year, tuple(cells), words))
    # Leave out a line's column when no year has that line (e.g. no Roth distributions ever).
    keep = [i for i, (_, _, key) in enumerate(HISTORY_COLUMNS)
            if key in ("basis_start", "basis_end") or any(r.cells[i] is not None for r in rows)]
    rows = [HistoryRow(r.year, r.has_form, r.current, tuple(r.cells[i] for i in keep), r.roth) for r in rows]
    return History(
        name=form.name,
        columns=tuple(HISTORY_COLUMNS[i][0] for i in keep),
        short=tuple(HISTORY_COLUMNS[i][1] for i in keep),
        rows=tuple(rows),
        has_roth=any(r.roth for r in rows),
    )


# ---------------------------------------------------------------------------------------------
# Template filters: formatting only


def wrap(text: object, indent: int = 2, hang: int | None = None, width: int = TEXT_WIDTH) -> str:
    """Fill `text` to `width` columns; continuation lines indented by `hang` (default `indent`)."""
    hang = indent if hang is None else hang
    return textwrap.fill(str(text), width=width, initial_indent=" " * indent, subsequent_indent=" " * hang,
                         break_on_hyphens=False)


def leader(caption: str, label: str, value: str, width: int = TEXT_WIDTH) -> str:
    """'  Line 18  Taxable conversion (Form 1040 line 4b) .......... 6,300' within `width`."""
    head = f"  Line {label:<4} "
    room = width - len(head) - len(value) - 2
    if len(caption) > room:
        caption = caption[: room - 3].rstrip() + "..."
    dots = "." * (room - len(caption) - 1)
    return f"{head}{caption} {dots}  {value}" if dots else f"{head}{caption}   {value}"


def text_table(history: History, width: int = TEXT_WIDTH) -> str:
    """The history as aligned columns; as one block per year when that would not fit."""
    headers = ("Year", *history.short)
    rows = [(str(r.year), *(c if c is not None else "-" for c in r.cells)) if r.has_form
            else (str(r.year), "no form: nothing to report; the basis carries over unchanged") for r in history.rows]
    full = [r for r in rows if len(r) == len(headers)]
    widths = [max(len(h), *(len(r[i]) for r in full)) for i, h in enumerate(headers)]
    if 2 + sum(widths) + 2 * (len(widths) - 1) <= width:
        def fmt(cells: Sequence[str]) -> str:
            return "  " + "  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))
        lines = [fmt(headers)]
        for r, row in zip(rows, history.rows):
            mark = " <" if row.current else ""
            lines.append(fmt(r) + mark if len(r) == len(headers) else f"  {r[0]}  {r[1]}")
        key = "; ".join(f"{s} = {c[0].lower()}{c[1:]}" for s, c in zip(history.short, history.columns))
        lines.append(wrap(f"Columns: {key}; < marks this form's year.", 2, 4, width))
        return "\n".join(lines)
    blocks = []
    for r, row in zip(rows, history.rows):
        if len(r) != len(headers):
            blocks.append(f"  {r[0]}  {r[1]}")
            continue
        pairs = "; ".join(f"{h} {c}" for h, c in zip(history.columns, r[1:]))
        blocks.append(wrap(f"{r[0]}{' (this form)' if row.current else ''}: {pairs}", 2, 8, width))
    return "\n".join(blocks)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$#])")
_MD_AUTOLINK = re.compile(r"(?i)(?<=:)//|(?<=\bwww)\.")  # GFM autolinks "http://..." and "www."


def md_escape(text: object) -> str:
    """Untrusted or arbitrary text as literal Markdown: punctuation that could start markup is
    backslash-escaped (CommonMark), `$` too (math on GitHub), and the "//" or "." that would let
    GFM autolink a URL; newlines become spaces."""
    text = _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).splitlines()))
    return _MD_AUTOLINK.sub(lambda m: "".join("\\" + ch for ch in m.group(0)), text)


def md_code(text: object) -> str:
    """Text as a Markdown code span, whatever backticks it holds."""
    text = " ".join(str(text).splitlines())
    fence = "`"
    while fence in text:
        fence += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"
