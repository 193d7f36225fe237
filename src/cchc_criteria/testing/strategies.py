"""Hypothesis strategies for rules, criterion sets and the answers they take."""

from __future__ import annotations

import functools
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
from hypothesis import strategies as st

from cchc_criteria.library import Library
from cchc_criteria.model import (
    NA,
    Assessment,
    Band,
    ChosenBand,
    Criterion,
    CriterionSet,
    Formula,
    FractionOfMax,
    Linear,
    Lower,
    NAPolicy,
    Points,
    Role,
    Rule,
    Scale,
    TotalPolicy,
    Upper,
)
from cchc_criteria.rules import (
    BandRule,
    ChoiceRule,
    DeductionRule,
    ManualRule,
    Option,
    PerItemRule,
    ProportionalRule,
    SurveyRule,
    YesNoRule,
)
from cchc_criteria.testing.kinds import in_scale

__all__ = [
    "answers_for",
    "assessments",
    "band_rules",
    "criterion_sets",
    "in_scale",
    "invalid_answers",
    "monotone_rules",
    "rules",
    "valid_answers",
]


def _decimals(low: str, high: str, places: int = 2) -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=Decimal(low), max_value=Decimal(high), places=places, allow_nan=False
    )


points = _decimals("0", "10")
fractions_of_max = _decimals("0", "1")


_formula_texts = st.sampled_from(
    [
        "value * 1.5 / 100",
        "rate * 1 / 40",
        "min(rate / 85 * 10, 10)",
        "max_points * value / 100",
        "max(0, count - 2) * 0.5",
        "(value - 50) / 10",
        "-value / 20 + 3",
    ]
)


# Strategies are built once per set of arguments: building them is what costs most in
# Hypothesis, far more than drawing from them.


@functools.cache
def _edges(scale: Scale) -> st.SearchStrategy[list[Decimal]]:
    """Sorted, distinct inner edges that cut the scale's domain into bands."""
    high = "100" if scale is Scale.PERCENT else ("1" if scale is Scale.RATIO else "50")
    places = 4 if scale is Scale.RATIO else (0 if scale is Scale.COUNT else 2)
    return st.lists(_decimals("0", high, places), min_size=0, max_size=5, unique=True).map(sorted)


_caps = st.none() | points
_places = st.none() | st.integers(0, 3)
_steps = _decimals("0", "2")
_awards: st.SearchStrategy[Points | FractionOfMax | Linear | Formula] = st.one_of(
    st.builds(Points, points),
    st.builds(FractionOfMax, fractions_of_max),
    st.builds(
        Linear,
        _decimals("-2", "3"),
        _decimals("1", "100", 0),
        _decimals("-1", "1"),
        cap=_caps,
        places=_places,
    ),
    st.builds(Formula, _formula_texts, cap=_caps, places=_places),
)


def band_rules(
    *, scale: Scale | None = None, monotone: bool = False
) -> st.SearchStrategy[BandRule]:
    """A band rule whose bands partition the domain with no gap and no overlap.

    Each inner edge belongs to the band below or above it at random. With ``monotone``, the
    awards are fixed points that never decrease from one band to the next.

    Args:
        scale: the scale of the bands (a random one by default).
        monotone: awards never decrease from one band to the next.

    Returns:
        A Hypothesis strategy of band rules.
    """
    return _band_rules(scale, monotone)


@functools.cache
def _band_rules(scale: Scale | None, monotone: bool) -> st.SearchStrategy[BandRule]:
    return _draw_band_rule(scale=scale, monotone=monotone)


@st.composite
def _draw_band_rule(draw: st.DrawFn, *, scale: Scale | None, monotone: bool) -> BandRule:
    chosen = scale if scale is not None else draw(st.sampled_from(list(Scale)))
    cuts = draw(_edges(chosen))
    bands: list[Band] = []
    lower: Lower | None = None
    floor = Decimal(0)
    for number, cut in enumerate([*cuts, None], start=1):
        upper: Upper | None = None
        if cut is not None:
            upper = Upper(cut, inclusive=draw(st.booleans()))
        award = Points(floor + draw(_steps)) if monotone else draw(_awards)
        if isinstance(award, Points):
            floor = award.points
        bands.append(Band(f"khoảng {number}", award, lower, upper))
        if upper is not None:
            lower = Lower(upper.value, inclusive=not upper.inclusive)
    if draw(st.booleans()):
        bands.reverse()  # document order need not be ascending
    return BandRule(bands, chosen)


_option_labels = st.lists(
    st.sampled_from(["Xuất sắc", "Tốt", "Khá", "Đạt", "Không đạt", "Hoàn thành"]),
    min_size=1,
    max_size=4,
    unique=True,
)
_fixed_awards: st.SearchStrategy[Points | FractionOfMax] = st.one_of(
    st.builds(Points, points), st.builds(FractionOfMax, fractions_of_max)
)
_choice_rules = _option_labels.flatmap(
    lambda labels: st.tuples(*(_fixed_awards for _ in labels)).map(
        lambda awards: ChoiceRule(
            [Option(label, award) for label, award in zip(labels, awards, strict=True)]
        )
    )
)
_yes_no_rules = st.builds(
    YesNoRule,
    yes=st.builds(Option, st.just("Đã ban hành"), st.builds(Points, points)),
    no=st.builds(Option, st.just("Chưa ban hành"), st.builds(Points, points)),
) | st.just(YesNoRule())
_proportional_rules = st.builds(ProportionalRule, st.sampled_from([Scale.PERCENT, Scale.RATIO]))
_per_item_rules = st.builds(PerItemRule, _decimals("0", "3"), st.none() | points)


