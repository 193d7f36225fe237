"""What a row of a set file got wrong, from cattrs' validation errors: one message per
mistake, with the key it is about."""

from __future__ import annotations

import re
from typing import Any

import cattrs

from cchc_criteria.errors import CchcError
from cchc_criteria.text import Text

__all__ = ["error_message", "validation_messages"]


def validation_messages(error: cattrs.BaseValidationError) -> list[tuple[Text, str | None]]:
    """(message, key) for every leaf error that cattrs collected.

    cattrs gives each leaf as "<message> @ <path>"; the message is a number standing for the
    `Text` kept aside, so that both languages survive the trip.
    """
    texts: list[Text | None] = []  # None: a required key that is not there
    extras: dict[int, list[str]] = {}

    def keep(leaf: BaseException, type_: Any) -> str:
        if isinstance(leaf, cattrs.ForbiddenExtraKeysError):
            extras[len(texts)] = sorted(leaf.extra_fields)
        texts.append(_leaf_text(leaf, type_))
        return str(len(texts) - 1)

    found: list[tuple[Text, str | None]] = []
    for line in cattrs.transform_error(error, path="$", format_exception=keep):
        number, _, path = line.rpartition(" @ ")
        keys = re.findall(r"\.(\w+)", path)
        key = keys[-1] if keys else None
        said = texts[int(number)]
        if int(number) in extras:
            key = extras[int(number)][0]
        if said is None:
            message = Text(f"thiếu {key}", f"{key} is required")
        elif key is not None and int(number) not in extras:
            message = Text(f"{key}: {said.vi}", f"{key}: {said.en}")
        else:
            message = said
        found.append((message, key))
    return found


def _leaf_text(error: BaseException, type_: Any) -> Text | None:
    if isinstance(error, KeyError):
        return None  # a required key that is not there: its name comes from the path
    if isinstance(error, cattrs.ForbiddenExtraKeysError):
        keys = ", ".join(sorted(error.extra_fields))
        return Text(f"không có khóa {keys}", f"unknown key(s) {keys}")
    if isinstance(error, CchcError):
        return error.text
    if isinstance(error, ValueError | TypeError) and str(error):
        return Text(str(error), str(error))
    name = getattr(type_, "__name__", type_)
    return Text(f"cần {name}", f"expected {name}")


def error_message(error: BaseException) -> Text:
    if isinstance(error, cattrs.BaseValidationError):
        found = [m for m, _ in validation_messages(error)]
        return Text("; ".join(m.vi for m in found), "; ".join(m.en for m in found))
    if isinstance(error, CchcError):
        return error.text
    return Text(str(error), str(error))
