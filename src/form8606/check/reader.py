"""The process that reads their file, started by check.run.read_theirs with bounded time and
memory (pdf.bounded): a PDF, the JSON of `compute --format json` or a line,amount CSV, told
apart by content. Every error names the file."""

from __future__ import annotations

from pathlib import Path

from form8606.check.theirs import few, from_csv, from_json
from form8606.errors import Form8606Error
from form8606.pdf.bounded import child_main


def read_forms(data: bytes, name: str) -> dict:
    """Their forms as JSON (TheirForm.answer); `name` is the path as the user gave it."""
    source = Path(name).name
    try:
        if data[:1024].lstrip().startswith(b"%PDF"):
            from form8606.check.pdfread import (
                extract,  # pypdf only for a PDF: JSON and CSV start faster
            )

            forms = extract(data, source)
        else:
            forms = _from_text(data, source)
        few(forms)
    except Form8606Error as exc:
        raise Form8606Error(f"{name}: {exc}") from None
    return {"forms": [f.answer() for f in forms]}


def _from_text(data: bytes, source: str):
    try:
        text = data.decode("utf-8-sig")  # spreadsheet CSVs often start with a byte-order mark
    except UnicodeDecodeError:
        raise Form8606Error("not a PDF, JSON or CSV file") from None
    if text.lstrip().startswith("{"):
        return from_json(text, source)
    return from_csv(text, source)


if __name__ == "__main__":
    child_main(read_forms)
