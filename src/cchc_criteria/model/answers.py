"""A unit's answers: not applicable, a chosen band, an assessment."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from cchc_criteria._values import keyed, value_key
from cchc_criteria.errors import ArgumentError
from cchc_criteria.model.enums import NA
from cchc_criteria.numbers import to_decimal
from cchc_criteria.text import nfc, shown

__all__ = ["Assessment", "ChosenBand"]


def _band_ref(ref: int | str) -> int | str:
    if isinstance(ref, bool) or not isinstance(ref, int | str):
        raise ArgumentError(
            f"ChosenBand takes a band's number (1, 2, …) or its label, got {type(ref).__name__}"
        )
    return nfc(ref) if isinstance(ref, str) else ref


@attrs.frozen
class ChosenBand:
    """An answer that names the band a unit reached instead of giving the figure.

    ``ref`` is the band's 1-based position in the rule or its published label. Where the band
    awards a formula, the points cannot be known without the figure. ``figure``, when the unit
    gives one beside the band (a workbook with both columns filled), is what is scored; a band
    it does not fall in is a ``band-contradicts-figure`` finding, never silently dropped.
    """

    ref: int | str = attrs.field(converter=_band_ref)
    figure: object = attrs.field(default=None, kw_only=True)


def _band_key(answer: ChosenBand) -> Hashable | None:
    """A named band's memo key: the band named (a number or a label, by type) and the figure
    given beside it, keyed as any answer (`value_key`); ``None`` when the figure has none."""
    figure = answer.figure
    figure_key = None if figure is None else value_key(figure)
    if figure is not None and figure_key is None:
        return None
    return ChosenBand, value_key(answer.ref), figure_key


keyed(ChosenBand, _band_key)


@attrs.frozen
class GivenPoints:
    """An answer that gives a leaf's points directly, whatever its rule: what-if analysis
    ("what if this criterion had its max?", ``Scorecard.with_points``). Held to [0, max] as
    any points are; never read from a file."""

    points: Decimal = attrs.field(converter=to_decimal)


def _nfc_keys(mapping: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(mapping, Mapping):
        raise ArgumentError(
            "expected a mapping of criterion codes such as {'7.1.2': …}, got "
            f"{type(mapping).__name__} {shown(mapping, quoted=True):.60}"
        )
    result: dict[str, Any] = {}
    for key, value in mapping.items():
        if not isinstance(key, str):
            raise ArgumentError(
                'criterion codes are texts such as "7.1.2", got '
                f"{type(key).__name__} {shown(key, quoted=True):.60}"
            )
        result[nfc(key)] = value
    return result


def _ascii_codes(mapping: dict[Any, Any]) -> bool:
    """Whether every key of ``mapping`` is a plain ASCII text (told in one pass)."""
    try:
        return "".join(mapping).isascii()
    except TypeError:  # a key that is not a text: _nfc_keys says so
        return False


def _nfc_texts(mapping: Mapping[str, Any]) -> dict[str, Any]:
    """Keys and text values in NFC (answers and explanations typed by people)."""
    if isinstance(mapping, dict) and _ascii_codes(mapping):
        # Plain codes ("7.1.2") are NFC already: only the texts among the values may not be.
        return {
            key: nfc(value) if isinstance(value, str) and not value.isascii() else value
            for key, value in mapping.items()
        }
    return {key: nfc(v) if isinstance(v, str) else v for key, v in _nfc_keys(mapping).items()}


def _answers(mapping: Mapping[str, Any]) -> dict[str, Any]:
    """The answers in NFC, each checked to be of a kind a rule reads: an object of any other
    kind (one whose ``str`` raises, say) is refused here, not met deep inside a rule. A table
    or list is taken as it is: what a rule says about its contents is written with
    `shown`, which never raises."""
    answers = _nfc_texts(mapping)
    if not _PLAIN.issuperset(map(type, answers.values())):  # the common case, told at once
        for code, value in answers.items():
            if type(value) not in _PLAIN and not isinstance(value, _KINDS):
                raise _unreadable(code, value)
    return answers


def _unreadable(code: str, value: object) -> ArgumentError:
    return ArgumentError(
        f"the answer for {code!r} is a {type(value).__name__}: an answer is a number, "
        'a text ("93%", "3/41", "Có"), True/False, a date, NA, a ChosenBand, or a '
        "table (dict) or list of those"
    )


# The kinds of answer a rule reads, by exact type (one set look-up), then with subclasses.
_PLAIN = frozenset(
    {str, int, float, Decimal, Fraction, bool, date, datetime, type(None), type(NA)}
    | {ChosenBand, GivenPoints, dict, list, tuple}
)
_KINDS = (str, int, float, Decimal, Fraction, date, ChosenBand, GivenPoints, Mapping, list, tuple)


def _evidence(mapping: Mapping[str, Any]) -> dict[str, tuple[str, ...]]:
    result: dict[str, tuple[str, ...]] = {}
    for key, value in _nfc_keys(mapping).items():
        items = (value,) if isinstance(value, str) else value
        if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
            raise ArgumentError(
                f"evidence for {key!r} is a text or a list of texts, got "
                f"{type(value).__name__} {shown(value, quoted=True):.60}"
            )
        result[key] = tuple(nfc(item) for item in items)
    return result


def _optional_text(value: str | None) -> str | None:
    return None if value is None else nfc(value)


@attrs.frozen(eq=True, hash=False)
class Assessment:
    """One unit's declared figures and scores against one criterion set.

    Attributes:
        answers: declared figures (số liệu kê khai) by criterion code: a number, a rate
            ("93%", "3/41"), ``True``/``False`` or "Có"/"Không", an option's label,
            a `ChosenBand`, or `NA`.
        set_id: the id of the set the assessment is for.
        unit: the unit assessed ("Sở Giáo dục và Đào tạo").
        period: the period assessed ("2019").
        group: the unit group it is ranked within (nhóm), "" when there is one.
        self_assessed: the unit's own score per criterion code (điểm tự đánh giá), as declared.
        appraised: the appraisal council's score per code (điểm thẩm định), as declared.
        evidence: references to evidence per code (tài liệu kiểm chứng).
        explanations: the unit's explanation per code (giải trình).
        source: the file the assessment was read from, if any (not part of equality).
    """

    answers: Mapping[str, object] = attrs.field(factory=dict, converter=_answers)
    set_id: str | None = attrs.field(default=None, converter=_optional_text)
    unit: str = attrs.field(default="", converter=nfc)
    period: str = attrs.field(default="", converter=nfc)
    group: str = attrs.field(default="", converter=nfc)
    self_assessed: Mapping[str, object] = attrs.field(factory=dict, converter=_nfc_keys)
    appraised: Mapping[str, object] = attrs.field(factory=dict, converter=_nfc_keys)
    evidence: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict, converter=_evidence)
    explanations: Mapping[str, str] = attrs.field(factory=dict, converter=_nfc_texts)
    source: str | None = attrs.field(default=None, eq=False, converter=_optional_text)
