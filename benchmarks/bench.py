"""The performance table of cchc-criteria, measured in one run beside its baselines.

    python benchmarks/bench.py            # the whole table (a few minutes)
    python benchmarks/bench.py --check    # agreement only: what CI runs (nox -s bench_check)

Every row is measured here, on this machine, against the target of the performance issue and,
for scoring, against two hand-written scorers of the same generated national set
(``benchmarks/national.py``): one over Decimal, one over float. Before any timing, the three
must agree to the cent on every unit. Times are the best of several runs (the least disturbed
by other work on the machine); each form of answer is timed on a plan of its own, as a cohort
typed one way is scored, so that no form finds the answers another form left remembered.
Memory is measured with tracemalloc, and for ``cchc rank`` as the peak resident size of the
child process.
"""

from __future__ import annotations

import argparse
import functools
import gc
import importlib
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import forms  # noqa: E402
import national  # noqa: E402

import cchc_criteria as cc  # noqa: E402
from cchc_criteria.scoring._plan import forget_plans  # noqa: E402

CENT = 0.005  # two totals agree "to the cent" when they differ by less than half a cent
SEED_SET = "quangngai.so.2019"


def best_of(runs: int, work: Callable[[], object]) -> float:
    """The least wall time of ``runs`` runs of ``work``, in seconds."""
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


# --------------------------------------------------------------------------- agreement


def check_agreement(
    units: int,
) -> tuple[cc.CriterionSet, list[national.Group], list[dict[str, object]]]:
    """Score ``units`` generated units three ways; stop with an error on any disagreement."""
    tree = national.national_spec()
    criterion_set = cc.loads_set(national.set_toml(tree), source="national.toml")
    answers = national.answers(tree, units)
    straight = national.straight_line_scorer(tree)
    for number, unit in enumerate(answers):
        card = cc.score(criterion_set, unit)
        by_hand = national.score_decimal(tree, unit)
        if straight(unit) != by_hand:
            raise SystemExit(f"unit {number}: the straight-line scorer differs from the walker")
        in_float = national.score_float(tree, unit)
        if not card.complete or card.errors:
            raise SystemExit(f"unit {number}: the library's card is incomplete: {card!r}")
        if card.points != by_hand or abs(in_float - float(by_hand)) >= CENT:
            raise SystemExit(
                f"unit {number}: library {card.points}, Decimal {by_hand}, float {in_float}"
            )
    print(f"agreement: the library, the Decimal and the float scorer agree on {units} units")
    return criterion_set, tree, answers


# --------------------------------------------------------------------------- rows


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, str]] = []

    def add(self, what: str, measured: str, target: str, met: bool | None) -> None:
        verdict = "—" if met is None else ("met" if met else "not met")
        self.rows.append((what, measured, target, verdict))
        print(f"  {what}: {measured} (target {target}: {verdict})", flush=True)

    def markdown(self) -> str:
        lines = ["| what | measured | target | |", "|---|---|---|---|"]
        lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in self.rows]
        return "\n".join(lines)


def scoring_rows(
    table: Table,
    criterion_set: cc.CriterionSet,
    tree: list[national.Group],
    answers: list[dict[str, object]],
) -> None:
    cs = criterion_set
    n = len(answers)
    straight = national.straight_line_scorer(tree)
    forget_plans()  # a cohort typed one way: its own plan, its own remembered answers
    lib = best_of(5, lambda: [cc.score(cs, u) for u in answers]) / n
    line = best_of(7, lambda: [straight(u) for u in answers]) / n
    dec = best_of(5, lambda: [national.score_decimal(tree, u) for u in answers]) / n
    flo = best_of(5, lambda: [national.score_float(tree, u) for u in answers]) / n
    ratio = lib / line
    table.add(
        "`cc.score`, national set (167 nodes), plain answers, per card",
        f"{lib * 1e3:.2f} ms = {ratio:.1f}× a straight-line Decimal scorer ({line * 1e6:.0f} µs); "
        f"{lib / dec:.1f}× a tree-walking one ({dec * 1e6:.0f} µs), {lib / flo:.1f}× a "
        f"float one ({flo * 1e6:.0f} µs); {1 / lib:,.0f} units/s",
        "≤ 1.5× the straight-line scorer",
        ratio <= 1.5,
    )
    cohort = national.answers(tree, 4000, seed=7)
    whole = best_of(1, lambda: cc.score_many(cs, cohort))
    table.add("4,000 units of the national set, one process", f"{whole:.1f} s", "< 1 s", whole < 1)
    form_rows(table, cs, tree, answers, lib)
    relative_rows(table, tree)
    seed_rows(table)


