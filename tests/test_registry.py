"""Plugins: discovery through entry points, look-up, and errors that name the plugin."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import cchc_criteria as cc
from cchc_criteria import (
    Criterion,
    CriterionSet,
    DuplicateSetError,
    PluginError,
    UnknownSetError,
    hookimpl,
)
from cchc_criteria.registry import Registry
from cchc_criteria.rules import YesNoRule
from cchc_support import EXAMPLE, S, install, run


def a_set(set_id: str) -> CriterionSet:
    return CriterionSet(
        id=set_id, title=set_id, criteria=[Criterion("1", "x", 1, rule=YesNoRule())]
    )


class Provides:
    def __init__(self, *ids: str) -> None:
        self.ids = ids

    @hookimpl
    def register_criterion_sets(self) -> list[CriterionSet]:
        return [a_set(i) for i in self.ids]


def test_sets_are_listed_with_their_plugin() -> None:
    registry = Registry(
        [Provides("b.so.2024", "a.so.2024"), Provides("c.xa.2025")], names=["alpha", "beta"]
    )
    listed = [(r.criterion_set.id, r.plugin) for r in registry.sets()]
    assert listed == [("a.so.2024", "alpha"), ("b.so.2024", "alpha"), ("c.xa.2025", "beta")]
    assert registry.get("c.xa.2025").id == "c.xa.2025"
    assert [p.name for p in registry.plugins] == ["alpha", "beta"]
    assert registry.plugins[0].hooks == ("register_criterion_sets",)


def test_two_plugins_registering_one_id_is_an_error_naming_both() -> None:
    registry = Registry(
        [Provides("x.so.2024"), Provides("x.so.2024", "y.so.2024")], names=["one", "two"]
    )
    # Served by neither, named by both; the other sets of the plugins are served.
    assert [r.criterion_set.id for r in registry.sets()] == ["y.so.2024"]
    with pytest.raises(DuplicateSetError, match=r"'x\.so\.2024'.*'one'.*'two'"):
        registry.get("x.so.2024")
    assert [f.plugin for f in registry.failures] == ["one", "two"]
    strict = Registry(
        [Provides("x.so.2024"), Provides("x.so.2024")], names=["one", "two"], strict=True
    )
    with pytest.raises(DuplicateSetError, match=r"'x\.so\.2024'.*'one'.*'two'"):
        strict.sets()


def test_unknown_id_suggests_close_ones() -> None:
    registry = Registry([Provides("quangngai.so.2019")], names=["qn"])
    with pytest.raises(UnknownSetError, match=r"did you mean 'quangngai\.so\.2019'"):
        registry.get("quangngai.so.2018")
    with pytest.raises(UnknownSetError, match=r"installed sets: quangngai\.so\.2019"):
        registry.get("hanoi")


def test_no_plugins_at_all_says_how_to_get_one() -> None:
    with pytest.raises(UnknownSetError, match="pip install"):
        Registry([]).get("quangngai.so.2019")


class ReturnsJunk:
    @hookimpl
    def register_criterion_sets(self) -> list[object]:
        return ["not a set"]


class Raises:
    @hookimpl
    def register_criterion_sets(self) -> list[CriterionSet]:
        raise ValueError("criterion '1' must have either a rule or children")


class ReturnsNone:
    @hookimpl
    def register_criterion_sets(self) -> None:
        return None


class ReturnsANumber:
    @hookimpl
    def register_criterion_sets(self) -> int:
        return 42


class Exits:
    @hookimpl
    def register_criterion_sets(self) -> list[CriterionSet]:
        raise SystemExit(7)


class FailsMidway:
    @hookimpl
    def register_criterion_sets(self) -> Iterator[CriterionSet]:
        yield a_set("first.so.2024")
        raise RuntimeError("the second set's file is missing")


class UnknownHook:
    @hookimpl
    def register_criteria(self) -> list[CriterionSet]:
        return []


BROKEN = [
    (ReturnsJunk(), r"plugin 'bad' .*returned str .*expected CriterionSet"),
    (Raises(), r"plugin 'bad' .*failed in register_criterion_sets: ValueError: criterion '1'"),
    (ReturnsNone(), r"plugin 'bad' .*returned None .*expected a list of CriterionSet"),
    (ReturnsANumber(), r"plugin 'bad' .*returned 42 .*expected a list of CriterionSet"),
    (Exits(), r"plugin 'bad' .*failed in register_criterion_sets: it called sys\.exit\(7\)"),
    (FailsMidway(), r"plugin 'bad' .*RuntimeError: the second set's file is missing"),
]


@pytest.mark.parametrize(("plugin", "message"), BROKEN)
def test_a_broken_plugin_is_reported_by_name(plugin: object, message: str) -> None:
    with pytest.raises(PluginError, match=message):
        Registry([plugin], names=["bad"], strict=True).sets()


@pytest.mark.parametrize(("plugin", "message"), BROKEN)
def test_a_broken_plugin_does_not_hide_the_healthy_ones(plugin: object, message: str) -> None:
    registry = Registry([plugin, Provides("ok.so.2024")], names=["bad", "good"])
    assert [r.criterion_set.id for r in registry.sets()] == ["ok.so.2024"]
    assert registry.get("ok.so.2024").id == "ok.so.2024"
    (failure,) = registry.failures
    assert failure.plugin == "bad"
    assert re.search(message, failure.message)
    # A set the broken plugin would have given is unknown, and the failure is named.
    with pytest.raises(UnknownSetError, match="may come from a plugin that failed: plugin 'bad'"):
        registry.get("first.so.2024")


def test_a_hook_nobody_specified_is_rejected() -> None:
    with pytest.raises(PluginError, match=r"'typo'.*register_criteria"):
        Registry([UnknownHook()], names=["typo"], strict=True)
    registry = Registry([UnknownHook(), Provides("ok.so.2024")], names=["typo", "good"])
    assert [p.name for p in registry.plugins] == ["good"]
    assert "register_criteria" in registry.failures[0].message


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder on sys.path where a test can 'install' a distribution with entry points."""
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path


