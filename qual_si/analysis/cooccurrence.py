"""Code co-occurrence: which codes are applied together, and how strongly.

Counted on the merged segments of :mod:`.rollup` (one passage per column), in one of three modes:

- ``overlap``: two passages share at least one character. The count is the number of overlapping
  (passage of A, passage of B) pairs; the diagonal is each code's number of passages. Jaccard is
  measured in characters: ``|A and B| / |A or B|``.
- ``utterance``: the unit is an utterance; A and B co-occur in an utterance both touch.
- ``window``: the unit is a run of ``window + 1`` consecutive utterances of one document (one run
  starting at every utterance); A and B co-occur in a run both touch, i.e. within ``window``
  utterances of each other. ``window=0`` is the same as ``utterance``.

For the utterance modes the count is the number of units holding both codes, the diagonal the
units holding the code, and Jaccard is ``both / (A + B - both)``. All modes are symmetric.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..errors import InvalidOperation
from .layout import segment_utterance_pairs
from .matrix import CodingData, Selection, column_labels

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

MODES = ("overlap", "utterance", "window")


def cooccurrence(
    data: CodingData, selection: Selection, *, mode: str = "overlap", window: int = 1, jaccard: bool = False,
) -> pd.DataFrame:
    """A symmetric code x code table of co-occurrence counts (or Jaccard similarities, 3 decimals)."""
    import numpy as np
    import pandas as pd

    if mode not in MODES:
        raise InvalidOperation(f"unknown co-occurrence mode {mode!r}; use one of {', '.join(MODES)}")
    if window < 0:
        raise InvalidOperation("the window is a number of utterances, 0 or more")
    columns = selection.columns
    position = {c: i for i, c in enumerate(columns)}
    size = len(columns)
    if mode == "overlap":
        counts, overlap_chars, lengths = _overlap(data, selection, position, size)
        similarity = overlap_chars
        union = lengths[:, None] + lengths[None, :] - overlap_chars
    else:
        counts = _windows(data, selection, position, size, 0 if mode == "utterance" else window)
        similarity = counts.astype(float)
        diagonal = np.diag(counts).astype(float)
        union = diagonal[:, None] + diagonal[None, :] - similarity
    if jaccard:
        with np.errstate(divide="ignore", invalid="ignore"):
            values = np.where(union > 0, similarity / union, 0.0)
        np.fill_diagonal(values, [1.0 if u > 0 else 0.0 for u in np.diag(union)])
        values = np.round(values, 3)
    else:
        values = counts
    labels = column_labels(data.codes, columns, selection.labels)
    table = pd.DataFrame(values, index=pd.Index(labels, name="code"), columns=pd.Index(labels, name="code"))
    table.attrs.update({"measure": "jaccard" if jaccard else "co-occurrences", "mode": mode,
                        "window": window if mode == "window" else 0, "column_ids": list(columns),
                        **selection.description})
    return table


def _global(data: CodingData, selection: Selection) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    import numpy as np

    segments = selection.segments
    if data.layout is not None:
        gstart = data.layout.to_global(segments["document_id"], segments["start"])
        gend = data.layout.to_global(segments["document_id"], segments["end"])
    else:  # without a layout, documents are kept apart by a stride larger than any offset
        stride = int(segments["end"].max() if len(segments) else 0) + 2
        base = segments["document_id"].to_numpy(dtype=np.int64) * stride
        gstart = base + segments["start"].to_numpy(dtype=np.int64)
        gend = base + segments["end"].to_numpy(dtype=np.int64)
    return gstart, gend, segments["column_id"].to_numpy(dtype=np.int64)


def _overlap(
    data: CodingData, selection: Selection, position: dict[int, int], size: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pair counts, overlapping characters and each column's coded length."""
    import numpy as np

    counts = np.zeros((size, size), dtype=np.int64)
    chars = np.zeros((size, size), dtype=float)
    lengths = np.zeros(size, dtype=float)
    if selection.segments.empty or size == 0:
        return counts, chars, lengths
    gstart, gend, column = _global(data, selection)
    index = np.array([position[c] for c in column], dtype=np.int64)
    np.add.at(lengths, index, (gend - gstart).astype(float))
    np.add.at(counts, (index, index), 1)
    first, second = overlap_pairs(gstart, gend)
    overlap = np.minimum(gend[first], gend[second]) - np.maximum(gstart[first], gstart[second])
    keep = (overlap > 0) & (index[first] != index[second])
    a, b, shared = index[first][keep], index[second][keep], overlap[keep].astype(float)
    np.add.at(counts, (a, b), 1)
    np.add.at(counts, (b, a), 1)
    np.add.at(chars, (a, b), shared)
    np.add.at(chars, (b, a), shared)
    np.fill_diagonal(chars, lengths)
    return counts, chars, lengths


def overlap_pairs(gstart: np.ndarray, gend: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i, j), i != j, of spans that share at least one character.

    Vectorised sweep: after sorting by start, every overlapping pair (i, j) with i first has
    ``start_j < end_i``, so each span's partners are a contiguous run found by binary search.
    Returned indices refer to the input order; each pair appears once.
    """
    import numpy as np

    order = np.lexsort((gend, gstart))
    starts, ends = gstart[order], gend[order]
    last = np.searchsorted(starts, ends, side="left") - 1
    reach = np.clip(last - np.arange(len(starts)), 0, None)
    first = np.repeat(np.arange(len(starts)), reach)
    second = first + 1 + (np.arange(reach.sum()) - np.repeat(np.cumsum(reach) - reach, reach))
    return order[first], order[second]


def _windows(data: CodingData, selection: Selection, position: dict[int, int], size: int, window: int) -> np.ndarray:
    """Units x codes incidence, then ``B.T @ B`` (units = utterance windows)."""
    import numpy as np
    from scipy import sparse

    counts = np.zeros((size, size), dtype=np.int64)
    if data.layout is None:
        raise InvalidOperation("utterance co-occurrence needs the documents' utterances")
    if selection.segments.empty or size == 0:
        return counts
    gstart, gend, column = _global(data, selection)
    pairs = segment_utterance_pairs(data.layout, gstart, gend)
    utterance = pairs["utterance"].to_numpy(dtype=np.int64)
    code = np.array([position[c] for c in column[pairs["segment"].to_numpy()]], dtype=np.int64)
    documents = data.layout.utterances["document_id"].to_numpy(dtype=np.int64)
    units = []
    codes = []
    for back in range(window + 1):  # utterance u lies in the windows starting at u-window .. u
        start = utterance - back
        valid = start >= 0
        valid[valid] &= documents[start[valid]] == documents[utterance[valid]]
        units.append(start[valid])
        codes.append(code[valid])
    unit = np.concatenate(units)
    code_all = np.concatenate(codes)
    incidence = sparse.coo_matrix(
        (np.ones(len(unit), dtype=np.int64), (unit, code_all)), shape=(len(documents), size)
    ).tocsr()
    incidence.data[:] = 1  # duplicates summed by tocsr: a unit holds a code or not
    return np.asarray((incidence.T @ incidence).todense(), dtype=np.int64)
