"""Reading a sentence in its turn: segment vectors blended with the vectors of their utterances.

A sentence in an interview is often read in its turn ("That's where it started." says little on
its own). Suggestions and themes both blend each sentence's vector with its turn's; how much
differs (see the weights below and ARCHITECTURE.md for the measurements).
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np

from qual_si.errors import InvalidOperation
from qual_si.nlp.embed import normalise_rows

#: weight of the surrounding turn in a segment's vector for similarity to codes (see ``with_context``)
CONTEXT_WEIGHT = 1 / 3
#: ... and for finding themes, which describe what is talked about more than single sentences
THEME_CONTEXT_WEIGHT = 0.5
#: how much a code's best score elsewhere in the turn adds to a sentence's score (``turn_support``)
TURN_SUPPORT = 0.35


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


def turn_support(
    scores: np.ndarray, turns: Sequence[Hashable], weight: float = TURN_SUPPORT
) -> np.ndarray:
    """Scores (texts x codes, in [0, 1]) raised by the support of the other sentences of each turn.

    A code that several sentences of a turn point to is more likely than one a single sentence
    does: each score rises towards 1 by ``weight`` x the code's best score among the turn's other
    sentences (``s + weight * other * (1 - s)``, so it stays in [0, 1] and a sentence alone in
    its turn is unchanged). Measured on held-apart data, see ARCHITECTURE.md.
    """
    if len(turns) != len(scores):
        raise InvalidOperation(f"{len(scores)} score rows but {len(turns)} turns")
    members: dict[Hashable, list[int]] = {}
    for row, turn in enumerate(turns):
        members.setdefault(turn, []).append(row)
    raised = np.array(scores, dtype=np.float32, copy=True)
    for rows in members.values():
        if len(rows) < 2:
            continue
        block = raised[rows]
        ordered = np.sort(block, axis=0)
        # the best of the *other* sentences: the runner-up where this sentence is the best
        other = np.where(block >= ordered[-1], ordered[-2], ordered[-1])
        raised[rows] = block + weight * other * (1.0 - block)
    return raised
