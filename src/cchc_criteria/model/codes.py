"""How a set writes its criterion codes, level by level (the STT column).

Most sets write dotted numbers ("7", "7.1", "7.1.2"). Many Vietnamese tables put Roman parts
above them ("I", "II", then "1", "1.1"), or letters ("a", "b") below. A set declares its scheme,
one name per level from the top (the last one serving every deeper level):
``code_scheme = ["roman", "dotted"]``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["SCHEMES", "level_of", "matches", "sort_key"]

SCHEMES: dict[str, re.Pattern[str]] = {
    "dotted": re.compile(r"\d+(?:\.\d+)*"),
    "number": re.compile(r"\d+"),
    "roman": re.compile(r"(?=[IVXLC])C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"),
    "letter": re.compile(r"[A-Za-z]"),
}
"""The ways a level's codes may be written."""
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def matches(code: str, scheme: str) -> bool:
    """Whether ``code`` is written as ``scheme`` says."""
    return SCHEMES[scheme].fullmatch(code) is not None


def level_of(code: str, levels: Sequence[str]) -> int | None:
    """The first level (0 = the top) whose scheme ``code`` is written in, if any."""
    return next((i for i, scheme in enumerate(levels) if matches(code, scheme)), None)


def sort_key(code: str, levels: Sequence[str]) -> tuple[int, ...] | None:
    """A key that orders siblings as the scheme counts (II after I, 10 after 9, b after a); a
    comma typed for a dot ("7,4") counts as the dot."""
    code = code.replace(",", ".")
    level = level_of(code, levels)
    if level is None:
        return None
    scheme = levels[level]
    if scheme in ("dotted", "number"):
        return tuple(int(part) for part in code.split("."))
    if scheme == "letter":
        return (ord(code.lower()),)
    total = 0
    for position, char in enumerate(code):
        value = _ROMAN[char]
        following = _ROMAN[code[position + 1]] if position + 1 < len(code) else 0
        total += -value if value < following else value
    return (total,)
