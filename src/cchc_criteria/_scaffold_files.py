"""The files of a new plugin distribution (``cchc new-plugin``): what it is for, and every
file it is made of — the package and its set, an example, tests, a noxfile, a licence, a
.gitignore, and GitHub workflows that test it and publish it by trusted publishing."""

from __future__ import annotations

from importlib.resources import files
from textwrap import dedent

import attrs

from cchc_criteria._scaffold_publishing import CI, GITIGNORE, LICENSE, RELEASE
from cchc_criteria.model import UnitKind
from cchc_criteria.text import fold

__all__ = ["Plugin", "own_kind_source", "plugin_files"]


@attrs.frozen
class Plugin:
    """What a new plugin is for.

    Attributes:
        name: the plugin's short name, lowercase ("hanoi"): the entry point and the package
            ``cchc_criteria_<name>``; the distribution is ``cchc-criteria-<name>``.
        province: the province (or index) the set belongs to, as written ("Hà Nội").
        unit_kind: the kind of unit scored.
        year: the year the set is for.
        with_kind: whether the plugin brings a rule kind of its own (``kinds.py``: the
            library's example kind, ``cchc_criteria.scaffold_kind``, named after the
            plugin), with a row of the set scored by it.
    """

    name: str
    province: str
    unit_kind: UnitKind
    year: int
    with_kind: bool = False

    @property
    def package(self) -> str:
        """The import package."""
        return f"cchc_criteria_{self.name}"

    @property
    def distribution(self) -> str:
        """The distribution's name."""
        return f"cchc-criteria-{self.name.replace('_', '-')}"

    @property
    def set_id(self) -> str:
        """The set's id: name.unit_kind.year ("hanoi.xa.2025")."""
        return f"{self.name}.{fold(self.unit_kind.value).replace(' ', '')}.{self.year}"

    @property
    def kind_name(self) -> str:
        """The name of the plugin's own kind (``rule = "hanoi_at_least"``)."""
        return f"{self.name}_at_least"


def plugin_files(plugin: Plugin) -> dict[str, str]:
    """Every file of the new plugin's distribution, by its path in the distribution."""
    p = plugin
    kind = p.unit_kind.value
    files = {
        "pyproject.toml": _PYPROJECT.format(p=p),
        "README.md": _README.format(p=p),
        "LICENSE": LICENSE.format(p=p),
        ".gitignore": GITIGNORE,
        ".github/workflows/ci.yml": CI,
        ".github/workflows/release.yml": RELEASE.format(p=p),
        "noxfile.py": _NOXFILE.format(p=p),
        f"src/{p.package}/__init__.py": _INIT.format(p=p),
        f"src/{p.package}/py.typed": "",
        f"src/{p.package}/sets/{p.set_id}.toml": _SET.format(p=p, kind=kind),
        f"src/{p.package}/examples/example.toml": _EXAMPLE.format(p=p),
        "tests/test_sets.py": _TESTS.format(p=p),
    }
    if p.with_kind:
        files[f"src/{p.package}/kinds.py"] = own_kind_source(p)
        init = files[f"src/{p.package}/__init__.py"]
        own = _KIND_IMPORT.format(p=p)
        files[f"src/{p.package}/__init__.py"] = init.replace(_KIND_IMPORT_AT, own, 1)
        set_file = files[f"src/{p.package}/sets/{p.set_id}.toml"]
        # Area 1 gains the row: its max is its rows' maxima added up.
        set_file = set_file.replace(_AREA_MAX, _AREA_MAX.replace("max = 6", "max = 7"), 1)
        files[f"src/{p.package}/sets/{p.set_id}.toml"] = set_file + _KIND_ROW.format(p=p)
        files[f"src/{p.package}/examples/example.toml"] += '"1.7" = 4\n'
        files["tests/test_sets.py"] = _TESTS_WITH_KIND.format(p=p)
    return files


