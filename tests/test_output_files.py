"""The files `fill` and `explain` write (issue 12, "Batches and output files"): names unique per
ledger and person, write errors as messages, a batch summary, reruns after a crash, `-o` naming
a file, and file modes whatever the umask."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from form8606.cli import main
from tests.test_fill import LEDGER

ROOT = Path(__file__).resolve().parent.parent
PRORATA = ROOT / "fixtures" / "backdoor-prorata.toml"  # 2025: $6,300 of the conversion taxable
COUPLE = ROOT / "fixtures" / "married-couple.toml"  # 2023 for both, 2024 for the spouse


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def ledger(folder: Path, name: str = "rivera.toml", who: str = "Alex Rivera") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(LEDGER.format(y=2023, prev=2022).replace("Alex Rivera", who))
    return path


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# Names unique per ledger and person


def test_one_ledger_gets_the_stem_prefixed_names_of_a_batch(tmp_path):
    result = run("fill", PRORATA, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "backdoor-prorata-f8606-2025-you.pdf"
    assert result.stdout.split() == [str(pdf), str(pdf.with_suffix(".html"))]
    assert names(tmp_path) == [pdf.with_suffix(".html").name, pdf.name]


@pytest.mark.parametrize("force", [(), ("--force",)])
@pytest.mark.parametrize("second", ["rivera.toml", "Rivera.toml"])  # a case-insensitive disk too
def test_same_file_name_in_two_folders_is_refused_naming_both(tmp_path, force, second):
    first, other = ledger(tmp_path / "a"), ledger(tmp_path / "b", second, who="Blake Rivera")
    result = run("fill", first, other, "--year", 2023, "-o", tmp_path / "out", *force)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"{first} and {other} would both write rivera-f8606-YEAR-PERSON files" in result.stderr
    assert "rename one of them or fill them with separate -o folders" in result.stderr
    assert not (tmp_path / "out").exists()  # refused before anything was written


def test_the_same_ledger_named_twice_is_filled_once(tmp_path):
    path = ledger(tmp_path)
    result = run("fill", path, tmp_path / "." / "rivera.toml", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert names(tmp_path / "out") == ["rivera-f8606-2023-you.html", "rivera-f8606-2023-you.pdf"]


# Write errors: exit 2 with the path and the cause; a batch writes the others and sums up


def test_a_directory_in_the_way_is_exit_2_naming_it(tmp_path):
    path, out = ledger(tmp_path), tmp_path / "out"
    pdf, html = map(Path, run("fill", path, "-o", out).stdout.split())
    pdf.unlink()
    html.unlink()
    html.mkdir()
    for force in ((), ("--force",)):
        result = run("fill", path, "-o", out, *force)
        assert result.exit_code == 2  # not a traceback (exit 1)
        assert result.stderr == f"error: {html} is a directory\n"
        assert names(out) == [html.name]  # the PDF was not written without its worksheet


def _failing(monkeypatch, cause: OSError, where: str) -> None:
    """Make writing the temporary file of a target named `...where` fail with `cause`."""
    real = os.fdopen

    class Handle:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            raise cause

        def __getattr__(self, name):
            return getattr(self.handle, name)

    def fdopen(fd, *args, **kw):
        handle = real(fd, *args, **kw)
        name = os.readlink(f"/proc/self/fd/{fd}")
        return Handle(handle) if f"{where}." in name and name.endswith(".part") else handle

    monkeypatch.setattr(os, "fdopen", fdopen)


@pytest.mark.parametrize("cause", [OSError(errno.ENOSPC, "No space left on device"),
                                   PermissionError(errno.EACCES, "Permission denied")])
def test_disk_full_or_permission_denied_is_exit_2_with_path_and_cause(tmp_path, monkeypatch, cause):
    path = ledger(tmp_path)
    _failing(monkeypatch, cause, "f8606-2023-you.pdf")
    result = run("fill", path, "-o", tmp_path / "out")
    assert result.exit_code == 2 and not isinstance(result.exception, OSError), result.exception
    target = tmp_path / "out" / "rivera-f8606-2023-you.pdf"
    assert result.stderr == f"error: {target}: cannot write ({cause.strerror})\n"
    assert names(tmp_path / "out") == []  # no temporary file, no worksheet without its PDF


def test_an_unwritable_folder_is_exit_2_with_path_and_cause(tmp_path, monkeypatch):
    def mkstemp(*args, dir=None, **kw):  # what an unwritable folder does, even for root
        raise PermissionError(errno.EACCES, "Permission denied", dir)

    path = ledger(tmp_path)
    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    result = run("fill", path, "-o", tmp_path)
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path / 'rivera-f8606-2023-you.pdf'}: cannot write (Permission denied)\n"


def test_explain_write_error_is_exit_2_with_path_and_cause(tmp_path, monkeypatch):
    _failing(monkeypatch, OSError(errno.ENOSPC, "No space left on device"), "w.html")
    result = run("explain", PRORATA, "-o", tmp_path / "w.html")
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path / 'w.html'}: cannot write (No space left on device)\n"


def test_batch_writes_the_others_and_sums_up_what_was_written_skipped_and_why(tmp_path):
    rivera, okafor = ledger(tmp_path), ledger(tmp_path, "okafor.toml", who="Grace Okafor")
    broken = tmp_path / "broken.toml"
    broken.write_text("version = 1\n[people.you]\nname = 'B'\n[[conversion]]\nwho = 'you'\ndate = 2023-01-01\n")
    out = tmp_path / "out"
    (out / "okafor-f8606-2023-you.html").mkdir(parents=True)  # in the way
    result = run("fill", rivera, broken, okafor, COUPLE, "-o", out)
    assert result.exit_code == 2
    assert names(out) == ["married-couple-f8606-2023-spouse.html", "married-couple-f8606-2023-spouse.pdf",
                          "married-couple-f8606-2023-you.html", "married-couple-f8606-2023-you.pdf",
                          "okafor-f8606-2023-you.html", "rivera-f8606-2023-you.html", "rivera-f8606-2023-you.pdf"]
    lines = result.stderr.splitlines()
    table = lines[next(n for n, line in enumerate(lines) if line.startswith("ledger ")):]
    width = max(len(str(p)) for p in (rivera, broken, okafor, COUPLE))
    row = lambda ledger, rest: f"{str(ledger):<{width}}  {rest}"  # noqa: E731
    not_shipped = ("not filled: the official Form 8606 for 2024 is not shipped with form8606 (shipped: 2018, 2021, "
                   "2022, 2023, 2025); download the fillable form from the IRS and pass it with --form-pdf PATH")
    assert table == [
        row("ledger", "person  year  1040 line 4b  files written"),
        # Form 1040 line 4b: lines 15c + 18 + 25c = 3,309 + 4,633 + 2,000 (tests/test_fill.py's ledger)
        row(rivera, "you     2023         9,942  rivera-f8606-2023-you.pdf, rivera-f8606-2023-you.html"),
        row(broken, "skipped: broken.toml: [[conversion]] #1 (you, 2023-01-01), field `amount`: "
                    "required field is missing"),
        row(okafor, f"not written: {out / 'okafor-f8606-2023-you.html'} is a directory"),
        row(COUPLE, "you     2023             0  married-couple-f8606-2023-you.pdf, married-couple-f8606-2023-you.html"),
        row(COUPLE, f"you     2024             3  {not_shipped}"),  # line 18 (married-couple.expected.json)
        row(COUPLE, "spouse  2023             0  married-couple-f8606-2023-spouse.pdf, "
                    "married-couple-f8606-2023-spouse.html"),
        row(COUPLE, f"spouse  2024        10,390  {not_shipped}"),  # line 15c
        "error: 4 ledgers: 1 written in full, 1 in part, 1 not written, 1 skipped",
    ]


def test_a_batch_with_no_write_error_still_exits_1_for_a_skipped_ledger(tmp_path):
    rivera = ledger(tmp_path)
    broken = tmp_path / "broken.toml"
    broken.write_text("version = 1\n")
    result = run("fill", rivera, broken, "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "2 ledgers: 1 written in full, 1 skipped"


# After a crash or kill


KILL_ON_SECOND_RENAME = """
import os, sys
real, renamed = os.replace, []
def replace(src, dst):
    if "f8606-" in os.path.basename(dst) and not os.path.basename(dst).startswith("."):  # a form or worksheet
        renamed.append(dst)
        if len(renamed) == 2:
            os._exit(137)  # killed: no cleanup of any kind
    real(src, dst)
