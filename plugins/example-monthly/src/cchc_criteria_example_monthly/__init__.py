"""An illustrative monthly criterion set for communes, registered with cchc-criteria: the
shapes published provincial tables use, together in one set (not a set any province issued)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import cchc_criteria as cc

__all__ = ["example_path", "register_criterion_sets", "set_path"]

SETS = ("example.xa.2025.thang",)


@cc.hookimpl
def register_criterion_sets() -> list[cc.CriterionSet]:
    """The sets this plugin provides, read from its data files."""
    return [cc.load_set(set_path(set_id)) for set_id in SETS]


def set_path(set_id: str) -> Path:
    """The data file of one of this plugin's sets."""
    return Path(str(files(__name__) / "sets" / f"{set_id}.toml"))


def example_path(name: str) -> Path:
    """The path of a bundled example file (an assessment or a survey)."""
    return Path(str(files(__name__) / "examples" / name))
