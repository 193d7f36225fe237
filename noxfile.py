"""Developer sessions: ``nox -s tests``, ``lint``, ``typing``, ``build`` (``nox -l`` lists them)."""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["lint", "typing", "tests"]

PYTHONS = ["3.11", "3.12", "3.13"]
PLUGINS = ["plugins/quangngai"]
# Pinned so that a new release of a checker cannot turn CI red on its own.
RUFF = "ruff==0.17.6"
MYPY = "mypy==2.4.1"


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the test suite; the library and the in-repo plugins are installed for real.

    Installing the plugins as distributions (not from the source tree) means their entry points
    are what the tests exercise. Extra arguments go to pytest: ``nox -s tests -- -k bands``.
    """
    session.install(".[test]", *PLUGINS)
    session.run("pytest", *session.posargs, env={"HYPOTHESIS_PROFILE": "ci"})


@nox.session(python="3.11")
def lint(session: nox.Session) -> None:
    """Check style and common mistakes with ruff (lint and format check)."""
    session.install(RUFF)
    session.run("ruff", "check", ".", *session.posargs)
    session.run("ruff", "format", "--check", ".")


@nox.session(python="3.11")
def typing(session: nox.Session) -> None:
    """Type-check the library, the plugins and this noxfile with mypy --strict."""
    session.install(
        MYPY, "types-python-dateutil", "types-openpyxl", "nox", ".[test]", *PLUGINS
    )
    session.run("mypy", "--strict", *session.posargs)


@nox.session(python="3.11")
def build(session: nox.Session) -> None:
    """Build wheels and sdists of the library and of every in-repo plugin into dist/."""
    session.install("build", "twine")
    session.run("python", "-m", "build", "--outdir", "dist", ".")
    for plugin in PLUGINS:
        session.run("python", "-m", "build", "--outdir", "dist", plugin)
    session.run("twine", "check", "--strict", *_dist_files(session))


def _dist_files(session: nox.Session) -> list[str]:
    from pathlib import Path

    return sorted(str(p) for p in Path("dist").iterdir() if p.suffix in {".whl", ".gz"})
