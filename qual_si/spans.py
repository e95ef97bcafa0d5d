"""Rules for half-open ``[start, end)`` spans over a document's text (code-point offsets).

Everything that compares, unions or measures codings goes through here, so the rule for
"the same passage coded twice counts once" lives in exactly one place. So does the rule for what
a word is, which the importer and the analysis (that must not import the facade) both need.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence

from .errors import InvalidOperation

Span = tuple[int, int]

#: What counts as a word: letters/digits with inner apostrophes ("don't", "school’s"). The word
#: counts stored at import and the word positions analysis measures shares with both use it, so
#: they agree.
WORD = re.compile(r"\w+(?:['’]\w+)*")


def count_words(text: str) -> int:
    return sum(1 for _ in WORD.finditer(text))


def validate(start: int, end: int, text_length: int) -> None:
    """Refuse spans that are empty, reversed or outside the text."""
    if not (0 <= start < end <= text_length):
        raise InvalidOperation(
            f"span [{start}, {end}) is not inside the document (0..{text_length}) or is empty"
        )


def overlaps(a: Span, b: Span) -> bool:
    """True when the spans share at least one character (touching spans do not overlap)."""
    return a[0] < b[1] and b[0] < a[1]


def union(spans: Iterable[Span]) -> list[Span]:
    """Merge overlapping or touching spans into a sorted list of disjoint spans."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1][1] = end
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def intersection_length(a: Sequence[Span], b: Sequence[Span]) -> int:
    """Characters covered by both span lists (each list may overlap itself)."""
    total = 0
    ua, ub = union(a), union(b)
    i = j = 0
    while i < len(ua) and j < len(ub):
        lo = max(ua[i][0], ub[j][0])
        hi = min(ua[i][1], ub[j][1])
        if lo < hi:
            total += hi - lo
        if ua[i][1] < ub[j][1]:
            i += 1
        else:
            j += 1
    return total


class SpanIndex:
    """Which of a sorted, disjoint list of spans (e.g. utterances) holds an offset."""

    def __init__(self, spans: Sequence[Span]):
        self._starts = [s for s, _ in spans]
        self._spans = list(spans)

    def find(self, offset: int) -> int | None:
        """Index of the span containing ``offset``, or None."""
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and self._spans[i][0] <= offset < self._spans[i][1]:
            return i
        return None

    def overlapping(self, span: Span) -> list[int]:
        """Indices of every span that overlaps ``span``."""
        i = max(bisect_right(self._starts, span[0]) - 1, 0)
        found = []
        while i < len(self._spans) and self._spans[i][0] < span[1]:
            if overlaps(self._spans[i], span):
                found.append(i)
            i += 1
        return found
