"""Developer sessions: ``nox -s tests``, ``lint``, ``typing``, ``build`` (``nox -l`` lists them)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.sessions = [
    "lint",
    "typing",
    "tests",
    "plugin",
    "screenshot",
    "print",
    "docs",
    "build",
]

PYTHONS = ["3.11", "3.12", "3.13"]
PLUGINS = ["plugins/quangngai", "plugins/example-monthly"]
# Pinned so that a new release of a checker cannot turn CI red on its own.
RUFF = "ruff==0.17.6"
MYPY = "mypy==2.4.1"
IMPORT_LINTER = "import-linter==2.17"


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """Run the test suite; the library and the in-repo plugins are installed for real.

    Installing the plugins as distributions (not from the source tree) means their entry points
    are what the tests exercise. Extra arguments go to pytest: ``nox -s tests -- -k bands``.
    Tests run on every core (pytest-xdist).
    """
    session.install(".[test]", *PLUGINS)
    # pytest-xdist: one worker per core (each a process of its own, so tests that patch the
    # environment or the plugin registry stay apart). `nox -s tests -- -n0` runs in one.
    # Tests marked `libreoffice` recalculate workbooks in LibreOffice: the print session,
    # which installs it, runs them.
    session.run(
        "pytest",
        "-n",
        "auto",
        "-m",
        "not libreoffice",
        *session.posargs,
        env={"HYPOTHESIS_PROFILE": "ci"},
    )


@nox.session(python="3.11")
def lint(session: nox.Session) -> None:
    """Check style with ruff (lint and format) and the layers with import-linter.

    The import contracts (``[tool.importlinter]`` in pyproject.toml) keep each layer importing
    only the layers below it and private modules inside their package.
    """
    session.install(RUFF, IMPORT_LINTER)
    session.run("ruff", "check", ".", *session.posargs)
    session.run("ruff", "format", "--check", ".")
    session.run("lint-imports", "--no-cache", env={"PYTHONPATH": "src"})


@nox.session(python="3.11")
def typing(session: nox.Session) -> None:
    """Type-check the library, the plugins and this noxfile with mypy --strict."""
    session.install(MYPY, "types-python-dateutil", "types-openpyxl", "nox", ".[test]", *PLUGINS)
    session.run("mypy", "--strict", *session.posargs)


@nox.session(python="3.11")
def plugin(session: nox.Session) -> None:
    """A plugin from nothing, as an author would: ``cchc new-plugin --with-kind``, install it
    with the core into this fresh environment, see ``cchc sets`` list it, score its example
    (a row scored by the plugin's own kind), and run its generated tests (with the pytest
    plugin's conformance suite active) — then its own noxfile, with the core from this
    checkout (``CCHC_CRITERIA``), as before a release of the core is on PyPI."""
    session.install(".[testing]", "pytest", "nox")
    folder = Path(session.create_tmp()) / "cchc-criteria-demo"
    shutil.rmtree(folder, ignore_errors=True)
    session.run(
        "cchc",
        "new-plugin",
        "demo",
        "--province",
        "Hà Nội",
        "--unit-kind",
        "xã",
        "--year",
        "2025",
        "--with-kind",
        "-o",
        str(folder),
    )
    session.install(str(folder))
    listed = session.run("cchc", "sets", silent=True)
    if not isinstance(listed, str) or "demo.xa.2025" not in listed:
        session.error(f"cchc sets does not list the new plugin's set: {listed!r}")
    example = folder / "src" / "cchc_criteria_demo" / "examples" / "example.toml"
    session.run("cchc", "score", "demo.xa.2025", str(example))
    session.run("pytest", "-p", "no:cacheprovider", str(folder), external=False)
    core = str(Path.cwd())
    session.run("nox", "-f", str(folder / "noxfile.py"), "-s", "tests", env={"CCHC_CRITERIA": core})


@nox.session(python="3.11")
def build(session: nox.Session) -> None:
    """Build wheels and sdists of the library and of every in-repo plugin into dist/, check
    them with twine, and open each to check what it holds (tools/check_dists.py)."""
    shutil.rmtree("dist", ignore_errors=True)
    session.install("build", "twine")
    session.run("python", "-m", "build", "--outdir", "dist", ".")
    for plugin in PLUGINS:
        session.run("python", "-m", "build", "--outdir", "dist", plugin)
    session.run("twine", "check", "--strict", *_dist_files(session))
    session.run("python", "tools/check_dists.py", *_dist_files(session))


def _dist_files(session: nox.Session) -> list[str]:
    return sorted(str(p) for p in Path("dist").iterdir() if p.suffix in {".whl", ".gz"})


@nox.session(python="3.11")
def screenshot(session: nox.Session) -> None:
    """Render the seed scorecard as HTML, open it in headless Chromium, save build/report.png,
    and check that the page is not blank.

    Chromium comes from Debian's package (installed with apt-get when missing and running as
    root).
    """
    chromium = shutil.which("chromium")
    if chromium is None and os.geteuid() == 0 and shutil.which("apt-get"):
        session.run("apt-get", "update", "-qq", external=True)
        session.run("apt-get", "install", "-y", "-qq", "chromium", external=True)
        chromium = shutil.which("chromium")
    if chromium is None:
        session.error("headless Chromium is needed: apt-get install chromium")
    session.install(".[xlsx]", *PLUGINS, "pillow")
    build = Path("build")
    build.mkdir(exist_ok=True)
    report = build / "report.html"
    example = "plugins/quangngai/src/cchc_criteria_quangngai/examples/so_gddt_2019.toml"
    session.run(
        "cchc",
        "score",
        "quangngai.so.2019",
        example,
        "-f",
        "html",
        "-o",
        str(report),
        success_codes=[0, 1],
    )
    session.run(
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={build.resolve() / 'chromium-profile'}",
        "--window-size=1240,1754",
        f"--screenshot={(build / 'report.png').resolve()}",
        report.resolve().as_uri(),
        external=True,
    )
    session.run("python", "tools/check_screenshot.py", str(build / "report.png"))


@nox.session(name="print", python="3.11")
def print_workbooks(session: nox.Session) -> None:
    """Print every workbook an office signs — the seed scorecard (incomplete), the same unit
    with criteria not applicable and declared group scores, a ranking of 60 units, a
    comparison of two years, and the blank template — through headless LibreOffice to PDF,
    then PNG (build/print/*.png), and check the pages: A4, one page wide, the figures
    rounded as printed (Vietnamese decimal comma), "CHƯA ĐẦY ĐỦ" on the incomplete card, the
    letterhead and the signatures, none blank. Look at the PNGs after a layout change.

    Every workbook is also recalculated in LibreOffice and each cell compared with the value
    the library saved (tools/check_recalc.py), and the tests marked ``libreoffice`` run here:
    generated scorecards, rankings and comparisons recalculated the same way.

    LibreOffice Calc comes from Debian's package (installed with apt-get when missing and
    running as root), as Chromium does for the screenshot session.
    """
    soffice = shutil.which("soffice")
    if soffice is None and os.geteuid() == 0 and shutil.which("apt-get"):
        session.run("apt-get", "update", "-qq", external=True)
        packages = ("libreoffice-calc-nogui", "poppler-utils")
        session.run("apt-get", "install", "-y", "-qq", *packages, external=True)
        soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftoppm") is None:
        needed = "libreoffice-calc-nogui poppler-utils"
        session.error(f"LibreOffice and poppler are needed: apt-get install {needed}")
    session.install(".[test]", *PLUGINS, "pillow")
    build = Path("build/print").resolve()
    shutil.rmtree(build, ignore_errors=True)
    build.mkdir(parents=True)
    example = "plugins/quangngai/src/cchc_criteria_quangngai/examples/so_gddt_2019.toml"
    seed = "quangngai.so.2019"
    # Not applicable criteria and a group's own declared score, as offices file them.
    declared = "tests/data/seed_na_declared.toml"
    session.run("python", "tools/print_cohort.py", str(build / "units"), "60")
    years = [
        "tests/data/demo.xa.2025.toml",
        "tests/data/xa_an_phu_2025.toml",
        "--with",
        "tests/data/demo.xa.2024.toml",
        "tests/data/xa_an_phu_2024.toml",
    ]
    outputs = {
        "card": ["score", seed, example, "-f", "xlsx"],
        "card-na": ["score", seed, declared, "-f", "xlsx"],
        "ranking": ["rank", seed, str(build / "units"), "-f", "xlsx"],
        "comparison": ["compare", *years, "-f", "xlsx"],
        "template": ["template", seed, "-f", "xlsx"],
    }
    for name, command in outputs.items():
        session.run("cchc", *command, "-o", str(build / f"{name}.xlsx"), success_codes=[0, 1])
    session.run(
        soffice,
        f"-env:UserInstallation={(build / 'profile').as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(build),
        *(str(build / f"{name}.xlsx") for name in outputs),
        external=True,
    )
    letterhead = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    signatures = ["Người lập biểu", "THỦ TRƯỞNG ĐƠN VỊ"]
    rounding = "Điểm và chỉ số làm tròn đến 2 chữ số thập phân"
    expected = {
        # The index is in the last column: on paper, the table is one page wide.
        "card": [
            "46,15 %",
            "7,5",
            "Cách tính điểm",
            "Mức độ",
            "Phiếu điểm CHƯA ĐẦY ĐỦ — 3,5 điểm chưa chấm",
            "UBND TỈNH QUẢNG NGÃI",
            *letterhead,
            *signatures,
            rounding,
        ],
        # 8,275 points are printed rounded; 7 is appraised in part (7.1 only).
        "card-na": ["68,96 %", "8,28", "không áp dụng", "thẩm định chưa đủ", *signatures],
        "ranking": [
            "Tóm tắt",
            "Số đơn vị 60",
            "Xếp hạng",
            "chưa đủ",
            "Chỉ số của các đơn vị",
            *letterhead,
            *signatures,
            rounding,
        ],
        "comparison": [
            "So sánh: Xã An Phú",
            "gộp từ 1.2, 1.3",
            "không tách được: 1",
            *signatures,
        ],
        "template": ["Kê khai", "Giải trình", "4,5"],
    }
    for name, texts in expected.items():
        session.run("python", "tools/check_print.py", str(build / f"{name}.pdf"), *texts)
    session.run(
        "python", "tools/check_recalc.py", *(str(build / f"{name}.xlsx") for name in outputs)
    )
    session.run("pytest", "-m", "libreoffice", "-p", "no:cacheprovider", *session.posargs)


@nox.session(python="3.11")
def docs(session: nox.Session) -> None:
    """Build the documentation site into build/site with MkDocs, warnings as errors: the API
    reference from the docstrings (checked by tools/check_api_page.py: every public name, the
    hook specs and the testing kit, no raw Sphinx role), the JSON Schema tables and the command
    help generated (tools/mkdocs_hooks.py). ``nox -s docs -- serve`` serves it while
    editing."""
    # The testing kit too: the API check reads its names (__all__), as the other modules'.
    session.install(".[docs,testing]", *PLUGINS, "pillow")
    env = {"NO_MKDOCS_2_WARNING": "1"}
    if session.posargs[:1] == ["serve"]:
        session.run("mkdocs", "serve", *session.posargs[1:], env=env)
    else:
        session.run("mkdocs", "build", "--strict", env=env)
        # Every public name, the hook specs and the testing kit rendered; no raw role left.
        session.run("python", "tools/check_api_page.py", "build/site/api/index.html")
        # Pictures of two entries (build/api-preview/*.png), checked not blank: look at them
        # after a change to the docstrings' style.
        session.run(
            "python",
            "tools/api_preview.py",
            "build/site/api/index.html",
            "build/api-preview",
            "score",
            "RuleKind",
        )


@nox.session(python="3.11")
def bench(session: nox.Session) -> None:
    """The performance table (docs/performance.md): the library beside a hand-written Decimal
    scorer and a float one of a generated national set, cold starts, lint, large sets and
    ``cchc rank`` over many files, measured in one run. Options go to the script:
    ``nox -s bench -- --files 40000``."""
    session.install(".", *PLUGINS)
    session.run("python", "benchmarks/bench.py", *session.posargs)


@nox.session(python="3.11")
def bench_check(session: nox.Session) -> None:
    """The benchmark's quick mode, in CI: the library and both hand-written scorers agree to
    the cent on 200 generated units (no timing)."""
    session.install(".", *PLUGINS)
    session.run("python", "benchmarks/bench.py", "--check")
