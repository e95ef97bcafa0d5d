"""WebVTT (Zoom, Teams) and SubRip subtitle files turned into a readable transcript.

The stored text has one line per utterance, ``Speaker: what was said`` (or just the words when a
cue has no speaker). Consecutive cues of one speaker less than two seconds apart become one
utterance. Each utterance's span covers only the words, and carries the cue times.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass

from qual_si.errors import FormatError
from qual_si.ingest.base import ParsedUtterance
from qual_si.ingest.encoding import normalise_text
from qual_si.ingest.labels import (
    clean_label,
    is_denied_label,
    is_known_speaker_label,
    label_shape_ok,
)
from qual_si.ingest.timestamps import clock_seconds

#: Cues of the same speaker closer than this (seconds) are one utterance.
MERGE_GAP_S = 2.0

_CUE_TIME = r"(?:\d+:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?"
# A line opening with a clock is a (possibly broken) timing line, never a cue identifier.
_LOOKS_LIKE_TIMING = re.compile(r"\d+:\d{2}[:.,]")
_TIMING = re.compile(rf"({_CUE_TIME})[ \t]+-->[ \t]+({_CUE_TIME})(?:[ \t].*)?")
_VTT_HEADER = re.compile(r"WEBVTT(?:[ \t].*)?")
_VTT_SKIPPED_BLOCK = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t].*)?")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?[ \t]+([^>]*)>")
_TAG = re.compile(r"<[^>]*>|\{\\[^}]*\}")  # HTML-like tags and ASS overrides such as {\an8}
_COLON_PREFIX = re.compile(r"([^:\[\]<>]{1,40}):\s+(.*)", re.DOTALL)
_BRACKET_PREFIX = re.compile(r"\[([^\]]{1,40})\]:?\s+(.*)", re.DOTALL)
_SRT_INDEX = re.compile(r"\d+")
# A cue number, or a Teams cue id such as ``0f2b8c1e-77a3-4d2a-9f54-0c1d2e3f4a5b/17-0``.
_CUE_ID = re.compile(r"\d+|[0-9a-fA-F-]{8,}/\d+-\d+")


@dataclass
class _Cue:
    start_s: float
    end_s: float
    text: str
    #: From a voice tag: certain. From a ``Name:`` prefix: a candidate checked across the file.
    speaker: str | None = None
    candidate: str | None = None
    candidate_bracketed: bool = False
    rest: str = ""


def vtt_transcript(text: str, path: str) -> tuple[str, list[ParsedUtterance]]:
    """Parse a normalised WebVTT text; return the built transcript text and its utterances."""
    lines = text.split("\n")
    if not _VTT_HEADER.fullmatch(lines[0].strip()):
        raise FormatError(path, "missing 'WEBVTT' header: not a WebVTT file", location="line 1")
    cues: list[_Cue] = []
    index = _skip_block(lines, 0)
    while index < len(lines):
        line = lines[index].strip()
        if not line:
            index += 1
            continue
        if _VTT_SKIPPED_BLOCK.fullmatch(line):
            index = _skip_block(lines, index)
            continue
        if "-->" not in line and not _LOOKS_LIKE_TIMING.match(line):
            # A cue identifier; the timing must follow on the next line.
            index += 1
            if index >= len(lines) or not _is_timing_line(lines[index]):
                raise FormatError(
                    path, "expected a cue timing line 'start --> end'", location=f"line {index + 1}"
                )
        index = _read_cue(lines, index, path, cues)
    return _build(cues)


def srt_transcript(text: str, path: str) -> tuple[str, list[ParsedUtterance]]:
    """Parse a normalised SubRip text; return the built transcript text and its utterances."""
    lines = text.split("\n")
    cues: list[_Cue] = []
    index = 0
    while index < len(lines):
        line = lines[index].strip()
        if not line:
            index += 1
            continue
        if _SRT_INDEX.fullmatch(line):
            index += 1
            if index >= len(lines) or not _is_timing_line(lines[index]):
                raise FormatError(
                    path, "expected a timing line 'start --> end'", location=f"line {index + 1}"
                )
        elif "-->" not in line and not _LOOKS_LIKE_TIMING.match(line):
            raise FormatError(
                path,
                f"expected a subtitle number or a timing line, found '{line[:40]}'",
                location=f"line {index + 1}",
            )
        index = _read_cue(lines, index, path, cues)
    return _build(cues)


def _is_timing_line(line: str) -> bool:
    return "-->" in line or _LOOKS_LIKE_TIMING.match(line.strip()) is not None


def _skip_block(lines: list[str], index: int) -> int:
    while index < len(lines) and lines[index].strip():
        index += 1
    return index


def _read_cue(lines: list[str], index: int, path: str, cues: list[_Cue]) -> int:
    """Read the timing line at ``index`` and the payload after it; return the next line index."""
    timing = _TIMING.fullmatch(lines[index].strip())
    if timing is None:
        raise FormatError(
            path,
            f"cue timing '{lines[index].strip()[:60]}' is not 'hh:mm:ss.ttt --> hh:mm:ss.ttt'",
            location=f"line {index + 1}",
        )
    index += 1
    payload: list[str] = []
    # A line with '-->' starts the next cue even when the blank line before it is missing.
    while index < len(lines) and lines[index].strip() and "-->" not in lines[index]:
        payload.append(lines[index].strip())
        index += 1
    if payload and index < len(lines) and "-->" in lines[index] and _CUE_ID.fullmatch(payload[-1]):
        # No blank line before the next cue: its identifier is not part of this cue's words.
        payload.pop()
    cue = _make_cue(" ".join(payload), clock_seconds(timing[1]), clock_seconds(timing[2]))
    if cue is not None:
        cues.append(cue)
    return index


def _make_cue(payload: str, start_s: float, end_s: float) -> _Cue | None:
    voice = _VOICE.search(payload)
    words = " ".join(html.unescape(_TAG.sub("", payload)).split())
    if not words:
        return None
    words = normalise_text(words)
    if voice and voice[1].strip():
        return _Cue(start_s, end_s, words, speaker=normalise_text(clean_label(voice[1])))
    bracketed = _BRACKET_PREFIX.fullmatch(words)
    prefix = bracketed or _COLON_PREFIX.fullmatch(words)
    if prefix and prefix[2].strip():
        return _Cue(
            start_s,
            end_s,
            words,
            candidate=clean_label(prefix[1]),
            candidate_bracketed=bracketed is not None,
            rest=prefix[2].strip(),
        )
    return _Cue(start_s, end_s, words)


def _accept_prefixes(cues: list[_Cue]) -> None:
    """A ``Name:`` prefix is a speaker when it is a role pattern or recurs, as in transcripts."""
    counts = Counter(cue.candidate for cue in cues if cue.candidate)
    for cue in cues:
        label = cue.candidate
        if label is None:
            continue
        if is_known_speaker_label(label) or (
            counts[label] >= 2
            and not is_denied_label(label, bracketed=cue.candidate_bracketed)
            and label_shape_ok(label, allow_lowercase=cue.candidate_bracketed)
        ):
            cue.speaker, cue.text = label, cue.rest


def _build(cues: list[_Cue]) -> tuple[str, list[ParsedUtterance]]:
    _accept_prefixes(cues)
    merged: list[_Cue] = []
    for cue in cues:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and cue.speaker is not None
            and cue.speaker == previous.speaker
            and cue.start_s - previous.end_s < MERGE_GAP_S
        ):
            previous.text = f"{previous.text} {cue.text}"
            previous.end_s = max(previous.end_s, cue.end_s)
        else:
            merged.append(_Cue(cue.start_s, cue.end_s, cue.text, speaker=cue.speaker))

    lines: list[str] = []
    utterances: list[ParsedUtterance] = []
    cursor = 0
    for cue in merged:
        prefix = f"{cue.speaker}: " if cue.speaker else ""
        start = cursor + len(prefix)
        end = start + len(cue.text)
        utterances.append(ParsedUtterance(cue.speaker, start, end, cue.start_s, cue.end_s))
        lines.append(prefix + cue.text)
        cursor = end + 1  # the "\n" between lines
    return "\n".join(lines), utterances
