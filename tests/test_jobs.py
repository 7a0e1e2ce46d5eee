"""`fill --jobs` (issue 15): a batch spread over processes prints and writes exactly what one
process does, in the same order; form8606.pool underneath."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from form8606 import pool
from tests.test_output_files import COUPLE, PRORATA, ledger, names, run

OPEN_2027 = '\n[[contribution]]\nwho = "you"\ndate = 2027-01-05\nfor_year = 2027\nto = "traditional"\namount = 7000\n'


def batch(folder: Path, out: Path) -> list[Path]:
    """Ledgers that end every way a batch knows, in an order that mixes them."""
    rivera, okafor = ledger(folder), ledger(folder, "okafor.toml", who="Grace Okafor")
    broken, empty, still_open = folder / "broken.toml", folder / "empty.toml", folder / "open.toml"
    broken.write_text("version = 1\n[people.you]\nname = 'B'\n[[conversion]]\nwho = 'you'\ndate = 2023-01-01\n")
    empty.write_text('version = 1\n[people.you]\nname = "Nobody"\n')  # nobody must file
    still_open.write_text(PRORATA.read_text() + OPEN_2027)  # a note on stderr: 2027 is open
    (out / "okafor-f8606-2023-you.html").mkdir(parents=True)  # in the way: not written
    return [rivera, broken, still_open, okafor, empty, COUPLE]  # COUPLE: 2024 not filled


def outcome(result, out: Path) -> tuple:
    files = {p.name: (p.read_bytes() if p.is_file() else None, stat.S_IMODE(p.stat().st_mode))
             for p in sorted(out.iterdir())}
    return result.exit_code, result.stdout.replace(str(out), "OUT"), result.stderr.replace(str(out), "OUT"), files


@pytest.mark.parametrize("jobs", ["2", "3"])
def test_a_batch_over_processes_prints_and_writes_what_one_process_does(tmp_path, jobs):
    one, many = tmp_path / "one", tmp_path / "many"
    ledgers = batch(tmp_path / "in", one)
    (many / "okafor-f8606-2023-you.html").mkdir(parents=True)
    serial = outcome(run("fill", *ledgers, "-o", one, "--jobs", "1"), one)
    spread = outcome(run("fill", *ledgers, "-o", many, "--jobs", jobs), many)
    assert spread == serial
    code, stdout, stderr, files = serial
    assert code == 2  # okafor's worksheet could not be written
    said = stderr.split("\nledger ")[0]  # before the table: what each ledger printed, in the ledgers' order
    assert said.index("required field is missing") < said.index("note: you 2027 is not computable yet") \
        < said.index("okafor-f8606-2023-you.html is a directory") < said.index("nobody must file Form 8606")
    assert stdout.splitlines()[0] == "OUT/rivera-f8606-2023-you.pdf"
    assert "open-f8606-2025-you.pdf" in files and files["rivera-f8606-2023-you.pdf"][1] == 0o600


def test_a_batch_removes_what_killed_runs_left_for_its_own_files_only(tmp_path):
    rivera, okafor = ledger(tmp_path / "in"), ledger(tmp_path / "in", "okafor.toml", who="Grace Okafor")
    out = tmp_path / "out"
    out.mkdir()
    left = [".rivera-f8606-2023-you.pdf.abcd1234.part", ".okafor-f8606-2023-you.html.zyxw9876.part",
            "..rivera-f8606-2023-you.unfinished.q1w2e3r4.part"]  # the journal's
    others = [".smith-f8606-2023-you.pdf.abcd1234.part", ".rivera-f8606-2023-you.pdf.part", "notes.part"]
    for name in left + others:
        (out / name).write_text("half")
    result = run("fill", rivera, okafor, "-o", out, "--jobs", "2")
    assert result.exit_code == 0, result.output
    assert names(out) == sorted(others + [f"{who}-f8606-2023-you.{ext}" for who in ("okafor", "rivera")
                                          for ext in ("html", "pdf")])


def test_jobs_must_be_at_least_one(tmp_path):
    result = run("fill", PRORATA, "-o", tmp_path, "--jobs", "0")
    assert result.exit_code == 2 and "Invalid value for '-j' / '--jobs'" in result.stderr


def square_and_say(n: int) -> tuple[int, int]:
    print(f"item {n}", file=sys.stderr)
    return n * n, os.getpid()


def test_in_order_runs_in_other_processes_keeping_order_and_what_each_item_printed(capsys):
    results = list(pool.in_order(square_and_say, range(12), 2))
    assert [square for _, (square, _) in results] == [n * n for n in range(12)]
    # the first item here (it warms what the workers inherit), printing as it goes; the others in workers
    assert results[0] == ("", (0, os.getpid())) and capsys.readouterr().err == "item 0\n"
    assert [said for said, _ in results[1:]] == [f"item {n}\n" for n in range(1, 12)]
    workers = {pid for _, (_, pid) in results[1:]}
    assert os.getpid() not in workers and 1 <= len(workers) <= 2


def test_one_worker_runs_here_and_prints_as_it_goes(capsys):
    results = list(pool.in_order(square_and_say, range(3), 1))
    assert results == [("", (n * n, os.getpid())) for n in range(3)]
    assert capsys.readouterr().err == "item 0\nitem 1\nitem 2\n"


def test_cpus_counts_at_least_one():
    assert pool.cpus() >= 1
