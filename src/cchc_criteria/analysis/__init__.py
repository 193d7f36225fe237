"""Static analysis of criterion sets: exact lint of what a set can and cannot score."""

from cchc_criteria.analysis.lint import LINT_CODES, lint

__all__ = ["LINT_CODES", "lint"]
