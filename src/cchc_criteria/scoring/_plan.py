"""A criterion set compiled once for scoring many units: the scoring plan.

Every node of the set has a *slot*, its place in document order. The plan's *steps* list the
nodes children first, so that one pass over them scores a unit: each leaf's points, then each
group's sum of its children's slots (``scoring._tally``). Per leaf, the plan keeps its rule and
kind, what an unanswered or not-applicable answer gives, the kind's fast scorer
(``RuleKind.compile``) and the results of answers already scored; per group, the slots of its
children.

Scoring builds no node of a group and no node of a leaf scored by its fast scorer: a
scorecard makes those when they are first read (``scoring.scorer``), from the same plan.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from decimal import Decimal

import attrs

from cchc_criteria._bulk import bulk
from cchc_criteria._values import small, value_key
from cchc_criteria.model import (
    NA,
    Assessment,
    Criterion,
    CriterionSet,
    Finding,
    GivenPoints,
    NAPolicy,
    Role,
    Rule,
    Scale,
    finding,
)
from cchc_criteria.numbers import round_points
from cchc_criteria.rules.kinds import FastScorer, RuleKinds
from cchc_criteria.scoring._explain import (
    excluded,
    fraction_for_percent,
    group_explanation,
    held_to,
)
from cchc_criteria.scoring._plain import PlainPass, make_plain_pass
from cchc_criteria.scoring._steps import Group, Leaf, Result
from cchc_criteria.scoring._tally import Sums
from cchc_criteria.scoring.card import NodeScore
from cchc_criteria.text import LazyText, Text, group_key

_ZERO = Decimal(0)
_NOT_ANSWERED = Text("chưa kê khai", "not answered")
_NA_FULL = Text(
    "không áp dụng: đạt điểm tối đa theo bộ tiêu chí", "not applicable: the set awards the full max"
)
_GIVEN = Text("điểm cho sẵn (giả định)", "points given (what if)")
_NA_REFUSED = Text("không được đánh giá là không áp dụng", "cannot be not applicable")

PLANS: weakref.WeakKeyDictionary[CriterionSet, Plan] = weakref.WeakKeyDictionary()
"""Plans by set: a set is compiled once and its plan lives as long as the set does. Equal sets
share a plan."""
# The set scored last, its kinds and its plan (a cohort scores one set unit after unit): the
# one set kept alive by the cache, so that PLANS, which must not, can let the others go.
_LAST: list[tuple[CriterionSet, RuleKinds, Plan]] = []
# The roles whose points a group adds.
_ADDING = frozenset({Role.SCORE, Role.BONUS})

MAX_OUTCOMES = 128
"""A leaf keeps the results of at most this many distinct answers (pure rule kinds only)."""


def forget_plans() -> None:
    """Drop every plan (the next score of each set compiles it again)."""
    PLANS.clear()
    _LAST.clear()


def plan_of(criterion_set: CriterionSet, kinds: RuleKinds) -> Plan:
    """The plan of ``criterion_set`` with ``kinds``, compiled on first use."""
    if _LAST and _LAST[0][0] is criterion_set and _LAST[0][1] is kinds:
        return _LAST[0][2]  # the set scored just before: no look-up by value
    plan = PLANS.get(criterion_set)
    if plan is None or plan.kinds is not kinds:
        with bulk(len(criterion_set.codes)):
            plan = PLANS[criterion_set] = Plan(criterion_set, kinds)
    _LAST[:] = [(criterion_set, kinds, plan)]
    return plan


_NEW = object()
_SEEN = object()


class Plan:
    """A criterion set compiled for scoring many units (see the module's docstring)."""

    def __init__(self, criterion_set: CriterionSet, kinds: RuleKinds) -> None:
        self.kinds = kinds
        self.rounding = criterion_set.rounding
        self.na_policy = criterion_set.na_policy
        #: How the set's top level adds up where a criterion is not applicable.
        self.root_policy = self.na_policy if self.na_policy.redistributes else None
        #: Where the top-level bonus and deductions stand against the max.
        self.total = criterion_set.total
        self.depths: list[int] = []
        self.roles: list[Role] = []
        self.published: list[Decimal] = []
        self.steps: list[Leaf | Group] = []
        roots: list[int] = []
        # (criterion, depth, the slots of its parent's children) to visit, and with it
        # None, or (criterion, slot, its children's slots, its first step) to finish once
        # its children are done.
        work: list[tuple[Criterion, int, list[int]]] = [
            (c, 1, roots) for c in reversed(criterion_set.criteria)
        ]
        finish: list[tuple[Criterion, int, list[int], int] | None] = [None] * len(work)
        while work:
            criterion, depth, siblings = work.pop()
            done = finish.pop()
            if done is not None:
                group, slot, kids, first = done
                own = group.na_policy or self.na_policy
                policy = own if own.redistributes else None
                self.steps.append(Group(group, slot, tuple(kids), first, policy))
                continue
            slot = len(self.depths)
            self.depths.append(depth)
            self.roles.append(criterion.role)
            self.published.append(criterion.max_points)
            siblings.append(slot)
            if criterion.rule is not None:
                self.steps.append(Leaf(self, criterion, criterion.rule, slot))
                continue
            children: list[int] = []
            work.append((criterion, depth, siblings))
            finish.append((criterion, slot, children, len(self.steps)))
            for child in reversed(criterion.children):
                work.append((child, depth + 1, children))
                finish.append(None)
        for step in self.steps:
            if isinstance(step, Group):
                step.plus, step.minus = self.split(step.children)
        self.size = len(self.depths)
        self.roots = tuple(roots)
        self.by_slot: list[Leaf | Group] = sorted(self.steps, key=lambda step: step.slot)
        self.root_codes = tuple(self.by_slot[slot].code for slot in roots)
        # A code published twice is the set's mistake (lint: duplicate-code); its node is the
        # first one scored, shown where the code first appears.
        self.slot_of: dict[str, int] = {}
        self.slots_of: dict[str, list[int]] = {}
        for step in self.steps:
            self.slot_of.setdefault(step.code, step.slot)
            self.slots_of.setdefault(step.code, []).append(step.slot)
        self.codes = tuple(dict.fromkeys(step.code for step in self.by_slot))
        self.leaf_codes = frozenset(s.code for s in self.steps if isinstance(s, Leaf))
        self._below: dict[str, tuple[str, ...]] = {}
        # The criteria that apply to some unit groups only: (code, the groups' keys, names),
        # and the leaves each group is outside of (scoring._scope).
        self.restricted = tuple(
            (c.code, frozenset(group_key(g) for g in c.applies_to), c.applies_to)
            for c in criterion_set.walk()
            if c.applies_to
        )
        self.outside_of: dict[str, frozenset[str]] = {}
        # Fast scorers by (id(rule), max as written); the plan holds every rule, so the ids
        # stay theirs. _NEW: not asked for yet; _SEEN: asked for once.
        self.compiled: dict[tuple[int, str], object] = {}
        self.root_maxima = tuple(self.published[slot] for slot in self.roots)
        self.kept_none: tuple[NodeScore | None, ...] = (None,) * self.size
        # The set's lint findings a card with every leaf answered carries, by whether it is
        # complete: (the findings given, those carried), for the findings given last.
        self.carried: dict[bool, tuple[tuple[Finding, ...], tuple[Finding, ...]]] = {}
        # The plain pass (see plain_pass): made for the second unit; False when it cannot be.
        self._plain: PlainPass | bool | None = None
        self._units = 0
        # The set's max when every criterion is scored and applicable.
        self.total_max = max(criterion_set.max_points, _ZERO)
        self.set_max = criterion_set.max_points

    def split(self, slots: Sequence[int]) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """``slots`` parted into those that add (score, bonus) and deductions; monitored
        criteria are in neither."""
        plus = tuple(s for s in slots if self.roles[s] in _ADDING)
        return plus, tuple(s for s in slots if self.roles[s] is Role.DEDUCTION)

    def fast_scorer(self, leaf: Leaf, *, now: bool = False) -> FastScorer | None:
        """``leaf``'s fast scorer: ``None`` the first time its rule is asked for (and always
        for a rule whose results are not pure), made the second time, or at once with
        ``now``. The kind's own (``RuleKind.compile``) is shared by the leaves whose rule and
        max are the same (a set file reads a repeated rule once); a kind that gives none
        (or none for this rule) is scored by its ``score`` (`by_score`)."""
        if leaf.fast is None and leaf.reuse:
            key = (id(leaf.rule), str(leaf.maximum))
            known = self.compiled.get(key, _NEW)
            if known is _NEW and not now:
                self.compiled[key] = _SEEN
                return None
            if known is _NEW or known is _SEEN:
                make = leaf.compile
                made = None if make is None else make(leaf.rule, leaf.maximum, self.kinds)
                known = self.compiled[key] = made
            leaf.fast = self.by_score(leaf) if known is None else known  # type: ignore[assignment]
        return leaf.fast

    def by_score(self, leaf: Leaf) -> FastScorer:
        """The fast scorer of a leaf whose kind gives none: the points of the rule's own
        ``score`` where scoring says nothing more of the answer (no finding, the points
        within [0, max]), else ``None`` (the pass settles that leaf as the general pass
        does). Its results are the general pass's (`known_result`), kept for it too."""

        def fast(answer: object) -> Decimal | None:
            if type(answer) is GivenPoints:
                return None  # what if: the general pass says so
            (node, found), _ = self.known_result(leaf, answer)
            return None if found else node.points

        return fast

    def plain_pass(self) -> PlainPass | None:
        """The plan's plain pass (`PlainPass`), made
        when the plan scores its second unit (every leaf's fast scorer compiled then): it
        scores a unit whose every leaf is answered and plain (an answer its fast scorer does
        not take settled as the general pass settles it) and whose every sum stays within
        its max, and gives ``None`` for any other unit (the general pass then scores it,
        findings and all). A set of more than ``PLAIN_PASS_LEAVES`` leaves has none.
        """
        if self._plain is None:
            self._units += 1
            if self._units < 2:
                return None  # a set scored once does not pay for it
            self._plain = make_plain_pass(self) or False
        return None if isinstance(self._plain, bool) else self._plain

    def leaves_below(self, code: str) -> tuple[str, ...]:
        """The codes of the leaves at or below every node of ``code`` (none for a code the
        set does not have)."""
        found = self._below.get(code)
        if found is None:
            below: list[str] = []
            todo = list(self.slots_of.get(code, ()))
            while todo:
                step = self.by_slot[todo.pop()]
                if isinstance(step, Leaf):
                    below.append(step.code)
                else:
                    todo.extend(step.children)
            found = self._below[code] = tuple(dict.fromkeys(below))
        return found

    # ------------------------------------------------------------ leaves

    def leaf_result(
        self, leaf: Leaf, answer: object, assessment: Assessment
    ) -> tuple[Result, bool]:
        """The result of ``answer``, and whether a scorecard must keep its node: not when
        the plan keeps it (a pure rule's answer already seen) or when the answer alone makes
        it again (a pure rule's answer beyond the ones the plan keeps)."""
        if answer is None:
            if leaf.unanswered is None:
                leaf.unanswered = (
                    self.leaf_node(leaf, explanation=_NOT_ANSWERED),
                    (finding("unanswered", leaf.code, max=leaf.maximum),),
                )
            return leaf.unanswered, True
        if answer is NA:
            if leaf.not_applicable is None:
                leaf.not_applicable = self.not_applicable(leaf)
            return leaf.not_applicable, True
        if type(answer) is GivenPoints:  # what if: the points themselves, whatever the rule
            held = min(max(answer.points, _ZERO), leaf.maximum)
            node = self.leaf_node(
                leaf,
                points=held,
                points_display=self.display(held),
                rule_points=answer.points,
                complete=True,
                open_points=_ZERO,
                figure=str(answer.points),
                explanation=_GIVEN,
            )
            return (node, ()), True
        if leaf.reuse:
            return self.known_result(leaf, answer)
        rule = leaf.rule if leaf.bind is None else leaf.bind(leaf.rule, assessment)
        return self.scored(leaf, rule, answer), True

    def known_result(self, leaf: Leaf, answer: object) -> tuple[Result, bool]:
        """The result of ``answer`` for a leaf whose rule is pure, kept for the next unit
        that gives it (up to `MAX_OUTCOMES` answers); and whether a scorecard must keep its
        node (not when the plan keeps it, nor when the answer alone makes it again)."""
        key = value_key(answer)
        if key is None:
            return self.scored(leaf, leaf.rule, answer), True
        result = leaf.known.get(key)
        if result is not None:
            return result, True
        result = self.scored(leaf, leaf.rule, answer)
        if len(leaf.known) < MAX_OUTCOMES and small(key):
            leaf.known[key] = result
            return result, True
        return result, False

    def scored(self, leaf: Leaf, rule: Rule, answer: object) -> Result:
        """``rule``'s result for ``answer``: its node, held to [0, max], and its findings."""
        code = leaf.code
        maximum = leaf.maximum
        outcome = rule.score(answer, maximum)
        found = [attrs.evolve(f, criterion=code) for f in outcome.findings]
        percent = (
            leaf.percent if rule is leaf.rule else getattr(rule, "scale", None) is Scale.PERCENT
        )
        if percent:
            found += fraction_for_percent(code, answer, outcome.value)
        points = outcome.points
        held = points
        explanation = outcome.explanation
        if points is not None and points > maximum:
            held = maximum
            found.append(
                finding("held-to-max", code, points=points, figure=outcome.figure, max=maximum)
            )
            explanation = LazyText(held_to, explanation, held, True)
        elif points is not None and points < 0:
            held = _ZERO
            found.append(finding("held-to-zero", code, points=points, figure=outcome.figure))
            explanation = LazyText(held_to, explanation, held, False)
        node = self.leaf_node(
            leaf,
            points=held,
            points_display=None if held is None else self.display(held),
            # What the rule gave (with its own rounding) before it was held to [0, max].
            rule_points=points,
            complete=held is not None,
            open_points=_ZERO if held is not None else maximum,
            figure=outcome.figure,
            value=outcome.value,
            matched=outcome.matched,
            explanation=explanation,
        )
        return node, tuple(found)

    def leaf_node(
        self,
        leaf: Leaf,
        *,
        max_points: Decimal | None = None,
        points: Decimal | None = None,
        points_display: Decimal | None = None,
        rule_points: Decimal | None = None,
        applicable: bool = True,
        complete: bool = False,
        open_points: Decimal | None = None,
        figure: str | None = None,
        value: Decimal | None = None,
        matched: str | None = None,
        explanation: Text = _NOT_ANSWERED,
    ) -> NodeScore:
        """A leaf's node: unscored (its whole max open) unless told otherwise."""
        criterion = leaf.criterion
        maximum = leaf.maximum
        return NodeScore(
            code=leaf.code,
            title=criterion.title,
            depth=self.depths[leaf.slot],
            role=criterion.role,
            is_leaf=True,
            published_max=maximum,
            max_points=maximum if max_points is None else max_points,
            points=points,
            points_display=points_display,
            rule_points=rule_points,
            applicable=applicable,
            complete=complete,
            open_points=maximum if open_points is None else open_points,
            figure=figure,
            value=value,
            matched=matched,
            explanation=explanation,
        )

    def not_applicable(self, leaf: Leaf) -> Result:
        """A leaf's result for NA (không áp dụng), by the criterion's or the set's policy."""
        policy = leaf.criterion.na_policy or self.na_policy
        maximum = leaf.maximum
        figure = str(NA)
        if policy is NAPolicy.FULL_POINTS:
            node = self.leaf_node(
                leaf,
                points=maximum,
                points_display=self.display(maximum),
                rule_points=maximum,
                complete=True,
                open_points=_ZERO,
                figure=figure,
                explanation=_NA_FULL,
            )
            return node, ()
        if policy is NAPolicy.NOT_ALLOWED:
            node = self.leaf_node(leaf, figure=figure, explanation=_NA_REFUSED)
            return node, (finding("na-not-allowed", leaf.code),)
        node = self.leaf_node(
            leaf,
            max_points=_ZERO,
            applicable=False,
            complete=True,
            open_points=_ZERO,
            figure=figure,
            explanation=LazyText(excluded, maximum),
        )
        return node, ()

    # ------------------------------------------------------------ groups

    def group_node(self, group: Group, sums: Sums, children: list[NodeScore]) -> NodeScore:
        """A group's node, from its sums and its children's nodes."""
        criterion = group.criterion
        return NodeScore(
            code=group.code,
            title=criterion.title,
            depth=self.depths[group.slot],
            role=criterion.role,
            is_leaf=False,
            published_max=criterion.max_points,
            max_points=sums.max_points,
            points=sums.points,
            points_display=None if sums.points is None else self.display(sums.points),
            rule_points=sums.unheld,
            applicable=sums.applicable,
            complete=sums.complete,
            open_points=sums.open_points,
            explanation=LazyText(
                group_explanation, children, sums.redistributed, group.policy, sums.unheld
            ),
            children=tuple(c.code for c in children),
        )

    def display(self, value: Decimal) -> Decimal:
        """``value`` as reports show it (``RoundingPolicy.display``): the set's rounding,
        else two decimals, half up."""
        return self.rounding.display(value)

    def round(self, value: Decimal) -> Decimal:
        """``value`` rounded by the set's rounding policy (itself when it has none): what
        declared scores are compared with."""
        policy = self.rounding
        if policy.places is None:
            return value
        return round_points(value, policy.places, policy.mode)