def per_card(cs: cc.CriterionSet, units: list[Any]) -> float:
    """The time of a card of ``units`` (best of 5), on a plan of their own, as the plain
    row's: a cohort typed one way, its answers remembered by its plan alone."""
    forget_plans()
    return best_of(5, lambda: [cc.score(cs, u) for u in units]) / len(units)


def form_rows(
    table: Table,
    cs: cc.CriterionSet,
    tree: list[national.Group],
    answers: list[dict[str, object]],
    plain: float,
) -> None:
    """Each form of answer people type, against the plain form: same cards, and the time;
    then drafts, units with criteria left unanswered."""
    rates = frozenset(
        leaf.code for leaf in national.leaves(tree) if leaf.kind in ("bands", "proportional")
    )
    for form in forms.FORMS[1:]:
        units = [forms.typed(cs, u, form, rates) for u in answers]
        straight = national.straight_line_scorer(tree)
        for unit, original in zip(units, answers, strict=True):
            check_form(cs, tree, form, original, unit, straight)
        took = per_card(cs, units)
        ratio = took / plain
        table.add(
            f"`cc.score`, national set, answers typed as {form}",
            f"{took * 1e3:.2f} ms = {ratio:.2f}× plain answers",
            "≤ 1.5× plain",
            ratio <= 1.5,
        )
    # Drafts (a self-assessment being filled in): no target, what one costs.
    for what, share in (("one criterion", 0.0), ("half the criteria", 0.5)):
        took = per_card(cs, drafts(cs, tree, answers, share))
        table.add(
            f"`cc.score`, national set, a draft: {what} left unanswered",
            f"{took * 1e3:.2f} ms = {took / plain:.2f}× plain answers",
            "none (drafts take the general pass)",
            None,
        )


def drafts(
    cs: cc.CriterionSet,
    tree: list[national.Group],
    answers: list[dict[str, object]],
    share: float,
) -> list[dict[str, object]]:
    """Each unit with some criteria left unanswered, as a draft is: one at random when
    ``share`` is 0, else each with chance ``share`` — each draft's card checked against its
    unit's (`check_draft`)."""
    rng = random.Random(31)
    codes = [leaf.code for leaf in national.leaves(tree)]
    out = []
    for unit in answers:
        gone = {rng.choice(codes)} if share == 0 else {c for c in codes if rng.random() < share}
        draft = {code: answer for code, answer in unit.items() if code not in gone}
        check_draft(cs, draft, unit)
        out.append(draft)
    return out


def check_draft(cs: cc.CriterionSet, draft: dict[str, object], plain: dict[str, object]) -> None:
    """A draft's card is incomplete and gives every answered leaf the plain card's points,
    and none to a leaf left out; stop with an error otherwise."""
    card, whole = cc.score(cs, draft), cc.score(cs, plain)
    if card.complete:
        raise SystemExit(f"a draft's card is complete: {sorted(set(plain) - set(draft))}")
    for code in plain:
        expected = whole[code].points if code in draft else None
        if card[code].points != expected:
            raise SystemExit(f"draft, {code}: {card[code].points} where {expected} was expected")


