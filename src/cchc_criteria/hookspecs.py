"""The plugin contract: the hooks a criterion-set plugin may implement.

A plugin is a module (or object) with functions decorated by `cchc_criteria.hookimpl`,
advertised through an entry point in the group ``cchc_criteria``::

    [project.entry-points.cchc_criteria]
    quangngai = "cchc_criteria_quangngai"
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import pluggy

from cchc_criteria.model import CriterionSet
from cchc_criteria.rules.kinds import RuleKind

PROJECT_NAME = "cchc_criteria"
"""The project name shared by the markers and the entry-point group."""

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


@hookspec
def register_criterion_sets() -> Iterable[CriterionSet]:  # type: ignore[empty-body]
    """Return the criterion sets this plugin provides (bộ tiêu chí).

    Each set's ``id`` must be unique across every installed plugin; the convention is
    ``province.unit_kind.year``, e.g. ``"quangngai.so.2019"``. Build the sets here, not at import
    time, so that a plugin that fails is reported by name instead of breaking the host.

    Returns:
        The plugin's criterion sets (a list, a tuple, any iterable of `CriterionSet`).
    """


@hookspec
def register_criterion_set_loaders() -> Mapping[str, Callable[[], CriterionSet]]:  # type: ignore[empty-body]
    """Return the criterion sets this plugin provides by id, each as a function that builds it.

    The registry learns every set id at once but builds a set only when it is asked for
    (``cc.get_set(id)``, ``cchc score ID …``) or when every set is listed (``cchc sets``):
    a plugin with many sets (one per year and kind of unit) costs a command nothing for
    the sets it does not use, where `register_criterion_sets` builds them all in every
    command that reads a set.
    A set read from the plugin's data file::

        @cc.hookimpl
        def register_criterion_set_loaders():
            return {i: functools.partial(cc.load_set, set_path(i)) for i in SETS}

    The set a loader builds must carry the id it is offered under. A loader that fails is a
    failure of the plugin, reported when its set is asked for; the plugin's other sets are
    still served. A plugin may implement this hook, `register_criterion_sets`, or both;
    an id is unique across every installed plugin either way.

    Returns:
        A mapping of set ids to functions of no argument that return the `CriterionSet`.
    """


@hookspec
def register_rule_kinds(register: Callable[[RuleKind], None]) -> None:
    """Register the kinds of rule this plugin provides, by calling ``register(kind)`` for each.

    A kind (`RuleKind`) names the rule in set files (``rule = "…"``) and
    says how its keys are read and written, what a unit declares, where its Hypothesis
    strategies are and what lint and advice may know of it. A kind's name must be unique
    across every installed plugin; the library's own kinds (which ``cchc plugins`` lists
    beside every plugin's) are registered through this same hook.

    Args:
        register: call it once with each `RuleKind` the plugin provides.
    """
