"""How fast form8606 is: each command run whole in a subprocess, against its floor measured in
the same run, with the goals of issue 15 (docs/performance.md has the figures and how to read
them).

    python benchmarks/speed.py                       # every section, a few minutes
    python benchmarks/speed.py startup fill          # some of them
    python benchmarks/speed.py --runs 9 --batch 1000

Sections:
  startup  `form8606 --help` and `compute` of a one-year ledger, against a bare `python -c pass`
  fill     a batch of --batch household ledgers, each with its history since 2019, filled with
           --year 2025 (a PDF and a worksheet each): per form, against a bare pypdf
           clone-and-fill of the same template, in a subprocess too; with --jobs 1 and with
           every CPU: wall time, the same output, the peak memory of the largest process at a
           quarter of the batch and at all of it
  scale    compute of 1, 8 and 40 years with 10, 100 and 1,000 events a year: the time beyond
           start-up per event stays flat when the cost grows linearly
  explain  explain --format html of a 40-year ledger
  check    check of a 40-page flattened return

Other programs share the machine: every figure is the minimum of its runs (commands taking
turns, so that a busy moment slows them all), and the load average is printed with the table.
Commands run with their bytecode cached (in a temporary folder), as an installed package has it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ledgers import EXTEND_YEARS, write_batch, years_ledger

ROOT = Path(__file__).resolve().parent.parent
ONE_YEAR = ROOT / "fixtures" / "backdoor-prorata.toml"
MIB = 2**20
SCRIPT = Path(sys.executable).with_name("form8606")
FORM8606 = [str(SCRIPT)] if SCRIPT.exists() else [sys.executable, "-m", "form8606"]
# The floor of `fill`: what a straightforward program does for every form (benchmarks/fill_speed.py).
BARE_FILL = """
import json, sys
from pypdf import PdfReader, PdfWriter
template, values, out, count = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3], int(sys.argv[4])
reader = PdfReader(template)
for n in range(count):
    writer = PdfWriter(clone_from=reader)
    for page in writer.pages:
        writer.update_page_form_field_values(page, values, auto_regenerate=False)
    with open(f"{out}/form-{n}.pdf", "wb") as file:
        writer.write(file)
