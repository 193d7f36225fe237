"""Invariants every scorecard must satisfy, and a Hypothesis-driven check of a whole set."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, localcontext
from fractions import Fraction

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc_criteria.library import Library
from cchc_criteria.model import NA, CriterionSet, NAPolicy, Role, Rule, Scale
from cchc_criteria.numbers import SUM_CONTEXT, decimal_of
from cchc_criteria.rules.kinds import RuleKinds
from cchc_criteria.scoring import (
    NodeScore,
    Scorecard,
    fraction_for_percent,  # scoring's own warning
    score,
)
from cchc_criteria.testing.strategies import answers_for, assessments
from cchc_criteria.text import group_key

__all__ = ["check_compiled", "check_criterion_set", "compiled_problems", "scorecard_problems"]

_ZERO = Decimal(0)


def scorecard_problems(card: Scorecard) -> list[str]:
    """Every broken invariant of ``card``, as sentences (empty when the card is sound).

    * every node's points lie in [0, its max];
    * a group's points are the sum of its children (bonuses added, deductions subtracted),
      held to [0, max]; a group whose children are all unscored is unscored;
    * a group's max is its published max less the max of the not-applicable criteria below —
      unless its not-applicable policy (its own, else the set's) is ``rescale`` or ``spread``:
      then it keeps its published max and each applicable child counts for its share of the
      max removed (in proportion to its max, or evenly);
    * a group is complete exactly when all its children are;
    * the card's totals are those of its top-level criteria.

    Args:
        card: the scorecard to check.

    Returns:
        The broken invariants, as sentences; empty when there is none.
    """
    with localcontext(SUM_CONTEXT):
        return _card_problems(card)


def _card_problems(card: Scorecard) -> list[str]:
    problems: list[str] = []
    cs = card.criterion_set
    scoped = _scoped(card)
    for node in card:
        if node.points is not None and not _ZERO <= node.points <= node.max_points:
            problems.append(f"{node.code}: {node.points} points outside [0, {node.max_points}]")
        if node.is_leaf:
            continue
        children = [card[code] for code in node.children]
        criterion = cs.find(node.code)
        own = (criterion.na_policy if criterion is not None else None) or cs.na_policy
        problems.extend(
            _group_problems(
                node.code,
                node.points,
                node.max_points,
                node.published_max,
                node.complete,
                children,
                policy=own,
                scoped=scoped,
            )
        )
    roots = [card[code] for code in card.roots]
    if not cs.total.is_default:
        problems.extend(_stacked_total_problems(card, roots))
        return problems
    problems.extend(
        _group_problems(
            "(total)",
            card.points,
            card.max_points,
            cs.max_points,
            card.complete,
            roots,
            unscored_is_zero=True,
            policy=cs.na_policy,
            scoped=scoped,
        )
    )
    return problems


def _group_problems(
    code: str,
    points: Decimal | None,
    max_points: Decimal,
    published_max: Decimal,
    complete: bool,
    children: list[NodeScore],
    *,
    unscored_is_zero: bool = False,
    policy: NAPolicy = NAPolicy.EXCLUDE,
    scoped: Mapping[str, Decimal] | None = None,
) -> list[str]:
    nodes = [c for c in children if c.role is not Role.MONITOR]  # counted in nothing above
    problems: list[str] = []
    scored = [c for c in nodes if c.points is not None]
    score_children = [c for c in nodes if c.role is Role.SCORE]
    excluded = sum((c.published_max - c.max_points for c in score_children), _ZERO)
    outside = sum(((scoped or {}).get(c.code, _ZERO) for c in score_children), _ZERO)
    applicable = not score_children or any(c.applicable for c in score_children)
    # What the set's scope removes stays removed; a policy may give the rest to the others.
    kept = published_max - outside
    shares = _shares(policy, score_children, kept, excluded - outside) if applicable else {}
    signed = [
        (-c.points if c.role is Role.DEDUCTION else c.points, c.code)
        for c in scored
        if c.points is not None
    ]
    if shares:  # the group keeps its max: each child counts for its share, exact, rounded once
        expected_max = kept
        exact = sum((Fraction(p) * shares.get(c, Fraction(1)) for p, c in signed), Fraction(0))
        total = decimal_of(exact)
    else:
        expected_max = max(published_max - excluded, _ZERO) if applicable else _ZERO
        total = sum((p for p, _ in signed), _ZERO)
    if max_points != expected_max:
        problems.append(f"{code}: max {max_points}, expected {expected_max}")
    if scored:
        expected = min(max(total, _ZERO), expected_max)
        if points != expected:
            problems.append(f"{code}: {points} points, but its children give {expected}")
    elif points != (_ZERO if unscored_is_zero else None):
        problems.append(f"{code}: {points} points although no child is scored")
    if complete != all(c.complete for c in nodes):
        problems.append(f"{code}: complete={complete} disagrees with its children")
    return problems


def _stacked_total_problems(card: Scorecard, roots: list[NodeScore]) -> list[str]:
    """The card's total where the set puts its bonus above the base or its deductions after
    the total: the base (the other roots) adds up as a group does, held at its own max; the
    bonus roots add on top, up to their max; the deductions come off last, down to 0."""
    cs = card.criterion_set
    stacking = cs.total
    bonus_above = stacking.bonus == "above"
    after = stacking.deductions == "after"
    bonuses = [r for r in roots if bonus_above and r.role is Role.BONUS]
    deductions = [r for r in roots if after and r.role is Role.DEDUCTION]
    base = [r for r in roots if r not in bonuses and r not in deductions]
    bonus_max = sum((r.published_max for r in bonuses), _ZERO)
    base_max = cs.max_points - bonus_max
    problems: list[str] = []
    counted = [r for r in base if r.role is not Role.MONITOR]
    score_children = [r for r in counted if r.role is Role.SCORE]
    excluded = sum((r.published_max - r.max_points for r in score_children), _ZERO)
    scoped = _scoped(card)
    outside = sum((scoped.get(r.code, _ZERO) for r in score_children), _ZERO)
    kept = base_max - outside
    shares = _shares(cs.na_policy, score_children, kept, excluded - outside)
    base_top = kept if shares else max(base_max - excluded, _ZERO)
    if score_children and not any(r.applicable for r in score_children):
        base_top = _ZERO
    expected_max = base_top + bonus_max
    if card.max_points != expected_max:
        problems.append(f"(total): max {card.max_points}, expected {expected_max}")
    signed = [
        (-r.points if r.role is Role.DEDUCTION else r.points, r.code)
        for r in counted
        if r.points is not None
    ]
    if shares:  # scaled shares: exact in fractions, rounded once, as the tally does
        scaled = (Fraction(p) * shares.get(c, Fraction(1)) for p, c in signed)
        base_sum = decimal_of(sum(scaled, Fraction(0)))
    else:  # a plain sum of Decimals, exact
        base_sum = sum((p for p, _ in signed), _ZERO)
    base_points = min(max(base_sum, _ZERO), base_top) if signed else _ZERO
    bonus = sum((r.points for r in bonuses if r.points is not None), _ZERO)
    deducted = sum((r.points for r in deductions if r.points is not None), _ZERO)
    expected = max(base_points + min(bonus, bonus_max) - deducted, _ZERO)
    if card.points != expected:
        problems.append(f"(total): {card.points} points, but its rows give {expected}")
    if card.complete != all(r.complete for r in roots if r.role is not Role.MONITOR):
        problems.append(f"(total): complete={card.complete} disagrees with its rows")
    return problems


def _scoped(card: Scorecard) -> dict[str, Decimal]:
    """The max each node of ``card`` loses to the set's scope: a leaf below a criterion whose
    ``applies_to`` does not name the unit's group loses all of it; a group, what its score
    children lose (at most what it lost in all)."""
    cs = card.criterion_set
    key = group_key(card.assessment.group) if card.assessment.group else None
    outside: set[str] = set()
    for criterion in cs.walk():
        names = {group_key(g) for g in criterion.applies_to}
        if criterion.applies_to and (key is None or key not in names):
            outside.update(c.code for c in criterion.walk() if c.is_leaf)
    found: dict[str, Decimal] = {}
    for criterion in reversed(list(cs.walk())):
        node = card[criterion.code]
        if criterion.is_leaf:
            found[criterion.code] = node.published_max if criterion.code in outside else _ZERO
            continue
        below = sum((found[c.code] for c in criterion.children if c.role is Role.SCORE), _ZERO)
        found[criterion.code] = min(below, node.published_max - node.max_points)
    return found


def _shares(
    policy: NAPolicy, score_children: list[NodeScore], published_max: Decimal, excluded: Decimal
) -> dict[str, Fraction]:
    """What each score child's points count for in a group that keeps its published max
    (``rescale``, ``spread``) although ``excluded`` points are not applicable: empty when the
    group removes them (or has nothing to give them to)."""
    remaining = [c for c in score_children if c.applicable and c.max_points > 0]
    if not policy.redistributes or excluded <= 0 or published_max <= excluded or not remaining:
        return {}
    if policy is NAPolicy.RESCALE:
        whole = Fraction(published_max) / Fraction(published_max - excluded)
        return {c.code: whole for c in remaining}
    share = Fraction(excluded) / len(remaining)
    return {c.code: (Fraction(c.max_points) + share) / Fraction(c.max_points) for c in remaining}


def compiled_problems(
    rule: Rule, max_points: Decimal, answer: object, *, kinds: RuleKinds | None = None
) -> list[str]:
    """How the fast scorer of ``rule`` (its kind's ``RuleKind.compile``) breaks its promise
    for ``answer``, as sentences (empty when it keeps it, or when the kind has none).

    The promise: the fast scorer gives ``None``, or exactly the points ``rule.score`` gives —
    the same Decimal, digit for digit — for an answer about which scoring says nothing more
    (no finding of the rule's, no figure a percent scale would warn about).

    Args:
        rule: the rule.
        max_points: the criterion's max.
        answer: the answer to score both ways.
        kinds: the rule kinds (by default the installed ones).

    Returns:
        The broken promises, as sentences; empty when there is none.
    """
    kinds = Library.default().kinds if kinds is None else kinds
    kind = kinds.of_rule(rule)
    if kind is None or kind.compile is None:
        return []
    fast = kind.compile(rule, max_points, kinds)
    if fast is None or answer is None or answer is NA:
        return []
    points = fast(answer)
    if points is None:
        return []
    outcome = rule.score(answer, max_points)
    problems = []
    if str(points) != str(outcome.points):
        problems.append(f"{answer!r}: the fast scorer gives {points}, score {outcome.points}")
    if outcome.findings:
        codes = ", ".join(f.code for f in outcome.findings)
        problems.append(f"{answer!r}: the fast scorer answers although score reports {codes}")
    percent = getattr(rule, "scale", None) is Scale.PERCENT
    if percent and fraction_for_percent("", answer, outcome.value):
        problems.append(f"{answer!r}: the fast scorer answers a figure scoring warns about")
    return problems


def check_compiled(
    rule: Rule,
    max_points: Decimal,
    *,
    kinds: RuleKinds | None = None,
    max_examples: int = 300,
) -> None:
    """Check the fast scorer of ``rule`` (``RuleKind.compile``) on many generated answers —
    the kind's own valid and invalid ones, and figures typed as people type them — and
    assert `compiled_problems` finds nothing.

    Args:
        rule: the rule.
        max_points: the criterion's max.
        kinds: the rule kinds (by default the installed ones).
        max_examples: how many answers Hypothesis tries.
    """

    @settings(max_examples=max_examples, deadline=None, database=None)
    @given(answers_for(rule, max_points) | _typed_figures)
    def run(answer: object) -> None:
        problems = compiled_problems(rule, max_points, answer, kinds=kinds)
        assert not problems, "; ".join(problems)

    run()


# Figures as they are typed: "93,5", "7", "0,25", a whole number, a number with dots.
_typed_figures = (
    st.from_regex(r"\A[0-9]{1,4}(,[0-9]{1,4})?\Z")
    | st.integers(-5, 10**10)
    | st.from_regex(r"\A[0-9]{1,3}(\.[0-9]{3})*\Z")
)


def check_criterion_set(
    criterion_set: CriterionSet, *, kinds: RuleKinds | None = None, max_examples: int = 200
) -> None:
    """Score many generated answer sheets against ``criterion_set`` and assert the invariants.

    ``kinds`` are the rule kinds of its rules (by default the installed ones,
    ``cc.Library.default().kinds``).

    Raises ``AssertionError`` (through Hypothesis, with the smallest failing answer sheet) when
    any scorecard breaks an invariant of `scorecard_problems`, when a rule's fast scorer
    breaks its promise (`compiled_problems`), when scoring raises, or when scoring the
    same answers twice gives different scorecards.

    Args:
        criterion_set: the set to check.
        kinds: the rule kinds of its rules (by default the installed ones).
        max_examples: how many answer sheets Hypothesis tries.
    """
    known = Library.default().kinds if kinds is None else kinds

    @settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )
    @given(st.data())
    def run(data: st.DataObject) -> None:
        assessment = data.draw(assessments(criterion_set), label="assessment")
        card = score(criterion_set, assessment, kinds=known)
        problems = scorecard_problems(card)
        for criterion in criterion_set.walk():
            answer = assessment.answers.get(criterion.code)
            if criterion.rule is not None:
                problems += compiled_problems(
                    criterion.rule, criterion.max_points, answer, kinds=known
                )
        assert not problems, "; ".join(problems)
        assert score(criterion_set, assessment, kinds=known) == card, "scoring is not deterministic"

    run()
