"""The sentences at the top of a form's worksheet: whether it must be filed, the answer first
(how much is taxable), why, and what carries to next year. Every figure is one the calculator
produced; the sentences only select and word them."""

from __future__ import annotations

from form8606.calc.result import FormResult
from form8606.lines import RATIO_LINE
from form8606.render.figures import dollars, money, percent


def filing(form: FormResult) -> str:
    if form.required:
        return f"Form 8606 must be filed for {form.year} because of " + "; ".join(form.required_because) + "."
    return f"Form 8606 is not required for {form.year}: nothing on it must be reported this year."


def headline(form: FormResult, client: bool) -> tuple[str, ...]:
    """How much of the conversion and of the distributions is taxable, from the form's lines."""
    v, d, y = form.value, (lambda x: dollars(x, form.unit)), form.year
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


def why(form: FormResult, client: bool) -> str | None:
    """The reason, from lines 5, 6, 9 and 10 (or the note that says they are blank)."""
    v, d, y = form.value, (lambda x: dollars(x, form.unit)), form.year
    codes = {n.code for n in form.notes}
    if RATIO_LINE in form.lines:
        l5, l6, l9, l10 = v("5"), v("6"), v("9"), v("10")
        share = f"{percent(l10)} (line 10 is {l10})"
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


def carried(form: FormResult, client: bool) -> str:
    where = " (line 14)" if "14" in form.lines else ""
    tail = ": after-tax money that will come out tax-free later." if client and form.basis_end > 0 else "."
    return f"Traditional IRA basis carried to {form.year + 1}: {dollars(form.basis_end, form.unit)}{where}{tail}"


def roth_words(form: FormResult) -> str:
    roth, m = form.roth_basis, (lambda x: money(form, x))
    layers = "; ".join(f"{c.year}: {m(c.amount)} ({m(c.taxable)} of it taxable when converted)"
                       for c in roth.conversions)
    return (f"Roth IRA basis at the end of {form.year}: regular contributions {m(roth.contributions)}; "
            f"conversions and rollovers {layers or 'none'}.")


def additional_tax(form: FormResult) -> str | None:
    if not form.additional_tax_base:
        return None
    return (f"{dollars(form.additional_tax_base, form.unit)} of this year's Roth IRA distributions is subject to "
            "the 10% additional tax before exceptions (Form 5329 line 1).")
