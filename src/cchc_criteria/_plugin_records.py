"""What the registry records of plugins — a registered set and where it comes from, a set
offered by id, a plugin's distribution, a failure, a report for ``cchc plugins`` — how it names
them in messages, and its checks of what a plugin's hooks give (sets, loaders, rule kinds)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from types import ModuleType
from typing import Any, Protocol, cast

import attrs

from cchc_criteria import hookspecs
from cchc_criteria.model import CriterionSet
from cchc_criteria.rules.kinds import RuleKind
from cchc_criteria.text import Text, nfc

__all__ = [
    "BUILTIN",
    "LOADERS_HOOK",
    "SETS_HOOK",
    "PluginFailure",
    "PluginInfo",
    "PluginReport",
    "Refused",
    "RegisteredSet",
    "SetOffer",
    "building",
    "built_as_offered",
    "dist_label",
    "duplicate_message",
    "hook_names",
    "make_failure",
    "names_in",
    "origin_of",
    "plugin_label",
    "plugin_name_of",
    "registered_kinds",
    "reports_of",
    "served_kinds",
    "set_loaders_given",
    "sets_given",
    "what_failed",
]


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


@attrs.define
class SetOffer:
    """A criterion set a plugin offers under ``set_id``: built already
    (``register_criterion_sets``), or built by ``load`` when first asked for
    (``register_criterion_set_loaders``); ``failed`` says why a load failed."""

    set_id: str
    plugin: str
    distribution: str | None
    version: str | None
    criterion_set: CriterionSet | None = None
    load: Callable[[], object] | None = None
    failed: PluginFailure | None = None

    def registered(self) -> RegisteredSet:
        """The set built, with where it came from."""
        assert self.criterion_set is not None
        return RegisteredSet(self.criterion_set, self.plugin, self.distribution, self.version)


@attrs.frozen
class PluginInfo:
    """An installed plugin: its name, distribution, version and the hooks it implements."""

    name: str
    distribution: str | None
    version: str | None
    hooks: tuple[str, ...]


BUILTIN = "cchc_criteria"
"""The name under which the library's own plugin (the built-in rule kinds) is registered."""


@attrs.frozen
class PluginFailure:
    """A plugin that failed: to load, to register, or in a hook; its sets are not served.

    Attributes:
        plugin: the plugin's name (its entry-point name).
        distribution, version: the installed distribution that provides it, if known.
        message: what went wrong, naming the plugin and its distribution (in English).
        message_vi: the same in Vietnamese ("" when only the English was given).
    """

    plugin: str
    distribution: str | None
    version: str | None
    message: str
    message_vi: str = ""

    @property
    def text(self) -> Text:
        """The message in Vietnamese and English."""
        return Text(self.message_vi or self.message, self.message)

    def __str__(self) -> str:
        return self.message


