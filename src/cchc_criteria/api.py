"""The package's verbs, on the installed plugins: each one is the same verb of
`Library.default()`.

`cchc_criteria.scoring.score` scores and nothing else; `score` here adds the lint
findings of the set (computed once per set and cached) that touch the criteria it scored, so
that a scorecard says both what the unit's figures give and where the published rule itself
is at fault. An application that wants other plugins, or strict ones, calls the same verbs
on its own `Library`.
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
    """Score a unit's answers (or a whole `Assessment`) against a set.

    ``answers`` maps criterion codes to declared figures: a number or rate (``"93%"``,
    ``"93,5 %"``, ``"3/41"``), ``True``/``False`` or "Có"/"Không", an option's label, a
    `ChosenBand`, or `NA`. Criteria left out are
    unscored, not zero. ``Scorecard.lint_findings`` lists the set's own published mistakes
    (`lint`) that touch the criteria scored.

    Args:
        criterion_set: the set to score against (`get_set`, `load_set`, `loads_set`).
        answers: the unit's `Assessment`, or a mapping of criterion codes to answers.

    Returns:
        The unit's `Scorecard`: every node's points (exact, and ``points_display`` as
            people read them), max and index, the band that applied and why, the findings.

    Raises:
        ArgumentError: ``criterion_set`` is not a `CriterionSet`, or ``answers`` is neither
            an assessment nor a mapping. A wrong answer is never raised: it is a finding.

    Example:
        ```python
        card = cc.score(cc.get_set("quangngai.so.2019"), {"7.1.2": "93%", "7.1.3": True})
        card["7.1.2"].points  # Decimal('1')
        ```
    """
    return Library.default().score(criterion_set, answers)


def score_many(
    criterion_set: CriterionSet, assessments: Iterable[Assessment | Mapping[str, object]]
) -> list[Scorecard]:
    """Score a cohort: one scorecard per unit, in the order given.

    A rule relative to the best unit compares each unit with the best of the cohort — every
    unit given, or, where the set says ``cohort = "group"``, the units of the same group. Each
    scorecard carries the set's lint findings as `score` does.

    Args:
        criterion_set: the set every unit is scored against.
        assessments: each unit's `Assessment` (or mapping of codes to answers).

    Returns:
        One `Scorecard` per unit, in the order given (rank them with `rank`).
    """
    return Library.default().score_many(criterion_set, assessments)


def score_each(
    criterion_set: CriterionSet, assessments: Iterable[Assessment | Mapping[str, object]]
) -> Iterator[Scorecard]:
    """As `score_many`, one scorecard at a time.

    Every unit's answers are read first (a rule relative to the best unit needs them all);
    then each unit is scored when the next scorecard is asked for. A caller that keeps only
    part of each card (``reports.Standing.of(card)``, or the totals) holds one full scorecard
    at a time: this is how ``cchc rank`` ranks tens of thousands of units in little memory.

    Args:
        criterion_set: the set every unit is scored against.
        assessments: each unit's `Assessment` (or mapping of codes to answers).

    Returns:
        An iterator of one `Scorecard` per unit, in the order given.
    """
    return Library.default().score_each(criterion_set, assessments)


def lint(criterion_set: CriterionSet) -> tuple[Finding, ...]:
    """Every finding about ``criterion_set`` as published, in document order.

    Findings the set acknowledges (``CriterionSet.acknowledged``) carry the reason in
    ``Finding.acknowledged``.

    Args:
        criterion_set: the set as published.

    Returns:
        The findings: gaps and overlaps between bands, formulas above their max, codes that
            are typos, … (``docs/lint`` explains each), never a correction of the set.
    """
    return Library.default().lint(criterion_set)


def diff_sets(before: CriterionSet, after: CriterionSet) -> SetDiff:
    """The changes from ``before`` to ``after``: criteria added, removed, renumbered or
    merged, and the rules and max points that changed.

    Args:
        before: the earlier set.
        after: the later set (its ``lineage`` maps its codes to the earlier set's).

    Returns:
        The `SetDiff`, empty when the sets are the same; ``diff_sets(after, before)`` is its
            mirror image.
    """
    return Library.default().diff_sets(before, after)


def advise(card: Scorecard) -> Advice:
    """Where the unit of ``card`` can earn more points, criterion by criterion, and the
    total it reaches if it does.

    Args:
        card: the unit's scorecard.

    Returns:
        The `Advice`: the unscored criteria and the points waiting on them, then each
            ``step`` (the smallest change of a figure that earns more), ``points`` now and
            ``reachable`` by taking every step, and the improved ``answers``.
    """
    return Library.default().advise(card)


def load_set(path: str | Path) -> CriterionSet:
    """Read a criterion-set file (``.toml`` or ``.json``); its rules may name every
    installed rule kind (the built-in ones and those of the installed plugins).

    Args:
        path: the file.

    Returns:
        The `CriterionSet`, exactly as published (its mistakes are `lint`'s to report).

    Raises:
        InputError: every mistake in the file at once, each with its line and criterion.
    """
    return Library.default().load_set(path)


def loads_set(text: str, *, source: str = "<text>", format: str = "toml") -> CriterionSet:
    """Read a criterion set from TOML (or ``format="json"``) text.

    Args:
        text: the set file's text.
        source: what messages call it (a file name).
        format: ``"toml"`` or ``"json"``.

    Returns:
        The `CriterionSet`.

    Raises:
        InputError: every mistake in the text at once.
    """
    return Library.default().loads_set(text, source=source, format=format)


def set_to_dict(criterion_set: CriterionSet) -> dict[str, Any]:
    """The set as the plain data of its file format (what `dumps_set` writes).

    Args:
        criterion_set: the set.

    Returns:
        A dict of plain values (texts, numbers as texts, lists, dicts), as the file says it.
    """
    return Library.default().set_to_dict(criterion_set)


def dumps_set(criterion_set: CriterionSet, *, format: str = "toml") -> str:
    """The set as TOML (or ``format="json"``) text.

    Args:
        criterion_set: the set.
        format: ``"toml"`` or ``"json"``.

    Returns:
        The text; `loads_set` reads it back as an equal set.
    """
    return Library.default().dumps_set(criterion_set, format=format)


@overload
def dump_set(criterion_set: CriterionSet, path: None = None) -> dict[str, Any]: ...
@overload
def dump_set(criterion_set: CriterionSet, path: str | Path) -> None: ...
def dump_set(criterion_set: CriterionSet, path: str | Path | None = None) -> dict[str, Any] | None:
    """Write the set to ``path`` (TOML, or JSON for a ``.json`` name), all or nothing.

    Without ``path`` (deprecated, for one release) it gives the set as plain data, as
    `set_to_dict` does.

    Args:
        criterion_set: the set.
        path: the file to write.

    Returns:
        ``None`` once the file is written; without ``path``, the plain data (deprecated).

    Raises:
        InputError: the file cannot be written (nothing is left half written).
    """
    if path is None:
        deprecated("dump_set(set) giving a dict", "set_to_dict(set)")
        return set_to_dict(criterion_set)
    Library.default().dump_set(criterion_set, path)
    return None


def save_set(criterion_set: CriterionSet, path: str | Path) -> None:
    """Write the set to ``path``: the same as ``dump_set(criterion_set, path)``.

    Args:
        criterion_set: the set.
        path: the file to write (TOML, or JSON for a ``.json`` name), all or nothing.

    Raises:
        InputError: the file cannot be written (nothing is left half written).
    """
    Library.default().dump_set(criterion_set, path)


def load_assessment(path: str | Path, *, criterion_set: CriterionSet | None = None) -> Assessment:
    """Read an assessment file (``.toml``, ``.json``, or a filled-in ``.xlsx`` template);
    `InputError` lists everything that is wrong in it.

    With ``criterion_set``, an answer given as a table of figures is checked against its
    rule: a figure missing or one the rule does not take is a problem with its line.

    Args:
        path: the file.
        criterion_set: the set it answers, to check its tables of figures against.

    Returns:
        The `Assessment`: the unit, its period and group, its answers and declared scores.

    Raises:
        InputError: every mistake in the file at once (a workbook's cells are named).
    """
    return Library.default().load_assessment(path, criterion_set=criterion_set)


def loads_assessment(
    text: str,
    *,
    source: str = "<text>",
    format: str = "toml",
    criterion_set: CriterionSet | None = None,
) -> Assessment:
    """Read an assessment from TOML (or ``format="json"``) text.

    Args:
        text: the assessment file's text.
        source: what messages call it (a file name).
        format: ``"toml"`` or ``"json"``.
        criterion_set: the set it answers, as in `load_assessment`.

    Returns:
        The `Assessment`.

    Raises:
        InputError: every mistake in the text at once.
    """
    return Library.default().loads_assessment(
        text, source=source, format=format, criterion_set=criterion_set
    )