"""
# Each command is started by this small process, which times it and reads its peak memory: a
# child of the benchmark itself would count the benchmark's memory as its own (fork, then exec).
LAUNCH = """
import os, sys, time
report, command = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(command[0], command)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
with open(report, "w") as file:
    file.write(f"{time.perf_counter() - start} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""
# A command over 40 years; it also writes the time of its own work (imports done) to the file named first.
CLI = EXTEND_YEARS + """
import atexit, sys, time
import form8606.commands.compute, form8606.commands.explain
from form8606.cli import main
start = time.perf_counter()
atexit.register(lambda: open(sys.argv[1], "w").write(str(time.perf_counter() - start)))
main(sys.argv[2:])
"""
# The floor of --jobs: the same CPU-bound loop split over 1 process, then over several.
SPLIT = """
import multiprocessing, sys, time
def burn(n):
    return sum(range(n))
if __name__ == "__main__":
    with multiprocessing.get_context("fork").Pool(int(sys.argv[1])) as pool:
        pool.map(burn, [3_000_000] * 16)
"""


@dataclass
class Run:
    seconds: float
    peak: int  # bytes: the largest resident set of the process and the children it waited for
    work: float | None = None  # seconds: what a command run through CLI says its own work took


class Bench:
    def __init__(self, work: Path, runs: int):
        self.work, self.runs = work, runs
        self.env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        self.env["PYTHONPYCACHEPREFIX"] = str(work / "bytecode")
        self.made: list[Path] = []  # output folders, removed after the run that wrote them

    def once(self, command: list[str], keep: bool = False) -> Run:
        report = self.work / "report"
        with open(self.work / "stdout", "wb") as out, open(self.work / "stderr", "wb") as err:
            subprocess.run([sys.executable, "-c", LAUNCH, str(report), *command], stdout=out, stderr=err,
                           env=self.env, cwd=self.work, check=True)
        seconds, peak, code = report.read_text().split()
        if code != "0":
            raise SystemExit(f"{' '.join(command)[:200]} ended with {code}:\n"
                             f"{(self.work / 'stderr').read_text()[-2000:]}")
        while self.made and not keep:
            shutil.rmtree(self.made.pop(), ignore_errors=True)
        work = self.work / "work"
        said = float(work.read_text()) if work.exists() else None
        work.unlink(missing_ok=True)
        return Run(float(seconds), int(peak) * 1024, said)

    def best(self, commands: dict[str, object], runs: int | None = None, warm: bool = True) -> dict[str, Run]:
        """The fastest of `runs` runs of each command, taking turns, after one run each to warm
        up (bytecode written, files in the page cache). A command is a list, or a function of
        the run's number giving one (a fresh output folder for each run)."""
        made = {k: (c if callable(c) else lambda n, c=c: c) for k, c in commands.items()}
        for c in made.values() if warm else ():
            self.once(c(-1))
        best: dict[str, Run] = {}
        work: dict[str, float] = {}  # the fastest work, whichever run it was
        for n in range(runs or self.runs):
            for k, c in made.items():
                run = self.once(c(n))
                if run.work is not None:
                    work[k] = min(work.get(k, run.work), run.work)
                if k not in best or run.seconds < best[k].seconds:
                    best[k] = run
        for k, seconds in work.items():
            best[k].work = seconds
        return best

    def folder(self, name: str, memory: bool = False) -> Path:
        """A new folder for output; in memory (/dev/shm) when asked and there is one."""
        base = Path("/dev/shm") if memory and Path("/dev/shm").is_dir() else self.work
        self.made.append(Path(tempfile.mkdtemp(prefix=f"form8606-{name}-", dir=base)))
        return self.made[-1]


class Table:
    def __init__(self, title: str, *columns: str):
        self.title, self.columns, self.rows = title, columns, []

    def add(self, *cells: object) -> None:
        self.rows.append([str(c) for c in cells])

    def show(self) -> None:
        widths = [max(len(r[i]) for r in [list(self.columns), *self.rows]) for i in range(len(self.columns))]
        line = lambda cells: "  ".join(c.ljust(w) if i == 0 else c.rjust(w)  # noqa: E731
                                       for i, (c, w) in enumerate(zip(cells, widths))).rstrip()
        print(f"\n{self.title}\n{line(self.columns)}\n{line(['-' * w for w in widths])}")
        for row in self.rows:
            print(line(row))
        sys.stdout.flush()


def cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"


def verdict(met: bool) -> str:
    return "met" if met else "MISSED"


def startup(b: Bench, args) -> None:
    t = b.best({"floor": [sys.executable, "-c", "pass"], "help": FORM8606 + ["--help"],
                "compute": FORM8606 + ["compute", str(ONE_YEAR)]}, 3 * b.runs)  # quick: more runs
    table = Table(f"Start-up (against a bare `python -c pass`; the fastest of {3 * b.runs} runs)", "command", "time",
                  "floor", "over floor", "goal", "")
    for key, what, goal in (("help", "form8606 --help", 0.150), ("compute", "form8606 compute (one year)", 0.250)):
        over = t[key].seconds - t["floor"].seconds
        table.add(what, ms(t[key].seconds), ms(t["floor"].seconds), ms(over), f"<= {ms(goal)}", verdict(over <= goal))
    table.show()


def fill(b: Bench, args) -> None:
    from form8606.pdf.fieldmap import template_pdf
    from form8606.pdf.fill import Template
    from form8606.pipeline import compute, load_file

    every = cpus()
    ledgers = [str(p) for p in write_batch(b.work / "ledgers", args.batch)]
    quarter = ledgers[: len(ledgers) // 4]
    form = next(f for f in compute(load_file(ledgers[0]), whole_dollars=True).forms if f.year == 2025)
    template = b.work / "f8606-2025.pdf"
    template.write_bytes(template_pdf(2025))
    values, forms = json.dumps(Template.load(2025).values(form)), args.bare_forms

    def into(paths: list[str], *options: str, memory: bool = True):
        return lambda n: FORM8606 + ["fill", *paths, "--year", "2025", "-o", str(b.folder("fill", memory)), *options]

    t = b.best({"every": into(ledgers), "serial": into(ledgers, "--jobs", "1"),
                "bare": lambda n: [sys.executable, "-c", BARE_FILL, str(template), values, str(b.folder("bare", True)),
                                   str(forms)],
                "split 1": [sys.executable, "-c", SPLIT, "1"], "split": [sys.executable, "-c", SPLIT, str(every)]},
               args.batch_runs)
    t |= b.best({"disk": into(ledgers, memory=False)}, 1, warm=False)
    quarters = b.best({"every": into(quarter), "serial": into(quarter, "--jobs", "1")}, 1, warm=False)
    bare = t["bare"].seconds / forms
    table = Table(f"Batch fill, per form: {len(ledgers):,} household ledgers (2019-2025) filled with --year 2025, a PDF "
                  f"and a worksheet each (the floor: a bare pypdf clone-and-fill of the same template, {forms} forms, "
                  "in a subprocess too)",
                  "command", "whole run", "per form", "floor per form", "faster", "goal", "")
    for key, what in (("every", f"fill (--jobs {every}, the default), into memory (tmpfs)"),
                      ("serial", "fill --jobs 1, into memory (tmpfs)"),
                      ("disk", f"fill (--jobs {every}), into a folder on disk: each file fsync'd")):
        per = t[key].seconds / len(ledgers)
        goal = key == "every"
        table.add(what, ms(t[key].seconds), ms(per), ms(bare), f"{bare / per:.1f}x", ">= 12x" if goal else "",
                  verdict(bare / per >= 12) if goal else "")
    table.show()
    ratio = t["every"].seconds / t["serial"].seconds
    table = Table(f"The same batch across {every} CPUs (peak: the largest process)", "run", "wall time",
                  "vs --jobs 1", "goal", "", f"peak, {len(quarter)} ledgers", f"peak, {len(ledgers):,}")
    for key, workers in (("serial", 1), ("every", every)):
        goal = workers > 1
        table.add(f"fill --jobs {workers}", ms(t[key].seconds), f"{t[key].seconds / t['serial'].seconds:.2f}",
                  "<= 0.60" if goal else "", verdict(ratio <= 0.6) if goal else "",
                  f"{quarters[key].peak / MIB:.0f} MiB", f"{t[key].peak / MIB:.0f} MiB")
    table.add(f"the floor: a CPU-bound loop split over {every} processes", ms(t["split"].seconds),
              f"{t['split'].seconds / t['split 1'].seconds:.2f}", "", "", "", "")
    table.add(f"output of --jobs {every} = --jobs 1", "", "", "identical", verdict(_same_output(b, ledgers, every)), "",
              "")
    table.show()


def _same_output(b: Bench, ledgers: list[str], every: int) -> bool:
    """stdout, stderr and every file (its digest) of --jobs 1 and --jobs EVERY, the output
    folder's name aside."""
    seen = []
    for workers in (1, every):
        out = b.folder("same", memory=True)
        b.once(FORM8606 + ["fill", *ledgers, "--year", "2025", "-o", str(out), "--jobs", str(workers)], keep=True)
        printed = [(b.work / name).read_text().replace(str(out), "OUT") for name in ("stdout", "stderr")]
        files = {p.name: (hashlib.sha256(p.read_bytes()).digest(), p.stat().st_mode) for p in out.iterdir()}
        seen.append((printed, files))
        shutil.rmtree(b.made.pop())
    return seen[0] == seen[1]


def scale(b: Bench, args) -> None:
    folder = b.work / "scale"
    folder.mkdir()
    cells = {}
    for years in (1, 8, 40):
        for events in (10, 100, 1000):
            text = years_ledger(years, events)
            if len(text.encode()) > MIB:
                cells[(years, events)] = None
                continue
            path = folder / f"y{years}-e{events}.toml"
            path.write_text(text, "utf-8")
            cells[(years, events)] = [sys.executable, "-c", CLI, str(b.work / "work"), "compute", str(path)]
    t = b.best({k: c for k, c in cells.items() if c})
    table = Table("compute, in years and events: the whole run, and its work (reading, checking, computing, "
                  "printing: all but start-up); linear when the work per event stays flat", "years",
                  "events a year", "whole run", "work", "work per 1,000 events")
    for (years, events), command in cells.items():
        if command is None:
            table.add(years, f"{events:,}", "over the 1 MiB ledger limit", "", "")
            continue
        run = t[(years, events)]
        table.add(years, f"{events:,}", ms(run.seconds), ms(run.work), ms(run.work / (years * events) * 1000))
    table.show()


def explain(b: Bench, args) -> None:
    path = b.work / "forty-years.toml"
    path.write_text(years_ledger(40, 10), "utf-8")
    out = b.work / "explain.html"
    t = b.best({"floor": [sys.executable, "-c", "pass"],
                "compute": [sys.executable, "-c", CLI, str(b.work / "work"), "compute", str(path)],
                "explain": [sys.executable, "-c", CLI, str(b.work / "work"), "explain", str(path), "--format", "html",
                            "-o", str(out), "--force"]})
    table = Table("explain of a 40-year ledger (10 events a year)", "command", "time", "floor", "over floor",
                  "work", "output")
    for key, what in (("compute", "compute (table)"), ("explain", "explain --format html")):
        size = f"{out.stat().st_size / 1024:,.0f} KiB" if key == "explain" else ""
        table.add(what, ms(t[key].seconds), ms(t["floor"].seconds), ms(t[key].seconds - t["floor"].seconds),
                  ms(t[key].work), size)
    table.show()


def check(b: Bench, args) -> None:
    flattened = _flattened_return(b.work / "return.pdf")
    theirs_json = b.work / "theirs.json"
    theirs_json.write_bytes(subprocess.run(FORM8606 + ["compute", str(ONE_YEAR), "--format", "json"],
                                           capture_output=True, env=b.env, check=True).stdout)
    t = b.best({"floor": [sys.executable, "-c", "pass"],
                "pdf": FORM8606 + ["check", str(ONE_YEAR), "--against", str(flattened)],
                "json": FORM8606 + ["check", str(ONE_YEAR), "--against", str(theirs_json)]})
    table = Table("check (the PDF is read in a child process, with time and memory limits)", "command", "time",
                  "floor", "over floor")
    for key, what in (("pdf", "check --against a 40-page flattened return"),
                      ("json", "check --against the JSON of compute")):
        table.add(what, ms(t[key].seconds), ms(t["floor"].seconds), ms(t[key].seconds - t["floor"].seconds))
    table.show()


def _flattened_return(path: Path) -> Path:
    """A return printed flat: 38 pages of text, and the flattened Form 8606 (2 pages) of the
    one-year ledger among them."""
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    from form8606.pdf.fill import Template
    from form8606.pipeline import compute, load_file

    form = next(f for f in compute(load_file(ONE_YEAR), whole_dollars=True).forms if f.required)
    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({NameObject("/Type"): NameObject("/Font"),
                                                NameObject("/Subtype"): NameObject("/Type1"),
                                                NameObject("/BaseFont"): NameObject("/Helvetica")}))

    def text_page(n: int) -> None:
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
            {NameObject("/F1"): font})})
        lines = [f"Form 1040 (2025) page {n}"] + [f"{k} Amount from schedule, line {k} ..... {k * 1234:,}"
                                                   for k in range(1, 45)]
        stream = DecodedStreamObject()
        stream.set_data(("BT /F1 10 Tf 50 750 Td " + " ".join(f"({t}) Tj 0 -16 Td" for t in lines) + " ET").encode())
        page[NameObject("/Contents")] = writer._add_object(stream)

    for n in range(1, 20):
        text_page(n)
    for page in PdfReader(BytesIO(Template.load(2025).fill(form, flatten=True))).pages:
        writer.add_page(page)
    for n in range(20, 39):
        text_page(n)
    writer.write(path)
    return path


SECTIONS = {"startup": startup, "fill": fill, "scale": scale, "explain": explain, "check": check}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sections", nargs="*", metavar="SECTION", help=f"any of {', '.join(SECTIONS)} (default: all)")
    parser.add_argument("--runs", type=int, default=7, help="runs of each command; the fastest counts (default 7)")
    parser.add_argument("--bare-forms", type=int, default=20, help="forms of the bare pypdf fill (default 20)")
    parser.add_argument("--batch", type=int, default=1000, help="ledgers of the fill section (default 1000)")
    parser.add_argument("--batch-runs", type=int, default=5, help="runs of each batch (default 5)")
    args = parser.parse_args()
    unknown = set(args.sections) - set(SECTIONS)
    if unknown:
        parser.error(f"no section {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"form8606 speed: Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load} "
          f"(1/5/15 min); the fastest of {args.runs} runs")
    with tempfile.TemporaryDirectory(prefix="form8606-speed-") as tmp:
        bench = Bench(Path(tmp), args.runs)
        try:
            for name in args.sections or SECTIONS:
                SECTIONS[name](bench, args)
        finally:
            for folder in bench.made:
                shutil.rmtree(folder, ignore_errors=True)
    print(f"\nload average at the end: {' / '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
