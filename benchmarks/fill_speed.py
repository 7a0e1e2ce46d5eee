"""Forms filled per second: form8606's filler against a bare pypdf fill of the same template.

    python benchmarks/fill_speed.py [N]

The bare fill is what a straightforward program does for every form: clone the parsed
template into a PdfWriter, set the field values (pypdf generates appearance streams), write
the whole file. form8606 parses the template once per process and appends an incremental
update per form. Both produce the same field values; the figures are printed, not asserted.
"""

from __future__ import annotations

import io
import sys
import time
import tracemalloc
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from form8606.pipeline import compute
from form8606.ledger import load_ledger
from form8606.pdf.fieldmap import template_pdf
from form8606.pdf.fill import Template

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "backdoor-prorata.toml"


def timed(label: str, n: int, fill) -> float:
    fill()  # warm up
    start = time.perf_counter()
    for _ in range(n):
        fill()
    per_form = (time.perf_counter() - start) / n
    print(f"{label:<34} {per_form * 1000:8.2f} ms/form  {1 / per_form:9.1f} forms/s")
    return per_form


def main(n: int) -> None:
    form = next(f for f in compute(load_ledger(FIXTURE)).forms if f.year == 2025)
    start = time.perf_counter()
    template = Template.load(2025)
    print(f"template parse (once per process)  {(time.perf_counter() - start) * 1000:8.2f} ms")
    values = template.values(form)
    ours = timed("form8606 fill (incremental update)", n, lambda: template.fill(form))
    reader = PdfReader(io.BytesIO(template_pdf(2025)))

    def bare() -> bytes:
        writer = PdfWriter(clone_from=reader)
        for page in writer.pages:
            writer.update_page_form_field_values(page, values, auto_regenerate=False)
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    theirs = timed("bare pypdf fill (clone, set, write)", max(n // 20, 5), bare)
    print(f"speed-up: {theirs / ours:.1f}x (target: at least 10x)")
    tracemalloc.start()
    template.fill(form)
    peak = tracemalloc.get_traced_memory()[1]
    print(f"peak memory of one fill: {peak / 1024:.0f} KiB (output {len(template.fill(form)) / 1024:.0f} KiB)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