def own_kind_source(plugin: Plugin) -> str:
    """The text of the plugin's ``kinds.py``: the library's example kind
    (``cchc_criteria.scaffold_kind``), its name and the place of its strategies the
    plugin's own."""
    source = (files("cchc_criteria") / "scaffold_kind.py").read_text(encoding="utf-8")
    start = source.index("from __future__")
    header = (
        f'"""The rule kind of {plugin.distribution}: "từ {{minimum}} trở lên: {{points}} điểm; '
        'dưới {minimum}: 0" (rule = "' + plugin.kind_name + '").\n\n'
        "Made by cchc new-plugin --with-kind from cchc-criteria's example kind: change the rule "
        "and its\nscoring to the published one; keep one computation of points (points_of).\n"
        '"""\n\n'
    )
    text = header + source[start:]
    for old, new in (
        ('name="at_least"', f'name="{plugin.kind_name}"'),
        (
            'strategies="cchc_criteria.scaffold_kind:answers"',
            f'strategies="{plugin.package}.kinds:answers"',
        ),
    ):
        if old not in text:  # pragma: no cover - the example kind changed without this
            raise AssertionError(f"the example kind no longer says {old}")
        text = text.replace(old, new)
    return text


_PYPROJECT = dedent(
    """\
    [build-system]
    requires = ["hatchling>=1.25"]
    build-backend = "hatchling.build"

    [project]
    name = "{p.distribution}"
    version = "0.1.0"
    description = "Criterion sets of {p.province} for cchc-criteria."
    readme = "README.md"
    license = "MIT"
    license-files = ["LICENSE"]
    requires-python = ">=3.11"
    dependencies = ["cchc-criteria"]
    keywords = ["cchc", "par-index", "cai-cach-hanh-chinh", "{p.name}"]
    classifiers = [
      "Development Status :: 3 - Alpha",
      "Intended Audience :: Developers",
      "Intended Audience :: End Users/Desktop",
      "Natural Language :: Vietnamese",
      "Operating System :: OS Independent",
      "Programming Language :: Python :: 3",
      "Programming Language :: Python :: 3.11",
      "Programming Language :: Python :: 3.12",
      "Programming Language :: Python :: 3.13",
      "Typing :: Typed",
    ]

    # Replace OWNER with the account the repository lives under.
    [project.urls]
    Homepage = "https://github.com/OWNER/{p.distribution}"
    Issues = "https://github.com/OWNER/{p.distribution}/issues"
    Changelog = "https://github.com/OWNER/{p.distribution}/releases"

    [project.optional-dependencies]
    test = ["cchc-criteria[testing]", "pytest>=8"]

    # cchc-criteria finds the plugin through this entry point.
    [project.entry-points.cchc_criteria]
    {p.name} = "{p.package}"

    # The set files and examples are package data: everything under src/{p.package}/ ships.
    [tool.hatch.build.targets.wheel]
    packages = ["src/{p.package}"]

    [tool.pytest.ini_options]
    testpaths = ["tests"]
    """
)

_README = dedent(
    """\
    # {p.distribution}

    The criterion sets of {p.province} for [cchc-criteria](https://pypi.org/project/cchc-criteria/),
    each transcribed row by row from its published table.

    ```sh
    pip install .                       # then: cchc sets, cchc score {p.set_id} FILE
    pip install ".[test]" && pytest     # the conformance suite of every set
    ```

    Each set is a data file in `src/{p.package}/sets/` (one `[[criteria]]` per row of the
    published table, in its order); `src/{p.package}/__init__.py` registers every file there
    by its name (`{p.set_id}.toml` holds the set `{p.set_id}`). Run `cchc lint FILE` after
    each change, and acknowledge a mistake the province published
    (`[[acknowledge]]`) rather than correcting it.

    `nox -s tests lint` runs the tests and the lint of every set; to test against a checkout
    of cchc-criteria (before the release you need is on PyPI), name it:
    `CCHC_CRITERIA=../cchc-criteria nox -s tests`. GitHub runs them on every push
    (`.github/workflows/ci.yml`) and publishes to PyPI when a release is published
    (`release.yml`, by trusted publishing: add this repository's `release` workflow as a
    trusted publisher on PyPI first). Replace `OWNER` in `pyproject.toml` with the account the
    repository lives under.
    """
)

