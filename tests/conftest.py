"""Hypothesis profiles: ``dev`` by default, ``ci`` (more examples, derandomised) in CI.

Select one with ``HYPOTHESIS_PROFILE``; the nox ``tests`` session selects ``ci``.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci",
    max_examples=300,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
