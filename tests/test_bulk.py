"""The collector pause of large builds (cchc_criteria._bulk)."""

from __future__ import annotations

import gc

import pytest

from cchc_criteria._bulk import BULK, bulk


def test_a_large_build_pauses_the_collector_and_turns_it_on_again() -> None:
    assert gc.isenabled()
    with bulk(BULK):
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_small_build_leaves_the_collector_alone() -> None:
    with bulk(BULK - 1):
        assert gc.isenabled()


def test_the_collector_is_on_again_when_the_build_fails() -> None:
    with pytest.raises(ValueError, match="broken"), bulk(BULK * 10):
        raise ValueError("a broken file")
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off() -> None:
    gc.disable()
    try:
        with bulk(BULK * 10):
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()