@functools.cache
def rules() -> st.SearchStrategy[Rule]:
    """Any rule, including ones that as written can award more than a max or less than 0."""
    return st.one_of(
        band_rules(),
        _yes_no_rules,
        _choice_rules,
        _proportional_rules,
        _per_item_rules,
        st.builds(DeductionRule, _decimals("0", "3"), _decimals("0", "2")),
        st.just(ManualRule()),
        survey_rules(),
    )


_SURVEY_LABELS = ["A", "B", "C", "D", "Rất hài lòng", "Hài lòng", "Không hài lòng"]


@functools.cache
def survey_rules() -> st.SearchStrategy[SurveyRule]:
    """Survey rules: one to four options, each with its share of the max (0 to 100 %)."""
    labels = st.lists(st.sampled_from(_SURVEY_LABELS), min_size=1, max_size=4, unique=True)
    return labels.flatmap(
        lambda names: st.lists(
            _decimals("0", "100", 1), min_size=len(names), max_size=len(names)
        ).map(lambda shares: SurveyRule(tuple(zip(names, shares, strict=True))))
    )


@functools.cache
def monotone_rules() -> st.SearchStrategy[Rule]:
    """Rules that never award fewer points for a larger figure, by construction."""
    return st.one_of(band_rules(monotone=True), _proportional_rules, _per_item_rules)


def valid_answers(rule: Rule, max_points: Decimal) -> st.SearchStrategy[object]:
    """Answers that ``rule`` accepts and scores, as its rule kind's strategies give them (for a
    rule of no registered kind, any yes/no, rate or label).

    Args:
        rule: the rule.
        max_points: the criterion's max.

    Returns:
        A Hypothesis strategy of accepted answers.
    """
    found = kind_strategies(rule, max_points)
    if found is None:
        return st.one_of(st.booleans(), in_scale(Scale.PERCENT), st.sampled_from(["Có", "Không"]))
    valid: st.SearchStrategy[object] = found[0]
    return valid


def invalid_answers(rule: Rule, max_points: Decimal) -> st.SearchStrategy[object]:
    """Answers a careless unit might give that ``rule`` refuses (out of range, malformed)."""
    found = kind_strategies(rule, max_points)
    if found is None:
        return _junk
    invalid: st.SearchStrategy[object] = found[1]
    return st.one_of(invalid, _junk)


def kind_strategies(rule: Rule, max_points: Decimal) -> tuple[Any, Any] | None:
    """The (valid, invalid) answer strategies of ``rule``'s kind: a plugin kind's own
    (``RuleKind.strategies``), else the built-in kind's (``testing.kinds.STRATEGIES``);
    ``None`` for a rule of no registered kind, or a kind with none.

    Args:
        rule: the rule.
        max_points: the criterion's max.

    Returns:
        The (valid, invalid) strategies, or ``None``.
    """
    kind = Library.default().kinds.of_rule(rule)
    if kind is None:
        return None
    if kind.strategies is not None:
        return kind.answer_strategies(rule, max_points)
    from cchc_criteria.testing.kinds import STRATEGIES

    make = STRATEGIES.get(kind.name)
    return None if make is None else make(rule, max_points)


_junk = st.sampled_from(
    ["120%", "-5", "5/3", "0/0", "3/0", "abc", "", "1.500", True, "Không rõ", -1]
)


def _as_filed(answer: object) -> object:
    """``answer`` as a file holds it: a ratio written "n/d", alone or beside a named band."""
    if isinstance(answer, Fraction):
        return f"{answer.numerator}/{answer.denominator}"
    if isinstance(answer, ChosenBand) and isinstance(answer.figure, Fraction):
        return ChosenBand(answer.ref, figure=_as_filed(answer.figure))
    return answer


def answers_for(rule: Rule, max_points: Decimal) -> st.SearchStrategy[object]:
    """Valid answers, N/A, and answers a careless unit might give (out of range, malformed).

    Args:
        rule: the rule.
        max_points: the criterion's max.

    Returns:
        A Hypothesis strategy of answers.
    """
    return st.one_of(
        valid_answers(rule, max_points), st.just(NA), invalid_answers(rule, max_points)
    )


_roles = st.sampled_from([Role.SCORE, Role.SCORE, Role.BONUS, Role.DEDUCTION, Role.MONITOR])


_children = st.integers(1, 4)
_often = st.integers(0, 4)


