"""Scorecards: every node's points, max, index and why, and the totals of one unit."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from html import escape

import attrs

from cchc_criteria._deprecation import deprecated
from cchc_criteria.errors import ArgumentError
from cchc_criteria.model import (
    Assessment,
    CriterionSet,
    Finding,
    Findings,
    GivenPoints,
    Role,
    RoundingPolicy,
    Severity,
)
from cchc_criteria.numbers import (
    canonical,
    exact_quotient,
    format_number,
    round_points,
)
from cchc_criteria.text import Lang, Text, nfc, shown, suggest

__all__ = ["INDEX_PLACES", "NodeRow", "NodeScore", "Scorecard", "rounded_index"]


@attrs.frozen
class NodeScore:
    """The score of one criterion (or group) on a scorecard.

    Attributes:
        code, title: as published.
        depth: 1 for an area, 2 for a criterion, 3 for a sub-criterion, …
        role: how the node counts towards its parent (see `Role`).
        is_leaf: True when the node is scored by a rule.
        published_max: the max points as published.
        max_points: the max that counts: the published max less every not-applicable
            criterion below (or the node itself) under the ``exclude`` policy.
        points: the exact points, held to [0, max]; ``None`` while unscored.
        points_display: ``points`` as reports show it: rounded by the set's rounding policy,
            else to two decimals, half up (``RoundingPolicy.display``)
            (equal when the set has none).
        rule_points: what the rule or the children's sum gave before it was held to
            [0, max]; differs from ``points`` only where the published rule overshoots.
        applicable: False when the node is not applicable (không áp dụng) and excluded.
        complete: True when the node and everything below it is scored or not applicable.
        open_points: max points below this node that are still unscored.
        figure: the answer as given (leaves).
        value: the figure the rule used, in the rule's scale (leaves).
        matched: the band or option that applied (leaves).
        explanation: why, in Vietnamese and English (``explanation.get(lang)``).
        self_assessed, appraised: the declared scores, when given.
        evidence: evidence references; unit_explanation: the unit's own explanation.
        children: codes of the children, in document order.
    """

    code: str
    title: str
    depth: int
    role: Role
    is_leaf: bool
    published_max: Decimal
    max_points: Decimal
    points: Decimal | None
    points_display: Decimal | None
    rule_points: Decimal | None
    applicable: bool
    complete: bool
    open_points: Decimal
    figure: str | None = None
    value: Decimal | None = None
    matched: str | None = None
    explanation: Text = attrs.field(factory=lambda: Text("", ""))
    self_assessed: Decimal | None = None
    appraised: Decimal | None = None
    evidence: tuple[str, ...] = ()
    unit_explanation: str = ""
    children: tuple[str, ...] = ()

    @property
    def index(self) -> Decimal | None:
        """Points as a percentage of ``max_points``; ``None`` when unscored or the max is 0."""
        return _index(self.points, self.max_points)

    @property
    def rounded(self) -> Decimal | None:
        """Deprecated: ``points_display`` (one vocabulary: ``points`` exact, ``*_display``
        rounded); goes in the next release."""
        deprecated("NodeScore.rounded", "NodeScore.points_display")
        return self.points_display


INDEX_PLACES = 2
"""Decimals of an index when the set has no rounding policy: the published forms show two."""


def rounded_index(value: Decimal | None, policy: RoundingPolicy) -> Decimal | None:
    """An index as people read it: rounded by the set's rounding policy, or to
    `INDEX_PLACES` decimals when the set has none. Keep the exact value beside it.

    Args:
        value: the exact index, or ``None``.
        policy: the set's rounding policy.

    Returns:
        The rounded index, or ``None`` for ``None``.
    """
    if value is None:
        return None
    places = INDEX_PLACES if policy.places is None else policy.places
    return round_points(value, places, policy.mode)


def _canonical_number(value: Decimal | None) -> Decimal | None:
    return None if value is None else canonical(value)


@attrs.frozen
class NodeRow:
    """One node of a scorecard as a flat record: a row of a table (``card.rows()``).

    Numbers are `Decimal` (``None`` where there is none). As everywhere in
    the library, ``points`` and ``index`` are exact and ``points_display`` and
    ``index_display`` are rounded as the set says (the index to two decimals when it says
    nothing).

    Attributes:
        code, title: as published.
        depth: 1 for an area (lĩnh vực), 2 for a criterion (tiêu chí), 3 for a sub-criterion
            (tiêu chí thành phần), …
        leaf: True when a rule scores the node (not a group).
        max_points: the max that counts (not-applicable criteria excluded); ``published_max``
            the max as published.
        points, points_display: the points, exact and as reports show them (rounded by the
            set's policy, else to two decimals).
        index, index_display: points as a percentage of ``max_points``, exact and rounded.
        matched: the band or option that applied (leaves).
        explanation: why, in the language asked for.
        self_assessed, appraised: the declared scores (điểm tự đánh giá, điểm thẩm định).
        complete, applicable: as on `NodeScore`.
        figure: the figure the unit declared, as given (leaves; ``None`` when unanswered).
        open_points: the max points still waiting on unscored criteria at or below it.
        role: ``score``, ``bonus``, ``deduction`` or ``monitor``.
        order: the node's place in the published table (0 for the first row): sorting by it
            keeps the table's order, which sorting codes as text does not ("7,4", "10").
        number: the STT as printed (the code, unless the set numbers per part).
    """

    code: str
    depth: int
    title: str
    leaf: bool
    max_points: Decimal = attrs.field(converter=canonical)
    published_max: Decimal = attrs.field(converter=canonical)
    points: Decimal | None = attrs.field(converter=_canonical_number)
    points_display: Decimal | None = attrs.field(converter=_canonical_number)
    index: Decimal | None = attrs.field(converter=_canonical_number)
    index_display: Decimal | None = attrs.field(converter=_canonical_number)
    matched: str | None
    explanation: str
    self_assessed: Decimal | None = attrs.field(converter=_canonical_number)
    appraised: Decimal | None = attrs.field(converter=_canonical_number)
    complete: bool
    applicable: bool
    figure: str | None = None
    open_points: Decimal = attrs.field(default=Decimal(0), converter=canonical)
    role: str = "score"
    order: int = 0
    number: str = ""


def _accepted(findings: Iterable[Finding]) -> bool:
    """Whether no rule refused the unit's whole evaluation (``evaluation-not-accepted``)."""
    return not any(f.code == "evaluation-not-accepted" for f in findings)


def _index(points: Decimal | None, max_points: Decimal) -> Decimal | None:
    """points / max × 100, rounded once (to 34 digits) from the exact quotient."""
    if points is None or max_points == 0:
        return None
    return exact_quotient(points, max_points, 100)


@attrs.frozen(repr=False)
class Scorecard:
    """A unit's scores against a criterion set: every node, the totals, the grade, the findings.

    Index a scorecard by criterion code (``card["7.1.2"]``); iterate it for every node in
    document order. ``findings`` are about the answers; ``lint_findings`` are the set's own
    published mistakes (`lint`) that touch the criteria this card scored.
    """

    criterion_set: CriterionSet
    assessment: Assessment
    nodes: Mapping[str, NodeScore]
    roots: tuple[str, ...]
    points: Decimal
    points_display: Decimal
    max_points: Decimal
    open_points: Decimal
    complete: bool
    findings: tuple[Finding, ...] = attrs.field(converter=Findings)
    grade: str | None
    lint_findings: tuple[Finding, ...] = attrs.field(default=(), converter=Findings)
    # (points, max) of each top-level node: what area_indices reads without making the nodes.
    _area_totals: tuple[tuple[Decimal | None, Decimal], ...] | None = attrs.field(
        default=None, eq=False, repr=False
    )
    # Every lint finding of the set the card was scored with (shared by the set's cards):
    # what a card scored again (with_answers) picks its own from.
    _set_findings: tuple[Finding, ...] = attrs.field(default=(), eq=False, repr=False)

    @property
    def index(self) -> Decimal | None:
        """Total points as a percentage of the total max (exact; ``None`` when the max is 0)."""
        return _index(self.points, self.max_points)

    @property
    def index_display(self) -> Decimal | None:
        """The index as reports show it: rounded as the set says (two decimals by default)."""
        return rounded_index(self.index, self.criterion_set.rounding)

    @property
    def rounded(self) -> Decimal:
        """Deprecated: ``points_display`` (one vocabulary: ``points`` exact, ``*_display``
        rounded); goes in the next release."""
        deprecated("Scorecard.rounded", "Scorecard.points_display")
        return self.points_display

    @property
    def area_indices(self) -> tuple[Decimal | None, ...]:
        """The index of every top-level area (chỉ số thành phần của lĩnh vực), exact, in
        document order (``card.roots``): what a ranking reads, without the nodes' views."""
        if self._area_totals is None:
            return tuple(self.nodes[code].index for code in self.roots)
        return tuple(_index(points, most) for points, most in self._area_totals)

    @property
    def accepted(self) -> bool:
        """False when the unit's whole evaluation is not accepted (không được công nhận kết
        quả): a rule said so (``evaluation-not-accepted``, e.g. a report sent after the last
        day a lateness rule with ``beyond_limit = "card"`` accepts). Such a card has no grade
        and no rank."""
        return _accepted(self.findings)

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings of severity ``error``."""
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    def __getitem__(self, code: str | tuple[str, ...]) -> NodeScore:
        """The node of ``code``; a code published with a typo ("7,4") is also found by its
        canonical form ("7.4"), and the node keeps the code as published. In a set numbered
        per part, the code is the path: ``card["II.1.1"]`` or ``card[("II", "1", "1")]``."""
        if isinstance(code, tuple) and code and all(isinstance(part, str) for part in code):
            code = ".".join(code)  # a path, ("II", "1", "1"): the code "II.1.1"
        if not isinstance(code, str):
            raise ArgumentError(
                "criterion codes are texts such as '7.1.2', got "
                f"{type(code).__name__} {shown(code, quoted=True):.60}"
            )
        key = nfc(code)
        if key in self.nodes:
            return self.nodes[key]
        published = _canonical(self.nodes).get(_fold_code(key))
        if published is not None:
            return self.nodes[published]
        hint = _suggest(code, list(self.nodes))
        message = f"no criterion {code!r} in {self.criterion_set.id!r}"
        raise KeyError(message + (f"; did you mean {hint!r}?" if hint else ""))

    def __iter__(self) -> Iterator[NodeScore]:
        return iter(self.nodes.values())

    def rows(self, *, lang: Lang = "vi") -> tuple[NodeRow, ...]:
        """Every node as a flat, typed record, in document order (one row of a table each):
        ``pd.DataFrame(card.rows())`` or `cchc_criteria.to_frame` for many cards."""
        policy = self.criterion_set.rounding
        printed = {c.code: c.printed for c in self.criterion_set.walk() if c.printed}
        return tuple(
            NodeRow(
                code=node.code,
                depth=node.depth,
                title=node.title,
                leaf=node.is_leaf,
                max_points=node.max_points,
                published_max=node.published_max,
                points=node.points,
                points_display=node.points_display,
                index=node.index,
                index_display=rounded_index(node.index, policy),
                matched=node.matched,
                explanation=node.explanation.get(lang),
                self_assessed=node.self_assessed,
                appraised=node.appraised,
                complete=node.complete,
                applicable=node.applicable,
                figure=node.figure,
                open_points=node.open_points,
                role=node.role.value,
                order=order,
                number=printed.get(node.code, node.code),
            )
            for order, node in enumerate(self)
        )

    def with_points(self, changes: Mapping[str, Decimal | int]) -> Scorecard:
        """What if these criteria had these points, whatever their rules (each held to
        [0, its max]): the card scored again with them given (``model.GivenPoints``)."""
        return self.with_answers({code: GivenPoints(points) for code, points in changes.items()})

    def with_answers(self, changes: Mapping[str, object]) -> Scorecard:
        """What if: the card the unit would get with ``changes`` to its answers (codes to
        answers as `cchc_criteria.score` takes them; ``NA`` for not applicable, ``None``
        to take an answer back), scored against the same set, with the same rule kinds and
        the set's lint findings."""
        from cchc_criteria.scoring.scorer import score

        answers = {**self.assessment.answers, **changes}
        answers = {code: answer for code, answer in answers.items() if answer is not None}
        unit = attrs.evolve(self.assessment, answers=answers)
        kinds = getattr(self.nodes, "kinds", None)
        if kinds is None:
            raise ArgumentError("with_answers() needs a card made by scoring")
        return score(self.criterion_set, unit, set_findings=self._set_findings, kinds=kinds)

    def __repr__(self) -> str:
        """Short: the set, the unit, points / max, complete or not (the whole set is in
        ``card.criterion_set``)."""
        unit = self.assessment.unit or self.assessment.source or ""
        return (
            f"<Scorecard {self.criterion_set.id!r} unit={unit[:60]!r} "
            f"points={format_number(self.points, lang='en')}/"
            f"{format_number(self.max_points, lang='en')} "
            f"{'complete' if self.complete else 'incomplete'}>"
        )

    def _repr_html_(self) -> str:
        """The scorecard's table for Jupyter and other notebooks."""

        rounding = self.criterion_set.rounding

        def cell(value: Decimal | None) -> str:
            shown = "" if value is None else escape(format_number(rounding.display(value)))
            return f'<td style="text-align:right">{shown}</td>'

        head = ("STT", "Tiêu chí", "Tối đa", "Điểm", "Chỉ số (%)", "Tự ĐG", "Thẩm định")
        left = 'style="text-align:left"'
        lines = [
            f"<p {left}><b>{escape(self.criterion_set.title)}</b><br>"
            f"{escape(self.criterion_set.id)} — {escape(self.assessment.unit)}</p>",
            "<table>",
            "<tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr>",
        ]
        for row in self.rows():
            weight = "" if row.leaf else ' style="font-weight:bold"'
            lines.append(
                f"<tr{weight}><td {left}>{escape(row.number)}</td>"
                f"<td {left}>{escape(row.title)}</td>"
                + "".join(
                    cell(v)
                    for v in (
                        row.published_max,
                        row.points,
                        row.index,
                        row.self_assessed,
                        row.appraised,
                    )
                )
                + "</tr>"
            )
        total = rounded_index(self.index, self.criterion_set.rounding)
        lines.append(
            f'<tr style="font-weight:bold"><td></td><td>Tổng điểm</td>{cell(self.max_points)}'
            f"{cell(self.points_display)}{cell(total)}<td></td><td></td></tr>"
        )
        lines.append("</table>")
        state = []
        if not self.complete:
            state.append(
                f"CHƯA ĐẦY ĐỦ — {escape(format_number(rounding.display(self.open_points)))} "
                "điểm chưa chấm"
            )
        if not self.accepted:
            state.append("KẾT QUẢ ĐÁNH GIÁ KHÔNG ĐƯỢC CÔNG NHẬN")
        if self.grade is not None:
            state.append(f"Xếp loại: {escape(self.grade)}")
        if state:
            lines.append(f"<p {left}><b>" + "<br>".join(state) + "</b></p>")
        lines.append(f"<p {left}><small>{escape(rounding.describe())}</small></p>")
        if self.findings:
            lines.append(f"<ul {left}>")
            lines += [
                f"<li>[{escape(f.code)}] {escape(f.criterion)}: {escape(f.message_vi)}</li>"
                for f in self.findings
            ]
            lines.append("</ul>")
        return "\n".join(lines)

    def __len__(self) -> int:
        return len(self.nodes)


def _fold_code(code: str) -> str:
    """The canonical form of a code: "7,4" and "7. 4" are "7.4"."""
    return code.replace(",", ".").replace(" ", "")


def _canonical(nodes: Mapping[str, NodeScore]) -> dict[str, str]:
    """Canonical code → published code, for the codes whose canonical form is unambiguous."""
    found: dict[str, str] = {}
    clashes: set[str] = set()
    for code in nodes:
        key = _fold_code(code)
        if key in found:
            clashes.add(key)
        found[key] = code
    return {k: v for k, v in found.items() if k not in clashes}


def _suggest(code: str, codes: list[str]) -> str | None:
    """The published code a mistyped one most likely means ("7.4" → "7,4")."""
    folded = {_fold_code(c): c for c in codes}
    key = _fold_code(nfc(code))
    if key in folded:
        return folded[key]
    close = suggest(code, codes, cutoff=0.8)
    return close[0] if close else None
