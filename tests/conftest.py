"""Small ledgers written inline (STYLE: beancount's load_doc)."""

from __future__ import annotations

import textwrap
from decimal import Decimal

import pytest

from form8606.pipeline import compute
from form8606.pipeline import load_text

HEADER = 'version = 1\n[people.you]\nname = "Alex Rivera"\n'
SPOUSE = '[people.spouse]\nname = "Sam Rivera"\n'


def ledger_of(body: str, header: str = HEADER):
    return load_text(header + textwrap.dedent(body), source="test.toml")


def forms_of(body: str, header: str = HEADER, **kw):
    return compute(ledger_of(body, header), **kw).forms


def lines_of(form) -> dict[str, Decimal]:
    return {k: v.value for k, v in form.lines.items()}


def money_lines(**values) -> dict[str, Decimal]:
    """lines(l1=7000, l15a=0) -> {"1": Decimal(7000), "15a": Decimal(0)}"""
    return {k[1:]: Decimal(str(v)) for k, v in values.items()}


@pytest.fixture
def problems_of():
    from form8606.errors import Form8606Error

    def run(body: str, header: str = HEADER) -> list[str]:
        with pytest.raises(Form8606Error) as info:
            compute(ledger_of(body, header))
        return [str(p) for p in info.value.problems]

    return run
