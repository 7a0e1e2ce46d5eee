"""A ledger rewritten as documents gives the same lines (hypothesis), and every fixture's twin
written from documents gives the same forms as the fixture."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from form8606.ledger import load_ledger, load_text
from form8606.pipeline import compute
from form8606.render.jsonout import dumps, result_dict
from tests.helpers import ROOT

HEAD = 'version = 1\n[people.you]\nname = "P"\n'
SETTINGS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
cents = st.integers(min_value=1, max_value=20_000_00).map(lambda c: Decimal(c) / 100)


@st.composite
def years(draw) -> list[dict]:
    """Per year: contributions (kept by hand), a conversion, a distribution, the Dec 31 value."""
    first = draw(st.integers(min_value=2019, max_value=2024))
    last = draw(st.integers(min_value=first, max_value=2025))
    out = []
    for year in range(first, last + 1):
        y: dict = {"year": year, "contribution": None, "conversion": None, "distribution": None}
        if draw(st.booleans()):
            amount = draw(st.integers(min_value=1, max_value=6000))
            late = draw(st.booleans())
            y["contribution"] = (amount, draw(st.sampled_from([0, amount // 2])),
                                 dt.date(year + 1, 2, 10) if late else dt.date(year, 3, 5))
        if draw(st.booleans()):
            y["conversion"] = draw(cents)
        if draw(st.booleans()):
            amount = draw(cents)
            y["distribution"] = (amount, (amount * draw(st.sampled_from([0, 0, 1, 4])) / 4).quantize(Decimal("0.01")))
        y["value"] = draw(st.integers(min_value=0, max_value=500_000_00).map(lambda c: Decimal(c) / 100))
        y["split"] = draw(st.integers(min_value=0, max_value=100)) / Decimal(100)
        y["merge"] = draw(st.booleans())
        y["dated"] = draw(st.booleans())
        y["codes"] = (draw(st.sampled_from(["2", "7"])), draw(st.sampled_from(["1", "7", "3"])))
        out.append(y)
    return out


def by_hand(ys: list[dict], basis: int) -> str:
    out = [f'[[opening]]\nwho = "you"\nyear = {ys[0]["year"] - 1}\ntraditional_basis = {basis}\n']
    for y in ys:
        out.append(_contribution(y))
        if y["conversion"]:
            out.append(f'[[conversion]]\nwho = "you"\ndate = {y["year"]}-06-01\namount = "{y["conversion"]}"\n')
        if y["distribution"]:
            amount, rolled = y["distribution"]
            out.append(f'[[distribution]]\nwho = "you"\ndate = {y["year"]}-09-01\nfrom = "traditional"\n'
                       f'amount = "{amount}"\nrolled_over = "{rolled}"\n')
        out.append(f'[[year_end]]\nwho = "you"\nyear = {y["year"]}\ntraditional = "{y["value"]}"\n')
    return "".join(out)


def _contribution(y: dict) -> str:
    if not y["contribution"]:
        return ""
    amount, deducted, date = y["contribution"]
    return (f'[[contribution]]\nwho = "you"\ndate = {date}\nfor_year = {y["year"]}\nto = "traditional"\n'
            f"amount = {amount}\ndeducted = {deducted}\n")


def documents(ys: list[dict], mode: str) -> str:
    """The same history's Forms 1099-R and 5498. Contributions are on no Form 1099-R: they stay
    [[contribution]] entries (their dates decide line 4) and box 1 of the 5498s reconciles them."""
    out = []
    for y in ys:
        year, conv, dist = y["year"], y["conversion"], y["distribution"]
        docs = []
        if conv and dist and y["merge"]:  # one form for payments on two days: it has no one `date`
            amount, rolled = dist
            docs.append((conv + amount, conv, rolled, y["codes"][0], None))
        else:
            if conv:
                docs.append((conv, conv, Decimal(0), y["codes"][0], f"{year}-06-01"))
            if dist:
                docs.append((dist[0], Decimal(0), dist[1], y["codes"][1], f"{year}-09-01"))
        for box1, converted, rolled, code, date in docs:
            when = f"date = {date}\n" if date and (y["dated"] or mode == "check") else ""
            out.append(f'[[form_1099r]]\nwho = "you"\nyear = {year}\nbox1 = "{box1}"\nbox2a = "{box1}"\n'
                       f'box7 = "{code}"\nira_sep_simple = true\n{when}converted = "{converted}"\n'
                       f'rolled_over = "{rolled}"\nmode = "{mode}"\n')
        first = (y["value"] * y["split"]).quantize(Decimal("0.01"))
        contributed = y["contribution"][0] if y["contribution"] else 0
        rolled_in = dist[1] if dist else 0
        out.append(f'[[form_5498]]\nwho = "you"\nyear = {year}\nkind = "traditional"\nbox1 = {contributed}\n'
                   f'box2 = "{rolled_in}"\nbox5 = "{first}"\n')
        out.append(f'[[form_5498]]\nwho = "you"\nyear = {year}\nkind = "sep"\nbox5 = "{y["value"] - first}"\n')
        if conv:
            out.append(f'[[form_5498]]\nwho = "you"\nyear = {year}\nkind = "roth"\nbox3 = "{conv}"\n')
    return "".join(out)


def lines(result) -> list:
    return [(f.year, {k: v.value for k, v in f.lines.items()}, f.required) for f in result.forms]


@SETTINGS
@given(years(), st.integers(min_value=0, max_value=30_000))
def test_a_ledger_rewritten_as_documents_gives_the_same_lines(ys, basis):
    """Conversions and distributions become Forms 1099-R in mode "events" (one form for both when
    `merge`, no `date` when not `dated`), the December 31 values the box 5 of two Forms 5498."""
    hand = compute(load_text(HEAD + by_hand(ys, basis)))
    opening = by_hand(ys, basis).split("[[", 2)[1]
    text = "[[" + opening + "".join(_contribution(y) for y in ys) + documents(ys, "events")
    docs = compute(load_text(HEAD + text))
    assert lines(docs) == lines(hand)
    assert docs.assertion_failures == ()


@SETTINGS
@given(years(), st.integers(min_value=0, max_value=30_000))
def test_documents_in_mode_check_change_nothing_and_pass(ys, basis):
    hand_text = by_hand(ys, basis)
    both = compute(load_text(HEAD + hand_text + documents(ys, "check")))
    assert lines(both) == lines(compute(load_text(HEAD + hand_text)))
    assert both.assertion_failures == ()


# ---- the fixtures' twins ------------------------------------------------------------------

EVENTS = ("conversion", "distribution", "plan_rollover", "recharacterization", "returned_contribution", "year_end")
# The fixtures with events a Form 1099-R reports (the planner's fixtures have none).
ORIGINALS = sorted(p for p in ROOT.glob("fixtures/*.toml") if not p.stem.endswith("-documents")
                   and any(load_ledger(p).entries(kind) for kind in EVENTS[:-1]))


def test_every_fixture_has_a_twin_from_documents():
    assert {p.stem for p in ORIGINALS} >= {"backdoor-clean", "backdoor-prorata", "married-couple",
                                           "multi-year-history", "next-year-contribution", "recharacterization"}
    for path in ORIGINALS:
        assert path.with_name(f"{path.stem}-documents.toml").exists(), path.name


@pytest.mark.parametrize("path", ORIGINALS, ids=lambda p: p.stem)
def test_twin_gives_identical_forms(path: Path):
    twin = path.with_name(f"{path.stem}-documents.toml")
    ledger = load_ledger(twin)
    assert not any(ledger.entries(kind) for kind in EVENTS), "a twin is written from documents only"
    assert ledger.form_1099r and all(d.mode == "events" for d in ledger.form_1099r)
    ours, theirs = compute(ledger), compute(load_ledger(path))
    assert ours.assertion_failures == ()
    keys = ("person", "year", "required", "required_because", "lines", "basis_end", "additional_tax_base",
            "roth_basis")

    def shape(result):
        return [{k: f[k] for k in keys} for f in json.loads(dumps(result_dict(result, list(result.forms))))["forms"]]

    assert shape(ours) == shape(theirs)
    expected = twin.with_suffix(".expected.json")
    assert json.loads(expected.read_text()) == json.loads(path.with_suffix(".expected.json").read_text())
