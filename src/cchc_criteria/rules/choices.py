"""Yes / no items and graded verdicts (có / không; hoàn thành tốt / hoàn thành / …)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction

import attrs

from cchc_criteria.errors import InvalidValueError
from cchc_criteria.model import FractionOfMax, Outcome, Points
from cchc_criteria.numbers import decimal_of
from cchc_criteria.rules._answers import NO_WORDS, YES_WORDS, points_word, refusal
from cchc_criteria.text import Lang, Text, fold, nfc

__all__ = ["ChoiceRule", "Option", "YesNoRule"]


def _aliases(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(nfc(alias) for alias in value)


@attrs.frozen
class Option:
    """One answer a choice offers: its published label, its award, and other accepted spellings."""

    label: str = attrs.field(converter=nfc)
    award: Points | FractionOfMax
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_aliases)

    def accepts(self, folded: str) -> bool:
        """Whether a folded answer names this option."""
        return folded == fold(self.label) or any(folded == fold(a) for a in self.aliases)


def _options(value: Iterable[Option]) -> tuple[Option, ...]:
    options = tuple(value)
    if not options:
        raise InvalidValueError("a choice needs at least one option")
    return options


def _chosen(option: Option, answer: object, max_points: Decimal, position: int) -> Outcome:
    points = decimal_of(option.award.exact(Fraction(0), max_points))
    return Outcome(
        points=points,
        exact=points,
        figure=str(answer),
        matched=option.label,
        explanation=Text(
            f"“{option.label}”: {points_word(points, 'vi')}",
            f"option {position} “{option.label}”: {points_word(points, 'en')}",
        ),
    )


def _range(options: tuple[Option, ...], max_points: Decimal) -> tuple[Decimal, Decimal]:
    awards = [decimal_of(o.award.exact(Fraction(0), max_points)) for o in options]
    return min(awards), max(awards)


@attrs.frozen
class ChoiceRule:
    """A graded verdict: the answer is one of the published options, each worth its award.

    "Hoàn thành xuất sắc: điểm tối đa; hoàn thành tốt: 75 %; hoàn thành: 50 %" is three options
    with :class:`FractionOfMax` awards. Answers match labels regardless of case, spacing and
    diacritics.
    """

    options: tuple[Option, ...] = attrs.field(converter=_options)

    def score(self, answer: object, max_points: Decimal) -> Outcome:
        """Score the option named by ``answer``."""
        folded = fold(str(answer)) if isinstance(answer, str) else None
        for position, option in enumerate(self.options, start=1):
            if folded is not None and option.accepts(folded):
                return _chosen(option, answer, max_points, position)
        labels = " / ".join(f"“{o.label}”" for o in self.options)
        return refusal("invalid-answer", answer, variant="choice", labels=labels, answer=answer)

    def points_range(self, max_points: Decimal) -> tuple[Decimal | None, Decimal | None]:
        """The lowest and highest option award."""
        return _range(self.options, max_points)

    def describe(self, max_points: Decimal, *, lang: Lang = "vi") -> str:
        """Every option and its award."""
        return "; ".join(f"{o.label}: {o.award.describe(lang=lang)}" for o in self.options)


@attrs.frozen
class YesNoRule:
    """A yes / no item: "đã ban hành kế hoạch: điểm tối đa; chưa ban hành: 0".

    ``True``, "Có", "yes", "true" and the published yes-label all mean yes; ``False``, "Không",
    "no", "false" and the no-label mean no.

    Attributes:
        yes: the yes option (by default "Có", the full max).
        no: the no option (by default "Không", 0 points).
    """

    yes: Option = Option("Có", FractionOfMax(1))
    no: Option = Option("Không", Points(0))

    def score(self, answer: object, max_points: Decimal) -> Outcome:
        """Score a yes or a no."""
        if isinstance(answer, bool):
            return _chosen(self.yes if answer else self.no, answer, max_points, 1 if answer else 2)
        if isinstance(answer, str):
            folded = fold(answer)
            if folded in YES_WORDS or self.yes.accepts(folded):
                return _chosen(self.yes, answer, max_points, 1)
            if folded in NO_WORDS or self.no.accepts(folded):
                return _chosen(self.no, answer, max_points, 2)
        return refusal(
            "invalid-answer",
            answer,
            variant="yes-no",
            yes=self.yes.label,
            no=self.no.label,
            answer=answer,
        )

    def points_range(self, max_points: Decimal) -> tuple[Decimal | None, Decimal | None]:
        """The lower and higher of the two awards."""
        return _range((self.yes, self.no), max_points)

    def describe(self, max_points: Decimal, *, lang: Lang = "vi") -> str:
        """Both options and their awards."""
        return "; ".join(f"{o.label}: {o.award.describe(lang=lang)}" for o in (self.yes, self.no))
