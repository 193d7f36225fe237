"""What the rules made of other rules share: a named part with its own max, reading and
writing the rules they hold, and adding up parts each held to its max."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from cchc_criteria.errors import InvalidValueError
from cchc_criteria.model import Outcome, Rule, finding
from cchc_criteria.model.finding_kinds import UNSCORED, Category, FindingKind, Severity, entry
from cchc_criteria.numbers import format_number
from cchc_criteria.rules._answers import figure_text, points_word
from cchc_criteria.rules.keys import mapping, plain_number, read_decimal
from cchc_criteria.rules.kinds import Improvement, RuleKinds
from cchc_criteria.text import Lang, Text, nfc

__all__ = ["COMPOSITE_FINDINGS", "Part"]


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


_ITEM = {"parts": Text("phần", "part"), "cases": Text("trường hợp", "case")}
"""What one table of ``parts = [ … ]`` or ``cases = [ … ]`` is called."""


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


COMPOSITE_FINDINGS: tuple[FindingKind, ...] = (
    entry(
        "missing-part",
        Severity.ERROR,
        Category.SCORING,
        {
            "": (
                "thiếu {part!r}; dòng này cần {parts}; " + UNSCORED.vi,
                "{part!r} is missing; this row takes {parts}; " + UNSCORED.en,
            ),
            "table": (
                "cần một bảng {parts}, nhận được {answer!r}",
                "expected a table {parts}, got {answer!r}",
            ),
        },
    ),
    entry(
        "unknown-part",
        Severity.ERROR,
        Category.SCORING,
        {
            "": (
                "{part!r} không thuộc dòng này; các phần là {parts}; " + UNSCORED.vi,
                "{part!r} is not part of this row; the parts are {parts}; " + UNSCORED.en,
            )
        },
    ),
)
"""The finding codes of the kind's own (``RuleKind.findings``)."""
