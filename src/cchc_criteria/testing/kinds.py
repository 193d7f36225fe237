"""Hypothesis strategies of answers for the built-in rule kinds.

The testing kit registers here, by kind name (`STRATEGIES`), the function that gives the
(valid, invalid) answers for one rule of each built-in kind; a plugin's kind gives its own
(``RuleKind.strategies``). The rule kinds know nothing of this module: the testing kit, and
Hypothesis, are imported only when answers are asked for.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from hypothesis import strategies as st

from cchc_criteria.model import ChosenBand, Formula, Linear, Rule, Scale, says_not_applicable
from cchc_criteria.rules import (
    AverageRule,
    BandRule,
    BestOfRule,
    ChoiceRule,
    ConditionalRule,
    DeductionRule,
    LatenessRule,
    ManualRule,
    Part,
    PartsRule,
    PerItemRule,
    ProportionalRule,
    RelativeRule,
    SurveyRule,
    TrendRule,
    YesNoRule,
)
from cchc_criteria.rules.lateness import DECLARED, Recurring
from cchc_criteria.text import fold

__all__ = [
    "band_answers",
    "best_of_answers",
    "choice_answers",
    "conditional_answers",
    "count_answers",
    "in_scale",
    "lateness_answers",
    "manual_answers",
    "parts_answers",
    "proportional_answers",
    "relative_answers",
    "yes_no_answers",
]

Strategies = tuple[st.SearchStrategy[Any], st.SearchStrategy[Any]]


def _decimals(low: str, high: str, places: int = 2) -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=Decimal(low), max_value=Decimal(high), places=places, allow_nan=False
    )


@functools.cache
def in_scale(scale: Scale) -> st.SearchStrategy[object]:
    if scale is Scale.PERCENT:
        return st.one_of(
            _decimals("0", "100", 3),
            st.integers(0, 100),
            _decimals("0", "100", 2).map(_typed),
            _decimals("0", "100", 1).map(lambda d: f"{d}%".replace(".", ",")),
            _decimals("0", "100", 2).map(lambda d: f"{d} %".replace(".", ",")),
            st.integers(1, 60).flatmap(
                lambda den: st.integers(0, den).map(lambda num: f"{num}/{den}")
            ),
        )
    if scale is Scale.RATIO:
        return st.one_of(
            _decimals("0", "1", 4),
            _decimals("0", "1", 3).map(_typed),
            _decimals("0", "100", 1).map(lambda d: f"{d}%".replace(".", ",")),
            st.integers(1, 60).flatmap(
                lambda den: st.integers(0, den).map(lambda num: Fraction(num, den))
            ),
        )
    if scale is Scale.COUNT:
        return st.integers(0, 60) | st.integers(0, 60).map(str)
    return _decimals("-100", "100", 2) | _decimals("-100", "100", 2).map(_typed)


def _typed(number: Decimal) -> str:
    """A number as a person types it: "93,5"."""
    return str(number).replace(".", ",")


@functools.cache
def _outside(scale: Scale) -> st.SearchStrategy[object]:
    """Figures a rule on ``scale`` refuses: beyond its domain, or not numbers at all."""
    if scale is Scale.PERCENT:
        return st.sampled_from(["120%", "101", "-1", "5/3", "0/0", "3/0", "abc", "1.500"])
    if scale is Scale.RATIO:
        return st.sampled_from(["1,5", "-0,1", "5/3", "0/0", "abc"])
    if scale is Scale.COUNT:
        return st.sampled_from(["-1", "2,5", "3/4", "50%", "abc"])
    return st.sampled_from(["abc", "", "1.500"])


def band_answers(rule: BandRule, max_points: Decimal) -> Strategies:
    """Figures on the rule's scale and bands it can name, by number or by label as typed
    (another case); figures it refuses, bands it does not have, and a band named beside a
    figure (which may fall in another band)."""
    count = len(rule.bands)
    fixed = [
        (number, band.label)
        for number, band in enumerate(rule.bands, start=1)
        if not isinstance(band.award, Linear | Formula)
    ]

    def spellings(ref: tuple[int, str]) -> st.SearchStrategy[int | str]:
        number, label = ref
        return st.sampled_from([number, label, label.upper(), label.lower()])

    named = st.sampled_from(fixed).flatmap(spellings)
    valid = in_scale(rule.scale)
    if fixed:
        valid = valid | named.map(ChosenBand)
    unknown = st.integers(count + 1, count + 5).map(ChosenBand)
    beside = st.builds(
        lambda ref, figure: ChosenBand(ref, figure=figure),
        st.integers(1, count) | st.sampled_from([b.label for b in rule.bands]),
        in_scale(rule.scale),
    )
    return valid, _outside(rule.scale) | unknown | beside


def proportional_answers(rule: ProportionalRule, max_points: Decimal) -> Strategies:
    """Rates on the rule's scale; rates it refuses."""
    return in_scale(rule.scale), _outside(rule.scale)


