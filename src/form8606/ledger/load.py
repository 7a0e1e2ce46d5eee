"""TOML text -> validated Ledger, collecting every problem (STYLE: beancount's loader)."""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path

from pydantic import BaseModel, ValidationError

from form8606.errors import Form8606Error, Problem
from form8606.ledger.checks import run_checks
from form8606.ledger.model import ENTRY_KINDS, Ledger, Options, Person
from form8606.ledger.where import entry_label

TOP_LEVEL = ("version", "people", "options", *ENTRY_KINDS)
PEOPLE = ("you", "spouse")


def load_ledger(path: str | Path, person: str | None = None) -> Ledger:
    """The ledger at `path`; with `person` (a --person option), that person must be in it."""
    return raise_problems(*parse_file(path, person))


def load_text(text: str, source: str = "ledger") -> Ledger:
    """Parse and validate; raise Form8606Error listing every problem found."""
    return raise_problems(*parse(text, source))


def read_file(path: str | Path) -> str:
    path = Path(path)
    try:
        return path.read_text("utf-8")
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
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return None, [Problem(source, f"TOML syntax error: {exc}")]
    problems: list[Problem] = []
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
            _validate(model, item, entry_label(source, kind, n, item), problems, position=n)
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
            msg = f"must be {err['ctx']['expected']}, not {err['input']!r}"
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
