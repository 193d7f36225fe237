"""**parts** — "điểm = phần kết nối + phần ứng dụng": the published row's points are the sum
of named parts, each scored by a rule of its own within its own max, the sum held to the
row's max; answered with one table (``{ rate = "45/50", items = 3 }``)."""

from __future__ import annotations

from decimal import Decimal

import attrs

from cchc_criteria._values import remembered
from cchc_criteria.model import Outcome
from cchc_criteria.rules._answers import figure_text
from cchc_criteria.rules._composite import (
    COMPOSITE_FINDINGS,
    Part,
    _best_improvement,
    _explain_total,
    _held,
    _lines,
    _most,
    _most_of,
    _part_range,
    _read_parts,
    _score_parts,
    _total,
    _with_max,
    _write_parts,
)
from cchc_criteria.rules.kinds import FastScorer, RuleKind, RuleKinds
from cchc_criteria.text import Lang, LazyText

__all__ = ["PARTS", "PartsRule"]


@attrs.frozen
class PartsRule:
    """The row's points are the sum of its parts, each held to its own max (the sum is held to
    the row's max by scoring)."""

    parts: tuple[Part, ...] = attrs.field(converter=_with_max)

    def score(self, answer: object, max_points: Decimal) -> Outcome:
        """Score every part from a table of figures, one per part."""
        scored, refused = _score_parts(self.parts, answer, all_needed=True)
        if refused is not None:
            return refused
        findings = tuple(f for _, outcome in scored for f in outcome.findings)
        held = [_held(outcome.points, _most_of(part)) for part, outcome in scored]
        lines = LazyText(_lines, scored)
        total = _total(held)
        if total is None:
            return Outcome(None, figure=figure_text(answer), explanation=lines, findings=findings)
        return Outcome(
            total,
            exact=total,
            figure=figure_text(answer),
            explanation=LazyText(_explain_total, lines, total),
            findings=findings,
        )

    def points_range(self, max_points: Decimal) -> tuple[Decimal | None, Decimal | None]:
        """From the sum of the parts' least to the sum of their most (each held to its max)."""
        lows, highs = zip(*(_part_range(p) for p in self.parts), strict=True)
        return sum(lows, Decimal(0)), sum(highs, Decimal(0))

    def describe(self, max_points: Decimal, *, lang: Lang = "vi") -> str:
        """Every part and its rule."""
        word = "tổng của" if lang == "vi" else "the sum of"
        return f"{word}: " + "; ".join(
            f"{p.name} ({_most(p, lang)}): {p.rule.describe(_most_of(p), lang=lang)}"
            for p in self.parts
        )


def _compile_parts(rule: PartsRule, max_points: Decimal, kinds: RuleKinds) -> FastScorer | None:
    """The sum of the parts' fast scorers, each held to its part's max, for a table that
    names every part once (plain names); ``None`` when a part has no fast scorer."""
    scorers: list[tuple[str, FastScorer, Decimal]] = []
    for part in rule.parts:
        kind = kinds.of_rule(part.rule)
        compiled = None
        if kind is not None and kind.compile is not None:
            compiled = kind.compile(part.rule, _most_of(part), kinds)
        if compiled is None:
            return None
        scorers.append((part.name, compiled, _most_of(part)))
    if not all(name.isascii() for name, _, _ in scorers):
        return None  # a name's normal form is checked by score

    # Each part remembers its points (held to its max) for figures typed as text or whole
    # numbers, as a leaf does: a table answer is seldom the same twice, its figures often are.
    parts: list[tuple[str, FastScorer, dict[object, Decimal | None]]] = [
        (name, _holding(scorer, most), {}) for name, scorer, most in scorers
    ]

    def fast(answer: object) -> Decimal | None:
        if type(answer) is not dict or len(answer) != len(parts):
            return None
        return _total(
            [
                None if (figure := answer.get(name)) is None else remembered(held, seen, figure)
                for name, held, seen in parts
            ]
        )

    return fast


def _holding(scorer: FastScorer, most: Decimal) -> FastScorer:
    """``scorer``'s points held to a part's max."""
    return lambda figure: _held(scorer(figure), most)


PARTS = RuleKind(
    findings=COMPOSITE_FINDINGS,
    name="parts",
    rule_class=PartsRule,
    keys={"parts"},
    read=lambda keys, kinds: PartsRule(_read_parts(keys.get("parts"), kinds, "parts", False)),
    write=lambda rule, kinds: {"parts": _write_parts(rule.parts, kinds)},
    schema={
        "properties": {"parts": {"type": "array", "minItems": 1, "items": {"type": "object"}}},
        "required": ["parts"],
    },
    hint=lambda rule, max_points: (
        "một bảng: { " + ", ".join(f"{p.name} = …" for p in rule.parts) + " }"
    ),
    parts=lambda rule, max_points: [(p.name, p.rule, _most_of(p)) for p in rule.parts],
    answer_keys=lambda rule: (frozenset(p.name for p in rule.parts),) * 2,
    improve=lambda rule, answer, points, max_points, kinds: _best_improvement(
        rule.parts, answer, kinds, None
    ),
    pure=True,  # reused only when every part's rule is pure too
    compile=_compile_parts,
)
"""The kind ``rule = "parts"``."""