os.replace = replace
from form8606.cli import main
main(sys.argv[1:])
"""


def test_a_rerun_after_a_kill_completes_the_ledger_and_cleans_up(tmp_path):
    path, out = ledger(tmp_path), tmp_path / "out"
    killed = subprocess.run([sys.executable, "-c", KILL_ON_SECOND_RENAME, "fill", str(path), "-o", str(out)],
                            capture_output=True, text=True)
    assert killed.returncode == 137
    left = names(out)
    assert len([n for n in left if not n.startswith(".")]) == 1  # one of the PDF and its worksheet
    assert any(n.endswith(".part") for n in left)  # and the temporary file of the other
    rerun = run("fill", path, "-o", out)  # no --force: the files of an unfinished run are its own
    assert rerun.exit_code == 0, rerun.output
    assert names(out) == ["rivera-f8606-2023-you.html", "rivera-f8606-2023-you.pdf"]
    again = run("fill", path, "-o", out)  # complete now: an existing file needs --force again
    assert again.exit_code == 2 and "already exists; pass --force" in again.stderr


# -o naming a file


@pytest.mark.parametrize("suffix, start", [(".html", "<!doctype html>"), (".md", "# Form 8606 worksheet"),
                                           (".txt", "Form 8606 worksheet")])
def test_explain_picks_the_format_from_the_extension(tmp_path, suffix, start):
    target = tmp_path / f"report{suffix}"
    assert run("explain", PRORATA, "-o", target).exit_code == 0
    assert target.read_text("utf-8").startswith(start)
    forced = tmp_path / f"forced{suffix}"
    assert run("explain", PRORATA, "-o", forced, "--format", "md").exit_code == 0
    assert forced.read_text("utf-8").startswith("# Form 8606 worksheet")  # --format wins


def test_format_in_any_case(tmp_path):
    result = run("explain", PRORATA, "--format", "HTML")
    assert result.exit_code == 0 and result.stdout.startswith("<!doctype html>")
    assert run("explain", PRORATA, "--format", "Md").stdout.startswith("# Form 8606 worksheet")


def test_fill_o_naming_a_pdf_writes_that_file_for_a_single_form(tmp_path):
    target = tmp_path / "client.pdf"
    result = run("fill", PRORATA, "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == [str(target), str(tmp_path / "client.html")]
    assert target.read_bytes().startswith(b"%PDF") and "6,300" in (tmp_path / "client.html").read_text()
    chosen = run("fill", COUPLE, "--year", 2023, "--person", "spouse", "-o", tmp_path / "spouse.PDF")
    assert chosen.exit_code == 0 and (tmp_path / "spouse.PDF").is_file()


def test_fill_o_naming_a_pdf_refuses_more_than_one_form(tmp_path):
    several = run("fill", COUPLE, "--year", 2023, "-o", tmp_path / "c.pdf")
    assert several.exit_code == 2
    assert (f"error: -o {tmp_path / 'c.pdf'} names one file, but {COUPLE} has 2 forms to fill "
            "(2023 you, 2023 spouse); choose one with --year and --person, or give a folder") in several.stderr
    batch = run("fill", PRORATA, COUPLE, "-o", tmp_path / "c.pdf")
    assert batch.exit_code == 2 and "names one file; give a folder for several ledgers" in batch.stderr
    assert names(tmp_path) == []


# File modes, whatever the umask


@pytest.fixture(params=[0, 0o022, 0o077])
def umask(request):
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_files_with_a_full_ssn_are_0600_and_client_worksheets_0644_at_most(tmp_path, umask):
    assert run("fill", PRORATA, "-o", tmp_path / "c").exit_code == 0
    (pdf,), (html,) = (tmp_path / "c").glob("*.pdf"), (tmp_path / "c").glob("*.html")
    assert mode(pdf) == 0o600  # the form holds the SSN
    assert mode(html) == 0o644 & ~umask
    assert run("fill", PRORATA, "-o", tmp_path / "p", "--audience", "preparer").exit_code == 0
    (html,) = (tmp_path / "p").glob("*.html")
    assert mode(html) == 0o600  # the full SSN
    assert run("explain", PRORATA, "-o", tmp_path / "w.html").exit_code == 0
    assert mode(tmp_path / "w.html") == 0o644 & ~umask
    assert run("explain", PRORATA, "-o", tmp_path / "p.md", "--audience", "preparer").exit_code == 0
    assert mode(tmp_path / "p.md") == 0o600


def test_overwriting_a_readable_file_with_an_ssn_makes_it_0600(tmp_path):
    target = tmp_path / "client.pdf"
    target.write_bytes(b"old")
    target.chmod(0o644)
    assert run("fill", PRORATA, "-o", target, "--force", "--no-worksheet").exit_code == 0
    assert mode(target) == 0o600
