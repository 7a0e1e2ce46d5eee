"""The ledger as a JSON Schema (draft 2020-12), generated from the models that load it, so that
editors with TOML support (taplo, Even Better TOML) check a ledger as it is typed
(docs/ledger.md, Editor support).

The schema describes the shape the loader accepts: tables, fields, types, allowed values,
defaults. Rules between fields (`deducted` at most `amount`) and between entries stay with the
loader and the checks.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic.json_schema import GenerateJsonSchema, models_json_schema

from form8606.ledger.model import ENTRY_KINDS, Options, Person

DIALECT = "https://json-schema.org/draft/2020-12/schema"
# Where a ledger's `#:schema` line points (taplo: relative to the ledger): the output of
# `form8606 schema`, saved beside it.
SCHEMA_FILE = "form8606.schema.json"
REF = "#/$defs/{model}"


class _TomlSchema(GenerateJsonSchema):
    """Pydantic's generator, fitted to TOML: no null (TOML has none; a field left out takes its
    default), defaults written as TOML would (0, not "0"), years as keys, no field titles."""

    def nullable_schema(self, schema):
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema):
        if schema.get("default", ...) is None:
            return self.generate_inner(schema["schema"])
        return super().default_schema(schema)

    def encode_default(self, dft):
        if isinstance(dft, Decimal):
            return int(dft) if dft == dft.to_integral_value() else str(dft)  # exact: amounts may be text
        return super().encode_default(dft)

    def dict_schema(self, schema):
        out = super().dict_schema(schema)
        if schema.get("keys_schema", {}).get("type") == "int":  # { 2024 = 2025-10-15 }: TOML keys are text
            out["propertyNames"] = {"pattern": "^[0-9]+$"}
        return out

    def field_title_should_be_set(self, schema) -> bool:
        return False


def ledger_schema() -> dict:
    """The JSON Schema of a ledger file, version 1 (docs/ledger.md, File layout)."""
    models = [Person, Options, *ENTRY_KINDS.values()]
    _, found = models_json_schema([(m, "validation") for m in models], ref_template=REF,
                                  schema_generator=_TomlSchema)
    for model in found["$defs"].values():  # a docstring's line breaks are no part of its sense
        model["description"] = " ".join(model.get("description", "").split())
    ref = {m: {"$ref": REF.format(model=m.__name__)} for m in models}
    tables = {kind: {"type": "array", "items": ref[model],
                     "description": f"[[{kind}]]: {found['$defs'][model.__name__]['description']}"}
              for kind, model in ENTRY_KINDS.items()}
    return {
        "$schema": DIALECT,
        "title": "form8606 ledger, version 1",
        "description": "A household's IRA history for Form 8606 (docs/ledger.md).",
        "type": "object",
        "properties": {
            "version": {"const": 1, "description": "The ledger format version: 1."},
            "people": {"type": "object", "description": 'The people: "you", and "spouse" for a married couple.',
                       "properties": {"you": ref[Person], "spouse": ref[Person]},
                       "required": ["you"], "additionalProperties": False},
            "options": ref[Options],
            **tables,
        },
        "required": ["version", "people"],
        "additionalProperties": False,
        "$defs": found["$defs"],
    }

