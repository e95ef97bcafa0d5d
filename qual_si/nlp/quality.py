"""Quality measures for suggestions and themes (used by the benchmarks and the tests).

- ``precision_at_k`` / ``recall_at_k``: ranked suggestions against gold labels, averaged over the
  segments that have gold labels.
- ``npmi_coherence``: mean normalised pointwise mutual information of each theme's top keyword
  pairs, counting co-occurrence within segments (-1 never together, 0 independent, 1 always).
- ``topic_diversity``: share of distinct words among all themes' top keywords (1 = no overlap).
- ``outlier_share`` and ``adjusted_rand`` (scikit-learn's, over the non-outlier segments).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Hashable, Sequence

import numpy as np

_WORD = re.compile(r"[^\W\d_][^\W\d_]+")


def precision_at_k(
    ranked: Sequence[Sequence[Hashable]], gold: Sequence[Sequence[Hashable]], k: int
) -> float:
    """Mean over labelled segments of (correct among the top k) / k.

    A segment with fewer than k suggestions still divides by k (missing suggestions are not
    correct); for k = 1 this is the share of segments whose first suggestion is a gold label.
    """
    values = [len(set(r[:k]) & set(g)) / k for r, g in zip(ranked, gold, strict=True) if g]
    return float(np.mean(values)) if values else 0.0


def recall_at_k(
    ranked: Sequence[Sequence[Hashable]], gold: Sequence[Sequence[Hashable]], k: int
) -> float:
    """Mean over labelled segments of (gold labels found among the top k) / (number of gold labels)."""
    values = [
        len(set(r[:k]) & set(g)) / len(set(g)) for r, g in zip(ranked, gold, strict=True) if g
    ]
    return float(np.mean(values)) if values else 0.0


def hit_at_k(
    ranked: Sequence[Sequence[Hashable]], gold: Sequence[Sequence[Hashable]], k: int
) -> float:
    """Share of labelled segments with at least one gold label among the top k."""
    values = [bool(set(r[:k]) & set(g)) for r, g in zip(ranked, gold, strict=True) if g]
    return float(np.mean(values)) if values else 0.0


def _terms(text: str) -> set[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    return set(words) | {f"{a} {b}" for a, b in itertools.pairwise(words)}


def npmi_coherence(topics: Sequence[Sequence[str]], texts: Sequence[str], top_n: int = 10) -> float:
    """Mean NPMI of keyword pairs within each topic, over segments as co-occurrence windows.

    Keywords that occur in no segment are skipped; topics with fewer than two usable keywords do
    not count. Returns 0.0 when no topic can be scored.
    """
    documents = [_terms(t) for t in texts]
    total = len(documents)
    if total == 0:
        return 0.0
    vocabulary = {w.lower() for topic in topics for w in topic[:top_n]}
    postings = {w: {i for i, d in enumerate(documents) if w in d} for w in vocabulary}
    per_topic = []
    for topic in topics:
        words = [w.lower() for w in topic[:top_n] if postings.get(w.lower())]
        pairs = []
        for a, b in itertools.combinations(dict.fromkeys(words), 2):
            joint = len(postings[a] & postings[b]) / total
            if joint == 0:
                pairs.append(-1.0)
                continue
            p_a, p_b = len(postings[a]) / total, len(postings[b]) / total
            if joint >= 1.0:
                pairs.append(1.0)
                continue
            pairs.append(math.log(joint / (p_a * p_b)) / -math.log(joint))
        if pairs:
            per_topic.append(float(np.mean(pairs)))
    return float(np.mean(per_topic)) if per_topic else 0.0


def topic_diversity(topics: Sequence[Sequence[str]], top_n: int = 10) -> float:
    """Distinct words among the topics' top ``top_n`` keywords / all those keywords (0..1)."""
    words = [w.lower() for topic in topics for w in topic[:top_n]]
    return len(set(words)) / len(words) if words else 0.0


def outlier_share(assignments: Sequence[int] | np.ndarray) -> float:
    labels = np.asarray(assignments)
    return float(np.mean(labels == -1)) if labels.size else 0.0


def adjusted_rand(
    assignments: Sequence[int] | np.ndarray,
    truth: Sequence[Hashable],
    include_outliers: bool = False,
) -> float:
    """Agreement of theme assignments with known groups (e.g. the answer key's areas).

    Outliers are left out unless ``include_outliers`` (then they form one group of their own).
    """
    from sklearn.metrics import adjusted_rand_score

    labels = np.asarray(assignments)
    keep = np.ones(len(labels), dtype=bool) if include_outliers else labels != -1
    if keep.sum() < 2:
        return 0.0
    return float(
        adjusted_rand_score([t for t, k in zip(truth, keep, strict=True) if k], labels[keep])
    )
