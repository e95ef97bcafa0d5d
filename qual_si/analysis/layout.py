"""Documents laid end to end on one number line, so that whole-project span questions are numpy calls.

Each document's offsets are shifted by a base (the total length of the documents before it plus
one), which keeps documents apart: a segment can only overlap utterances and words of its own
document. Built once per table from the utterances frame (and the texts, when words are needed).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

# The importer's word rule: word starts here must agree with the stored word counts.
from ..spans import WORD

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd


@dataclass
class Layout:
    base: dict[int, int]
    #: One row per utterance in global order: ``document_id``, ``gstart``, ``gend``, ``role``, ``participant``.
    utterances: pd.DataFrame
    #: Global offsets of every word start (only when built with texts).
    word_starts: np.ndarray | None = None

    def to_global(self, document_ids: pd.Series, offsets: pd.Series) -> np.ndarray:
        import numpy as np

        bases = document_ids.map(self.base).to_numpy(dtype=np.int64)
        return bases + offsets.to_numpy(dtype=np.int64)

    def words_between(self, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
        """Words starting in each global ``[lo, hi)``."""
        import numpy as np

        assert self.word_starts is not None
        return np.searchsorted(self.word_starts, hi, side="left") - np.searchsorted(self.word_starts, lo, side="left")


def build_layout(
    documents: pd.DataFrame, utterances: pd.DataFrame, texts: Mapping[int, str] | None = None
) -> Layout:
    """``documents``: ``document_id``, ``char_count``; ``utterances``: ``document_id``, ``start``, ``end``,
    ``role``, ``participant``. Documents without utterances get one pseudo-utterance (role ``other``)."""
    import numpy as np
    import pandas as pd

    ordered = documents.sort_values("document_id")
    lengths = ordered["char_count"].to_numpy(dtype=np.int64) + 1
    bases = np.cumsum(lengths) - lengths  # where each document starts; empty for no documents
    base = dict(zip(ordered["document_id"].astype(int), bases.astype(int), strict=True))
    keep = [c for c in ("document_id", "start", "end", "role", "participant", "speaker", "start_s")
            if c in utterances.columns]
    utts = utterances[keep]
    covered = set(utts["document_id"].astype(int))
    missing = ordered[~ordered["document_id"].isin(covered)]
    if len(missing):
        pseudo = pd.DataFrame({"document_id": missing["document_id"], "start": 0, "end": missing["char_count"],
                               "role": "other", "participant": None})
        utts = pd.concat([utts, pseudo], ignore_index=True) if len(utts) else pseudo
    utts = utts[utts["document_id"].isin(base)].copy()
    utts["gstart"] = utts["document_id"].map(base).astype("int64") + utts["start"].astype("int64")
    utts["gend"] = utts["document_id"].map(base).astype("int64") + utts["end"].astype("int64")
    utts = utts.sort_values("gstart", kind="stable").reset_index(drop=True)
    words = None
    if texts is not None:
        chunks = [np.asarray(_word_starts(texts[d]), dtype=np.int64) + base[d] for d in sorted(base) if d in texts]
        words = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int64)
    return Layout(base=base, utterances=utts, word_starts=words)


def _word_starts(text: str) -> list[int]:
    return [m.start() for m in WORD.finditer(text)]


def segment_utterance_pairs(layout: Layout, gstart: np.ndarray, gend: np.ndarray) -> pd.DataFrame:
    """Each (segment index, utterance index) that overlap, with the overlap's global ``lo``/``hi``.

    Vectorised: for every segment the overlapped utterances are a contiguous run found with two
    binary searches; runs are expanded with ``np.repeat``.
    """
    import numpy as np
    import pandas as pd

    ustart = layout.utterances["gstart"].to_numpy(dtype=np.int64)
    uend = layout.utterances["gend"].to_numpy(dtype=np.int64)
    if len(ustart) == 0 or len(gstart) == 0:
        return pd.DataFrame({"segment": np.zeros(0, np.int64), "utterance": np.zeros(0, np.int64),
                             "lo": np.zeros(0, np.int64), "hi": np.zeros(0, np.int64)})
    first = np.searchsorted(ustart, gstart, side="right") - 1
    first = np.where((first >= 0) & (uend[np.clip(first, 0, None)] > gstart), first, first + 1)
    last = np.searchsorted(ustart, gend, side="left") - 1
    counts = np.clip(last - first + 1, 0, None)
    segment = np.repeat(np.arange(len(gstart)), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    utterance = np.repeat(first, counts) + offsets
    lo = np.maximum(gstart[segment], ustart[utterance])
    hi = np.minimum(gend[segment], uend[utterance])
    keep = hi > lo
    return pd.DataFrame({"segment": segment[keep], "utterance": utterance[keep], "lo": lo[keep], "hi": hi[keep]})
