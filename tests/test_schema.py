"""`form8606 schema`: the JSON Schema (draft 2020-12) generated from the models that load the ledger.
A real validator (jsonschema) takes every fixture, case and documented ledger, and refuses the
structural mistakes the loader refuses; each field carries its description, type, allowed values
and default."""

from __future__ import annotations

import datetime as dt
import json
import tomllib

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from form8606.errors import Form8606Error
from form8606.ledger import load_text
from form8606.ledger.model import ENTRY_KINDS
from form8606.ledger.schema import DIALECT, ledger_schema
from tests.helpers import FIXTURES, HEADER, ROOT, run
from tests.test_docs import ERRORS, LEDGERS, SNIPPETS, in_a_ledger

SCHEMA = ledger_schema()
VALIDATOR = Draft202012Validator(SCHEMA, format_checker=FormatChecker())
FILES = sorted([*FIXTURES.glob("*.toml"), *(ROOT / "tests" / "cases").glob("*.toml")])


def as_json(value):
    """A TOML document as an editor validates it: dates as their ISO text."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def errors(text: str) -> list[str]:
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in VALIDATOR.iter_errors(as_json(tomllib.loads(text)))]


def test_the_schema_is_a_valid_draft_2020_12_schema():
    assert SCHEMA["$schema"] == DIALECT == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(SCHEMA)
    assert set(SCHEMA["properties"]) == {"version", "people", "options", *ENTRY_KINDS}


def test_the_command_prints_it():
    result = run("schema")
    assert result.exit_code == 0 and json.loads(result.stdout) == SCHEMA


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_fixture_and_case_is_valid(path):
    assert errors(path.read_text("utf-8")) == []


@pytest.mark.parametrize("where, block", LEDGERS, ids=[w for w, _ in LEDGERS])
def test_every_ledger_of_the_docs_is_valid(where, block):
    assert errors(block) == []


@pytest.mark.parametrize("where, block", SNIPPETS, ids=[w for w, _ in SNIPPETS])
def test_every_snippet_of_the_docs_is_valid_in_a_ledger(where, block):
    assert errors(in_a_ledger(block)) == []


def test_the_documented_error_example_is_refused_by_the_schema_too():
    ((_, block, _),) = ERRORS
    assert sorted(errors(in_a_ledger(block))) == [
        "conversion/0/who: 'spuose' is not one of ['you', 'spouse']",
        "conversion/0: 'amount' is a required property",
        "conversion/0: Additional properties are not allowed ('ammount' was unexpected)",
    ]


GOOD = HEADER + '[[conversion]]\nwho = "you"\ndate = 2025-01-17\namount = "7,000.50"\n'
MISTAKES = {
    "unknown field": ("amount", "amount = 1\nammount"),
    "unknown table": ("[[conversion]]", "[[conversions]]"),
    "single brackets": ("[[conversion]]", "[conversion]"),
    "bad who": ('who = "you"', 'who = "spuose"'),
    "missing required field": ('date = 2025-01-17\n', ""),
    "year as text": ("[[conversion]]", '[[year_end]]\nwho = "you"\nyear = "2025"\ntraditional = 0\n[[conversion]]'),
    "amount as true": ('"7,000.50"', "true"),
    "amount as paper text": ('"7,000.50"', '"7000 dollars"'),
    "negative amount": ('"7,000.50"', "-5"),
    "date with a time": ("2025-01-17", "2025-01-17T09:00:00"),
    "version 2": ("version = 1", "version = 2"),
    "no people": ('[people.you]\nname = "Alex Rivera"\n', ""),
    "a third person": ("[[conversion]]", '[people.child]\nname = "Kim"\n[[conversion]]'),
    "empty name": ('name = "Alex Rivera"', 'name = ""'),
    "bad ssn": ('name = "Alex Rivera"', 'name = "Alex Rivera"\nssn = "123456789"'),
    "ratio places as text": ("[[conversion]]", '[options]\nratio_places = "5"\n[[conversion]]'),
    "unknown account": ("[[conversion]]", '[[contribution]]\nwho = "you"\ndate = 2025-01-02\nto = "401k"\n'
                                          "amount = 1\n[[conversion]]"),
}


def test_the_good_ledger_is_valid_both_ways():
    assert errors(GOOD) == [] and load_text(GOOD).conversion


@pytest.mark.parametrize("mistake", MISTAKES)
def test_a_structural_mistake_is_refused_by_the_loader_and_the_schema(mistake):
    old, new = MISTAKES[mistake]
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    with pytest.raises(Form8606Error):
        load_text(text)
    assert errors(text), f"the schema takes {mistake}"


def fields():
    for name, model in SCHEMA["$defs"].items():
        for field, schema in model["properties"].items():
            yield f"{name}.{field}", schema


@pytest.mark.parametrize("name, schema", list(fields()), ids=[n for n, _ in fields()])
def test_every_field_has_a_description_and_a_type(name, schema):
    assert schema.get("description", "").strip(), name
    assert {"type", "anyOf", "$ref", "enum"} & set(schema), name


def test_types_allowed_values_and_defaults_are_the_models():
    defs = SCHEMA["$defs"]
    distribution = defs["Distribution"]
    assert distribution["required"] == ["who", "date", "from", "amount"]
    assert distribution["properties"]["from"]["enum"] == ["traditional", "roth"]
    assert distribution["properties"]["qcd"]["default"] == 0
    assert distribution["properties"]["reason"]["enum"] == ["death", "disability", "first_home"]
    assert "default" not in distribution["properties"]["reason"]  # TOML has no null: left out is "none"
    assert defs["Options"]["properties"]["ratio_places"] | {"description": ""} == {
        "type": "integer", "minimum": 3, "maximum": 8, "default": 5, "description": ""}
    assert defs["Form1099R"]["properties"]["mode"]["default"] == "events"
    assert defs["Opening"]["properties"]["roth_conversions"]["items"] == {"$ref": "#/$defs/RothLayer"}
    assert defs["YearEnd"]["properties"]["year"] == {"type": "integer", "minimum": 1900, "maximum": 2028,
                                                     "description": "The December 31 this is the value at."}
    assert SCHEMA["properties"]["people"]["properties"]["spouse"] == {"$ref": "#/$defs/Person"}
