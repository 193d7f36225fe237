"""Findings and their catalogue: every code declared once, with both languages' messages.

A :class:`Finding` is something a person should look at in a scorecard or a set. It keeps its
code, where it is and the values it is about; its message is rendered from the catalogue in
Vietnamese or English when it is read (``finding.text.get(lang)``), so no message is written
anywhere but here. Make one with :func:`finding`::

    finding("held-to-max", "7.3.3", points=Decimal("1.5"), figure="15%", max=Decimal(1))

Numbers in the values are shown the way of each language (``1,5`` / ``1.5``); a value that is a
:class:`~cchc_criteria.text.Text` is shown in the language being rendered.
"""

from __future__ import annotations

import enum
import string
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType

import attrs

from cchc_criteria.errors import ArgumentError
from cchc_criteria.numbers import decimal_of, format_number
from cchc_criteria.text import Lang, Text, shown

__all__ = [
    "CATALOGUE",
    "FINDING_CODES",
    "LINT_CODES",
    "Category",
    "Finding",
    "FindingKind",
    "Severity",
    "finding",
]


class Severity(enum.StrEnum):
    """How much a finding matters: ``error`` (the score cannot be trusted), ``warning``,
    ``info``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Category(enum.StrEnum):
    """Where a finding comes from: scoring a unit's answers, or lint of the set as published."""

    SCORING = "scoring"
    LINT = "lint"


@attrs.frozen
class FindingKind:
    """One finding code of the catalogue.

    Attributes:
        code: the stable identifier (``"held-to-max"``); tools may match on it.
        severity: how much it matters.
        category: scoring or lint.
        messages: the message templates by variant ("" is the usual one), each a
            :class:`~cchc_criteria.text.Text` of ``str.format`` templates over named values.
        parts: optional fragments by name, each shown (in place of ``{name}``) only when every
            value it names is given.
        doc: the documentation page, relative to ``docs/``.
    """

    code: str
    severity: Severity
    category: Category
    messages: Mapping[str, Text]
    parts: Mapping[str, Text] = attrs.field(factory=dict)
    doc: str = ""

    def render(self, variant: str, values: Mapping[str, object], lang: Lang) -> str:
        """The message of ``variant`` in ``lang`` with ``values`` filled in."""
        shown = {name: _shown(value, lang) for name, value in values.items()}
        for name, part in self.parts.items():
            template = part.get(lang)
            needed = _fields(template)
            given = all(values.get(field) is not None for field in needed)
            shown[name] = template.format_map(shown) if given else ""
        return self.messages[variant].get(lang).format_map(shown)


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _shown(value: object, lang: Lang) -> object:
    if isinstance(value, Text):
        return value.get(lang)
    if isinstance(value, str | bool) or value is None:
        return value
    if isinstance(value, Fraction):
        value = decimal_of(value)
    if isinstance(value, Decimal | int):
        return format_number(value, lang=lang, max_places=4)
    return _Safe(value)


