"""The scorecard and rankings as CSV: one row per criterion (or unit).

Two dialects: ``"rfc4180"`` (the default, for programs: commas, numbers with a dot, UTF-8)
and ``"excel"`` (for Excel on a Vietnamese system, which reads a CSV with the system's list
separator and decimal separator: UTF-8 with a byte-order mark so the diacritics survive,
``;`` between cells, numbers with a decimal comma). Numbers come out in one canonical form,
without an exponent or trailing zeros. As everywhere in the library, ``points`` and ``index``
are exact and ``points_display`` and ``index_display`` rounded as the set says (else to two
decimals). The header row holds the columns' keys (``headers="keys"``), or their headings in
the report's language (``headers="lang"``, as ``cchc`` writes it).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Literal

from cchc_criteria.errors import ArgumentError
from cchc_criteria.reports.data import Ranked, plain, ranking_areas
from cchc_criteria.scoring import Scorecard, rounded_index
from cchc_criteria.text import Lang

if TYPE_CHECKING:
    from cchc_criteria.analysis.compare import Comparison

__all__ = [
    "CSV_COLUMNS",
    "DIALECTS",
    "HEADINGS_VI",
    "Dialect",
    "Headers",
    "csv_text",
    "ranking_csv_rows",
    "render_comparison_csv",
    "render_csv",
    "render_ranking_csv",
]

Dialect = Literal["rfc4180", "excel"]
"""The CSV dialects: for programs (RFC 4180) and for Excel in a Vietnamese locale."""
DIALECTS: tuple[Dialect, ...] = ("rfc4180", "excel")

CSV_COLUMNS = (
    "code",
    "title",
    "depth",
    "leaf",
    "max_points",
    "published_max",
    "points",
    "points_display",
    "index",
    "index_display",
    "self_assessed",
    "appraised",
    "figure",
    "matched",
    "complete",
    "applicable",
    "explanation",
)
"""The columns, in order (the header row uses these names)."""


Headers = Literal["keys", "lang"]
"""What the header row names a column by: its key (``"keys"``, the default: stable names for
programs, whatever the language) or its heading in the report's language (``"lang"``: in
Vietnamese, `HEADINGS_VI`, and yes/no as "có"/"không"), as ``cchc`` writes it."""

HEADINGS_VI: dict[str, str] = {
    "code": "STT",
    "title": "Tiêu chí",
    "depth": "Cấp",
    "leaf": "Tiêu chí thành phần",
    "max_points": "Điểm tối đa tính",
    "published_max": "Điểm tối đa",
    "points": "Điểm (chính xác)",
    "points_display": "Điểm",
    "index": "Chỉ số (chính xác)",
    "index_display": "Chỉ số (%)",
    "self_assessed": "Điểm tự đánh giá",
    "appraised": "Điểm thẩm định",
    "figure": "Số liệu kê khai",
    "matched": "Khoảng áp dụng",
    "complete": "Đầy đủ",
    "applicable": "Áp dụng",
    "explanation": "Giải thích",
    "group": "Nhóm",
    "rank": "Hạng",
    "unit": "Đơn vị",
    "source": "Tệp",
    "grade": "Xếp loại",
    "accepted": "Được công nhận",
    "max_before": "Tối đa (trước)",
    "max_after": "Tối đa (sau)",
    "before": "Trước",
    "after": "Sau",
    "difference": "Chênh lệch",
    "note": "Ghi chú",
}
"""The Vietnamese heading of every CSV column (scorecard, ranking and comparison)."""
_YES_NO = {"vi": ("có", "không"), "en": ("yes", "no")}


def _words(lang: Lang, headers: Headers) -> tuple[Callable[[str], str], tuple[str, str]]:
    """How the header row names a column, and how a yes/no cell reads."""
    if headers not in ("keys", "lang"):
        raise ArgumentError(f"headers is 'keys' or 'lang', got {headers!r}")
    if headers == "lang" and lang == "vi":

        def heading(key: str) -> str:
            if key.startswith("index_display_"):
                return f"Chỉ số {key.removeprefix('index_display_')} (%)"
            return HEADINGS_VI[key]

        return heading, _YES_NO["vi"]
    return str, _YES_NO["en"]


# A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV
# injection"); text that does is written with a leading apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_text(text: str) -> str:
    """``text`` made safe for a CSV cell that a spreadsheet may open: a cell that would start
    a formula (``=HYPERLINK(…)``, ``@SUM(…)``, ``+1``, ``-1``) gets a leading apostrophe, and
    a carriage return is a line feed, so that the cell is quoted and stays one cell (a bare CR
    would end the row for a reader, and what follows it would start a new cell unguarded)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "'" + text if text.startswith(_FORMULA_START) else text


