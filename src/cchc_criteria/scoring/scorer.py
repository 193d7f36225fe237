"""Scoring: a unit's answers against a criterion set → a `Scorecard`.

Every problem that is the data's fault — an unanswered criterion, a figure outside its domain, a
value no band covers, a rule that would exceed its max, a declared score that disagrees with the
figures — becomes a `Finding` on the scorecard, never an exception.

A unit is scored along the set's plan (``scoring._plan``): one pass, children first. The
scorecard keeps the unit's answers, the leaves' nodes that cannot be made again from them and
the totals; it makes every node when its nodes are first read (`scoring._nodes.Nodes`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, localcontext

import attrs

from cchc_criteria._values import remember, remembered
from cchc_criteria.dates import format_date, parse_period
from cchc_criteria.errors import ArgumentError, CchcError, NumberFormatError
from cchc_criteria.model import (
    NA,
    Assessment,
    Criterion,
    CriterionSet,
    Finding,
    finding,
)
from cchc_criteria.numbers import SUM_CONTEXT, round_points, to_decimal
from cchc_criteria.rules.kinds import RuleKinds
from cchc_criteria.scoring._grading import grade_with_conditions
from cchc_criteria.scoring._nodes import Nodes
from cchc_criteria.scoring._plan import Plan, plan_of
from cchc_criteria.scoring._scope import outside as outside_of
from cchc_criteria.scoring._scope import outside_node
from cchc_criteria.scoring._steps import Group, Leaf
from cchc_criteria.scoring._tally import Sums, Tally, is_plain
from cchc_criteria.scoring.card import NodeScore, Scorecard, _accepted, _index, _suggest
from cchc_criteria.text import Text, shown

__all__ = ["as_assessment", "score"]

_ZERO = Decimal(0)
_DECLARED = (
    ("self_assessed", "self-assessed", Text("tự đánh giá", "self-assessed")),
    ("appraised", "appraised", Text("thẩm định", "appraised")),
)


def score(
    criterion_set: CriterionSet,
    answers: Assessment | Mapping[str, object],
    *,
    set_findings: Iterable[Finding] = (),
    kinds: RuleKinds,
) -> Scorecard:
    """Score a unit's answers (or a whole `Assessment`) against a set.

    ``answers`` maps criterion codes to declared figures: a number or rate (``"93%"``,
    ``"93,5 %"``, ``"3/41"``), ``True``/``False`` or "Có"/"Không", an option's label, a
    `ChosenBand`, or `NA`. Criteria left out are
    unscored, not zero.

    ``set_findings`` are findings about the set as published (from lint); the scorecard
    carries those that touch the criteria it scored (``Scorecard.lint_findings``). This module
    does no lint itself: `cchc_criteria.score` passes the set's lint findings in.

    Args:
        criterion_set: the set to score against.
        answers: an `Assessment`, or a mapping of criterion codes to answers.
        set_findings: lint findings about the set, carried by the cards they touch.
        kinds: the rule kinds of the set's rules.

    Returns:
        The unit's `Scorecard`.
    """
    if not isinstance(criterion_set, CriterionSet):
        raise ArgumentError(
            f"score() takes a CriterionSet first, got {type(criterion_set).__name__}; "
            "use cc.get_set(id) or cc.load_set(path)"
        )
    assessment = as_assessment(answers)
    # Sums of accepted numbers are exact in this context; divisions round once (decimal_of).
    with localcontext(SUM_CONTEXT):
        plan = plan_of(criterion_set, kinds)
        return _Run(plan, criterion_set, assessment).card(tuple(set_findings))


def as_assessment(answers: Assessment | Mapping[str, object]) -> Assessment:
    """``answers`` as an Assessment (a mapping of codes to answers is one's answers)."""
    if isinstance(answers, Assessment):
        return answers
    if isinstance(answers, Mapping):
        return Assessment(answers=answers)
    raise ArgumentError(
        "scoring takes an Assessment or a mapping of criterion codes to answers, got "
        f"{type(answers).__name__} {shown(answers, quoted=True):.60}"
    )


class _Run:
    """One unit scored along a plan; collects findings in document order, children first."""

    def __init__(self, plan: Plan, criterion_set: CriterionSet, assessment: Assessment) -> None:
        self.plan = plan
        self.set = criterion_set
        self.assessment = assessment
        self.findings: list[Finding] = []
        # The leaves the plain pass settled as the general pass does (`_settle`), by slot:
        # the node a scorecard keeps (None: made again from the answer) and its findings.
        self.settled: dict[int, tuple[NodeScore | None, tuple[Finding, ...]]] = {}
        # The declared scores the unit gives (self-assessed, appraised), each table once.
        self.declared: tuple[tuple[Mapping[str, object], str, Text], ...] = tuple(
            (mapping, kind, label)
            for table, kind, label in _DECLARED
            if (mapping := getattr(assessment, table))
        )

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
        self._check_group()
        answers = assessment.answers
        declared = bool(self.declared)
        findings = self.findings
        # The criteria this unit's group is outside of: not applicable, their max removed.
        outside = outside_of(plan, assessment.group)
        # Fewer answers than leaf codes: one is left out (a draft), which the plain pass
        # would find only part way through; the general pass scores it from the start.
        drafted = len(answers) < len(plan.leaf_codes)
        plain = None if outside or drafted else plan.plain_pass()
        done = None if plain is None else plain.slots(answers.get, self._settle)
        if done is not None and not (declared and done[2]):
            # Every leaf answered and plain, every sum within its max: nothing to keep but the
            # totals and the leaves settled; their findings and the declared scores' (no NA)
            # in the general pass's order.
            total, slots, lowered = done
            maximum, removed = lowered or (plan.total_max, {})
            settled = self.settled
            for step in plan.steps if declared else ():
                if settled and step.slot in settled:
                    findings.extend(settled[step.slot][1])
                self._check_declared(step.criterion, type(step) is Leaf, slots[step.slot])
            kept_settled = plan.kept_none
            if settled:
                if not declared:
                    for _, found in settled.values():
                        findings.extend(found)
                kept_settled = tuple(
                    settled[s][0] if s in settled else None for s in range(plan.size)
                )
            return self._card(
                set_findings,
                total,
                maximum,
                _ZERO,
                True,
                kept_settled,
                tuple(
                    (slots[s], removed[s][2] if s in removed else m)
                    for s, m in zip(plan.roots, plan.root_maxima, strict=True)
                ),
                every_leaf_answered=True,
            )
        tally = Tally(plan)
        points = tally.points
        # The leaves' nodes a scorecard keeps (None: made again from the answer when read).
        kept: list[NodeScore | None] = [None] * plan.size
        for index, step in enumerate(plan.steps):
            slot = step.slot
            if type(step) is Leaf:
                answer = answers.get(step.code)
                if step.code in outside:
                    node = outside_node(plan, step)
                    tally.put(index, slot, node, scoped=True)
                    kept[slot] = node  # the answer alone would not make it again
                    if declared:
                        self._check_declared(step.criterion, True, None, None, True, False)
                    continue
                fast = step.fast or plan.fast_scorer(step)
                if fast is not None and answer is not None and answer is not NA:
                    quick = remembered(fast, step.points_seen, answer)
                    if quick is not None and _ZERO <= quick <= step.maximum:
                        points[slot] = quick
                        if declared:
                            self._check_declared(step.criterion, True, quick)
                        continue
                (node, found), keep = plan.leaf_result(step, answer, assessment)
                if found:
                    findings.extend(found)
                tally.put(index, slot, node)
                if keep:
                    kept[slot] = node
                if declared:
                    self._check_declared(
                        step.criterion,
                        True,
                        node.points,
                        None,  # compared as the set rounds (not as reports show it)
                        node.complete,
                        node.applicable,
                    )
                continue
            assert isinstance(step, Group)
            added = tally.add_up(index, step)
            if isinstance(added, Sums):
                if added.held:
                    self.finding("group-held", step.code, sum=added.unheld, max=added.max_points)
                if declared:
                    rounded = None if added.points is None else plan.round(added.points)
                    self._check_declared(
                        step.criterion,
                        False,
                        added.points,
                        rounded,
                        added.complete,
                        added.applicable,
                    )
            elif declared:
                self._check_declared(step.criterion, False, added)
        sums = tally.total(plan.roots, self.set.max_points, plan.root_policy, plan.total)
        total = _ZERO if sums.points is None else sums.points
        if sums.held:
            self.finding("group-held", variant="set", sum=sums.unheld, max=sums.max_points)
        return self._card(
            set_findings,
            total,
            sums.max_points,
            sums.open_points,
            sums.complete,
            tuple(kept),
            tuple((points[s], tally.maxima[s]) for s in plan.roots),
        )

    def _settle(self, leaf: Leaf, answer: object) -> Decimal | None:
        """The points of an answer ``leaf``'s fast scorer does not take, as the general pass
        settles it, when its node is plain (`is_plain`, within the leaf's max); its node and
        findings are kept for the card. ``None`` for any other node: the general pass. A
        pure rule's points that come with no finding ("3/41", whose quotient never ends)
        join the leaf's memo, as a fast scorer's would."""
        (node, found), keep = self.plan.leaf_result(leaf, answer, self.assessment)
        points = node.points
        if points is None or not is_plain(node) or not _ZERO <= points <= leaf.maximum:
            return None
        if found or not leaf.reuse:
            self.settled[leaf.slot] = (node if keep else None, found)
        else:
            remember(leaf.points_seen, answer, points)
        return points

    def _card(
        self,
        set_findings: tuple[Finding, ...],
        total: Decimal,
        max_points: Decimal,
        open_points: Decimal,
        complete: bool,
        kept: tuple[NodeScore | None, ...],
        areas: tuple[tuple[Decimal | None, Decimal], ...],
        every_leaf_answered: bool = False,
    ) -> Scorecard:
        grade = self._grade(total, max_points) if complete and _accepted(self.findings) else None
        card = Scorecard(
            criterion_set=self.set,
            assessment=self.assessment,
            nodes=Nodes(self.plan, kept, self.assessment),
            roots=self.plan.root_codes,
            points=total,
            points_display=self.plan.display(total),
            max_points=max_points,
            open_points=open_points,
            complete=complete,
            findings=tuple(self.findings),
            grade=grade,
            lint_findings=self._lint_findings(set_findings, complete, every_leaf_answered),
            area_totals=areas,
            set_findings=set_findings,
        )
        if grade is None or card.index is None:
            return card
        banded = next(g for g in self.set.grades if g.label == grade and g.contains(card.index))
        if not banded.requires:  # the grade of the band needs nothing more
            return card
        label, found = grade_with_conditions(
            self.set.grades, card.index, banded, card.__getitem__, self.plan.leaves_below
        )
        return attrs.evolve(card, grade=label, findings=card.findings + found)

    def _lint_findings(
        self, set_findings: tuple[Finding, ...], complete: bool, every_leaf_answered: bool
    ) -> tuple[Finding, ...]:
        """The set's findings about the criteria this card scored (an answer at or below them:
        any leaf, when every leaf has one), or about the whole set when the card is complete."""
        answers, below = self.assessment.answers, self.plan.leaves_below
        every = every_leaf_answered or (
            answers.keys() >= self.plan.leaf_codes and None not in answers.values()
        )

        def scored(code: str) -> bool:
            leaves = below(code)  # none for a code the set does not have
            return bool(leaves) if every else any(answers.get(c) is not None for c in leaves)

        def touching() -> tuple[Finding, ...]:
            return tuple(
                f for f in set_findings if (scored(f.criterion) if f.criterion else complete)
            )

        if not every:
            return touching()
        # The same for every card of the plan with every leaf answered: worked out once.
        given, carried = self.plan.carried.get(complete, ((), ()))
        if given is not set_findings:
            carried = touching()
            self.plan.carried[complete] = (set_findings, carried)
        return carried

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

    def _check_group(self) -> None:
        """Warn when the set declares its groups and the unit's is none of them."""
        groups = self.set.groups
        if groups and self.set.group_named(self.assessment.group) is None:
            self.finding("unknown-group", group=self.assessment.group, groups=", ".join(groups))

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
        rounded: Decimal | None = None,
        complete: bool = True,
        applicable: bool = True,
    ) -> None:
        """Check the scores the unit declares for ``criterion`` against its ``points``; a
        declared score may also equal the points as the set rounds them (``rounded``, or
        worked out here when not given and needed)."""
        code = criterion.code
        for mapping, kind, label in self.declared:
            raw = mapping.get(code)
            if raw is None:
                if is_leaf and points is not None:
                    self.finding(f"{kind}-missing", code, points=points)
                continue
            if type(raw) is Decimal and raw == points:
                declared = raw  # what the unit declares is the node's own points: a number
            else:
                try:
                    declared = to_decimal(raw)
                except NumberFormatError as error:
                    self.finding(
                        "invalid-declared-score", code, label=label, raw=raw, error=error.text
                    )
                    continue
            if not _ZERO <= declared <= criterion.max_points:
                self.finding(
                    "declared-score-out-of-range",
                    code,
                    label=label,
                    declared=declared,
                    max=criterion.max_points,
                )
            if points is None or not complete:
                if applicable:
                    self.finding(f"{kind}-unchecked", code, declared=declared)
            elif declared != points:
                if rounded is None:
                    rounded = self.plan.round(points)
                places = self.set.rounding.declared
                if declared != rounded and (
                    places is None or declared != round_points(points, places)
                ):
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
