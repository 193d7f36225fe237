"""Memoising pure functions of an answer: a key that tells a plain value apart from every
other, and the points a fast scorer gave for the answers typed as text or whole numbers."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date, datetime
from decimal import Decimal

__all__ = ["REMEMBERED", "remembered", "value_key"]

REMEMBERED = 512
"""The most answers typed as text or whole numbers whose points each fast scorer's memo keeps (a
cohort gives the same "93,5", "Có" or 4 again and again)."""
_MISSING = Decimal("NaN")  # by identity: no fast scorer gives this very object


def remembered(
    fast: Callable[[object], Decimal | None], seen: dict[object, Decimal | None], answer: object
) -> Decimal | None:
    """``fast(answer)``, remembered in ``seen`` for answers typed as text or whole numbers
    (at most `REMEMBERED`). Only those: neither is equal to a value of another type
    that scores differently (``True == 1``, ``Decimal("1") == 1`` are kept out)."""
    if type(answer) is str or type(answer) is int:
        got = seen.get(answer, _MISSING)
        if got is _MISSING:
            got = fast(answer)
            if len(seen) < REMEMBERED:
                seen[answer] = got
        return got
    return fast(answer)


_SCALARS = (str, bool, int, float, Decimal, date, datetime)


def value_key(value: object) -> Hashable | None:
    """A hashable key equal only for the same value written the same way, or ``None`` when
    ``value`` is not plain data (text, numbers, yes/no, dates, and tables and lists of them).

    The type keeps ``True`` apart from ``1`` and ``1.0``; the text keeps ``Decimal("1.0")``
    apart from ``Decimal("1")`` and ``-0.0`` apart from ``0.0``, which read differently. A
    table is told by its names and values in order.
    """
    kind = type(value)
    if kind is int:
        return kind, value  # an int is its own key (its text may be too long to write)
    if kind in _SCALARS:
        return kind, str(value)
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
    return None