def count_answers(rule: PerItemRule | DeductionRule, max_points: Decimal) -> Strategies:
    """Whole numbers from 0; what is not a count."""
    return in_scale(Scale.COUNT), _outside(Scale.COUNT)


def yes_no_answers(rule: YesNoRule, max_points: Decimal) -> Strategies:
    """Yes and no in every accepted spelling; answers that are neither."""
    valid = st.sampled_from([True, False, "Có", "Không", rule.yes.label, rule.no.label])
    return valid, st.sampled_from(["Có lẽ", "chưa rõ", "2", ""])


def choice_answers(rule: ChoiceRule, max_points: Decimal) -> Strategies:
    """The options' labels; labels that are none of them."""
    labels = [o.label for o in rule.options]
    other = st.text(min_size=1, max_size=12).filter(
        lambda text: (
            all(not o.accepts(fold(text)) for o in rule.options) and not says_not_applicable(text)
        )  # "NA" in a file is not applicable, not a label
    )
    return st.sampled_from(labels), other.filter(lambda t: t not in labels)


def manual_answers(rule: ManualRule, max_points: Decimal) -> Strategies:
    """Scores from 0 to the max; scores outside it, and text."""
    valid = st.decimals(min_value=0, max_value=max_points, places=2)
    return valid, st.sampled_from([max_points + 1, Decimal(-1), "abc"])


def relative_answers(rule: RelativeRule, max_points: Decimal) -> Strategies:
    """Figures on the rule's scale (alone, or with a stated best); what it refuses."""
    figure = in_scale(rule.scale) if rule.scale is not Scale.NUMBER else st.integers(0, 1000)
    stated = st.fixed_dictionaries({"value": figure, "best": figure})
    return figure | stated, _outside(rule.scale)


def _table(
    parts: tuple[Part, ...], every: bool, row_max: Decimal
) -> st.SearchStrategy[dict[str, object]]:
    """A table answer: a valid figure for every part (or, with ``every`` false, some)."""
    fields = {p.name: _valid(p.rule, p.held_to(row_max)) for p in parts}
    if every:
        return st.fixed_dictionaries(fields)
    return st.fixed_dictionaries({}, optional=fields).filter(bool)


def _valid(rule: Rule, max_points: Decimal) -> st.SearchStrategy[object]:
    from cchc_criteria.testing.strategies import valid_answers

    return valid_answers(rule, max_points)


def parts_answers(rule: PartsRule, max_points: Decimal) -> Strategies:
    """A figure for every part; tables that miss a part or name another."""
    valid = _table(rule.parts, every=True, row_max=max_points)
    names = [p.name for p in rule.parts]
    missing = valid.map(lambda t: {k: v for k, v in t.items() if k != names[0]})
    extra = valid.map(lambda t: {**t, "khác": 1})
    return valid, missing | extra | st.just("45%")


