"""Yes / no items and graded verdicts (có / không; hoàn thành tốt / hoàn thành / …)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs

from cchc_criteria._values import small
from cchc_criteria.errors import InvalidValueError, require
from cchc_criteria.model import Criterion, Finding, FractionOfMax, Outcome, Points, finding
from cchc_criteria.numbers import decimal_of
from cchc_criteria.rules._answers import NO_WORDS, YES_WORDS, figure_text, points_word, refusal
from cchc_criteria.rules.keys import award_keys, mapping, no_leftovers, read_award
from cchc_criteria.rules.kinds import AnswerCell, FastScorer, Improvement, RuleKind, RuleKinds
from cchc_criteria.text import Lang, LazyText, Text, fold, nfc

__all__ = [
    "CHOICE",
    "YES_NO",
    "ChoiceRule",
    "Option",
    "YesNoRule",
    "read_option",
    "write_option",
]


def _aliases(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(nfc(alias) for alias in value)


@attrs.frozen
class Option:
    """One answer a choice offers: its published label, its award, and other accepted spellings."""

    label: str = attrs.field(converter=nfc)
    award: Points | FractionOfMax
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_aliases)
    # The label and aliases folded, on the first answer compared with them (not when a set is
    # read: a large set has many options that no answer in this run names).
    _names: frozenset[str] | None = attrs.field(
        init=False, default=None, eq=False, hash=False, repr=False
    )

    def accepts(self, folded: str) -> bool:
        """Whether a folded answer names this option."""
        names = self._names
        if names is None:
            names = frozenset(fold(name) for name in (self.label, *self.aliases))
            object.__setattr__(self, "_names", names)
        return folded in names


def _options(value: Iterable[Option]) -> tuple[Option, ...]:
    options = tuple(value)
    if not options:
        raise InvalidValueError(
            Text("câu hỏi lựa chọn cần ít nhất một phương án", "a choice needs at least one option")
        )
    return options


def _points(option: Option, max_points: Decimal) -> Decimal:
    return decimal_of(option.award.exact(Fraction(0), max_points))


def _chosen(option: Option, answer: object, max_points: Decimal, position: int) -> Outcome:
    points = _points(option, max_points)
    return Outcome(
        points=points,
        exact=points,
        figure=figure_text(answer),
        matched=option.label,
        explanation=LazyText(_explain_option, option.label, position, points),
    )


def _explain_option(lang: Lang, label: str, position: int, points: Decimal) -> str:
    if lang == "vi":
        return f"“{label}”: {points_word(points, 'vi')}"
    return f"option {position} “{label}”: {points_word(points, 'en')}"


def _range(options: tuple[Option, ...], max_points: Decimal) -> tuple[Decimal, Decimal]:
    awards = [_points(o, max_points) for o in options]
    return min(awards), max(awards)


@attrs.frozen
class ChoiceRule:
    """A graded verdict: the answer is one of the published options, each worth its award.

    "Hoàn thành xuất sắc: điểm tối đa; hoàn thành tốt: 75 %; hoàn thành: 50 %" is three options
    with `FractionOfMax` awards. Answers match labels regardless of case, spacing and
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

    yes: Option = attrs.field(
        default=Option("Có", FractionOfMax(1)),
        validator=lambda _, __, value: require(value, Option, "YesNoRule"),
    )
    no: Option = attrs.field(
        default=Option("Không", Points(0)),
        validator=lambda _, __, value: require(value, Option, "YesNoRule"),
    )

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


# --------------------------------------------------------------------------- fast scorers


def _points_by_name(
    options: Iterable[tuple[Option, Decimal, Iterable[str]]],
) -> dict[str, Decimal]:
    """Each folded name an option answers to (its label, aliases and the ``words`` already
    folded), and its points; the first option named wins, as ``score`` tries them in order."""
    found: dict[str, Decimal] = {}
    for option, points, words in options:
        for word in words:
            found.setdefault(word, points)
        for name in (option.label, *option.aliases):
            found.setdefault(fold(name), points)
    return found


def _by_text(named: dict[str, Decimal]) -> Callable[[object], Decimal | None]:
    """The points of a text that names an option once folded; the texts already seen are
    remembered as given (at most 256: a cohort types a handful of spellings)."""
    seen: dict[str, Decimal | None] = {}

    def points(answer: object) -> Decimal | None:
        if type(answer) is not str:
            return None
        if answer in seen:
            return seen[answer]
        found = named.get(fold(answer))
        if len(seen) < 256 and small(answer):
            seen[answer] = found
        return found

    return points


def _compile_yes_no(rule: YesNoRule, max_points: Decimal, kinds: RuleKinds) -> FastScorer:
    """``True``/``False``, and the words for yes and no."""
    yes, no = _points(rule.yes, max_points), _points(rule.no, max_points)
    by_text = _by_text(_points_by_name([(rule.yes, yes, YES_WORDS), (rule.no, no, NO_WORDS)]))

    def fast(answer: object) -> Decimal | None:
        if answer is True:
            return yes
        if answer is False:
            return no
        return by_text(answer)

    return fast


def _compile_choice(rule: ChoiceRule, max_points: Decimal, kinds: RuleKinds) -> FastScorer:
    """An option's label or alias."""
    return _by_text(_points_by_name((o, _points(o, max_points), ()) for o in rule.options))


# --------------------------------------------------------------------------- the kinds


