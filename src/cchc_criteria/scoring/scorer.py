"""Scoring: a unit's answers against a criterion set → a :class:`Scorecard`.

Every problem that is the data's fault — an unanswered criterion, a figure outside its domain, a
value no band covers, a rule that would exceed its max, a declared score that disagrees with the
figures — becomes a :class:`~cchc_criteria.Finding` on the scorecard, never an exception.
"""

from __future__ import annotations

import weakref
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal, localcontext
from typing import Protocol

import attrs

from cchc_criteria.dates import format_date, parse_period
from cchc_criteria.errors import ArgumentError, CchcError, NumberFormatError
from cchc_criteria.model import (
    NA,
    Assessment,
    Criterion,
    CriterionSet,
    Finding,
    NAPolicy,
    Role,
    Rule,
    Scale,
    finding,
)
from cchc_criteria.numbers import (
    SUM_CONTEXT,
    format_number,
    round_points,
    to_decimal,
)
from cchc_criteria.registry import rule_kinds
from cchc_criteria.rules.kinds import RuleKinds
from cchc_criteria.scoring.card import NodeScore, Scorecard, _index, _suggest
from cchc_criteria.text import Lang, LazyText, Text

__all__ = ["as_assessment", "score"]

_ZERO = Decimal(0)
_NOT_ANSWERED = Text("chưa kê khai", "not answered")
_NA_FULL = Text(
    "không áp dụng: đạt điểm tối đa theo bộ tiêu chí", "not applicable: the set awards the full max"
)
_NA_REFUSED = Text("không được đánh giá là không áp dụng", "cannot be not applicable")


def score(
    criterion_set: CriterionSet,
    answers: Assessment | Mapping[str, object],
    *,
    set_findings: Iterable[Finding] = (),
    kinds: RuleKinds | None = None,
) -> Scorecard:
    """Score a unit's answers (or a whole :class:`~cchc_criteria.Assessment`) against a set.

    ``answers`` maps criterion codes to declared figures: a number or rate (``"93%"``,
    ``"93,5 %"``, ``"3/41"``), ``True``/``False`` or "Có"/"Không", an option's label, a
    :class:`~cchc_criteria.ChosenBand`, or :data:`~cchc_criteria.NA`. Criteria left out are
    unscored, not zero.

    ``set_findings`` are findings about the set as published (from lint); the scorecard
    carries those that touch the criteria it scored (``Scorecard.lint_findings``). This module
    does no lint itself: :func:`cchc_criteria.score` passes the set's lint findings in.
    """
    if not isinstance(criterion_set, CriterionSet):
        raise ArgumentError(
            f"score() takes a CriterionSet first, got {type(criterion_set).__name__}; "
            "use cc.get_set(id) or cc.load_set(path)"
        )
    assessment = as_assessment(answers)
    # Sums of accepted numbers are exact in this context; divisions round once (decimal_of).
    with localcontext(SUM_CONTEXT):
        plan = _plan_of(criterion_set, kinds or rule_kinds())
        return _Run(plan, criterion_set, assessment).card(tuple(set_findings))


def as_assessment(answers: Assessment | Mapping[str, object]) -> Assessment:
    """``answers`` as an Assessment (a mapping of codes to answers is one's answers)."""
    if isinstance(answers, Assessment):
        return answers
    if isinstance(answers, Mapping):
        return Assessment(answers=answers)
    raise ArgumentError(
        "scoring takes an Assessment or a mapping of criterion codes to answers, got "
        f"{type(answers).__name__} {answers!r:.60}"
    )


#: Scoring plans by set: each set is compiled once (see :class:`_Plan`) and its plan lives as
#: long as the set does. Equal sets share a plan.
_PLANS: weakref.WeakKeyDictionary[CriterionSet, _Plan] = weakref.WeakKeyDictionary()
#: A leaf keeps the results of at most this many distinct answers (pure rule kinds only).
_MAX_OUTCOMES = 128
_CACHED_ANSWERS = (str, bool, int, float, Decimal, date)
_DECLARED = (
    ("self_assessed", "self-assessed", Text("tự đánh giá", "self-assessed")),
    ("appraised", "appraised", Text("thẩm định", "appraised")),
)