_NOXFILE = dedent(
    '''\
    """Sessions: ``nox -s tests`` (the conformance suite), ``lint`` (cchc lint of every set).

    cchc-criteria comes from PyPI; to test against a checkout of it (before a release of it
    is on PyPI, or with a change of your own), name the checkout: ``CCHC_CRITERIA=../cchc-criteria
    nox``. A folder of built wheels works too: ``PIP_FIND_LINKS=../wheels nox``.
    """

    import os

    import nox

    # The core: its name on PyPI, or the path of a checkout (with its testing extra).
    CORE = os.environ.get("CCHC_CRITERIA", "cchc-criteria")


    @nox.session
    def tests(session: nox.Session) -> None:
        """Install the plugin and run its tests."""
        session.install(f"{{CORE}}[testing]")
        session.install(".[test]")
        session.run("pytest", *session.posargs)


    @nox.session
    def lint(session: nox.Session) -> None:
        """Check every set as published."""
        session.install(CORE)
        session.install(".")
        session.run("cchc", "lint", "{p.set_id}")
    '''
)

_INIT = dedent(
    '''\
    """The criterion sets of {p.province}, shipped as data files and registered with
    cchc-criteria."""

    from __future__ import annotations

    import functools
    from collections.abc import Callable
    from importlib.resources import files
    from pathlib import Path

    import cchc_criteria as cc

    __all__ = ["register_criterion_set_loaders", "set_path"]


    @cc.hookimpl
    def register_criterion_set_loaders() -> dict[str, Callable[[], cc.CriterionSet]]:
        """Every set in this package's sets/ folder, by id (each file is named after its
        set's id), read when it is first asked for: a command that scores one set reads no
        other, and a mistake in a file is reported with this plugin's name."""
        folder = files(__name__) / "sets"
        return {{
            entry.name.removesuffix(".toml"): functools.partial(cc.load_set, Path(str(entry)))
            for entry in sorted(folder.iterdir(), key=lambda e: e.name)
            if entry.name.endswith(".toml")
        }}


    def set_path(set_id: str) -> Path:
        """The data file of one of this plugin's sets."""
        return Path(str(files(__name__) / "sets" / f"{{set_id}}.toml"))
    '''
)

_SET = dedent(
    """\
    # {p.set_id}: the criterion set of {p.province} ({kind}), {p.year}.
    # One [[criteria]] per row of the published table, in its order, with its STT, its text
    # and its max points as printed. Replace the example rows below with the published ones;
    # every kind of rule is described in the cchc-criteria documentation (docs/kinds/).

    id = "{p.set_id}"
    title = "Bộ chỉ số cải cách hành chính của {p.province} năm {p.year}"
    province = "{p.province}"
    unit_kind = "{kind}"
    in_force = "năm {p.year}"
    # legal_basis = "Quyết định số …/QĐ-UBND ngày …"

    [[criteria]]
    code = "1"
    title = "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"
    max = 6

    # yes / no: "Ban hành kế hoạch: 1 điểm; không ban hành: 0"
    [[criteria]]
    code = "1.1"
    title = "Ban hành kế hoạch cải cách hành chính năm"
    max = 1
    rule = "yes_no"

    # bands: "từ 90% trở lên: 1; từ 60% đến dưới 90%: 0,5; dưới 60%: 0"
    [[criteria]]
    code = "1.2"
    title = "Tỷ lệ hoàn thành kế hoạch cải cách hành chính"
    max = 1
    rule = "bands"
    bands = [
      {{ label = "Từ 90% trở lên", from = 90, points = 1 }},
      {{ label = "Từ 60% đến dưới 90%", from = 60, below = 90, points = "0,5" }},
      {{ label = "Dưới 60%", below = 60, points = 0 }},
    ]

    # graded verdicts: "hoàn thành tốt: điểm tối đa; hoàn thành: 50%; không hoàn thành: 0"
    [[criteria]]
    code = "1.3"
    title = "Kết quả thực hiện nhiệm vụ được giao"
    max = 1
    rule = "choice"
    options = [
      {{ label = "Hoàn thành tốt", share = 1 }},
      {{ label = "Hoàn thành", share = "50%" }},
      {{ label = "Không hoàn thành", points = 0 }},
    ]

    # proportional: "điểm = tỷ lệ × điểm tối đa"
    [[criteria]]
    code = "1.4"
    title = "Tỷ lệ hồ sơ giải quyết đúng hạn"
    max = 1
    rule = "proportional"

    # per item, capped: "0,5 điểm cho mỗi sáng kiến, tối đa 1 điểm"
    [[criteria]]
    code = "1.5"
    title = "Số sáng kiến cải cách hành chính được công nhận"
    max = 1
    rule = "per_item"
    points_per_item = "0,5"
    cap = 1

    # deductions: "mỗi báo cáo trễ hạn trừ 0,25 điểm"
    [[criteria]]
    code = "1.6"
    title = "Báo cáo cải cách hành chính đúng hạn"
    max = 1
    rule = "deduction"
    points_per_event = "0,25"
    """
)

