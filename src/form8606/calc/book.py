"""A form being filled: each line is rounded as printed and keeps its explanation."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from form8606.calc.result import Line, Note, printed
from form8606.lines import RULES
from form8606.money import CENT as CENTS
from form8606.money import fmt_money, round_to
from form8606.sources import Source


class Book:
    def __init__(self, unit: Decimal, places: int):
        self.unit = unit
        self.places = places
        self.lines: dict[str, Line] = {}
        self.notes: list[Note] = []

    def put(self, label: str, exact: Decimal, how: str, sources: Iterable[Source] = (),
            rule: tuple[str, str] | None = None) -> Decimal:
        """Enter a line; return its printed value, which later lines must use. `rule` replaces
        the line's usual (rule, citation) when another worksheet fills it."""
        value = printed(exact, label, self.unit, self.places)
        rule, cite = rule or RULES[label]
        self.lines[label] = Line(label, value, how, tuple(sources), None if exact == value else exact, rule, cite)
        return value

    def note(self, code: str, message: str, level: str = "warning", subject: Source | None = None) -> None:
        self.notes.append(Note(code, message, level, subject))

    def money(self, value: Decimal) -> str:
        return fmt_money(value, self.unit)

    def exact(self, value: Decimal) -> str:
        """A figure before rounding: with its cents when it has any."""
        return fmt_money(value, CENTS if value != value.to_integral_value() else self.unit)

    def round(self, value: Decimal) -> Decimal:
        return round_to(value, self.unit)

    def get(self, label: str) -> Decimal | None:
        line = self.lines.get(label)
        return None if line is None else line.value