def best_of_answers(rule: BestOfRule, max_points: Decimal) -> Strategies:
    """Figures for some of the cases; tables that name another case."""
    valid = _table(rule.cases, every=False, row_max=max_points)
    return valid, valid.map(lambda t: {**t, "khác": 1}) | st.just({})


def conditional_answers(rule: ConditionalRule, max_points: Decimal) -> Strategies:
    """The condition and a figure for the case it names; a condition no case has."""
    if rule.on == "group":
        return st.one_of(*(_valid(b.rule, max_points) for b in rule.branches)), st.just("?")
    cases = [
        st.fixed_dictionaries({rule.on: st.just(b.when), "value": _valid(b.rule, max_points)})
        for b in rule.branches
    ]
    return st.one_of(*cases), st.just({rule.on: "không rõ", "value": 1}) | st.just(3)


def lateness_answers(rule: LatenessRule, max_points: Decimal) -> Strategies:
    """Days around the deadline (dates and day-first text; a recurring deadline's day in
    December 2024); for a declared deadline, two dates a few weeks apart; what is not a
    date."""
    junk = st.sampled_from(["hôm qua", "32/12/2024", "", "2024"])
    if rule.deadline == DECLARED:
        start = st.dates(date(2020, 1, 1), date(2030, 12, 31))
        spans = st.tuples(start, st.integers(0, 90)).map(
            lambda pair: {"from": pair[0], "to": pair[0] + timedelta(days=pair[1])}
        )
        return spans, junk | st.just({"from": "1/1/2024"})
    due = rule.deadline
    if isinstance(due, Recurring):
        due = due.on(date(2024, 12, 31))
    assert isinstance(due, date)
    days = st.integers(-10, 60).map(lambda n: due + timedelta(days=n))
    return days | days.map(lambda d: f"{d.day}/{d.month}/{d.year}"), junk


def average_answers(rule: AverageRule, max_points: Decimal) -> Strategies:
    """Figures on the rule's scale; what it refuses."""
    figure = in_scale(rule.scale) if rule.scale is not Scale.NUMBER else st.integers(0, 1000)
    return figure, _outside(rule.scale)


def survey_answers(rule: SurveyRule, max_points: Decimal) -> Strategies:
    """Votes per option, some respondent among them (the form a file holds; the options
    chosen one by one, a list, are Python's only); an option the survey does not have, a
    negative or fractional count, no respondent."""
    labels = [label for label, _ in rule.options]
    counts = st.dictionaries(st.sampled_from(labels), st.integers(0, 500), min_size=1)
    votes = counts.filter(lambda table: sum(table.values()) > 0)
    invalid = (
        votes.map(lambda table: {**table, "khác": 1})
        | votes.map(lambda table: {**table, labels[0]: -1})
        | votes.map(lambda table: {**table, labels[0]: "1,5"})
        | st.just({labels[0]: 0})
        | st.just("A")
    )
    return votes, invalid


def trend_answers(rule: TrendRule, max_points: Decimal) -> Strategies:
    """Both periods' figures on the rule's scale; a figure alone, a table that misses one."""
    figure = in_scale(rule.scale) if rule.scale is not Scale.NUMBER else st.integers(-500, 500)
    both = st.fixed_dictionaries({"value": figure, "previous": figure})
    return both, figure | both.map(lambda t: {"value": t["value"]}) | st.just({"value": "?"})


STRATEGIES: Mapping[str, Callable[[Any, Decimal], Strategies]] = {
    "bands": band_answers,
    "yes_no": yes_no_answers,
    "choice": choice_answers,
    "proportional": proportional_answers,
    "per_item": count_answers,
    "deduction": count_answers,
    "manual": manual_answers,
    "relative": relative_answers,
    "average": average_answers,
    "survey": survey_answers,
    "trend": trend_answers,
    "parts": parts_answers,
    "best_of": best_of_answers,
    "conditional": conditional_answers,
    "lateness": lateness_answers,
}
"""The strategies of each built-in kind, by kind name."""
