"""The worksheet templates' filters: formatting only (wrapping and leaders for 80-column text,
the history as a text table, escaping for Markdown)."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

from form8606.render.view import History

TEXT_WIDTH = 80


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
