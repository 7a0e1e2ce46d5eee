"""docs/ledger.md stays true: its TOML examples load and compute, and it names every field."""

from __future__ import annotations

import re
import tomllib
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from form8606.pipeline import compute
from form8606.ledger import load_text
from form8606.ledger.model import ENTRY_KINDS, Options, Person

ROOT = Path(__file__).resolve().parent.parent
LEDGER_DOC = ROOT / "docs" / "ledger.md"
FENCE = re.compile(r"^```toml[ \t]*\n(.*?)^```[ \t]*$", re.DOTALL | re.MULTILINE)


def toml_blocks() -> list[tuple[int, str]]:
    """Every ```toml block of docs/ledger.md, with the line its fence opens on."""
    text = LEDGER_DOC.read_text("utf-8")
    return [(text.count("\n", 0, m.start()) + 1, m.group(1)) for m in FENCE.finditer(text)]


def is_ledger(block: str) -> bool:
    return block.lstrip().startswith("version = 1")


BLOCKS = toml_blocks()


def test_the_doc_has_examples_of_both_kinds():
    assert sum(is_ledger(b) for _, b in BLOCKS) >= 7  # the complete ledgers: tour + common situations
    assert sum(not is_ledger(b) for _, b in BLOCKS) >= 10  # a snippet per table


@pytest.mark.parametrize("block", [b for _, b in BLOCKS if is_ledger(b)],
                         ids=[f"line{n}" for n, b in BLOCKS if is_ledger(b)])
def test_complete_ledgers_load_and_compute(block: str):
    result = compute(load_text(block, source="ledger.md"))
    assert result.forms, "a complete example should produce at least one form"
    assert not result.assertion_failures, result.assertion_failures


@pytest.mark.parametrize("block", [b for _, b in BLOCKS if not is_ledger(b)],
                         ids=[f"line{n}" for n, b in BLOCKS if not is_ledger(b)])
def test_snippets_are_valid_toml(block: str):
    tomllib.loads(block)


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
