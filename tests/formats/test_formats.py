"""The I/O verbs of json and pickle, for sets and assessments alike; the old names warn."""

from __future__ import annotations

from pathlib import Path

import pytest

import cchc_criteria as cc

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "plugins/quangngai/src/cchc_criteria_quangngai/examples/so_gddt_2019.toml"


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_a_set_goes_to_a_file_and_to_text_and_comes_back_equal(tmp_path: Path, suffix: str) -> None:
    criterion_set = cc.get_set("quangngai.so.2019")
    target = tmp_path / f"set{suffix}"
    assert cc.dump_set(criterion_set, target) is None
    assert cc.load_set(target) == criterion_set
    fmt = suffix[1:]
    assert cc.loads_set(cc.dumps_set(criterion_set, format=fmt), format=fmt) == criterion_set
    assert cc.loads_set(target.read_text(encoding="utf-8"), format=fmt) == criterion_set
    assert cc.set_to_dict(criterion_set)["id"] == "quangngai.so.2019"
    cc.save_set(criterion_set, tmp_path / f"again{suffix}")
    assert (tmp_path / f"again{suffix}").read_bytes() == target.read_bytes()


@pytest.mark.parametrize("suffix", [".toml", ".json"])
def test_an_assessment_goes_to_a_file_and_to_text_and_comes_back_equal(
    tmp_path: Path, suffix: str
) -> None:
    assessment = cc.load_assessment(EXAMPLE)
    target = tmp_path / f"unit{suffix}"
    assert cc.dump_assessment(assessment, target) is None
    assert cc.load_assessment(target) == assessment
    fmt = suffix[1:]
    text = cc.dumps_assessment(assessment, format=fmt)
    assert cc.loads_assessment(text, format=fmt) == assessment
    assert cc.assessment_to_dict(assessment)["unit"] == assessment.unit
    cc.save_assessment(assessment, tmp_path / f"again{suffix}")
    assert (tmp_path / f"again{suffix}").read_bytes() == target.read_bytes()


def test_the_old_names_still_work_for_one_release_and_say_what_replaces_them() -> None:
    criterion_set = cc.get_set("quangngai.so.2019")
    assessment = cc.load_assessment(EXAMPLE)
    with pytest.deprecated_call(match=r"read_set is deprecated .* use cchc_criteria.loads_set"):
        assert cc.read_set(cc.dumps_set(criterion_set)) == criterion_set
    with pytest.deprecated_call(match=r"use cchc_criteria.loads_assessment"):
        assert cc.read_assessment(cc.dumps_assessment(assessment)) == assessment
    with pytest.deprecated_call(match=r"read_assessment\(\) is deprecated .* loads_assessment"):
        assert cc.formats.read_assessment(cc.dumps_assessment(assessment)) == assessment
    with pytest.deprecated_call(match=r"use set_to_dict\(set\)"):
        assert cc.dump_set(criterion_set) == cc.set_to_dict(criterion_set)
    with pytest.deprecated_call(match=r"use assessment_to_dict\(assessment\)"):
        assert cc.dump_assessment(assessment) == cc.assessment_to_dict(assessment)


def test_the_warning_points_at_the_caller() -> None:
    with pytest.warns(DeprecationWarning, match="loads_assessment") as caught:
        cc.formats.read_assessment(cc.dumps_assessment(cc.load_assessment(EXAMPLE)))
    assert caught[0].filename == __file__
