"""Reading and writing files: criterion sets and assessments (TOML or JSON)."""

from cchc_criteria.formats._files import MAX_FILE_BYTES, MAX_NESTING
from cchc_criteria.formats.assessment import (
    dump_assessment,
    dumps_assessment,
    load_assessment,
    read_assessment,
)
from cchc_criteria.formats.output import write_atomic
from cchc_criteria.formats.set_writer import dump_set, dumps_set, save_set
from cchc_criteria.formats.sets import load_set, read_set

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_NESTING",
    "dump_assessment",
    "dump_set",
    "dumps_assessment",
    "dumps_set",
    "load_assessment",
    "load_set",
    "read_assessment",
    "read_set",
    "save_set",
    "write_atomic",
]
