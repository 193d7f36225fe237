"""Rule kinds: what the library knows of each kind of rule, as one record.

A kind is the name a set file uses (``rule = "bands"``), the rule class, how its keys are read
from and written to a file, the JSON Schema of those keys, what a unit is asked to declare (in
the TOML template and in the Excel workbook), where its Hypothesis strategies are (loaded only
when the testing kit asks), and what lint and advice may know of it: its exact shape where it
has one, else the points range its rule declares, plus any checks or advice of its own.

The built-in kinds are registered through the same hook a plugin uses
(`register_rule_kinds`); nothing outside a kind's own module
branches on its rule class.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Protocol, runtime_checkable

import attrs

from cchc_criteria.errors import ArgumentError, InvalidValueError
from cchc_criteria.model import (
    Band,
    Criterion,
    Finding,
    FindingKind,
    Rule,
    Scale,
    add_findings,
)
from cchc_criteria.piecewise import Shape
from cchc_criteria.text import Text, suggest

__all__ = ["AnswerCell", "FastScorer", "Improvement", "RuleKind", "RuleKinds", "ShapedRule"]

FastScorer = Callable[[object], Decimal | None]
"""A rule's fast scorer (``RuleKind.compile``): the points of a plain answer, or ``None``."""


@attrs.frozen
class AnswerCell:
    """What the Excel template offers in a criterion's answer cell.

    Attributes:
        choices: a drop-down list of labels (yes/no, verdicts), if any.
        low, high: the range a typed number must lie in (the cell is validated), if any.
        whole: True when only whole numbers are accepted (counts).
        bands: labels of bands the unit may name instead of a figure (a second drop-down).
        ratio: True when the figure may be typed as a ratio of counts ("3/41"): the cell is
            kept as text (a number cell would turn 3/41 into a date) with a prompt, and the
            range is checked when scoring instead.
    """

    choices: tuple[str, ...] = ()
    low: Decimal | None = None
    high: Decimal | None = None
    whole: bool = False
    bands: tuple[str, ...] = ()
    ratio: bool = False


@attrs.frozen
class Improvement:
    """A change of answer a rule kind proposes to earn more points (for advice).

    Attributes:
        kind: ``raise`` or ``lower`` a figure, or ``answer`` another label.
        answer: the answer that takes the step (rescoring it gives the gain).
        target: the figure (in ``scale``) or label to reach.
        scale: the scale of a figure (for the message).
        exclusive: True when the figure must go *above* ``target``.
        continuous: True when every part of the change earns part of the gain.
    """

    kind: str
    answer: object
    target: object
    scale: Scale = Scale.NUMBER
    exclusive: bool = False
    continuous: bool = False


def _names(keys: Iterable[str]) -> frozenset[str]:
    return frozenset(keys)


_HINT = "xem cách tính điểm"


@runtime_checkable
class ShapedRule(Protocol):
    """What lint and advice read of a rule whose kind gives a ``shape``: its bands in
    document order (each with its ``label`` and ``award``) and the scale of its figure."""

    @property
    def bands(self) -> tuple[Band, ...]:
        """The bands, as published."""
        ...

    @property
    def scale(self) -> Scale:
        """The figure's scale."""
        ...


def _members(cls: type) -> set[str]:
    """The attributes a class declares for its instances: attrs fields, annotations, slots
    and class attributes, along its bases."""
    found: set[str] = set()
    for base in cls.__mro__:
        found.update(getattr(base, "__annotations__", {}))
        slots = getattr(base, "__slots__", ())
        found.update((slots,) if isinstance(slots, str) else slots)
        found.update(vars(base))
    if attrs.has(cls):
        found.update(field.name for field in attrs.fields(cls))
    return found


def _finding_kinds(value: Iterable[FindingKind]) -> tuple[FindingKind, ...]:
    return tuple(value)


def _check_shape(
    kind: RuleKind, attribute: object, shape: Callable[[Any, Decimal], Shape] | None
) -> None:
    if shape is None:
        return
    missing = sorted({"bands", "scale"} - _members(kind.rule_class))
    if missing:
        raise InvalidValueError(
            Text(
                f"loại quy tắc {kind.name!r} có shape nhưng lớp {kind.rule_class.__name__} "
                f"thiếu {', '.join(missing)} (một quy tắc có shape cần bands và scale như "
                "BandRule)",
                f"rule kind {kind.name!r} has a shape but its class "
                f"{kind.rule_class.__name__} has no {', '.join(missing)} (a shaped rule needs "
                "bands and scale, as BandRule has)",
            )
        )


