"""Speaker structure of a plain-text transcript.

The parser never changes the text: it finds, for each speaker turn, the span ``[start, end)`` of
what was said (no label, no timestamp, no surrounding whitespace). It works line by line with
compiled patterns in three passes:

1. classify every line: a label line (``Name: text``, ``[Name] text``, ``**Name:**``,
   ``Name (0:03):``, ``[00:03:04] Name:``, ``Name<TAB>text``), an Otter-style header
   (``Name  0:06`` alone on its line), a line led by a timestamp, blank, or plain text;
2. decide which candidate labels are speakers (role patterns always; other names only when they
   recur, have a timestamp attached, or the document is Otter-shaped; see :mod:`.labels`);
3. walk the lines again and cut turns: a speaker line opens a turn, following lines continue it,
   blank lines do not end it; text before the first speaker (title, date...) is skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import NamedTuple

from qual_si.ingest.base import ParsedUtterance, Span, timestamp_warnings, utterances_from_spans
from qual_si.ingest.labels import (
    clean_label,
    is_denied_label,
    is_known_speaker_label,
    label_shape_ok,
)
from qual_si.ingest.timestamps import CLOCK, CLOCK_WITH_HOURS, clock_seconds

NO_LABELS_WARNING = "no speaker labels found"

# What may follow a label's colon: whitespace, the end of the line, or an opening quote.
_AFTER_LABEL = r"(?=\s|$|[\"“‘'])"

_LABEL_LINE = re.compile(
    rf"""
    (?:(?P<lead>\((?P<lead_p>{CLOCK})\)|\[(?P<lead_b>{CLOCK})\]|(?P<lead_bare>{CLOCK}))\s+(?:[-–]\s+)?)?
    (?:
        \*\*(?P<bold>[^*\n]{{1,60}}?)(?::\*\*|\*\*:){_AFTER_LABEL}
      | \[(?P<bracket>[^\]\n]{{1,60}})\]:?{_AFTER_LABEL}
      | (?P<plain>[^\s:\[(*][^:\n\t]{{0,59}}?)
        (?:\s*(?:\((?P<label_p>{CLOCK})\)|\[(?P<label_b>{CLOCK})\]))?
        (?:(?P<colon>:){_AFTER_LABEL}|(?P<tab>\t))
    )
    """,
    re.VERBOSE,
)
# ``Speaker Name  0:06`` / ``R1<TAB>0:06`` / ``Speaker 1  00:03:04`` alone on a line (Otter, Teams).
_HEADER_LINE = re.compile(
    rf"(?P<label>[^\s:\[(*][^:\t\n]{{0,59}}?)(?: {{2,}}|\s*\t\s*)(?P<ts>{CLOCK})"
)
# A timestamp opening a line or an utterance's content: bracketed, or bare with hours.
_LEADING_TIMESTAMP = re.compile(rf"(?:\(({CLOCK})\)|\[({CLOCK})\]|({CLOCK_WITH_HOURS}))(?=\s|$)")
# ``... “quote” (3:04)`` at the very end of a turn.
_TRAILING_TIMESTAMP = re.compile(rf"\s*(?:\(({CLOCK})\)|\[({CLOCK})\])$")
_BARE_CLOCK = re.compile(CLOCK)
_OTTER_FOOTER = re.compile(r"transcribed by\s+https?://otter\.ai/?", re.IGNORECASE)

_MAX_HEADER_LINE = 80

_MAX_FRONT_MATTER_LINES = 60

# Line kinds from pass 1.
_TEXT, _LABEL, _HEADER, _TIMED_TEXT, _SKIPPED = range(5)


class _Line(NamedTuple):
    kind: int
    #: Where the line's first non-space character is in the document.
    line_start: int
    #: Where the spoken content of this line starts and ends in the document (stripped).
    content_start: int
    content_end: int
    label: str | None = None
    #: Bracketed labels may be lower case (QualCoder's ``[id1]``); they have their own deny list.
    bracketed: bool = False
    #: A timestamp attached to the label or opening the line.
    seconds: float | None = None
    #: ``Label<TAB>text``: also how two-column metadata tables read ("Interviewer<TAB>Sam").
    tabbed: bool = False


@dataclass
class _Turn:
    speaker: str | None
    start_s: float | None
    first: int = -1
    last_start: int = -1
    last_end: int = -1

    def add(self, start: int, end: int) -> None:
        if start >= end:
            return
        if self.first < 0:
            self.first = start
        self.last_start = start
        self.last_end = end


def parse_transcript(
    text: str, *, lines_are_paragraphs: bool = False
) -> tuple[list[ParsedUtterance], list[str]]:
    """Find the speaker turns in ``text``; return ``(utterances, warnings)``.

    Every utterance satisfies ``text[start:end] == text[start:end].strip() != ""``; utterances are
    in order and do not overlap. Without any speaker label, each paragraph (blank-line separated;
    each line when ``lines_are_paragraphs``, as in text taken from Word) is one speakerless
    utterance and the warning ``"no speaker labels found"`` is returned.
    """
    lines = _demote_tab_rows(_classify_lines(text))
    if all(line is None or line.kind == _SKIPPED for line in lines):
        return [], []
    speakers = _accepted_labels(lines)
    warnings: list[str] = []
    if speakers:
        turns = _labelled_turns(lines, speakers)
    else:
        turns = _paragraph_turns(lines, lines_are_paragraphs)
        warnings.append(NO_LABELS_WARNING)
    utterances = _finish(text, turns)
    return utterances, warnings + timestamp_warnings(utterances)


def _classify_lines(text: str) -> list[_Line | None]:
    """Pass 1: one entry per line; None for a blank line."""
    classified: list[_Line | None] = []
    offset = 0
    raw_lines = text.split("\n")
    front_matter_end = _front_matter_end(raw_lines)
    for number, raw in enumerate(raw_lines):
        line_start = offset
        offset += len(raw) + 1
        line = raw.strip()
        if number < front_matter_end:
            # YAML front matter (``interviewee: Participant 1``) is metadata, never speech.
            classified.append(_Line(_SKIPPED, line_start, line_start, line_start))
            continue
        if not line:
            classified.append(None)
            continue
        start = line_start + (len(raw) - len(raw.lstrip()))
        end = start + len(line)
        classified.append(_classify(line, start, end))
    return classified


def _demote_tab_rows(lines: list[_Line | None]) -> list[_Line | None]:
    """``Label<TAB>text`` rows are turns only in a transcript laid out as a table.

    When the document already has ``Name:``-style speakers, tab rows are a cover table
    ("Interviewer<TAB>Sam Whitley", "Date<TAB>...") and stay plain text.
    """
    if not any(line is not None and line.tabbed for line in lines):
        return lines
    if not _accepted_labels([line for line in lines if line is None or not line.tabbed]):
        return lines
    return [
        _Line(_TEXT, line.line_start, line.line_start, line.content_end) if line is not None and line.tabbed else line
        for line in lines
    ]


def _front_matter_end(raw_lines: list[str]) -> int:
    """Number of lines taken by a leading ``---`` ... ``---`` block (0 when there is none)."""
    if not raw_lines or raw_lines[0].rstrip() != "---":
        return 0
    for number in range(1, min(len(raw_lines), _MAX_FRONT_MATTER_LINES)):
        if raw_lines[number].rstrip() in ("---", "..."):
            return number + 1
    return 0


def _classify(line: str, start: int, end: int) -> _Line | None:
    if len(line) <= _MAX_HEADER_LINE and line[-1].isdigit():
        header = _HEADER_LINE.fullmatch(line)
        if header:
            label = clean_label(header["label"])
            return _Line(_HEADER, start, end, end, label, seconds=clock_seconds(header["ts"]))
    if line[0] == "T" and _OTTER_FOOTER.fullmatch(line):
        return None
    match = _LABEL_LINE.match(line)
    if match:
        bracket = match["bracket"]
        if bracket is not None and _BARE_CLOCK.fullmatch(bracket.strip()):
            match = None  # ``[00:03:04] text``: a timestamp, not a speaker
    if match is None:
        leading = _LEADING_TIMESTAMP.match(line)
        if leading:
            seconds = clock_seconds(next(g for g in leading.groups() if g))
            content = start + _skip_space(line, leading.end())
            return _Line(_TIMED_TEXT, start, content, end, seconds=seconds)
        return _Line(_TEXT, start, start, end)

    raw_label = match["bold"] or match["bracket"] or match["plain"]
    label = clean_label(raw_label)
    seconds_text = match["lead_p"] or match["lead_b"] or match["lead_bare"]
    seconds_text = seconds_text or match["label_p"] or match["label_b"]
    position = _skip_space(line, match.end())
    # ``Name: (3:04) text`` - a timestamp right after the label.
    leading = _LEADING_TIMESTAMP.match(line, position)
    if leading:
        seconds_text = seconds_text or next(g for g in leading.groups() if g)
        position = _skip_space(line, leading.end())
    label_seconds = clock_seconds(seconds_text) if seconds_text else None
    return _Line(
        _LABEL,
        start,
        start + position,
        end,
        label,
        bracketed=match["bracket"] is not None,
        seconds=label_seconds,
        tabbed=match["tab"] is not None,
    )


def _skip_space(line: str, position: int) -> int:
    rest = line[position:]
    return position + (len(rest) - len(rest.lstrip()))


def _accepted_labels(lines: list[_Line | None]) -> set[str]:
    """Pass 2: which candidate labels are speakers in this document."""
    counts: Counter[str] = Counter()
    header_lines = 0
    for line in lines:
        if line is not None and line.label is not None:
            counts[line.label] += 1
            header_lines += line.kind == _HEADER and label_shape_ok(line.label)
    accepted: set[str] = set()
    for line in lines:
        if line is None or line.label is None or line.label in accepted:
            continue
        if _is_speaker(line, counts[line.label], otter_shaped=header_lines >= 2):
            accepted.add(line.label)
    # A document that labels turns ``[Name]`` (QualCoder) may have someone who speaks only once;
    # bracketed text at a line start is rarely anything else once stage directions are excluded.
    bracketed = {
        line.label
        for line in lines
        if line is not None and line.bracketed and line.label is not None
    }
    if bracketed & accepted:
        accepted.update(
            label
            for label in bracketed - accepted
            if not is_denied_label(label, bracketed=True)
            and label_shape_ok(label, allow_lowercase=True)
        )
    return accepted


def _is_speaker(line: _Line, count: int, *, otter_shaped: bool) -> bool:
    label = line.label
    assert label is not None
    if is_known_speaker_label(label):
        return True
    if is_denied_label(label, bracketed=line.bracketed):
        return False
    if not label_shape_ok(label, allow_lowercase=line.bracketed):
        return False
    if line.kind == _HEADER:
        return count >= 2 or otter_shaped
    # A timestamp glued to the label (``[00:01:02] Name:``, ``Name (3:04):``) is evidence enough.
    return count >= 2 or line.seconds is not None


def _labelled_turns(lines: list[_Line | None], speakers: set[str]) -> list[_Turn]:
    """Pass 3 with speakers: cut turns at speaker lines; skip text before the first speaker."""
    turns: list[_Turn] = []
    current: _Turn | None = None
    for line in lines:
        if line is None or line.kind == _SKIPPED:
            continue
        if line.label is not None and line.label in speakers:
            current = _Turn(line.label, line.seconds)
            turns.append(current)
            current.add(line.content_start, line.content_end)
        elif current is None:
            continue  # title, date, "Transcript of ..." before the first speaker
        elif line.kind == _TIMED_TEXT:
            # A timestamp opening a line starts a new segment of the same speaker.
            current = _Turn(current.speaker, line.seconds)
            turns.append(current)
            current.add(line.content_start, line.content_end)
        else:
            # Plain text, or a label candidate that is not a speaker here: the whole line is speech.
            current.add(line.line_start, line.content_end)
    return turns


def _paragraph_turns(lines: list[_Line | None], lines_are_paragraphs: bool) -> list[_Turn]:
    """Pass 3 without speakers: one speakerless utterance per paragraph."""
    turns: list[_Turn] = []
    current: _Turn | None = None
    for line in lines:
        if line is None or lines_are_paragraphs:
            current = None
        if line is None or line.kind == _SKIPPED:
            continue
        if line.kind == _TIMED_TEXT:
            current = _Turn(None, line.seconds)
            turns.append(current)
            current.add(line.content_start, line.content_end)
            continue
        if current is None:
            current = _Turn(None, None)
            turns.append(current)
        current.add(line.line_start, line.content_end)
    return turns


def _finish(text: str, turns: list[_Turn]) -> list[ParsedUtterance]:
    """Strip trailing timestamps, drop empty turns, fill end times from the next start."""
    spans: list[Span] = []
    for turn in turns:
        if turn.first < 0:
            continue
        start, end = turn.first, turn.last_end
        start_s, end_s = turn.start_s, None
        if text[end - 1] in ")]":
            trailing = _TRAILING_TIMESTAMP.search(text, turn.last_start, end)
            if trailing:
                seconds = clock_seconds(trailing[1] or trailing[2])
                if start_s is None:
                    start_s = seconds
                elif seconds >= start_s:
                    end_s = seconds
                end = start + len(text[start : trailing.start()].rstrip())
        if end > start:
            spans.append((turn.speaker, start, end, start_s, end_s))
    return utterances_from_spans(spans)
