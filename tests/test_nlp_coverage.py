"""Which codes already cover a segment, and the caching embedder wrapper."""

from __future__ import annotations

import numpy as np
import pytest

from qual_si.errors import InvalidOperation
from qual_si.nlp.cache import CachedEmbedder
from qual_si.nlp.coverage import ancestors_of, covered_codes
from qual_si.nlp.embed import LsaEmbedder
from qual_si.nlp.vectors import text_hash

pytestmark = pytest.mark.usefixtures("no_network")


def test_a_coding_covers_a_segment_when_it_overlaps_half_of_it_with_the_codes_ancestors() -> None:
    parents = {1: None, 2: 1, 3: 2, 4: None}
    segments = [(10, 0, 100), (10, 100, 200), (10, 200, 300), (11, 0, 50)]
    codings = [(10, 0, 60, 3), (10, 180, 240, 4), (11, 0, 10, 4)]
    assert covered_codes(segments, codings, parents) == [{3, 2, 1}, set(), set(), set()]
    assert covered_codes(segments, codings, parents, min_share=0.2) == [{1, 2, 3}, {4}, {4}, {4}]
    assert ancestors_of(parents)[3] == (2, 1)
    assert covered_codes([(10, 5, 5)], codings, parents) == [set()]  # an empty segment is never covered


def test_cached_embedder_serves_known_texts_and_remembers_new_ones() -> None:
    texts = ["moderation of writing", "trustees and governors", "staff wellbeing and workload", "phonics"]
    inner = LsaEmbedder(seed=0).fit(texts)
    known_vector = np.full(inner.dimension, 0.5, dtype=np.float32)
    cached = CachedEmbedder(inner, {text_hash(texts[0]): known_vector})
    vectors = cached.transform([texts[0], texts[1], texts[1]])
    assert np.array_equal(vectors[0], known_vector)  # from the cache, not recomputed
    assert np.allclose(vectors[1], inner.transform([texts[1]])[0]) and np.array_equal(vectors[1], vectors[2])
    assert set(cached.new_) == {text_hash(texts[1])} and cached.id == inner.id
    assert cached.transform([]).shape == (0, inner.dimension)
    with pytest.raises(InvalidOperation):
        cached.fit(texts)
