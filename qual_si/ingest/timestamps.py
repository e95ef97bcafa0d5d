"""Clock timestamps as they appear in transcripts and subtitle files."""

from __future__ import annotations

import re
from datetime import time, timedelta

#: ``m:ss``, ``mm:ss``, ``h:mm:ss``, ``hh:mm:ss`` with optional ``.ttt`` or ``,ttt`` fraction.
CLOCK = r"(?:\d{1,2}:)?\d{1,2}:[0-5]\d(?:[.,]\d{1,3})?"
#: The same with hours required; a bare ``10:30`` inside prose is too often a time of day.
CLOCK_WITH_HOURS = r"\d{1,2}:[0-5]\d:[0-5]\d(?:[.,]\d{1,3})?"

_CLOCK_RE = re.compile(CLOCK)
_SECONDS_RE = re.compile(r"\d+(?:[.,]\d+)?")


def clock_seconds(value: str) -> float:
    """Seconds in ``m:ss``/``h:mm:ss(.ms)`` text. The caller has already matched :data:`CLOCK`."""
    seconds = 0.0
    for part in value.replace(",", ".").split(":"):
        seconds = seconds * 60 + float(part)
    return seconds


def parse_timestamp(value: object) -> float | None:
    """Seconds from a table cell: a number of seconds, ``m:ss``, ``h:mm:ss(.ms)``, a time or a timedelta.

    Returns None for an empty cell and raises ValueError for anything else.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a timestamp")
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, time):
        return value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
    text = str(value).strip()
    if not text:
        return None
    if _SECONDS_RE.fullmatch(text):
        return float(text.replace(",", "."))
    if _CLOCK_RE.fullmatch(text):
        return clock_seconds(text)
    raise ValueError(f"'{text}' is not a timestamp")
