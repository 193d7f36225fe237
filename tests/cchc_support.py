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
