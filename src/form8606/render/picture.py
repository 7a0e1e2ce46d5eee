"""The pro-rata picture of a form: lines 5-18 as proportional bars, or why none is drawn."""

from __future__ import annotations

from form8606.calc.result import FormResult
from form8606.lines import RATIO_LINE
from form8606.render.bars import Part, bar
from form8606.render.figures import dollars, money, percent
from form8606.render.view import Picture


def picture(form: FormResult) -> Picture | None:
    """The pro-rata computation as proportional bars, from lines 5-18 as the calculator gave them."""
    v, m, d = form.value, (lambda x: money(form, x)), (lambda x: dollars(x, form.unit))
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
        lead = (f"Line 10 is {l10}: {percent(l10)} of everything on line 9 is basis, and the same share of what "
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
