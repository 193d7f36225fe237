"""Reading a data file: bytes → UTF-8 text → a TOML or JSON document, or one InputError."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

from cchc_criteria.errors import InputError, Problem

__all__ = ["format_of", "parse_document", "read_text"]


def format_of(name: str) -> str:
    """ "json" for a ``.json`` name, else "toml"."""
    return "json" if name.lower().endswith(".json") else "toml"


def read_text(path: str | Path) -> str:
    """The file's text; :class:`InputError` if it cannot be read or is not UTF-8."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise InputError(name, f"cannot read the file: {error.strerror or error}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            name, f"the file is not UTF-8 text (byte {error.start}); save it as UTF-8"
        ) from None


def parse_document(text: str, source: str, fmt: str, what: str) -> dict[str, Any]:
    """Parse TOML (or JSON) into a table; ``what`` names the document for messages."""
    if fmt == "json":
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            raise InputError(
                source, problems=[Problem(f"not valid JSON: {error.msg}", line=error.lineno)]
            ) from None
        if not isinstance(document, dict):
            raise InputError(source, f"{what} is a JSON object")
        return document
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"at line (\d+)", str(error))
        line = int(match.group(1)) if match else None
        raise InputError(
            source, problems=[Problem(f"not valid TOML: {error}", line=line)]
        ) from None
