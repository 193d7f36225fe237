"""Rules made of other rules: the parts of one row, the best of several cases, a rule chosen
by a condition.

* **parts** — "điểm = phần kết nối + phần ứng dụng": the published row's points are the sum of
  named parts, each scored by a rule of its own within its own max, the sum held to the row's
  max; answered with one table (``{ rate = "45/50", items = 3 }``).
* **best_of** — "tính theo trường hợp có lợi nhất": the highest of several cases, each a rule.
* **conditional** — "đơn vị không có …: …; đơn vị có …: …": the rule that applies depends on
  the unit's group, or on a yes/no the unit declares.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from cchc_criteria.errors import InvalidValueError
from cchc_criteria.model import NA, Outcome, Rule, finding
from cchc_criteria.numbers import format_number
from cchc_criteria.rules._answers import NO_WORDS, YES_WORDS, figure_text, points_word
from cchc_criteria.rules.keys import mapping, plain_number, read_decimal
from cchc_criteria.rules.kinds import FastScorer, Improvement, RuleKind, RuleKinds
from cchc_criteria.text import Lang, LazyText, Text, fold, group_key, nfc

__all__ = [
    "BEST_OF",
    "CONDITIONAL",
    "PARTS",
    "BestOfRule",
    "Branch",
    "ConditionalRule",
    "Part",
    "PartsRule",
]


def _optional_points(value: object) -> Decimal | None:
    if value is None:
        return None
    points = read_decimal(value)
    if points < 0:
        raise InvalidValueError(
            Text(
                f"điểm tối đa của một phần không được âm, nhận được {points}",
                f"a part's max points must not be negative, got {points}",
            )
        )
    return points


@attrs.frozen
class Part:
    """A named part of a rule made of others: its rule, and the max points it is held to.

    ``max_points`` is required for a part of a row (``parts``); a case of ``best_of`` may
    leave it ``None``: held to the row's max only.
    """

    name: str = attrs.field(converter=nfc)
    rule: Rule
    max_points: Decimal | None = attrs.field(default=None, converter=_optional_points)

    def held_to(self, row_max: Decimal) -> Decimal:
        """The most this part gives in a row of ``row_max``: its own max when it has one
        (never more than the row's), else the row's."""
        return row_max if self.max_points is None else min(self.max_points, row_max)


def _names(parts: Iterable[Part]) -> tuple[Part, ...]:
    result = tuple(parts)
    if not result:
        raise InvalidValueError(
            Text(
                "quy tắc gồm nhiều phần cần ít nhất một phần",
                "a rule made of parts needs at least one part",
            )
        )
    names = [p.name for p in result]
    if len(set(names)) != len(names):
        raise InvalidValueError(
            Text(
                f"các phần phải có tên khác nhau, nhận được {names}",
                f"the parts must have different names, got {names}",
            )
        )
    return result


def _listed(names: Iterable[str]) -> str:
    return ", ".join(repr(n) for n in names)


def _held(points: Decimal | None, maximum: Decimal) -> Decimal | None:
    return None if points is None else min(max(points, Decimal(0)), maximum)


def _total(held: Sequence[Decimal | None]) -> Decimal | None:
    """The row's points from its parts' points, each already held to its max: their sum, or
    ``None`` when a part is unscored — the kind's one sum, for both paths."""
    total = Decimal(0)
    for points in held:
        if points is None:
            return None
        total += points
    return total


def _score_parts(
    parts: Sequence[Part], answer: object, *, all_needed: bool
) -> tuple[list[tuple[Part, Outcome]], Outcome | None]:
    """Score each part's figure from a table answer, each within its part's max; or the
    refusal of the whole answer."""
    names = [p.name for p in parts]
    if not isinstance(answer, Mapping):
        problem = finding("missing-part", variant="table", parts=_listed(names), answer=answer)
        return [], Outcome(
            None, figure=figure_text(answer), explanation=problem.text, findings=(problem,)
        )
    given = {nfc(str(k)): v for k, v in answer.items()}
    for key in given:
        if key not in names:
            problem = finding("unknown-part", part=key, parts=_listed(names))
            return [], Outcome(
                None, figure=figure_text(answer), explanation=problem.text, findings=(problem,)
            )
    scored = []
    for part in parts:
        if part.name not in given or given[part.name] is None:
            if all_needed:
                problem = finding("missing-part", part=part.name, parts=_listed(names))
                return [], Outcome(
                    None, figure=figure_text(answer), explanation=problem.text, findings=(problem,)
                )
            continue
        scored.append((part, part.rule.score(given[part.name], _most_of(part))))
    return scored, None


def _lines(lang: Lang, scored: list[tuple[Part, Outcome]]) -> str:
    return "; ".join(_line(part, outcome, lang) for part, outcome in scored)


def _explain_total(lang: Lang, lines: Text, total: Decimal) -> str:
    return f"{lines.get(lang)}; {'tổng' if lang == 'vi' else 'total'} {points_word(total, lang)}"


def _explain_best(lang: Lang, name: str, points: Decimal, others: Text) -> str:
    if lang == "vi":
        return f"lấy trường hợp {name!r} ({points_word(points, 'vi')}); {others.vi}"
    return f"the case {name!r} wins ({points_word(points, 'en')}); {others.en}"


def _line(part: Part, outcome: Outcome, lang: Lang) -> str:
    held = _held(outcome.points, _most_of(part))
    said = outcome.explanation.get(lang)
    if held is None:
        return f"{part.name}: {said}"
    return f"{part.name}: {said} → {points_word(held, lang)}"


def _with_max(parts: Iterable[Part]) -> tuple[Part, ...]:
    result = _names(parts)
    for part in result:
        if part.max_points is None:
            raise InvalidValueError(
                Text(
                    f"phần {part.name!r} cần điểm tối đa (max)",
                    f"the part {part.name!r} needs its max points",
                )
            )
    return result


def _most_of(part: Part) -> Decimal:
    """A part's max (every part of a row has one: ``PartsRule`` checks)."""
    assert part.max_points is not None
    return part.max_points


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


def _most(part: Part, lang: Lang) -> str:
    shown = format_number(_most_of(part), lang=lang)
    return f"tối đa {shown} điểm" if lang == "vi" else f"at most {shown}"


def _part_range(part: Part) -> tuple[Decimal, Decimal]:
    most = _most_of(part)
    low, high = part.rule.points_range(most)
    low_held = _held(low, most) if low is not None else Decimal(0)
    high_held = _held(high, most) if high is not None else most
    assert low_held is not None
    assert high_held is not None
    return low_held, high_held


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
        :func:`~cchc_criteria.text.group_key`, so "Nhóm A" is "a")."""
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


# --------------------------------------------------------------------------- the kinds


def _read_rule(data: Mapping[str, Any], kinds: RuleKinds, where: Text) -> Rule:
    keys = dict(data)
    name = keys.pop("rule", None)
    if name is None:
        raise InvalidValueError(
            Text(
                f"{where.vi} cần rule = … (một loại quy tắc)",
                f"{where.en} needs rule = … (a kind of rule)",
            )
        )
    kind = kinds.get(name)
    unknown = set(keys) - kind.keys
    if unknown:
        given = ", ".join(sorted(unknown))
        raise InvalidValueError(
            Text(
                f"{where.vi}: {given} không thuộc quy tắc {name}",
                f"{where.en}: {given} do(es) not belong to a {name} rule",
            )
        )
    return kind.read(keys, kinds)


def _write_rule(rule: Rule, kinds: RuleKinds) -> dict[str, Any]:
    kind = kinds.of_rule(rule)
    if kind is None:
        raise InvalidValueError(
            Text(
                f"{type(rule).__name__} không thuộc loại quy tắc nào đã đăng ký",
                f"{type(rule).__name__} belongs to no registered rule kind",
            )
        )
    return {"rule": kind.name, **kind.write(rule, kinds)}


#: What one table of ``parts = [ … ]`` or ``cases = [ … ]`` is called.
_ITEM = {"parts": Text("phần", "part"), "cases": Text("trường hợp", "case")}


def _read_parts(items: object, kinds: RuleKinds, what: str, row_max: bool) -> list[Part]:
    item = _ITEM[what]
    if not isinstance(items, list) or not items:
        raise InvalidValueError(
            Text(
                f"{what} = [ … ] cần mỗi {item.vi} một bảng",
                f"{what} = [ … ] needs one table per {item.en}",
            )
        )
    parts = []
    for raw in items:
        data = mapping(raw, Text(f"một {item.vi}", f"a {item.en}"))
        name = data.pop("name", None)
        if not isinstance(name, str) or not name:
            raise InvalidValueError(
                Text(f"mỗi {item.vi} cần có tên (name)", f"each of the {what} needs a name")
            )
        where = Text(f"{item.vi} {name!r}", f"{item.en} {name!r}")
        maximum = data.pop("max", None)
        if maximum is None and not row_max:
            raise InvalidValueError(
                Text(f"{where.vi} cần điểm tối đa (max)", f"{where.en} needs its max points")
            )
        rule = _read_rule(data, kinds, where)
        parts.append(Part(name, rule, maximum))
    return parts


def _write_parts(parts: Sequence[Part], kinds: RuleKinds) -> list[dict[str, Any]]:
    return [
        {
            "name": p.name,
            **({} if p.max_points is None else {"max": plain_number(p.max_points)}),
            **_write_rule(p.rule, kinds),
        }
        for p in parts
    ]


def _best_improvement(
    parts: Sequence[Part], answer: object, kinds: RuleKinds, row: Decimal | None
) -> Improvement | None:
    """The part (or case) whose own advice earns the most, with the whole table changed."""
    if not isinstance(answer, Mapping):
        return None
    best: tuple[Decimal, Improvement] | None = None
    for part in parts:
        kind = kinds.of_rule(part.rule)
        given = answer.get(part.name)
        if kind is None or kind.improve is None or given is None:
            continue
        maximum = _most_of(part) if row is None else part.held_to(row)
        before = _held(part.rule.score(given, maximum).points, maximum)
        if before is None:
            continue
        proposal = kind.improve(part.rule, given, before, maximum, kinds)
        if proposal is None:
            continue
        after = _held(part.rule.score(proposal.answer, maximum).points, maximum)
        if after is None or after <= before:
            continue
        if best is None or after - before > best[0]:
            whole = {**answer, part.name: proposal.answer}
            best = (after - before, attrs.evolve(proposal, answer=whole))
    return None if best is None else best[1]


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

    def fast(answer: object) -> Decimal | None:
        if type(answer) is not dict or len(answer) != len(scorers):
            return None
        held = []
        for name, scorer, most in scorers:
            figure = answer.get(name)
            held.append(_held(None if figure is None else scorer(figure), most))
        return _total(held)

    return fast


#: The kind ``rule = "parts"``.
PARTS = RuleKind(
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
    strategies="cchc_criteria.testing.kinds:parts_answers",
    parts=lambda rule, max_points: [(p.name, p.rule, _most_of(p)) for p in rule.parts],
    answer_keys=lambda rule: (frozenset(p.name for p in rule.parts),) * 2,
    improve=lambda rule, answer, points, max_points, kinds: _best_improvement(
        rule.parts, answer, kinds, None
    ),
    pure=True,  # reused only when every part's rule is pure too
    compile=_compile_parts,
)

#: The kind ``rule = "best_of"``.
BEST_OF = RuleKind(
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
    strategies="cchc_criteria.testing.kinds:best_of_answers",
    parts=lambda rule, max_points: [(c.name, c.rule, c.held_to(max_points)) for c in rule.cases],
    answer_keys=lambda rule: (frozenset(c.name for c in rule.cases), frozenset()),
    improve=lambda rule, answer, points, max_points, kinds: _best_improvement(
        rule.cases, answer, kinds, max_points
    ),
    pure=True,  # reused only when every case's rule is pure too
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


#: The kind ``rule = "conditional"``.
CONDITIONAL = RuleKind(
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
    strategies="cchc_criteria.testing.kinds:conditional_answers",
    parts=lambda rule, max_points: [(str(b.when), b.rule, max_points) for b in rule.branches],
    answer_keys=lambda rule: (frozenset({rule.on, "value"}),) * 2,
    improve=_conditional_improvement,
    bind=lambda rule, assessment: (
        branch.rule
        if rule.on == "group" and (branch := rule.choose(assessment.group)) is not None
        else rule
    ),
)
