"""Criteria and criterion sets (bộ tiêu chí): the published tree."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal
from html import escape
from types import MappingProxyType

import attrs

from cchc_criteria.errors import ArgumentError, InvalidValueError, require, require_all
from cchc_criteria.model.codes import SCHEMES
from cchc_criteria.model.enums import NAPolicy, Numbering, Role, UnitKind
from cchc_criteria.model.grades import Grade, RoundingPolicy, unknown_condition_code
from cchc_criteria.model.rule import Rule
from cchc_criteria.model.totals import TotalPolicy
from cchc_criteria.numbers import plain, to_decimal
from cchc_criteria.text import Text, group_key, nfc

__all__ = [
    "MAX_DEPTH",
    "Acknowledgement",
    "Criterion",
    "CriterionSet",
    "Lineage",
    "group_problem",
    "too_deep",
]


def _criteria(value: Iterable[Criterion]) -> tuple[Criterion, ...]:
    return require_all(value, Criterion, "criteria")


def _rule(value: Rule | None) -> Rule | None:
    if value is not None and not all(
        callable(getattr(value, name, None)) for name in ("score", "points_range", "describe")
    ):
        raise ArgumentError(
            f"a rule has score, points_range and describe (see cc.Rule), got {type(value).__name__}"
        )
    return value


def _id(value: str) -> str:
    require(value, str, "a criterion set's id")
    return nfc(value)  # as typed on any keyboard: "quảngngãi.so.2019" is one id


def _grades(value: Iterable[Grade]) -> tuple[Grade, ...]:
    return tuple(value)


def _to_points(value: object) -> Decimal:
    points = to_decimal(value)
    if points < 0:
        raise InvalidValueError(
            Text(
                f"điểm tối đa không được âm, nhận được {points}",
                f"max points must not be negative, got {points}",
            )
        )
    return points


def _applies_to(value: Iterable[str]) -> tuple[str, ...]:
    return _group_names(value)  # the groups a set declares are named the same way


def _cumulative(instance: object, attribute: object, value: str) -> None:
    if value not in ("", "quarter", "year"):
        raise InvalidValueError(
            Text(
                f'cumulative là "quarter" hoặc "year", nhận được {value!r}',
                f'cumulative is "quarter" or "year", got {value!r}',
            )
        )


@attrs.frozen(cache_hash=True)
class Criterion:
    """A node of a criterion set: an area, a criterion or a sub-criterion.

    Attributes:
        code: the published "STT" string ("7.1.1"), kept exactly as published.
        title: the published title.
        max_points: điểm tối đa.
        rule: the scoring rule of a leaf; ``None`` for a group.
        children: the sub-criteria of a group, in document order.
        role: ``score``, ``bonus`` or ``deduction`` (see `Role`).
        na_policy: overrides the set's not-applicable policy for this criterion.
        evidence: the evidence required (tài liệu kiểm chứng), as published.
        notes: anything else worth keeping (ghi chú).
        applies_to: the unit groups the criterion applies to, as the set names them (empty:
            every unit). A unit of another group gets it as not applicable, its max removed
            (whatever the not-applicable policy: it is not the unit's answer).
        cumulative: ``"quarter"`` or ``"year"`` when the figure is counted over the months
            so far of the quarter or year ("lũy kế từ đầu quý"): a month's assessment is
            scored from its figure and those of the earlier months
            (`cchc_criteria.scoring.cumulate`); ``""`` (the default) for the month's
            own figure.
        printed: the STT as printed, where it is not the code: in a set whose numbering
            restarts under each part (``numbering = "per_part"``), "1.1" of part II has the
            code "II.1.1" and prints as "1.1".
    """

    code: str = attrs.field(converter=nfc)
    title: str = attrs.field(converter=nfc)
    max_points: Decimal = attrs.field(converter=_to_points)
    rule: Rule | None = attrs.field(default=None, converter=_rule)
    children: tuple[Criterion, ...] = attrs.field(default=(), converter=_criteria)
    role: Role = Role.SCORE
    na_policy: NAPolicy | None = None
    evidence: str = attrs.field(default="", converter=nfc)
    notes: str = attrs.field(default="", converter=nfc)
    applies_to: tuple[str, ...] = attrs.field(default=(), converter=_applies_to)
    printed: str = attrs.field(default="", converter=nfc)
    cumulative: str = attrs.field(default="", validator=_cumulative)

    @property
    def number(self) -> str:
        """The STT as the table prints it: ``printed`` where the set gives one, else the
        code."""
        return self.printed or self.code

    def __attrs_post_init__(self) -> None:
        if (self.rule is None) == (not self.children):
            raise InvalidValueError(
                Text(
                    f"tiêu chí {self.code!r} phải có hoặc quy tắc (tiêu chí lá) hoặc tiêu chí "
                    "thành phần (nhóm)",
                    f"criterion {self.code!r} must have either a rule (a leaf) or children "
                    "(a group)",
                )
            )

    @property
    def is_leaf(self) -> bool:
        """True for a criterion scored by a rule, False for a group."""
        return self.rule is not None

    def walk(self) -> Iterator[Criterion]:
        """This criterion and all below it, in document order."""
        return iter(_preorder((self,)))


MAX_DEPTH = 32
"""The deepest a criterion set may nest (areas are level 1). Published sets have 3 or 4 levels; the
bound keeps every walk over a tree (lint, scoring, reports, which may recurse) far from Python's
recursion limit, and a hostile file from exhausting it."""


def too_deep(depth: int, code: str) -> Text:
    """What is wrong with a criterion nested deeper than `MAX_DEPTH`."""
    return Text(
        f"tiêu chí {code!r} ở cấp {depth}: bộ tiêu chí chỉ được lồng tối đa {MAX_DEPTH} cấp",
        f"criterion {code!r} is at level {depth}: a criterion set nests at most {MAX_DEPTH} levels",
    )


def group_problem(groups: Iterable[str]) -> Text | None:
    """What is wrong with a set's list of unit groups: a name that is empty, or that is
    another one's spelling (`group_key`); ``None`` when nothing is."""
    seen: dict[str, str] = {}
    for name in groups:
        key = group_key(name)
        if not key or key in seen:
            return Text(
                f"nhóm {name!r} trống hoặc trùng với {seen.get(key, '')!r} (không phân biệt "
                "hoa thường, khoảng trắng, chữ “Nhóm”)",
                f"the group {name!r} is empty or the same group as {seen.get(key, '')!r} "
                "(case, spaces and a leading “Nhóm” do not count)",
            )
        seen[key] = name
    return None


def applies_to_problem(applies_to: Iterable[str], groups: Sequence[str]) -> Text | None:
    """What is wrong with a criterion's ``applies_to`` in a set of ``groups``: a name that is
    none of them (spelled as `group_key` folds it); ``None`` when
    nothing is, or when the set declares no groups."""
    keys = {group_key(g) for g in groups}
    unknown = [g for g in applies_to if keys and group_key(g) not in keys]
    if not unknown:
        return None
    names = ", ".join(groups)
    return Text(
        f"applies_to nêu nhóm {unknown[0]!r}, không có trong các nhóm của bộ ({names})",
        f"applies_to names the group {unknown[0]!r}, which is not one of the set's groups "
        f"({names})",
    )


def _preorder(roots: tuple[Criterion, ...]) -> tuple[Criterion, ...]:
    """``roots`` and everything below them in document order (a loop, not recursion: the
    cost does not grow with the depth, and no depth overflows the stack)."""
    order: list[Criterion] = []
    stack = [(node, 1) for node in reversed(roots)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise InvalidValueError(too_deep(depth, node.code))
        order.append(node)
        stack.extend((child, depth + 1) for child in reversed(node.children))
    return tuple(order)


@attrs.frozen
class Acknowledgement:
    """A lint finding the set's maintainers accept, with the reason (e.g. "as published;
    the province's reading is …"). It matches findings by ``code`` and ``criterion``."""

    code: str
    criterion: str = attrs.field(default="", converter=nfc)
    reason: str = attrs.field(default="", converter=nfc)


def _acknowledgements(value: Iterable[Acknowledgement]) -> tuple[Acknowledgement, ...]:
    return tuple(value)


def _code_map(
    value: Mapping[str, Iterable[str]] | Iterable[tuple[str, Iterable[str]]],
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    pairs = value.items() if isinstance(value, Mapping) else value
    return tuple(sorted((nfc(k), tuple(nfc(c) for c in v)) for k, v in pairs))


@attrs.frozen
class Lineage:
    """Where a set comes from: the set it replaces and how its codes map to that set's.

    ``codes`` maps a code of this set to the predecessor's codes it comes from: one the same
    (unchanged), one other (renumbered), several (merged), none (new); a predecessor code
    listed under several of this set's codes was split. A code of this set that is not listed
    is the same criterion as the predecessor's with that code, if it has one, else new; a
    predecessor code that is neither listed nor in this set was removed.
    """

    predecessor: str
    codes: tuple[tuple[str, tuple[str, ...]], ...] = attrs.field(default=(), converter=_code_map)

    @property
    def code_map(self) -> Mapping[str, tuple[str, ...]]:
        """``codes`` as a mapping."""
        return MappingProxyType(dict(self.codes))


def _scheme(value: Iterable[str]) -> tuple[str, ...]:
    levels = tuple(value)
    unknown = [v for v in levels if v not in SCHEMES]
    if not levels or unknown:
        raise InvalidValueError(
            Text(
                f"code_scheme nêu một kiểu mã cho mỗi cấp, trong {', '.join(SCHEMES)}; "
                f"nhận được {levels!r}",
                f"code_scheme names a scheme per level, from {', '.join(SCHEMES)}; got {levels!r}",
            )
        )
    return levels


def _group_names(value: Iterable[str]) -> tuple[str, ...]:
    names = tuple(nfc(v) for v in value)
    problem = group_problem(names)
    if problem is not None:
        raise InvalidValueError(problem)
    return names


@attrs.frozen(cache_hash=True, repr=False)
class CriterionSet:
    """A published criterion set (bộ tiêu chí), as published.

    Attributes:
        id: a stable id, ``province.unit_kind.year`` by convention ("quangngai.so.2019").
        title: the set's title.
        criteria: the top-level criteria (areas), in document order.
        province: the issuing province ("Quảng Ngãi"), "" for a central set.
        unit_kind: the kind of unit scored.
        authority: who issued it (UBND tỉnh Quảng Ngãi).
        legal_basis: the decision that issued it ("Quyết định số …/QĐ-UBND").
        source: the document it was transcribed from, when not the decision itself.
        scope: what the set covers when it is not the whole published set.
        valid_from, valid_until: the period it is in force (inclusive; ``None``: open).
        in_force_text: the in-force wording as published ("từ 1/7/2025 đến năm 2026").
        grades: grade bands over the index in percent.
        rounding: the set's rounding policy.
        na_policy: what "not applicable" does unless a criterion says otherwise.
        total: where the top-level bonus and deduction rows stand against the max
            (`TotalPolicy`).
        cohort: who a rule relative to the best unit compares with: ``"all"`` the units
            scored together, ``"group"`` those of the same group.
        acknowledged: lint findings accepted in the set's own data, with reasons.
        lineage: the set this one replaces and how its codes map to that set's, if known.
        code_scheme: how codes are written, one scheme per level from the top ("dotted",
            "number", "roman", "letter"; the last serves every deeper level).
        numbering: ``"continuous"`` (the default: every code is unique as printed) or
            ``"per_part"`` (numbering restarts under each top-level part: "1", "1.1" again
            under part II; a criterion's code is then its path, "II.1.1", and ``printed``
            keeps "1.1").
        groups: the unit groups the set ranks within (nhóm), as published ("Nhóm A"); empty
            when the set names none. A unit whose group is not one of them gets an
            ``unknown-group`` warning; spellings are compared by
            `group_key`.
    """

    id: str = attrs.field(converter=_id)
    title: str = attrs.field(converter=nfc)
    criteria: tuple[Criterion, ...] = attrs.field(converter=_criteria)
    province: str = attrs.field(default="", converter=nfc)
    unit_kind: UnitKind | None = None
    authority: str = attrs.field(default="", converter=nfc)
    legal_basis: str = attrs.field(default="", converter=nfc)
    source: str = attrs.field(default="", converter=nfc)
    scope: str = attrs.field(default="", converter=nfc)
    valid_from: date | None = None
    valid_until: date | None = None
    grades: tuple[Grade, ...] = attrs.field(default=(), converter=_grades)
    rounding: RoundingPolicy = attrs.field(factory=RoundingPolicy)
    na_policy: NAPolicy = NAPolicy.EXCLUDE
    total: TotalPolicy = attrs.field(factory=TotalPolicy)
    cohort: str = attrs.field(default="all", validator=attrs.validators.in_(("all", "group")))
    acknowledged: tuple[Acknowledgement, ...] = attrs.field(default=(), converter=_acknowledgements)
    in_force_text: str = attrs.field(default="", converter=nfc)
    lineage: Lineage | None = None
    code_scheme: tuple[str, ...] = attrs.field(default=("dotted",), converter=_scheme)
    numbering: Numbering = Numbering.CONTINUOUS
    groups: tuple[str, ...] = attrs.field(default=(), converter=_group_names)
    # Built once (private, never handed out): every criterion in document order, so that
    # ``walk`` is a loop over a tuple, and the first criterion of each code, so that ``find``
    # is a look-up, not a walk.
    _order: tuple[Criterion, ...] = attrs.field(init=False, eq=False, repr=False, hash=False)
    _by_code: Mapping[str, Criterion] = attrs.field(init=False, eq=False, repr=False, hash=False)

    def __attrs_post_init__(self) -> None:
        order = _preorder(self.criteria)
        index: dict[str, Criterion] = {}
        for criterion in order:
            index.setdefault(criterion.code, criterion)
        object.__setattr__(self, "_order", order)
        object.__setattr__(self, "_by_code", index)
        for grade in self.grades:
            for condition in grade.requires:
                if condition.criterion not in index:
                    raise InvalidValueError(
                        unknown_condition_code(grade.label, condition.criterion)
                    )
        for criterion in order:
            problem = applies_to_problem(criterion.applies_to, self.groups)
            if problem is not None:
                raise InvalidValueError(
                    Text(
                        f"tiêu chí {criterion.code}: {problem.vi}",
                        f"criterion {criterion.code}: {problem.en}",
                    )
                )

    @property
    def max_points(self) -> Decimal:
        """The most a unit can score: the sum of the top-level criteria's max points —
        deductions excluded, and bonus rows too unless the set's bonus stands above the base
        (``total = { bonus = "above" }``)."""
        counted = (Role.SCORE, Role.BONUS) if self.total.bonus == "above" else (Role.SCORE,)
        return sum((c.max_points for c in self.criteria if c.role in counted), Decimal(0))

    def walk(self) -> Iterator[Criterion]:
        """Every criterion, in document order."""
        return iter(self._order)

    def __repr__(self) -> str:
        """One line: the id, how many criteria, the max (the whole tree is in ``criteria``)."""
        count = len(self._order)
        return (
            f"<CriterionSet {self.id!r} {count} criteria, max {plain(self.max_points)}: "
            f"{self.title[:60]!r}>"
        )

    def _repr_html_(self) -> str:
        """The set's table for notebooks: STT, criterion, max points and the rule in words."""
        left = 'style="text-align:left"'
        lines = [
            f"<p {left}><b>{escape(self.title)}</b><br>{escape(self.id)}</p>",
            "<table>",
            "<tr><th>STT</th><th>Tiêu chí</th><th>Tối đa</th><th>Cách tính</th></tr>",
        ]
        for criterion in self.walk():
            rule = criterion.rule.describe(criterion.max_points) if criterion.rule else ""
            weight = "" if criterion.rule else ' style="font-weight:bold"'
            lines.append(
                f"<tr{weight}><td {left}>{escape(criterion.number)}</td>"
                f"<td {left}>{escape(criterion.title)}</td>"
                f'<td style="text-align:right">{escape(plain(criterion.max_points))}</td>'
                f"<td {left}>{escape(rule)}</td></tr>"
            )
        lines.append("</table>")
        return "\n".join(lines)

    def group_named(self, name: str) -> str | None:
        """The declared group ``name`` spells (``"nhóm a"`` → ``"Nhóm A"``), or ``None``."""
        key = group_key(name)
        return next((g for g in self.groups if group_key(g) == key), None)

    def find(self, code: str) -> Criterion | None:
        """The first criterion with this code, or ``None``."""
        return self._by_code.get(nfc(code))

    @property
    def codes(self) -> tuple[str, ...]:
        """Every criterion code, in document order."""
        return tuple(c.code for c in self.walk())

    def in_force(self, day: date) -> bool:
        """Whether the set is in force on ``day``."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    def covers(self, start: date, end: date) -> bool:
        """Whether the set is in force on every day from ``start`` to ``end``."""
        return self.in_force(start) and self.in_force(end)
