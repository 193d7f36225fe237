"""**survey** — "kết quả khảo sát: phương án A = 100 %, B = 60 %, C = 20 %, D = 0 %; điểm =
điểm tối đa × tỷ lệ bình quân của các phiếu": each respondent's option counts for a share of
the max, and the row scores the average share over the respondents, times the max. Answered
with the number of votes per option (``{ A = 12, B = 5, C = 1, D = 0 }``), the options chosen
one per respondent, or a survey file read by `cchc_criteria.formats.load_survey`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from cchc_criteria.errors import InvalidValueError, NumberFormatError
from cchc_criteria.model import Outcome, Scale
from cchc_criteria.numbers import decimal_of, format_number, to_decimal
from cchc_criteria.rules._answers import figure_text, read_quantity, refusal, unexpected
from cchc_criteria.rules.keys import plain_number
from cchc_criteria.rules.kinds import RuleKind
from cchc_criteria.text import Lang, LazyText, Text, fold, nfc

__all__ = ["KIND", "SurveyRule"]

_HUNDRED = Fraction(100)
_EXPECTED = Text(
    "số phiếu theo phương án ({ A = 12, B = 5 }) hoặc danh sách phương án đã chọn",
    "the votes per option ({ A = 12, B = 5 }) or the list of options chosen",
)


def _options(
    value: Mapping[str, object] | Iterable[tuple[str, object]],
) -> tuple[tuple[str, Decimal], ...]:
    """The options in the published order, each with its share of the max in percent."""
    items = value.items() if isinstance(value, Mapping) else value
    options: list[tuple[str, Decimal]] = []
    seen: set[str] = set()
    for label, share in items:
        if not isinstance(label, str) or not label.strip():
            raise InvalidValueError(
                Text(
                    f"phương án khảo sát là văn bản, nhận được {label!r}",
                    f"a survey option is a label, got {label!r}",
                )
            )
        percent = to_decimal(share)
        if not 0 <= percent <= 100:
            raise InvalidValueError(
                Text(
                    f"phương án {label!r}: tỷ lệ từ 0 đến 100 %, nhận được {percent}",
                    f"option {label!r}: a share from 0 to 100 %, got {percent}",
                )
            )
        if fold(label) in seen:
            raise InvalidValueError(
                Text(f"phương án {label!r} bị lặp", f"option {label!r} is given twice")
            )
        seen.add(fold(label))
        options.append((nfc(label), percent))
    if not options:
        raise InvalidValueError(
            Text("khảo sát cần ít nhất một phương án", "a survey needs at least one option")
        )
    return tuple(options)


@attrs.frozen
class SurveyRule:
    """The average share of the respondents' options, times the max.

    Attributes:
        options: each option's label and its share of the max in percent, as published
            (``(("A", 100), ("B", 60), ("C", 20), ("D", 0))``).
    """

    options: tuple[tuple[str, Decimal], ...] = attrs.field(converter=_options)
    _by_label: Mapping[str, Fraction] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        shares = {fold(label): Fraction(share) for label, share in self.options}
        object.__setattr__(self, "_by_label", shares)

    def score(self, answer: object, max_points: Decimal) -> Outcome:
        """Score the votes: ``max × Σ votes × share / (100 × respondents)``."""
        votes = self.votes(answer)
        if isinstance(votes, Outcome):
            return votes
        respondents = sum(votes.values())
        if respondents == 0:
            return refusal(
                "invalid-answer",
                answer,
                expected=_EXPECTED,
                alternative="",
                error=Text("không có phiếu nào", "no respondent"),
            )
        average = sum((n * self._by_label[o] for o, n in votes.items()), Fraction(0))
        average /= respondents
        points = decimal_of(Fraction(max_points) * average / _HUNDRED)
        return Outcome(
            points,
            exact=points,
            value=decimal_of(average),
            figure=figure_text(answer),
            explanation=LazyText(_explain, self.options, votes, average, points),
        )

    def votes(self, answer: object) -> dict[str, int] | Outcome:
        """The votes per option (folded label) of an answer, or the refusal of it."""
        pairs: list[tuple[object, object]]
        if isinstance(answer, Mapping):
            pairs = list(answer.items())
        elif isinstance(answer, list | tuple):
            pairs = [(label, 1) for label in answer]
        else:
            return unexpected(answer, _EXPECTED)
        votes: dict[str, int] = {}
        for label, count in pairs:
            key = fold(label) if isinstance(label, str) else None
            if key is None or key not in self._by_label:
                labels = ", ".join(label for label, _ in self.options)
                return refusal(
                    "invalid-answer",
                    answer,
                    expected=_EXPECTED,
                    alternative="",
                    error=Text(
                        f"không có phương án {label!r}; các phương án: {labels}",
                        f"no option {label!r}; the options are: {labels}",
                    ),
                )
            number = _count(count)
            if number is None:
                return refusal(
                    "invalid-answer",
                    answer,
                    expected=_EXPECTED,
                    alternative="",
                    error=Text(
                        f"số phiếu của {label!r} là số nguyên không âm, nhận được {count!r}",
                        f"the votes for {label!r} are a whole number from 0, got {count!r}",
                    ),
                )
            votes[key] = votes.get(key, 0) + number
        return votes

    def points_range(self, max_points: Decimal) -> tuple[Decimal | None, Decimal | None]:
        """From the lowest option's share of the max to the highest's."""
        shares = [share for _, share in self.options]
        return (
            decimal_of(Fraction(max_points) * Fraction(min(shares)) / _HUNDRED),
            decimal_of(Fraction(max_points) * Fraction(max(shares)) / _HUNDRED),
        )

    def describe(self, max_points: Decimal, *, lang: Lang = "vi") -> str:
        """The options and their shares."""
        shares = ", ".join(
            f"{label} = {format_number(share, lang=lang)} %" for label, share in self.options
        )
        if lang == "vi":
            return f"tỷ lệ bình quân các phiếu khảo sát ({shares}) × điểm tối đa"
        return f"the average share of the survey's answers ({shares}) × the max"


def _count(value: object) -> int | None:
    """A number of votes: a whole number from 0 (``12``, ``"12"``); ``None`` otherwise."""
    try:
        number = read_quantity(value, Scale.COUNT)
    except NumberFormatError:
        return None
    return int(number) if number >= 0 else None


def _explain(
    lang: Lang,
    options: tuple[tuple[str, Decimal], ...],
    votes: dict[str, int],
    average: Fraction,
    points: Decimal,
) -> str:
    counted = [(label, votes.get(fold(label), 0)) for label, _ in options]
    said = ", ".join(f"{label}: {n}" for label, n in counted)
    mean = format_number(decimal_of(average), lang=lang, max_places=2)
    total = format_number(points, lang=lang, max_places=4)
    if lang == "vi":
        return f"{sum(votes.values())} phiếu ({said}); tỷ lệ bình quân {mean} % → {total} điểm"
    count = sum(votes.values())
    noun = "answer" if count == 1 else "answers"
    return f"{count} {noun} ({said}); average share {mean} % → {total} points"


def _read(keys: Mapping[str, Any], kinds: object) -> SurveyRule:
    shares = keys.get("shares")
    if not isinstance(shares, Mapping):
        raise InvalidValueError(
            Text(
                'khảo sát cần shares = { "A" = 100, "B" = 60, … } (tỷ lệ % của điểm tối đa '
                "cho mỗi phương án)",
                'a survey needs shares = { "A" = 100, "B" = 60, … } (each option\'s share of '
                "the max in %)",
            )
        )
    return SurveyRule(shares)


def _write(rule: SurveyRule, kinds: object) -> dict[str, Any]:
    return {"shares": {label: plain_number(share) for label, share in rule.options}}


def _answer_keys(rule: SurveyRule) -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(label for label, _ in rule.options), frozenset()


KIND = RuleKind(
    name="survey",
    rule_class=SurveyRule,
    keys={"shares"},
    read=_read,
    write=_write,
    schema={
        "properties": {
            "shares": {
                "description": "Each option's share of the max in percent: { A = 100, B = 60 }",
                "type": "object",
                "minProperties": 1,
                "additionalProperties": {"$ref": "#/$defs/number"},
            }
        },
        "required": ["shares"],
    },
    hint=lambda rule, max_points: (
        "số phiếu theo phương án: { "
        + ", ".join(f'"{label}" = …' for label, _ in rule.options)
        + " }"
    ),
    answer_keys=_answer_keys,
    pure=True,
)
"""The kind ``rule = "survey"``."""
