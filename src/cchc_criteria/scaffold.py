"""``cchc new-plugin``: a criterion-set plugin distribution, ready to install, from nothing.

The plugin ships its set as a TOML data file (one ``[[criteria]]`` per row of the published
table, an example row of each common kind of rule), reads it with ``importlib.resources``,
registers it through the ``cchc_criteria`` entry point, and tests it with the conformance suite
in two lines. Everything it writes is checked before it is written: the set reads, lints clean
and its example scores.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path
from textwrap import dedent

import attrs

from cchc_criteria.errors import ArgumentError, InputError
from cchc_criteria.formats.output import cannot, process_umask
from cchc_criteria.library import Library
from cchc_criteria.model import Severity, UnitKind
from cchc_criteria.text import Text, fold

__all__ = ["Plugin", "write_plugin"]

#: The longest folder name most file systems hold (a staging name adds a few characters).
_NAME_BYTES = 200
_NAME = re.compile(r"[a-z][a-z0-9_]*")


@attrs.frozen
class Plugin:
    """What a new plugin is for.

    Attributes:
        name: the plugin's short name, lowercase ("hanoi"): the entry point and the package
            ``cchc_criteria_<name>``; the distribution is ``cchc-criteria-<name>``.
        province: the province (or index) the set belongs to, as written ("Hà Nội").
        unit_kind: the kind of unit scored.
        year: the year the set is for.
    """

    name: str
    province: str
    unit_kind: UnitKind
    year: int

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


def write_plugin(plugin: Plugin, folder: Path) -> list[Path]:
    """Write the plugin's distribution into ``folder`` (which must not exist or be empty);
    return the files written."""
    if not _NAME.fullmatch(plugin.name) or len(plugin.name) > 50:
        raise ArgumentError(
            Text(
                "tên plugin gồm tối đa 50 chữ thường, chữ số và _, bắt đầu bằng chữ; "
                f"nhận được {plugin.name!r}",
                "a plugin name is at most 50 lowercase letters, digits and _, starting with a "
                "letter; "
                f"got {plugin.name!r}",
            )
        )
    if not 1900 <= plugin.year <= 2999:
        raise ArgumentError(
            Text(
                f"cần một năm như 2025, nhận được {plugin.year}",
                f"expected a year such as 2025, got {plugin.year}",
            )
        )
    _check_target(folder)
    files = _files(plugin)
    _check(plugin, files)
    # Everything is written into a new folder beside the target, which then takes the
    # target's name in one step: a failure half-way leaves nothing behind.
    try:
        parent = folder.absolute().parent
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name[:50]}.", dir=parent))
    except (OSError, ValueError) as error:
        raise InputError(str(folder), _cannot_create(error)) from None
    try:
        for relative, text in files.items():
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        os.chmod(staging, 0o777 & ~process_umask())
        if folder.is_dir():
            folder.rmdir()  # empty (checked above); a folder appearing since makes this fail
        os.rename(staging, folder)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise InputError(str(folder), _cannot_create(error)) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [folder / relative for relative in files]


def _check_target(folder: Path) -> None:
    """The target must be a new name or an empty folder: not a file, not a link (dangling or
    not), not a folder with anything in it, and a name the system can hold."""
    what = None
    try:
        if folder.is_symlink():
            what = Text(
                "đây là một liên kết; hãy chọn một thư mục mới",
                "this is a link; choose a new folder",
            )
        elif folder.exists() and not folder.is_dir():
            what = Text(
                "đây là một tệp; hãy chọn một thư mục mới", "this is a file; choose a new folder"
            )
        elif folder.is_dir() and any(folder.iterdir()):
            what = Text(
                "thư mục không trống; hãy chọn một thư mục mới",
                "the folder is not empty; choose a new one",
            )
        elif len(os.fsencode(folder.name)) > _NAME_BYTES:
            what = Text(
                f"tên thư mục dài quá {_NAME_BYTES} byte",
                f"the folder's name is longer than {_NAME_BYTES} bytes",
            )
    except (OSError, ValueError) as error:
        raise InputError(str(folder), _cannot_create(error)) from None
    if what is not None:
        raise InputError(str(folder), what)


def _cannot_create(error: Exception) -> Text:
    what = Text("không tạo được thư mục", "cannot create the folder")
    if isinstance(error, OSError):
        return cannot(what, error)
    return Text(f"{what.vi}: {error}", f"{what.en}: {error}")


def _check(plugin: Plugin, files: dict[str, str]) -> None:
    """The generated set reads, lints clean, and its example scores complete."""
    set_text = files[f"src/{plugin.package}/sets/{plugin.set_id}.toml"]
    lib = Library.default()
    criterion_set = lib.loads_set(set_text, source=f"{plugin.set_id}.toml")
    problems = [f for f in lib.lint(criterion_set) if f.severity is not Severity.INFO]
    example = files[f"src/{plugin.package}/examples/example.toml"]
    card = lib.score(criterion_set, lib.loads_assessment(example, source="example.toml"))
    if problems or not card.complete:  # pragma: no cover - a bug in the templates below
        raise AssertionError(f"the generated plugin is not sound: {problems} {card.findings}")


def _files(plugin: Plugin) -> dict[str, str]:
    p = plugin
    return {
        "pyproject.toml": _PYPROJECT.format(p=p),
        "README.md": _README.format(p=p),
        "noxfile.py": _NOXFILE.format(p=p),
        f"src/{p.package}/__init__.py": _INIT.format(p=p),
        f"src/{p.package}/py.typed": "",
        f"src/{p.package}/sets/{p.set_id}.toml": _SET.format(p=p, kind=p.unit_kind.value),
        f"src/{p.package}/examples/example.toml": _EXAMPLE.format(p=p),
        "tests/test_sets.py": _TESTS.format(p=p),
    }


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
    requires-python = ">=3.11"
    dependencies = ["cchc-criteria"]

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
    published table, in its order); `src/{p.package}/__init__.py` registers every file there.
    Run `cchc lint FILE` after each change, and acknowledge a mistake the province published
    (`[[acknowledge]]`) rather than correcting it.
    """
)

_NOXFILE = dedent(
    '''\
    """Sessions: ``nox -s tests`` (the conformance suite), ``lint`` (cchc lint of every set)."""

    import nox


    @nox.session
    def tests(session: nox.Session) -> None:
        """Install the plugin and run its tests."""
        session.install(".[test]")
        session.run("pytest", *session.posargs)


    @nox.session
    def lint(session: nox.Session) -> None:
        """Check every set as published."""
        session.install(".")
        session.run("cchc", "lint", "{p.set_id}")
    '''
)

_INIT = dedent(
    '''\
    """The criterion sets of {p.province}, shipped as data files and registered with
    cchc-criteria."""

    from __future__ import annotations

    from importlib.resources import files
    from pathlib import Path

    import cchc_criteria as cc

    __all__ = ["register_criterion_sets", "set_path"]


    @cc.hookimpl
    def register_criterion_sets() -> list[cc.CriterionSet]:
        """Every set in this package's sets/ folder (built here, not at import time, so that a
        mistake in a file is reported with this plugin's name)."""
        folder = files(__name__) / "sets"
        return [
            cc.load_set(Path(str(entry)))
            for entry in sorted(folder.iterdir(), key=lambda e: e.name)
            if entry.name.endswith(".toml")
        ]


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
