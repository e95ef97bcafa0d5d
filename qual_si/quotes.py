"""How a quote is written in a report: ``Participant 1: "..." (3:04)``, and shortened for a list."""

from __future__ import annotations


def clock(seconds: float | None) -> str:
    """``3:04`` or ``1:02:03``, as transcripts write timestamps; empty when unknown."""
    if seconds is None:
        return ""
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def quote_with_attribution(
    text: str, speaker: str | None, seconds: float | None = None, *, curly: bool = False
) -> str:
    """The quote as a student pastes it: speaker, the words in quotes, then the time if known.

    Whitespace is collapsed; a passage that already carries its own quotation marks keeps them.
    """
    words = " ".join(text.split())
    if not (words.startswith(("\u201c", '"')) and words.endswith(("\u201d", '"'))):
        words = f"\u201c{words}\u201d" if curly else f'"{words}"'
    head = f"{speaker}: " if speaker else ""
    tail = f" ({clock(seconds)})" if seconds is not None else ""
    return f"{head}{words}{tail}"


def shorten(text: str, width: int) -> str:
    """The words on one line, cut to ``width`` characters with an ellipsis: a label for a list."""
    words = " ".join(text.split())
    return words if len(words) <= width else words[: width - 1] + "\u2026"
