"""An embedder that serves vectors it already knows (the project's cache) and remembers new ones.

The project keeps vectors keyed by (text hash, embedder id). ``CachedEmbedder`` wraps a fitted
embedder with the vectors read from that table: known texts are not embedded again, and every
vector it has to compute is kept in ``new_`` so the caller can write them back in one go.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Self

import numpy as np

from qual_si.errors import InvalidOperation
from qual_si.nlp.embed import Embedder
from qual_si.nlp.vectors import text_hash


class CachedEmbedder(Embedder):
    """``inner`` (already fitted) plus ``known`` vectors by text hash (rows of ``inner.dimension``)."""

    def __init__(self, inner: Embedder, known: Mapping[str, np.ndarray] | None = None) -> None:
        self.inner = inner
        self.known: dict[str, np.ndarray] = dict(known or {})
        #: vectors computed by this wrapper (text hash -> vector), to be written to the cache
        self.new_: dict[str, np.ndarray] = {}

    @property
    def id(self) -> str:
        return self.inner.id

    @property
    def dimension(self) -> int:
        return self.inner.dimension

    def fit(self, texts: Sequence[str]) -> Self:
        raise InvalidOperation("a cached embedder is already fitted: fit the embedder it wraps")

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        hashes = [text_hash(text) for text in texts]
        missing: dict[str, str] = {}
        for key, text in zip(hashes, texts, strict=True):
            if key not in self.known:
                missing.setdefault(key, text)
        if missing:
            computed = self.inner.transform(list(missing.values()))
            for key, vector in zip(missing, computed, strict=True):
                self.known[key] = vector
                self.new_[key] = vector
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.vstack([self.known[key] for key in hashes]).astype(np.float32, copy=False)