@attrs.frozen(eq=False)
class RuleKind:
    """One kind of rule, as set files, templates, the testing kit, lint and advice know it.

    Attributes:
        name: the name in set files (``rule = "bands"``); lowercase, unique.
        rule_class: the rule's class (instances of subclasses belong to the kind too).
        keys: the keys of a criterion's row that belong to the rule.
        read: builds the rule from those keys and every known kind (a kind whose rule holds
            other rules reads them with these); raise InvalidValueError, ValueError or a
            CchcError with a message that says what was expected.
        write: the rule's keys, as ``read`` takes them back (``rule`` itself is added).
        parts: the rules a rule holds (name, rule, max points), for a kind made of others:
            lint checks each as it checks a criterion's rule.
        answer_keys: the (allowed, required) names of the figures of a rule answered with a
            table (the parts of a row, …); an assessment file that misses a required one or
            gives another is refused with its line. ``None`` for a rule whose table belongs
            to a rule chosen only when the unit is scored (a case chosen by the unit's group):
            scoring checks it then.
        cohort: the rule bound to the figures of every unit scored together (a rule relative
            to the best unit); ``cc.score_many`` calls it.
        bind: the rule bound to one unit (its group, its period, …) before it is scored. A
            rule whose ``needs_unit`` attribute is false is not bound, and its outcomes are
            reused as a pure kind's are.
        schema: the JSON Schema of each key.
        hint: what a unit declares for a criterion of this kind, in Vietnamese (the TOML
            template's comment), given the rule and the criterion's max.
        cell: what the Excel template offers in the answer cell.
        strategies: for a plugin's kind, a function ``(rule, max_points) -> (valid,
            invalid)`` Hypothesis strategies of answers, or its ``"module:function"``
            (imported only when asked, so that Hypothesis is not needed to score). The
            built-in kinds' are registered by the testing kit, by kind name.
        shape: the rule's exact piecewise-linear shape, where it has one (lint finds gaps,
            overlaps and awards above the max from it; advice finds the next band up). A
            kind with a shape has rules that are `ShapedRule`s (``bands`` and
            ``scale``, as ``BandRule`` has): checked when the kind is made.
        lint: checks of the kind's own (options above the max, label collisions, …). A kind
            with neither a shape nor checks of its own is checked by the points range its rule
            declares (``Rule.points_range``).
        improve: the change of answer that earns the most within reach, for advice: given the
            rule, the answer, its points, the max and every known kind.
        pure: True when the rule's ``score`` depends on the answer and the max only, and its
            outcome is never changed afterwards: scoring then reuses the outcome of an answer
            already scored for the same criterion (the units of a cohort give the same
            answers again and again). Leave it False for a rule that reads anything else.
            A kind made of other rules (``parts``) is reused only when every rule it holds
            is of a pure kind too; a kind with ``bind`` never is.
        findings: the finding codes of the kind's own (``FindingKind.of(...)``): what its
            ``score`` or ``lint`` reports that the catalogue has no code for. They join the
            catalogue when the kind is registered, so ``finding(code, …)`` and every report
            know them; a code the catalogue has with another definition fails the plugin.
        compile: a fast scorer, for a pure kind: ``compile(rule, max_points, kinds)`` gives a
            function of one answer that returns the points ``rule.score(answer, max_points)``
            gives — the same Decimal, digit for digit — or ``None`` wherever ``score`` would
            say more than its points (a finding, a refusal) or the answer is not a plain one
            (``score`` then decides); or it gives ``None`` for a rule it cannot compile.
            Scoring calls it first for each answer and makes the node from ``score`` only
            when the scorecard's nodes are read; a pure kind without one is scored on the
            same path through its ``score`` (the points where it says nothing more), so a
            fast scorer only makes an answer not seen before cheaper. The built-in kinds
            keep the promise by construction: the fast scorer and ``score`` call the kind's
            one computation of points (its reader, band matching and award), so nothing is
            written twice; a plugin kind can do the same, and ``testing.check_compiled``
            checks the promise.
    """

    name: str
    rule_class: type
    keys: frozenset[str] = attrs.field(converter=_names)
    read: Callable[[Mapping[str, Any], RuleKinds], Rule]
    write: Callable[[Any, RuleKinds], dict[str, Any]]
    schema: Mapping[str, Any] = attrs.field(factory=dict)
    hint: Callable[[Any, Decimal], str] = attrs.field(default=lambda rule, max_points: _HINT)
    cell: Callable[[Any, Decimal], AnswerCell] = attrs.field(
        default=lambda rule, max_points: AnswerCell()
    )
    strategies: str | Callable[[Any, Decimal], tuple[Any, Any]] | None = None
    shape: Callable[[Any, Decimal], Shape] | None = attrs.field(
        default=None, validator=_check_shape
    )
    lint: Callable[[Criterion, Any], Iterable[Finding]] | None = None
    improve: Callable[[Any, object, Decimal, Decimal, RuleKinds], Improvement | None] | None = None
    parts: Callable[[Any, Decimal], Sequence[tuple[str, Rule, Decimal]]] | None = None
    answer_keys: Callable[[Any], tuple[frozenset[str], frozenset[str]] | None] | None = None
    cohort: Callable[[Any, Sequence[object]], Rule] | None = None
    bind: Callable[[Any, Any], Rule] | None = None
    pure: bool = False
    findings: tuple[FindingKind, ...] = attrs.field(default=(), converter=_finding_kinds)
    compile: (
        Callable[[Any, Decimal, RuleKinds], Callable[[object], Decimal | None] | None] | None
    ) = None

    def __attrs_post_init__(self) -> None:
        # The kind's own codes join the catalogue as the kind is made (a built-in kind's as
        # its module is imported), so finding(code, …) knows them wherever the rule scores.
        add_findings(self.findings)

    def answer_strategies(self, rule: Rule, max_points: Decimal) -> tuple[Any, Any]:
        """The (valid, invalid) Hypothesis strategies of answers for ``rule`` that the kind
        gives itself (a ``"module:function"`` is imported, and so Hypothesis, only now).
        The built-in kinds give none here: the testing kit has theirs
        (``testing.answers_for``)."""
        if self.strategies is None:
            raise ArgumentError(f"rule kind {self.name!r} declares no answer strategies")
        make = self.strategies
        if isinstance(make, str):
            module, _, function = make.partition(":")
            make = getattr(importlib.import_module(module), function)
        valid, invalid = make(rule, max_points)
        return valid, invalid


