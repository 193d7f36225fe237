"""Fuzzing: whatever comes in, only the library's errors or findings come out.

Answers and set fields are drawn from any text (lone surrogates and control characters
included), numbers of any magnitude and exponent, and nested data; files are generated as a
careless or hostile user would write them and fed to the ``cchc`` command. The work per input
is bounded by the limits on numbers, formulas and nesting (each tested directly beside its
module: ``test_numbers.py``, ``test_formulas.py``, ``formats/test_sets.py``), so every example
here is quick.
"""

from __future__ import annotations

import json
import tempfile
import tomllib
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria.cli import cli
from cchc_criteria.reports import render

S = "quangngai.so.2019"
ROOT = Path(__file__).parents[1]
QN_SET = ROOT / "plugins/quangngai/src/cchc_criteria_quangngai/sets/quangngai.so.2019.toml"
CODES = [c.code for c in cc.get_set(S).walk()]

any_text = st.text(st.characters(codec=None, categories=None), max_size=40)
numeric_text = st.builds(
    lambda sign, digits, exponent, percent: f"{sign}{digits}e{exponent}{percent}",
    st.sampled_from(["", "-", "+"]),
    st.from_regex(r"[0-9]{1,60}([.,][0-9]{0,60})?", fullmatch=True),
    st.integers(-(10**7), 10**7),
    st.sampled_from(["", "%", " %"]),
)
numbers = st.one_of(
    st.integers(),
    st.integers(-(10**60), 10**60),
    st.floats(),
    st.decimals(),
    st.builds(lambda e: Decimal(f"1e{e}"), st.integers(-(10**6), 10**6)),
    st.fractions(),
    st.builds(Fraction, st.integers(-(10**50), 10**50), st.integers(1, 10**50)),
)
scalars = st.one_of(
    any_text,
    numeric_text,
    numbers,
    st.booleans(),
    st.none(),
    st.just(cc.NA),
    st.builds(cc.ChosenBand, st.one_of(st.integers(-5, 10), st.text(max_size=20))),
    st.sampled_from(["Có", "Không", "NA", "3/41", "0/0", "5/0", "1.500", "93,5 %", "∞", "nan"]),
)
nested = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
codes = st.one_of(st.sampled_from(CODES), any_text)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    answers=st.dictionaries(codes, nested, max_size=8),
    declared=st.dictionaries(codes, nested, max_size=4),
)
def test_any_answers_give_a_scorecard_or_a_library_error(
    answers: dict[str, Any], declared: dict[str, Any]
) -> None:
    criterion_set = cc.get_set(S)
    try:
        assessment = cc.Assessment(answers=answers, self_assessed=declared, appraised=declared)
        card = cc.score(criterion_set, assessment)
    except cc.CchcError:
        return
    assert 0 <= card.max_points <= 13  # not-applicable criteria leave the max
    assert 0 <= card.points <= card.max_points
    for node in card:
        assert node.points is None or 0 <= node.points <= node.max_points
    for fmt in ("text", "markdown", "csv", "json", "html"):
        render(card, fmt).encode("utf-8")


def _set_document() -> dict[str, Any]:
    return tomllib.loads(QN_SET.read_text(encoding="utf-8"))


FIELDS = ["code", "title", "max", "rule", "bands", "role", "na", "notes", "formula", "options"]
TOP = ["id", "title", "province", "unit_kind", "in_force", "rounding", "grades", "na", "criteria"]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(
    row=st.integers(0, 20),
    field=st.sampled_from(FIELDS),
    top=st.sampled_from(TOP),
    value=nested,
    top_value=nested,
)
def test_any_set_field_gives_a_set_or_one_input_error(
    row: int, field: str, top: str, value: object, top_value: object
) -> None:
    document = _set_document()
    rows = document["criteria"]
    rows[row % len(rows)][field] = value
    try:
        text = json.dumps(document, default=str, ensure_ascii=False)
    except (TypeError, ValueError):
        return  # not representable as JSON: no file could hold it
    for variant in (text, text.replace('"title"', '"' + top + '"', 1)):
        try:
            criterion_set = cc.loads_set(variant, source="fuzz.json", format="json")
        except cc.CchcError:
            continue
        cc.lint(criterion_set)
        cc.score(criterion_set, {})


# --------------------------------------------------------------------------- the command


def _toml_value(value: object) -> str:
    """A TOML value for ``value``, as a person might type it (possibly invalid TOML)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        pairs = ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items())
        return "{ " + pairs + " }"
    return json.dumps(str(value))


file_values = st.recursive(
    st.one_of(any_text, numeric_text, st.integers(), st.floats(), st.booleans()),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)
answer_tables = st.dictionaries(
    st.one_of(st.sampled_from(CODES), any_text), file_values, max_size=6
)


@st.composite
def assessment_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """An assessment file: TOML or JSON, mostly well-formed, sometimes not, sometimes bytes."""
    kind = draw(st.sampled_from(["toml", "json", "bytes"]))
    header = {
        "set": draw(st.one_of(st.just(S), any_text, st.integers())),
        "unit": draw(st.one_of(any_text, st.just('=HYPERLINK("x")'))),
        "period": draw(
            st.one_of(st.sampled_from(["năm 2019", "quý V năm 2019", "0000"]), any_text)
        ),
    }
    tables = {
        "answers": draw(answer_tables),
        "self_assessed": draw(answer_tables),
        draw(st.sampled_from(["evidence", "explanations", "appraised", "extra"])): draw(
            answer_tables
        ),
    }
    if kind == "bytes":
        return "unit.toml", draw(st.binary(max_size=200))
    if kind == "json":
        document = {**header, **tables}
        text = json.dumps(document, ensure_ascii=draw(st.booleans()), default=str)
        return "unit.json", text.encode("utf-8", "surrogatepass")
    lines = [f"{k} = {_toml_value(v)}" for k, v in header.items()]
    for table, values in tables.items():
        lines.append(f"[{table}]")
        lines += [f"{json.dumps(k)} = {_toml_value(v)}" for k, v in values.items()]
    return "unit.toml", "\n".join(lines).encode("utf-8", "surrogatepass")


# Every surface a command writes: each format, the Excel dialect, files, both comparisons.
SURFACES = [
    ["score"],
    ["score", "-f", "markdown"],
    ["score", "-f", "html"],
    ["score", "-f", "json"],
    ["score", "-f", "csv", "--excel"],
    ["score", "-f", "xlsx", "-o", "{out}.xlsx"],
    ["advise"],
    ["rank"],
    ["rank", "-f", "xlsx", "-o", "{out}.xlsx"],
    ["rank", "-f", "csv", "-o", "{out}.csv"],
    ["compare"],
    ["compare", "-f", "json", "--with", S, "{file}"],
    ["compare", "--before", S, "{file}"],
]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    file=assessment_files(),
    surface=st.sampled_from(SURFACES),
    lang=st.sampled_from(["vi", "en"]),
)
def test_the_command_on_generated_files_never_crashes(
    file: tuple[str, bytes], surface: list[str], lang: str
) -> None:
    name, data = file
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        command, *options = surface
        options = [o.format(out=Path(folder) / "out", file=path) for o in options]
        result = CliRunner().invoke(cli, [command, S, str(path), *options, "--lang", lang])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    if result.exit_code == 2:
        prefix = "cchc: lỗi:" if lang == "vi" else "cchc: error:"
        assert result.stderr.startswith(prefix), result.stderr
