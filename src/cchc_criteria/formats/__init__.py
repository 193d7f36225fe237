"""Reading and writing files: criterion sets and assessments (TOML or JSON).

The verbs are those of `json` and `pickle`: ``load_*`` reads a file, ``loads_*``
reads text, ``dump_*`` writes a file, ``dumps_*`` gives text; ``*_to_dict`` gives the plain
data of the file format. ``save_assessment`` is ``dump_assessment`` with a file.
``read_assessment`` (now ``loads_assessment``) and ``dump_assessment`` without a file (now
``assessment_to_dict``) are deprecated and go in the next release.

A set's rules are of the rule kinds given as ``kinds=``: these functions never look up the
installed ones. ``cc.load_set`` and the other verbs of the package
(`Library`) pass them.
"""

from cchc_criteria.formats._files import MAX_FILE_BYTES, MAX_NESTING
from cchc_criteria.formats.assessment import (
    assessment_to_dict,
    dump_assessment,
    dumps_assessment,
    load_assessment,
    loads_assessment,
    read_assessment,
    save_assessment,
)
from cchc_criteria.formats.output import write_atomic
from cchc_criteria.formats.set_writer import dump_set, dumps_set, set_to_dict
from cchc_criteria.formats.sets import load_set, loads_set
from cchc_criteria.formats.survey import load_survey

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_NESTING",
    "assessment_to_dict",
    "dump_assessment",
    "dump_set",
    "dumps_assessment",
    "dumps_set",
    "load_assessment",
    "load_set",
    "load_survey",
    "loads_assessment",
    "loads_set",
    "read_assessment",
    "save_assessment",
    "set_to_dict",
    "write_atomic",
]