def _criterion(draw: st.DrawFn, code: str, depth: int, max_depth: int, roles: bool) -> Criterion:
    """Draw one criterion and its subtree (a plain function: one strategy object per node
    would cost more than the drawing)."""
    leaf = depth >= max_depth or draw(st.booleans())
    if leaf:
        rule = draw(rules())
        return Criterion(code, f"Tiêu chí {code}", draw(points), rule=rule)
    count = draw(_children)
    children = [
        _criterion(draw, f"{code}.{i}", depth + 1, max_depth, roles) for i in range(1, count + 1)
    ]
    if roles:
        children = [
            child if position == 0 else attrs.evolve(child, role=draw(_roles))
            for position, child in enumerate(children)
        ]
    consistent = sum((c.max_points for c in children if c.role is Role.SCORE), Decimal(0))
    maximum = consistent if draw(_often) else draw(points)
    return Criterion(code, f"Nhóm {code}", maximum, children=children)


@st.composite
def criterion_sets(
    draw: st.DrawFn,
    *,
    max_depth: int = 3,
    roles: bool = True,
    consistent: bool = False,
    na_policies: bool = False,
    totals: bool = False,
) -> CriterionSet:
    """Random criterion sets: trees up to ``max_depth`` deep with every kind of rule.

    With ``roles``, some criteria are bonuses or deductions. With ``consistent``, every
    group's max is the sum of its children's (as a well-formed published set has it). With
    ``na_policies``, the set and some of its criteria state a not-applicable policy (every
    `NAPolicy`). With ``totals``, the set puts its bonus above the base
    or its deductions after the total (`TotalPolicy`).

    Args:
        max_depth: the deepest nesting.
        roles: add bonuses and deductions.
        consistent: every group's max is the sum of its children's.
        na_policies: state not-applicable policies.
        totals: state a total policy (bonus above the base, deductions after).

    Returns:
        A Hypothesis strategy of criterion sets.
    """
    count = draw(st.integers(1, 3))
    areas = [_criterion(draw, str(i), 1, max_depth, roles) for i in range(1, count + 1)]
    if consistent:
        areas = [_make_consistent(area) for area in areas]
    policy = NAPolicy.EXCLUDE
    if na_policies:
        areas = [_with_policies(draw, area) for area in areas]
        policy = draw(st.sampled_from(list(NAPolicy)))
    total = TotalPolicy()
    if totals:
        areas = [
            area if position == 0 else attrs.evolve(area, role=draw(_roles))
            for position, area in enumerate(areas)
        ]
        bonus = draw(st.sampled_from(["within", "above"]))
        total = TotalPolicy(bonus, draw(st.sampled_from(["within", "after"])))
    return CriterionSet(
        id="test.set", title="Bộ tiêu chí thử", criteria=areas, na_policy=policy, total=total
    )


def _with_policies(draw: st.DrawFn, criterion: Criterion) -> Criterion:
    own = draw(st.none() | st.sampled_from(list(NAPolicy)))
    children = [_with_policies(draw, c) for c in criterion.children]
    return attrs.evolve(criterion, children=children, na_policy=own)


def _make_consistent(criterion: Criterion) -> Criterion:
    if criterion.is_leaf:
        return criterion
    children = [_make_consistent(c) for c in criterion.children]
    total = sum((c.max_points for c in children if c.role is Role.SCORE), Decimal(0))
    return attrs.evolve(criterion, children=children, max_points=total)


_rarely = st.integers(0, 5)


@st.composite
def assessments(
    draw: st.DrawFn,
    criterion_set: CriterionSet,
    *,
    valid_only: bool = False,
    declared: bool = False,
) -> Assessment:
    """An answer sheet for ``criterion_set``: some criteria answered, some N/A, some left out.

    With ``declared``, the sheet also carries a unit, a period, self-assessed and appraised
    scores, evidence and explanations, as an assessment file would.

    Args:
        criterion_set: the set the sheets answer.
        valid_only: only answers the rules accept (and N/A).
        declared: add a unit, a period, declared scores, evidence and explanations.

    Returns:
        A Hypothesis strategy of assessments.
    """
    answers: dict[str, object] = {}
    for criterion in criterion_set.walk():
        if criterion.rule is None:
            continue
        if valid_only:
            answers[criterion.code] = draw(valid_answers(criterion.rule, criterion.max_points))
            continue
        if draw(_rarely) == 0:
            continue
        answers[criterion.code] = draw(answers_for(criterion.rule, criterion.max_points))
    if not declared:
        return Assessment(answers=answers)
    answers = {code: _as_filed(v) for code, v in answers.items()}
    codes = st.sampled_from(criterion_set.codes)
    scores = st.dictionaries(codes, _decimals("0", "10"), max_size=4)
    texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=20)
    return Assessment(
        answers=answers,
        set_id=criterion_set.id,
        unit=draw(texts),
        period=draw(st.sampled_from(["", "năm 2019", "6 tháng đầu năm 2024", "tháng 6/2025"])),
        self_assessed=draw(scores),
        appraised=draw(scores),
        evidence=draw(st.dictionaries(codes, st.lists(texts, min_size=1, max_size=3), max_size=3)),
        explanations=draw(st.dictionaries(codes, texts, max_size=3)),
    )
