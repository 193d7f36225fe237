"""Reading and writing files: assessments (TOML) for now."""

from cchc_criteria.formats.assessment import load_assessment, read_assessment

__all__ = ["load_assessment", "read_assessment"]
