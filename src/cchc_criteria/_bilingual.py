"""The two languages the library speaks, and a text kept in both.

This module sits at the bottom of the package (below :mod:`cchc_criteria.errors`, whose
errors carry a :class:`Text`); :mod:`cchc_criteria.text` is its public home.
"""

from __future__ import annotations

from typing import Literal

import attrs

__all__ = ["LANGS", "Lang", "Text"]

#: A language the library speaks: Vietnamese (the default everywhere) or English.
Lang = Literal["vi", "en"]
#: Every :data:`Lang`, Vietnamese first.
LANGS: tuple[Lang, ...] = ("vi", "en")


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
