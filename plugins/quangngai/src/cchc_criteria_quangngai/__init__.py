"""Quảng Ngãi's criterion sets, registered with cchc-criteria through its plugin hook."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import cchc_criteria as cc
from cchc_criteria_quangngai import so_2019

__all__ = ["example_path", "register_criterion_sets"]


@cc.hookimpl
def register_criterion_sets() -> list[cc.CriterionSet]:
    """The sets this plugin provides."""
    return [so_2019.build()]


def example_path(name: str = "so_gddt_2019.toml") -> Path:
    """The path of a bundled example assessment."""
    return Path(str(files(__name__) / "examples" / name))
