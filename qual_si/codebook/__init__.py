"""Codebooks: the frozen spec, the YAML format, REFI-QDA .qdc, CSV and a Word appendix.

Import the readers and writers from their modules (``qual_si.codebook.qdc``,
``qual_si.codebook.csv_io``, ``qual_si.codebook.docx_export``...); this package re-exports only
the spec and the YAML functions every caller needs, so importing it stays cheap.
"""

from qual_si.codebook.spec import CodebookSpec, CodeSpec, Scale
from qual_si.codebook.yaml_io import (
    dump_codebook,
    inspect_codebook,
    load_codebook,
    save_codebook,
    validate_codebook_file,
)

__all__ = [
    "CodeSpec",
    "CodebookSpec",
    "Scale",
    "dump_codebook",
    "inspect_codebook",
    "load_codebook",
    "save_codebook",
    "validate_codebook_file",
]