_EXAMPLE = dedent(
    """\
    # An example self-assessment against {p.set_id}: one figure per criterion.
    set = "{p.set_id}"
    unit = "Đơn vị mẫu"
    period = "năm {p.year}"

    [answers]
    "1.1" = "Có"
    "1.2" = "93,5%"
    "1.3" = "Hoàn thành tốt"
    "1.4" = "45/50"
    "1.5" = 1
    "1.6" = 2
    """
)

_TESTS = dedent(
    '''\
    """The sets of {p.distribution}: the conformance suite of cchc-criteria, and the example."""

    from decimal import Decimal
    from importlib.resources import files
    from pathlib import Path

    import cchc_criteria as cc
    from cchc_criteria.testing.pytest_plugin import ConformanceSuite


    class TestSets(ConformanceSuite):
        plugin = "{p.name}"


    def test_the_example_scores() -> None:
        example = Path(str(files("{p.package}") / "examples" / "example.toml"))
        card = cc.score(cc.get_set("{p.set_id}"), cc.load_assessment(example))
        assert card.complete
        # 1 + 1 + 1 + 0,9 + 0,5 + 0,5 (1 less two deductions of 0,25)
        assert card.points == Decimal("4.9")
    '''
)

_AREA_MAX = 'title = "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH CẢI CÁCH HÀNH CHÍNH"\nmax = 6\n'
_KIND_IMPORT_AT = '__all__ = ["register_criterion_set_loaders", "set_path"]'
_KIND_IMPORT = (
    "from {p.package}.kinds import register_rule_kinds\n\n"
    '__all__ = ["register_criterion_set_loaders", "register_rule_kinds", "set_path"]'
)

_KIND_ROW = dedent(
    """\

    # the plugin's own kind (kinds.py): "từ 3 lần trở lên: 1 điểm; dưới 3 lần: 0"
    [[criteria]]
    code = "1.7"
    title = "Số lần kiểm tra cải cách hành chính trong năm"
    max = 1
    rule = "{p.kind_name}"
    minimum = 3
    points = 1
    """
)

_TESTS_WITH_KIND = dedent(
    '''\
    """The sets of {p.distribution} and its rule kind: the conformance suite of cchc-criteria,
    the kind's own checks, and the example."""

    from decimal import Decimal
    from importlib.resources import files
    from pathlib import Path

    import cchc_criteria as cc
    from cchc_criteria.testing import check_compiled
    from cchc_criteria.testing.pytest_plugin import ConformanceSuite
    from {p.package}.kinds import AtLeastRule


    class TestSets(ConformanceSuite):
        plugin = "{p.name}"


    def test_the_kind_is_installed_and_its_fast_scorer_keeps_its_promise() -> None:
        assert "{p.kind_name}" in cc.rule_kinds().names
        check_compiled(AtLeastRule(3, 1), Decimal(1))


    def test_the_example_scores() -> None:
        example = Path(str(files("{p.package}") / "examples" / "example.toml"))
        card = cc.score(cc.get_set("{p.set_id}"), cc.load_assessment(example))
        assert card.complete
        # 1 + 1 + 1 + 0,9 + 0,5 + 0,5 (1 less two deductions of 0,25) + 1 (4 checks: from 3)
        assert card.points == Decimal("5.9")
    '''
)