class Refused(Exception):
    """A plugin's hook returned something that is not a list of criterion sets."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text

    def by(self, label: Text) -> Text:
        """What the plugin named ``label`` did wrong."""
        return Text(f"{label.vi} {self.text.vi}", f"{label.en} {self.text.en}")


def origin_of(info: PluginInfo | None) -> tuple[str | None, str | None]:
    if info is None:
        return "cchc-criteria", None
    return info.distribution, info.version


def duplicate_message(set_id: str, entries: Sequence[SetOffer]) -> Text:
    plugins = [repr(e.plugin) for e in entries]
    return Text(
        f"bộ tiêu chí {set_id!r} được cả plugin {' và plugin '.join(plugins)} đăng ký; "
        "không dùng bộ nào: hãy gỡ một plugin",
        f"criterion set {set_id!r} is registered by both plugin "
        f"{' and plugin '.join(plugins)}; neither is used: uninstall one of them",
    )


def what_failed(error: BaseException) -> Text:
    if isinstance(error, SystemExit):
        return Text(f"plugin gọi sys.exit({error.code!r})", f"it called sys.exit({error.code!r})")
    said = f"{type(error).__name__}: {error}"
    return Text(said, said)


def plugin_label(name: str, dist: str | None, version: str | None) -> Text:
    """ "plugin 'x' (dist 1.0)" in both languages."""
    if dist is None:
        return Text(f"plugin {name!r} (không rõ gói)", f"plugin {name!r} (unknown distribution)")
    label = f"plugin {name!r} ({dist_label(dist, version)})"
    return Text(label, label)


def make_failure(name: str, dist: str | None, version: str | None, message: Text) -> PluginFailure:
    return PluginFailure(name, dist, version, message.en, message.vi)


def hook_names() -> list[str]:
    return sorted(
        name
        for name, value in vars(hookspecs).items()
        if callable(value) and hasattr(value, f"{hookspecs.PROJECT_NAME}_spec")
    )


def plugin_name_of(plugin: object) -> str:
    if isinstance(plugin, ModuleType):
        return plugin.__name__
    return getattr(plugin, "__name__", type(plugin).__name__)


def dist_label(name: str | None, version: str | None) -> str:
    if name is None:
        return "unknown distribution"
    return f"{name} {version}" if version else name


@attrs.frozen
class PluginReport:
    """What ``cchc plugins`` shows of one installed plugin: its sets, or why it failed."""

    name: str
    distribution: str | None
    version: str | None
    sets: tuple[str, ...]
    error: str | None
    kinds: tuple[str, ...] = ()


def registered_kinds(register_rule_kinds: Callable[..., object]) -> list[RuleKind]:
    """The rule kinds a plugin's ``register_rule_kinds`` hook registers; a value that is not
    a ``RuleKind`` is refused."""
    given: list[RuleKind] = []
    register_rule_kinds(register=given.append)
    for kind in given:
        if not isinstance(kind, RuleKind):
            raise Refused(
                Text(
                    f"đăng ký {type(kind).__name__} {kind!r:.80}; cần một RuleKind",
                    f"registered {type(kind).__name__} {kind!r:.80}; expected RuleKind",
                )
            )
    return given


def served_kinds(
    offered: Mapping[str, list[tuple[str, RuleKind]]],
) -> tuple[list[RuleKind], list[tuple[str, Text]]]:
    """The kinds served of those ``offered`` (by name: the plugins that gave one, built-in
    first), and the refusals to record (plugin, why): a plugin that gives a built-in name
    fails, and a name two plugins give is served by neither."""
    kinds: list[RuleKind] = []
    refusals: list[tuple[str, Text]] = []
    for kind_name, entries in offered.items():
        if entries[0][0] == BUILTIN and len(entries) > 1:
            for plugin, _ in entries[1:]:
                refusals.append(
                    (
                        plugin,
                        Text(
                            f"plugin {plugin!r} đăng ký loại quy tắc {kind_name!r}, là loại có "
                            "sẵn; hãy chọn tên khác",
                            f"plugin {plugin!r} registers the rule kind {kind_name!r}, which is "
                            "built in; choose another name",
                        ),
                    )
                )
            kinds.append(entries[0][1])
        elif len(entries) > 1:
            plugins = [repr(p) for p, _ in entries]
            for plugin, _ in entries:
                refusals.append(
                    (
                        plugin,
                        Text(
                            f"loại quy tắc {kind_name!r} được cả plugin "
                            f"{' và plugin '.join(plugins)} đăng ký; không dùng loại nào: hãy "
                            "gỡ một plugin",
                            f"rule kind {kind_name!r} is registered by both plugin "
                            f"{' and plugin '.join(plugins)}; neither is used: uninstall one "
                            "of them",
                        ),
                    )
                )
        else:
            kinds.append(entries[0][1])
    return kinds, refusals


def names_in(value: str | None) -> set[str] | None:
    """The names of a comma-separated list (``None`` when the variable is not set)."""
    if value is None:
        return None
    return {name.strip() for name in value.split(",") if name.strip()}


SETS_HOOK = "register_criterion_sets"
"""The hook that gives a plugin's sets built."""
LOADERS_HOOK = "register_criterion_set_loaders"
"""The hook that offers a plugin's sets by id, each built when it is asked for."""


_A_LIST = Text("một danh sách CriterionSet", "a list of CriterionSet objects")
_SOME_SETS = Text("các CriterionSet", "CriterionSet objects")
_A_MAPPING = Text("một dict mã bộ → hàm tạo bộ", "a dict of set ids to loaders")
_AN_ENTRY = Text(
    "mã bộ (văn bản) → hàm tạo bộ", "a set id (text) and a function that builds the set"
)


def _returned(shown: str, hook: str, expected: Text) -> Refused:
    """The refusal of what a plugin's ``hook`` returned (``shown``), saying what it should."""
    return Refused(
        Text(
            f"trả về {shown} từ {hook}; cần {expected.vi}",
            f"returned {shown} from {hook}; expected {expected.en}",
        )
    )