def _table(kinds: Mapping[str, RuleKind]) -> Mapping[str, RuleKind]:
    return MappingProxyType(dict(kinds))


@attrs.frozen(eq=False)
class RuleKinds:
    """Every known rule kind, by name and by rule class."""

    by_name: Mapping[str, RuleKind] = attrs.field(converter=_table)
    # Every key of every kind, gathered once: a set file asks for it on every row.
    _keys: frozenset[str] = attrs.field(init=False, repr=False)
    # The kind of each rule class already asked for (scoring and lint ask for every rule).
    _by_class: dict[type, RuleKind | None] = attrs.field(init=False, repr=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        keys = frozenset().union(*(k.keys for k in self.by_name.values()))
        object.__setattr__(self, "_keys", keys)

    @classmethod
    def of(cls, kinds: Sequence[RuleKind]) -> RuleKinds:
        """The kinds of ``kinds`` (names must be unique)."""
        table: dict[str, RuleKind] = {}
        for kind in kinds:
            if kind.name in table:
                raise InvalidValueError(
                    Text(
                        f"loại quy tắc {kind.name!r} được đăng ký hai lần",
                        f"rule kind {kind.name!r} is registered twice",
                    )
                )
            table[kind.name] = kind
        return cls(table)

    @property
    def names(self) -> tuple[str, ...]:
        """Every kind's name, in order of registration."""
        return tuple(self.by_name)

    @property
    def keys(self) -> frozenset[str]:
        """Every key that belongs to some kind's rule."""
        return self._keys

    def get(self, name: object) -> RuleKind:
        """The kind named ``name``; `InvalidValueError` lists the known kinds and the
        closest name."""
        if isinstance(name, str) and name in self.by_name:
            return self.by_name[name]
        close = suggest(str(name), self.names, cutoff=0.5) if isinstance(name, str) else []
        hint = Text(f"; có phải {close[0]!r}?", f"; did you mean {close[0]!r}?") if close else None
        names = ", ".join(self.names)
        raise InvalidValueError(
            Text(
                f"rule phải là một trong {names}, nhận được {name!r}{hint.vi if hint else ''}",
                f"rule must be one of {names}, got {name!r}{hint.en if hint else ''}",
            )
        )

    def of_rule(self, rule: object) -> RuleKind | None:
        """The kind ``rule`` belongs to (by its class, the closest registered class first)."""
        cls = type(rule)
        try:
            return self._by_class[cls]
        except KeyError:
            pass
        found = None
        for base in cls.__mro__:
            found = next((k for k in self.by_name.values() if k.rule_class is base), None)
            if found is not None:
                break
        self._by_class[cls] = found
        return found
