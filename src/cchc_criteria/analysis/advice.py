"""Advice: where a unit's next points are, computed exactly from the band edges.

``advise(scorecard)`` looks at every criterion below its max and finds the smallest change of
the declared figure that earns more points (the next band up), or — where the award rises
continuously with the figure — the figure at which it reaches the most it can. Nothing is
searched or sampled: the targets come from the rule's exact shape
(`cchc_criteria.analysis.shape`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from cchc_criteria.errors import CchcError, require
from cchc_criteria.model import Assessment, ChosenBand, Criterion, Scale
from cchc_criteria.numbers import decimal_of, format_number
from cchc_criteria.piecewise import Part, Shape
from cchc_criteria.rules import (
    read_quantity,
)
from cchc_criteria.rules.kinds import RuleKinds
from cchc_criteria.scoring import NodeScore, Scorecard, score
from cchc_criteria.text import Text

__all__ = ["Advice", "AdviceStep", "OpenCriterion", "advise"]


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
        answer: a concrete answer that takes the step (``target`` itself, or a figure just
            above it when ``exclusive``); rescoring with it earns exactly ``gain``.
        gain: the points it earns, held to the criterion's max.
        continuous: True when the award rises all along the way (a formula): any part of the
            change earns part of the gain; False when it is a step that a smaller change misses.
        text: the step in words, in Vietnamese and English (``text.get(lang)``).
    """

    criterion: str
    kind: str
    current: object
    target: object
    exclusive: bool
    gain: Decimal
    text: Text
    continuous: bool = False
    answer: object = None


@attrs.frozen
class OpenCriterion:
    """A criterion that is not scored yet: the first thing to do is to declare it.

    Attributes:
        criterion: the criterion's code.
        title: its title.
        open_points: the points that wait on it (its max that counts).
        answered: False when nothing was declared; True when the answer given could not be
            scored (the scorecard's findings say why).
        text: what to do, in Vietnamese and English.
    """

    criterion: str
    title: str
    open_points: Decimal
    answered: bool
    text: Text


@attrs.frozen
class Advice:
    """What a unit should do: the unscored criteria first, then every advised step, most
    points first, and where they lead.

    Attributes:
        steps: the steps, sorted by points gained (then by code).
        points: the scorecard's total now.
        reachable: the total after taking every step (rescored, so group caps apply); the
            points of unscored criteria are not in it (they depend on what is declared).
        answers: the answers with every step taken.
        unanswered: the criteria still unscored, in document order, with their open points.
    """

    steps: tuple[AdviceStep, ...]
    points: Decimal
    reachable: Decimal
    answers: Assessment
    unanswered: tuple[OpenCriterion, ...] = ()

    @property
    def open_points(self) -> Decimal:
        """The points that wait on unscored criteria."""
        return sum((c.open_points for c in self.unanswered), Decimal(0))


def advise(card: Scorecard, *, kinds: RuleKinds) -> Advice:
    """Where the unit of ``card`` can earn more points, criterion by criterion."""
    require(card, Scorecard, "advise()")
    steps: list[AdviceStep] = []
    for node in card:
        criterion = card.criterion_set.find(node.code)
        if criterion is None or criterion.rule is None or node.points is None:
            continue
        if not node.applicable or node.points >= node.max_points:
            continue
        answer = card.assessment.answers.get(node.code)
        step = _step(criterion, node, answer, kinds)
        if step is not None:
            steps.append(step)
    steps.sort(key=lambda s: (-s.gain, s.criterion))
    unanswered = tuple(_open(node) for node in card if _is_open(node))
    changed = {**card.assessment.answers, **{s.criterion: s.answer for s in steps}}
    improved = attrs.evolve(card.assessment, answers=changed)
    reachable = score(card.criterion_set, improved, kinds=kinds).points
    return Advice(tuple(steps), card.points, reachable, improved, unanswered)


def _is_open(node: NodeScore) -> bool:
    return node.is_leaf and node.applicable and node.points is None


