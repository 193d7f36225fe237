"""Deprecation warnings: an old name works for one more release and says what replaces it."""

from __future__ import annotations

import warnings

__all__ = ["deprecated"]


def deprecated(old: str, new: str) -> None:
    """Warn (:class:`DeprecationWarning`, pointing at the caller's caller) that ``old`` is
    deprecated in favour of ``new`` and goes in the next release."""
    warnings.warn(
        f"{old} is deprecated and goes in the next release; use {new}",
        DeprecationWarning,
        stacklevel=3,
    )
