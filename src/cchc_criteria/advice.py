"""Advice: where a unit's next points are, computed exactly from the band edges.

``advise(scorecard)`` looks at every criterion below its max and finds the smallest change of
the declared figure that earns more points (the next band up), or — where the award rises
continuously with the figure — the figure at which it reaches the most it can. Nothing is
searched or sampled: the targets come from the rule's exact shape
(:mod:`cchc_criteria.analysis.shape`).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

from cchc_criteria.analysis.shape import Part, shape_of
from cchc_criteria.errors import CchcError
from cchc_criteria.model import Assessment, ChosenBand, Criterion, Scale
from cchc_criteria.numbers import decimal_of, format_number
from cchc_criteria.rules import (
    BandRule,
    ChoiceRule,
    DeductionRule,
    PerItemRule,
    ProportionalRule,
    YesNoRule,
)
from cchc_criteria.rules._answers import fold, read_quantity
from cchc_criteria.scoring import NodeScore, Scorecard, score

__all__ = ["Advice", "AdviceStep", "advise"]


@attrs.frozen
class AdviceStep:
    """One advised change for one criterion.

    Attributes:
        criterion: the criterion's code.
        kind: ``raise`` (raise the figure), ``lower`` (lower a count of events), or ``answer``
            (give another yes/no answer or verdict).
        current: the answer as given.
        target: the new answer to give (a figure in the rule's scale, or a label).
        exclusive: True when the figure must go *above* ``target`` ("trên X").
        gain: the points it earns, held to the criterion's max.
        continuous: True when the award rises all along the way (a formula): any part of the
            change earns part of the gain; False when it is a step that a smaller change misses.
        message, message_vi: the step in words.
    """

    criterion: str
    kind: str
    current: object
    target: object
    exclusive: bool
    gain: Decimal
    message: str
    message_vi: str
    continuous: bool = False


@attrs.frozen
class Advice:
    """Every advised step, most points first, and where they lead.

    Attributes:
        steps: the steps, sorted by points gained (then by code).
        points: the scorecard's total now.
        reachable: the total after taking every step (rescored, so group caps apply).
        answers: the answers with every step taken.
    """

    steps: tuple[AdviceStep, ...]
    points: Decimal
    reachable: Decimal
    answers: Assessment


def advise(card: Scorecard) -> Advice:
    """Where the unit of ``card`` can earn more points, criterion by criterion."""
    steps: list[AdviceStep] = []
    for node in card:
        criterion = card.criterion_set.find(node.code)
        if criterion is None or criterion.rule is None or node.points is None:
            continue
        if not node.applicable or node.points >= node.max_points:
            continue
        answer = card.assessment.answers.get(node.code)
        step = _step(criterion, node, answer)
        if step is not None:
            steps.append(step)
    steps.sort(key=lambda s: (-s.gain, s.criterion))
    changed = {**card.assessment.answers, **{s.criterion: _as_answer(s) for s in steps}}
    improved = attrs.evolve(card.assessment, answers=changed)
    return Advice(tuple(steps), card.points, score(card.criterion_set, improved).points, improved)


def _as_answer(step: AdviceStep) -> object:
    target = step.target
    if isinstance(target, Fraction):
        value = target
        if step.exclusive:
            value = target + Fraction(1, 1000)
        as_decimal = decimal_of(value)
        return as_decimal if Fraction(as_decimal) == value else value
    return target


def _held(value: Fraction, maximum: Decimal) -> Fraction:
    return min(max(value, Fraction(0)), Fraction(maximum))


def _step(criterion: Criterion, node: NodeScore, answer: object) -> AdviceStep | None:
    rule = criterion.rule
    assert node.points is not None
    if isinstance(rule, BandRule) and not isinstance(answer, ChosenBand):
        return _band_step(criterion, rule, node, answer)
    if isinstance(rule, ProportionalRule):
        top = Fraction(100) if rule.scale is Scale.PERCENT else Fraction(1)
        step = _figure_step(
            criterion,
            node,
            answer,
            "raise",
            top,
            False,
            node.max_points - node.points,
            rule.scale,
        )
        return attrs.evolve(step, continuous=True)
    if isinstance(rule, PerItemRule) and rule.points_per_item > 0:
        count = read_quantity(answer, Scale.COUNT)
        gain = (
            min(
                node.points + rule.points_per_item,
                node.max_points,
                rule.cap if rule.cap is not None else node.max_points,
            )
            - node.points
        )
        if gain > 0:
            return _figure_step(
                criterion, node, answer, "raise", count + 1, False, gain, Scale.COUNT
            )
    if isinstance(rule, DeductionRule):
        count = read_quantity(answer, Scale.COUNT)
        if count > 0:
            after = max(criterion.max_points - rule.points_per_event * (int(count) - 1), rule.floor)
            gain = min(after, node.max_points) - node.points
            if gain > 0:
                return _figure_step(
                    criterion, node, answer, "lower", count - 1, False, gain, Scale.COUNT
                )
    if isinstance(rule, YesNoRule | ChoiceRule):
        options = (rule.yes, rule.no) if isinstance(rule, YesNoRule) else rule.options
        gains = [
            (
                decimal_of(
                    _held(o.award.exact(Fraction(0), criterion.max_points), criterion.max_points)
                )
                - node.points,
                o.label,
            )
            for o in options
            if fold(o.label) != fold(node.matched or "")
        ]
        better = sorted((g, label) for g, label in gains if g > 0)
        if better:
            gain, label = better[0]
            return AdviceStep(
                criterion.code,
                "answer",
                answer,
                label,
                False,
                gain,
                f"{criterion.code}: “{label}” instead of “{node.matched}” → +{_en(gain)}",
                f"{criterion.code}: “{label}” thay cho “{node.matched}” → +{_vi(gain)} điểm",
            )
    return None


def _figure_step(
    criterion: Criterion,
    node: NodeScore,
    answer: object,
    kind: str,
    target: Fraction,
    exclusive: bool,
    gain: Decimal,
    scale: Scale,
) -> AdviceStep:
    unit = scale.symbol
    current = node.value if node.value is not None else Decimal(0)
    goal_en = ("above " if exclusive else "") + _en(decimal_of(target)) + unit
    goal_vi = ("trên " if exclusive else "") + _vi(decimal_of(target)) + unit
    verb_en, verb_vi = ("raise", "nâng") if kind == "raise" else ("lower", "giảm")
    return AdviceStep(
        criterion.code,
        kind,
        answer,
        target,
        exclusive,
        gain,
        f"{criterion.code}: {verb_en} {criterion.title} from {_en(current)}{unit} to "
        f"{goal_en} → +{_en(gain)}",
        f"{criterion.code}: {verb_vi} {criterion.title} từ {_vi(current)}{unit} "
        f"{'lên' if kind == 'raise' else 'xuống'} {goal_vi} → +{_vi(gain)} điểm",
    )


def _band_step(
    criterion: Criterion, rule: BandRule, node: NodeScore, answer: object
) -> AdviceStep | None:
    try:
        value = read_quantity(answer, rule.scale)
    except CchcError:
        return None
    maximum = criterion.max_points
    assert node.points is not None
    now = Fraction(node.points)
    shape = shape_of(rule, maximum)
    if not shape.analysable():
        return None
    for part in shape:
        if not part.bands or not part.segments or not _after(part, value):
            continue
        if part.point:
            assert part.start is not None
            award = _held(part.segments[0].at(part.start), maximum)
            if award > now:
                return _raise(criterion, node, answer, rule, part.start, award, now)
            continue
        for segment in part.segments:
            start = value if segment.start is None else max(segment.start, value)
            entry = _held(segment.at(start), maximum)
            if entry > now:  # a jump: the band just above the part's open start
                return _raise(criterion, node, answer, rule, start, entry, now, exclusive=True)
            end = None if segment.end is None else _held(segment.at(segment.end), maximum)
            if segment.slope > 0 and (end is None or end > now):
                target, award = _summit(rule, maximum, value)
                return attrs.evolve(
                    _raise(criterion, node, answer, rule, target, award, now), continuous=True
                )
    return None


def _after(part: Part, value: Fraction) -> bool:
    """Whether the part holds values at or above ``value``."""
    if part.point:
        return part.start is not None and part.start >= value
    return part.end is None or part.end > value


def _raise(
    criterion: Criterion,
    node: NodeScore,
    answer: object,
    rule: BandRule,
    target: Fraction,
    award: Fraction,
    now: Fraction,
    *,
    exclusive: bool = False,
) -> AdviceStep:
    gain = decimal_of(award) - decimal_of(now)
    return _figure_step(criterion, node, answer, "raise", target, exclusive, gain, rule.scale)


def _summit(rule: BandRule, maximum: Decimal, value: Fraction) -> tuple[Fraction, Fraction]:
    """The first figure ≥ ``value`` where the held award is highest, and that award."""
    best_award: Fraction | None = None
    best_at: Fraction | None = None
    for part in shape_of(rule, maximum):
        if not part.bands or not part.segments or not _after(part, value):
            continue
        candidates: list[Fraction] = []
        if part.point:
            candidates = [part.start] if part.start is not None else []
        else:
            for segment in part.segments:
                for end in (segment.start, segment.end):
                    if end is None:
                        continue
                    inside = (part.start is None or end > part.start) and (
                        part.end is None or end < part.end
                    )
                    if inside and end >= value:
                        candidates.append(end)
                if segment.slope and segment.slope > 0 and segment.end is not None:
                    reach = (Fraction(maximum) - segment.intercept) / segment.slope
                    if (
                        (part.start is None or reach > part.start)
                        and (part.end is None or reach < part.end)
                        and reach >= value
                    ):
                        candidates.append(reach)
        for x in sorted(candidates):
            award = _held(_value_at(part, x), maximum)
            if best_award is None or award > best_award:
                best_award, best_at = award, x
    assert best_award is not None
    assert best_at is not None
    return best_at, best_award


def _value_at(part: Part, x: Fraction) -> Fraction:
    assert part.segments
    for segment in part.segments:
        if (segment.start is None or x >= segment.start) and (
            segment.end is None or x <= segment.end
        ):
            return segment.at(x)
    return part.segments[-1].at(x)


def _en(value: Decimal) -> str:
    return format_number(value, lang="en", max_places=4)


def _vi(value: Decimal) -> str:
    return format_number(value, max_places=4)
