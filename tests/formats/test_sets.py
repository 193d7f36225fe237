"""Criterion-set files: the format, its errors, round trips, schemas and fuzzing."""

from __future__ import annotations

import contextlib
import functools
import json
import pickle
import tempfile
import tomllib
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cchc_criteria as cc
from cchc_criteria.cli import cli
from cchc_criteria.testing import assessments, criterion_sets
from cchc_support import EXAMPLE, S, one_leaf_set, run, unit

ROOT = Path(__file__).parents[2]


@functools.cache
def validator(kind: str) -> jsonschema.protocols.Validator:
    """The schema's validator, built once: building it costs far more than validating."""
    return jsonschema.Draft202012Validator(cc.Library.default().schema(kind))


QN_SET = ROOT / "plugins/quangngai/src/cchc_criteria_quangngai/sets/quangngai.so.2019.toml"
QN_EXAMPLE = ROOT / "plugins/quangngai/src/cchc_criteria_quangngai/examples/so_gddt_2019.toml"

SMALL = """\
id = "demo.xa.2025"
title = "Bộ tiêu chí mẫu"
unit_kind = "xã"
in_force = "từ 1/7/2025 đến năm 2026"
grades = [
  { label = "Tốt", from = 90 },
  { label = "Khá", from = 80, below = 90 },
  { label = "Chưa đạt", below = 80 },
]

[[criteria]]
code = "1"
title = "CÔNG TÁC CHỈ ĐẠO"
max = 3

[[criteria]]
code = "1.1"
title = "Tỷ lệ văn bản điện tử"
max = "1,5"
rule = "bands"
bands = [
  { label = "Từ 90% trở lên", "từ" = 90, points = "1,5" },
  { label = "Trên 60% đến dưới 90%", "trên" = 60, "dưới" = 90, share = "50%" },
  { label = "Đến 60%", "đến" = 60, formula = "min(rate / 60, 0.5)" },
]

[[criteria]]
code = "1.2"
title = "Ban hành kế hoạch"
max = "1,5"
rule = "yes_no"

[[criteria]]
code = "1.3"
title = "Điểm thưởng"
max = 1
role = "bonus"
rule = "per_item"
points_per_item = "0,5"
cap = 1
"""


def test_a_small_set_reads_like_its_table() -> None:
    cs = cc.loads_set(SMALL)
    assert cs.unit_kind is cc.UnitKind.COMMUNE
    assert (cs.valid_from.isoformat(), cs.valid_until.isoformat()) == (  # type: ignore[union-attr]
        "2025-07-01",
        "2026-12-31",
    )
    assert [g.label for g in cs.grades] == ["Tốt", "Khá", "Chưa đạt"]
    (area,) = cs.criteria
    assert [c.code for c in area.children] == ["1.1", "1.2", "1.3"]
    rule = area.children[0].rule
    assert isinstance(rule, cc.rules.BandRule)
    assert rule.bands[1].lower == cc.model.above(60)
    assert rule.bands[1].upper == cc.model.below(90)
    assert rule.bands[1].award == cc.model.FractionOfMax("0.5")
    assert rule.bands[2].upper == cc.model.at_most(60)
    card = cc.score(cs, {"1.1": "70%", "1.2": "Có", "1.3": 5})
    assert card["1.1"].points == Decimal("0.75")
    assert card["1.3"].points == 1
    assert card.points == 3  # 0.75 + 1.5 + bonus 1, held to the area's max of 3


def test_json_is_the_same_format() -> None:
    data = tomllib.loads(SMALL)
    assert cc.loads_set(json.dumps(data, ensure_ascii=False), format="json") == cc.loads_set(SMALL)


def test_parents_come_from_codes_even_when_mistyped() -> None:
    cs = cc.load_set(QN_SET)
    iso = cs.find("7,4")
    assert iso is not None
    assert [c.code for c in iso.children] == ["7.4.1", "7.4.2"]


