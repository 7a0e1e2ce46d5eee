"""Problems are values: each knows where it came from (file, entry, field).

Loading and checking collect problems instead of raising; the CLI prints them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Characters that must never reach a terminal as they are: C0 and C1 controls (ESC starts the
# escape codes that recolour, move or retitle the screen) and the bidirectional overrides that
# reorder what is shown (Unicode TR #9; CVE-2021-42574, "Trojan Source").
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` with each control character written as its Python escape: ESC as \\x1b."""
    return CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def shown(value: object, limit: int = 60) -> str:
    """A value from a file as a message may quote it: escaped, and cut after `limit` characters."""
    text = printable(value if isinstance(value, str) else repr(value))
    return text if len(text) <= limit else text[:limit] + "..."


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    where: str  # e.g. "rivera.toml: [[contribution]] #2 (you, 2026-02-03)"
    message: str  # what is wrong and how to fix it
    field: str | None = None  # field path within the entry, e.g. "amount"

    def __str__(self) -> str:
        """Escaped: a message may quote what a file holds (errors.printable)."""
        field = f", field `{self.field}`" if self.field else ""
        return printable(f"{self.where}{field}: {self.message}" if self.where else self.message)


class Form8606Error(Exception):
    """Root of every error the tool reports to a user (exit code 2 at the CLI)."""

    def __init__(self, problems: list[Problem | str] | Problem | str):
        if isinstance(problems, str | Problem):
            problems = [problems]
        problems = [Problem("", p) if isinstance(p, str) else p for p in problems]
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class NotComputable(Form8606Error):
    """A year that can't be computed yet (its December 31 value doesn't exist yet, or form8606
    has no rules for it): reported as an open year, never blocking the years before it."""
