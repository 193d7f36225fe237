"""The package's verbs, on the installed plugins: each one is the same verb of
:meth:`Library.default() <cchc_criteria.library.Library.default>`.

:func:`cchc_criteria.scoring.score` scores and nothing else; :func:`score` here adds the lint
findings of the set (computed once per set and cached) that touch the criteria it scored, so
that a scorecard says both what the unit's figures give and where the published rule itself
is at fault. An application that wants other plugins, or strict ones, calls the same verbs
on its own :class:`~cchc_criteria.library.Library`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, overload

from cchc_criteria._deprecation import deprecated
from cchc_criteria.library import Library
from cchc_criteria.model import Assessment, CriterionSet, Finding

if TYPE_CHECKING:
    from cchc_criteria.analysis.advice import Advice
    from cchc_criteria.analysis.diff import SetDiff
    from cchc_criteria.scoring import Scorecard

# Every function here is published as ``cc.<name>``: the package's _EXPORTS table lists them.


def score(criterion_set: CriterionSet, answers: Assessment | Mapping[str, object]) -> Scorecard:
    """Score a unit's answers (or a whole :class:`~cchc_criteria.Assessment`) against a set.

    ``answers`` maps criterion codes to declared figures: a number or rate (``"93%"``,
    ``"93,5 %"``, ``"3/41"``), ``True``/``False`` or "Có"/"Không", an option's label, a
    :class:`~cchc_criteria.ChosenBand`, or :data:`~cchc_criteria.NA`. Criteria left out are
    unscored, not zero. ``Scorecard.lint_findings`` lists the set's own published mistakes
    (:func:`~cchc_criteria.lint`) that touch the criteria scored.
    """
    return Library.default().score(criterion_set, answers)


def score_many(
    criterion_set: CriterionSet, assessments: Iterable[Assessment | Mapping[str, object]]
) -> list[Scorecard]:
    """Score a cohort: one scorecard per unit, in the order given.

    A rule relative to the best unit compares each unit with the best of the cohort — every
    unit given, or, where the set says ``cohort = "group"``, the units of the same group. Each
    scorecard carries the set's lint findings as :func:`score` does.
    """
    return Library.default().score_many(criterion_set, assessments)


def score_each(
    criterion_set: CriterionSet, assessments: Iterable[Assessment | Mapping[str, object]]
) -> Iterator[Scorecard]:
    """As :func:`score_many`, one scorecard at a time.

    Every unit's answers are read first (a rule relative to the best unit needs them all);
    then each unit is scored when the next scorecard is asked for. A caller that keeps only
    part of each card (``reports.Standing.of(card)``, or the totals) holds one full scorecard
    at a time: this is how ``cchc rank`` ranks tens of thousands of units in little memory.
    """
    return Library.default().score_each(criterion_set, assessments)


def lint(criterion_set: CriterionSet) -> tuple[Finding, ...]:
    """Every finding about ``criterion_set`` as published, in document order.

    Findings the set acknowledges (``CriterionSet.acknowledged``) carry the reason in
    ``Finding.acknowledged``.
    """
    return Library.default().lint(criterion_set)


def diff_sets(before: CriterionSet, after: CriterionSet) -> SetDiff:
    """The changes from ``before`` to ``after``: criteria added, removed, renumbered or
    merged, and the rules and max points that changed."""
    return Library.default().diff_sets(before, after)


def advise(card: Scorecard) -> Advice:
    """Where the unit of ``card`` can earn more points, criterion by criterion, and the
    total it reaches if it does."""
    return Library.default().advise(card)


def load_set(path: str | Path) -> CriterionSet:
    """Read a criterion-set file (``.toml`` or ``.json``); its rules may name every
    installed rule kind (the built-in ones and those of the installed plugins)."""
    return Library.default().load_set(path)


def loads_set(text: str, *, source: str = "<text>", format: str = "toml") -> CriterionSet:
    """Read a criterion set from TOML (or ``format="json"``) text; ``source`` names it in
    messages."""
    return Library.default().loads_set(text, source=source, format=format)


def set_to_dict(criterion_set: CriterionSet) -> dict[str, Any]:
    """The set as the plain data of its file format (what :func:`dumps_set` writes)."""
    return Library.default().set_to_dict(criterion_set)


def dumps_set(criterion_set: CriterionSet, *, format: str = "toml") -> str:
    """The set as TOML (or ``format="json"``) text."""
    return Library.default().dumps_set(criterion_set, format=format)


@overload
def dump_set(criterion_set: CriterionSet, path: None = None) -> dict[str, Any]: ...
@overload
def dump_set(criterion_set: CriterionSet, path: str | Path) -> None: ...
def dump_set(criterion_set: CriterionSet, path: str | Path | None = None) -> dict[str, Any] | None:
    """Write the set to ``path`` (TOML, or JSON for a ``.json`` name), all or nothing.

    Without ``path`` (deprecated, for one release) it gives the set as plain data, as
    :func:`set_to_dict` does.
    """
    if path is None:
        deprecated("dump_set(set) giving a dict", "set_to_dict(set)")
        return set_to_dict(criterion_set)
    Library.default().dump_set(criterion_set, path)
    return None


def save_set(criterion_set: CriterionSet, path: str | Path) -> None:
    """Write the set to ``path``: the same as ``dump_set(criterion_set, path)``."""
    Library.default().dump_set(criterion_set, path)


def load_assessment(path: str | Path, *, criterion_set: CriterionSet | None = None) -> Assessment:
    """Read an assessment file (``.toml``, ``.json``, or a filled-in ``.xlsx`` template);
    :class:`~cchc_criteria.InputError` lists everything that is wrong in it.

    With ``criterion_set``, an answer given as a table of figures is checked against its
    rule: a figure missing or one the rule does not take is a problem with its line.
    """
    return Library.default().load_assessment(path, criterion_set=criterion_set)


def loads_assessment(
    text: str,
    *,
    source: str = "<text>",
    format: str = "toml",
    criterion_set: CriterionSet | None = None,
) -> Assessment:
    """Read an assessment from TOML (or ``format="json"``) text; ``source`` names it
    (``criterion_set``: as in :func:`load_assessment`)."""
    return Library.default().loads_assessment(
        text, source=source, format=format, criterion_set=criterion_set
    )
