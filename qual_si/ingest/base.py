"""What every reader produces: one normalised text plus the utterances found in it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

#: ``(speaker, start, end, start_s, end_s)``: an utterance before its end time is filled in.
Span = tuple[str | None, int, int, float | None, float | None]


@dataclass(frozen=True)
class ParsedUtterance:
    """One speaker turn. ``text[start:end]`` is what was said, without label or timestamp."""

    speaker: str | None
    start: int
    end: int
    start_s: float | None = None
    end_s: float | None = None


def utterances_from_spans(spans: Sequence[Span]) -> list[ParsedUtterance]:
    """Utterances from spans in order; a missing end time is the next utterance's start time
    (when that is not earlier than this one's start)."""
    utterances: list[ParsedUtterance] = []
    for index, (speaker, start, end, start_s, end_s) in enumerate(spans):
        if end_s is None and index + 1 < len(spans):
            next_start = spans[index + 1][3]
            if next_start is not None and (start_s is None or next_start >= start_s):
                end_s = next_start
        utterances.append(ParsedUtterance(speaker, start, end, start_s, end_s))
    return utterances


def timestamp_warnings(utterances: Sequence[ParsedUtterance]) -> list[str]:
    """``["timestamps on 3 of 5 utterances"]`` when only some utterances are timed, else ``[]``."""
    timed = sum(1 for utterance in utterances if utterance.start_s is not None)
    if 0 < timed < len(utterances):
        return [f"timestamps on {timed} of {len(utterances)} utterances"]
    return []


@dataclass
class ReadOptions:
    """Choices a user can make on import; every field has a sensible automatic default."""

    #: For .csv/.xlsx of utterances: column names (None = detect).
    speaker_column: str | None = None
    text_column: str | None = None
    time_column: str | None = None
    end_time_column: str | None = None
    #: Sheet name for .xlsx (None = first sheet).
    sheet: str | None = None
    #: Force an encoding instead of detecting it.
    encoding: str | None = None


@dataclass
class ParsedDocument:
    """A decoded, normalised document ready to store.

    ``text`` is final: NFC, ``\\n`` line ends, no BOM. It is never changed after import, and
    every offset anywhere in qual-si points into it.
    """

    text: str
    utterances: list[ParsedUtterance]
    source_format: str
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def speakers(self) -> list[str]:
        """Distinct speaker labels in order of first appearance."""
        seen: dict[str, None] = {}
        for utterance in self.utterances:
            if utterance.speaker is not None:
                seen.setdefault(utterance.speaker, None)
        return list(seen)

    @property
    def timestamps_found(self) -> int:
        return sum(1 for u in self.utterances if u.start_s is not None)