class _Writer:
    """A CSV writer of one dialect: its separators and how it writes a number."""

    def __init__(self, dialect: str) -> None:
        if dialect not in DIALECTS:
            raise ArgumentError(f"no CSV dialect {dialect!r}; there are: {', '.join(DIALECTS)}")
        self.excel = dialect == "excel"
        self.out = io.StringIO()
        if self.excel:
            self.out.write("\ufeff")  # the byte-order mark: Excel then reads UTF-8
        # Excel writes CRLF and reads either; programs get the plain newline.
        self.writer = csv.writer(
            self.out, delimiter=";" if self.excel else ",", lineterminator="\n"
        )

    def cell(self, value: object) -> object:
        if value is None:
            return ""
        if isinstance(value, Decimal):
            text = plain(value)  # numbers are numbers: "-0.5" is not neutralised
            return text.replace(".", ",") if self.excel else text
        return csv_text(value) if isinstance(value, str) else value

    def row(self, values: Sequence[object]) -> None:
        self.writer.writerow([self.cell(v) for v in values])

    def text(self) -> str:
        return self.out.getvalue()

    def take(self) -> str:
        """What was written since the last take (the rows of a streamed report)."""
        text = self.out.getvalue()
        self.out.seek(0)
        self.out.truncate()
        return text


def render_csv(
    card: Scorecard,
    *,
    lang: Lang = "vi",
    dialect: Dialect = "rfc4180",
    headers: Headers = "keys",
) -> str:
    """One row per node. In the default dialect numbers are exact decimals with a dot so that
    any tool reads them; ``dialect="excel"`` writes what Excel in a Vietnamese locale opens.
    ``headers="lang"`` names the columns in ``lang`` (see `Headers`)."""
    heading, (yes, no) = _words(lang, headers)
    out = _Writer(dialect)
    policy = card.criterion_set.rounding
    out.row([heading(c) for c in CSV_COLUMNS])
    for node in card:
        values = {
            "code": node.code,
            "title": node.title,
            "depth": node.depth,
            "leaf": yes if node.is_leaf else no,
            "max_points": node.max_points,
            "published_max": node.published_max,
            "points": node.points,
            "points_display": node.points_display,
            "index": node.index,
            "index_display": rounded_index(node.index, policy),
            "self_assessed": node.self_assessed,
            "appraised": node.appraised,
            "figure": node.figure,
            "matched": node.matched,
            "complete": yes if node.complete else no,
            "applicable": yes if node.applicable else no,
            "explanation": node.explanation.get(lang),
        }
        out.row([values[c] for c in CSV_COLUMNS])
    return out.text()


def render_ranking_csv(
    ranking: Sequence[Ranked],
    *,
    lang: Lang = "vi",
    dialect: Dialect = "rfc4180",
    headers: Headers = "keys",
) -> str:
    """One row per unit: group, rank, unit, source, totals, index (exact and rounded), grade,
    index of every area (rounded: ``index_display_<code>``)."""
    return "".join(ranking_csv_rows(ranking, lang=lang, dialect=dialect, headers=headers))


def ranking_csv_rows(
    ranking: Sequence[Ranked],
    *,
    lang: Lang = "vi",
    dialect: Dialect = "rfc4180",
    headers: Headers = "keys",
) -> Iterator[str]:
    """`render_ranking_csv` row by row (the header first), for writing a ranking of
    tens of thousands of units without holding its text whole."""
    heading, (yes, no) = _words(lang, headers)
    areas = ranking_areas(ranking)
    out = _Writer(dialect)
    keys = [
        "group",
        "rank",
        "unit",
        "source",
        "points",
        "max_points",
        "index",
        "index_display",
        "grade",
        "complete",
        "accepted",
        *(f"index_display_{c}" for c in areas),
    ]
    out.row([heading(key) for key in keys])
    yield out.take()
    for entry in ranking:
        card = entry.standing
        policy = card.criterion_set.rounding
        out.row(
            [
                entry.group,
                entry.rank,
                card.unit or entry.source,
                entry.source,
                card.points,
                card.max_points,
                card.index,
                rounded_index(card.index, policy),
                card.grade,
                yes if card.complete else no,
                yes if card.accepted else no,
                *(rounded_index(card.area(c), policy) for c in areas),
            ]
        )
        yield out.take()


def render_comparison_csv(
    comparison: Comparison,
    *,
    lang: Lang = "vi",
    dialect: Dialect = "rfc4180",
    headers: Headers = "keys",
) -> str:
    """One row per compared criterion: code, both maxes, before, after, difference, note (in
    English with the keys' header row, else in ``lang``)."""
    heading, _ = _words(lang, headers)
    out = _Writer(dialect)
    keys = ["code", "max_before", "max_after", "before", "after", "difference", "note"]
    out.row([heading(key) for key in keys])
    for line in comparison.lines:
        out.row(
            [
                line.code,
                line.max_before,
                line.max_after,
                line.before,
                line.after,
                line.difference,
                line.note.get(lang) if headers == "lang" else line.note.en,
            ]
        )
    return out.text()
