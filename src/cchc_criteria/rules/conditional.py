"""**conditional** — "đơn vị không có …: …; đơn vị có …: …": the rule that applies depends on
the unit's group, or on a yes/no the unit declares."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from cchc_criteria.errors import InvalidValueError
from cchc_criteria.model import NA, Outcome, Rule, finding
from cchc_criteria.model.finding_kinds import Category, FindingKind, Severity, entry
from cchc_criteria.rules._answers import NO_WORDS, YES_WORDS, figure_text
from cchc_criteria.rules._composite import COMPOSITE_FINDINGS, _listed, _read_rule, _write_rule
from cchc_criteria.rules.keys import mapping
from cchc_criteria.rules.kinds import Improvement, RuleKind, RuleKinds
from cchc_criteria.text import Lang, Text, fold, group_key, nfc

__all__ = ["CONDITIONAL", "Branch", "ConditionalRule"]


@attrs.frozen
class Branch:
    """One case of a conditional rule: when the condition has this value, this rule applies."""

    when: str | bool
    rule: Rule


def _branches(value: Iterable[Branch]) -> tuple[Branch, ...]:
    branches = tuple(value)
    if not branches:
        raise InvalidValueError(
            Text(
                "quy tắc có điều kiện cần ít nhất một trường hợp",
                "a conditional rule needs at least one case",
            )
        )
    return branches


@attrs.frozen
class ConditionalRule:
    """The rule that applies depends on the unit ("đơn vị có kế hoạch: …; không có: …").

    Attributes:
        on: ``"group"`` (the unit's group, from its assessment) or the name of a yes/no the
            unit declares in its answer (``{ has_plan = true, value = … }``).
        branches: the cases, each a value of the condition and its rule.
    """

    on: str = attrs.field(converter=nfc)
    branches: tuple[Branch, ...] = attrs.field(converter=_branches)

    def choose(self, value: object) -> Branch | None:
        """The branch for a value of the condition (yes/no folded; a group by its
        `group_key`, so "Nhóm A" is "a")."""
        key = group_key if self.on == "group" else fold
        for branch in self.branches:
            if isinstance(branch.when, bool):
                folded = fold(str(value)) if isinstance(value, str) else None
                if value is branch.when or (
                    folded is not None and folded in (YES_WORDS if branch.when else NO_WORDS)
                ):
                    return branch
            elif isinstance(value, str) and key(value) == key(branch.when):
                return branch
        return None

    def score(self, answer: object, max_points: Decimal) -> Outcome:
        """Score ``{<on> = …, value = …}`` by the rule of the case it names."""
        if self.on == "group":
            return self._no_branch(answer, "?")
        if not isinstance(answer, Mapping) or self.on not in answer:
            problem = finding(
                "missing-part", variant="table", parts=_listed([self.on, "value"]), answer=answer
            )
            return Outcome(
                None, figure=figure_text(answer), explanation=problem.text, findings=(problem,)
            )
        branch = self.choose(answer[self.on])
        if branch is None:
            return self._no_branch(answer, answer[self.on])
        outcome = branch.rule.score(answer.get("value", NA), max_points)
        return attrs.evolve(outcome, figure=figure_text(answer))

    def _no_branch(self, answer: object, value: object) -> Outcome:
        problem = finding(
            "no-branch",
            condition=self.on,
            given=value,
            branches=", ".join(repr(b.when) for b in self.branches),
        )
        return Outcome(
            None, figure=figure_text(answer), explanation=problem.text, findings=(problem,)
        )

    def points_range(self, max_points: Decimal) -> tuple[Decimal | None, Decimal | None]:
        """From the least of any case to the most of any case."""
        ranges = [b.rule.points_range(max_points) for b in self.branches]
        lows = [low for low, _ in ranges]
        highs = [high for _, high in ranges]
        low = None if any(v is None for v in lows) else min(v for v in lows if v is not None)
        high = None if any(v is None for v in highs) else max(v for v in highs if v is not None)
        return low, high

    def describe(self, max_points: Decimal, *, lang: Lang = "vi") -> str:
        """Every case and its rule."""

        def when(value: str | bool) -> str:
            if isinstance(value, bool):
                return ("có" if value else "không") if lang == "vi" else ("yes" if value else "no")
            return value

        return "; ".join(
            f"{self.on} = {when(b.when)}: {b.rule.describe(max_points, lang=lang)}"
            for b in self.branches
        )


def _read_conditional(keys: Mapping[str, Any], kinds: RuleKinds) -> ConditionalRule:
    on = keys.get("on")
    if not isinstance(on, str) or not on:
        raise InvalidValueError(
            Text(
                'quy tắc có điều kiện cần on = "group" hoặc tên của một câu có/không',
                'a conditional rule needs on = "group" or the name of a yes/no',
            )
        )
    cases = keys.get("cases")
    if not isinstance(cases, list) or not cases:
        raise InvalidValueError(
            Text(
                "quy tắc có điều kiện cần cases = [ … ], mỗi trường hợp một bảng",
                "a conditional rule needs cases = [ … ], one table per case",
            )
        )
    branches = []
    for raw in cases:
        data = mapping(raw, Text("một trường hợp", "a case"))
        if "when" not in data:
            raise InvalidValueError(
                Text(
                    "mỗi trường hợp của quy tắc có điều kiện cần when = …",
                    "each case of a conditional rule needs when = …",
                )
            )
        when = data.pop("when")
        if not isinstance(when, str | bool):
            raise InvalidValueError(
                Text(
                    f"when là tên một nhóm hoặc true/false, nhận được {when!r}",
                    f"when is a group's name or true/false, got {when!r}",
                )
            )
        where = Text(f"trường hợp {when!r}", f"case {when!r}")
        branches.append(Branch(when, _read_rule(data, kinds, where)))
    return ConditionalRule(on, branches)


def _conditional_improvement(
    rule: ConditionalRule,
    answer: object,
    points: Decimal,
    max_points: Decimal,
    kinds: RuleKinds,
) -> Improvement | None:
    """The chosen case's own advice, with the table's value changed."""
    if not isinstance(answer, Mapping) or rule.on not in answer:
        return None
    branch = rule.choose(answer[rule.on])
    kind = None if branch is None else kinds.of_rule(branch.rule)
    if branch is None or kind is None or kind.improve is None:
        return None
    proposal = kind.improve(branch.rule, answer.get("value"), points, max_points, kinds)
    if proposal is None:
        return None
    return attrs.evolve(proposal, answer={**answer, "value": proposal.answer})


FINDINGS: tuple[FindingKind, ...] = (
    entry(
        "no-branch",
        Severity.ERROR,
        Category.SCORING,
        {
            "": (
                "không có cách tính nào cho {condition} = {given!r}; các trường hợp: {branches}",
                "no rule for {condition} = {given!r}; the cases are: {branches}",
            )
        },
    ),
)
"""The finding codes of the kind's own (``RuleKind.findings``)."""


CONDITIONAL = RuleKind(
    findings=(*FINDINGS, *COMPOSITE_FINDINGS),
    name="conditional",
    rule_class=ConditionalRule,
    keys={"on", "cases"},
    read=_read_conditional,
    write=lambda rule, kinds: {
        "on": rule.on,
        "cases": [{"when": b.when, **_write_rule(b.rule, kinds)} for b in rule.branches],
    },
    schema={
        "properties": {
            "on": {"type": "string"},
            "cases": {"type": "array", "minItems": 1, "items": {"type": "object"}},
        },
        "required": ["on", "cases"],
    },
    hint=lambda rule, max_points: (
        "theo nhóm của đơn vị: số liệu như cách tính của nhóm"
        if rule.on == "group"
        else f"một bảng: {{ {rule.on} = true/false, value = … }}"
    ),
    parts=lambda rule, max_points: [(str(b.when), b.rule, max_points) for b in rule.branches],
    # On the unit's group, a table answer is the case's own: checked when the case scores it.
    answer_keys=lambda rule: None if rule.on == "group" else (frozenset({rule.on, "value"}),) * 2,
    improve=_conditional_improvement,
    bind=lambda rule, assessment: (
        branch.rule
        if rule.on == "group" and (branch := rule.choose(assessment.group)) is not None
        else rule
    ),
)
"""The kind ``rule = "conditional"``."""
