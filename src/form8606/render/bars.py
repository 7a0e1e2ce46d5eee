"""Proportional bars for the worksheets' pro-rata picture: geometry only, no tax.

A bar is a row of segments, each the share of one calculator figure in the bar's scale. The
HTML template draws the segments as SVG rectangles in a 0-1000 wide viewBox; the Markdown and
text templates draw the same bar with one character per fortieth or so of the width.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

VIEW_WIDTH = 1000  # SVG user units across a bar
MIN_VISIBLE = 4  # a non-zero segment is drawn at least this wide, so it can be seen
TEXT_WIDTH = 60  # characters across a bar in Markdown and text


@dataclass(frozen=True)
class Part:
    """One figure of a bar as the caller selected it: what it is and how it is printed."""

    key: str  # style key: "basis", "pretax", "line6", "line7", "line8", "free", "taxable"
    label: str  # "December 31 value (line 6)"
    amount: str | None  # the figure as printed, or None for a part shown without a figure
    value: Decimal  # the same figure, for its width only


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    amount: str | None
    glyph: str
    x: Decimal  # SVG user units (drawing geometry, exact like everything else)
    width: Decimal


@dataclass(frozen=True)
class Bar:
    title: str
    segments: tuple[Segment, ...]
    text: str  # the bar drawn with characters, TEXT_WIDTH wide between brackets


GLYPHS = {"basis": "#", "pretax": ".", "line6": "=", "line7": "~", "line8": "+", "free": "o", "taxable": "X"}


def bar(title: str, parts: Sequence[Part], scale: Decimal, rest: tuple[str, str] | None = None) -> Bar:
    """Lay `parts` side by side, each as wide as its value is a share of `scale`; `rest` (a style
    key and a label) fills what is left of the width, shown without a figure."""
    shown = [p for p in parts if p.value > 0]
    if scale <= 0 or not shown:
        return Bar(title, (), "[" + " " * TEXT_WIDTH + "]")
    shares = [min(p.value / scale, Decimal(1)) for p in shown]
    left = 1 - sum(shares)
    if rest is not None and left * VIEW_WIDTH >= MIN_VISIBLE / 2:
        shown.append(Part(rest[0], rest[1], None, Decimal(0)))
        shares.append(left)
    widths = _visible([s * VIEW_WIDTH for s in shares], VIEW_WIDTH)
    segments, x = [], Decimal(0)
    for part, width in zip(shown, widths):
        segments.append(Segment(part.key, part.label, part.amount, GLYPHS[part.key], round(x, 1), round(width, 1)))
        x += width
    return Bar(title, tuple(segments), _text(shares, [GLYPHS[p.key] for p in shown]))


def _visible(widths: list[Decimal], total: int) -> list[Decimal]:
    """Widen tiny segments so every one shows; take the difference from the widest."""
    out = [max(w, MIN_VISIBLE) for w in widths]
    excess = sum(out) - max(total, sum(widths))
    if excess > 0:
        widest = out.index(max(out))
        out[widest] -= excess
    return out


def _text(shares: list[Decimal], glyphs: list[str]) -> str:
    counts = [max(1, round(s * TEXT_WIDTH)) for s in shares]
    # the widest segment absorbs the rounding, so a full bar stays full and none overflows
    short = min(round(sum(shares) * TEXT_WIDTH), TEXT_WIDTH) - sum(counts)
    counts[counts.index(max(counts))] += short
    drawn = "".join(g * c for g, c in zip(glyphs, counts))
    return "[" + drawn.ljust(TEXT_WIDTH) + "]"
