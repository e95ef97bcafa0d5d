"""Which codes already cover a segment: the codings that overlap it, and their ancestors.

A segment counts as coded with a code when a coding of that code overlaps at least ``min_share``
of the segment's characters. Coding a sub-code also covers its parents (a passage coded
``sa1_1b`` is already under ``sa1_1``, as retrieval and the matrices roll codings up), while a
coding of the parent leaves its sub-codes open: suggesting a more specific code refines it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

import numpy as np

#: (document id, start, end) of a segment; (document id, start, end, code id) of a coding
SegmentSpan = tuple[int, int, int]
CodingSpan = tuple[int, int, int, int]


def ancestors_of(parents: Mapping[int, int | None]) -> dict[int, tuple[int, ...]]:
    """Code id -> its ancestors, nearest first (cycles, which the store refuses, stop the walk)."""
    found: dict[int, tuple[int, ...]] = {}
    for code in parents:
        chain: list[int] = []
        parent = parents.get(code)
        while parent is not None and parent not in chain and parent != code:
            chain.append(parent)
            parent = parents.get(parent)
        found[code] = tuple(chain)
    return found


def covered_codes(
    segments: Sequence[SegmentSpan],
    codings: Sequence[CodingSpan],
    parents: Mapping[int, int | None] | None = None,
    min_share: float = 0.5,
) -> list[set[int]]:
    """For each segment, the codes (with their ancestors) of the codings that cover it."""
    by_document: dict[int, list[CodingSpan]] = defaultdict(list)
    for coding in codings:
        by_document[coding[0]].append(coding)
    arrays = {
        document: (
            np.array([c[1] for c in rows], dtype=np.int64),
            np.array([c[2] for c in rows], dtype=np.int64),
            np.array([c[3] for c in rows], dtype=np.int64),
        )
        for document, rows in by_document.items()
    }
    lineage = ancestors_of(parents or {})
    result: list[set[int]] = []
    for document, start, end in segments:
        covered: set[int] = set()
        if document in arrays and end > start:
            starts, ends, codes = arrays[document]
            overlap = np.minimum(ends, end) - np.maximum(starts, start)
            for code in codes[overlap >= min_share * (end - start)].tolist():
                covered.add(code)
                covered.update(lineage.get(code, ()))
        result.append(covered)
    return result