#: A leaf's result for one answer: its node (without the unit's evidence, explanation and
#: declared scores) and the findings about the answer.
_Result = tuple[NodeScore, tuple[Finding, ...]]


def _plan_of(criterion_set: CriterionSet, kinds: RuleKinds) -> _Plan:
    plan = _PLANS.get(criterion_set)
    if plan is None or plan.kinds is not kinds:
        plan = _PLANS[criterion_set] = _Plan(criterion_set, kinds)
    return plan


class _Leaf:
    """A criterion scored by a rule, compiled: its rule and kind, what an unanswered or
    not-applicable answer gives, and the results of the answers already scored (when the
    rule is pure: ``RuleKind.pure``, its kind's own class, not bound to the unit)."""

    __slots__ = (
        "bind",
        "code",
        "criterion",
        "known",
        "maximum",
        "not_applicable",
        "percent",
        "reuse",
        "rule",
        "slot",
        "unanswered",
    )

    def __init__(self, plan: _Plan, criterion: Criterion, rule: Rule, slot: int) -> None:
        kind = plan.kinds.of_rule(rule)
        self.slot = slot
        self.criterion = criterion
        self.code = criterion.code
        self.maximum = criterion.max_points
        self.rule = rule
        self.bind = None if kind is None else kind.bind
        self.reuse = _reusable(rule, self.maximum, plan.kinds)
        self.percent = getattr(rule, "scale", None) is Scale.PERCENT
        self.known: dict[Hashable, _Result] = {}
        self.unanswered: _Result = (
            plan.leaf_node(self, explanation=_NOT_ANSWERED),
            (finding("unanswered", self.code, max=self.maximum),),
        )
        self.not_applicable = plan.not_applicable(self)


def _reusable(rule: Rule, max_points: Decimal, kinds: RuleKinds) -> bool:
    """Whether the outcome of ``rule`` for an answer can be kept and given again: its kind is
    pure (``RuleKind.pure``), not bound to the unit, and so is every rule it holds."""
    kind = kinds.of_rule(rule)
    if kind is None or not kind.pure or kind.bind is not None or type(rule) is not kind.rule_class:
        return False
    if kind.parts is None:
        return True
    return all(_reusable(part, most, kinds) for _, part, most in kind.parts(rule, max_points))


def _answer_key(answer: object) -> Hashable | None:
    """What tells an answer apart from every other, or ``None`` when it cannot be told.

    The type keeps ``True`` apart from ``1``; the text keeps ``Decimal("1.0")`` apart from
    ``Decimal("1")``, whose figures read differently. A table (the figures of a rule's parts)
    is told by its names and figures, in order.
    """
    kind = type(answer)
    if kind in _CACHED_ANSWERS:
        return kind, str(answer)
    if kind is dict:
        assert isinstance(answer, dict)
        items = []
        for name, figure in answer.items():
            key = _answer_key(figure)
            if key is None or type(name) is not str:
                return None
            items.append((name, key))
        return dict, tuple(items)
    return None


class _Group:
    """A criterion that sums its children (the slots of their nodes)."""

    __slots__ = ("children", "code", "criterion", "slot")

    def __init__(self, criterion: Criterion, slot: int, children: tuple[int, ...]) -> None:
        self.criterion = criterion
        self.code = criterion.code
        self.slot = slot
        self.children = children


