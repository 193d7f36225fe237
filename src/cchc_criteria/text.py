"""Text the library reads and writes: NFC, folding, did-you-mean, two languages, terminals.

* `nfc` — every string in the model is kept in Unicode normal form C (and must be valid
  Unicode: a lone surrogate cannot be written to any file or terminal);
* `fold` — case, diacritics and spacing folded, so "Có" matches "co";
* `group_key` — the one key of a unit group however it is spelled ("Nhóm A", "a ");
* `suggest` — the known word a mistyped one most likely means;
* `Text` and `Lang` — the one way a message is kept in both languages;
* `printable` — control characters shown as escapes before text reaches a terminal;
* `shown` — any value as text for a message, never raising.
"""

from __future__ import annotations

import difflib
import html
import re
import unicodedata
from collections.abc import Iterable

from cchc_criteria._bilingual import LANGS, Lang, LazyText, Text
from cchc_criteria.errors import ArgumentError

__all__ = [
    "LANGS",
    "Lang",
    "LazyText",
    "Text",
    "fold",
    "group_key",
    "html_table",
    "nfc",
    "printable",
    "shown",
    "suggest",
]


def nfc(text: str) -> str:
    """``text`` in Unicode normal form C, the form every string in the model is kept in.

    `ArgumentError` if ``text`` is not a string or is not valid Unicode
    (a lone surrogate such as a JSON ``"\\ud800"`` cannot be written to any file or terminal).
    """
    if not isinstance(text, str):
        raise ArgumentError(
            f"expected a text, got {type(text).__name__} {shown(text, quoted=True):.60}"
        )
    if text.isascii():
        return text  # ASCII is in every normal form
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise ArgumentError(
            f"the text {shown(text, quoted=True):.60} has a lone surrogate "
            f"{text[error.start]!r} at position {error.start}: it is not valid Unicode"
        ) from None
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    """Fold case, diacritics and spacing, so "Có" matches "co" and "ĐÃ  công bố" "da cong bo"."""
    if text.isascii():
        return " ".join(text.lower().split())  # no diacritics; lower is casefold in ASCII
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


_GROUP_WORDS = ("nhom ", "group ")


def group_key(name: str) -> str:
    """The key every spelling of one unit group (nhóm) shares: case, diacritics and spacing
    folded, and a leading "Nhóm"/"Group" dropped, so "A", "a", "A " and "Nhóm A" are one
    group. Cohorts, rankings and conditions on the group all compare groups by this key."""
    key = fold(name)
    for word in _GROUP_WORDS:
        if key.startswith(word):
            return key[len(word) :]
    return key


def suggest(word: str, known: Iterable[str], *, n: int = 1, cutoff: float = 0.6) -> list[str]:
    """The ``known`` words closest to a mistyped ``word`` (difflib's ratio), best first."""
    return difflib.get_close_matches(word, list(known), n=n, cutoff=cutoff)


# C0 and C1 control characters (but the line feed and tab) and the bidirectional overrides
# that can make a terminal show other text than the file holds.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\u001b``), so that what
    a file holds cannot drive the terminal it is printed on. Inside a JSON string the escape
    means the same character, so printed JSON stays valid and equal."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def shown(value: object, *, quoted: bool = False) -> str:
    """``str(value)`` (``repr`` with ``quoted``) for a message, never raising: an integer past
    the 4,300 digits Python writes is shown by its size, anything else that cannot be written
    by its type."""
    if type(value) is int and value.bit_length() > 14_000:
        return f"<a whole number of about {round(value.bit_length() * 0.30103)} digits>"
    try:
        return repr(value) if quoted else str(value)
    except Exception:
        return f"<{type(value).__name__}>"


def html_table(headings: Iterable[str], rows: Iterable[Iterable[object]]) -> str:
    """A plain HTML table for a notebook, every cell escaped and left-aligned."""
    lines = ["<table>", "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in headings) + "</tr>"]
    for row in rows:
        cells = "".join(f"<td>{html.escape(str(cell))}</td>" for cell in row)
        lines.append(f'<tr style="text-align:left">{cells}</tr>')
    lines.append("</table>")
    return "\n".join(lines)
