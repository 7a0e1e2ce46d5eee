"""`compute --format table`: the lines with short captions, for a terminal (80 columns)."""

from __future__ import annotations

import textwrap

from form8606.calc.result import FormResult, OpenYear
from form8606.lines import CAPTIONS, RATIO_LINE
from form8606.money import fmt_money
from form8606.render.sources import note_text


def form_table(form: FormResult) -> str:
    head = f"{form.name} ({form.person}) - Form 8606 for {form.year}"
    if form.required:
        status = "must file: " + "; ".join(form.required_because)
    else:
        status = "not required (nothing Form 8606 must report this year)"
    rows = [head, "=" * len(head), _wrap(status)]
    for label, line in form.lines.items():
        value = str(line.value) if label == RATIO_LINE else fmt_money(line.value, form.unit)
        caption = CAPTIONS[label][: 78 - 7 - 14]
        rows.append(f"  {label:>4}  {caption:<{78 - 7 - 14}} {value:>14}")
    if not form.lines:
        rows.append("  (no lines: Parts I and II do not apply)")
    money = lambda v: fmt_money(v, form.unit)  # noqa: E731
    rows.append(f"  traditional basis carried to {form.year + 1}: {money(form.basis_end)}")
    roth = form.roth_basis
    layers = ", ".join(f"{c.year}: {money(c.amount)} ({money(c.taxable)} taxable)" for c in roth.conversions)
    rows.append(_wrap(f"Roth basis at the end of {form.year}: contributions {money(roth.contributions)}; "
                      f"conversions and rollovers {layers or 'none'}"))
    if form.additional_tax_base:
        rows.append(f"  subject to the 10% additional tax (Form 5329 line 1): {money(form.additional_tax_base)}")
    for note in form.notes:
        rows.append(_wrap(f"{note.level}: [{note.code}] {note_text(note)}"))
    return "\n".join(rows)


def _wrap(text: str, width: int = 80) -> str:
    return textwrap.fill(text, width=width, initial_indent="  ", subsequent_indent="    ")


def open_year_text(o: OpenYear) -> str:
    return f"{o.person} {o.year} is not computable yet: {o.missing}"