def relative_rows(table: Table, tree: list[national.Group]) -> None:
    """The national set with its proportional rows relative to the best unit, scored as a
    cohort, beside the same set without them."""
    text = national.set_toml(tree)
    plain_set = cc.loads_set(text, source="national.toml")
    # The rows (not the parts inside a row) become relative to the best unit.
    relative = re.sub(r'(?m)^rule = "proportional"$', 'rule = "relative"', text)
    relative_set = cc.loads_set(relative, source="relative.toml")
    cohort = national.answers(tree, 1000, seed=29)

    # A cohort is scored once: each run on fresh plans, nothing remembered from the last run
    # (a relative rule is bound to each cohort anew, so a warm plan would favour the other).
    def cold(criterion_set: cc.CriterionSet) -> list[cc.Scorecard]:
        forget_plans()
        return cc.score_many(criterion_set, cohort)

    without = best_of(3, lambda: cold(plain_set))
    with_rule = best_of(3, lambda: cold(relative_set))
    ratio = with_rule / without
    table.add(
        "`cc.score_many`, 1,000 units, with `relative` rows",
        f"{with_rule * 1e3:.0f} ms = {ratio:.2f}× the same set without ({without * 1e3:.0f} ms)",
        "≤ 1.2×",
        ratio <= 1.2,
    )


def seed_rows(table: Table) -> None:
    """The seed set, Decimal answers: the library against a straight-line hand scorer."""
    seed = cc.get_set(SEED_SET)
    units = forms.seed_answers(1000)
    for unit in units:
        if cc.score(seed, unit).points != forms.score_seed(unit):
            raise SystemExit(f"seed set: the library and the hand scorer differ on {unit}")
    lib = best_of(5, lambda: [cc.score(seed, u) for u in units]) / len(units)
    hand = best_of(7, lambda: [forms.score_seed(u) for u in units]) / len(units)
    ratio = lib / hand
    table.add(
        "`cc.score`, the seed set (13 rows), `Decimal` answers",
        f"{lib * 1e6:.0f} µs = {ratio:.1f}× a straight-line hand scorer ({hand * 1e6:.1f} µs)",
        "≤ 3×",
        ratio <= 3,
    )


def memory_rows(table: Table, criterion_set: cc.CriterionSet, tree: list[national.Group]) -> None:
    kept_answers = national.answers(tree, 1000, seed=11)
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    kept = [cc.score(criterion_set, u) for u in kept_answers]
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    per_card = (after - before) / len(kept)
    table.add(
        "one retained Scorecard of the national set (1,000 kept)",
        f"{per_card / 1024:.0f} KiB",
        "< 10 KiB",
        per_card < 10 * 1024,
    )
    del kept
    cohort = national.answers(tree, 4000, seed=13)
    gc.collect()
    tracemalloc.start()
    totals = [cc.score(criterion_set, u).points for u in cohort]
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(totals) == len(cohort)
    table.add(
        "peak memory scoring 4,000 units, keeping the totals",
        f"{peak / 2**20:.1f} MiB",
        "< 150 MiB",
        peak < 150 * 2**20,
    )


def _python(code: str) -> list[str]:
    return [sys.executable, "-c", code]


def _cchc() -> list[str]:
    found = shutil.which("cchc", path=str(Path(sys.executable).parent))
    started = "from cchc_criteria.cli import main; main()"
    return [found] if found else [sys.executable, "-c", started]


def cold_rows(table: Table) -> None:
    from cchc_criteria_quangngai import example_path  # the seed example, from the plugin

    # Cold start as users have it: with the .pyc files a normal install writes (the first of
    # the runs writes them where PYTHONDONTWRITEBYTECODE would forbid it).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def run(command: list[str]) -> float:
        return best_of(
            7, lambda: subprocess.run(command, capture_output=True, check=False, env=env)
        )

    bare = run(_python("pass"))
    deps = run(_python("import attrs, pluggy"))
    click = run(_python("import attrs, click"))
    ours = run(_python("import cchc_criteria"))
    table.add(
        "`import cchc_criteria`",
        f"{ours * 1e3:.0f} ms (bare Python {bare * 1e3:.0f} ms; attrs + pluggy "
        f"{deps * 1e3:.0f} ms)",
        "≤ 15 ms more than `import attrs, pluggy`",
        ours - deps <= 0.015,
    )
    version = run([*_cchc(), "--version"])
    scored = run([*_cchc(), "score", SEED_SET, str(example_path())])
    table.add(
        "`cchc --version` / `cchc score` of the seed example",
        f"{version * 1e3:.0f} ms / {scored * 1e3:.0f} ms (attrs + click {click * 1e3:.0f} ms)",
        "≤ `import attrs, click` + 50 ms",
        max(version, scored) <= click + 0.050,
    )


