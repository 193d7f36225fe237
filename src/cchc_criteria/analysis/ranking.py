"""Ranking units within their groups: what a ranking keeps of each unit's scorecard (a
`Standing`), and the ranking itself (`rank`): by exact index, ties sharing a
rank, incomplete scorecards listed last and unranked."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from cchc_criteria.errors import ArgumentError
from cchc_criteria.model import CriterionSet
from cchc_criteria.numbers import plain
from cchc_criteria.scoring import Scorecard
from cchc_criteria.text import Lang, Text, group_key, html_table

__all__ = [
    "Ranked",
    "Ranking",
    "Standing",
    "rank",
    "ranking_areas",
]


_UNSCORED = "_"


def _area_text(indices: Iterable[Decimal | None] | str) -> str:
    """Area indices as one line of their exact texts (a line already made is kept)."""
    if isinstance(indices, str):
        return indices
    return " ".join(_UNSCORED if index is None else str(index) for index in indices)


@attrs.frozen
class Standing:
    """What a ranking reads of a unit's scorecard: its totals, grade and areas.

    A scorecard keeps the unit's answers and makes its nodes when they are read; a standing
    keeps a few numbers, so that ranking tens of thousands of units holds no scorecard
    (``Standing.of(card)``, which reads no node).

    Attributes:
        criterion_set: the set the unit was scored against.
        unit, period: the assessment's unit and period.
        points, max_points, index: the totals (the index exact, as a percentage).
        grade: the grade, when the set has grades and the scorecard is complete.
        complete: whether every criterion was scored (or is not applicable).
        accepted: False when the unit's evaluation is not accepted (``Scorecard.accepted``):
            listed, never ranked.
        group: the assessment's unit group ("" when none is named).
        area_indices: the index of every top-level area of the set, in document order
            (``areas`` pairs them with their codes). Kept as their exact text, one line for
            all of them (a tuple of Decimals costs three times the memory, and a ranking
            keeps one standing per unit); read back as Decimals, digit for digit.
    """

    criterion_set: CriterionSet
    unit: str
    period: str
    points: Decimal
    max_points: Decimal
    index: Decimal | None
    grade: str | None
    complete: bool
    _area_text: str = attrs.field(alias="area_indices", converter=_area_text)
    accepted: bool = attrs.field(default=True, kw_only=True)
    group: str = attrs.field(default="", kw_only=True)

    @property
    def area_indices(self) -> tuple[Decimal | None, ...]:
        """The index of every top-level area, in document order (``None``: unscored)."""
        if not self._area_text:
            return ()
        return tuple(
            None if text == _UNSCORED else Decimal(text) for text in self._area_text.split(" ")
        )

    @property
    def areas(self) -> tuple[tuple[str, Decimal | None], ...]:
        """(code, index) of every top-level area, in document order."""
        codes = (criterion.code for criterion in self.criterion_set.criteria)
        return tuple(zip(codes, self.area_indices, strict=True))

    @classmethod
    def of(cls, card: Scorecard) -> Standing:
        """The standing of ``card``."""
        return cls(
            card.criterion_set,
            card.assessment.unit,
            card.assessment.period,
            card.points,
            card.max_points,
            card.index,
            card.grade,
            card.complete,
            card.area_indices,
            accepted=card.accepted,
            group=card.assessment.group,
        )

    def unranked_reason(self, lang: Lang = "vi") -> str:
        """Why a ranking gives this unit no place: its evaluation is not accepted, or it
        is incomplete (chưa đủ)."""
        return (_INCOMPLETE if self.accepted else _NOT_ACCEPTED).get(lang)

    def area(self, code: str) -> Decimal | None:
        """The index of area ``code`` (``None`` when unscored or not an area of this set);
        only that area's text is read back (a ranking asks for every area of every unit)."""
        position = self._position(code)
        if position is None:
            return None
        text = self._area_text.split(" ")[position]
        return None if text == _UNSCORED else Decimal(text)

    def has_area(self, code: str) -> bool:
        """Whether ``code`` is one of this set's areas."""
        return self._position(code) is not None

    def _position(self, code: str) -> int | None:
        return next(
            (i for i, area in enumerate(self.criterion_set.criteria) if area.code == code), None
        )


@attrs.frozen
class Ranked:
    """One unit's place in a ranking (xếp hạng).

    Attributes:
        standing: the unit's totals, grade and areas.
        group: the unit group it is ranked within ("" when there is one group).
        rank: 1 for the best; units with the same index share a rank (1, 2, 2, 4); ``None``
            for an incomplete scorecard, which is listed but not ranked.
        source: where the assessment came from (a file name), for people.
    """

    standing: Standing
    group: str
    rank: int | None
    source: str