def test_an_explicit_parent_and_a_top_level_row_with_a_dot() -> None:
    text = """
id = "t"
title = "t"
[[criteria]]
code = "A"
title = "Nhóm A"
max = 1
[[criteria]]
code = "a)"
parent = "A"
title = "Mục a"
max = 1
rule = "manual"
[[criteria]]
code = "2.5"
parent = ""
title = "Đứng riêng"
max = 1
rule = "yes_no"
"""
    cs = cc.loads_set(text)
    assert [c.code for c in cs.criteria] == ["A", "2.5"]
    assert cs.criteria[0].children[0].code == "a)"
    assert cc.loads_set(cc.dumps_set(cs)) == cs


FIVE_MISTAKES = """\
id = "broken.so.2025"
title = "Năm lỗi"

[[criteria]]
code = "1"
title = "Lĩnh vực 1"
max = 3

[[criteria]]
code = "1.1"
title = "Tỷ lệ"
max = "một"
rule = "bands"
bands = [{ label = "Từ 90%", from = 90, points = 1 }]

[[criteria]]
code = "1.2"
title = "Công thức"
max = 1
rule = "bands"
bands = [{ label = "Mọi giá trị", from = 0, formula = "__import__('os')" }]

[[criteria]]
code = "1.3"
title = "Không có quy tắc"
max = 1

[[criteria]]
code = "2.1"
title = "Không có cha"
max = 1
rule = "yes_no"

[[criteria]]
code = "1.4"
title = "Sai loại"
max = 1
rule = "thermometer"
"""


def test_five_mistakes_are_reported_together_with_lines_and_codes() -> None:
    with pytest.raises(cc.InputError) as caught:
        cc.loads_set(FIVE_MISTAKES, source="broken.toml")
    problems = [(p.line, p.criterion) for p in caught.value.problems]
    assert problems == [
        (12, "1.1"),  # max = "một"
        (21, "1.2"),  # a formula that is not a formula
        (38, "1.4"),  # an unknown kind of rule
        (29, "2.1"),  # no parent 2
        (24, "1.3"),  # neither rule nor sub-criteria
    ]
    message = str(caught.value)
    assert "broken.toml:12: criterion 1.1: max: expected a number" in message
    assert "broken.toml:21: criterion 1.2: " in message
    assert "'__import__' cannot be called" in message
    assert "broken.toml:38: criterion 1.4: rule must be one of bands, yes_no" in message
    assert "broken.toml:29: criterion 2.1: its parent '2' (from its code) is not among" in message
    assert "broken.toml:24: criterion 1.3: it has no rule and no sub-criteria" in message