_MANY_SETS = 40

# A province's plugin with many sets (one per year and kind of unit): the same module offers
# them built (register_criterion_sets) or by id (register_criterion_set_loaders).
_MANY_PLUGIN = """
import functools
from pathlib import Path
from typing import Any

import cchc_criteria as cc

FOLDER = Path(__file__).parent / "bench_many_sets"
FILES = sorted(FOLDER.glob("*.toml"))

if {lazy}:
    @cc.hookimpl
    def register_criterion_set_loaders():
        return {{p.stem: functools.partial(cc.load_set, p) for p in FILES}}
else:
    @cc.hookimpl
    def register_criterion_sets():
        return [cc.load_set(p) for p in FILES]
"""


def many_sets_rows(table: Table) -> None:
    """``cchc score`` of the seed example beside a plugin of 40 more sets: offered by id (a
    set built when asked for) against built by the hook (every set on every run)."""
    from cchc_criteria_quangngai import example_path, set_path

    seed = set_path(SEED_SET).read_text(encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "bench_many_sets").mkdir()
        for year in range(_MANY_SETS):
            set_id = f"bench.so.{1990 + year}"
            text = seed.replace(f'id = "{SEED_SET}"', f'id = "{set_id}"', 1)
            (folder / "bench_many_sets" / f"{set_id}.toml").write_text(text, encoding="utf-8")
        for name, by_id in (("bench_many_lazy", True), ("bench_many_built", False)):
            (folder / f"{name}.py").write_text(_MANY_PLUGIN.format(lazy=by_id), encoding="utf-8")
            info = folder / f"{name}-1.0.dist-info"
            info.mkdir()
            (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
            (info / "entry_points.txt").write_text(f"[cchc_criteria]\n{name} = {name}\n")
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [tmp, env.get("PYTHONPATH")]))
        command = [*_cchc(), "score", SEED_SET, str(example_path())]
        timed: dict[str, float] = {}
        for name in ("bench_many_lazy", "bench_many_built"):
            run_env = {**env, "CCHC_PLUGINS": f"quangngai,{name}"}
            first = subprocess.run(command, capture_output=True, check=False, env=run_env)
            if first.returncode not in (0, 1) or "Tổng điểm".encode() not in first.stdout:
                raise SystemExit(f"{name}: cchc score failed: {first.stderr.decode()[-400:]}")
            run = functools.partial(subprocess.run, command, capture_output=True, env=run_env)
            timed[name] = best_of(7, run)
    lazy, built = timed["bench_many_lazy"], timed["bench_many_built"]
    table.add(
        f"`cchc score` of the seed example, {_MANY_SETS} more sets installed",
        f"{lazy * 1e3:.0f} ms offered by id (`register_criterion_set_loaders`); "
        f"{built * 1e3:.0f} ms built by the hook (`register_criterion_sets`)",
        "—",
        None,
    )


def _flat_set(count: int, under_one_group: bool) -> str:
    lines = ['id = "bench.flat"', 'title = "Nhiều tiêu chí"', ""]
    if under_one_group:
        lines += ["[[criteria]]", 'code = "1"', 'title = "Một nhóm"', f"max = {count}", ""]
    for i in range(count):
        code = f"1.{i + 1}" if under_one_group else str(i + 1)
        lines += [
            "[[criteria]]",
            f'code = "{code}"',
            f'title = "Tiêu chí {code}"',
            "max = 1",
            'rule = "yes_no"',
            'yes = { label = "Có", points = 1 }',
            'no = { label = "Không", points = 0 }',
            "",
        ]
    return "\n".join(lines)


