"""**trend** — year over year (so với kỳ trước): "tỷ lệ giải ngân tăng so với năm trước: 1
điểm; không tăng: 0 điểm". The row scores bands over the change from the previous period's
figure to this period's (this − previous: percentage points for a rate). The unit gives both
(``{ value = "85%", previous = "80%" }``), or its figure alone with last period's
assessment beside it (`with_previous`, ``cchc score --previous FILE``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from cchc_criteria.dates import parse_period
from cchc_criteria.errors import CchcError, InvalidValueError
from cchc_criteria.model import NA, Assessment, Band, CriterionSet, Outcome, Scale
from cchc_criteria.numbers import decimal_of, format_number
from cchc_criteria.rules._answers import figure_text, read_exact, unexpected
from cchc_criteria.rules._scales import SCALE_SCHEMA, scale_hint
from cchc_criteria.rules.bands import BandRule, read_band, write_band
from cchc_criteria.rules.keys import choice_error
from cchc_criteria.rules.kinds import RuleKind
from cchc_criteria.text import Lang, LazyText, Text

__all__ = ["KIND", "TrendRule", "previous_of", "with_previous"]

_EXPECTED = Text(
    "số liệu kỳ này và kỳ trước: { value = …, previous = … }",
    "this period's figure and the previous one's: { value = …, previous = … }",
)


def _bands(value: Iterable[Band]) -> tuple[Band, ...]:
    bands = tuple(value)
    if not bands:
        raise InvalidValueError(
            Text(
                "quy tắc so với kỳ trước cần các khoảng theo mức thay đổi",
                "a trend rule needs bands over the change",
            )
        )
    return bands


@attrs.frozen
class TrendRule:
    """Bands over the change of a figure from the previous period.

    Attributes:
        bands: bands over the change, this period's figure less the previous one's (in
            percentage points for a rate): ``{ above = 0, points = 1 }`` is "up on last year".
        scale: the figure's scale in both periods (a rate in percent by default).
    """

    bands: tuple[Band, ...] = attrs.field(converter=_bands)
    scale: Scale = Scale.PERCENT

    def _by_change(self) -> BandRule:
        return BandRule(self.bands, Scale.NUMBER)

    def score(self, answer: object, max_points: Decimal) -> Outcome:
        """Score ``{ value = …, previous = … }``: the bands over value − previous."""
        if not isinstance(answer, Mapping) or set(answer) != {"value", "previous"}:
            return unexpected(answer, _EXPECTED)
        figures: list[Fraction] = []
        for key in ("value", "previous"):
            read = read_exact(answer[key], self.scale)
            if isinstance(read, Outcome):
                return attrs.evolve(read, figure=figure_text(answer))
            figures.append(Fraction(read))
        now, before = figures
        change = decimal_of(now - before)
        outcome = self._by_change().score(change, max_points)
        said = LazyText(
            _explain, decimal_of(now), decimal_of(before), change, self.scale, outcome.explanation
        )
        return attrs.evolve(outcome, value=change, figure=figure_text(answer), explanation=said)

    def points_range(self, max_points: Decimal) -> tuple[Decimal | None, Decimal | None]:
        """The bands' range."""
        return self._by_change().points_range(max_points)

    def describe(self, max_points: Decimal, *, lang: Lang = "vi") -> str:
        """The bands over the change."""
        bands = self._by_change().describe(max_points, lang=lang)
        if lang == "vi":
            return f"theo mức thay đổi so với kỳ trước (kỳ này − kỳ trước): {bands}"
        return f"by the change from the previous period (this − previous): {bands}"


def _explain(
    lang: Lang, now: Decimal, before: Decimal, change: Decimal, scale: Scale, by_change: Text
) -> str:
    unit = scale.symbol
    shown = [format_number(v, lang=lang, max_places=4) for v in (now, before)]
    delta = format_number(change, lang=lang, max_places=4)
    sign = "+" if change > 0 else ""
    if lang == "vi":
        return (
            f"kỳ này {shown[0]}{unit}, kỳ trước {shown[1]}{unit}: thay đổi {sign}{delta}; "
            f"{by_change.vi}"
        )
    return (
        f"this period {shown[0]}{unit}, the previous {shown[1]}{unit}: a change of "
        f"{sign}{delta}; {by_change.en}"
    )


