"""Scoring: a unit's answers against a criterion set → a :class:`Scorecard`.

Every problem that is the data's fault — an unanswered criterion, a figure outside its domain, a
value no band covers, a rule that would exceed its max, a declared score that disagrees with the
figures — becomes a :class:`~cchc_criteria.Finding` on the scorecard, never an exception.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, localcontext

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
    Outcome,
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
from cchc_criteria.rules.kinds import RuleKind, RuleKinds
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
        scorer = _Scorer(criterion_set, assessment, kinds or rule_kinds())
        return scorer.run(tuple(set_findings))


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


class _Scorer:
    """One scoring run; collects findings while it walks the tree."""

    def __init__(
        self, criterion_set: CriterionSet, assessment: Assessment, kinds: RuleKinds
    ) -> None:
        self.kinds = kinds
        self.set = criterion_set
        self.assessment = assessment
        self.findings: list[Finding] = []
        self.nodes: dict[str, NodeScore] = {}

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

    def run(self, set_findings: tuple[Finding, ...]) -> Scorecard:
        self._check_codes()
        self._check_period()
        roots = [self._node(criterion, 1) for criterion in self.set.criteria]
        sums = _aggregate(roots, self.set.max_points)
        total = _ZERO if sums.points is None else sums.points
        if sums.held:
            self.finding("group-held", variant="set", sum=sums.unheld, max=sums.max_points)
        complete = sums.complete
        grade = self._grade(total, sums.max_points) if complete else None
        # self.nodes is filled children first, so one pass reaches every ancestor.
        touched: set[str] = set()
        for code, node in self.nodes.items():
            if node.figure is not None or any(child in touched for child in node.children):
                touched.add(code)
        lint_findings = tuple(
            f for f in set_findings if f.criterion in touched or (not f.criterion and complete)
        )
        return Scorecard(
            criterion_set=self.set,
            assessment=self.assessment,
            nodes={c.code: self.nodes[c.code] for c in self.set.walk()},
            roots=tuple(r.code for r in roots),
            points=total,
            rounded=self._round(total),
            max_points=sums.max_points,
            open_points=sums.open_points,
            complete=complete,
            findings=tuple(self.findings),
            grade=grade,
            lint_findings=lint_findings,
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
        seen: set[str] = set()
        leaves: set[str] = set()
        # A code used twice is the set's mistake: lint reports it (duplicate-code).
        for criterion in self.set.walk():
            seen.add(criterion.code)
            if criterion.is_leaf:
                leaves.add(criterion.code)
        known = list(seen)
        tables = {
            "answers": self.assessment.answers,
            "self_assessed": self.assessment.self_assessed,
            "appraised": self.assessment.appraised,
        }
        for table, mapping in tables.items():
            for code in mapping:
                if code not in seen:
                    self.finding(
                        "unknown-criterion",
                        code,
                        table=table,
                        code=code,
                        set_id=self.set.id,
                        suggestion=_suggest(code, known),
                    )
                elif table == "answers" and code not in leaves:
                    self.finding("answer-for-group", code, code=code)

    # ---------------------------------------------------------------- nodes

    def _node(self, criterion: Criterion, depth: int) -> NodeScore:
        node = (
            self._leaf(criterion, depth)
            if criterion.rule is not None
            else self._group(criterion, depth)
        )
        node = self._declared(criterion, node)
        self.nodes.setdefault(criterion.code, node)
        return node

    def _leaf(self, criterion: Criterion, depth: int) -> NodeScore:
        assert criterion.rule is not None
        code = criterion.code
        maximum = criterion.max_points
        answer = self.assessment.answers.get(code)
        if answer is None:
            self.finding("unanswered", code, max=maximum)
            return self._leaf_score(criterion, depth, explanation=_NOT_ANSWERED)
        if answer is NA:
            return self._not_applicable(criterion, depth)
        rule = criterion.rule
        kind = self.kinds.of_rule(rule)
        if kind is not None and kind.bind is not None:
            rule = kind.bind(rule, self.assessment)  # a rule chosen by the unit's group, …
        outcome = _outcome(criterion, rule, kind, answer)
        for f in outcome.findings:
            self.findings.append(attrs.evolve(f, criterion=code))
        if getattr(rule, "scale", None) is Scale.PERCENT:
            self._fraction_for_percent(code, answer, outcome.value)
        points = outcome.points
        held = points
        if points is not None and points > maximum:
            held = maximum
            self.finding("held-to-max", code, points=points, figure=outcome.figure, max=maximum)
        elif points is not None and points < 0:
            held = _ZERO
            self.finding("held-to-zero", code, points=points, figure=outcome.figure)
        return self._leaf_score(
            criterion,
            depth,
            points=held,
            rounded=None if held is None else self._round(held),
            rule_points=outcome.exact if outcome.exact is not None else points,
            complete=held is not None,
            open_points=_ZERO if held is not None else maximum,
            figure=outcome.figure,
            value=outcome.value,
            matched=outcome.matched,
            explanation=outcome.explanation,
        )

    def _leaf_score(
        self,
        criterion: Criterion,
        depth: int,
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
        """A leaf's score: unscored (its whole max open) unless told otherwise."""
        code = criterion.code
        maximum = criterion.max_points
        return NodeScore(
            code=code,
            title=criterion.title,
            depth=depth,
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
            evidence=self.assessment.evidence.get(code, ()),
            unit_explanation=self.assessment.explanations.get(code, ""),
        )

    def _fraction_for_percent(self, code: str, answer: object, value: Decimal | None) -> None:
        """Warn when a bare number between 0 and 1 is given where a percentage is expected:
        "0,95" is read as 0,95 % as typed, though 95 % was most likely meant."""
        if value is None or not 0 < value < 1 or isinstance(answer, bool):
            return
        if isinstance(answer, str) and ("%" in answer or "/" in answer):
            return
        if not isinstance(answer, str | int | float | Decimal):
            return
        self.finding("fraction-for-percent", code, answer=answer, shown=value, meant=value * 100)

    def _not_applicable(self, criterion: Criterion, depth: int) -> NodeScore:
        policy = criterion.na_policy or self.set.na_policy
        maximum = criterion.max_points
        if policy is NAPolicy.FULL_POINTS:
            return self._leaf_score(
                criterion,
                depth,
                points=maximum,
                rounded=self._round(maximum),
                rule_points=maximum,
                complete=True,
                open_points=_ZERO,
                figure=str(NA),
                explanation=_NA_FULL,
            )
        if policy is NAPolicy.NOT_ALLOWED:
            self.finding("na-not-allowed", criterion.code)
            return self._leaf_score(criterion, depth, figure=str(NA), explanation=_NA_REFUSED)
        return self._leaf_score(
            criterion,
            depth,
            max_points=_ZERO,
            applicable=False,
            complete=True,
            open_points=_ZERO,
            figure=str(NA),
            explanation=LazyText(_excluded, maximum),
        )

    def _group(self, criterion: Criterion, depth: int) -> NodeScore:
        children = [self._node(child, depth + 1) for child in criterion.children]
        sums = _aggregate(children, criterion.max_points)
        if sums.held:
            self.finding("group-held", criterion.code, sum=sums.unheld, max=sums.max_points)
        return NodeScore(
            code=criterion.code,
            title=criterion.title,
            depth=depth,
            role=criterion.role,
            is_leaf=False,
            published_max=criterion.max_points,
            max_points=sums.max_points,
            points=sums.points,
            rounded=None if sums.points is None else self._round(sums.points),
            rule_points=sums.unheld,
            applicable=sums.applicable,
            complete=sums.complete,
            open_points=sums.open_points,
            explanation=LazyText(_group_explanation, children),
            evidence=self.assessment.evidence.get(criterion.code, ()),
            unit_explanation=self.assessment.explanations.get(criterion.code, ""),
            children=tuple(c.code for c in children),
        )

    # ---------------------------------------------------------------- declared scores

    def _declared(self, criterion: Criterion, node: NodeScore) -> NodeScore:
        if not self.assessment.self_assessed and not self.assessment.appraised:
            return node  # nothing declared: nothing to check
        values: dict[str, Decimal | None] = {}
        for table, label in (
            ("self_assessed", Text("tự đánh giá", "self-assessed")),
            ("appraised", Text("thẩm định", "appraised")),
        ):
            mapping: Mapping[str, object] = getattr(self.assessment, table)
            values[table] = self._check_declared(
                criterion, node, mapping, table.replace("_", "-"), label
            )
        if values["self_assessed"] is None and values["appraised"] is None:
            return node
        return attrs.evolve(
            node, self_assessed=values["self_assessed"], appraised=values["appraised"]
        )

    def _check_declared(
        self,
        criterion: Criterion,
        node: NodeScore,
        mapping: Mapping[str, object],
        kind: str,
        label: Text,
    ) -> Decimal | None:
        code = criterion.code
        raw = mapping.get(code)
        if raw is None:
            if mapping and node.is_leaf and node.points is not None:
                self.finding(f"{kind}-missing", code, points=node.points)
            return None
        try:
            declared = to_decimal(raw)
        except NumberFormatError as error:
            self.finding(
                "invalid-declared-score",
                code,
                label=label,
                raw=raw,
                error=error.text,
            )
            return None
        if not _ZERO <= declared <= criterion.max_points:
            self.finding(
                "declared-score-out-of-range",
                code,
                label=label,
                declared=declared,
                max=criterion.max_points,
            )
        if node.points is None or not node.complete:
            if node.applicable:
                self.finding(f"{kind}-unchecked", code, declared=declared)
        elif declared not in (node.points, node.rounded):
            self.finding(f"{kind}-differs", code, declared=declared, points=node.points)
        return declared

    # ---------------------------------------------------------------- totals

    def _round(self, value: Decimal) -> Decimal:
        policy = self.set.rounding
        if policy.places is None:
            return value
        return round_points(value, policy.places, policy.mode)

    def _grade(self, points: Decimal, max_points: Decimal) -> str | None:
        index = _index(points, max_points)
        if index is None or not self.set.grades:
            return None
        for grade in self.set.grades:
            if grade.contains(index):
                return grade.label
        self.finding("no-grade", index=index)
        return None