def _bands_set(bands: int) -> str:
    rows = ", ".join(
        f'{{ label = "b{i}", from = {i}, below = {i + 1}, points = "{i / bands:.6f}" }}'
        for i in range(bands)
    )
    return (
        'id = "bench.bands"\ntitle = "Nhiều khoảng"\n\n[[criteria]]\ncode = "1"\n'
        f'title = "Một tiêu chí"\nmax = 1\nrule = "bands"\nscale = "number"\nbands = [{rows}]\n'
    )


def lint_rows(table: Table, large: int) -> None:
    national_2000 = national.national_spec(areas=20, groups=660, leaves_per_group=2)
    text = national.set_toml(national_2000)
    big = cc.loads_set(text, source="2000.toml")
    nodes = sum(1 for _ in big.walk())
    took = best_of(1, lambda: _fresh_lint(big))
    table.add(f"lint of a {nodes:,}-criterion set", f"{took * 1e3:.0f} ms", "—", None)
    for count in (100, 400):
        one = cc.loads_set(_bands_set(count), source="bands.toml")
        took = best_of(1, lambda: _fresh_lint(one))  # noqa: B023 - run at once
        table.add(
            f"lint of one criterion with {count} bands",
            f"{took * 1e3:.0f} ms",
            "400 bands < 100 ms" if count == 400 else "—",
            took < 0.1 if count == 400 else None,
        )
    for under in (False, True):
        text = _flat_set(large, under)

        def whole(text: str = text) -> None:
            cs = cc.loads_set(text, source="large.toml")
            _fresh_lint(cs)
            cc.score(cs, {c.code: True for c in cs.walk() if c.is_leaf})

        took = best_of(1, whole)
        shape = "all under one group" if under else "flat"
        table.add(
            f"load + lint + score of {large:,} criteria ({shape})",
            f"{took:.1f} s",
            "100,000 < 5 s, linear",
            took < 5 * large / 100_000,
        )


def _fresh_lint(criterion_set: cc.CriterionSet) -> object:
    module = importlib.import_module("cchc_criteria.analysis.lint")
    module._lint.cache_clear()
    return cc.lint(criterion_set)


def rank_rows(table: Table, tree: list[national.Group], files: int) -> None:
    criterion_set_text = national.set_toml(tree)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "set.toml").write_text(criterion_set_text, encoding="utf-8")
        units = root / "units"
        units.mkdir()
        for number, unit in enumerate(national.answers(tree, files, seed=17)):
            lines = [f'unit = "Đơn vị {number}"', "[answers]"]
            for code, answer in unit.items():
                lines.append(f'"{code}" = {_toml(answer)}')
            (units / f"u{number:05}.toml").write_text("\n".join(lines), encoding="utf-8")
        command = [*_cchc(), "-q", "rank", str(root / "set.toml"), str(units), "-f", "csv"]
        for jobs in (1, 0):
            took, rss = _timed_run([*command, "--jobs", str(jobs)])
            how = "one process" if jobs == 1 else f"--jobs 0 ({os.cpu_count()} processes)"
            table.add(
                f"`cchc rank` over {files:,} assessment files, {how}: time",
                f"{took:.1f} s",
                "4,000: < 5 s; 40,000: < 50 s",
                took < 5 * files / 4000,
            )
            table.add(
                f"`cchc rank` over {files:,} assessment files, {how}: peak memory",
                f"{rss:.0f} MiB",
                "< 100 MiB at 40,000 files, flat",
                rss < 100,
            )


# The peak memory of cchc alone: measured by a small Python that starts it (a child of this
# process would start as a copy of this one, large sets and all). With --jobs, the peak is the
# largest of cchc and its workers.
_PROBE = (
    "import resource, subprocess, sys, time; start = time.perf_counter(); "
    "done = subprocess.run(sys.argv[1:], capture_output=True); "
    "print(done.returncode, time.perf_counter() - start, "
    "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); "
    "sys.stderr.write(done.stderr.decode())"
)


