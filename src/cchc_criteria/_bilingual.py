"""The two languages the library speaks, and a text kept in both.

This module sits at the bottom of the package (below `cchc_criteria.errors`, whose
errors carry a `Text`); `cchc_criteria.text` is its public home.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import attrs

__all__ = ["LANGS", "Lang", "LazyText", "Text"]

Lang = Literal["vi", "en"]
"""A language the library speaks: Vietnamese (the default everywhere) or English."""
LANGS: tuple[Lang, ...] = ("vi", "en")
"""Every `Lang`, Vietnamese first."""


@attrs.frozen
class Text:
    """A text in Vietnamese and English: ``vi`` is what a provincial office reads, ``en``
    what an integrator or a log reads. ``text.get(lang)`` picks one."""

    vi: str
    en: str

    def get(self, lang: Lang = "vi") -> str:
        """The text in ``lang``."""
        return self.en if lang == "en" else self.vi

    def __str__(self) -> str:
        return self.vi


class LazyText(Text):
    """A `Text` written when it is first read, one language at a time.

    ``make(lang, *args)`` returns the text in ``lang``. Scoring explains every node, and most
    explanations are never shown (a ranking reads the totals only), so they are built on
    demand: a report in Vietnamese never formats the English. ``make`` is best a function of
    the module (not a closure), so that a kept scorecard holds only the arguments. A lazy text
    equals, hashes and pickles as the plain `Text` it stands for.
    """

    __slots__ = ("_args", "_en", "_make", "_vi")
    _make: Callable[..., str]
    _args: tuple[object, ...]
    _vi: str | None
    _en: str | None

    def __init__(self, make: Callable[..., str], *args: object) -> None:
        object.__setattr__(self, "_make", make)
        object.__setattr__(self, "_args", args)
        object.__setattr__(self, "_vi", None)
        object.__setattr__(self, "_en", None)

    def get(self, lang: Lang = "vi") -> str:
        """The text in ``lang``, written the first time it is asked for."""
        slot = "_en" if lang == "en" else "_vi"
        made: str | None = getattr(self, slot)
        if made is None:
            made = self._make(lang, *self._args)
            object.__setattr__(self, slot, made)
        return made

    @property
    def vi(self) -> str:
        return self.get("vi")

    @property
    def en(self) -> str:
        return self.get("en")

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Text):
            return (self.vi, self.en) == (other.vi, other.en)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(Text(self.vi, self.en))

    def __repr__(self) -> str:
        return f"Text(vi={self.vi!r}, en={self.en!r})"

    def __reduce__(self) -> tuple[object, ...]:
        return (Text, (self.vi, self.en))
