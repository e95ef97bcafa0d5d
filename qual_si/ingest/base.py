"""What every reader produces: one normalised text plus the utterances found in it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class ParsedUtterance:
    """One speaker turn. ``text[start:end]`` is what was said, without label or timestamp."""

    speaker: str | None
    start: int
    end: int
    start_s: float | None = None
    end_s: float | None = None


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
