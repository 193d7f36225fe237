"""A pytest plugin for criterion-set plugins: every conformance check, in two lines.

In a plugin's tests::

    from cchc_criteria.testing.pytest_plugin import ConformanceSuite

    class TestMyProvince(ConformanceSuite):
        plugin = "myprovince"          # the entry-point name; or: sets = ("id", …)

Every set the plugin registers is then checked: scores stay within [0, max] at every node and
groups add up after their caps (Hypothesis, with the smallest failing answers), scoring is
deterministic, lint is clean or acknowledged (a published mistake comes with a Hypothesis
counterexample: a figure the rule scores above its max, in no band, or a higher figure scoring
less), the set's file round-trips, and its blank template scores as incomplete. The plugin is
registered by the ``pytest11`` entry point of cchc-criteria and does nothing for a test class
that is not a ``ConformanceSuite``; Hypothesis (the ``testing`` extra) is imported only when a
suite runs.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from cchc_criteria.errors import CchcError
from cchc_criteria.formats.template import render_template
from cchc_criteria.library import Library
from cchc_criteria.model import Criterion, CriterionSet, Finding, Severity
from cchc_criteria.scoring import score

__all__ = ["ConformanceSuite", "conformance_sets", "counterexample"]


class ConformanceSuite:
    """Subclass it (as ``Test…``) and name ``plugin`` (or ``sets``) to check every set.

    Attributes:
        plugin: the entry-point name of the plugin whose sets are checked.
        sets: the ids of installed sets to check (instead of, or beside, ``plugin``'s).
        files: set files to check (before the plugin is even installed).
        max_examples: how many answer sheets Hypothesis tries per set.

    Override `criterion_sets` to check sets built some other way.
    """

    plugin: str | None = None
    sets: Sequence[str] = ()
    files: Sequence[str | Path] = ()
    max_examples: int = 200

    @classmethod
    def criterion_sets(cls) -> list[CriterionSet]:
        """The sets this suite checks: the plugin's, the named ones, the files'."""
        return conformance_sets(cls)

    def test_scores_stay_in_bounds_and_groups_add_up(self, criterion_set: CriterionSet) -> None:
        """Every node within [0, max], groups the sum of their children, determinism."""
        from cchc_criteria.testing.checks import check_criterion_set

        check_criterion_set(criterion_set, max_examples=self.max_examples)

    def test_lint_is_clean_or_acknowledged(self, criterion_set: CriterionSet) -> None:
        """No published mistake that the set does not acknowledge."""
        open_findings = [
            f
            for f in Library.default().lint(criterion_set)
            if f.severity is not Severity.INFO and not f.acknowledged
        ]
        if open_findings:
            lines = []
            for found in open_findings:
                where = f"criterion {found.criterion}: " if found.criterion else ""
                example = counterexample(criterion_set, found)
                shown = f" (counterexample: {example})" if example else ""
                lines.append(f"{where}[{found.code}] {found.message}{shown}")
            raise AssertionError(
                f"{criterion_set.id}: {len(lines)} lint finding(s) not acknowledged:\n"
                + "\n".join(lines)
            )

    def test_the_file_round_trips(self, criterion_set: CriterionSet) -> None:
        """Written to a set file and read back, the set is equal."""
        lib = Library.default()
        kinds = lib.kinds
        for criterion in criterion_set.walk():
            if criterion.rule is not None and kinds.of_rule(criterion.rule) is None:
                raise AssertionError(
                    f"{criterion_set.id}: criterion {criterion.code}: its rule "
                    f"({type(criterion.rule).__name__}) belongs to no registered rule kind, so "
                    "the set cannot be written to a file (register it with register_rule_kinds)"
                )
        written = lib.dumps_set(criterion_set)
        again = lib.loads_set(written, source=f"{criterion_set.id} (written)")
        if again != criterion_set:
            before = {c.code: c for c in criterion_set.walk()}
            after = {c.code: c for c in again.walk()}
            differing = [code for code in before if before[code] != after.get(code)]
            where = f"criterion {differing[0]}" if differing else "the set's header"
            raise AssertionError(
                f"{criterion_set.id} does not read back equal from its file: {where} differs"
            )

    def test_the_template_scores_as_incomplete(self, criterion_set: CriterionSet) -> None:
        """The blank TOML template reads, and scores every leaf as unanswered."""
        kinds = Library.default().kinds
        template = render_template(criterion_set, kinds=kinds)
        blank = Library.default().loads_assessment(template, source="template")
        card = score(criterion_set, blank, kinds=kinds)
        leaves = [c.code for c in criterion_set.walk() if c.is_leaf]
        unanswered = [f.criterion for f in card.findings if f.code == "unanswered"]
        assert not card.complete, f"{criterion_set.id}: the blank template scores as complete"
        assert unanswered == leaves, (
            f"{criterion_set.id}: the template answers {set(leaves) - set(unanswered)}"
        )


class _Unbuilt:
    """A set a suite was to check but could not have: ``name`` (its id, file or plugin) and
    ``message`` (the plugin's or the file's error). Every check of it fails with the message
    alone, at setup; the suite's other sets are checked as usual."""

    def __init__(self, name: str, message: str) -> None:
        self.name = name
        self.message = message

    def __repr__(self) -> str:
        return f"_Unbuilt({self.name!r})"


def _planned_sets(suite: type[ConformanceSuite]) -> list[CriterionSet | _Unbuilt]:
    """The sets a suite checks — its plugin's, those it names, its files' — each built, or
    unbuilt with the reason."""
    lib = Library.default()
    loaded = lib.registry
    planned: list[CriterionSet | _Unbuilt] = []

    def add(name: str, build: Callable[[], CriterionSet]) -> None:
        try:
            planned.append(build())
        except CchcError as error:
            planned.append(_Unbuilt(name, str(error)))

    if suite.plugin is not None:
        ids = loaded.offered(suite.plugin)
        if not ids:
            failures = [f.message for f in loaded.failures if f.plugin == suite.plugin]
            said = f"plugin {suite.plugin!r} registers no set"
            if failures:
                said += ": " + "; ".join(failures)
            planned.append(_Unbuilt(suite.plugin, said))
        for set_id in ids:
            add(set_id, functools.partial(loaded.get, set_id))
    for set_id in suite.sets:
        add(set_id, functools.partial(loaded.get, set_id))
    for path in suite.files:
        add(str(path), functools.partial(lib.load_set, path))
    return planned


def conformance_sets(suite: type[ConformanceSuite]) -> list[CriterionSet]:
    """The sets a suite checks: its plugin's and those it names (`pytest.UsageError` for
    one it cannot have, with the reason)."""
    planned = _planned_sets(suite)
    for entry in planned:
        if isinstance(entry, _Unbuilt):
            raise pytest.UsageError(entry.message)
    return [entry for entry in planned if isinstance(entry, CriterionSet)]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run a ConformanceSuite's checks once per set (a set it cannot have fails each check
    with the reason)."""
    cls = metafunc.cls
    if cls is None or not issubclass(cls, ConformanceSuite):
        return
    if "criterion_set" in metafunc.fixturenames:
        # The suite's own choice of sets, unless a subclass chooses them (criterion_sets).
        own = all(
            "criterion_sets" not in vars(c)
            for c in cls.__mro__[: cls.__mro__.index(ConformanceSuite)]
        )
        sets: Sequence[CriterionSet | _Unbuilt] = (
            _planned_sets(cls) if own else cls.criterion_sets()
        )
        names = [s.name if isinstance(s, _Unbuilt) else s.id for s in sets]
        metafunc.parametrize("criterion_set", sets, ids=names)


def pytest_runtest_setup(item: pytest.Item) -> None:
    """Fail each check of a set the suite could not have, with the reason alone."""
    callspec = getattr(item, "callspec", None)
    planned = None if callspec is None else callspec.params.get("criterion_set")
    if isinstance(planned, _Unbuilt):
        pytest.fail(planned.message, pytrace=False)


def counterexample(criterion_set: CriterionSet, found: Finding) -> str | None:
    """A concrete answer that shows the finding, searched by Hypothesis (the smallest it finds),
    else the finding's own value."""
    criterion = criterion_set.find(found.criterion) if found.criterion else None
    if criterion is None or criterion.rule is None:
        return None if found.value is None else str(found.value)
    search = _SEARCHES.get(found.code)
    if search is not None:
        try:
            return search(criterion)
        except Exception:
            pass
    return None if found.value is None else str(found.value)