def _open(node: NodeScore) -> OpenCriterion:
    points = format_number(node.max_points)
    points_en = format_number(node.max_points, lang="en")
    if node.figure is None:
        text = Text(
            f"kê khai {node.code} ({node.title}): {points} điểm đang chờ",
            f"declare {node.code} ({node.title}): {points_en} points wait on it",
        )
    else:
        text = Text(
            f"xem lại {node.code} ({node.title}): số liệu đã kê khai chưa chấm được "
            f"(xem phát hiện), {points} điểm đang chờ",
            f"look again at {node.code} ({node.title}): the answer given cannot be scored "
            f"(see the findings); {points_en} points wait on it",
        )
    return OpenCriterion(node.code, node.title, node.max_points, node.figure is not None, text)


def _figure(value: Fraction) -> object:
    """A figure as an answer: a Decimal when exact, else the fraction itself."""
    as_decimal = decimal_of(value)
    return as_decimal if Fraction(as_decimal) == value else value


def _held(value: Fraction, maximum: Decimal) -> Fraction:
    return min(max(value, Fraction(0)), Fraction(maximum))


def _step(
    criterion: Criterion, node: NodeScore, answer: object, kinds: RuleKinds
) -> AdviceStep | None:
    """The step for one criterion: along its rule's shape where it has one (the next band up,
    the summit of a rising formula), else the change its kind proposes, worth what rescoring
    the proposed answer gives."""
    rule = criterion.rule
    assert rule is not None
    assert node.points is not None
    kind = kinds.of_rule(rule)
    if kind is None:
        return None
    if isinstance(answer, ChosenBand) and answer.figure is not None:
        answer = answer.figure  # the figure is what was scored
    if kind.shape is not None and kind.improve is None:
        if isinstance(answer, ChosenBand):
            return None
        return _band_step(criterion, rule, kind.shape(rule, criterion.max_points), node, answer)
    if kind.improve is None:
        return None
    try:
        proposal = kind.improve(rule, answer, node.points, criterion.max_points, kinds)
    except CchcError:
        return None
    if proposal is None:
        return None
    outcome = rule.score(proposal.answer, criterion.max_points)
    if outcome.points is None:
        return None
    gain = min(max(outcome.points, Decimal(0)), node.max_points) - node.points
    if gain <= 0:
        return None
    if proposal.kind == "answer":
        label = str(proposal.target)
        return AdviceStep(
            criterion.code,
            "answer",
            answer,
            label,
            False,
            gain,
            Text(
                f"{criterion.code}: “{label}” thay cho “{node.matched}” → +{_vi(gain)} điểm",
                f"{criterion.code}: “{label}” instead of “{node.matched}” → +{_en(gain)}",
            ),
            answer=proposal.answer,
        )
    target = proposal.target
    assert isinstance(target, Fraction)
    step = _figure_step(
        criterion, node, answer, proposal.kind, target, proposal.exclusive, gain, proposal.scale
    )
    # The proposal's answer is what the unit gives (a whole table, for a part of a row).
    return attrs.evolve(step, continuous=proposal.continuous, answer=proposal.answer)


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
        Text(
            f"{criterion.code}: {verb_vi} {criterion.title} từ {_vi(current)}{unit} "
            f"{'lên' if kind == 'raise' else 'xuống'} {goal_vi} → +{_vi(gain)} điểm",
            f"{criterion.code}: {verb_en} {criterion.title} from {_en(current)}{unit} to "
            f"{goal_en} → +{_en(gain)}",
        ),
        answer=_figure(target),
    )


