"""Every example ledger against its hand-checked expected lines (as PolicyEngine
keeps YAML cases): fixtures/ (the README's examples) and tests/cases/ (IRS worked examples)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from form8606.ledger import load_ledger
from form8606.pipeline import compute
from form8606.render.jsonout import dumps, result_dict
from tests.helpers import ROOT

CASES = sorted([*ROOT.glob("fixtures/*.toml"), *ROOT.glob("tests/cases/*.toml")])


def expected_forms(path: Path) -> list[dict]:
    expected = path.with_suffix(".expected.json")
    return json.loads(expected.read_text(), parse_float=Decimal)["forms"]


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_case_lines(path: Path):
    result = compute(load_ledger(path))
    ours = json.loads(dumps(result_dict(result, list(result.forms))), parse_float=Decimal)["forms"]
    want = expected_forms(path)
    assert [(f["person"], f["year"]) for f in ours] == [(f["person"], f["year"]) for f in want]
    for mine, theirs in zip(ours, want):
        where = f"{mine['person']} {mine['year']}"
        assert mine["required"] == theirs["required"], where
        theirs_lines = {k: Decimal(str(v)) for k, v in theirs["lines"].items()}
        assert mine["lines"] == theirs_lines, where
        if "10" in theirs["lines"] and isinstance(theirs["lines"]["10"], str):
            assert str(mine["lines"]["10"]) == theirs["lines"]["10"], where
        for key in ("additional_tax_base", "roth_basis"):  # the Roth side, where the case gives it
            if key in theirs:
                assert _num(mine[key]) == _num(theirs[key]), (where, key)
    assert not result.assertion_failures


def test_there_are_fixtures_for_each_story():
    names = {p.stem for p in ROOT.glob("fixtures/*.toml")}
    assert {"backdoor-clean", "backdoor-prorata", "next-year-contribution", "married-couple",
            "multi-year-history"} <= names


def _num(value):
    """Compare numbers as Decimals whatever their JSON spelling."""
    if isinstance(value, dict):
        return {k: _num(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_num(v) for v in value]
    return Decimal(str(value)) if isinstance(value, int | float | Decimal) and not isinstance(value, bool) else value
