"""The library as one object: the installed plugins' sets and rule kinds, passed down.

Every function that reads a set file, scores, lints or compares needs the rule kinds a set
may name. The layers below take them as an argument (``kinds=``) and never look them up; a
`Library` is what supplies them — the built-in kinds and those of the plugins of its
`Registry`. ``cc.score``, ``cc.load_set`` and the other
functions of the package use `Library.default` (the installed plugins); an application
that wants other plugins, or strict ones, builds its own and calls the same verbs on it::

    lib = cc.Library.installed(strict=True)     # any broken plugin raises PluginError
    card = lib.score(lib.get_set("quangngai.so.2019"), {"7.1.2": "93%"})

The command line builds one per run (``cchc --strict-plugins`` makes it strict) and hands it
to every command.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from cchc_criteria.errors import ArgumentError
from cchc_criteria.model import Assessment, CriterionSet, Finding
from cchc_criteria.registry import RegisteredSet, Registry, registry
from cchc_criteria.rules.kinds import RuleKinds

if TYPE_CHECKING:
    from cchc_criteria.analysis.advice import Advice
    from cchc_criteria.analysis.diff import SetDiff
    from cchc_criteria.scoring import Scorecard

__all__ = ["Library"]

Answers = Assessment | Mapping[str, object]


# Each verb imports its layer when first used: a command that only scores does not load the
# modules of workbooks, schemas or set comparison.
@attrs.frozen
class Library:
    """The criterion sets and rule kinds of one registry of plugins, and the verbs that use
    them (Thư viện: các bộ tiêu chí và loại quy tắc đã cài).

    ``Library(registry)`` wraps a `Registry` (e.g. one built
    from plugin objects in a test); `installed` loads the installed plugins;
    `default` is the one the package's functions use.
    """

    registry: Registry

    @classmethod
    def default(cls) -> Library:
        """The installed plugins, loaded once per process (strict when the environment
        variable ``CCHC_STRICT_PLUGINS`` is ``1``). While a plugin's hook builds its sets,
        this is the library of the registry calling it."""
        return cls(registry())

    @classmethod
    def installed(cls, *, strict: bool = False) -> Library:
        """The installed plugins; with ``strict=True`` a plugin that fails raises
        `PluginError` instead of being reported and left out."""
        return cls(registry(strict=strict))

    @property
    def kinds(self) -> RuleKinds:
        """Every rule kind: the built-in ones, then the plugins'."""
        return self.registry.rule_kinds()

    # Sets -----------------------------------------------------------------------------

    def get_set(self, set_id: str) -> CriterionSet:
        """The set with this id, e.g. ``get_set("quangngai.so.2019")``."""
        return self.registry.get(set_id)

    def list_sets(self) -> tuple[RegisteredSet, ...]:
        """Every set served, with the plugin and distribution that provide it."""
        return self.registry.sets()

    def load_set(self, path: str | Path) -> CriterionSet:
        """Read a criterion-set file (``.toml`` or ``.json``) that may name any of
        `kinds`."""
        from cchc_criteria.formats import load_set

        return load_set(path, kinds=self.kinds)

    def loads_set(self, text: str, *, source: str = "<text>", format: str = "toml") -> CriterionSet:
        """Read a criterion set from TOML (or ``format="json"``) text; ``source`` names it in
        messages."""
        from cchc_criteria.formats import loads_set

        return loads_set(text, source=source, format=format, kinds=self.kinds)

    def set_to_dict(self, criterion_set: CriterionSet) -> dict[str, Any]:
        """The set as the plain data of its file format."""
        from cchc_criteria.formats import set_to_dict

        return set_to_dict(criterion_set, kinds=self.kinds)

    def dumps_set(self, criterion_set: CriterionSet, *, format: str = "toml") -> str:
        """The set as TOML (or ``format="json"``) text."""
        from cchc_criteria.formats import dumps_set

        return dumps_set(criterion_set, format=format, kinds=self.kinds)

    def dump_set(self, criterion_set: CriterionSet, path: str | Path) -> None:
        """Write the set to ``path`` (TOML, or JSON for a ``.json`` name), all or nothing."""
        from cchc_criteria.formats import dump_set

        dump_set(criterion_set, path, kinds=self.kinds)

    def load_assessment(
        self, path: str | Path, *, criterion_set: CriterionSet | None = None
    ) -> Assessment:
        """Read an assessment file (``.toml``, ``.json`` or a filled-in ``.xlsx`` template);
        with ``criterion_set``, answers given as tables are checked against their rules."""
        from cchc_criteria.formats import load_assessment

        return load_assessment(path, criterion_set=criterion_set, kinds=self.kinds)

    def loads_assessment(
        self,
        text: str,
        *,
        source: str = "<text>",
        format: str = "toml",
        criterion_set: CriterionSet | None = None,
    ) -> Assessment:
        """Read an assessment from TOML (or ``format="json"``) text."""
        from cchc_criteria.formats import loads_assessment

        return loads_assessment(
            text, source=source, format=format, criterion_set=criterion_set, kinds=self.kinds
        )

    def load_survey(
        self, path: str | Path, criterion_set: CriterionSet
    ) -> dict[str, dict[str, int]]:
        """The votes per option of every surveyed criterion of ``criterion_set``, read from
        a CSV survey file (one respondent per row, one column per criterion): the answers
        its ``survey`` rules take."""
        from cchc_criteria.formats.survey import load_survey

        return load_survey(path, criterion_set)

    def template_workbook(self, criterion_set: CriterionSet) -> bytes:
        """A blank self-assessment workbook for ``criterion_set``, as XLSX bytes (needs the
        ``xlsx`` extra)."""
        from cchc_criteria.formats.spreadsheet import template_workbook

        return template_workbook(criterion_set, kinds=self.kinds)

    def schema(self, name: str) -> dict[str, Any]:
        """The JSON Schema ``name`` ("set", "assessment", "scorecard", …); the set schema
        names every kind of `kinds` with its keys."""
        from cchc_criteria.formats.schema import schema

        return schema(name, kinds=self.kinds)

    # Checking and scoring -------------------------------------------------------------

    def lint(self, criterion_set: CriterionSet) -> tuple[Finding, ...]:
        """Every finding about ``criterion_set`` as published, in document order."""
        from cchc_criteria.analysis.lint import lint

        return lint(criterion_set, kinds=self.kinds)

    def score(self, criterion_set: CriterionSet, answers: Answers) -> Scorecard:
        """Score a unit's answers against a set; the card carries the set's lint findings
        that touch the criteria scored (see `cchc_criteria.score`)."""
        from cchc_criteria.scoring import score

        _require_set(criterion_set, "score()")
        return score(
            criterion_set, answers, kinds=self.kinds, set_findings=self.lint(criterion_set)
        )

    def score_many(
        self, criterion_set: CriterionSet, assessments: Iterable[Answers]
    ) -> list[Scorecard]:
        """Score a cohort: one scorecard per unit, in the order given."""
        return list(self.score_each(criterion_set, assessments))

    def score_each(
        self, criterion_set: CriterionSet, assessments: Iterable[Answers]
    ) -> Iterator[Scorecard]:
        """As `score_many`, one scorecard at a time."""
        from cchc_criteria.scoring import score_each

        _require_set(criterion_set, "score_many()")
        return score_each(
            criterion_set, assessments, kinds=self.kinds, set_findings=self.lint(criterion_set)
        )

    def needs_cohort(self, criterion_set: CriterionSet) -> bool:
        """Whether some rule of the set compares each unit with its cohort."""
        from cchc_criteria.scoring import needs_cohort

        return needs_cohort(criterion_set, kinds=self.kinds)

    def diff_sets(self, before: CriterionSet, after: CriterionSet) -> SetDiff:
        """The changes from ``before`` to ``after``: criteria added, removed, renumbered,
        and rules that changed."""
        from cchc_criteria.analysis.diff import diff_sets

        return diff_sets(before, after, kinds=self.kinds)

    def advise(self, card: Scorecard) -> Advice:
        """Where the unit of ``card`` can earn more points, criterion by criterion."""
        from cchc_criteria.analysis.advice import advise

        return advise(card, kinds=self.kinds)


def _require_set(criterion_set: object, verb: str) -> None:
    if not isinstance(criterion_set, CriterionSet):
        raise ArgumentError(
            f"{verb} takes a CriterionSet first, got {type(criterion_set).__name__}; "
            "use cc.get_set(id) or cc.load_set(path)"
        )
