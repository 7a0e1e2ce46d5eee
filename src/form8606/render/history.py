"""The history table attached to the last form of each person: every year of the person's forms
in the ledger, with the years between them that had none."""

from __future__ import annotations

from form8606.calc.result import FormResult, Result
from form8606.render.figures import line_value, money
from form8606.render.view import History, HistoryRow

HISTORY_COLUMNS = (  # (heading, short heading for 80-column text, line label or FormResult attribute)
    ("Basis at the start (line 2)", "Basis in", "basis_start"),
    ("Nondeductible contributions (line 1)", "Contrib", "1"),
    ("Converted (line 16)", "Convert", "16"),
    ("Taxable conversion (line 18)", "Tax 18", "18"),
    ("Distributions (line 7)", "Distrib", "7"),
    ("Taxable distributions (line 15c)", "Tax 15c", "15c"),
    ("Taxable Roth distributions (line 25c)", "Tax 25c", "25c"),
    ("Basis carried to next year", "Basis out", "basis_end"),
)


def history(result: Result, form: FormResult) -> History:
    """The history of `form`'s person, `form`'s year marked as current."""
    mine = [f for f in result.forms if f.person == form.person]
    by_year = {f.year: f for f in mine}
    rows = []
    for year in range(min(by_year), max(by_year) + 1):
        f = by_year.get(year)
        if f is None:
            rows.append(HistoryRow(year, False, False, (None,) * len(HISTORY_COLUMNS), None))
            continue
        cells = []
        for _, _, key in HISTORY_COLUMNS:
            if key in ("basis_start", "basis_end"):
                cells.append(money(f, getattr(f, key)))
            else:
                cells.append(line_value(f, key) if key in f.lines else None)
        roth = f.roth_basis
        layers = ", ".join(f"{c.year}: {money(f, c.amount)} ({money(f, c.taxable)} taxable)"
                           for c in roth.conversions)
        words = (f"contributions {money(f, roth.contributions)}; conversions {layers}" if layers
                 else f"contributions {money(f, roth.contributions)}") if roth.total else None
        rows.append(HistoryRow(year, True, year == form.year, tuple(cells), words))
    # Leave out a line's column when no year has that line (e.g. no Roth distributions ever).
    keep = [i for i, (_, _, key) in enumerate(HISTORY_COLUMNS)
            if key in ("basis_start", "basis_end") or any(r.cells[i] is not None for r in rows)]
    rows = [HistoryRow(r.year, r.has_form, r.current, tuple(r.cells[i] for i in keep), r.roth) for r in rows]
    return History(
        name=form.name,
        columns=tuple(HISTORY_COLUMNS[i][0] for i in keep),
        short=tuple(HISTORY_COLUMNS[i][1] for i in keep),
        rows=tuple(rows),
        has_roth=any(r.roth for r in rows),
    )