def test_plugins_are_discovered_through_entry_points(installed: Path) -> None:
    install(
        installed,
        "cchc-test-plugin",
        """
        [cchc_test_group]
        testplugin = cchc_test_plugin
        """,
        module="""
        import cchc_criteria as cc

        @cc.hookimpl
        def register_criterion_sets():
            rule = cc.rules.YesNoRule()
            return [cc.CriterionSet(id="t.so.2024", title="t",
                                    criteria=[cc.Criterion("1", "x", 1, rule=rule)])]
        """,
        version="1.2.3",
    )
    try:
        registry = Registry.from_entry_points("cchc_test_group")
        (registered,) = registry.sets()
        assert registered.criterion_set.id == "t.so.2024"
        assert (registered.plugin, registered.distribution, registered.version) == (
            "testplugin",
            "cchc-test-plugin",
            "1.2.3",
        )
    finally:
        sys.modules.pop("cchc_test_plugin", None)


def test_a_plugin_that_fails_to_import_is_named_with_its_distribution(installed: Path) -> None:
    install(
        installed,
        "cchc-broken-plugin",
        """
        [cchc_test_group]
        broken = cchc_broken_plugin_missing_module
        """,
        version="1.2.3",
    )
    with pytest.raises(PluginError, match=r"plugin 'broken' \(cchc-broken-plugin 1\.2\.3\)"):
        Registry.from_entry_points("cchc_test_group", strict=True)
    (failure,) = Registry.from_entry_points("cchc_test_group").failures
    assert (failure.plugin, failure.distribution, failure.version) == (
        "broken",
        "cchc-broken-plugin",
        "1.2.3",
    )
    assert "ModuleNotFoundError" in failure.message


