"""The TOML text of a new ledger (`form8606 init`): from filed forms (intake), or a commented start.

Every figure written comes from a line of a filed form, named beside it; a figure no form
shows is a commented placeholder ("# field = ...") saying where to find it. What a file from
elsewhere holds reaches the text only escaped: names as TOML strings without control
characters, everything else in comments through errors.printable.
"""

from __future__ import annotations

import json
import re
import textwrap
from decimal import Decimal
from pathlib import Path

from form8606 import rules
from form8606.errors import printable
from form8606.intake import Break, Intake, Opening, Person, SelfContradiction
from form8606.intake.opening import Known, Layer, Missing
from form8606.intake.people import FULL_SSN, WHO
from form8606.ledger.schema import SCHEMA_FILE
from form8606.render.checktable import figure_text, inconsistency_text

WIDTH = 100
EXAMPLE_YEAR = rules.SUPPORTED_YEARS.stop - 2  # a starting ledger's examples: the last year whose return is due
PLACEHOLDER = "..."


def starter_ledger(couple: bool) -> str:
    """A ledger without history that `compute` accepts as it is, with the common entries
    shown in comments."""
    people = [_table("you", 'name = "Your name"', "as printed on the return")]
    if couple:
        people.append(_table("spouse", 'name = "Spouse\'s name"', "each spouse has their own Form 8606 and basis"))
    opening = _commented(["[[opening]]", 'who = "you"', f"year = {EXAMPLE_YEAR - 1}",
                          f"traditional_basis = {PLACEHOLDER}"])
    return "\n".join([
        _header(None),
        *people,
        _note("If a Form 8606 was ever filed, start from the last one: its year and line 14 (`form8606 init --from "
              "FORM` reads them; docs/season.md). If none ever was, leave [[opening]] out."),
        opening,
        "",
        _year_block(EXAMPLE_YEAR, ["you", "spouse"] if couple else ["you"]),
    ])


def intake_ledger(taken: Intake, keep_ssn: bool, couple: bool) -> str:
    """The ledger of `init --from`: people, the forms read, the history's breaks, the openings."""
    found = {p.who: p for p in taken.people}
    who = [w for w in WHO if w in found or w == "you" or couple]  # [people.you] always; the spouse with --couple
    parts = [_header(taken.files), *(_person(found.get(w) or Person(w, None, None, ""), keep_ssn) for w in who)]
    for o in taken.openings:
        parts.append(_forms_read(taken, o.who))
        parts += [_note(f"BREAK: {finding_text(f)}") for f in taken.findings if f.who == o.who]
        parts.append(_opening(o))
    parts.append(_year_block(max(o.year for o in taken.openings) + 1, who))
    return "\n".join(parts)


def finding_text(f: Break | SelfContradiction) -> str:
    """A break in the history, with the years, lines and both figures."""
    if isinstance(f, SelfContradiction):
        return printable(f"{f.who} {f.year}: the form contradicts itself: {inconsistency_text(f.inconsistency)} "
                         f"({f.source})")
    before = f.before
    if before.line == "17":
        then = f"the {before.form.year} form left no basis (a conversion without Part I used it, line 17)"
    else:
        then = f"line 14 of the {before.form.year} form is {_money(before.value)} ({before.form.form.source})"
    return printable(f"{f.who} {f.year}: line 2 is {_money(f.line2)} ({f.source}), but {then}; line 2 is line 14 of "
                     "the last Form 8606 filed (Form 8606 instructions, Line 2)")


def summary(taken: Intake | None, path: str, text: str) -> str:
    """What `init` says on stdout once the ledger `text` is written."""
    rows = [f"wrote {path}" + ("" if taken else ": a starting ledger; write the names, then the year's events")]
    for o in taken.openings if taken else ():
        basis = next(f for f in o.fields if f.field == "traditional_basis")
        shown = _money(basis.value) if isinstance(basis, Known) else "to fill in"
        rows.append(f"  {o.who}: [[opening]] {o.year}, traditional basis {shown} ({o.form.form.source})")
    if taken:
        left = len(re.findall(rf"^# \w+ = {re.escape(PLACEHOLDER)}", text, re.MULTILINE))
        rows.append(f"  {left} figure{'s' if left != 1 else ''} to fill in: the lines \"# field = {PLACEHOLDER}\", "
                    "each under a note saying where to find it")
    return "\n".join(printable(row) for row in rows)


def _header(files: tuple[str, ...] | None) -> str:
    source = _note(f"Read from: {', '.join(Path(f).name for f in files)}.") + "\n" if files else ""
    return f"""#:schema ./{SCHEMA_FILE}
# A form8606 ledger (docs/ledger.md), started by `form8606 init`.
{source}# A line "# field = {PLACEHOLDER}" is a figure to fill in: find it where the note above it says,
# write it in place of "{PLACEHOLDER}" and remove the "# " before the field.
# The first line lets an editor check this file as it is typed once the schema is saved beside
# it: `form8606 schema > {SCHEMA_FILE}` (docs/ledger.md, Editor support).

version = 1
"""


