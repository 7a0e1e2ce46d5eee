"""Capture what every command prints and writes for every example ledger, to compare two
versions of the code byte for byte (a refactoring must not change any output).

    python benchmarks/golden.py /tmp/before      # on the old code
    python benchmarks/golden.py /tmp/after       # on the new code
    diff -r /tmp/before /tmp/after

Each run of a command becomes one file with its exit code, stdout and stderr; files a command
writes (PDFs, worksheets) are copied beside it. Paths are made relative so two checkouts compare.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

from click.testing import CliRunner

from form8606.cli import main

ROOT = Path(__file__).resolve().parent.parent
LEDGERS = sorted([*ROOT.glob("fixtures/*.toml"), *ROOT.glob("tests/cases/*.toml")])
DOC_FENCE = re.compile(r"^```toml[ \t]*\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)


def doc_ledgers(tmp: Path) -> list[Path]:
    """The complete ledgers of docs/*.md, written out as files."""
    out = []
    for doc in sorted((ROOT / "docs").glob("*.md")):
        text = doc.read_text("utf-8")
        for n, m in enumerate(DOC_FENCE.finditer(text)):
            if m.group(1).lstrip().startswith("version = 1"):
                path = tmp / f"doc-{doc.stem}-{n}.toml"
                path.write_text(m.group(1), "utf-8")
                out.append(path)
    return out


def run(args: list[str], cwd: Path) -> tuple[int, str, str]:
    runner = CliRunner()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        r = runner.invoke(main, args, catch_exceptions=True)
    finally:
        os.chdir(old)
    err = r.stderr
    if r.exception and not isinstance(r.exception, SystemExit):
        err += f"\nEXCEPTION {type(r.exception).__name__}: {r.exception}"
    return r.exit_code, r.stdout, err


def scrub(text: str, *paths: Path) -> str:
    for p in sorted(paths, key=lambda p: -len(str(p))):  # the longest first: a target inside tmp
        text = text.replace(str(p), "<" + p.name + ">")
    return re.sub(r"<tmp[^>/]*>", "<tmp>", text)


def years_of(ledger: Path) -> list[int]:
    code, out, _ = run(["compute", str(ledger), "--format", "json"], ledger.parent)
    if code not in (0, 1):
        return []
    import json

    return sorted({f["year"] for f in json.loads(out)["forms"]})


def capture(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmpname:
        tmp = Path(tmpname)
        ledgers = [*LEDGERS, *doc_ledgers(tmp)]
        for ledger in ledgers:
            name = ledger.stem
            runs: dict[str, list[str]] = {
                "compute": ["compute", str(ledger)],
                "compute-json": ["compute", str(ledger), "--format", "json"],
                "compute-cents": ["compute", str(ledger), "--cents", "--format", "json"],
                "documents": ["documents", str(ledger)],
            }
            for fmt in ("html", "md", "text"):
                for audience in ("client", "preparer"):
                    runs[f"explain-{fmt}-{audience}"] = ["explain", str(ledger), "--format", fmt,
                                                         "--audience", audience]
            years = years_of(ledger)
            for year in years:
                runs[f"plan-{year}"] = ["plan", str(ledger), "--year", str(year), "--format", "json"]
                runs[f"plan-{year}-table"] = ["plan", str(ledger), "--year", str(year)]
                runs[f"plan-{year}-convert"] = ["plan", str(ledger), "--year", str(year), "--convert", "10000"]
            for key, args in runs.items():
                code, stdout, stderr = run(args, tmp)
                (out / f"{name}.{key}.txt").write_text(
                    f"exit {code}\n--- stdout\n{scrub(stdout, ledger, tmp)}\n--- stderr\n{scrub(stderr, ledger, tmp)}",
                    "utf-8")
            # fill, then check the filled forms and the JSON against the ledger
            for year in years:
                for flat in ((), ("--flatten",)):
                    target = tmp / f"fill-{name}-{year}{'-flat' if flat else ''}"
                    target.mkdir()
                    code, stdout, stderr = run(["fill", str(ledger), "--year", str(year), "-o", str(target), *flat], tmp)
                    tag = f"fill-{year}{'-flat' if flat else ''}"
                    (out / f"{name}.{tag}.txt").write_text(
                        f"exit {code}\n--- stdout\n{scrub(stdout, ledger, tmp, target)}\n--- stderr\n"
                        f"{scrub(stderr, ledger, tmp, target)}", "utf-8")
                    for f in sorted(target.iterdir()):
                        kept = f.name.removeprefix(f"{name}-")  # every file; the ledger's stem is in `name`
                        shutil.copy(f, out / f"{name}.{tag}.{kept}")
                        if f.suffix == ".pdf":
                            code, stdout, stderr = run(["check", str(ledger), "--against", str(f), "--format", "json"],
                                                       tmp)
                            (out / f"{name}.{tag}.{kept}.check.txt").write_text(
                                f"exit {code}\n--- stdout\n{scrub(stdout, ledger, tmp, target)}\n--- stderr\n"
                                f"{scrub(stderr, ledger, tmp, target)}", "utf-8")
            json_file = tmp / f"{name}.json"
            code, stdout, _ = run(["compute", str(ledger), "--format", "json"], tmp)
            if code in (0, 1):
                json_file.write_text(stdout, "utf-8")
                code, stdout, stderr = run(["check", str(ledger), "--against", str(json_file)], tmp)
                (out / f"{name}.check-json.txt").write_text(
                    f"exit {code}\n--- stdout\n{scrub(stdout, ledger, tmp)}\n--- stderr\n{scrub(stderr, ledger, tmp)}",
                    "utf-8")
            print(name, file=sys.stderr)


if __name__ == "__main__":
    capture(Path(sys.argv[1]))