def test_the_command_reports_all_five_and_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(FIVE_MISTAKES, encoding="utf-8")
    result = CliRunner().invoke(cli, ["score", str(path), str(QN_EXAMPLE)])
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if "broken.toml:" in line]
    assert len(lines) == 5
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('id = "t"\n', "title is required"),
        ('id = "t"\ntitle = "t"\n', "needs its rows"),
        (
            'id = "t"\ntitle = "t"\ncolour = 1\n[[criteria]]\ncode = "1"\ntitle = "x"\nmax = 1\n'
            'rule = "manual"\n',
            "unknown key(s) colour",
        ),
        (
            'id = "t"\ntitle = "t"\nunit_kind = "thôn"\n[[criteria]]\ncode = "1"\ntitle = "x"\n'
            'max = 1\nrule = "manual"\n',
            'expected a unit kind: one of "bộ"',
        ),
        (
            'id = "t"\ntitle = "t"\n[[criteria]]\ncode = "1"\ntitle = "x"\nmax = 1\n'
            'rule = "bands"\nbands = [{ from = 1, points = 1, share = 1 }]\n',
            "exactly one award",
        ),
        (
            'id = "t"\ntitle = "t"\n[[criteria]]\ncode = "1"\ntitle = "x"\nmax = 1\n'
            'rule = "bands"\nbands = [{ from = 1, "từ" = 2, points = 1 }]\n',
            "two lower edges",
        ),
        (
            'id = "t"\ntitle = "t"\n[[criteria]]\ncode = "1"\ntitle = "x"\nmax = 1\n'
            'rule = "yes_no"\nbands = []\n',
            "bands do(es) not belong to a yes_no rule",
        ),
        (
            'id = "t"\ntitle = "t"\n[[criteria]]\ncode = "1"\ntitle = "x"\nmax = -1\n'
            'rule = "manual"\n',
            "must not be negative",
        ),
        (
            'id = "t"\ntitle = "t"\n[[criteria]]\ncode = "1"\ntitle = "x"\nmax = 1\n'
            'rule = "manual"\n[[criteria]]\ncode = "1.1"\ntitle = "y"\nmax = 1\nrule = "manual"\n',
            "its parent '1' has a rule",
        ),
        (
            'id = "t"\ntitle = "t"\nin_force = "năm 19"\n[[criteria]]\ncode = "1"\ntitle = "x"\n'
            'max = 1\nrule = "manual"\n',
            "in_force: ",
        ),
        ("[[criteria]\n", "not valid TOML"),
    ],
)
def test_each_mistake_has_a_clear_message(text: str, message: str) -> None:
    with pytest.raises(cc.InputError) as caught:
        cc.loads_set(text, source="f.toml")
    assert message in str(caught.value)


def test_bad_json_has_a_line() -> None:
    with pytest.raises(cc.InputError, match=r"f\.json:2: not valid JSON"):
        cc.loads_set('{"id": "t",\n "title": }', source="f.json", format="json")


@given(criterion_sets())
def test_generated_sets_round_trip_through_toml_and_json(cs: cc.CriterionSet) -> None:
    assert cc.loads_set(cc.dumps_set(cs)) == cs
    assert cc.loads_set(cc.dumps_set(cs, format="json"), format="json") == cs


@given(criterion_sets())
def test_dumped_sets_satisfy_the_schema(cs: cc.CriterionSet) -> None:
    validator("set").validate(cc.set_to_dict(cs))


@given(st.data(), criterion_sets(max_depth=2))
def test_generated_assessments_round_trip(data: st.DataObject, cs: cc.CriterionSet) -> None:
    assessment = data.draw(assessments(cs, declared=True))
    for fmt in ("toml", "json"):
        again = cc.loads_assessment(
            cc.dumps_assessment(assessment, format=fmt), source="<text>", format=fmt
        )
        assert again == assessment
    validator("assessment").validate(cc.assessment_to_dict(assessment))


def test_bundled_files_satisfy_the_schemas() -> None:
    validator("set").validate(tomllib.loads(QN_SET.read_text(encoding="utf-8")))
    validator("assessment").validate(tomllib.loads(QN_EXAMPLE.read_text(encoding="utf-8")))


def test_bundled_files_round_trip() -> None:
    cs = cc.load_set(QN_SET)
    assert cc.loads_set(cc.dumps_set(cs)) == cs
    example = cc.load_assessment(QN_EXAMPLE)
    assert cc.loads_assessment(cc.dumps_assessment(example), source=str(QN_EXAMPLE)) == example


def test_save_set_writes_a_file_that_loads(tmp_path: Path) -> None:
    cs = cc.load_set(QN_SET)
    for name in ("copy.toml", "copy.json"):
        cc.save_set(cs, tmp_path / name)
        assert cc.load_set(tmp_path / name) == cs
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.json", "copy.toml"]


def test_schema_command_prints_valid_json_schemas() -> None:
    for kind in ("set", "assessment"):
        result = CliRunner().invoke(cli, ["schema", kind])
        assert result.exit_code == 0
        jsonschema.Draft202012Validator.check_schema(json.loads(result.stdout))


