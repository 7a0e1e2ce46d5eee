"""Bad input of any size (issue 12): exit 2, a message naming the file (and the entry and field
where there is one), no traceback, nothing echoed at length and no terminal escape codes. Big
inputs are made in tmp_path while the tests run; the 20 s bound is a sanity guard, not a target."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from form8606.cli import main
from form8606.ledger.base import (
    FIRST_YEAR,
    LAST_YEAR,
    MAX_DEPTH,
    MAX_DIGITS,
    MAX_FILE_BYTES,
    MAX_TEXT,
)

ROOT = Path(__file__).resolve().parent.parent
PRORATA = ROOT / "fixtures" / "backdoor-prorata.toml"
HEADER = 'version = 1\n[people.you]\nname = "Alex Rivera"\n'
CONTRIBUTION = '[[contribution]]\nwho = "you"\ndate = 2025-01-06\nto = "traditional"\n'
BACKDOOR = (CONTRIBUTION + 'amount = 7000\n[[conversion]]\nwho = "you"\ndate = 2025-01-13\namount = 7000\n'
            '[[year_end]]\nwho = "you"\nyear = 2025\ntraditional = 0\n')
ESC = "\x1b[31m"  # a terminal escape code: red text


def run(tmp_path: Path, ledger: str | bytes, *args: str, name: str = "t.toml"):
    path = tmp_path / name
    if isinstance(ledger, bytes):
        path.write_bytes(ledger)
    else:
        path.write_text(ledger, "utf-8")
    return run_path(path, *args)


def run_path(path: Path, *args: str, command: str = "compute"):
    start = time.monotonic()
    result = CliRunner().invoke(main, [command, str(path), *args])
    assert time.monotonic() - start < 20
    return result


def refused(result, *expected: str) -> str:
    """Exit 2, no traceback, a short message naming the file and saying each of `expected`."""
    assert result.exit_code == 2, result.output[:2000]
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)[:2000]
    assert "Traceback" not in result.output
    assert "t.toml" in result.stderr
    assert len(result.stderr) < 2000, result.stderr[:2000]
    for text in expected:
        assert text in result.stderr, result.stderr
    return result.stderr


# ---- structure and numbers ---------------------------------------------------------------------

@pytest.mark.parametrize("value", ["[" * 5000 + "]" * 5000, "{ a = " * 5000 + "1" + " }" * 5000],
                         ids=["arrays", "inline tables"])
def test_deeply_nested_values(tmp_path, value):
    refused(run(tmp_path, HEADER + f"deep = {value}\n"), "nested too deeply")


def test_deeply_nested_table_headers_inside_an_entry(tmp_path):
    """Dotted headers nest without limit in TOML; a message must not try to print all of it."""
    entry = '[[contribution]]\nwho = "you"\ndate = 2025-01-06\namount = 7000\n'
    text = HEADER + entry + "[contribution.to" + ".a" * 5000 + "]\n"
    refused(run(tmp_path, text), "[[contribution]] #1 (you, 2025-01-06), field `to.a", "nested too deeply")


def test_ten_million_digit_integer(tmp_path):
    refused(run(tmp_path, HEADER + CONTRIBUTION + "amount = " + "1" * 10_000_000 + "\n"), "larger than 1 MiB")


def test_integer_beyond_pythons_digit_limit(tmp_path):
    """Under the file limit but past the digits Python converts (4300): the line is named."""
    refused(run(tmp_path, HEADER + CONTRIBUTION + "amount = " + "1" * 100_000 + "\n"),
            "line 8", "more than 15 digits")


def test_integer_with_too_many_digits_names_the_field(tmp_path):
    refused(run(tmp_path, HEADER + CONTRIBUTION + "amount = " + "9" * 40 + "\n"),
            "[[contribution]] #1 (you, 2025-01-06), field `amount`", "more than 15 digits")


def test_byte_order_mark_is_accepted(tmp_path):
    plain = run_path(PRORATA)
    marked = run(tmp_path, b"\xef\xbb\xbf" + PRORATA.read_bytes(), name=PRORATA.name)
    assert marked.exit_code == plain.exit_code == 0, marked.output
    assert marked.stdout == plain.stdout


def test_syntax_error_on_a_very_long_line_is_not_echoed(tmp_path):
    text = HEADER + CONTRIBUTION + 'amount = 7000 "' + "x" * 900_000 + "\n"
    refused(run(tmp_path, text), "TOML syntax error", "line 8")


# ---- dates and years ---------------------------------------------------------------------------

def test_birth_date_far_in_the_future(tmp_path):
    text = HEADER + "birth_date = 9999-12-31\n" + BACKDOOR
    refused(run(tmp_path, text), "[people.you], field `birth_date`", "9999", "1900", "2028")


@pytest.mark.parametrize("date", ["9999-12-31", '"9999-12-31"', "1800-01-01"])
def test_event_date_out_of_range(tmp_path, date):
    text = HEADER + CONTRIBUTION.replace("2025-01-06", date) + "amount = 7000\n"
    refused(run(tmp_path, text), "[[contribution]] #1", "field `date`", "from 1900 to 2028")


def test_year_far_in_the_future(tmp_path):
    text = HEADER + '[[year_end]]\nwho = "you"\nyear = 9999\ntraditional = 0\n'
    refused(run(tmp_path, text), "[[year_end]] #1 (you, 9999), field `year`", "from 1900 to 2028")


# ---- numbers and dates written as on paper: say how to write them ----------------------------

@pytest.mark.parametrize("line, advice", [
    ("amount = 7,000", "write amount = 7000"),
    ("amount = $7000", "write amount = 7000"),
    ("amount = $7,000.50", "write amount = 7000.50"),
    ("date = 01/10/2025", "write date = 2025-01-10"),
])
def test_paper_forms_of_numbers_and_dates(tmp_path, line, advice):
    text = HEADER + '[[contribution]]\nwho = "you"\nto = "traditional"\n' + line + "\n"
    refused(run(tmp_path, text), "TOML syntax error", "line 7", advice)


def with_text(table: str, field: str, value: str) -> str:
    """A ledger whose `table` has `field` = value (a TOML basic string: escapes such as \\u001b apply)."""
    entry = f'{table}\n{field} = "{value}"\n'
    return "version = 1\n" + entry if table == "[people.you]" else HEADER + entry


# ---- SSNs, control characters and escape codes ------------------------------------------------

@pytest.mark.parametrize("ssn", ["١٢٣-٤٥-٦٧٨٩", "１２３-４５-６７８９", "123-45-6789\\n"],
                         ids=["arabic-indic", "fullwidth", "trailing newline"])
def test_ssn_is_ascii_digits_only(tmp_path, ssn):
    text = HEADER + f'ssn = "{ssn}"\n' + BACKDOOR
    refused(run(tmp_path, text), "[people.you], field `ssn`")


FORM_1099R = '[[form_1099r]]\nwho = "you"\nyear = 2025\nbox1 = 7000\nbox7 = "2"'
FORM_5498 = '[[form_5498]]\nwho = "you"\nyear = 2025\nkind = "roth"'


@pytest.mark.parametrize("table, field", [("[people.you]", "name"), (FORM_1099R, "payer"), (FORM_5498, "trustee")],
                         ids=["name", "payer", "trustee"])
@pytest.mark.parametrize("char", ["\\u001b", "\\r", "\\u0007", "\\u009b"], ids=["ESC", "CR", "BEL", "CSI"])
def test_control_characters_in_text_are_refused(tmp_path, table, field, char):
    text = with_text(table, field, f"A{char}[2J B")
    out = refused(run(tmp_path, text), f"field `{field}`", "control character")
    assert char.replace("\\u00", "\\x") in out  # shown escaped, never sent to the terminal


def test_escape_codes_in_keys_and_values_are_shown_escaped(tmp_path):
    """Messages echo what the ledger holds (an unknown key, a value not allowed): escaped."""
    for text, place in [
        (HEADER + f'"k{ESC}" = 1\n', "[people.you], field `k\\x1b[31m`"),
        (f'version = 1\n"top{ESC}" = 1\n' + HEADER.removeprefix("version = 1\n"), "t.toml, field `top\\x1b[31m`"),
        (HEADER + CONTRIBUTION.replace('"you"', f'"{ESC}"') + "amount = 1\n", "field `who`"),
    ]:
        out = refused(run(tmp_path, text.replace("\x1b", "\\u001b")), place)
        assert "\x1b" not in out and "\\x1b[31m" in out


def test_no_escape_code_reaches_the_terminal(tmp_path):
    """Through a real process (click strips some codes only when it sees no terminal)."""
    path = tmp_path / "t.toml"
    path.write_text(HEADER + '"k\\u001b[31m" = 1\nbirth_date = "\\u001b]0;title\\u0007"\n', "utf-8")
    done = subprocess.run([sys.executable, "-m", "form8606", "compute", str(path)], capture_output=True,
                          timeout=60, check=False)
    assert done.returncode == 2 and b"\x1b" not in done.stderr + done.stdout and b"\x07" not in done.stderr
    assert b"\\x1b]0;title\\x07" in done.stderr


# ---- very long text and very big files ---------------------------------------------------------

def test_fifty_megabyte_name(tmp_path):
    refused(run(tmp_path, 'version = 1\n[people.you]\nname = "' + "x" * 50_000_000 + '"\n'),
            "larger than 1 MiB")


@pytest.mark.parametrize("table, field", [("[people.you]", "name"), (FORM_1099R, "payer")], ids=["name", "payer"])
def test_long_text_is_refused_with_the_limit(tmp_path, table, field):
    refused(run(tmp_path, with_text(table, field, "x" * 300_000)), f"field `{field}`", "300,000 characters",
            "at most 200")


def test_long_key_is_refused_and_not_echoed(tmp_path):
    refused(run(tmp_path, HEADER + "k" * 300_000 + " = 1\n"), "at most 200")


def test_file_of_hundreds_of_megabytes_is_not_read(tmp_path):
    path = tmp_path / "t.toml"
    with path.open("wb") as f:  # sparse: no disk used, and reading it would take 300 MB
        f.truncate(300 * 2**20)
    refused(run_path(path), "larger than 1 MiB")


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_endless_file_is_read_only_to_the_limit(tmp_path):
    link = tmp_path / "t.toml"
    link.symlink_to("/dev/zero")
    refused(run_path(link), "larger than 1 MiB")


# ---- environment settings ----------------------------------------------------------------------

def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "form8606", *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, **env}, check=False)


@pytest.mark.parametrize("value", ["abc", "0", "-5", "nan", "inf", ""])
def test_bad_pdf_time_limit_names_the_variable(tmp_path, value):
    pdf = tmp_path / "theirs.pdf"
    pdf.write_bytes(b"%PDF-1.7\n")
    done = cli("check", str(PRORATA), "--against", str(pdf), env={"FORM8606_PDF_TIMEOUT": value})
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    assert "FORM8606_PDF_TIMEOUT" in done.stderr and "number of seconds" in done.stderr


def test_bad_pdf_time_limit_does_not_stop_other_commands(tmp_path):
    """Only reading another program's file (PDF, JSON or CSV: all read in a bounded child
    process) uses the setting; the other commands run as without it."""
    bad = {"FORM8606_PDF_TIMEOUT": "abc"}
    for args in (("compute", str(PRORATA)), ("explain", str(PRORATA), "--format", "md")):
        done, good = cli(*args, env=bad), cli(*args, env={})
        assert (done.returncode, done.stdout, done.stderr) == (good.returncode, good.stdout, good.stderr)
    theirs = tmp_path / "theirs.csv"
    theirs.write_text("line,amount\n1,7000\n")
    done = cli("check", str(PRORATA), "--against", str(theirs), "--year", "2025", env=bad)
    assert done.returncode == 2 and "FORM8606_PDF_TIMEOUT" in done.stderr


def test_the_limits_are_documented():
    doc = (ROOT / "docs" / "ledger.md").read_text("utf-8")
    section = doc.split("\n## Limits\n", 1)[1].split("\n## ", 1)[0]
    for stated in (f"{MAX_FILE_BYTES:,} bytes", f"{MAX_TEXT} characters", f"{MAX_DIGITS} digits", f"{MAX_DEPTH} deep",
                   f"{FIRST_YEAR} to {LAST_YEAR}"):
        assert stated in section
