"""TOML text -> validated Ledger, collecting every problem (STYLE: beancount's loader)."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import sys
import tomllib
from pathlib import Path

from pydantic import BaseModel, ValidationError

from form8606.errors import CONTROL, Form8606Error, Problem, printable, shown
from form8606.ledger.base import MAX_DEPTH, MAX_DIGITS, MAX_FILE_BYTES, MAX_TEXT
from form8606.ledger.checks import run_checks
from form8606.ledger.model import ENTRY_KINDS, Ledger, Options, Person
from form8606.ledger.where import entry_label

TOP_LEVEL = ("version", "people", "options", *ENTRY_KINDS)
PEOPLE = ("you", "spouse")
TOO_LARGE = f"larger than {MAX_FILE_BYTES // 2**20} MiB, the most a ledger may hold (docs/ledger.md, Limits)"
TOO_DEEP = f"arrays or tables nested too deeply; a ledger nests them at most {MAX_DEPTH} deep"
TOO_LONG_NUMBER = f"a number with more than {MAX_DIGITS} digits; no amount or year has so many"


def load_ledger(path: str | Path, person: str | None = None) -> Ledger:
    """The ledger at `path`; with `person` (a --person option), that person must be in it."""
    return raise_problems(*parse_file(path, person))


def load_text(text: str, source: str = "ledger") -> Ledger:
    """Parse and validate; raise Form8606Error listing every problem found."""
    return raise_problems(*parse(text, source))


def read_file(path: str | Path) -> str:
    """The text of the file, its size checked first; read no further than the limit, in case it
    is a device or grows (parse refuses a text over the limit)."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8") as file:
            if os.fstat(file.fileno()).st_size > MAX_FILE_BYTES:
                raise Form8606Error(f"{path}: {TOO_LARGE}")
            return file.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise Form8606Error(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise Form8606Error(f"{path}: cannot read the ledger ({exc})") from None


def parse_file(path: str | Path, person: str | None = None, later: tuple = ()) -> tuple[Ledger | None, list[Problem]]:
    path = Path(path)
    ledger, problems = parse(read_file(path), path.name, later)
    if not problems and person is not None and person not in ledger.people:
        problems.append(Problem("", f"{path.name}: --person {person}: the ledger has no [people.{person}] table"))
    return ledger, problems


def parse(text: str, source: str = "ledger", later: tuple = ()) -> tuple[Ledger | None, list[Problem]]:
    """The ledger and every problem found in it, `later` checks included (checks.run_checks).
    The ledger is None unless every entry loaded."""
    raw, problems = _toml(text.removeprefix("\ufeff"), source)  # a byte-order mark is no TOML but harmless
    problems = problems or _beyond_limits(raw, source)
    if problems:
        return None, problems
    fields = _structure(raw, source, problems)
    complete = not problems
    ledger = None
    if fields["people"] is not None and fields.get("options", True) is not None:
        ledger = Ledger(source=source, **fields)
        problems.extend(run_checks(ledger, complete, later))
    return (ledger if complete else None), problems


def raise_problems(ledger: Ledger | None, problems: list[Problem]) -> Ledger:
    if problems:
        raise Form8606Error(problems)
    return ledger


def _toml(text: str, source: str) -> tuple[dict, list[Problem]]:
    """The TOML tables of `text`, or the one problem that stopped reading it."""
    if len(text) > MAX_FILE_BYTES:
        return {}, [Problem(source, TOO_LARGE)]
    try:
        return tomllib.loads(text), []
    except tomllib.TOMLDecodeError as exc:
        return {}, [Problem(source, f"TOML syntax error: {exc}{_advice(text, str(exc))}")]
    except RecursionError:  # tomllib reads nested arrays and inline tables recursively
        return {}, [Problem(source, TOO_DEEP)]
    except ValueError:  # an integer longer than Python converts (sys.get_int_max_str_digits)
        found = re.search(f"[0-9_]{{{sys.get_int_max_str_digits()},}}", text)
        at = f"line {text.count(chr(10), 0, found.start()) + 1}: " if found else ""
        return {}, [Problem(source, at + TOO_LONG_NUMBER)]


_AT_LINE = re.compile(r"\(at line (\d+), column \d+\)$")
_ASSIGNMENT = re.compile(r"\s*([A-Za-z0-9_-]+)\s*=\s*(.*?)\s*(?:#.*)?")
_PAPER_AMOUNT = re.compile(r"\$\s*\d+(?:,\d{3})*(?:\.\d{1,2})?|\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?")
_PAPER_DATE = re.compile(r"(\d{1,2})[/-](\d{1,2})[/-](\d{4})")  # month/day/year, as US forms print it


def _advice(text: str, message: str) -> str:
    """How to write an amount or a date written as on paper (7,000, $7000, 01/10/2025), which
    TOML refuses unquoted."""
    at = _AT_LINE.search(message)
    line = text.split("\n", int(at.group(1)))[int(at.group(1)) - 1][:100] if at else ""
    assignment = _ASSIGNMENT.fullmatch(line)
    if not assignment:
        return ""
    key, value = assignment.groups()
    if _PAPER_AMOUNT.fullmatch(value):
        return f"; write {key} = {value.replace('$', '').replace(',', '').strip()} (a number, without $ or commas)"
    date = _PAPER_DATE.fullmatch(value)
    if not date:
        return ""
    month, day, year = (int(n) for n in date.groups())
    try:
        return f"; write {key} = {dt.date(year, month, day)} (a TOML date: year-month-day, no quotes)"
    except ValueError:
        return "; write dates year-month-day, without quotes, like 2025-01-10"


def _beyond_limits(raw: dict, source: str) -> list[Problem]:
    """Values no ledger holds (limits in ledger.base), refused before anything validates,
    computes with or quotes them. A loop, not recursion: depth costs nothing here."""
    out = []
    stack: list[tuple[tuple, object]] = [((), raw)]
    while stack:
        path, value = stack.pop()
        message = _beyond(path, value)
        if message:
            where, field = _place(source, raw, path)
            out.append(Problem(where, message, field))
        elif isinstance(value, dict | list):
            items = value.items() if isinstance(value, dict) else enumerate(value)
            stack.extend(reversed([(path + (key,), item) for key, item in items]))
    return out


def _beyond(path: tuple, value: object) -> str | None:
    """What is beyond the limits in the value at `path` (its key included), if anything."""
    if path and isinstance(path[-1], str) and (message := _bad_text(path[-1], "key")):
        return message
    if isinstance(value, str):
        return _bad_text(value, "text")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**MAX_DIGITS:
        return TOO_LONG_NUMBER
    if isinstance(value, dict | list) and value and len(path) >= MAX_DEPTH:
        return TOO_DEEP
    return None


def _bad_text(text: str, what: str) -> str | None:
    if len(text) > MAX_TEXT:
        return f"a {what} of {len(text):,} characters; at most {MAX_TEXT} are allowed"
    control = CONTROL.search(text)
    if control:
        return (f'the {what} "{shown(text, MAX_TEXT)}" holds a control character ({printable(control.group())}); '
                "remove it")
    return None


def _place(source: str, raw: dict, path: tuple) -> tuple[str, str | None]:
    """The entry or table holding the value at `path`, named as the loader names it, and the
    field path within it (keys on the way are within limits: the loop stops at one that isn't)."""
    kind = path[0] if path else None
    if kind in ENTRY_KINDS and len(path) > 1 and isinstance(path[1], int):
        return entry_label(source, kind, path[1] + 1, _labelled(raw[kind][path[1]])), _dotted(path[2:])
    if kind == "people" and len(path) > 2:
        return f"{source}: [people.{path[1]}]", _dotted(path[2:])
    if kind == "options" and len(path) > 1:
        return f"{source}: [options]", _dotted(path[1:])
    return source, _dotted(path)


def _dotted(path: tuple) -> str | None:
    return ".".join(shown(str(key)) for key in path) or None


def _labelled(item: object) -> dict:
    """The fields an entry's label shows (who, date or year), when each is plain enough to show."""
    if not isinstance(item, dict):
        return {}
    return {key: value for key, value in item.items() if key in ("who", "date", "year")
            and isinstance(value, str | int | dt.date) and not isinstance(value, bool) and not _beyond((), value)}


def _structure(raw: dict, source: str, problems: list[Problem]) -> dict:
    for key in raw:
        if key not in TOP_LEVEL:
            problems.append(Problem(source, f"unknown table or key `{key}`{_suggest(key, TOP_LEVEL)}"))
    if raw.get("version") != 1:
        problems.append(Problem(source, "the ledger must start with `version = 1`", "version"))
    fields: dict = {"people": _people(raw.get("people"), source, problems)}
    if "options" in raw:
        fields["options"] = _validate(Options, raw["options"], f"{source}: [options]", problems)
    for kind, model in ENTRY_KINDS.items():
        items = raw.get(kind, [])
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            problems.append(Problem(source, f"`{kind}` must be written as [[{kind}]] tables"))
            continue
        entries = [
            _validate(model, item, entry_label(source, kind, n, _labelled(item)), problems, position=n)
            for n, item in enumerate(items, start=1)
        ]
        fields["assert_" if kind == "assert" else kind] = tuple(e for e in entries if e is not None)
    return fields


def _people(raw: object, source: str, problems: list[Problem]) -> dict[str, Person] | None:
    if not isinstance(raw, dict) or "you" not in raw:
        problems.append(Problem(source, 'add a [people.you] table with at least `name = "..."`', "people.you"))
        return None
    people = {}
    for who, item in raw.items():
        if who not in PEOPLE:
            problems.append(Problem(f"{source}: [people.{who}]", 'people are "you" and "spouse" only'))
            continue
        if not isinstance(item, dict):
            problems.append(Problem(f"{source}: [people.{who}]", "must be a table"))
            continue
        people[who] = _validate(Person, item, f"{source}: [people.{who}]", problems)
    return people if all(people.values()) else None


def _validate(model: type[BaseModel], item: object, where: str, problems: list[Problem], position: int = 0):
    try:
        entry = model.model_validate(item)
    except ValidationError as exc:
        problems.extend(_problems(model, exc, where))
        return None
    if position:
        entry._position = position
    return entry


def _problems(model: type[BaseModel], exc: ValidationError, where: str) -> list[Problem]:
    names = [f.alias or n for n, f in model.model_fields.items()]
    errors = exc.errors()
    # A typo (`ammount`) also makes the real field missing: report the typo only.
    typos = {_close(str(e["loc"][-1]), names) for e in errors if e["type"] == "extra_forbidden"}
    out = []
    for err in errors:
        if err["type"] == "missing" and err["loc"] and err["loc"][-1] in typos:
            continue
        loc = ".".join(str(p) for p in err["loc"]) or None
        kind = err["type"]
        if kind == "extra_forbidden":
            msg = f"unknown field{_suggest(str(err['loc'][-1]), names)}"
        elif kind == "missing":
            msg = "required field is missing"
        elif kind == "literal_error":
            msg = f"must be {err['ctx']['expected']}, not {shown(repr(err['input']))}"
        else:
            msg = err["msg"].removeprefix("Value error, ")
        out.append(Problem(where, msg, loc))
    return out


def _close(word: str, choices) -> str | None:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return close[0] if close else None


def _suggest(word: str, choices) -> str:
    close = _close(word, choices)
    return f"; did you mean `{close}`?" if close else ""
