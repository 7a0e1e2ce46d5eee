"""`check` output: a table of every line, then the likely cause of each difference."""

from __future__ import annotations

import textwrap
from decimal import Decimal

from form8606.check.arithmetic import Inconsistency
from form8606.check.run import FormCheck
from form8606.errors import printable
from form8606.lines import CAPTIONS, RATIO_LINE
from form8606.money import fmt_money
from form8606.render.sources import say

MAX_NOTE = 2000  # characters: text from a hostile file is cut, as wrapping one long word is quadratic


def figure_text(value: Decimal | None, line: str) -> str:
    if value is None:
        return "-"
    if line == RATIO_LINE:
        return format(value, "f")
    return fmt_money(value, Decimal(1) if value == value.to_integral() else Decimal("0.01"))


def check_table(check: FormCheck, name: str) -> str:
    head = printable(f"Form 8606 for {check.year}, {name} ({check.person}) against {check.source}")
    rows = [head, "=" * min(len(head), 80)]
    if check.someone_else:  # said first: the rest is most likely a comparison with the wrong file
        rows.append(_wrap(f"NOT THIS PERSON'S FORM: {check.someone_else}", "  ", "    "))
    if check.inconsistencies:
        rows.append("  Their form contradicts itself (its own arithmetic, before any comparison):")
        rows += [_wrap(inconsistency_text(i), "    - ", "      ") for i in check.inconsistencies]
    rows.append(f"  {'line':>4}  {'':<28} {'theirs':>11} {'ours':>11} {'diff':>9}  status")
    for c in check.lines:
        theirs, ours, diff = (figure_text(v, c.line) for v in (c.theirs, c.ours, c.difference))
        rows.append(f"  {c.line:>4}  {CAPTIONS[c.line][:28]:<28} {theirs:>11} {ours:>11} {diff:>9}  {c.status}")
    rows += [_wrap(f"note: {note}", "  ", "    ") for note in check.notes]
    problems = [c for c in check.lines if c.status != "agrees"]
    if not problems:
        rows.append("  Every line agrees.")
    for c in problems:
        rows.append(f"  line {c.line} {c.status}: theirs {figure_text(c.theirs, c.line)}, "
                    f"ours {figure_text(c.ours, c.line)}")
        rows += [_wrap(say(cause), "    - ", "      ") for cause in c.causes]
    return "\n".join(rows)


def inconsistency_text(i: Inconsistency) -> str:
    return f"line {i.line} is {figure_text(i.theirs, i.line)}, but {i.words}"


def _wrap(text: str, first: str, rest: str) -> str:
    text = printable(text)  # their file's name and SSN may hold anything: never a terminal code
    if len(text) > MAX_NOTE:
        text = f"{text[:MAX_NOTE]}..."
    return textwrap.fill(text, 80, initial_indent=first, subsequent_indent=rest)


def check_dict(check: FormCheck) -> dict:
    extra = {"someone_else": check.someone_else} if check.someone_else else {}
    return {"person": check.person, "year": check.year, "source": check.source, **extra, "notes": list(check.notes),
            "inconsistencies": [{"line": i.line, "theirs": i.theirs, "expected": i.expected,
                                 "message": inconsistency_text(i)}
                                for i in check.inconsistencies],
            "lines": [{"line": c.line, "theirs": c.theirs, "ours": c.ours, "difference": c.difference,
                       "status": c.status, "causes": [say(cause) for cause in c.causes]} for c in check.lines]}
