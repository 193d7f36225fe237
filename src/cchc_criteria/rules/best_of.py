"""**best_of** — "tính theo trường hợp có lợi nhất": the highest of several cases, each a
rule."""

from __future__ import annotations

from decimal import Decimal

import attrs

from cchc_criteria.model import Outcome, finding
from cchc_criteria.rules._answers import figure_text
from cchc_criteria.rules._composite import (
    COMPOSITE_FINDINGS,
    Part,
    _best_improvement,
    _explain_best,
    _held,
    _lines,
    _listed,
    _most_of,
    _names,
    _part_range,
    _read_parts,
    _score_parts,
    _write_parts,
)
from cchc_criteria.rules.kinds import RuleKind
from cchc_criteria.text import Lang, LazyText

__all__ = ["BEST_OF", "BestOfRule"]


@attrs.frozen
class BestOfRule:
    """The highest of several cases ("tính theo trường hợp có lợi nhất"); each case a rule
    held to its own max when it has one (never above the row's), else to the row's max;
    answered by name in one table (cases not given are skipped)."""

    cases: tuple[Part, ...] = attrs.field(converter=_names)

    def score(self, answer: object, max_points: Decimal) -> Outcome:
        """Score every case given (each within the row's max) and keep the best."""
        scored, refused = _score_parts(self._within(max_points), answer, all_needed=False)
        if refused is not None:
            return refused
        if not scored:
            problem = finding("missing-part", part="…", parts=_listed(c.name for c in self.cases))
            return Outcome(
                None, figure=figure_text(answer), explanation=problem.text, findings=(problem,)
            )
        results = [(_held(o.points, _most_of(c)), c, o) for c, o in scored]
        usable = [(p, c, o) for p, c, o in results if p is not None]
        findings = tuple(f for _, o in scored for f in o.findings)
        others = LazyText(_lines, scored)
        if not usable:
            return Outcome(None, figure=figure_text(answer), explanation=others, findings=findings)
        points, case, _ = max(usable, key=lambda r: r[0])
        return Outcome(
            points,
            exact=points,
            figure=figure_text(answer),
            matched=case.name,
            explanation=LazyText(_explain_best, case.name, points, others),
            findings=findings,
        )

    def _within(self, max_points: Decimal) -> tuple[Part, ...]:
        return tuple(attrs.evolve(c, max_points=c.held_to(max_points)) for c in self.cases)

    def points_range(self, max_points: Decimal) -> tuple[Decimal | None, Decimal | None]:
        """The best is at least the highest least, and at most the highest most."""
        lows, highs = zip(*(_part_range(c) for c in self._within(max_points)), strict=True)
        return max(lows), max(highs)

    def describe(self, max_points: Decimal, *, lang: Lang = "vi") -> str:
        """Every case and its rule."""
        word = "trường hợp có lợi nhất trong" if lang == "vi" else "the best of"
        return f"{word}: " + "; ".join(
            f"{c.name}: {c.rule.describe(c.held_to(max_points), lang=lang)}" for c in self.cases
        )


BEST_OF = RuleKind(
    findings=COMPOSITE_FINDINGS,
    name="best_of",
    rule_class=BestOfRule,
    keys={"cases"},
    read=lambda keys, kinds: BestOfRule(_read_parts(keys.get("cases"), kinds, "cases", True)),
    write=lambda rule, kinds: {"cases": _write_parts(rule.cases, kinds)},
    schema={
        "properties": {"cases": {"type": "array", "minItems": 1, "items": {"type": "object"}}},
        "required": ["cases"],
    },
    hint=lambda rule, max_points: (
        "một bảng, mỗi trường hợp một số liệu: { "
        + ", ".join(f"{c.name} = …" for c in rule.cases)
        + " }"
    ),
    parts=lambda rule, max_points: [(c.name, c.rule, c.held_to(max_points)) for c in rule.cases],
    answer_keys=lambda rule: (frozenset(c.name for c in rule.cases), frozenset()),
    improve=lambda rule, answer, points, max_points, kinds: _best_improvement(
        rule.cases, answer, kinds, max_points
    ),
    pure=True,  # reused only when every case's rule is pure too
)
"""The kind ``rule = "best_of"``."""
