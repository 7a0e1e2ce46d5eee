"""docs/ stays true: every ```toml block of docs/*.md loads as a ledger and computes (a complete
ledger as it is, a snippet inside a small ledger), the documented error example gives exactly
the errors shown under it, and docs/ledger.md names every field."""

from __future__ import annotations

import tomllib
import typing

import pytest
from pydantic import BaseModel

from form8606.errors import Form8606Error
from form8606.ledger import load_text
from form8606.ledger.model import ENTRY_KINDS, Options, Person
from form8606.pipeline import compute
from form8606.plan import plan
from tests.helpers import ROOT, fenced_blocks

LEDGER_DOC = ROOT / "docs" / "ledger.md"
PEOPLE = """[people.you]
name = "Alex Rivera"
birth_date = 1979-06-30
[people.spouse]
name = "Sam Rivera"
birth_date = 1981-02-14
"""

# What a snippet needs beside it to load and compute, by the table it starts with.
COMPANIONS = {
    # the Roth distribution needs Roth money and its first year (5-year period)
    "distribution": '[[opening]]\nwho = "you"\nyear = 2022\nroth_contribution_basis = 20000\n'
                    "first_roth_year = 2015\n",
    # a recharacterization or a return corrects a contribution of its `for_year`
    "recharacterization": '[[contribution]]\nwho = "you"\ndate = 2023-06-01\nto = "roth"\namount = 5000\n',
    "returned_contribution": '[[contribution]]\nwho = "you"\ndate = 2023-03-01\nto = "traditional"\n'
                             "amount = 6500\n",
    # line 14 of 2025 = 10,855 of basis + 7,000 nondeductible, as the assertion says
    "assert": '[[opening]]\nwho = "you"\nyear = 2024\ntraditional_basis = 10855\n'
              '[[contribution]]\nwho = "you"\ndate = 2025-02-03\nto = "traditional"\namount = 7000\n',
    # box 1 of the Form 5498: the year's traditional contributions
    "form_5498": '[[contribution]]\nwho = "you"\ndate = 2025-01-10\nto = "traditional"\namount = 7000\n',
}


def is_ledger(block: str) -> bool:
    """A complete ledger starts with `version = 1`, after its comments (`init` writes some)."""
    return "\n".join(line for line in block.splitlines() if not line.startswith("#")).lstrip().startswith("version = 1")


def toml_blocks() -> list[tuple[str, int, str, list[str] | None]]:
    """(doc, line, block, errors): every ```toml block of docs/*.md; `errors` are the lines of
    a ```text block of `error:` lines right under it, the errors the block is shown to give."""
    found = []
    for path in sorted((ROOT / "docs").glob("*.md")):
        blocks = fenced_blocks(path)
        for (line, lang, body), (next_line, next_lang, after) in zip(blocks, [*blocks[1:], (0, "", "")]):
            if lang != "toml":
                continue
            shown = (next_lang == "text" and next_line <= line + body.count("\n") + 3
                     and all(e.startswith("error: ") for e in after.splitlines()))
            found.append((path.name, line, body, after.splitlines() if shown else None))
    return found


BLOCKS = toml_blocks()
LEDGERS = [(f"{doc}:{line}", body) for doc, line, body, _ in BLOCKS if is_ledger(body)]
SNIPPETS = [(f"{doc}:{line}", body) for doc, line, body, errors in BLOCKS if not is_ledger(body) and errors is None]
ERRORS = [(f"{doc}:{line}", body, errors) for doc, line, body, errors in BLOCKS if errors is not None]


def in_a_ledger(snippet: str) -> str:
    tables = tomllib.loads(snippet)
    first = next(iter(tables))
    people = "" if "people" in tables else PEOPLE
    return "version = 1\n" + people + COMPANIONS.get(first, "") + snippet


def test_the_docs_have_examples_of_each_kind():
    ledger_doc = [(doc, body) for doc, _, body, _ in BLOCKS if doc == "ledger.md"]
    assert sum(is_ledger(b) for _, b in ledger_doc) >= 7  # the complete ledgers: tour + common situations
    assert sum(not is_ledger(b) for _, b in ledger_doc) >= 10  # a snippet per table
    assert len(ERRORS) == 1 and len(SNIPPETS) >= 15


@pytest.mark.parametrize("where, block", LEDGERS, ids=[w for w, _ in LEDGERS])
def test_complete_ledgers_load_and_compute(where: str, block: str):
    result = compute(load_text(block, source=where))
    assert result.forms, "a complete example should produce at least one form"
    assert not result.assertion_failures, result.assertion_failures


@pytest.mark.parametrize("where, block", SNIPPETS, ids=[w for w, _ in SNIPPETS])
def test_snippets_load_and_compute(where: str, block: str):
    ledger = load_text(in_a_ledger(block), source=where)
    result = compute(ledger)
    assert not result.assertion_failures, result.assertion_failures
    for entry in tomllib.loads(block).get("filing", []):
        assert plan(ledger, entry["year"]).plans


def test_every_companion_is_used():
    firsts = {next(iter(tomllib.loads(block))) for _, block in SNIPPETS}
    assert set(COMPANIONS) <= firsts


@pytest.mark.parametrize("where, block, errors", ERRORS, ids=[w for w, _, _ in ERRORS])
def test_the_error_example_gives_the_errors_shown(where: str, block: str, errors: list[str]):
    with pytest.raises(Form8606Error) as info:
        compute(load_text(in_a_ledger(block), source="rivera.toml"))
    assert [f"error: {p}" for p in info.value.problems] == errors


def field_names(model) -> set[str]:
    return {field.alias or name for name, field in model.model_fields.items()}


def nested_models(model) -> set[type[BaseModel]]:
    """Models used inside a model's fields (e.g. the tables of [[opening]] roth_conversions)."""
    found: set[type[BaseModel]] = set()

    def walk(annotation) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation not in found:
                found.add(annotation)
                for field in annotation.model_fields.values():
                    walk(field.annotation)
        for arg in typing.get_args(annotation):
            walk(arg)

    for field in model.model_fields.values():
        walk(field.annotation)
    return found


DOCUMENTED = [*ENTRY_KINDS.values(), Person, Options]
DOCUMENTED += sorted({m for model in DOCUMENTED for m in nested_models(model)} - set(DOCUMENTED),
                     key=lambda m: m.__name__)


@pytest.mark.parametrize("model", DOCUMENTED, ids=lambda m: m.__name__)
def test_every_field_is_documented(model):
    text = LEDGER_DOC.read_text("utf-8")
    missing = sorted(name for name in field_names(model) if f"`{name}`" not in text)
    assert not missing, f"{model.__name__} fields not in docs/ledger.md: {missing}"


def test_every_table_is_documented():
    text = LEDGER_DOC.read_text("utf-8")
    for kind in ENTRY_KINDS:
        assert f"### `[[{kind}]]`" in text, kind
    assert "[people.you]" in text and "[people.spouse]" in text and "### `[options]`" in text
