"""Discovery and look-up of criterion sets registered by installed plugins."""

from __future__ import annotations

import difflib
import functools
from collections.abc import Iterable, Sequence
from importlib import metadata
from types import ModuleType
from typing import cast

import attrs
import pluggy

from cchc_criteria import hookspecs
from cchc_criteria.errors import DuplicateSetError, PluginError, UnknownSetError
from cchc_criteria.model import CriterionSet

__all__ = ["RegisteredSet", "Registry", "get_set", "list_sets", "registry"]


@attrs.frozen
class RegisteredSet:
    """A criterion set and where it came from.

    Attributes:
        criterion_set: the set.
        plugin: the name of the plugin that registered it (its entry-point name).
        distribution: the installed distribution that provides the plugin, if known.
        version: that distribution's version, if known.
    """

    criterion_set: CriterionSet
    plugin: str
    distribution: str | None = None
    version: str | None = None


@attrs.frozen
class PluginInfo:
    """An installed plugin: its name, distribution, version and the hooks it implements."""

    name: str
    distribution: str | None
    version: str | None
    hooks: tuple[str, ...]


class Registry:
    """The criterion sets of a set of plugins, checked when loaded.

    ``Registry.from_entry_points()`` loads every installed plugin (entry-point group
    ``cchc_criteria``); ``Registry([module, …])`` takes plugin objects directly, which is how
    tests and embedding applications use it.
    """

    def __init__(
        self,
        plugins: Iterable[object] = (),
        *,
        names: Sequence[str] | None = None,
        distributions: Sequence[tuple[str | None, str | None]] | None = None,
    ) -> None:
        self._manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self._manager.add_hookspecs(hookspecs)
        self._info: dict[str, PluginInfo] = {}
        plugin_list = list(plugins)
        for position, plugin in enumerate(plugin_list):
            name = names[position] if names else _plugin_name(plugin)
            dist, version = distributions[position] if distributions else (None, None)
            self._register(plugin, name, dist, version)
        try:
            self._manager.check_pending()
        except pluggy.PluginValidationError as error:
            culprit = self._manager.get_name(error.plugin)
            raise PluginError(
                f"plugin {culprit!r} implements a hook that cchc_criteria does not define: {error}"
            ) from error
        self._sets: dict[str, RegisteredSet] | None = None

    @classmethod
    def from_entry_points(cls, group: str = hookspecs.PROJECT_NAME) -> Registry:
        """Load every plugin advertised in the entry-point ``group``.

        A plugin that fails to import raises :class:`PluginError` naming the entry point and
        its distribution.
        """
        plugins: list[object] = []
        names: list[str] = []
        dists: list[tuple[str | None, str | None]] = []
        for entry_point in sorted(metadata.entry_points(group=group), key=lambda e: e.name):
            dist = entry_point.dist
            dist_name = dist.metadata["Name"] if dist is not None else None
            version = dist.version if dist is not None else None
            try:
                plugin = entry_point.load()
            except Exception as error:
                raise PluginError(
                    f"plugin {entry_point.name!r} ({_dist_label(dist_name, version)}) failed to "
                    f"load from {entry_point.value!r}: {type(error).__name__}: {error}"
                ) from error
            plugins.append(plugin)
            names.append(entry_point.name)
            dists.append((dist_name, version))
        return cls(plugins, names=names, distributions=dists)

    def _register(self, plugin: object, name: str, dist: str | None, version: str | None) -> None:
        if self._manager.is_registered(plugin) or name in self._info:
            raise PluginError(f"plugin {name!r} is registered twice")
        try:
            self._manager.register(plugin, name=name)
        except pluggy.PluginValidationError as error:
            raise PluginError(f"plugin {name!r} is not a valid plugin: {error}") from error
        hooks = tuple(sorted(caller.name for caller in self._manager.get_hookcallers(plugin) or ()))
        self._info[name] = PluginInfo(name, dist, version, hooks)

    @property
    def plugins(self) -> tuple[PluginInfo, ...]:
        """Every registered plugin, by name."""
        return tuple(self._info[name] for name in sorted(self._info))

    def _collect(self) -> dict[str, RegisteredSet]:
        if self._sets is not None:
            return self._sets
        found: dict[str, RegisteredSet] = {}
        hook = self._manager.hook.register_criterion_sets
        for impl in hook.get_hookimpls():
            info = self._info[impl.plugin_name]
            try:
                result = impl.function()
            except Exception as error:
                raise PluginError(
                    f"plugin {info.name!r} ({_dist_label(info.distribution, info.version)}) "
                    f"failed in register_criterion_sets: {type(error).__name__}: {error}"
                ) from error
            if not isinstance(result, Iterable) or isinstance(result, str | CriterionSet):
                raise PluginError(
                    f"plugin {info.name!r} returned {result!r:.80} from register_criterion_sets;"
                    " expected a list of CriterionSet objects"
                )
            items = list(cast("Iterable[object]", result))
            for item in items:
                if not isinstance(item, CriterionSet):
                    raise PluginError(
                        f"plugin {info.name!r} returned {type(item).__name__} {item!r:.80} from "
                        "register_criterion_sets; expected CriterionSet objects"
                    )
                if item.id in found:
                    other = found[item.id]
                    raise DuplicateSetError(
                        f"criterion set {item.id!r} is registered by both plugin "
                        f"{other.plugin!r} and plugin {info.name!r}; uninstall one of them"
                    )
                found[item.id] = RegisteredSet(item, info.name, info.distribution, info.version)
        self._sets = dict(sorted(found.items()))
        return self._sets

    def sets(self) -> tuple[RegisteredSet, ...]:
        """Every registered criterion set, sorted by id, with the plugin that gave it."""
        return tuple(self._collect().values())

    def get(self, set_id: str) -> CriterionSet:
        """The criterion set with this id; :class:`UnknownSetError` says what is installed."""
        found = self._collect()
        if set_id in found:
            return found[set_id].criterion_set
        known = list(found)
        raise UnknownSetError(set_id, known, difflib.get_close_matches(set_id, known, n=3))