def sets_given(caller: Any) -> list[CriterionSet]:
    """The sets one plugin's ``register_criterion_sets`` (``caller``, pluggy's caller of that
    plugin alone) returns; anything but criterion sets is refused."""
    items: list[CriterionSet] = []
    results = caller()
    if not results and caller.get_hookimpls():  # pluggy leaves out None results
        raise _returned("None", SETS_HOOK, _A_LIST)
    for result in results:
        if not isinstance(result, Iterable) or isinstance(result, str | CriterionSet):
            raise _returned(f"{result!r:.80}", SETS_HOOK, _A_LIST)
        for item in cast("Iterable[object]", result):
            if not isinstance(item, CriterionSet):
                raise _returned(f"{type(item).__name__} {item!r:.80}", SETS_HOOK, _SOME_SETS)
            items.append(item)
    return items


def set_loaders_given(caller: Any) -> dict[str, Callable[[], object]]:
    """The loaders one plugin's ``register_criterion_set_loaders`` (``caller``) returns, by
    set id; anything but a mapping of ids (text) to functions is refused."""
    loaders: dict[str, Callable[[], object]] = {}
    results = caller()
    if not results and caller.get_hookimpls():
        raise _returned("None", LOADERS_HOOK, _A_MAPPING)
    for result in results:
        if not isinstance(result, Mapping):
            raise _returned(f"{result!r:.80}", LOADERS_HOOK, _A_MAPPING)
        for set_id, load in result.items():
            if not isinstance(set_id, str) or not set_id or not callable(load):
                raise _returned(f"{set_id!r:.60}: {load!r:.60}", LOADERS_HOOK, _AN_ENTRY)
            loaders[nfc(set_id)] = load
    return loaders


def building(offer: SetOffer) -> Text:
    """Why ``offer``'s set cannot be given: its own loader asked for it while building it."""
    label = plugin_label(offer.plugin, offer.distribution, offer.version)
    return Text(
        f"{label.vi}: hàm tạo bộ {offer.set_id!r} lại hỏi đến chính bộ này khi đang tạo nó",
        f"{label.en}: the loader of set {offer.set_id!r} asks for that set while building it",
    )


def built_as_offered(set_id: str, built: object) -> CriterionSet:
    """``built``, the set a plugin's loader gave for ``set_id``; refused unless it is a
    criterion set with that id."""
    if not isinstance(built, CriterionSet):
        shown = f"{type(built).__name__} {built!r:.80}"
        raise Refused(
            Text(
                f"tạo {shown} cho bộ {set_id!r}; cần một CriterionSet",
                f"built {shown} for set {set_id!r}; expected a CriterionSet",
            )
        )
    if built.id != set_id:
        raise Refused(
            Text(
                f"đăng ký bộ {set_id!r} nhưng hàm tạo bộ trả về bộ {built.id!r}",
                f"offers set {set_id!r} but its loader built set {built.id!r}",
            )
        )
    return built


class _Loaded(Protocol):
    """What `reports_of` reads of a registry."""

    @property
    def plugins(self) -> tuple[PluginInfo, ...]: ...
    @property
    def failures(self) -> tuple[PluginFailure, ...]: ...
    def sets(self) -> tuple[RegisteredSet, ...]: ...
    def offered(self, plugin: str) -> tuple[str, ...]: ...
    def kinds_of(self, plugin: str) -> tuple[str, ...]: ...


def reports_of(loaded: _Loaded) -> list[PluginReport]:
    """Every plugin of the registry ``loaded``: the sets it serves, every one built (as
    ``list_sets`` does), and what failed in it."""
    served = {r.criterion_set.id for r in loaded.sets()}  # first: a failed build is a failure
    failures: dict[str, list[PluginFailure]] = {}
    for failure in loaded.failures:
        failures.setdefault(failure.plugin, []).append(failure)
    reports: list[PluginReport] = [
        PluginReport(BUILTIN, "cchc-criteria", None, (), None, loaded.kinds_of(BUILTIN))
    ]
    names = sorted(({p.name for p in loaded.plugins} | set(failures)) - {BUILTIN})
    info = {p.name: p for p in loaded.plugins}
    for name in names:
        known = info.get(name)
        first = failures.get(name, [None])[0]
        dist = known.distribution if known else (first.distribution if first else None)
        version = known.version if known else (first.version if first else None)
        ids = tuple(i for i in loaded.offered(name) if i in served)
        error = "; ".join(f.message for f in failures.get(name, ())) or None
        reports.append(PluginReport(name, dist, version, ids, error, loaded.kinds_of(name)))
    return reports
