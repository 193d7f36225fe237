"""Deprecation warnings: an old name works for one more release and says what replaces it."""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import ParamSpec, TypeVar

__all__ = ["deprecated", "renamed"]

_P = ParamSpec("_P")
_R = TypeVar("_R")


def deprecated(old: str, new: str) -> None:
    """Warn (`DeprecationWarning`, pointing at the caller's caller) that ``old`` is
    deprecated in favour of ``new`` and goes in the next release."""
    warnings.warn(
        f"{old} is deprecated and goes in the next release; use {new}",
        DeprecationWarning,
        stacklevel=3,
    )


def renamed(new: Callable[_P, _R], old: str) -> Callable[_P, _R]:
    """``new`` under its old name ``old``, warning on every call that ``new`` replaces it."""

    @functools.wraps(new)
    def old_name(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        deprecated(f"{old}()", f"{new.__name__}()")
        return new(*args, **kwargs)

    old_name.__name__ = old_name.__qualname__ = old
    old_name.__doc__ = f"Deprecated: the old name of `{new.__name__}`, kept for one release."
    return old_name