class _Safe:
    """A value a message names (an answer as given), written without ever raising."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __repr__(self) -> str:
        return shown(self.value, quoted=True)

    def __str__(self) -> str:
        return shown(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


@attrs.frozen
class Finding:
    """Something about a scorecard or a set that a person should look at.

    Attributes:
        code: a stable, documented identifier such as ``"no-band"`` (see :data:`CATALOGUE`).
        severity: ``error``, ``warning`` or ``info``.
        criterion: the code of the criterion concerned ("" for the whole set).
        variant: which of the code's messages applies ("" for the usual one).
        values: the values the message is about, as (name, value) pairs.
        band: the band (or option) concerned, 1-based in document order.
        value: the value concerned (the first value in a gap, above the max, …).
        acknowledged: the reason the set's own data gives for accepting this finding; an
            acknowledged finding is still shown but no longer fails a check.
    """

    code: str
    severity: Severity
    criterion: str
    variant: str = ""
    values: tuple[tuple[str, object], ...] = ()
    band: int | None = None
    value: Decimal | None = None
    acknowledged: str | None = None

    @property
    def text(self) -> Text:
        """The message in Vietnamese and English, rendered from the catalogue."""
        kind = CATALOGUE[self.code]
        values = dict(self.values)
        return Text(
            vi=kind.render(self.variant, values, "vi"), en=kind.render(self.variant, values, "en")
        )

    @property
    def message(self) -> str:
        """The message in English (``text.en``)."""
        return self.text.en

    @property
    def message_vi(self) -> str:
        """The message in Vietnamese (``text.vi``)."""
        return self.text.vi

    def __str__(self) -> str:
        where = f"{self.criterion}: " if self.criterion else ""
        note = f" (acknowledged: {self.acknowledged})" if self.acknowledged else ""
        return f"{self.severity} [{self.code}] {where}{self.message}{note}"


def finding(
    code: str,
    criterion: str = "",
    /,
    *,
    variant: str = "",
    band: int | None = None,
    value: Decimal | Fraction | None = None,
    **values: object,
) -> Finding:
    """A finding of the catalogue's ``code`` about ``criterion``, with its message's values.

    ``band`` and ``value`` are kept on the finding and are also values of the message.
    """
    kind = CATALOGUE.get(code)
    if kind is None:
        raise ArgumentError(f"no finding code {code!r} in the catalogue")
    if variant not in kind.messages:
        raise ArgumentError(f"finding {code!r} has no message variant {variant!r}")
    number = decimal_of(value) if isinstance(value, Fraction) else value
    if band is not None:
        values["band"] = band
    if number is not None:
        values.setdefault("value", number)
    return Finding(
        code, kind.severity, criterion, variant, tuple(sorted(values.items())), band, number
    )


_S, _L = Category.SCORING, Category.LINT
_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO


def _kind(
    code: str,
    severity: Severity,
    category: Category,
    messages: Mapping[str, tuple[str, str]],
    parts: Mapping[str, tuple[str, str]] | None = None,
) -> FindingKind:
    """A catalogue entry from (Vietnamese, English) template pairs."""
    doc = f"findings.md#{code}" if category is _S else f"lint/{code}.md"
    return FindingKind(
        code,
        severity,
        category,
        MappingProxyType({k: Text(vi, en) for k, (vi, en) in messages.items()}),
        MappingProxyType({k: Text(vi, en) for k, (vi, en) in (parts or {}).items()}),
        doc,
    )


_UNSCORED = ("tiêu chí chưa được chấm", "the criterion is left unscored")
# The declared scores a figure-based score is checked against: code prefix, Vietnamese, English.
_DECLARED = (
    ("self-assessed", "tự đánh giá", "self-assessed"),
    ("appraised", "thẩm định", "appraised"),
)

_KINDS = (
    # ------------------------------------------------------------------ scoring: answers
    _kind(
        "unanswered",
        _W,
        _S,
        {
            "": (
                "chưa kê khai: chưa được chấm, còn {max} điểm chưa xác định",
                "not answered: left unscored, {max} points open",
            )
        },
    ),
    _kind(
        "invalid-answer",
        _E,
        _S,
        {
            "": (
                "cần {expected}{alternative}: {error}",
                "expected {expected}{alternative}: {error}",
            ),
            "choice": (
                "cần một trong các lựa chọn {labels}, nhận được {answer!r}",
                "expected one of {labels}, got {answer!r}",
            ),
            "yes-no": (
                "cần Có hoặc Không (“{yes}” / “{no}”), nhận được {answer!r}",
                "expected yes or no (True / False, “Có” / “Không”, “{yes}” / “{no}”), "
                "got {answer!r}",
            ),
            "manual": (
                "cần điểm từ 0 đến {max}: {error}",
                "expected a score from 0 to {max}: {error}",
            ),
        },
    ),
    _kind(
        "out-of-domain",
        _E,
        _S,
        {
            "": (
                "{figure!r} cho {shown}{unit}, ngoài giá trị có thể ({span}); " + _UNSCORED[0],
                "{figure!r} gives {shown}{unit}, outside the possible values ({span}); "
                + _UNSCORED[1],
            ),
            "manual": (
                "điểm {points} ngoài khoảng 0 đến {max}; " + _UNSCORED[0],
                "a score of {points} is outside 0 to {max}; " + _UNSCORED[1],
            ),
        },
    ),
    _kind(
        "fraction-for-percent",
        _W,
        _S,
        {
            "": (
                "{answer!r} được hiểu là {shown} % như đã nhập; số liệu là tỷ lệ phần trăm, "
                'nếu ý là {meant} % thì ghi {meant} hoặc "{meant}%"',
                "{answer!r} was read as {shown} %, as typed; the figure is a percentage, "
                'so if {meant} % was meant, write {meant} or "{meant}%"',
            )
        },
    ),
    _kind(
        "unknown-band",
        _E,
        _S,
        {
            "": (
                "không có khoảng {ref!r}; các khoảng là: {labels}",
                "no band {ref!r}; the bands are: {labels}",
            )
        },
    ),
    _kind(
        "band-needs-figure",
        _W,
        _S,
        {
            "": (
                "đơn vị chỉ nêu khoảng {band} ({label!r}), điểm của khoảng này tính theo công "
                "thức từ số liệu{span}; cần kê khai số liệu để chấm",
                "the unit names band {band} ({label!r}), whose points depend on the figure by "
                "a formula{span}; give the figure to score it",
            )
        },
        {"span": (" (từ {least} đến {most})", " (from {least} to {most})")},
    ),
    _kind(
        "na-not-allowed",
        _E,
        _S,
        {
            "": (
                "tiêu chí này không được đánh giá là không áp dụng; cần kê khai số liệu",
                "this criterion cannot be marked not applicable; give its figure",
            )
        },
    ),
    _kind(
        "unknown-criterion",
        _E,
        _S,
        {
            "": (
                "{table} có mã {code!r} không thuộc bộ tiêu chí {set_id!r}{hint}",
                "{table} names {code!r}, which is not a criterion of {set_id!r}{hint}",
            )
        },
        {"hint": ("; có phải {suggestion!r}?", "; did you mean {suggestion!r}?")},
    ),
    _kind(
        "answer-for-group",
        _E,
        _S,
        {
            "": (
                "{code!r} là nhóm tiêu chí, điểm bằng tổng các tiêu chí thành phần; cần kê khai "
                "cho các tiêu chí thành phần (số liệu này bị bỏ qua)",
                "{code!r} is a group; its points are the sum of its sub-criteria, so answer "
                "those instead (the answer was ignored)",
            )
        },
    ),
    _kind(
        "needs-cohort",
        _W,
        _S,
        {
            "": (
                "điểm tính so với đơn vị tốt nhất: cần chấm cùng các đơn vị khác (cchc rank, "
                "cc.score_many) hoặc nêu giá trị tốt nhất ({{ value = …, best = … }}); chưa chấm",
                "points are relative to the best unit: score the cohort together (cchc rank, "
                "cc.score_many) or state the best figure ({{ value = …, best = … }}); unscored",
            )
        },
    ),
    _kind(
        "zero-reference",
        _W,
        _S,
        {
            "": (
                "{why}: theo bộ tiêu chí được {points} điểm",
                "{why}: the set awards {points} points",
            )
        },
    ),
    _kind(
        "missing-part",
        _E,
        _S,
        {
            "": (
                "thiếu {part!r}; dòng này cần {parts}; " + _UNSCORED[0],
                "{part!r} is missing; this row takes {parts}; " + _UNSCORED[1],
            ),
            "table": (
                "cần một bảng {parts}, nhận được {answer!r}",
                "expected a table {parts}, got {answer!r}",
            ),
        },
    ),
    _kind(
        "unknown-part",
        _E,
        _S,
        {
            "": (
                "{part!r} không thuộc dòng này; các phần là {parts}; " + _UNSCORED[0],
                "{part!r} is not part of this row; the parts are {parts}; " + _UNSCORED[1],
            )
        },
    ),
    _kind(
        "no-branch",
        _E,
        _S,
        {
            "": (
                "không có cách tính nào cho {condition} = {given!r}; các trường hợp: {branches}",
                "no rule for {condition} = {given!r}; the cases are: {branches}",
            )
        },
    ),
    _kind(
        "late-not-accepted",
        _W,
        _S,
        {
            "": (
                "gửi ngày {sent} sau ngày {limit}: không được tính, {points} điểm",
                "sent on {sent}, after {limit}: not accepted, {points} points",
            )
        },
    ),
    _kind(
        "period-outside-set",
        _W,
        _S,
        {
            "": (
                "kỳ đánh giá {period} nằm ngoài thời gian áp dụng của bộ tiêu chí ({in_force})",
                "the period assessed, {period}, is outside the set's period in force ({in_force})",
            )
        },
    ),
    _kind(
        "unknown-group",
        _W,
        _S,
        {
            "": (
                "nhóm {group!r} không phải một nhóm của bộ tiêu chí ({groups})",
                "the group {group!r} is not one of the set's groups ({groups})",
            )
        },
    ),
    # ------------------------------------------------------------------ scoring: the rule
    _kind(
        "no-band",
        _E,
        _S,
        {
            "": (
                "{shown}{unit} không thuộc khoảng nào của thang điểm đã ban hành ({bands}); "
                + _UNSCORED[0],
                "{shown}{unit} falls in none of the published bands ({bands}); " + _UNSCORED[1],
            )
        },
    ),
    _kind(
        "formula-error",
        _E,
        _S,
        {
            "": (
                "không tính được công thức của khoảng {band} tại {shown}{unit}: {reason}",
                "band {band}'s formula cannot be evaluated at {shown}{unit}: {reason}",
            )
        },
    ),
    _kind(
        "overlapping-bands",
        _W,
        _S,
        {
            "": (
                "{shown}{unit} thuộc khoảng {band} và cả khoảng {others}; đã dùng khoảng đứng "
                "trước",
                "{shown}{unit} falls in band {band} and also in band(s) {others}; the first in "
                "document order was used",
            )
        },
    ),
    _kind(
        "held-to-max",
        _W,
        _S,
        {
            "": (
                "cách tính điểm đã ban hành cho {points} điểm với {figure!r}, vượt điểm tối đa "
                "{max}; lấy {max} điểm",
                "the rule as published gives {points} for {figure!r}, more than the max {max}; "
                "held to {max}",
            )
        },
    ),
    _kind(
        "held-to-zero",
        _W,
        _S,
        {
            "": (
                "cách tính điểm đã ban hành cho {points} điểm với {figure!r}, nhỏ hơn 0; "
                "lấy 0 điểm",
                "the rule as published gives {points} for {figure!r}, less than 0; held to 0",
            )
        },
    ),
    _kind(
        "group-held",
        _W,
        _S,
        {
            "": (
                "tổng các tiêu chí thành phần là {sum}, vượt điểm tối đa {max}; lấy {max} điểm",
                "the sub-criteria add up to {sum}, more than the group's max {max}; held to {max}",
            ),
            "set": (
                "tổng các lĩnh vực là {sum}, vượt điểm tối đa {max}; tổng điểm được giữ ở mức "
                "tối đa",
                "the areas add up to {sum}, more than the set's max {max}; the total was held "
                "to the max",
            ),
        },
    ),
    _kind(
        "no-grade",
        _E,
        _S,
        {
            "": (
                "chỉ số {index} % không thuộc mức xếp loại nào của bộ tiêu chí",
                "an index of {index} % falls in none of the set's grade bands",
            )
        },
    ),
    # ------------------------------------------------------------------ scoring: declared
    *(
        _kind(
            f"{kind}-differs",
            _W,
            _S,
            {
                "": (
                    f"{vi} {{declared}} điểm, nhưng theo số liệu được {{points}} điểm",
                    f"{en} {{declared}}, but the figures give {{points}}",
                )
            },
        )
        for kind, vi, en in _DECLARED
    ),
    *(
        _kind(
            f"{kind}-missing",
            _I,
            _S,
            {
                "": (
                    f"không có điểm {vi}; theo số liệu được {{points}} điểm",
                    f"no {en} score declared; the figures give {{points}}",
                )
            },
        )
        for kind, vi, en in _DECLARED
    ),
    *(
        _kind(
            f"{kind}-unchecked",
            _I,
            _S,
            {
                "": (
                    f"chưa kiểm tra được điểm {vi} {{declared}}: số liệu kê khai chưa đủ để "
                    "tính điểm",
                    f"the {en} score {{declared}} cannot be checked: the figures do not "
                    "determine the points",
                )
            },
        )
        for kind, vi, en in _DECLARED
    ),
    _kind(
        "invalid-declared-score",
        _E,
        _S,
        {
            "": (
                "điểm {label} {raw!r} không phải là số: {error}",
                "the {label} score {raw!r} is not a number: {error}",
            )
        },
    ),
    _kind(
        "declared-score-out-of-range",
        _E,
        _S,
        {
            "": (
                "điểm {label} {declared} ngoài khoảng 0 đến điểm tối đa {max}",
                "the {label} score {declared} is outside 0 to the max {max}",
            )
        },
    ),
    # ------------------------------------------------------------------ lint: bands
    _kind(
        "band-gap",
        _E,
        _L,
        {
            "": (
                "giá trị {where} không thuộc khoảng nào: không chấm được",
                "values {where} fall in no band: the rule cannot score them",
            )
        },
    ),
    _kind(
        "band-overlap",
        _W,
        _L,
        {
            "": (
                "khoảng {first} và {band} cùng chứa {where}; khi chấm dùng khoảng {first}",
                "bands {first} and {band} both contain the values {where}; scoring uses "
                "band {first}",
            )
        },
    ),
    _kind(
        "band-unreachable",
        _W,
        _L,
        {
            "": (
                "khoảng {band} (“{label}”) không bao giờ được áp dụng: nằm ngoài giá trị có thể",
                "band {band} (“{label}”) can never apply: it lies outside the possible values",
            ),
            "covered": (
                "khoảng {band} (“{label}”) không bao giờ được áp dụng: các khoảng đứng trước đã "
                "chứa mọi giá trị của nó",
                "band {band} (“{label}”) can never apply: bands above it in the document cover "
                "all its values",
            ),
        },
    ),
    _kind(
        "award-above-max",
        _E,
        _L,
        {
            "": (
                "khoảng {band} cho điểm vượt điểm tối đa {max} {where} (đến {award})",
                "band {band} gives more than the max {max} {where} (up to {award})",
            ),
            "items": (
                "từ {items} trường hợp, cách tính cho {points} điểm, vượt điểm tối đa {max}",
                "from {items} items the rule gives {points}, more than the max {max}",
            ),
            "option": (
                "lựa chọn “{label}” cho {points} điểm, vượt điểm tối đa {max}",
                "option “{label}” gives {points}, more than the max {max}",
            ),
            "range": (
                "cách tính cho tối đa {points} điểm, vượt điểm tối đa {max}",
                "the rule can give up to {points}, more than the max {max}",
            ),
        },
    ),
    _kind(
        "award-below-zero",
        _E,
        _L,
        {
            "": (
                "khoảng {band} cho điểm âm {where} (đến {award})",
                "band {band} gives less than 0 {where} (down to {award})",
            ),
            "floor": (
                "mức sàn {floor} cho phép điểm âm",
                "the floor {floor} lets the criterion score below 0",
            ),
            "option": (
                "lựa chọn “{label}” cho {points} điểm, nhỏ hơn 0",
                "option “{label}” gives {points}, less than 0",
            ),
            "range": (
                "cách tính có thể cho {points} điểm, nhỏ hơn 0",
                "the rule can give {points}, less than 0",
            ),
        },
    ),
    _kind(
        "not-monotone",
        _W,
        _L,
        {
            "": (
                "từ {start}{unit} số liệu cao hơn lại được ít điểm hơn (khoảng {band})",
                "from {start}{unit} a higher figure scores fewer points (band {band})",
            ),
            "rises": (
                "trễ {at} ngày được {after} điểm, nhiều hơn {before} điểm khi trễ {earlier} ngày: "
                "gửi trễ hơn không được nhiều điểm hơn",
                "{at} days late scores {after}, more than {before} at {earlier} days: sending "
                "later must never earn more",
            ),
            "drop": (
                "tại {at}{unit} điểm giảm từ {before} xuống {after}: số liệu cao hơn lại được "
                "ít điểm hơn",
                "at {at}{unit} the award drops from {before} to {after}: a higher figure scores "
                "fewer points",
            ),
        },
    ),
    _kind(
        "band-jump",
        _I,
        _L,
        {
            "": (
                "tại {at}{unit} công thức của khoảng {previous} cho {before}, còn khoảng {band} "
                "cho {after}",
                "at {at}{unit} band {previous}'s formula has reached {before}, and band {band} "
                "gives {after}",
            )
        },
    ),
    _kind(
        "formula-not-linear",
        _I,
        _L,
        {
            "": (
                "công thức của khoảng {band} nhân hoặc chia cho số liệu; chỉ kiểm tra được "
                "theo cận",
                "band {band}'s formula multiplies or divides by the figure; its range is "
                "checked with bounds only",
            )
        },
    ),
    _kind(
        "label-collision",
        _E,
        _L,
        {
            "": (
                "khoảng {first} và {band} trùng tên khi bỏ dấu, hoa thường, khoảng trắng",
                "bands {first} and {band} have the same label once case, spaces and diacritics "
                "are folded: an answer naming it is ambiguous",
            ),
            "option": (
                "“{label}” và “{other}” trùng nhau khi bỏ dấu, hoa thường, khoảng trắng",
                "“{label}” and “{other}” are the same answer once case, spaces and diacritics "
                "are folded",
            ),
        },
    ),
    # ------------------------------------------------------------------ lint: the tree
    _kind(
        "max-not-sum",
        _E,
        _L,
        {
            "": (
                "điểm tối đa {max} khác tổng điểm tối đa các tiêu chí thành phần, {sum}",
                "the max {max} differs from the sum of its sub-criteria's max, {sum}",
            )
        },
    ),
    _kind(
        "duplicate-code",
        _E,
        _L,
        {
            "": (
                "mã {code!r} được dùng cho nhiều tiêu chí",
                "the code {code!r} is used by more than one criterion",
            )
        },
    ),
    _kind(
        "missing-parent",
        _E,
        _L,
        {
            "": (
                "theo mã, {code!r} thuộc {expected!r} nhưng bộ tiêu chí không có mã này; tiêu "
                "chí được đặt dưới {parent!r}",
                "by its code {code!r} belongs to {expected!r}, which is not in the set; it is "
                "published under {parent!r}",
            )
        },
    ),
    _kind(
        "code-typo",
        _W,
        _L,
        {
            "": (
                "mã {code!r} không phải dãy số cách nhau bởi dấu chấm{hint}",
                "the code {code!r} is not numbers separated by dots{hint}",
            ),
            "scheme": (
                "mã {code!r} không theo cách đánh mã của bộ tiêu chí ({scheme}){hint}",
                "the code {code!r} does not follow the set's code scheme ({scheme}){hint}",
            ),
        },
        {"hint": ("; có phải {suggestion!r}?", "; did you mean {suggestion!r}?")},
    ),
    _kind(
        "code-order",
        _W,
        _L,
        {
            "": (
                "{code!r} đứng sau một tiêu chí cùng cấp có mã lớn hơn hoặc bằng",
                "{code!r} comes after a sibling with a later or equal code",
            )
        },
    ),
    # ------------------------------------------------------------------ lint: grades
    _kind(
        "grade-gap",
        _E,
        _L,
        {
            "": (
                "chỉ số {where} không thuộc mức xếp loại nào",
                "an index {where} earns no grade",
            )
        },
    ),
    _kind(
        "grade-overlap",
        _E,
        _L,
        {
            "": (
                "chỉ số {where} thuộc cả {names}",
                "an index {where} earns both {names}",
            )
        },
    ),
)

#: Every finding code, declared once: severity, category, messages, docs page. Read-only.
CATALOGUE: Mapping[str, FindingKind] = MappingProxyType({k.code: k for k in _KINDS})

#: Every finding code scoring can report, with its severity (documented in
#: ``docs/findings.md``; the codes are stable: tools may match on them).
FINDING_CODES: Mapping[str, Severity] = MappingProxyType(
    {k.code: k.severity for k in _KINDS if k.category is Category.SCORING}
)

#: Every lint code with its severity; each is documented on its own page in ``docs/lint/``.
LINT_CODES: Mapping[str, Severity] = MappingProxyType(
    {k.code: k.severity for k in _KINDS if k.category is Category.LINT}
)