def test_the_in_repo_plugin_is_installed_for_real() -> None:
    # The test command installs plugins/quangngai as a distribution: its entry point is live.
    found = {r.criterion_set.id: r for r in cc.list_sets()}
    assert found["quangngai.so.2019"].distribution == "cchc-criteria-quangngai"
    assert cc.get_set("quangngai.so.2019").province == "Quảng Ngãi"


class LoadsABrokenFile:
    def __init__(self, path: Path) -> None:
        self.path = path

    @hookimpl
    def register_criterion_sets(self) -> list[CriterionSet]:
        return [cc.load_set(self.path)]


def test_a_plugin_whose_data_file_has_mistakes_registers_nothing(tmp_path: Path) -> None:
    path = tmp_path / "set.toml"
    path.write_text(
        'id = "x"\ntitle = "x"\n[[criteria]]\ncode = "1"\ntitle = "x"\nmax = "?"\n'
        'rule = "manual"\n',
        encoding="utf-8",
    )
    registry = Registry(
        [LoadsABrokenFile(path), Provides("ok.so.2024")], names=["bad", "good"], strict=True
    )
    with pytest.raises(PluginError, match=r"plugin 'bad' .*set\.toml:6: criterion 1: max"):
        registry.sets()
    lenient = Registry([LoadsABrokenFile(path), Provides("ok.so.2024")], names=["bad", "good"])
    assert [r.criterion_set.id for r in lenient.sets()] == ["ok.so.2024"]
    assert re.search(r"set\.toml:6: criterion 1: max", lenient.failures[0].message)


def test_plugin_reports_show_a_broken_plugin_beside_the_good_ones(installed: Path) -> None:
    from cchc_criteria.registry import plugin_reports

    install(
        installed,
        "cchc-broken-plugin",
        """
        [cchc_report_group]
        broken = cchc_missing_module_for_reports
        """,
    )
    install(
        installed,
        "cchc-good-plugin",
        """
        [cchc_report_group]
        good = cchc_good_plugin
        """,
        module="""
        import cchc_criteria as cc

        @cc.hookimpl
        def register_criterion_sets():
            return [cc.CriterionSet(id="g.so.2024", title="g",
                    criteria=[cc.Criterion("1", "x", 1, rule=cc.rules.YesNoRule())])]
        """,
    )
    try:
        reports = {r.name: r for r in plugin_reports("cchc_report_group")}
    finally:
        sys.modules.pop("cchc_good_plugin", None)
    assert reports["good"].sets == ("g.so.2024",)
    assert reports["good"].error is None
    assert reports["broken"].sets == ()
    assert "ModuleNotFoundError" in (reports["broken"].error or "")


