"""The version of cchc-criteria: the one source (pyproject.toml reads it; the in-repo plugins
follow it, checked by tests/test_release.py; tools/bump_version.py changes them together)."""

__version__ = "0.1.0"