class _Plan:
    """A criterion set compiled for scoring many units.

    Every node has a slot (its place in document order). ``steps`` lists the nodes children
    first, so one pass over it scores a unit: each leaf's result, then each group's sum of its
    children's slots. Scoring builds no node of a group; the scorecard makes those views
    when they are first read (:class:`_Nodes`).
    """

    def __init__(self, criterion_set: CriterionSet, kinds: RuleKinds) -> None:
        self.kinds = kinds
        self.rounding = criterion_set.rounding
        self.na_policy = criterion_set.na_policy
        self.depths: list[int] = []
        self.steps: list[_Leaf | _Group] = []
        roots: list[int] = []
        # (criterion, depth, the slots of its parent's children) to visit, or
        # (criterion, slot, its children's slots) to finish once its children are done.
        work: list[tuple[Criterion, int, list[int]]] = [
            (c, 1, roots) for c in reversed(criterion_set.criteria)
        ]
        finish: list[tuple[Criterion, int, list[int]] | None] = [None] * len(work)
        while work:
            criterion, depth, siblings = work.pop()
            done = finish.pop()
            if done is not None:
                group, slot, kids = done
                self.steps.append(_Group(group, slot, tuple(kids)))
                continue
            slot = len(self.depths)
            self.depths.append(depth)
            siblings.append(slot)
            if criterion.rule is not None:
                self.steps.append(_Leaf(self, criterion, criterion.rule, slot))
                continue
            children: list[int] = []
            work.append((criterion, depth, siblings))
            finish.append((criterion, slot, children))
            for child in reversed(criterion.children):
                work.append((child, depth + 1, children))
                finish.append(None)
        self.size = len(self.depths)
        self.roots = tuple(roots)
        by_slot = {step.slot: step for step in self.steps}
        self.root_codes = tuple(by_slot[slot].code for slot in roots)
        # A code published twice is the set's mistake (lint: duplicate-code); its node is the
        # first one scored, shown where the code first appears.
        self.slot_of: dict[str, int] = {}
        for step in self.steps:
            self.slot_of.setdefault(step.code, step.slot)
        self.codes = tuple(dict.fromkeys(by_slot[slot].code for slot in range(self.size)))
        self.leaf_codes = frozenset(s.code for s in self.steps if isinstance(s, _Leaf))

    # ------------------------------------------------------------ leaves

    def leaf_result(
        self, leaf: _Leaf, answer: object, assessment: Assessment
    ) -> tuple[_Result, bool]:
        """The result of ``answer``, and whether a scorecard must keep its node: not when
        the plan keeps it (a pure rule's answer already seen) or when the answer alone makes
        it again (a pure rule's answer beyond the ones the plan keeps)."""
        if answer is None:
            return leaf.unanswered, True
        if answer is NA:
            return leaf.not_applicable, True
        key = _answer_key(answer) if leaf.reuse else None
        if key is not None:
            result = leaf.known.get(key)
            if result is not None:
                return result, True
            result = self.scored(leaf, leaf.rule, answer)
            if len(leaf.known) < _MAX_OUTCOMES:
                leaf.known[key] = result
                return result, True
            return result, False
        rule = leaf.rule if leaf.bind is None else leaf.bind(leaf.rule, assessment)
        return self.scored(leaf, rule, answer), True

    def scored(self, leaf: _Leaf, rule: Rule, answer: object) -> _Result:
        code = leaf.code
        maximum = leaf.maximum
        outcome = rule.score(answer, maximum)
        found = [attrs.evolve(f, criterion=code) for f in outcome.findings]
        percent = (
            leaf.percent if rule is leaf.rule else getattr(rule, "scale", None) is Scale.PERCENT
        )
        if percent:
            found += _fraction_for_percent(code, answer, outcome.value)
        points = outcome.points
        held = points
        if points is not None and points > maximum:
            held = maximum
            found.append(
                finding("held-to-max", code, points=points, figure=outcome.figure, max=maximum)
            )
        elif points is not None and points < 0:
            held = _ZERO
            found.append(finding("held-to-zero", code, points=points, figure=outcome.figure))
        node = self.leaf_node(
            leaf,
            points=held,
            rounded=None if held is None else self.round(held),
            rule_points=outcome.exact if outcome.exact is not None else points,
            complete=held is not None,
            open_points=_ZERO if held is not None else maximum,
            figure=outcome.figure,
            value=outcome.value,
            matched=outcome.matched,
            explanation=outcome.explanation,
        )
        return node, tuple(found)

    def leaf_node(
        self,
        leaf: _Leaf,
        *,
        max_points: Decimal | None = None,
        points: Decimal | None = None,
        rounded: Decimal | None = None,
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
            rounded=rounded,
            rule_points=rule_points,
            applicable=applicable,
            complete=complete,
            open_points=maximum if open_points is None else open_points,
            figure=figure,
            value=value,
            matched=matched,
            explanation=explanation,
        )

    def not_applicable(self, leaf: _Leaf) -> _Result:
        policy = leaf.criterion.na_policy or self.na_policy
        maximum = leaf.maximum
        figure = str(NA)
        if policy is NAPolicy.FULL_POINTS:
            node = self.leaf_node(
                leaf,
                points=maximum,
                rounded=self.round(maximum),
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
            explanation=LazyText(_excluded, maximum),
        )
        return node, ()

    # ------------------------------------------------------------ groups and totals

    def group_node(self, group: _Group, children: list[NodeScore]) -> NodeScore:
        criterion = group.criterion
        sums = _aggregate(children, criterion.max_points, criterion.role)
        return NodeScore(
            code=group.code,
            title=criterion.title,
            depth=self.depths[group.slot],
            role=criterion.role,
            is_leaf=False,
            published_max=criterion.max_points,
            max_points=sums.max_points,
            points=sums.points,
            rounded=None if sums.points is None else self.round(sums.points),
            rule_points=sums.unheld,
            applicable=sums.applicable,
            complete=sums.complete,
            open_points=sums.open_points,
            explanation=LazyText(_group_explanation, children),
            children=tuple(c.code for c in children),
        )

    def round(self, value: Decimal) -> Decimal:
        policy = self.rounding
        if policy.places is None:
            return value
        return round_points(value, policy.places, policy.mode)