@pytest.fixture
def broken_plugins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Install, beside the real Quảng Ngãi plugin, one that cannot be imported and one that
    registers the Quảng Ngãi id again plus a set of its own."""
    monkeypatch.syspath_prepend(str(tmp_path))
    for name, module in (
        ("cchc-broken", None),
        (
            "cchc-twin",
            """
            import cchc_criteria as cc

            @cc.hookimpl
            def register_criterion_sets():
                rule = cc.rules.YesNoRule()
                make = lambda i: cc.CriterionSet(id=i, title=i,
                                                 criteria=[cc.Criterion("1", "x", 1, rule=rule)])
                return [make("quangngai.so.2019"), make("twin.so.2024")]
            """,
        ),
    ):
        module_name = name.replace("-", "_")
        target = module_name if module else "cchc_missing_module"
        entry = f"[cchc_criteria]\n{module_name} = {target}\n"
        install(tmp_path, name, entry, module, version="0.1")
    cc.registry._registry.cache_clear()
    yield tmp_path
    cc.registry._registry.cache_clear()
    sys.modules.pop("cchc_twin", None)


def test_a_broken_plugin_beside_healthy_ones(broken_plugins: Path) -> None:
    code, out, err = run("show", "twin.so.2024")
    assert code == 0
    assert "cchc: warning: plugin 'cchc_broken' (cchc-broken 0.1) failed to load" in err
    # The duplicated id is served by neither plugin, and both are named.
    code, _, err = run("score", S, str(EXAMPLE))
    assert code == 2
    assert "'quangngai.so.2019' is registered by both plugin 'cchc_twin' and plugin" in err
    code, out, err = run("sets", "--json")
    assert "plugin 'cchc_broken' (cchc-broken 0.1) failed to load" in err  # why one is missing
    assert [row["id"] for row in json.loads(out)] == [
        "example.xa.2025.quy",
        "example.xa.2025.thang",
        "twin.so.2024",
    ]
    code, out, _ = run("plugins", "--json")
    assert code == 0
    reports = {r["name"]: r for r in json.loads(out)}
    assert reports["cchc_twin"]["sets"] == ["twin.so.2024"]
    assert "registered by both" in reports["cchc_twin"]["error"]
    assert "registered by both" in reports["quangngai"]["error"]
    assert "ModuleNotFoundError" in reports["cchc_broken"]["error"]


def test_strict_plugins_makes_any_failure_fatal(
    broken_plugins: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CCHC_STRICT_PLUGINS", raising=False)
    code, _, err = run("--strict-plugins", "show", "twin.so.2024")
    assert code == 2
    assert "plugin 'cchc_broken' (cchc-broken 0.1) failed to load" in err
    # Said to the registry, never written into the environment: the next command run in the
    # same process (and any child process) is not strict unless it asks.
    assert "CCHC_STRICT_PLUGINS" not in os.environ
    code, _, err = run("show", "twin.so.2024")
    assert code == 0
    assert "failed to load" in err
    monkeypatch.setenv("CCHC_STRICT_PLUGINS", "1")
    cc.registry._registry.cache_clear()
    code, _, err = run("sets")
    assert code == 2


# ---------------------------------------------------------------- sets built when asked for


class Offers:
    """A plugin that offers sets through loaders, counting the sets each builds."""

    def __init__(self, *ids: str, builds: dict[str, object] | None = None) -> None:
        self.ids = ids
        self.builds = builds or {}
        self.built: list[str] = []

    def _build(self, set_id: str) -> object:
        self.built.append(set_id)
        made = self.builds.get(set_id, set_id)
        if isinstance(made, BaseException):
            raise made
        return a_set(made) if isinstance(made, str) else made

    @hookimpl
    def register_criterion_set_loaders(self) -> dict[str, object]:
        return {i: (lambda i=i: self._build(i)) for i in self.ids}


def test_a_loader_builds_its_set_only_when_the_set_is_asked_for() -> None:
    plugin = Offers("a.so.2024", "b.so.2024", "c.so.2024")
    registry = Registry([plugin, Provides("d.so.2024")], names=["lazy", "eager"])
    assert registry.set_ids() == ("a.so.2024", "b.so.2024", "c.so.2024", "d.so.2024")
    assert registry.offered("lazy") == ("a.so.2024", "b.so.2024", "c.so.2024")
    assert registry.failures == ()
    assert plugin.built == []  # ids, offers and failures build nothing
    assert registry.get("b.so.2024").id == "b.so.2024"
    assert registry.get("b.so.2024") is registry.get("b.so.2024")
    assert plugin.built == ["b.so.2024"]  # once, and no other
    listed = [(r.criterion_set.id, r.plugin) for r in registry.sets()]
    assert listed == [
        ("a.so.2024", "lazy"),
        ("b.so.2024", "lazy"),
        ("c.so.2024", "lazy"),
        ("d.so.2024", "eager"),
    ]
    assert sorted(plugin.built) == ["a.so.2024", "b.so.2024", "c.so.2024"]
    assert registry.plugins[1].hooks == ("register_criterion_set_loaders",)


@pytest.mark.parametrize(
    ("made", "message"),
    [
        (ValueError("criterion '1.2': max is missing"), r"ValueError: criterion '1\.2'"),
        ("other.so.2024", r"offers set 'bad\.so\.2024' but its loader built set 'other\.so"),
        (["not a set"], r"built list \['not a set'\] for set 'bad\.so\.2024'; expected a Crit"),
        (SystemExit(3), r"it called sys\.exit\(3\)"),
    ],
)
def test_a_loader_that_fails_is_named_and_spares_the_plugins_other_sets(
    made: object, message: str
) -> None:
    plugin = Offers("bad.so.2024", "good.so.2024", builds={"bad.so.2024": made})
    registry = Registry([plugin], names=["lazy"])
    with pytest.raises(PluginError) as raised:
        registry.get("bad.so.2024")
    text = str(raised.value)
    assert text.startswith("plugin 'lazy' (unknown distribution) ")
    assert "'bad.so.2024'" in text  # the set, and the hook when the loader raised
    if isinstance(made, BaseException):
        assert "failed in register_criterion_set_loaders ('bad.so.2024')" in text
    assert re.search(message, text), text
    with pytest.raises(PluginError):  # said again, not built again
        registry.get("bad.so.2024")
    assert plugin.built == ["bad.so.2024"]
    assert registry.get("good.so.2024").id == "good.so.2024"
    assert [r.criterion_set.id for r in registry.sets()] == ["good.so.2024"]
    assert [f.message for f in registry.failures] == [text]
    with pytest.raises(PluginError, match=message):
        Registry([Offers("bad.so.2024", builds={"bad.so.2024": made})], strict=True).sets()


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (None, "returned None from register_criterion_set_loaders"),
        (["a.so.2024"], r"returned \['a\.so\.2024'\] from register_criterion_set_loaders"),
        ({"a.so.2024": "a.toml"}, r"returned 'a\.so\.2024': 'a\.toml' from register_crit"),
        ({3: lambda: None}, r"returned 3: .* expected a set id \(text\)"),
    ],
)
def test_loaders_that_are_not_a_mapping_of_ids_to_functions_are_refused(
    given: object, message: str
) -> None:
    class Gives:
        @hookimpl
        def register_criterion_set_loaders(self) -> object:
            return given

    registry = Registry([Gives(), Provides("ok.so.2024")], names=["odd", "fine"])
    assert registry.set_ids() == ("ok.so.2024",)
    (failure,) = registry.failures
    assert failure.plugin == "odd"
    assert re.search(message, failure.message), failure.message


def test_an_id_offered_by_a_loader_and_by_a_built_set_is_served_by_neither() -> None:
    lazy = Offers("x.so.2024", "y.so.2024")
    registry = Registry([lazy, Provides("x.so.2024")], names=["lazy", "eager"])
    with pytest.raises(DuplicateSetError, match="registered by both plugin 'eager' and plugin"):
        registry.get("x.so.2024")
    assert [r.criterion_set.id for r in registry.sets()] == ["y.so.2024"]
    assert lazy.built == ["y.so.2024"]  # the disputed set is never built


def test_a_loader_reads_with_the_registry_that_asks(tmp_path: Path) -> None:
    """A set file read by a loader may name the plugin's own rule kinds (registry() is the
    registry calling the loader), as one read by register_criterion_sets may."""
    import cchc_criteria_example_monthly as monthly

    registry = Registry([monthly], names=["example_monthly"])
    quarterly = registry.get("example.xa.2025.quy")
    assert "per_step" in {
        registry.rule_kinds().of_rule(c.rule).name for c in quarterly.walk() if c.rule is not None
    }


def test_cchc_score_of_a_set_whose_file_is_broken_names_the_plugin_and_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(tmp_path))
    broken = tmp_path / "broken.so.2024.toml"
    broken.write_text('id = "broken.so.2024"\ntitle = "x"\n[[criteria]]\ncode = "1"\n')
    install(
        tmp_path,
        "cchc-lazy",
        "[cchc_criteria]\nlazy = cchc_lazy\n",
        f"""
        import functools
        import cchc_criteria as cc

        @cc.hookimpl
        def register_criterion_set_loaders():
            return {{"broken.so.2024": functools.partial(cc.load_set, {str(broken)!r})}}
        """,
        version="1.2.3",
    )
    cc.registry._registry.cache_clear()
    try:
        code, out, err = run("score", "broken.so.2024", str(EXAMPLE))
        other, _, _ = run("show", S)  # the plugin's broken file spoils no other set
        listed, sets, why = run("sets")
    finally:
        cc.registry._registry.cache_clear()
        sys.modules.pop("cchc_lazy", None)
    assert code == 2
    assert out == ""
    assert "Traceback" not in err
    assert err.count("plugin 'lazy' (cchc-lazy 1.2.3) failed in") == 1
    assert "broken.so.2024.toml" in err
    assert "criterion '1'" in err or "criterion 1" in err
    assert other == 0
    # cchc sets lists the others and says why the broken one is missing.
    assert listed == 0
    assert S in sets
    assert "broken.so.2024" not in sets
    assert "plugin 'lazy' (cchc-lazy 1.2.3) failed in register_criterion_set_loaders" in why


def test_a_loader_may_ask_for_another_set_but_not_for_its_own() -> None:
    class Chained:
        @hookimpl
        def register_criterion_set_loaders(self) -> dict[str, object]:
            def next_year() -> CriterionSet:
                base = cc.get_set("base.so.2024")  # the registry that asks serves it
                return CriterionSet(id="next.so.2025", title="next", criteria=base.criteria)

            def itself() -> CriterionSet:
                return cc.get_set("loop.so.2025")

            return {
                "base.so.2024": lambda: a_set("base.so.2024"),
                "next.so.2025": next_year,
                "loop.so.2025": itself,
            }

    registry = Registry([Chained()], names=["chained"])
    assert [c.code for c in registry.get("next.so.2025").criteria] == ["1"]
    with pytest.raises(PluginError) as raised:
        registry.get("loop.so.2025")
    assert str(raised.value) == (
        "plugin 'chained' (unknown distribution) failed in register_criterion_set_loaders "
        "('loop.so.2025'): PluginError: plugin 'chained' (unknown distribution): the loader of "
        "set 'loop.so.2025' asks for that set while building it"
    )


def test_threads_asking_for_one_set_at_once_get_it_built_once() -> None:
    import threading
    import time

    class Slow:
        def __init__(self) -> None:
            self.calls = 0

        @hookimpl
        def register_criterion_set_loaders(self) -> dict[str, object]:
            def load() -> CriterionSet:
                self.calls += 1
                time.sleep(0.05)  # long enough for every thread to ask meanwhile
                return a_set("slow.so.2024")

            return {"slow.so.2024": load}

    plugin = Slow()
    registry = Registry([plugin], names=["slow"])
    start = threading.Barrier(8)
    got: list[object] = []

    def ask() -> None:
        start.wait()
        got.append(registry.get("slow.so.2024"))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert plugin.calls == 1
    assert len(got) == 8
    assert all(s is got[0] for s in got)
    assert registry.failures == ()


def test_a_set_id_is_one_id_however_its_accents_were_typed() -> None:
    import unicodedata

    composed = "quảngngãi.so.2019"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    assert a_set(decomposed).id == composed  # kept in NFC, as every text

    class Typed:
        @hookimpl
        def register_criterion_set_loaders(self) -> dict[str, object]:
            return {decomposed: lambda: a_set(decomposed)}

    for plugin in (Typed(), Provides(decomposed)):
        registry = Registry([plugin])
        assert registry.set_ids() == (composed,)
        assert registry.get(decomposed).id == composed
        assert registry.get(composed) is registry.get(decomposed)
        assert registry.failures == ()