class Ranking(list[Ranked]):
    """What `rank` gives: a list of `Ranked`, shown in a notebook as a table
    (group, place — or why none —, unit, points, index, grade)."""

    def _repr_html_(self) -> str:
        rows = []
        for entry in self:
            standing = entry.standing
            place = str(entry.rank) if entry.rank is not None else f"({standing.unranked_reason()})"
            index = "" if standing.index is None else plain(standing.index.quantize(_CENT))
            rows.append(
                (
                    entry.group,
                    place,
                    standing.unit or entry.source,
                    f"{plain(standing.points)} / {plain(standing.max_points)}",
                    index,
                    standing.grade or "",
                )
            )
        headings = ("Nhóm", "Hạng", "Đơn vị", "Điểm", "Chỉ số (%)", "Xếp loại")
        return html_table(headings, rows)


_CENT = Decimal("0.01")
_INCOMPLETE = Text(vi="chưa đủ", en="incomplete")
_NOT_ACCEPTED = Text(vi="không được công nhận", en="not accepted")


def rank(
    cards: Iterable[Scorecard | Standing | tuple[Scorecard | Standing, str, str]],
) -> Ranking:
    """Rank scorecards (or their standings) within their groups by exact index, ties sharing
    a rank.

    Each item of ``cards`` is a scorecard or a standing — ranked in its assessment's group,
    and named by its unit — or a tuple (scorecard or standing, group, source) that names
    the group and the source (a file name) itself. Groups are told apart by
    `group_key` ("A", "a " and "Nhóm A" are one group) and named as
    the set declares them, else by their first spelling in sorted order. The result is
    ordered by group, then rank, with incomplete scorecards (and those not accepted) last in
    their group, without a place.

    >>> ranking = cc.rank(cards)                                     # doctest: +SKIP
    >>> [(entry.rank, entry.standing.unit) for entry in ranking]     # doctest: +SKIP
    [(1, 'Xã A'), (2, 'Xã B'), (None, 'Xã C')]

    Args:
        cards: scorecards, standings, or (scorecard or standing, group, source) tuples.

    Returns:
        The `Ranking`: one `Ranked` entry per item, by group, then rank.

    Raises:
        ArgumentError: for an item that is neither.
    """
    groups: dict[str, list[tuple[Standing, str]]] = {}
    spellings: dict[str, set[str]] = {}
    declared: dict[str, str] = {}
    for item in cards:
        card, group, source = _entry(item)
        standing = card if isinstance(card, Standing) else Standing.of(card)
        key = group_key(group)
        groups.setdefault(key, []).append((standing, source))
        spellings.setdefault(key, set()).add(group)
        named = standing.criterion_set.group_named(group)
        if named is not None:
            declared.setdefault(key, named)
    names = {key: declared.get(key) or min(spellings[key]) for key in groups}
    result = Ranking()
    for key in sorted(groups):
        members = groups[key]
        group = names[key]
        ranked = sorted(
            (m for m in members if _rankable(m[0])),
            key=lambda m: (-(m[0].index or 0), m[1]),
        )
        previous: Decimal | None = None
        place = 0
        for position, (card, source) in enumerate(ranked, start=1):
            if card.index != previous:
                place = position
                previous = card.index
            result.append(Ranked(card, group, place, source))
        result += [
            Ranked(card, group, None, source)
            for card, source in sorted(members, key=lambda m: m[1])
            if not _rankable(card)
        ]
    return result


def _entry(item: object) -> tuple[Scorecard | Standing, str, str]:
    """(scorecard or standing, group, source) of one item given to `rank`."""
    if isinstance(item, Scorecard):
        return item, item.assessment.group, item.assessment.unit
    if isinstance(item, Standing):
        return item, item.group, item.unit
    if (
        isinstance(item, tuple)
        and len(item) == 3
        and isinstance(item[0], Scorecard | Standing)
        and isinstance(item[1], str)
        and isinstance(item[2], str)
    ):
        return item[0], item[1], item[2]
    raise ArgumentError(
        "rank() takes scorecards, standings or (scorecard, group, source) tuples, got "
        f"{type(item).__name__}"
    )


def _rankable(standing: Standing) -> bool:
    """Whether a unit takes a place: complete, with an index, its evaluation accepted."""
    return standing.complete and standing.accepted and standing.index is not None


def ranking_areas(ranking: Sequence[Ranked]) -> list[str]:
    """The codes of the areas of every ranked scorecard, in order of first appearance.

    Args:
        ranking: the ranked entries.

    Returns:
        The areas' codes.
    """
    areas: list[str] = []
    for entry in ranking:
        areas += [code for code, _ in entry.standing.areas if code not in areas]
    return areas