def _fraction_for_percent(code: str, answer: object, value: Decimal | None) -> list[Finding]:
    """A warning when a bare number between 0 and 1 is given where a percentage is expected:
    "0,95" is read as 0,95 % as typed, though 95 % was most likely meant."""
    if value is None or not 0 < value < 1 or isinstance(answer, bool):
        return []
    if isinstance(answer, str) and ("%" in answer or "/" in answer):
        return []
    if not isinstance(answer, str | int | float | Decimal):
        return []
    return [finding("fraction-for-percent", code, answer=answer, shown=value, meant=value * 100)]


class _Run:
    """One unit scored along a plan; collects findings in document order, children first."""

    def __init__(self, plan: _Plan, criterion_set: CriterionSet, assessment: Assessment) -> None:
        self.plan = plan
        self.set = criterion_set
        self.assessment = assessment
        self.findings: list[Finding] = []

    def finding(
        self,
        code: str,
        criterion: str = "",
        /,
        *,
        variant: str = "",
        value: Decimal | None = None,
        **values: object,
    ) -> None:
        self.findings.append(
            finding(code, criterion, variant=variant, band=None, value=value, **values)
        )

    def card(self, set_findings: tuple[Finding, ...]) -> Scorecard:
        plan = self.plan
        assessment = self.assessment
        self._check_codes()
        self._check_period()
        answers = assessment.answers
        declared = bool(assessment.self_assessed or assessment.appraised)
        findings = self.findings
        # Each slot's node (a leaf) or sums (a group): what its parent adds up.
        at: list[_Summable | None] = [None] * plan.size
        leaves: list[NodeScore | None] = [None] * plan.size
        for step in plan.steps:
            if type(step) is _Leaf:
                (node, found), keep = plan.leaf_result(step, answers.get(step.code), assessment)
                if found:
                    findings.extend(found)
                at[step.slot] = node
                if keep:
                    leaves[step.slot] = node
                if declared:
                    self._check_declared(step.criterion, True, node.points, node.rounded, node)
            else:
                assert isinstance(step, _Group)
                criterion = step.criterion
                sums = _aggregate(
                    [at[s] for s in step.children], criterion.max_points, criterion.role
                )
                if sums.held:
                    self.finding("group-held", step.code, sum=sums.unheld, max=sums.max_points)
                at[step.slot] = sums
                if declared:
                    rounded = None if sums.points is None else plan.round(sums.points)
                    self._check_declared(criterion, False, sums.points, rounded, sums)
        areas = [at[s] for s in plan.roots]
        sums = _aggregate(areas, self.set.max_points, Role.SCORE)
        total = _ZERO if sums.points is None else sums.points
        if sums.held:
            self.finding("group-held", variant="set", sum=sums.unheld, max=sums.max_points)
        complete = sums.complete
        grade = self._grade(total, sums.max_points) if complete else None
        return Scorecard(
            criterion_set=self.set,
            assessment=assessment,
            nodes=_Nodes(plan, tuple(leaves), assessment),
            roots=plan.root_codes,
            points=total,
            rounded=plan.round(total),
            max_points=sums.max_points,
            open_points=sums.open_points,
            complete=complete,
            findings=tuple(findings),
            grade=grade,
            lint_findings=self._lint_findings(set_findings, at, complete),
            area_totals=tuple((a.points, a.max_points) for a in areas if a is not None),
        )

    def _lint_findings(
        self,
        set_findings: tuple[Finding, ...],
        at: list[_Summable | None],
        complete: bool,
    ) -> tuple[Finding, ...]:
        """The set's findings about the criteria this card scored (or about the whole set,
        when the card is complete)."""
        if not set_findings:
            return ()
        touched: set[int] = set()
        for step in self.plan.steps:
            if type(step) is _Leaf:
                node = at[step.slot]
                if isinstance(node, NodeScore) and node.figure is not None:
                    touched.add(step.slot)
            elif isinstance(step, _Group) and any(c in touched for c in step.children):
                touched.add(step.slot)
        codes = {step.code for step in self.plan.steps if step.slot in touched}
        return tuple(
            f for f in set_findings if f.criterion in codes or (not f.criterion and complete)
        )

    # ---------------------------------------------------------------- input checks

    def _check_period(self) -> None:
        """Warn when the period assessed is not wholly within the set's period in force."""
        cs = self.set
        if not self.assessment.period or (cs.valid_from is None and cs.valid_until is None):
            return
        try:
            period = parse_period(self.assessment.period)
        except CchcError:
            return  # an assessment file reports it; one built in Python may name any period
        if not cs.covers(period.start, period.end):
            start = "…" if cs.valid_from is None else format_date(cs.valid_from)
            end = "…" if cs.valid_until is None else format_date(cs.valid_until)
            self.finding(
                "period-outside-set",
                period=self.assessment.period,
                in_force=cs.in_force_text or f"{start} – {end}",
            )

    def _check_codes(self) -> None:
        # A code used twice is the set's mistake: lint reports it (duplicate-code).
        known = self.plan.slot_of
        leaves = self.plan.leaf_codes
        tables = {
            "answers": self.assessment.answers,
            "self_assessed": self.assessment.self_assessed,
            "appraised": self.assessment.appraised,
        }
        for table, mapping in tables.items():
            for code in mapping:
                if code not in known:
                    self.finding(
                        "unknown-criterion",
                        code,
                        table=table,
                        code=code,
                        set_id=self.set.id,
                        suggestion=_suggest(code, list(self.plan.codes)),
                    )
                elif table == "answers" and code not in leaves:
                    self.finding("answer-for-group", code, code=code)

    # ---------------------------------------------------------------- declared scores

    def _check_declared(
        self,
        criterion: Criterion,
        is_leaf: bool,
        points: Decimal | None,
        rounded: Decimal | None,
        node: _Summable,
    ) -> None:
        code = criterion.code
        for table, kind, label in _DECLARED:
            mapping: Mapping[str, object] = getattr(self.assessment, table)
            raw = mapping.get(code)
            if raw is None:
                if mapping and is_leaf and points is not None:
                    self.finding(f"{kind}-missing", code, points=points)
                continue
            try:
                declared = to_decimal(raw)
            except NumberFormatError as error:
                self.finding("invalid-declared-score", code, label=label, raw=raw, error=error.text)
                continue
            if not _ZERO <= declared <= criterion.max_points:
                self.finding(
                    "declared-score-out-of-range",
                    code,
                    label=label,
                    declared=declared,
                    max=criterion.max_points,
                )
            if points is None or not node.complete:
                if node.applicable:
                    self.finding(f"{kind}-unchecked", code, declared=declared)
            elif declared not in (points, rounded):
                self.finding(f"{kind}-differs", code, declared=declared, points=points)

    # ---------------------------------------------------------------- totals

    def _grade(self, points: Decimal, max_points: Decimal) -> str | None:
        index = _index(points, max_points)
        if index is None or not self.set.grades:
            return None
        for grade in self.set.grades:
            if grade.contains(index):
                return grade.label
        self.finding("no-grade", index=index)
        return None