def _timed_run(command: list[str]) -> tuple[float, float]:
    """Seconds and peak MiB of ``command``."""
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, *command], capture_output=True, text=True, check=False
    )
    code, seconds, peak = result.stdout.split()
    if int(code) not in (0, 1):
        raise SystemExit(result.stderr)
    return float(seconds), int(peak) / 1024  # ru_maxrss is in KiB on Linux


def _toml(answer: object) -> str:
    if isinstance(answer, bool):
        return "true" if answer else "false"
    if isinstance(answer, int | Decimal):
        return str(answer)
    if isinstance(answer, dict):
        return "{ " + ", ".join(f"{k} = {_toml(v)}" for k, v in answer.items()) + " }"
    if isinstance(answer, date):
        return answer.isoformat()
    return f'"{answer}"'


def check_form(
    cs: cc.CriterionSet,
    tree: list[national.Group],
    form: str,
    plain: dict[str, object],
    typed: object,
    straight: Callable[[object], Decimal],
) -> None:
    """``typed`` (``plain`` typed in ``form``) gives the plain form's points; with a warning,
    the straight-line scorer's points, and the warning; as ratios that do not end, the float
    scorer's to the cent. NA removes a max: not compared."""
    if form == "not applicable":
        return
    card = cc.score(cs, typed)  # type: ignore[arg-type]
    if form == "a warning":
        warned = any(f.code == "fraction-for-percent" for f in card.findings)
        if card.points != straight(typed) or not warned:
            raise SystemExit(f"{form}: the card differs from the hand scorer's, or has no warning")
    elif form == "ratio that does not end":
        in_float = national.score_float(tree, forms.as_percent_text(typed))  # type: ignore[arg-type]
        if card.findings or abs(float(card.points) - in_float) >= CENT:
            raise SystemExit(f"{form}: the card differs from the float scorer's by a cent or more")
    elif card.points != cc.score(cs, plain).points:
        raise SystemExit(f"{form}: the card differs from the plain form's")


def check_forms(
    cs: cc.CriterionSet, tree: list[national.Group], answers: list[dict[str, object]]
) -> None:
    """Every form of answer gives the plain form's card; the seed set's hand scorer agrees."""
    rates = frozenset(
        leaf.code for leaf in national.leaves(tree) if leaf.kind in ("bands", "proportional")
    )
    straight = national.straight_line_scorer(tree)
    for form in forms.FORMS[1:]:
        for unit in answers:
            check_form(cs, tree, form, unit, forms.typed(cs, unit, form, rates), straight)
    seed = cc.get_set(SEED_SET)
    for unit in forms.seed_answers(200):
        if cc.score(seed, unit).points != forms.score_seed(unit):
            raise SystemExit(f"seed set: the library and the hand scorer differ on {unit}")
    print(f"agreement: {len(forms.FORMS) - 2} answer forms and the seed set's hand scorer")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="agreement only (for CI)")
    parser.add_argument("--units", type=int, default=1000, help="units timed per scorer")
    parser.add_argument("--large", type=int, default=10_000, help="criteria of the large sets")
    parser.add_argument("--files", type=int, default=4000, help="files for cchc rank")
    args = parser.parse_args()
    if args.check:
        criterion_set, tree, answers = check_agreement(200)
        check_forms(criterion_set, tree, answers)
        for share in (0.0, 0.5):
            drafts(criterion_set, tree, answers, share)
        print("drafts: every answered leaf scores as in the full unit")
        return
    print(
        f"cchc-criteria {cc.__version__}, Python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs",
        flush=True,
    )
    criterion_set, tree, answers = check_agreement(args.units)
    table = Table()
    scoring_rows(table, criterion_set, tree, answers)
    memory_rows(table, criterion_set, tree)
    cold_rows(table)
    many_sets_rows(table)
    lint_rows(table, args.large)
    rank_rows(table, tree, args.files)
    print()
    print(table.markdown())


if __name__ == "__main__":
    main()
