"""Invariants of the calculator over generated ledgers (hypothesis)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from form8606.ledger import load_text
from form8606.pipeline import compute

ZERO = Decimal(0)
cents = st.integers(min_value=0, max_value=20_000_00).map(lambda c: Decimal(c) / 100)
big_cents = st.integers(min_value=0, max_value=500_000_00).map(lambda c: Decimal(c) / 100)


@st.composite
def year_events(draw, year: int) -> list[str]:
    out = []
    if draw(st.booleans()):
        amount = draw(st.integers(min_value=1, max_value=6000))
        deducted = draw(st.sampled_from([0, 0, amount // 2, amount]))
        late = draw(st.booleans())
        date = dt.date(year + 1, 2, 10) if late else dt.date(year, 3, 5)
        out.append(f'[[contribution]]\nwho = "you"\ndate = {date}\nfor_year = {year}\nto = "traditional"\n'
                   f"amount = {amount}\ndeducted = {deducted}\n")
    if draw(st.booleans()):
        out.append(f'[[conversion]]\nwho = "you"\ndate = {year}-06-01\namount = "{draw(cents)}"\n')
    if draw(st.booleans()):
        amount = draw(cents)
        rolled = (amount * draw(st.sampled_from([0, 0, 1, 3])) / 4).quantize(Decimal("0.01"))
        disaster = (amount - rolled) * draw(st.sampled_from([0, 0, 1])) / 2
        out.append(f'[[distribution]]\nwho = "you"\ndate = {year}-09-01\nfrom = "traditional"\n'
                   f'amount = "{amount}"\nrolled_over = "{rolled}"\ndisaster = "{disaster.quantize(Decimal("0.01"))}"\n')
    out.append(f'[[year_end]]\nwho = "you"\nyear = {year}\ntraditional = "{draw(big_cents)}"\n')
    return out


@st.composite
def ledgers(draw) -> tuple[str, int, int]:
    first = draw(st.integers(min_value=2019, max_value=2024))
    last = draw(st.integers(min_value=first, max_value=2025))
    basis = draw(st.integers(min_value=0, max_value=50_000))
    places = draw(st.integers(min_value=3, max_value=8))
    body = [f"[options]\nratio_places = {places}\n",
            f'[[opening]]\nwho = "you"\nyear = {first - 1}\ntraditional_basis = {basis}\n']
    for year in range(first, last + 1):
        body += draw(year_events(year))
    return "".join(body), first, last


HEAD = 'version = 1\n[people.you]\nname = "P"\n'
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def d(form, label) -> Decimal:
    return form.value(label)


@SETTINGS
@given(ledgers())
def test_line_invariants(case):
    text, _, _ = case
    for form in compute(load_text(HEAD + text)).forms:
        assert form.basis_end >= 0
        if "14" in form.lines:
            assert d(form, "14") >= 0
        if "13" in form.lines:
            assert d(form, "13") <= d(form, "3")
            assert d(form, "13") <= d(form, "5")
        if "11" in form.lines and "16" in form.lines:
            assert d(form, "11") + d(form, "18") == d(form, "16")
        if "12" in form.lines:
            assert d(form, "12") + d(form, "15a") == d(form, "7")
            assert d(form, "15b") + d(form, "15c") == d(form, "15a")
            assert ZERO <= d(form, "10") <= 1
        if "16" in form.lines:
            assert d(form, "16") - d(form, "17") == d(form, "18")
        for label, line in form.lines.items():
            if label not in ("18",):
                assert line.value >= 0, (label, line)


@SETTINGS
@given(ledgers(), st.data())
def test_splitting_with_an_opening_gives_the_same_later_forms(case, data):
    text, first, last = case
    full = compute(load_text(HEAD + text))
    split = data.draw(st.integers(min_value=first, max_value=last))
    basis = next((f.basis_end for f in reversed(full.forms) if f.year <= split), None)
    if basis is None:
        basis = Decimal(text.split("traditional_basis = ")[1].split("\n")[0])
    later = [chunk for chunk in text.split("[[")[1:] if _year(chunk) > split and not chunk.startswith("opening")]
    rest = (f'[[opening]]\nwho = "you"\nyear = {split}\ntraditional_basis = "{basis}"\n'
            + "".join("[[" + c for c in later))
    options = text.split("[[")[0]
    second = compute(load_text(HEAD + options + rest))
    want = [(f.year, {k: v.value for k, v in f.lines.items()}, f.required) for f in full.forms if f.year > split]
    got = [(f.year, {k: v.value for k, v in f.lines.items()}, f.required) for f in second.forms]
    assert got == want


def _year(chunk: str) -> int:
    for key in ("for_year = ", "year = ", "date = "):
        if key in chunk:
            return int(chunk.split(key)[1][:4])
    raise AssertionError(chunk)