def _declared_value(raw: object) -> Decimal | None:
    """A declared score as read (``None`` when absent or unreadable: scoring reported it)."""
    if raw is None:
        return None
    try:
        return to_decimal(raw)
    except NumberFormatError:
        return None


class _Nodes(Mapping[str, NodeScore]):
    """A scorecard's nodes by code, in document order, made when first read.

    Scoring keeps each leaf's node (shared by every unit that gave the same answer to a pure
    rule) and the totals; the nodes of groups, and the unit's evidence, explanations and
    declared scores on each node, are put together on the first read.
    """

    __slots__ = ("_assessment", "_leaves", "_made", "_plan")

    def __init__(
        self, plan: _Plan, leaves: tuple[NodeScore | None, ...], assessment: Assessment
    ) -> None:
        self._plan = plan
        self._leaves = leaves
        self._assessment = assessment
        self._made: dict[str, NodeScore] | None = None

    def __getitem__(self, code: str) -> NodeScore:
        return self._nodes()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._plan.codes)

    def __len__(self) -> int:
        return len(self._plan.codes)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._plan.slot_of

    def __repr__(self) -> str:
        return repr(self._nodes())

    def __reduce__(self) -> tuple[type[dict[str, NodeScore]], tuple[dict[str, NodeScore]]]:
        return dict, (dict(self._nodes()),)

    def _nodes(self) -> dict[str, NodeScore]:
        if self._made is None:
            with localcontext(SUM_CONTEXT):  # the context the totals were scored in
                self._made = self._make()
        return self._made

    def _make(self) -> dict[str, NodeScore]:
        plan = self._plan
        unit = self._assessment
        personal = bool(unit.evidence or unit.explanations or unit.self_assessed or unit.appraised)
        at: list[NodeScore | None] = [None] * plan.size
        for step in plan.steps:
            if type(step) is _Leaf:
                node = self._leaves[step.slot]
                if node is None:  # a pure rule's node, made again from the answer
                    answer = unit.answers.get(step.code)
                    (node, _), _ = plan.leaf_result(step, answer, unit)
            else:
                assert isinstance(step, _Group)
                children = [at[s] for s in step.children]
                node = plan.group_node(step, children)  # type: ignore[arg-type]
            if personal:
                node = _personal(node, unit)
            at[step.slot] = node
        return {code: at[plan.slot_of[code]] for code in plan.codes}  # type: ignore[misc]