def _plugin_name(plugin: object) -> str:
    if isinstance(plugin, ModuleType):
        return plugin.__name__
    return getattr(plugin, "__name__", type(plugin).__name__)


def _dist_label(name: str | None, version: str | None) -> str:
    if name is None:
        return "unknown distribution"
    return f"{name} {version}" if version else name


@functools.cache
def registry() -> Registry:
    """The registry of every installed plugin, loaded once per process."""
    return Registry.from_entry_points()


def get_set(set_id: str) -> CriterionSet:
    """The installed criterion set with this id, e.g. ``get_set("quangngai.so.2019")``."""
    return registry().get(set_id)


def list_sets() -> tuple[RegisteredSet, ...]:
    """Every installed criterion set with the plugin and distribution that provide it."""
    return registry().sets()


@attrs.frozen
class PluginReport:
    """What ``cchc plugins`` shows of one installed plugin: its sets, or why it failed."""

    name: str
    distribution: str | None
    version: str | None
    sets: tuple[str, ...]
    error: str | None


def plugin_reports(group: str = hookspecs.PROJECT_NAME) -> list[PluginReport]:
    """Every plugin advertised in ``group``, each loaded on its own so that one broken plugin
    is reported without hiding the others."""
    reports: list[PluginReport] = []
    for entry_point in sorted(metadata.entry_points(group=group), key=lambda e: e.name):
        dist = entry_point.dist
        name = dist.metadata["Name"] if dist is not None else None
        version = dist.version if dist is not None else None
        try:
            plugin = entry_point.load()
            registered = Registry(
                [plugin], names=[entry_point.name], distributions=[(name, version)]
            ).sets()
        except Exception as error:  # a broken plugin is what this report is for
            message = (
                str(error)
                if isinstance(error, PluginError | DuplicateSetError)
                else (f"failed to load from {entry_point.value!r}: {type(error).__name__}: {error}")
            )
            reports.append(PluginReport(entry_point.name, name, version, (), message))
            continue
        ids = tuple(r.criterion_set.id for r in registered)
        reports.append(PluginReport(entry_point.name, name, version, ids, None))
    return reports