def test_template_is_an_assessment_with_every_criterion_unanswered() -> None:
    result = CliRunner().invoke(cli, ["template", "quangngai.so.2019"])
    assert result.exit_code == 0
    assessment = cc.loads_assessment(result.stdout)
    assert assessment.set_id == "quangngai.so.2019"
    cs = cc.get_set("quangngai.so.2019")
    card = cc.score(cs, assessment)
    assert not card.complete
    leaves = [c.code for c in cs.walk() if c.is_leaf]
    assert [f.criterion for f in card.findings if f.code == "unanswered"] == leaves
    assert len(card.findings) == len(leaves)
    for code in leaves:
        assert f'# "{code}" = ' in result.stdout
    validator("assessment").validate(tomllib.loads(result.stdout))


def _mutations() -> st.SearchStrategy[bytes]:
    original = QN_SET.read_bytes()

    def mutate(edits: list[tuple[int, int, bytes]]) -> bytes:
        data = bytearray(original)
        for position, length, insert in edits:
            at = position % (len(data) + 1)
            data[at : at + length] = insert
        return bytes(data)

    edit = st.tuples(st.integers(0, len(original)), st.integers(0, 8), st.binary(max_size=6))
    return st.lists(edit, min_size=1, max_size=6).map(mutate)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.one_of(st.binary(max_size=300), _mutations()), st.sampled_from([".toml", ".json"]))
