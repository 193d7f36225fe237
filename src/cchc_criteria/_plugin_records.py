"""What the registry records of plugins — a registered set and where it comes from, a plugin's
distribution, a failure, a report for ``cchc plugins`` — and how it names them in messages."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from types import ModuleType

import attrs

from cchc_criteria import hookspecs
from cchc_criteria.model import CriterionSet
from cchc_criteria.rules.kinds import RuleKind
from cchc_criteria.text import Text

__all__ = [
    "BUILTIN",
    "PluginFailure",
    "PluginInfo",
    "PluginReport",
    "Refused",
    "RegisteredSet",
    "dist_label",
    "duplicate_message",
    "hook_names",
    "make_failure",
    "names_in",
    "origin_of",
    "plugin_label",
    "plugin_name_of",
    "registered_kinds",
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


def duplicate_message(set_id: str, entries: Sequence[RegisteredSet]) -> Text:
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


def names_in(value: str | None) -> set[str] | None:
    """The names of a comma-separated list (``None`` when the variable is not set)."""
    if value is None:
        return None
    return {name.strip() for name in value.split(",") if name.strip()}
