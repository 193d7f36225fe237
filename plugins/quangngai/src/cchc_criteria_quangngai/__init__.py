"""Quảng Ngãi's criterion sets, shipped as data files and registered with cchc-criteria."""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

import cchc_criteria as cc

__all__ = ["example_path", "register_criterion_set_loaders", "set_path"]

SETS = ("quangngai.so.2019",)


@cc.hookimpl
def register_criterion_set_loaders() -> dict[str, Callable[[], cc.CriterionSet]]:
    """The sets this plugin provides, by id, each read from its data file when it is first
    asked for (a command that scores one set reads no other)."""
    return {set_id: functools.partial(cc.load_set, set_path(set_id)) for set_id in SETS}


def set_path(set_id: str) -> Path:
    """The data file of one of this plugin's sets."""
    return Path(str(files(__name__) / "sets" / f"{set_id}.toml"))


def example_path(name: str = "so_gddt_2019.toml") -> Path:
    """The path of a bundled example assessment."""
    return Path(str(files(__name__) / "examples" / name))
