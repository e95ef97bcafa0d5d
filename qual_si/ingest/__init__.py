"""Import readers: files in, one normalised text plus speaker utterances out.

Importing this package is cheap: python-docx, openpyxl and defusedxml load only when a file
of their format is read.

    >>> from qual_si.ingest import parse_transcript
    >>> text = "Interviewer: How did it start?\\nParticipant 1: With a phone call. (3:04)"
    >>> utterances, warnings = parse_transcript(text)
    >>> [(u.speaker, text[u.start:u.end], u.start_s) for u in utterances]
    [('Interviewer', 'How did it start?', None), ('Participant 1', 'With a phone call.', 184.0)]
"""

from __future__ import annotations

from qual_si.ingest.base import ParsedDocument, ParsedUtterance, ReadOptions
from qual_si.ingest.dispatch import SUPPORTED_EXTENSIONS, read_document
from qual_si.ingest.encoding import decode_bytes, normalise_text
from qual_si.ingest.roles import guess_roles
from qual_si.ingest.transcript import parse_transcript

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "ParsedDocument",
    "ParsedUtterance",
    "ReadOptions",
    "decode_bytes",
    "guess_roles",
    "normalise_text",
    "parse_transcript",
    "read_document",
]
