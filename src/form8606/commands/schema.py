"""`form8606 schema`: the JSON Schema of the ledger, for editors."""

from __future__ import annotations

import json

import click

from form8606.ledger.schema import ledger_schema


@click.command()
def schema() -> None:
    """Print the JSON Schema of the ledger, for editors that check TOML as it is typed.

    Save it beside the ledger (`form8606 schema > form8606.schema.json`): a ledger whose first
    line is `#:schema ./form8606.schema.json`, as `form8606 init` writes it, is then checked by
    taplo and Even Better TOML. docs/ledger.md, Editor support.
    """
    click.echo(json.dumps(ledger_schema(), indent=2, ensure_ascii=False))
