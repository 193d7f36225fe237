"""The registry of installed plugins: their criterion sets and rule kinds, found through
pluggy entry points, each plugin loaded and called in isolation (a broken plugin is reported,
not fatal, unless plugins are strict)."""

from __future__ import annotations

import contextlib
import functools
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextvars import ContextVar
from importlib import metadata
from typing import Any, TypeVar

import pluggy

from cchc_criteria import builtins, hookspecs
from cchc_criteria._plugin_records import (
    BUILTIN,
    LOADERS_HOOK,
    SETS_HOOK,
    PluginFailure,
    PluginInfo,
    PluginReport,
    Refused,
    RegisteredSet,
    SetOffer,
    building,
    built_as_offered,
    duplicate_message,
    hook_names,
    make_failure,
    names_in,
    origin_of,
    plugin_label,
    plugin_name_of,
    registered_kinds,
    reports_of,
    served_kinds,
    set_loaders_given,
    sets_given,
    what_failed,
)
from cchc_criteria.errors import (
    ArgumentError,
    DuplicateSetError,
    PluginError,
    UnknownSetError,
)
from cchc_criteria.model import CriterionSet
from cchc_criteria.rules.kinds import RuleKind, RuleKinds
from cchc_criteria.text import Text, nfc, shown, suggest

_T = TypeVar("_T")

__all__ = [
    "PluginFailure",
    "PluginInfo",
    "PluginReport",
    "RegisteredSet",
    "Registry",
    "get_set",
    "list_sets",
    "plugin_reports",
    "registry",
    "rule_kinds",
]


STRICT_ENV = "CCHC_STRICT_PLUGINS"
"""Set to 1 to make any plugin failure fatal (as ``cchc --strict-plugins`` does)."""
ALLOW_ENV = "CCHC_PLUGINS"
"""A comma-separated list of the only plugins to load (entry-point or distribution names)."""
BLOCK_ENV = "CCHC_DISABLE_PLUGINS"
"""A comma-separated list of plugins not to load (entry-point or distribution names)."""