def with_previous(
    criterion_set: CriterionSet, assessment: Assessment, previous: Assessment
) -> Assessment:
    """``assessment`` with the previous period's figures beside its own for every row of
    ``criterion_set`` scored by a trend rule: where the unit gives a figure alone and
    ``previous`` has one for the same criterion (by the set's code map to its predecessor,
    ``lineage``, when the row was renumbered; the ``value`` of last period's own table), the
    answer becomes ``{ value = …, previous = … }``. A row answered with both already, or
    without a previous figure, is left as it is (scoring then says what is missing).

    Args:
        criterion_set: the set whose trend rows are filled.
        assessment: this period's assessment.
        previous: the previous period's assessment of the same unit.

    Returns:
        A new assessment; ``assessment`` is left unchanged.
    """
    mapped = criterion_set.lineage.code_map if criterion_set.lineage is not None else {}
    answers = dict(assessment.answers)
    for criterion in criterion_set.walk():
        if not isinstance(criterion.rule, TrendRule):
            continue
        given = answers.get(criterion.code)
        if given is None or given is NA or isinstance(given, Mapping):
            continue
        old = mapped.get(criterion.code, (criterion.code,))
        before = previous.answers.get(old[0]) if len(old) == 1 else None
        if isinstance(before, Mapping):  # last period's own year-over-year table
            before = before.get("value")
        if before is None or before is NA or isinstance(before, Mapping):
            continue
        answers[criterion.code] = {"value": given, "previous": before}
    return attrs.evolve(assessment, answers=answers)


def previous_of(assessment: Assessment, candidates: Iterable[Assessment]) -> Assessment | None:
    """The unit's assessment of the period just before ``assessment``'s among ``candidates``
    (the same unit, a period that ends the day before this one starts and is as long, give
    or take the months' lengths: the month, quarter or year before); ``None`` when there is
    none, or when either period cannot be read.

    Args:
        assessment: this period's assessment.
        candidates: assessments to look among (other units and periods are passed over).

    Returns:
        The previous period's assessment of the same unit, or ``None``.
    """
    try:
        now = parse_period(assessment.period)
    except CchcError:
        return None
    length = (now.end - now.start).days
    for other in candidates:
        if other.unit != assessment.unit or other is assessment:
            continue
        try:
            then = parse_period(other.period)
        except CchcError:
            continue
        if (
            then.end == now.start - timedelta(days=1)
            and abs((then.end - then.start).days - length) <= 3
        ):
            return other
    return None


def _read(keys: Mapping[str, Any]) -> TrendRule:
    bands = keys.get("bands")
    if not isinstance(bands, list) or not bands:
        raise InvalidValueError(
            Text(
                "quy tắc so với kỳ trước cần bands = [ … ] theo mức thay đổi",
                "a trend rule needs bands = [ … ] over the change",
            )
        )
    scale = keys.get("scale", "percent")
    scales = {s.value: s for s in Scale}
    if scale not in scales:
        raise choice_error("scale", list(scales), scale)
    return TrendRule([read_band(b) for b in bands], scales[scale])


def _write(rule: TrendRule) -> dict[str, Any]:
    result: dict[str, Any] = {"bands": [write_band(b) for b in rule.bands]}
    if rule.scale is not Scale.PERCENT:
        result["scale"] = rule.scale.value
    return result


KIND = RuleKind(
    name="trend",
    rule_class=TrendRule,
    keys={"bands", "scale"},
    read=lambda keys, kinds: _read(keys),
    write=lambda rule, kinds: _write(rule),
    schema={
        "properties": {"scale": SCALE_SCHEMA},
        "required": ["bands"],
    },
    hint=lambda rule, max_points: (
        f"số liệu kỳ này và kỳ trước: {{ value = …, previous = … }} ({scale_hint(rule.scale)})"
    ),
    answer_keys=lambda rule: (frozenset({"value", "previous"}),) * 2,
    shape=lambda rule, max_points: rule._by_change().shape(max_points),
    pure=True,
)
"""The kind ``rule = "trend"``."""
