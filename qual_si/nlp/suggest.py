"""Deductive code suggestions: score every segment against the leaf codes of the codebooks.

Three kinds of evidence, each in [0, 1]:

(a) keywords: the code's keywords and phrases found in the segment (stemmed, see ``keywords``);
(b) definition: embedding similarity to the code's name + definition + inclusion text, to each of
    its examples and to its keyword list read as a sentence;
(c) codings: similarity to the segments researchers have already coded with it, weighed in as
    their number grows, so suggestions learn from the researcher.

Raw cosines mean different things for different embedders and corpora, so (b) and (c) are
calibrated per segment: a code's similarity counts for how far it stands out above the segment's
typical similarity to all codes (a relative z-score) *and* how high it is in absolute terms. The
combined score is a weighted mean of the evidence a code has, in [0, 1].
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Self

import numpy as np

from qual_si.errors import InvalidOperation
from qual_si.model import Code
from qual_si.nlp.embed import Embedder, normalise_rows
from qual_si.nlp.keywords import KeywordIndex, KeywordMatch, keyword_strength


@dataclass(frozen=True)
class SuggestionHit:
    """One suggested code for one segment, with the evidence a researcher sees."""

    code_id: int
    score: float
    evidence: dict[str, Any]


@dataclass(frozen=True)
class SuggestionWeights:
    """Relative weight of each kind of evidence in the combined score."""

    keywords: float = 0.45
    definition: float = 0.55
    #: the weight of (c) once a code has many codings; with n codings it is codings * n / (n + 3)
    codings: float = 0.6


@dataclass(frozen=True)
class Calibration:
    """How a raw cosine becomes evidence in [0, 1] (see the module docstring).

    ``relative``: z-score of the similarity among all codes for the segment, mapped linearly from
    ``z_low`` (0) to ``z_high`` (1). ``absolute``: cosine mapped from ``cos_low`` to ``cos_high``.
    The evidence is the mean of both.
    """

    z_low: float = 0.5
    z_high: float = 3.0
    cos_low: float = 0.05
    cos_high: float = 0.45


@dataclass
class _CodeProfile:
    code: Code
    has_keywords: bool
    has_text: bool


@dataclass
class _Vectors:
    """Rows of vectors grouped by owner (code index), with the text of each row for evidence."""

    matrix: np.ndarray
    owners: np.ndarray  # code index of each row, non-decreasing
    texts: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)


class SuggestionScorer:
    """Scores segments against the leaf codes of a codebook; keeps the best few above a threshold."""

    def __init__(
        self,
        top_k: int = 3,
        threshold: float = 0.3,
        weights: SuggestionWeights | None = None,
        calibration: Calibration | None = None,
        batch_size: int = 2048,
    ) -> None:
        self.top_k = top_k
        self.threshold = threshold
        self.weights = weights or SuggestionWeights()
        self.calibration = calibration or Calibration()
        self.batch_size = batch_size

    # --- fitting ------------------------------------------------------------------------------

    def fit(
        self,
        codes: Sequence[Code],
        embedder: Embedder,
        coded_texts: Mapping[int, Sequence[str]] | None = None,
    ) -> Self:
        """Prepare the codebook. ``embedder`` must be fitted; ``coded_texts`` maps code id -> texts."""
        self.embedder_ = embedder
        self.skipped_: list[tuple[int, str]] = []
        profiles = []
        for code in leaf_codes(codes):
            has_keywords = any(k.strip() for k in code.keywords)
            has_text = bool(code.definition.strip() or any(e.strip() for e in code.examples))
            if not (has_keywords or has_text):
                self.skipped_.append(
                    (code.id, f"{code.qualified_id}: no keywords, definition or examples")
                )
                continue
            profiles.append(_CodeProfile(code, has_keywords, has_text))
        if not profiles:
            raise InvalidOperation(
                "no code can be suggested: the codebook's leaf codes have no keywords, definitions or "
                "examples. Add some to the codebook first."
            )
        self.profiles_ = profiles
        self.code_ids_ = np.array([p.code.id for p in profiles], dtype=np.int64)
        position = {p.code.id: i for i, p in enumerate(profiles)}
        self.keyword_index_ = KeywordIndex({p.code.id: p.code.keywords for p in profiles})
        self.definition_vectors_ = self._embed_definitions(profiles)
        coded = {
            position[c]: list(t) for c, t in (coded_texts or {}).items() if c in position and t
        }
        self.coding_vectors_ = self._embed_groups(coded, "coding") if coded else None
        self.coding_counts_ = np.zeros(len(profiles), dtype=np.int64)
        for index, texts in coded.items():
            self.coding_counts_[index] = len(texts)
        self.coding_centroids_ = None
        if self.coding_vectors_ is not None:
            # One prototype per code: the mean of its codings. A single nearest coding is noisy
            # when a code has few codings; the prototype is what the codings have in common.
            centroids = np.zeros(
                (len(profiles), self.coding_vectors_.matrix.shape[1]), dtype=np.float32
            )
            np.add.at(centroids, self.coding_vectors_.owners, self.coding_vectors_.matrix)
            self.coding_centroids_ = normalise_rows(centroids)
        return self

    def _embed_definitions(self, profiles: Sequence[_CodeProfile]) -> _Vectors:
        groups: dict[int, list[str]] = {}
        kinds: dict[int, list[str]] = {}
        for index, profile in enumerate(profiles):
            code = profile.code
            texts, labels = [], []
            described = " ".join(
                x for x in (code.name, code.definition, code.inclusion) if x.strip()
            )
            if profile.has_text:
                texts.append(described)
                labels.append("definition")
            texts.extend(e for e in code.examples if e.strip())
            labels.extend("example" for e in code.examples if e.strip())
            if profile.has_keywords:
                texts.append(f"{code.name}: " + ", ".join(k for k in code.keywords if k.strip()))
                labels.append("keywords")
            groups[index], kinds[index] = texts, labels
        return self._embed_groups(groups, kinds)

    def _embed_groups(
        self, groups: Mapping[int, Sequence[str]], kind: str | Mapping[int, Sequence[str]]
    ) -> _Vectors:
        texts: list[str] = []
        owners: list[int] = []
        kinds: list[str] = []
        for index in sorted(groups):
            texts.extend(groups[index])
            owners.extend([index] * len(groups[index]))
            kinds.extend([kind] * len(groups[index]) if isinstance(kind, str) else kind[index])
        matrix = self.embedder_.transform(texts)
        return _Vectors(matrix, np.asarray(owners, dtype=np.int64), texts, kinds)

    # --- scoring ------------------------------------------------------------------------------

    def score(
        self, texts: Sequence[str], embeddings: np.ndarray | None = None
    ) -> list[list[SuggestionHit]]:
        """For each text, up to ``top_k`` hits with score >= ``threshold``, best first.

        ``embeddings`` (rows for ``texts`` from the same embedder, e.g. from the project's cache)
        saves embedding the texts again.
        """
        self._check_fitted()
        if embeddings is None:
            embeddings = self.embedder_.transform(texts)
        if len(embeddings) != len(texts):
            raise InvalidOperation(f"{len(texts)} texts but {len(embeddings)} embedding rows")
        results: list[list[SuggestionHit]] = []
        for start in range(0, len(texts), self.batch_size):
            batch = texts[start : start + self.batch_size]
            results.extend(self._score_batch(batch, embeddings[start : start + self.batch_size]))
        return results

    def score_matrix(
        self, texts: Sequence[str], embeddings: np.ndarray | None = None
    ) -> np.ndarray:
        """Combined scores of every text (rows) against every scored code (columns, ``code_ids_``)."""
        self._check_fitted()
        if embeddings is None:
            embeddings = self.embedder_.transform(texts)
        parts = [
            self._components(texts[s : s + self.batch_size], embeddings[s : s + self.batch_size])[0]
            for s in range(0, len(texts), self.batch_size)
        ]
        return np.vstack(parts) if parts else np.zeros((0, len(self.profiles_)), dtype=np.float32)

    def _check_fitted(self) -> None:
        if not hasattr(self, "profiles_"):
            raise InvalidOperation(
                "the suggestion scorer is not fitted yet: call fit() with the codebook"
            )

    def _components(
        self, texts: Sequence[str], embeddings: np.ndarray
    ) -> tuple[np.ndarray, dict[str, Any]]:
        n_codes = len(self.profiles_)
        keyword_scores = np.zeros((len(texts), n_codes), dtype=np.float32)
        keyword_matches: list[dict[Hashable, list[KeywordMatch]]] = []
        position: dict[Hashable, int] = {int(c): i for i, c in enumerate(self.code_ids_)}
        for row, text in enumerate(texts):
            found = self.keyword_index_.match(text)
            keyword_matches.append(found)
            for code_id, matches in found.items():
                keyword_scores[row, position[code_id]] = keyword_strength(
                    matches, self.keyword_index_
                )
        definition_raw, definition_best = _best_per_owner(
            embeddings, self.definition_vectors_, n_codes
        )
        definition = self._calibrate(definition_raw)
        weights = self.weights
        has_keywords = np.array([p.has_keywords for p in self.profiles_], dtype=np.float32)
        w_keywords = weights.keywords * has_keywords
        w_definition = np.full(n_codes, weights.definition, dtype=np.float32)
        total = keyword_scores * w_keywords + definition * w_definition
        weight_sum = w_keywords + w_definition
        coding_raw = coding_best = None
        if self.coding_vectors_ is not None:
            nearest_raw, coding_best = _best_per_owner(embeddings, self.coding_vectors_, n_codes)
            assert self.coding_centroids_ is not None
            coding_raw = (nearest_raw + embeddings @ self.coding_centroids_.T) / 2.0
            w_coding = weights.codings * self.coding_counts_ / (self.coding_counts_ + 3.0)
            coded = self.coding_counts_ > 0
            total = total + self._calibrate(coding_raw, coded) * w_coding.astype(np.float32)
            weight_sum = weight_sum + w_coding
        combined = np.clip(total / np.maximum(weight_sum, 1e-9), 0.0, 1.0).astype(np.float32)
        details = {
            "keywords": keyword_scores,
            "matches": keyword_matches,
            "definition_raw": definition_raw,
            "definition_best": definition_best,
            "coding_raw": coding_raw,
            "coding_best": coding_best,
        }
        return combined, details

    def _calibrate(self, raw: np.ndarray, present: np.ndarray | None = None) -> np.ndarray:
        """Raw cosines -> [0, 1]. ``present`` marks the columns that have this evidence at all;
        only they form the segment's baseline (absent ones would drag the mean down)."""
        c = self.calibration
        columns = raw if present is None else raw[:, present]
        absolute = np.clip((raw - c.cos_low) / (c.cos_high - c.cos_low), 0.0, 1.0)
        if columns.shape[1] < 3:  # a z-score over one or two codes says nothing
            return absolute.astype(np.float32)
        mean = columns.mean(axis=1, keepdims=True)
        spread = columns.std(axis=1, keepdims=True) + 1e-6
        relative = np.clip(((raw - mean) / spread - c.z_low) / (c.z_high - c.z_low), 0.0, 1.0)
        return ((relative + absolute) / 2.0).astype(np.float32)

    def _score_batch(
        self, texts: Sequence[str], embeddings: np.ndarray
    ) -> list[list[SuggestionHit]]:
        combined, details = self._components(texts, embeddings)
        k = min(self.top_k, combined.shape[1])
        hits: list[list[SuggestionHit]] = []
        for row in range(len(texts)):
            order = np.argsort(-combined[row], kind="stable")[:k]
            kept = [int(i) for i in order if combined[row, i] >= self.threshold]
            hits.append([self._hit(row, i, combined, details) for i in kept])
        return hits

    def _hit(
        self, row: int, index: int, combined: np.ndarray, details: dict[str, Any]
    ) -> SuggestionHit:
        code_id = int(self.code_ids_[index])
        matches = details["matches"][row].get(code_id, [])
        best = int(details["definition_best"][row, index])
        evidence: dict[str, Any] = {
            "keywords": [m.keyword for m in matches],
            "keyword_spans": [list(span) for m in matches for span in m.spans],
            "keyword_score": round(float(details["keywords"][row, index]), 3),
            "similar_text": self.definition_vectors_.texts[best],
            "similar_kind": self.definition_vectors_.kinds[best],
            "similarity": round(float(details["definition_raw"][row, index]), 3),
        }
        if details["coding_raw"] is not None and self.coding_counts_[index] > 0:
            coding = int(details["coding_best"][row, index])
            assert self.coding_vectors_ is not None
            evidence["similar_coding"] = self.coding_vectors_.texts[coding]
            evidence["coding_similarity"] = round(float(details["coding_raw"][row, index]), 3)
        return SuggestionHit(code_id, round(float(combined[row, index]), 4), evidence)


def _best_per_owner(
    embeddings: np.ndarray, vectors: _Vectors, n_owners: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per text and owner: the highest cosine to any of the owner's rows, and that row's index.

    Owners without rows get -1 similarity (never chosen) and row index 0.
    """
    sims = np.asarray(embeddings, dtype=np.float32) @ vectors.matrix.T
    best = np.full((len(embeddings), n_owners), -1.0, dtype=np.float32)
    where = np.zeros((len(embeddings), n_owners), dtype=np.int64)
    if sims.shape[1] == 0:
        return best, where
    owners, starts = np.unique(vectors.owners, return_index=True)
    best[:, owners] = np.maximum.reduceat(sims, starts, axis=1)
    ends = np.append(starts[1:], sims.shape[1])
    for owner, a, b in zip(owners, starts, ends, strict=True):
        where[:, owner] = a + np.argmax(sims[:, a:b], axis=1)
    return best, where


def leaf_codes(codes: Sequence[Code]) -> list[Code]:
    """Active codes that no other active code has as parent, in the given order."""
    active = [c for c in codes if c.status == "active"]
    parents = {c.parent_id for c in active if c.parent_id is not None}
    return [c for c in active if c.id not in parents]


def codebook_texts(codes: Sequence[Code]) -> list[str]:
    """The text of a codebook to add to the embedder's training texts (names, definitions, examples)."""
    texts: list[str] = []
    for code in codes:
        described = " ".join(x for x in (code.name, code.definition, code.inclusion) if x.strip())
        if described:
            texts.append(described)
        texts.extend(e for e in code.examples if e.strip())
        if code.keywords:
            texts.append(", ".join(code.keywords))
    return texts