class Registry:
    """The criterion sets of a set of plugins, each plugin checked on its own.

    ``Registry.from_entry_points()`` loads every installed plugin (entry-point group
    ``cchc_criteria``); ``Registry([module, …])`` takes plugin objects directly, which is how
    tests and embedding applications use it.

    A plugin that fails — it cannot be imported, implements a hook nobody specified, raises
    in a hook (even ``SystemExit``), or returns something other than criterion sets — is
    recorded in `failures` with its name and distribution, and the other plugins are
    served as usual. A set id given by two plugins is served by neither (`get` names
    both). With ``strict=True`` any failure raises `PluginError` instead.
    """

    def __init__(
        self,
        plugins: Iterable[object] = (),
        *,
        names: Sequence[str] | None = None,
        distributions: Sequence[tuple[str | None, str | None]] | None = None,
        strict: bool = False,
        failures: Iterable[PluginFailure] = (),
    ) -> None:
        self._lock = threading.RLock()  # hooks and loaders, one at a time (re-entrant)
        self._manager = pluggy.PluginManager(hookspecs.PROJECT_NAME)
        self._manager.add_hookspecs(hookspecs)
        self._info: dict[str, PluginInfo] = {}
        self._strict = strict
        self._failures: list[PluginFailure] = list(failures)
        self._raise_if_strict()
        # The library's own plugin comes first: built-in kinds take the same path as others.
        self._manager.register(builtins, name=BUILTIN)
        self._kinds: RuleKinds | None = None
        self._kinds_by_plugin: dict[str, tuple[str, ...]] = {}
        plugin_list = list(plugins)
        for position, plugin in enumerate(plugin_list):
            name = names[position] if names else plugin_name_of(plugin)
            dist, version = distributions[position] if distributions else (None, None)
            self._register(plugin, name, dist, version)
        self._sets: dict[str, SetOffer] | None = None
        self._duplicates: dict[str, tuple[SetOffer, ...]] = {}
        self._offered: dict[str, tuple[str, ...]] = {}

    @classmethod
    def from_entry_points(
        cls, group: str = hookspecs.PROJECT_NAME, *, strict: bool = False
    ) -> Registry:
        """Load every plugin advertised in the entry-point ``group``.

        ``CCHC_PLUGINS`` (a comma-separated list of entry-point or distribution names) loads
        only those; ``CCHC_DISABLE_PLUGINS`` leaves those out. A plugin that fails to import is
        a `PluginFailure` naming the entry point and its distribution
        (`PluginError` with ``strict=True``).
        """
        plugins: list[object] = []
        names: list[str] = []
        dists: list[tuple[str | None, str | None]] = []
        failures: list[PluginFailure] = []
        allowed = names_in(os.environ.get(ALLOW_ENV))
        blocked = names_in(os.environ.get(BLOCK_ENV)) or set()
        for entry_point in sorted(metadata.entry_points(group=group), key=lambda e: e.name):
            dist = entry_point.dist
            dist_name = dist.metadata["Name"] if dist is not None else None
            version = dist.version if dist is not None else None
            names_of = {entry_point.name, *([dist_name] if dist_name else [])}
            if (allowed is not None and not names_of & allowed) or names_of & blocked:
                continue  # not loaded at all: a plugin that is not wanted cannot break anything
            try:
                plugin = entry_point.load()
            except (Exception, SystemExit) as error:
                label = plugin_label(entry_point.name, dist_name, version)
                source, what = repr(entry_point.value), what_failed(error)
                failures.append(
                    make_failure(
                        entry_point.name,
                        dist_name,
                        version,
                        Text(
                            f"{label.vi} không nạp được từ {source}: {what.vi}",
                            f"{label.en} failed to load from {source}: {what.en}",
                        ),
                    )
                )
                continue
            plugins.append(plugin)
            names.append(entry_point.name)
            dists.append((dist_name, version))
        return cls(plugins, names=names, distributions=dists, strict=strict, failures=failures)

    def _fail(self, name: str, dist: str | None, version: str | None, message: Text) -> None:
        self._failures.append(make_failure(name, dist, version, message))
        self._raise_if_strict()

    def _refuse(self, plugin: str, message: Text) -> None:
        """Record that ``plugin`` (loaded: its distribution is known) failed, saying why."""
        self._fail(plugin, *origin_of(self._info.get(plugin)), message)

    def _called(self, name: str, hook: str, call: Callable[[str], _T]) -> _T | None:
        """``call(name)``, which calls plugin ``name``'s ``hook``; ``None`` when it fails:
        the one place a plugin's hook is called, its failure caught and recorded (a refusal
        as it says, any other error named with the hook)."""
        info = self._info.get(name)
        label = (
            Text("các loại quy tắc có sẵn", "the built-in kinds")
            if info is None
            else plugin_label(name, info.distribution, info.version)
        )
        try:
            return call(name)
        except Refused as refused:
            self._fail(name, *origin_of(info), refused.by(label))
        except (Exception, SystemExit) as error:
            what = what_failed(error)
            self._fail(
                name,
                *origin_of(info),
                Text(
                    f"{label.vi} gặp lỗi trong {hook}: {what.vi}",
                    f"{label.en} failed in {hook}: {what.en}",
                ),
            )
        return None

    def _raise_if_strict(self) -> None:
        if self._strict and self._failures:
            raise PluginError(
                Text(
                    "\n".join(f.text.vi for f in self._failures),
                    "\n".join(f.text.en for f in self._failures),
                )
            )

    def _register(self, plugin: object, name: str, dist: str | None, version: str | None) -> None:
        label = plugin_label(name, dist, version)
        if name in self._info or self._manager.is_registered(plugin):
            self._fail(
                name,
                dist,
                version,
                Text(
                    f"plugin {name!r} được đăng ký hai lần", f"plugin {name!r} is registered twice"
                ),
            )
            return
        try:
            self._manager.register(plugin, name=name)
        except (pluggy.PluginValidationError, ValueError) as error:
            self._fail(
                name,
                dist,
                version,
                Text(
                    f"{label.vi} không phải plugin hợp lệ: {error}",
                    f"{label.en} is not a valid plugin: {error}",
                ),
            )
            return
        callers = self._manager.get_hookcallers(plugin) or []
        unknown = sorted(caller.name for caller in callers if not caller.has_spec())
        if unknown:
            self._manager.unregister(plugin)
            self._fail(
                name,
                dist,
                version,
                Text(
                    f"{label.vi} cài đặt {', '.join(unknown)}, là hook cchc_criteria không "
                    f"định nghĩa; các hook là: {', '.join(hook_names())}",
                    f"{label.en} implements {', '.join(unknown)}, which cchc_criteria does not "
                    f"define; the hooks are: {', '.join(hook_names())}",
                ),
            )
            return
        hooks = tuple(sorted(caller.name for caller in callers))
        self._info[name] = PluginInfo(name, dist, version, hooks)

    @property
    def plugins(self) -> tuple[PluginInfo, ...]:
        """Every plugin that registered without failing, by name."""
        return tuple(self._info[name] for name in sorted(self._info))

    @property
    def failures(self) -> tuple[PluginFailure, ...]:
        """Every plugin failure, in the order found (loading, registering, calling hooks)."""
        self.rule_kinds()
        self._collect()
        return tuple(self._failures)

    def rule_kinds(self) -> RuleKinds:
        """Every rule kind: the built-in ones, then each plugin's (a name two plugins give is
        served by neither; a plugin that gives a built-in name fails)."""
        with self._lock:
            if self._kinds is None:
                self._kinds = self._served_kinds()
            return self._kinds

    def _served_kinds(self) -> RuleKinds:
        offered: dict[str, list[tuple[str, RuleKind]]] = {}
        for name in [BUILTIN, *sorted(self._info)]:
            given = self._called(
                name,
                "register_rule_kinds",
                lambda plugin: registered_kinds(self._one(plugin, "register_rule_kinds")),
            )
            if given is None:
                continue
            self._kinds_by_plugin[name] = tuple(k.name for k in given)
            for kind in given:
                offered.setdefault(kind.name, []).append((name, kind))
        kinds, refusals = served_kinds(offered)
        for plugin, message in refusals:
            self._refuse(plugin, message)
        # A kind's own finding codes joined the catalogue as the plugin made it (RuleKind);
        # a code that clashes failed that plugin's hook, above.
        return RuleKinds.of(kinds)

    def kinds_of(self, plugin: str) -> tuple[str, ...]:
        """The names of the rule kinds ``plugin`` registered."""
        self.rule_kinds()
        return self._kinds_by_plugin.get(plugin, ())

    def _one(self, name: str, hook: str) -> Any:
        """The hook ``hook`` of plugin ``name`` alone (through pluggy)."""
        others = [p for n, p in self._manager.list_name_plugin() if n != name]
        return self._manager.subset_hook_caller(hook, others)

    def offered(self, plugin: str) -> tuple[str, ...]:
        """The set ids ``plugin`` registered, including ids another plugin also gave."""
        self._collect()
        return self._offered.get(plugin, ())

    def _collect(self) -> dict[str, SetOffer]:
        """Every set id served, with its offer; a plugin's sets are not built here unless it
        gives them built (``register_criterion_sets``)."""
        with self._lock:
            if self._sets is None:
                self._sets = self._offers()
            return self._sets

    @contextlib.contextmanager
    def _as_serving(self) -> Iterator[None]:
        """While a plugin's hook or loader runs, `registry()` is this registry: a plugin
        builds its sets with cc.load_set, which reads them with this registry's kinds."""
        token = _serving.set(self)
        try:
            yield
        finally:
            _serving.reset(token)

    def _offers(self) -> dict[str, SetOffer]:
        """Each plugin's sets, built or offered by id; an id two plugins give goes to neither."""
        offered: dict[str, list[SetOffer]] = {}
        for name in sorted(self._info):
            origin = origin_of(self._info[name])
            with self._as_serving():
                items = self._called(name, SETS_HOOK, lambda p: sets_given(self._one(p, SETS_HOOK)))
                loaders = None
                if items is not None:  # a plugin that failed once is not asked again
                    loaders = self._called(
                        name, LOADERS_HOOK, lambda p: set_loaders_given(self._one(p, LOADERS_HOOK))
                    )
            if items is None or loaders is None:
                continue
            offers = [SetOffer(item.id, name, *origin, criterion_set=item) for item in items]
            offers += [SetOffer(i, name, *origin, load=load) for i, load in loaders.items()]
            self._offered[name] = tuple(offer.set_id for offer in offers)
            for offer in offers:
                offered.setdefault(offer.set_id, []).append(offer)
        found: dict[str, SetOffer] = {}
        for set_id, entries in offered.items():
            if len(entries) == 1:
                found[set_id] = entries[0]
                continue
            self._duplicates[set_id] = tuple(entries)
            message = duplicate_message(set_id, entries)
            for entry in entries:
                self._failures.append(
                    make_failure(entry.plugin, entry.distribution, entry.version, message)
                )
            if self._strict:
                raise DuplicateSetError(message)
        return dict(sorted(found.items()))

    def _built(self, offer: SetOffer) -> CriterionSet | None:
        """The set of ``offer``, built by its plugin's loader the first time it is asked for;
        ``None`` when the loader failed (recorded in `failures`, and in ``offer.failed``)."""
        with self._lock:
            load = offer.load
            if offer.criterion_set is None and load is not None:
                offer.load = None  # a loader is called once, whatever it does
                hook = f"{LOADERS_HOOK} ({offer.set_id!r})"
                with self._as_serving():
                    offer.criterion_set = self._called(
                        offer.plugin, hook, lambda _: built_as_offered(offer.set_id, load())
                    )
                if offer.criterion_set is None:
                    offer.failed = self._failures[-1]
            return offer.criterion_set

    def sets(self) -> tuple[RegisteredSet, ...]:
        """Every criterion set served, sorted by id, with the plugin that gave it (a set id
        two plugins give is served by neither, and a set whose loader fails is not served:
        see `failures`). Builds every offered set not built yet."""
        offers = self._collect().values()
        return tuple(offer.registered() for offer in offers if self._built(offer) is not None)

    def set_ids(self) -> tuple[str, ...]:
        """The id of every criterion set served, sorted, without building any."""
        return tuple(self._collect())

    def get(self, set_id: str) -> CriterionSet:
        """The criterion set with this id; `UnknownSetError` says what is installed,
        `DuplicateSetError` names the plugins that both give it, `PluginError` says why
        the plugin that offers it could not build it. Only that set is built."""
        if not isinstance(set_id, str):
            raise ArgumentError(
                "a set id is a text such as 'quangngai.so.2019', got "
                f"{shown(set_id, quoted=True):.60}"
            )
        set_id = nfc(set_id)  # ids are kept in NFC, as every text
        found = self._collect()
        if set_id in found:
            offer = found[set_id]
            built = self._built(offer)
            if built is None:
                raise PluginError(offer.failed.text if offer.failed else building(offer))
            return built
        if set_id in self._duplicates:
            raise DuplicateSetError(duplicate_message(set_id, self._duplicates[set_id]))
        known = list(found)
        raise UnknownSetError(
            set_id,
            known,
            suggest(set_id, known, n=3),
            failed=[f.text for f in self._failures],
        )


