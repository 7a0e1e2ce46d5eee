"""Problems are values: each knows where it came from (file, entry, field).

Loading and checking collect problems instead of raising; the CLI prints them all.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as we can."""

    where: str  # e.g. "rivera.toml: [[contribution]] #2 (you, 2026-02-03)"
    message: str  # what is wrong and how to fix it
    field: str | None = None  # field path within the entry, e.g. "amount"

    def __str__(self) -> str:
        field = f", field `{self.field}`" if self.field else ""
        return f"{self.where}{field}: {self.message}" if self.where else self.message


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