def _personal(node: NodeScore, unit: Assessment) -> NodeScore:
    """``node`` with the unit's evidence, explanation and declared scores, where it gave any."""
    code = node.code
    evidence = unit.evidence.get(code, ())
    explanation = unit.explanations.get(code, "")
    self_assessed = _declared_value(unit.self_assessed.get(code))
    appraised = _declared_value(unit.appraised.get(code))
    if not evidence and not explanation and self_assessed is None and appraised is None:
        return node
    return attrs.evolve(
        node,
        evidence=evidence,
        unit_explanation=explanation,
        self_assessed=self_assessed,
        appraised=appraised,
    )


class _Summable(Protocol):
    """What a parent reads of a child: a leaf's node or a group's sums."""

    @property
    def role(self) -> Role: ...
    @property
    def published_max(self) -> Decimal: ...
    @property
    def max_points(self) -> Decimal: ...
    @property
    def points(self) -> Decimal | None: ...
    @property
    def applicable(self) -> bool: ...
    @property
    def complete(self) -> bool: ...
    @property
    def open_points(self) -> Decimal: ...


@attrs.frozen
class _Sums:
    """What a group's children add up to.

    Attributes:
        role, published_max: the group's own, as published.
        points: the sum held to [0, max]; ``None`` when no child is scored.
        unheld: the sum before it was held (deductions subtracted).
        max_points: the published max less every excluded (not applicable) score child's.
        applicable: False when every score child is not applicable.
        complete: True when every child is complete.
        open_points: the max points of score children still unscored.
    """

    role: Role
    published_max: Decimal
    points: Decimal | None
    unheld: Decimal | None
    max_points: Decimal
    applicable: bool
    complete: bool
    open_points: Decimal

    @property
    def held(self) -> bool:
        """True when the children add up to more than the max (the sum was held)."""
        return self.unheld is not None and self.points is not None and self.unheld > self.points