def _find(strategy: Any, condition: Any) -> Any:
    from hypothesis import find, settings

    return find(strategy, condition, settings=settings(max_examples=3000, database=None))


def _points(criterion: Criterion, answer: object) -> Decimal | None:
    assert criterion.rule is not None
    return criterion.rule.score(answer, criterion.max_points).points


def _above_max(criterion: Criterion) -> str:
    from cchc_criteria.testing.strategies import valid_answers

    assert criterion.rule is not None
    answers = valid_answers(criterion.rule, criterion.max_points)
    maximum = criterion.max_points
    example = _find(answers, lambda a: (_points(criterion, a) or 0) > maximum)
    return f"{example!r} scores {_points(criterion, example)}, more than the max {maximum}"


def _no_band(criterion: Criterion) -> str:
    from cchc_criteria.testing.strategies import valid_answers

    assert criterion.rule is not None
    rule = criterion.rule
    answers = valid_answers(rule, criterion.max_points)
    example = _find(
        answers,
        lambda a: any(f.code == "no-band" for f in rule.score(a, criterion.max_points).findings),
    )
    return f"{example!r} falls in no band"


def _not_monotone(criterion: Criterion) -> str:
    from hypothesis import strategies as st

    from cchc_criteria.testing.strategies import in_scale

    rule: Any = criterion.rule
    figures = in_scale(rule.scale)

    def worse(pair: tuple[object, object]) -> bool:
        low, high = sorted(pair, key=lambda v: _as_number(v, rule.scale))
        a, b = _points(criterion, low), _points(criterion, high)
        return (
            a is not None
            and b is not None
            and _as_number(low, rule.scale) < _as_number(high, rule.scale)
            and b < a
        )

    low, high = sorted(
        _find(st.tuples(figures, figures), worse), key=lambda v: _as_number(v, rule.scale)
    )
    return (
        f"{low!r} scores {_points(criterion, low)} but the higher {high!r} scores "
        f"{_points(criterion, high)}"
    )


def _as_number(value: object, scale: Any) -> Any:
    from cchc_criteria.rules import read_quantity

    return read_quantity(value, scale)


_SEARCHES = {
    "award-above-max": _above_max,
    "band-gap": _no_band,
    "not-monotone": _not_monotone,
}
