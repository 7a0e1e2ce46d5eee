"""Their Form 8606 out of a PDF: the fields of a filled official form, or, in a whole return
printed flat, the figures beside each line number, page by page (one form per person).

A PDF from elsewhere may be hostile: it is read in a child process with a time limit and a
memory limit, so a malformed file ends with a message, never a hang.
"""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from form8606.check.theirs import TheirForm, parse_figure
from form8606.errors import Form8606Error, shown
from form8606.lines import RATIO_LINE
from form8606.pdf.fieldmap import (
    YEAR,
    Text,
    derive,
    has_cents_boxes,
    is_form_8606,
    layout_of,
    line_labels,
    open_pdf,
    page_texts,
)

MAX_BYTES = 64 * 1024 * 1024
MAX_PAGES = 2000
TIMEOUT = 30  # seconds, unless FORM8606_PDF_TIMEOUT says otherwise
MEMORY = 1024 * 1024 * 1024  # bytes of address space for the reading process
MIN_LABELS = 10  # page 1 of Form 8606 prints line numbers 1-14 beside its boxes
SSN = re.compile(r"\b\d{3}-\d{2}-\d{4}\b")


def read_pdf(path: Path) -> list[TheirForm]:
    """Read in a child process with bounded time and memory."""
    if path.stat().st_size > MAX_BYTES:
        raise Form8606Error(f"{path}: larger than {MAX_BYTES // 2**20} MB; not read")
    timeout = _timeout()
    try:
        done = subprocess.run([sys.executable, "-m", "form8606.check.pdfread", str(path)], capture_output=True,
                              text=True, timeout=timeout, preexec_fn=_limit_memory, check=False)
    except subprocess.TimeoutExpired:
        raise Form8606Error(f"{path}: reading took longer than {timeout:g} s; the PDF may be malformed") from None
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        raise Form8606Error(f"{path}: the PDF could not be read (the reader stopped: "
                            f"{(done.stderr.strip().splitlines() or ['out of memory?'])[-1]})") from None
    if "error" in answer:
        raise Form8606Error(f"{path}: {answer['error']}")
    return [TheirForm(f["source"], f["year"], {k: Decimal(v) for k, v in f["lines"].items()}, f["name"], f["ssn"])
            for f in answer["forms"]]


def _timeout() -> float:
    """FORM8606_PDF_TIMEOUT, read only when a PDF is: a bad value stops that, not every command."""
    text = os.environ.get("FORM8606_PDF_TIMEOUT")
    if text is None:
        return TIMEOUT
    try:
        seconds = float(text)
    except ValueError:
        seconds = math.nan
    if not 0 < seconds < math.inf:
        raise Form8606Error(f'FORM8606_PDF_TIMEOUT is "{shown(text)}"; it must be a number of seconds above 0, '
                            "such as 30")
    return seconds


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


def extract(data: bytes, source: str) -> list[TheirForm]:
    reader = open_pdf(data)
    if len(reader.pages) > MAX_PAGES:
        raise Form8606Error(f"more than {MAX_PAGES} pages; not read")
    layout = layout_of(reader)
    if layout.widgets and is_form_8606(layout.texts):
        fields, unplaced = derive(layout)
        if not unplaced:
            return [_from_fields(reader, fields, layout.year, source)]
    forms = _from_pages(reader, source)
    if not forms:
        raise Form8606Error("no Form 8606 in it (no page titled \"Nondeductible IRAs\" with its line numbers)")
    return forms


def _from_fields(reader, fields: dict, year: int | None, source: str) -> TheirForm:
    values = {name: str(f.get("/V") or "") for name, f in (reader.get_fields() or {}).items()}
    lines = {}
    for label, target in fields.items():
        if label in ("name", "ssn"):
            continue
        if isinstance(target, tuple):  # line 10's two boxes, or the 2018 form's dollars and cents
            text = f"{values.get(target[0], '')}.{values.get(target[1], '')}".rstrip(".")
        else:
            text = values.get(target, "")
        value = parse_figure(text, label)
        if value is not None:
            lines[label] = value
    return TheirForm(f"{source} (form fields)", year, lines, values.get(fields["name"]) or None,
                     values.get(fields["ssn"]) or None)


