"""The JSON Schemas of the file formats, shipped with the package (``cchc schema``)."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

from cchc_criteria.errors import ArgumentError
from cchc_criteria.rules.kinds import RuleKinds

__all__ = ["SCHEMAS", "schema", "schema_text"]

SCHEMAS = {
    "set": "criterion-set.schema.json",
    "assessment": "assessment.schema.json",
    "scorecard": "scorecard.schema.json",
    # The scorecard format before version 2 (cchc-scorecard/1), for files written then.
    "scorecard-1": "scorecard-1.schema.json",
}
"""The formats that have a schema, and their file names."""


def schema_text(kind: str, *, kinds: RuleKinds) -> str:
    """The JSON Schema of ``kind`` ("set", "assessment" or "scorecard") as text."""
    return json.dumps(schema(kind, kinds=kinds), ensure_ascii=False, indent=2) + "\n"


def schema(kind: str, *, kinds: RuleKinds) -> dict[str, Any]:
    """The JSON Schema of ``kind`` as a dictionary.

    The set schema names every installed rule kind (``rule = "…"``) with the keys each takes
    (the built-in kinds and those of plugins, or ``kinds``).
    """
    if kind not in SCHEMAS:
        raise ArgumentError(f"no schema {kind!r}; there are: {', '.join(SCHEMAS)}")
    text = (files("cchc_criteria") / "schemas" / SCHEMAS[kind]).read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    if kind == "set":
        _add_rule_kinds(loaded, kinds)
    return loaded


def _add_rule_kinds(document: dict[str, Any], kinds: RuleKinds) -> None:
    criterion = document["$defs"]["criterion"]
    properties = criterion["properties"]
    properties["rule"] = {**properties.get("rule", {}), "enum": list(kinds.names)}
    conditions = []
    for rule_kind in kinds.by_name.values():
        for key, key_schema in rule_kind.schema.get("properties", {}).items():
            properties.setdefault(key, key_schema)
        required = list(rule_kind.schema.get("required", ()))
        if required:
            conditions.append(
                {
                    "if": {"properties": {"rule": {"const": rule_kind.name}}, "required": ["rule"]},
                    "then": {"required": required},
                }
            )
    if conditions:
        criterion["allOf"] = conditions