#: Outcomes of pure rules (``RuleKind.pure``) already computed, by criterion and answer: the
#: units of a cohort give the same answers ("Có", 3, "Hoàn thành tốt") again and again. Equal
#: criteria have equal rules and maxima, so they share their outcomes; a criterion's entry
#: goes with it. At most ``_MAX_OUTCOMES`` answers are kept per criterion.
_OUTCOMES: weakref.WeakKeyDictionary[Criterion, dict[tuple[type, str], Outcome]] = (
    weakref.WeakKeyDictionary()
)
_MAX_OUTCOMES = 128
_CACHED_ANSWERS = (str, bool, int, float, Decimal, date)


def _outcome(criterion: Criterion, rule: Rule, kind: RuleKind | None, answer: object) -> Outcome:
    """``rule.score(answer, max)``, reused for an answer already scored when the rule is
    pure and is the criterion's own (not one bound to the unit), of its kind's own class."""
    maximum = criterion.max_points
    if (
        kind is None
        or not kind.pure
        or rule is not criterion.rule
        or type(rule) is not kind.rule_class
        or not isinstance(answer, _CACHED_ANSWERS)
    ):
        return rule.score(answer, maximum)
    # The type keeps True apart from 1; the text keeps Decimal("1.0") apart from Decimal("1"),
    # whose figures read differently.
    key = (type(answer), str(answer))
    known = _OUTCOMES.get(criterion)
    if known is None:
        known = _OUTCOMES[criterion] = {}
    outcome = known.get(key)
    if outcome is None:
        outcome = rule.score(answer, maximum)
        if len(known) < _MAX_OUTCOMES:
            known[key] = outcome
    return outcome