# The registry whose plugin hook is running: the one a plugin's cc.load_set reads with.
_serving: ContextVar[Registry | None] = ContextVar("cchc_criteria_serving", default=None)


def registry(*, strict: bool | None = None) -> Registry:
    """The registry of every installed plugin, loaded once per process.

    ``strict`` (any plugin failure raises `PluginError`) defaults to the environment
    variable ``CCHC_STRICT_PLUGINS`` (``1``). Called from a plugin's hook without ``strict``,
    it is the registry calling that hook.
    """
    if strict is None:
        serving = _serving.get()
        if serving is not None:
            return serving
        strict = os.environ.get(STRICT_ENV, "") not in ("", "0")
    return _registry(strict)


@functools.cache
def _registry(strict: bool) -> Registry:
    return Registry.from_entry_points(strict=strict)


def get_set(set_id: str) -> CriterionSet:
    """The installed criterion set with this id, e.g. ``get_set("quangngai.so.2019")``.

    Args:
        set_id: the set's id.

    Returns:
        The `CriterionSet`.

    Raises:
        UnknownSetError: no installed plugin registers it (the message suggests close ids).
        DuplicateSetError: two plugins register it; neither is served.
    """
    return registry().get(set_id)


def rule_kinds() -> RuleKinds:
    """Every rule kind: the built-in ones and those of every installed plugin.

    Returns:
        `RuleKinds` (``.names``, ``.get(name)``).
    """
    return registry().rule_kinds()


def list_sets() -> tuple[RegisteredSet, ...]:
    """Every installed criterion set, with the plugin and distribution that provide it.

    Returns:
        One `RegisteredSet` (``.criterion_set``, ``.plugin``, ``.distribution``) per set.
    """
    return registry().sets()


def plugin_reports(group: str = hookspecs.PROJECT_NAME) -> list[PluginReport]:
    """Every plugin in ``group``: the sets it serves (as `list_sets` does), what failed in it."""
    loaded = Registry.from_entry_points(group) if group != hookspecs.PROJECT_NAME else registry()
    return reports_of(loaded)
