"""The JSON Schemas of the file formats, shipped with the package (``cchc schema``)."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

from cchc_criteria.errors import ArgumentError

__all__ = ["SCHEMAS", "schema", "schema_text"]

#: The formats that have a schema, and their file names.
SCHEMAS = {
    "set": "criterion-set.schema.json",
    "assessment": "assessment.schema.json",
    "scorecard": "scorecard.schema.json",
}


def schema_text(kind: str) -> str:
    """The JSON Schema of ``kind`` ("set", "assessment" or "scorecard") as text."""
    if kind not in SCHEMAS:
        raise ArgumentError(f"no schema {kind!r}; there are: {', '.join(SCHEMAS)}")
    return (files("cchc_criteria") / "schemas" / SCHEMAS[kind]).read_text(encoding="utf-8")


def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of ``kind`` as a dictionary."""
    loaded: dict[str, Any] = json.loads(schema_text(kind))
    return loaded