def _band_step(
    criterion: Criterion, rule: Any, shape: Shape, node: NodeScore, answer: object
) -> AdviceStep | None:
    try:
        value = read_quantity(answer, rule.scale)
    except CchcError:
        return None
    maximum = criterion.max_points
    assert node.points is not None
    now = node.points
    if not shape.analysable():
        return None

    def points_at(x: Fraction) -> Decimal:
        # What scoring gives, the rule's own rounding included, held to [0, max].
        outcome = rule.score(_figure(x), maximum)
        points = outcome.points if outcome.points is not None else Decimal(0)
        return min(max(points, Decimal(0)), maximum)

    candidates = sorted(_candidates(shape, value, maximum), key=lambda c: c[0])
    if rule.scale is Scale.COUNT:  # a count moves in whole steps
        whole = {
            Fraction(n) for x, _ in candidates for n in (math.floor(x), math.ceil(x)) if n > value
        }
        candidates = [(x, None) for x in sorted(whole)]
    for x, exclusive_of in candidates:
        gained = points_at(x) - now
        if gained <= 0:
            continue
        climb = _summit(shape, [c for c, _ in candidates if c >= x], points_at)
        if climb is not None and _rises_between(shape, value, x, maximum):
            best, summit = climb
            step = _figure_step(
                criterion, node, answer, "raise", summit, False, best - now, rule.scale
            )
            return attrs.evolve(step, continuous=True, answer=_figure(summit))
        target, exclusive = (exclusive_of, True) if exclusive_of is not None else (x, False)
        step = _figure_step(criterion, node, answer, "raise", target, exclusive, gained, rule.scale)
        return attrs.evolve(step, answer=_figure(x))
    return None


def _summit(
    shape: Shape, climb: list[Fraction], points_at: Callable[[Fraction], Decimal]
) -> tuple[Decimal, Fraction] | None:
    """The most points of a continuous climb through the figures ``climb`` (ascending, the
    first one gaining) and the least figure that earns them; ``None`` when the first figure
    is on a falling formula (its gain is a jump: the step is to just above the edge). The
    climb ends where the award drops or falls with the figure: past a drop, or on a falling
    formula (whose best is just after its start, where no figure earns the most), smaller
    changes would earn more."""
    if _falls_at(shape, climb[0]):
        return None
    best, summit = points_at(climb[0]), climb[0]
    last = best
    for x in climb[1:]:
        points = points_at(x)
        if points < last or _falls_at(shape, x):
            break
        if points > best:
            best, summit = points, x
        last = points
    return best, summit


def _falls_at(shape: Shape, x: Fraction) -> bool:
    """Whether the award falls with the figure at ``x``."""
    for part in shape:
        if part.point or not part.segments or not _within(x, part):
            continue
        for segment in part.segments:
            starts = segment.start is None or segment.start <= x
            ends = segment.end is None or x <= segment.end
            if starts and ends:
                return segment.slope < 0
    return False


def _candidates(
    shape: Shape, value: Fraction, maximum: Decimal
) -> Iterator[tuple[Fraction, Fraction | None]]:
    """Figures above ``value`` where the award can change: every edge, just above every open
    start ("trên X": the figure X itself is not in), every break of a formula, and where a
    rising formula reaches the max or ends. The second item is the open start, if any."""
    for part in shape:
        if not part.bands or not part.segments:
            continue
        if part.point:
            if part.start is not None and part.start > value:
                yield part.start, None
            continue
        end = part.end
        if part.start is not None and part.start >= value:
            width = (end - part.start) / 2 if end is not None else Fraction(1)
            yield part.start + min(Fraction(1, 1000), width), part.start
        for segment in part.segments:
            for x in (segment.start, segment.end):
                if x is not None and x > value and x != part.start and x != end:
                    yield x, None
            if segment.slope > 0:
                reach = (Fraction(maximum) - segment.intercept) / segment.slope
                if reach > value and _within(reach, part):
                    yield reach, None
                if segment.end is not None and segment.end == end and end > value:
                    low = part.start if part.start is not None else end - 2
                    yield end - min(Fraction(1, 1000), (end - max(low, value)) / 2), None


def _within(x: Fraction, part: Part) -> bool:
    return (part.start is None or x > part.start) and (part.end is None or x < part.end)


def _rises_between(shape: Shape, low: Fraction, high: Fraction, maximum: Decimal) -> bool:
    """Whether the held award climbs continuously somewhere in [low, high)."""
    top = Fraction(maximum)
    for part in shape:
        if part.point or not part.bands or not part.segments:
            continue
        for segment in part.segments:
            if segment.slope <= 0:
                continue
            start = low if segment.start is None else max(segment.start, low)
            end = high if segment.end is None else min(segment.end, high)
            if start < end and segment.at(start) < top and segment.at(end) > 0:
                return True
    return False


def _en(value: Decimal) -> str:
    return format_number(value, lang="en", max_places=4)


def _vi(value: Decimal) -> str:
    return format_number(value, max_places=4)
