"""Reading a sentence in its turn: segment vectors blended with the vectors of their utterances.

A sentence in an interview is often read in its turn ("That's where it started." says little on
its own). Suggestions and themes both blend each sentence's vector with its turn's; how much
differs (see the weights below and ARCHITECTURE.md for the measurements).
"""

from __future__ import annotations

import numpy as np

from qual_si.errors import InvalidOperation
from qual_si.nlp.embed import normalise_rows

#: weight of the surrounding turn in a segment's vector for similarity to codes (see ``with_context``)
CONTEXT_WEIGHT = 1 / 3
#: ... and for finding themes, which describe what is talked about more than single sentences
THEME_CONTEXT_WEIGHT = 0.5


def with_context(
    vectors: np.ndarray, context_vectors: np.ndarray, weight: float = CONTEXT_WEIGHT
) -> np.ndarray:
    """Sentence vectors blended with the vectors of their turns, rows re-normalised.

    A sentence in an interview is read in its turn ("That's where it started." says little on its
    own). For suggestions, keywords are still matched in the sentence alone; only the similarity
    sees the turn. On the demo corpus a third of the turn (0.2, 0.35 and 0.5 were tried) raised
    every suggestion measure a little, in both halves of the corpus; for themes, half the turn
    (0, 1/3 and 1/2 tried) gave more coherent themes and fewer outliers. See ARCHITECTURE.md.
    """
    if len(vectors) != len(context_vectors):
        raise InvalidOperation(f"{len(vectors)} vectors but {len(context_vectors)} context vectors")
    blended = (1.0 - weight) * np.asarray(vectors, dtype=np.float32) + weight * np.asarray(
        context_vectors, dtype=np.float32
    )
    return normalise_rows(blended)