def _from_pages(reader, source: str) -> list[TheirForm]:
    """A flattened return: each page titled "Nondeductible IRAs" starts a form; its page 2
    ("Form 8606 (YEAR) Page 2") follows it."""
    pages = [page_texts(page, n) for n, page in enumerate(reader.pages)]
    forms = []
    for n, texts in enumerate(pages):
        if not is_form_8606(texts) or len(line_labels(texts)) < MIN_LABELS:
            continue  # not the form itself (its instructions carry the title too)
        found = YEAR.search(" ".join(t.text for t in texts))
        numbers = [n]
        if n + 1 < len(pages) and _is_page_2(pages[n + 1]):
            numbers.append(n + 1)
        year = int(found.group(1)) if found else None
        lines: dict[str, Decimal] = {}
        for k in numbers:
            lines.update(_figures(pages[k], year is not None and has_cents_boxes(year)))
        where = f"{source}, page{'s' if len(numbers) > 1 else ''} {'-'.join(str(k + 1) for k in numbers)}"
        forms.append(TheirForm(where, year, lines, _name(texts), _ssn(texts)))
    return forms


def _is_page_2(texts: list[Text]) -> bool:
    return not is_form_8606(texts) and any(t.text.startswith("Distributions From Roth") for t in texts)


def _figures(texts: list[Text], cents: bool) -> dict[str, Decimal]:
    """Each line number with the figures printed right of it on its baseline; on a revision
    with cents boxes (`cents`, the 2018 form), a last figure of two digits is the cents."""
    labels = line_labels(texts)
    label_ids = {id(t) for t in labels}
    out = {}
    for label in labels:
        right = sorted((t for t in texts if id(t) not in label_ids and abs(t.y - label.y) <= 3
                        and 4 < t.x - label.x < 110), key=lambda t: t.x)
        tokens = [t.text for t in right if re.fullmatch(r"[\d,.()$×-]+|-0-", t.text.replace(" ", ""))]
        tokens = [tok for tok in tokens if tok != "×"]
        if not any(ch.isdigit() for tok in tokens for ch in tok):
            continue  # a blank box (line 10's printed decimal point alone)
        if label.text == RATIO_LINE:
            text = "".join(tokens)
        elif cents and len(tokens) > 1 and re.fullmatch(r"\d\d", tokens[-1]):
            text = f"{tokens[-2]}.{tokens[-1]}"
        else:
            text = tokens[-1]
        value = parse_figure(text, label.text)
        if value is not None:
            out[label.text] = value
    return out


def _name(texts: list[Text]) -> str | None:
    caption = next((t for t in texts if t.text.startswith("Name. If married")), None)
    if caption is None:
        return None
    below = sorted((t for t in texts if 2 < caption.y - t.y < 16 and t.x < 455 and not SSN.search(t.text)),
                   key=lambda t: t.x)
    return " ".join(t.text for t in below) or None


def _ssn(texts: list[Text]) -> str | None:
    caption = next((t for t in texts if t.text.startswith("Your social security number")), None)
    if caption is None:
        return None
    found = [SSN.search(t.text) for t in texts if 0 < caption.y - t.y < 20]
    found = [m.group(0) for m in found if m]
    return found[0] if found else None


def main(path: str) -> None:
    """The child process: print the forms (or the error) as JSON."""
    try:
        forms = extract(Path(path).read_bytes(), Path(path).name)
        out = {"forms": [{"source": f.source, "year": f.year, "name": f.name, "ssn": f.ssn,
                          "lines": {k: str(v) for k, v in f.lines.items()}} for f in forms]}
    except Form8606Error as exc:
        out = {"error": str(exc)}
    except RecursionError:
        out = {"error": "the PDF nests its objects too deeply to be read; it may be malformed"}
    except MemoryError:
        out = {"error": "reading the PDF needed too much memory; it may be malformed"}
    except Exception as exc:  # pypdf raises many kinds on damaged files
        out = {"error": f"the PDF can't be read, it may be damaged ({type(exc).__name__}: {exc})"}
    print(json.dumps(out))


if __name__ == "__main__":
    main(sys.argv[1])
