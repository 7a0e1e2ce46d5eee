"""Hostile files (tests/hostile_corpus.py) for `check --against` and `fill --form-pdf`: each
exits 2 with a short message naming the file, no traceback, within 30 s and 1 GiB (the peak of
the command, traced, and of its reading process, measured). A pipe is read once."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
import time
import tracemalloc
from decimal import Decimal

import pytest
from click.testing import CliRunner

from form8606.check.compare import LineCheck
from form8606.check.run import FormCheck
from form8606.cli import main
from form8606.ledger import load_ledger
from form8606.pdf import bounded
from form8606.pipeline import compute
from form8606.render.checktable import check_table
from tests.hostile_corpus import CASES, LEDGER, YEAR, Case

SECONDS = 30
GIB = 2**30


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_file_exits_2_naming_it_within_limits(case: Case, tmp_path, monkeypatch):
    path = tmp_path / case.name
    case.make(path)
    if case.timeout:
        monkeypatch.setattr(bounded, "TIMEOUT", case.timeout)
    children = _largest_child()
    tracemalloc.start()
    start = time.monotonic()
    try:
        result = CliRunner().invoke(main, case.args(path, tmp_path / "out"))
        seconds, (_, peak) = time.monotonic() - start, tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code == 2, (result.output, result.exception)
    assert case.expect in result.stderr and str(path) in result.stderr, result.stderr
    assert len(result.stderr) < 600 and not result.stdout
    assert seconds < SECONDS and peak < GIB, (seconds, peak)
    # the reading process (RLIMIT_AS caps it too): it did not raise the largest child past 1 GiB
    largest = _largest_child()
    assert largest < GIB or largest == children, largest


def _largest_child() -> int:
    """Peak resident bytes of the largest child process so far (of any test)."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024


def run_cli(args: list[str], stdin: bytes | None = None) -> subprocess.CompletedProcess:
    """In a fresh process, for a real pipe on stdin."""
    return subprocess.run([sys.executable, "-m", "form8606", *args], input=stdin, capture_output=True,
                          timeout=2 * SECONDS)


def our_csv() -> bytes:
    form = next(f for f in compute(load_ledger(LEDGER)).forms if f.year == YEAR)
    return "".join(f"{k},{v.value}\n" for k, v in form.lines.items()).encode()


def test_a_pipe_on_stdin_is_read_once():
    """`--against /dev/stdin` used to read the pipe twice (sniffing, then reading) and see it empty."""
    done = run_cli(["check", str(LEDGER), "--against", "/dev/stdin", "--year", str(YEAR), "--format", "json"],
                   stdin=our_csv())
    assert done.returncode == 0, done.stderr
    (form,) = json.loads(done.stdout, parse_float=Decimal)["forms"]
    assert form["source"] == "stdin" and {line["status"] for line in form["lines"]} == {"agrees"}
    assert len(form["lines"]) == len(our_csv().splitlines())


def test_a_fifo_with_a_writer_is_read(tmp_path):
    fifo = tmp_path / "form.csv"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_bytes(our_csv()))
    writer.start()
    done = run_cli(["check", str(LEDGER), "--against", str(fifo), "--year", str(YEAR)])
    writer.join(timeout=SECONDS)
    assert done.returncode == 0, done.stderr
    assert b"Every line agrees." in done.stdout


def test_a_huge_note_is_wrapped_in_linear_time():
    """Wrapping one 10 MB word is quadratic (60 s); the table cuts what it shows first."""
    check = FormCheck("you", YEAR, "t.pdf", [LineCheck("1", Decimal(1), Decimal(1), Decimal(0), "agrees")],
                      (f"the form names \"{'A' * 10**7}\"",))
    start = time.monotonic()
    table = check_table(check, "Jordan Whitaker")
    assert time.monotonic() - start < 2
    assert len(table) < 4000 and table.splitlines()[-1] == "  Every line agrees."
