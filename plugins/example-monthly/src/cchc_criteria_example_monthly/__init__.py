"""Illustrative criterion sets for communes, registered with cchc-criteria (not sets any
province issued): a monthly one with the shapes published provincial tables use, together,
and a quarterly one scored in part by a rule kind of the plugin's own (``kinds.py``)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

import cchc_criteria as cc
from cchc_criteria_example_monthly.kinds import register_rule_kinds

__all__ = ["example_path", "register_criterion_set_loaders", "register_rule_kinds", "set_path"]

# The monthly set, and a quarterly one scored in part by the plugin's own kind (per_step).
SETS = ("example.xa.2025.thang", "example.xa.2025.quy")


@cc.hookimpl
def register_criterion_set_loaders() -> dict[str, Callable[[], cc.CriterionSet]]:
    """The sets this plugin provides, by id, each read from its data file when it is first
    asked for (a command that scores one set reads no other)."""
    return {set_id: functools.partial(cc.load_set, set_path(set_id)) for set_id in SETS}


def set_path(set_id: str) -> Path:
    """The data file of one of this plugin's sets."""
    return Path(str(files(__name__) / "sets" / f"{set_id}.toml"))


def example_path(name: str) -> Path:
    """The path of a bundled example file (an assessment or a survey)."""
    return Path(str(files(__name__) / "examples" / name))