def _aggregate(children: Sequence[_Summable | None], published_max: Decimal, role: Role) -> _Sums:
    """Sum children: score and bonus children add, deductions subtract; the result is held to
    [0, max]. The max is the published max less the max of every excluded (not applicable)
    score criterion below."""
    excluded = _ZERO
    open_points = _ZERO
    applicable = False
    has_score = False
    complete = True
    total: Decimal | None = None
    for child in children:
        assert child is not None  # children come before their parent
        if not child.complete:
            complete = False
        if child.role is Role.SCORE:
            has_score = True
            if child.applicable:
                applicable = True
            if child.max_points != child.published_max:
                excluded += child.published_max - child.max_points
            if child.open_points:
                open_points += child.open_points
        points = child.points
        if points is not None:
            if total is None:
                total = _ZERO
            total += -points if child.role is Role.DEDUCTION else points
    applicable = applicable or not has_score
    if not applicable:
        maximum = _ZERO
    elif excluded or published_max < 0:
        maximum = max(published_max - excluded, _ZERO)
    else:
        maximum = published_max
    if total is None:
        return _Sums(role, published_max, None, None, maximum, applicable, complete, open_points)
    held = min(max(total, _ZERO), maximum)
    return _Sums(role, published_max, held, total, maximum, applicable, complete, open_points)


def _excluded(lang: Lang, maximum: Decimal) -> str:
    if lang == "vi":
        return f"không áp dụng: {_vi(maximum)} điểm tối đa được loại khỏi tổng"
    return f"not applicable: its {_en(maximum)} max points leave the totals"


def _group_explanation(lang: Lang, children: list[NodeScore]) -> str:
    scored = [c for c in children if c.points is not None]
    if not scored:
        return "chưa có tiêu chí nào được chấm" if lang == "vi" else "nothing scored yet"
    fmt = _vi if lang == "vi" else _en
    signs = {Role.SCORE: "+", Role.BONUS: "+", Role.DEDUCTION: "−"}
    terms = " ".join(f"{signs[c.role]} {fmt(c.points)}" for c in scored if c.points is not None)
    text = ("tổng: " if lang == "vi" else "sum: ") + terms.lstrip("+ ")
    unscored = [c.code for c in children if not c.complete]
    if unscored:
        text += ("; chưa đủ: " if lang == "vi" else "; incomplete: ") + ", ".join(unscored)
    return text


def _vi(value: Decimal) -> str:
    return format_number(value, max_places=4)


def _en(value: Decimal) -> str:
    return format_number(value, lang="en", max_places=4)
