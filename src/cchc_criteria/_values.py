"""Memoising pure functions of an answer: a key that tells a plain value apart from every
other, and the points a fast scorer gave for the answers a cohort repeats."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

__all__ = [
    "LONGEST_KEPT",
    "REMEMBERED",
    "keyed",
    "memo_key",
    "remember",
    "remembered",
    "small",
    "value_key",
]

REMEMBERED = 1024
"""The most answers whose points each fast scorer's memo keeps: a cohort gives the same "93,5",
"Có" or 4 again and again, and a percentage typed with one decimal has 1,001 values from 0 to
100, which fit (on the national benchmark set, about 4 MiB after 4,000 units)."""
LONGEST_KEPT = 256
"""The longest text (and the widest whole number, in digits) an answer's memo keeps: a memo
outlives the unit, and must not keep a careless or hostile unit's megabytes alive."""
_WIDEST: int = 10**LONGEST_KEPT
_MISSING = Decimal("NaN")  # by identity: no fast scorer gives this very object
_KEYS: dict[type, Callable[[Any], Hashable | None]] = {}
_BY_TEXT = (bool, float, Decimal, date, datetime)  # keyed by type and text (`memo_key`)


def keyed(kind: type, key: Callable[[Any], Hashable | None]) -> None:
    """Tell `memo_key` (and so `value_key` and `remembered`) how to key answers of
    ``kind``, a type of answer defined above this module (`model.ChosenBand` registers
    itself): ``key`` gives a key equal only for answers that score alike, or ``None`` for
    one that cannot be keyed."""
    _KEYS[kind] = key


def remembered(
    fast: Callable[[object], Decimal | None], seen: dict[object, Decimal | None], answer: object
) -> Decimal | None:
    """``fast(answer)``, remembered in ``seen`` (at most `REMEMBERED` answers) by the
    answer's `memo_key`."""
    kind = type(answer)
    if kind is str or kind is int:
        key: object = answer  # memo_key's first case, without the call
    else:
        key = memo_key(answer)
        if key is None:
            return fast(answer)
    got = seen.get(key, _MISSING)
    if got is _MISSING:
        got = fast(answer)
        if len(seen) < REMEMBERED and small(key):
            seen[key] = got
    return got


def remember(seen: dict[object, Decimal | None], answer: object, points: Decimal) -> None:
    """Keep ``points`` in ``seen`` as ``answer``'s, as `remembered` keeps a fast scorer's
    (the points scoring gave an answer its fast scorer left to it, with nothing more to
    say): the next unit that gives it reads them from the memo."""
    key = memo_key(answer)
    if key is not None and small(key) and (key in seen or len(seen) < REMEMBERED):
        seen[key] = points


def memo_key(answer: object) -> Hashable | None:
    """The key of one answer in a memo: a text or a whole number itself; yes/no, a
    ``float``, a ``Decimal`` or a date by its type and text; an answer of a type registered
    with `keyed` by its key; ``None`` for any other (a table or a list: `value_key`). No
    answer stands for an equal one of another type or written otherwise, which may score
    differently (``True == 1``, ``Decimal("1.0") == 1``, ``-0.0 == 0.0``); an int is its
    own key (its text may be too long to write)."""
    kind = type(answer)
    if kind is str or kind is int:
        return answer  # neither equals a key of another type kept here
    if kind in _BY_TEXT:
        return kind, str(answer)
    made = _KEYS.get(kind)
    return None if made is None else made(answer)


def small(key: object) -> bool:
    """Whether a memo may keep ``key`` (an answer, or its `value_key`): every text in it at
    most `LONGEST_KEPT` characters, every whole number at most as many digits. Told only
    when an answer is first seen, so a memo's hits pay nothing for it."""
    if isinstance(key, str):
        return len(key) <= LONGEST_KEPT
    if isinstance(key, int):
        return -_WIDEST < key < _WIDEST
    if isinstance(key, tuple):
        return all(small(part) for part in key)
    return True


def value_key(value: object) -> Hashable | None:
    """A hashable key equal only for the same value written the same way, or ``None`` when
    ``value`` is not plain data (text, numbers, yes/no, dates, and tables and lists of them):
    one value's `memo_key`, a table told by its names and values in order, a list by its
    values."""
    kind = type(value)
    if kind is dict:
        assert isinstance(value, dict)
        items = []
        for name, item in value.items():
            key = value_key(item)
            if key is None or type(name) is not str:
                return None
            items.append((name, key))
        return dict, tuple(items)
    if kind is list:
        assert isinstance(value, list)
        keys = []
        for item in value:
            key = value_key(item)
            if key is None:
                return None
            keys.append(key)
        return list, tuple(keys)
    return memo_key(value)