def read_option(value: object, _: object = None) -> Option:
    """An option from its table: label, points or share, aliases."""
    data = mapping(value, Text("một phương án", "an option"))
    label = data.pop("label", None)
    if not isinstance(label, str):
        raise InvalidValueError(Text("phương án cần có nhãn (label)", "an option needs a label"))
    where = Text(f"phương án {label!r}", f"option {label!r}")
    aliases = data.pop("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise InvalidValueError(
            Text(
                f"{where.vi}: aliases phải là một danh sách chuỗi",
                f"{where.en}: aliases must be a list of texts",
            )
        )
    award = read_award(data, where)
    if not isinstance(award, Points | FractionOfMax):
        raise InvalidValueError(
            Text(
                f"{where.vi}: phương án cho điểm (points) hoặc tỷ lệ (share), không dùng công thức",
                f"{where.en}: an option awards points or a share, not a formula",
            )
        )
    no_leftovers(data, where, "label, points or share, aliases")
    return Option(label, award, aliases)


def write_option(option: Option) -> dict[str, Any]:
    result: dict[str, Any] = {"label": option.label, **award_keys(option.award)}
    if option.aliases:
        result["aliases"] = list(option.aliases)
    return result


def _option_lint(criterion: Criterion, options: Iterable[Option]) -> Iterator[Finding]:
    for code, values in _option_problems(tuple(options), criterion.max_points):
        yield finding(code, criterion.code, variant="option", **values)


@functools.lru_cache(maxsize=1024)
def _option_problems(
    options: tuple[Option, ...], maximum: Decimal
) -> tuple[tuple[str, dict[str, Any]], ...]:
    """What lint finds in ``options`` under ``maximum`` (the finding's code and values):
    worked out once for the rows of a set that publish the same options."""
    found: list[tuple[str, dict[str, Any]]] = []
    seen: dict[str, str] = {}
    for position, option in enumerate(options, start=1):
        points = decimal_of(option.award.exact(Fraction(0), maximum))
        common = {"band": position, "value": points, "label": option.label, "points": points}
        if points > maximum:
            found.append(("award-above-max", {**common, "max": maximum}))
        if points < 0:
            found.append(("award-below-zero", common))
        for label in (option.label, *option.aliases):
            key = fold(label)
            if key in seen and seen[key] != option.label:
                found.append(
                    (
                        "label-collision",
                        {"band": position, "label": label, "other": seen[key]},
                    )
                )
            seen.setdefault(key, option.label)
    return tuple(found)


def _better_option(
    options: Iterable[Option], answer: object, points: Decimal, max_points: Decimal
) -> Improvement | None:
    """The option that earns the least more than the answer given (the next step up)."""
    given = fold(str(answer)) if isinstance(answer, str) else None
    current = next((o for o in options if given is not None and o.accepts(given)), None)
    gains = []
    for option in options:
        if option is current:
            continue
        award = option.award.exact(Fraction(0), max_points)
        held = decimal_of(min(max(award, Fraction(0)), Fraction(max_points)))
        if held > points:
            gains.append((held - points, option.label))
    if not gains:
        return None
    _, label = min(gains)
    return Improvement("answer", label, label)


def _read_yes_no(keys: Mapping[str, Any]) -> YesNoRule:
    default = YesNoRule()
    yes = read_option(keys["yes"]) if "yes" in keys else default.yes
    no = read_option(keys["no"]) if "no" in keys else default.no
    return YesNoRule(yes, no)


def _read_choice(keys: Mapping[str, Any]) -> ChoiceRule:
    options = keys.get("options")
    if not isinstance(options, list):
        raise InvalidValueError(
            Text(
                "câu hỏi lựa chọn cần options = [ … ], mỗi phương án một bảng",
                "a choice needs options = [ … ], one table per option",
            )
        )
    return ChoiceRule([read_option(o) for o in options])


_OPTION = {"$ref": "#/$defs/option"}

YES_NO = RuleKind(
    name="yes_no",
    pure=True,
    compile=_compile_yes_no,
    rule_class=YesNoRule,
    keys={"yes", "no"},
    read=lambda keys, kinds: _read_yes_no(keys),
    write=lambda rule, kinds: {"yes": write_option(rule.yes), "no": write_option(rule.no)},
    schema={"properties": {"yes": _OPTION, "no": _OPTION}},
    hint=lambda rule, max_points: (
        f'true / false, "Có" / "Không", "{rule.yes.label}" / "{rule.no.label}"'
    ),
    cell=lambda rule, max_points: AnswerCell(choices=("Có", "Không", "Không áp dụng")),
    lint=lambda criterion, rule: _option_lint(criterion, (rule.yes, rule.no)),
    improve=lambda rule, answer, points, max_points, kinds: _better_option(
        (rule.yes, rule.no), answer, points, max_points
    ),
)
"""The kind ``rule = "yes_no"``."""

CHOICE = RuleKind(
    name="choice",
    pure=True,
    compile=_compile_choice,
    rule_class=ChoiceRule,
    keys={"options"},
    read=lambda keys, kinds: _read_choice(keys),
    write=lambda rule, kinds: {"options": [write_option(o) for o in rule.options]},
    schema={
        "properties": {"options": {"type": "array", "minItems": 1, "items": _OPTION}},
        "required": ["options"],
    },
    hint=lambda rule, max_points: "một trong: " + " / ".join(f'"{o.label}"' for o in rule.options),
    cell=lambda rule, max_points: AnswerCell(
        choices=(*(o.label for o in rule.options), "Không áp dụng")
    ),
    lint=lambda criterion, rule: _option_lint(criterion, rule.options),
    improve=lambda rule, answer, points, max_points, kinds: _better_option(
        rule.options, answer, points, max_points
    ),
)
"""The kind ``rule = "choice"``."""