def _person(p: Person, keep_ssn: bool) -> str:
    if p.name:
        name = (f"name = {_string(p.name)}", f"as printed on {p.source}")
    else:
        name = ('name = "Name as on the return"', "not on the forms read: write it as printed on the return")
    rows = [_with_note(*name)]
    if p.ssn and keep_ssn and FULL_SSN.fullmatch(p.ssn):
        rows.append(_with_note(f"ssn = {_string(p.ssn)}", "as printed on the form; this file is readable by you only"))
    elif p.ssn and keep_ssn:
        rows.append(_with_note(f"# ssn = {PLACEHOLDER}", f"the forms print only {p.ssn}"))
    elif p.ssn:
        rows.append(_with_note(f"# ssn = {PLACEHOLDER}", "printed on the form; `init --keep-ssn` writes it"))
    rows.append(_with_note(f"# birth_date = {PLACEHOLDER}", "not on Form 8606: the catch-up limit (50 and older) and "
                           "Roth distributions (59 1/2)"))
    return "\n".join([f"[people.{p.who}]", *rows, ""])


def _table(who: str, name: str, note: str) -> str:
    return "\n".join([f"[people.{who}]", _with_note(name, note),
                      _with_note(f"# birth_date = {PLACEHOLDER}", "the catch-up limit and Roth distributions"), ""])


def _forms_read(taken: Intake, who: str) -> str:
    rows = [f"# Forms 8606 of {who} read, oldest first (line 14 of each is line 2 of the next):"]
    for f in (f for f in taken.filed if f.who == who):
        fourteen = f"line 14 = {_money(f.lines['14'])}" if "14" in f.lines else "line 14 blank"
        rows.append(printable(f"#   {f.year}  {fourteen:<22} {f.form.source}"))
    return "\n".join(rows)


def _opening(o: Opening) -> str:
    rows = [_with_note("[[opening]]", f"everything through {o.year}, from the {o.year} form"),
            f'who = "{o.who}"', f"year = {o.year}"]
    for f in sorted(o.fields, key=lambda f: isinstance(f, Missing)):  # the figures first, then what to fill in
        if isinstance(f, Known):
            rows += [_note(f"{f.field}: {f.why}"), f"{f.field} = {_value(f.value)}"]
        else:
            rows += [_note(f"{f.field}: {f.where}"), f"# {f.field} = {PLACEHOLDER}"]
    return "\n".join(rows) + "\n"


def _year_block(year: int, people: list[str]) -> str:
    """The year to prepare: the common entries, commented."""
    rows = [_note(f"---- {year}: add the year's events as they happen (docs/ledger.md), or its Forms 1099-R and 5498 "
                  "as printed (docs/documents.md); then `form8606 compute` this file. A backdoor Roth, for example:"),
            "#",
            *_commented(["[[contribution]]", 'who = "you"', f"date = {year}-01-10", 'to = "traditional"',
                         "amount = 7000", "", "[[conversion]]", 'who = "you"', f"date = {year}-01-17",
                         "amount = 7000"]).splitlines()]
    for who in people:
        rows += ["#", _with_note("# [[year_end]]", "line 6: needed in a year with a distribution or a conversion"),
                 f'# who = "{who}"', f"# year = {year}",
                 _with_note(f"# traditional = {PLACEHOLDER}", f"December 31, {year}: box 5 of every Form 5498 of "
                            "the traditional, SEP and SIMPLE IRAs")]
    return "\n".join(rows) + "\n"


def _value(value: Decimal | tuple[Layer, ...]) -> str:
    if isinstance(value, Decimal):
        return _number(value)
    layers = [f"  {{ year = {x.year}, amount = {_number(x.amount)}, taxable = {_number(x.taxable)} }}," for x in value]
    return "\n".join(["[", *layers, "]"])


def _number(value: Decimal) -> str:
    return format(value, "f")


def _string(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's, and the text holds no control character."""
    return json.dumps(text, ensure_ascii=False)


def _money(value: Decimal) -> str:
    return figure_text(value, "14")


def _with_note(line: str, note: str) -> str:
    return printable(f"{line:<32} # {note}") if len(line) < 32 else printable(f"{line}  # {note}")


def _note(text: str) -> str:
    return textwrap.fill(printable(text), WIDTH, initial_indent="# ", subsequent_indent="#   ",
                         break_long_words=False, break_on_hyphens=False)


def _commented(lines: list[str]) -> str:
    return "\n".join(f"# {line}" if line else "#" for line in lines)