@attrs.frozen
class _Sums:
    """What a group's children add up to.

    Attributes:
        points: the sum held to [0, max]; ``None`` when no child is scored.
        unheld: the sum before it was held (deductions subtracted).
        max_points: the published max less every excluded (not applicable) score child's.
        applicable: False when every score child is not applicable.
        complete: True when every child is complete.
        open_points: the max points of score children still unscored.
    """

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


def _aggregate(children: list[NodeScore], published_max: Decimal) -> _Sums:
    """Sum children: score and bonus children add, deductions subtract; the result is held to
    [0, max]. The max is the published max less the max of every excluded (not applicable)
    score criterion below."""
    score_children = [c for c in children if c.role is Role.SCORE]
    excluded = sum((c.published_max - c.max_points for c in score_children), _ZERO)
    maximum = max(published_max - excluded, _ZERO)
    applicable = not score_children or any(c.applicable for c in score_children)
    if not applicable:
        maximum = _ZERO
    complete = all(c.complete for c in children)
    open_points = sum((c.open_points for c in score_children), _ZERO)
    scored = [c for c in children if c.points is not None]
    if not scored:
        return _Sums(None, None, maximum, applicable, complete, open_points)
    total = _ZERO
    for child in scored:
        assert child.points is not None
        total += -child.points if child.role is Role.DEDUCTION else child.points
    held = min(max(total, _ZERO), maximum)
    return _Sums(held, total, maximum, applicable, complete, open_points)


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
