"""What many test modules share: the seed set and its example, and ``cchc`` run as a user
runs it (``pythonpath = ["tests"]`` in pyproject makes this importable)."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

from click.testing import CliRunner

from cchc_criteria.cli import cli

#: The seed set: Quảng Ngãi's departments, 2019.
S = "quangngai.so.2019"
ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "plugins/quangngai/src/cchc_criteria_quangngai/examples/so_gddt_2019.toml"
QN_SET = ROOT / "plugins/quangngai/src/cchc_criteria_quangngai/sets/quangngai.so.2019.toml"


def install(
    folder: Path, name: str, entry_points: str, module: str | None = None, *, version: str = "1.0"
) -> None:
    """'Install' the distribution ``name`` into ``folder`` (a folder on ``sys.path``) as an
    installer writes it: its dist-info (the folder named after the normalised name) with
    ``entry_points`` as its entry_points.txt, and ``module``, when given, as the module
    named after the distribution (both dedented)."""
    normal = name.replace("-", "_")
    info = folder / f"{normal}-{version}.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(dedent(entry_points), encoding="utf-8")
    if module is not None:
        (folder / f"{normal}.py").write_text(dedent(module), encoding="utf-8")


def run(*args: str, lang: str = "en") -> tuple[int, str, str]:
    """``cchc ARGS``, with messages in ``lang`` (English unless a test asks for Vietnamese);
    an exception the command did not turn into an exit is a failure of the test."""
    result = CliRunner().invoke(cli, list(args), env={"CCHC_LANG": lang})
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"cchc {' '.join(args)} raised {result.exception!r}")
    return result.exit_code, result.stdout, result.stderr


def assessment(tmp_path: Path, body: str, name: str = "unit.toml") -> str:
    """An assessment file for the seed set with ``body`` (dedented) after its ``set`` line."""
    path = tmp_path / name
    path.write_text(f'set = "{S}"\n' + dedent(body), encoding="utf-8")
    return str(path)


def unit(tmp_path: Path, body: str, name: str = "unit.toml") -> str:
    """A file of ``body`` as it is, named ``name``."""
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return str(path)


def one_leaf_set(tmp_path: Path, row: str, header: str = "") -> str:
    """A set file of one criterion "1" whose keys are ``row`` (and set keys ``header``)."""
    path = tmp_path / "set.toml"
    path.write_text(
        'id = "t.so.2024"\ntitle = "t"\n'
        + dedent(header)
        + '[[criteria]]\ncode = "1"\ntitle = "x"\n'
        + dedent(row),
        encoding="utf-8",
    )
    return str(path)


# Two versions of a small set: 2025 renumbers 1.2 as 1.3 (its code map says so) and may move
# the edge of its top band.
_VERSIONED_ROWS = """
[[criteria]]
code = "1"
title = "Chỉ đạo"
max = 2

[[criteria]]
code = "1.1"
title = "Kế hoạch"
max = 1
rule = "yes_no"

[[criteria]]
code = "CODE"
title = "Tỷ lệ văn bản điện tử"
max = 1
rule = "bands"
bands = [ { from = EDGE, points = 1 }, { from = 50, below = EDGE, points = "0,5" },
          { below = 50, points = 0 } ]
"""


def two_versions(old_edge: int, new_edge: int) -> tuple[str, str]:
    """The set files of the two versions: 2024 with its edge at ``old_edge`` %, 2025 with
    1.2 renumbered 1.3 and its edge at ``new_edge`` %."""
    old = 'id = "demo.cmp.2024"\ntitle = "Năm 2024"\nin_force = "năm 2024"\n'
    new = (
        'id = "demo.cmp.2025"\ntitle = "Năm 2025"\nin_force = "năm 2025"\n'
        'predecessor = "demo.cmp.2024"\nlineage = { "1.3" = "1.2" }\n'
    )
    rows = _VERSIONED_ROWS
    return (
        old + rows.replace("CODE", "1.2").replace("EDGE", str(old_edge)),
        new + rows.replace("CODE", "1.3").replace("EDGE", str(new_edge)),
    )