def test_damaged_files_raise_only_the_librarys_error(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"damaged{suffix}"
        path.write_bytes(data)
        for loader in (cc.load_set, cc.load_assessment):
            with contextlib.suppress(cc.CchcError):
                loader(path)


def test_find_returns_the_first_criterion_of_a_code_and_a_set_pickles() -> None:
    first = cc.Criterion("1", "first", 1, rule=cc.rules.ManualRule())
    second = cc.Criterion("1", "second (a published duplicate)", 1, rule=cc.rules.ManualRule())
    cs = cc.CriterionSet(id="t", title="t", criteria=[first, second])
    assert cs.find("1") is first
    assert cs.find("2") is None
    again = pickle.loads(pickle.dumps(cs))
    assert again == cs
    assert again.find("1") == first


@pytest.mark.parametrize(
    ("row", "where"),
    [
        ('max = "1e28"\nrule = "yes_no"\n', "max"),
        ('max = 1\nrule = "bands"\nbands = [{ label = "a", from = 0, points = "1e34" }]\n', "1e34"),
        (
            'max = 1\nrule = "bands"\nbands = [{ label = "a", from = "1e-50", points = 1 }]\n',
            "1e-50",
        ),
    ],
)
def test_huge_numbers_in_a_set_are_problems(tmp_path: Path, row: str, where: str) -> None:
    code, _, err = run("show", one_leaf_set(tmp_path, row))
    assert code == 2
    assert "set.toml:" in err
    assert "cchc: error:" in err
    assert "out of range" in err or "decimal places" in err, err


def test_a_huge_rounding_is_a_problem(tmp_path: Path) -> None:
    path = one_leaf_set(
        tmp_path, 'max = 1\nrule = "yes_no"\n', header="rounding = { places = 1000000 }\n"
    )
    code, _, err = run("show", path)
    assert code == 2
    assert "rounding" in err


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("digits.toml", 'set = "x"\nn = ' + "9" * 5000 + "\n", "more than 4,300 digits"),
        ("digits.json", '{"set": "x", "n": ' + "9" * 5000 + "}", "more than 4,300 digits"),
        ("arrays.toml", "x = " + "[" * 1000 + "]" * 1000 + "\n", "nested too deeply"),
        ("tables.toml", "x = " + "{a = " * 500 + "1" + "}" * 500 + "\n", "nested too deeply"),
        ("deep.json", '{"x": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        ("deep33.json", '{"x": ' + "[" * 40 + "]" * 40 + "}", "nested too deeply"),
    ],
)
def test_parser_limits(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    for command in (["score", S, str(path)], ["show", str(path)]):
        code, _, err = run(*command)
        assert code == 2
        assert message in err
        assert "set_int_max_str_digits" not in err


@pytest.mark.parametrize("rule", ['["bands"]', "{ a = 1 }", "3"])
def test_a_rule_that_is_not_a_text(tmp_path: Path, rule: str) -> None:
    code, _, err = run("show", one_leaf_set(tmp_path, f"max = 1\nrule = {rule}\n"))
    assert code == 2
    assert "set.toml:7: criterion 1: rule must be a text naming the kind of rule" in err


def test_a_very_long_set_id(tmp_path: Path) -> None:
    code, _, err = run("show", "a" * 5000)
    assert code == 2
    assert "no criterion set with id 'aaaa" in err
    assert "(5000 characters)" in err
    assert len(err) < 500


COMMANDS = ["lint", "score", "show", "template", "advise", "diff"]


def _command(name: str, set_file: str, answers: str) -> list[str]:
    if name in ("score", "advise"):
        return [name, set_file, answers]
    if name == "diff":
        return [name, set_file, set_file]
    return [name, set_file]


def _deep_set(tmp_path: Path, levels: int) -> tuple[str, str]:
    lines = ['id = "deep"', 'title = "d"']
    code = "1"
    for _ in range(levels - 1):
        lines += ["[[criteria]]", f'code = "{code}"', 'title = "x"', "max = 1"]
        code += ".1"
    lines += ["[[criteria]]", f'code = "{code}"', 'title = "leaf"', "max = 1", 'rule = "yes_no"']
    set_file = tmp_path / f"deep{levels}.toml"
    set_file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(set_file), unit(tmp_path, f'[answers]\n"{code}" = true\n', f"u{levels}.toml")


@pytest.mark.parametrize("name", COMMANDS)
def test_a_tree_a_thousand_deep_is_refused_with_its_level(tmp_path: Path, name: str) -> None:
    set_file, answers = _deep_set(tmp_path, 1000)
    code, _, err = run(*_command(name, set_file, answers))
    assert code == 2
    assert "is at level 33: a criterion set nests at most 32 levels" in err


@pytest.mark.parametrize("name", COMMANDS)
def test_a_tree_at_the_bound_works_everywhere(tmp_path: Path, name: str) -> None:
    set_file, answers = _deep_set(tmp_path, cc.MAX_DEPTH if hasattr(cc, "MAX_DEPTH") else 32)
    code, out, err = run(*_command(name, set_file, answers))
    assert code == 0, err
    assert out


def test_a_negative_part_max_names_the_file(tmp_path: Path) -> None:
    set_file = tmp_path / "neg.toml"
    set_file.write_text(
        'id = "neg"\ntitle = "n"\n[[criteria]]\ncode = "1"\ntitle = "x"\nmax = 2\n'
        'rule = "parts"\nparts = [\n  { name = "a", max = -1, rule = "proportional" },\n'
        '  { name = "b", max = 2, rule = "yes_no" },\n]\n',
        encoding="utf-8",
    )
    for command in (["lint", str(set_file)], ["score", str(set_file), str(EXAMPLE)]):
        code, _, err = run(*command)
        assert code == 2
        assert "neg.toml:" in err
        assert "criterion 1: a part's max points must not be negative, got -1" in err


# --------------------------------------------------------------------------- per-part numbering

PER_PART = """\
id = "demo.parts"
title = "Đánh số lại theo từng phần"
code_scheme = ["roman", "dotted"]
numbering = "{numbering}"
grades = [ {{ label = "Tốt", from = 80, requires = [ {{ no_zero_under = "II.1" }} ] }},
           {{ label = "Khác", below = 80 }} ]

[[criteria]]
code = "I"
title = "Phần I"
max = 3

[[criteria]]
code = "1"
title = "Kế hoạch"
max = 2
rule = "yes_no"

[[criteria]]
code = "2"
title = "Báo cáo"
max = 1
rule = "yes_no"

[[criteria]]
code = "II"
title = "Phần II"
max = 4

[[criteria]]
code = "1"
title = "Giải quyết hồ sơ"
max = 4

[[criteria]]
code = "1.1"
title = "Đúng hạn"
max = 2
rule = "proportional"

[[criteria]]
code = "1.2"
title = "Trực tuyến"
max = 2
rule = "proportional"
"""


def test_numbering_per_part_gives_paths_and_keeps_the_printed_numbers() -> None:
    parts = cc.loads_set(PER_PART.format(numbering="per_part"))
    assert [(c.code, c.number) for c in parts.walk()] == [
        ("I", "I"),
        ("I.1", "1"),
        ("I.2", "2"),
        ("II", "II"),
        ("II.1", "1"),
        ("II.1.1", "1.1"),
        ("II.1.2", "1.2"),
    ]
    assert cc.lint(parts) == ()
    assert cc.loads_set(cc.dumps_set(parts)) == parts
    unit = cc.loads_assessment(
        '[answers]\n"I.1" = true\n"I.2" = true\n"II.1.1" = "100%"\n"II.1.2" = "0%"\n',
        criterion_set=parts,
    )
    card = cc.score(parts, unit)
    assert card[("II", "1", "2")] is card["II.1.2"]
    assert card.grade == "Khác"  # 80 %, but II.1.2 scored 0
    text = cc.reports.render(card, "text", lang="en")
    assert isinstance(text, str)
    assert "\n1.1 " in text.replace("  ", " ") or " 1.1 " in text
    assert "II.1.1" not in text.split("How each criterion")[0]  # the STT column as printed


def test_without_per_part_a_repeated_code_is_still_a_duplicate() -> None:
    text = PER_PART.format(numbering="continuous")
    grades = text[text.index("grades = ") : text.index("[[criteria]]")]
    continuous = cc.loads_set(text.replace(grades, ""))
    assert "duplicate-code" in [f.code for f in cc.lint(continuous)]
    with pytest.raises(cc.InputError, match='numbering: expected a numbering: one of "continuous"'):
        cc.loads_set(PER_PART.format(numbering="per_section"))


_ROMANS = ["I", "II", "III", "IV", "V"]


@given(st.lists(st.integers(1, 4), min_size=1, max_size=5), st.data())
def test_any_table_numbered_per_part_reads_as_its_paths(
    rows_per_part: list[int], data: st.DataObject
) -> None:
    lines = [
        'id = "t.parts"',
        'title = "t"',
        'code_scheme = ["roman", "dotted"]',
        'numbering = "per_part"',
    ]
    for part, count in zip(_ROMANS, rows_per_part, strict=False):
        lines += ["[[criteria]]", f'code = "{part}"', f'title = "Phần {part}"', f"max = {count}"]
        for number in range(1, count + 1):
            lines += [
                "[[criteria]]",
                f'code = "{number}"',
                f'title = "Dòng {number}"',
                "max = 1",
                'rule = "yes_no"',
            ]
    parts = cc.loads_set("\n".join(lines) + "\n")
    leaves = [c for c in parts.walk() if c.is_leaf]
    # Every code is its path, every number as printed, every code once.
    assert len({c.code for c in parts.walk()}) == len(list(parts.walk()))
    assert all(c.code == f"{c.code.split('.')[0]}.{c.number}" for c in leaves)
    assert cc.lint(parts) == ()
    assert cc.loads_set(cc.dumps_set(parts)) == parts
    answers = {c.code: data.draw(st.booleans()) for c in leaves}
    card = cc.score(parts, answers)
    assert card.points == sum(1 for value in answers.values() if value)
    for code, value in answers.items():
        assert card[tuple(code.split("."))].points == (1 if value else 0)
