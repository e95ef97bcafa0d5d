"""Deductive code suggestions: score segments against the codes of the codebooks.

Which codes: every active code that says what it is about (keywords, a definition, examples, or
codings by a researcher), leaf or not. Frameworks such as the strategic areas ask for most
passages to be coded at a sub-area that has lettered sub-topics of its own; scoring only leaves
would never suggest the sub-area. A suggested sub-topic still implies its parent, as a coding does
in retrieval and in the matrices, which roll codings up the tree.

Two kinds of evidence, each in [0, 1]:

(a) keywords: the code's keywords and phrases found in the segment (stemmed, see ``keywords``);
(b) text similarity: the embedding similarity to the code's texts: name + definition, its
    inclusion criteria, each example, its keyword list read as a sentence and each passage
    researchers have coded with it (codings count as extra examples, so suggestions learn from the
    researcher's own coding). A code counts as similar when *two* of its texts agree: the mean of
    the two best cosines (the best alone for a code with one text), so one lucky word shared with
    a single example does not outrank a code whose definition and examples both fit.

Raw cosines mean different things for different embedders and corpora, so (b) is calibrated per
segment: a code's similarity counts for how far it stands out above the segment's typical
similarity to all codes (a relative z-score) *and* how high it is in absolute terms. The combined
score is a weighted mean of the evidence a code has, in [0, 1]. Given the turn of each segment,
a code's score also draws on the same code's best score in the other sentences of the turn
(``nlp.context.turn_support``).

Selection: the ``top_k`` best codes *of each codebook* above ``threshold``. Codebooks are separate
lenses (a passage gets a strategic area, a practice area, a development route...), so one
codebook's codes never crowd out another's. Codes excluded for a segment (rejected there before,
or already coded) give their place to the next best.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Self

import numpy as np

from qual_si.errors import InvalidOperation
from qual_si.model import Code
from qual_si.nlp.context import turn_support
from qual_si.nlp.embed import Embedder
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
    text: float = 0.55


@dataclass(frozen=True)
class Calibration:
    """How a raw cosine becomes evidence in [0, 1] (see the module docstring).

    ``relative``: z-score of the similarity among all codes for the segment, mapped linearly from
    ``z_low`` (0) to ``z_high`` (1). ``absolute``: cosine mapped from ``cos_low`` to ``cos_high``.
    The evidence is the mean of both. ``runner_up``: weight of the second most similar of a
    code's texts against the most similar one (0.5: their mean; 0: the best text alone).
    """

    z_low: float = 0.5
    z_high: float = 3.0
    cos_low: float = 0.05
    cos_high: float = 0.45
    runner_up: float = 0.5


@dataclass
class _CodeProfile:
    code: Code
    has_keywords: bool
    codings: list[str]


@dataclass
class _Vectors:
    """Rows of vectors grouped by owner (code index), with the text and kind of each row."""

    matrix: np.ndarray
    owners: np.ndarray  # code index of each row, non-decreasing
    texts: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)


class SuggestionScorer:
    """Scores segments against codes; keeps the best few of each codebook above a threshold.

    ``max_codings`` caps how many coded passages per code serve as examples (the latest ones).
    """

    def __init__(
        self,
        top_k: int = 3,
        threshold: float = 0.3,
        weights: SuggestionWeights | None = None,
        calibration: Calibration | None = None,
        batch_size: int = 2048,
        max_codings: int = 200,
    ) -> None:
        self.top_k = top_k
        self.threshold = threshold
        self.weights = weights or SuggestionWeights()
        self.calibration = calibration or Calibration()
        self.batch_size = batch_size
        self.max_codings = max_codings

    # --- fitting ------------------------------------------------------------------------------

    def fit(
        self,
        codes: Sequence[Code],
        embedder: Embedder,
        coded_texts: Mapping[int, Sequence[str]] | None = None,
    ) -> Self:
        """Prepare the codes. ``embedder`` must be fitted; ``coded_texts`` maps code id -> texts
        researchers have coded with it (in coding order; the latest ``max_codings`` are used)."""
        if self.top_k < 1:
            raise InvalidOperation(f"top_k must be at least 1, not {self.top_k}")
        self.embedder_ = embedder
        self.skipped_: list[tuple[int, str]] = []
        profiles = []
        for code in suggestible_codes(codes):
            codings = [t for t in (coded_texts or {}).get(code.id, ()) if t.strip()]
            has_keywords = any(k.strip() for k in code.keywords)
            if not (has_keywords or _has_text(code) or codings):
                self.skipped_.append(
                    (code.id, f"{code.qualified_id}: no keywords, definition or examples")
                )
                continue
            profiles.append(_CodeProfile(code, has_keywords, codings[-self.max_codings :]))
        if not profiles:
            raise InvalidOperation(
                "no code can be suggested: the codes have no keywords, definitions or examples. "
                "Add some to the codebook first."
            )
        self.profiles_ = profiles
        self.code_ids_ = np.array([p.code.id for p in profiles], dtype=np.int64)
        groups: dict[str | None, list[int]] = {}
        for index, profile in enumerate(profiles):
            groups.setdefault(profile.code.codebook, []).append(index)
        self.groups_ = [np.array(columns, dtype=np.int64) for columns in groups.values()]
        # Keyword evidence weighs in wherever the codebook uses keywords at all: a code of such a
        # codebook that has none (a heading) is not lifted above codes whose keywords did not match.
        # A codebook without any keywords is scored on text similarity alone.
        self.keyword_weight_ = np.zeros(len(profiles), dtype=np.float32)
        for columns in self.groups_:
            if any(profiles[i].has_keywords for i in columns):
                self.keyword_weight_[columns] = self.weights.keywords
        self.keyword_index_ = KeywordIndex({p.code.id: p.code.keywords for p in profiles})
        self.text_vectors_ = self._embed_texts(profiles)
        self.coding_counts_ = np.array([len(p.codings) for p in profiles], dtype=np.int64)
        kinds = np.asarray(self.text_vectors_.kinds)
        self.coding_rows_ = {
            index: np.flatnonzero((self.text_vectors_.owners == index) & (kinds == "coding"))
            for index in np.flatnonzero(self.coding_counts_).tolist()
        }
        return self

    def _embed_texts(self, profiles: Sequence[_CodeProfile]) -> _Vectors:
        texts: list[str] = []
        owners: list[int] = []
        kinds: list[str] = []

        def add(index: int, text: str, kind: str) -> None:
            texts.append(text)
            owners.append(index)
            kinds.append(kind)

        for index, profile in enumerate(profiles):
            code = profile.code
            if _has_text(code):
                add(index, " ".join(x for x in (code.name, code.definition) if x.strip()), "definition")
            if code.inclusion.strip():  # a text of its own: it can be one of the two that agree
                add(index, f"{code.name}: {code.inclusion}", "inclusion")
            for example in code.examples:
                if example.strip():
                    add(index, example, "example")
            if profile.has_keywords:
                add(index, f"{code.name}: " + ", ".join(k for k in code.keywords if k.strip()), "keywords")
            for coded in profile.codings:
                add(index, coded, "coding")
        matrix = self.embedder_.transform(texts)
        return _Vectors(matrix, np.asarray(owners, dtype=np.int64), texts, kinds)

    # --- scoring ------------------------------------------------------------------------------

    def score(
        self,
        texts: Sequence[str],
        embeddings: np.ndarray | None = None,
        exclude: Sequence[Collection[int]] | None = None,
        turns: Sequence[Hashable] | None = None,
    ) -> list[list[SuggestionHit]]:
        """For each text, the best ``top_k`` codes of each codebook with score >= ``threshold``,
        best first.

        ``embeddings`` (rows for ``texts`` from the same embedder, e.g. from the project's cache)
        saves embedding the texts again. ``exclude[i]`` lists code ids never to suggest for text i.
        ``turns[i]`` names the turn text i belongs to (e.g. (document, turn start)); sentences of
        one turn should be adjacent. With it a code's score draws on the rest of the turn.
        """
        self._check_fitted()
        embeddings = self._embeddings_for(texts, embeddings)
        if exclude is not None and len(exclude) != len(texts):
            raise InvalidOperation(f"{len(texts)} texts but {len(exclude)} exclusion lists")
        results: list[list[SuggestionHit]] = []
        for start, stop in self._batches(len(texts), turns):
            results.extend(
                self._score_batch(
                    texts[start:stop],
                    embeddings[start:stop],
                    None if exclude is None else exclude[start:stop],
                    None if turns is None else turns[start:stop],
                )
            )
        return results

    def score_matrix(
        self,
        texts: Sequence[str],
        embeddings: np.ndarray | None = None,
        turns: Sequence[Hashable] | None = None,
    ) -> np.ndarray:
        """Combined scores of every text (rows) against every scored code (columns, ``code_ids_``)."""
        self._check_fitted()
        embeddings = self._embeddings_for(texts, embeddings)
        parts = [
            self._components(
                texts[a:b], embeddings[a:b], None if turns is None else turns[a:b]
            )[0]
            for a, b in self._batches(len(texts), turns)
        ]
        return np.vstack(parts) if parts else np.zeros((0, len(self.profiles_)), dtype=np.float32)

    def _batches(self, n: int, turns: Sequence[Hashable] | None) -> list[tuple[int, int]]:
        return turn_batches(n, turns, self.batch_size)

    def _embeddings_for(self, texts: Sequence[str], embeddings: np.ndarray | None) -> np.ndarray:
        if embeddings is None:
            return self.embedder_.transform(texts)
        if len(embeddings) != len(texts):
            raise InvalidOperation(f"{len(texts)} texts but {len(embeddings)} embedding rows")
        return np.asarray(embeddings, dtype=np.float32)

    def _check_fitted(self) -> None:
        if not hasattr(self, "profiles_"):
            raise InvalidOperation(
                "the suggestion scorer is not fitted yet: call fit() with the codebook"
            )

    def _components(
        self, texts: Sequence[str], embeddings: np.ndarray, turns: Sequence[Hashable] | None
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
        text_raw, text_best, runner_up = _best_per_owner(embeddings, self.text_vectors_, n_codes)
        share = self.calibration.runner_up  # two of the code's texts agreeing (module docstring)
        text_scores = self._calibrate((1.0 - share) * text_raw + share * runner_up)
        w_keywords = self.keyword_weight_
        w_text = np.full(n_codes, self.weights.text, dtype=np.float32)
        total = keyword_scores * w_keywords + text_scores * w_text
        alone = np.clip(total / np.maximum(w_keywords + w_text, 1e-9), 0.0, 1.0).astype(np.float32)
        combined = alone if turns is None else turn_support(alone, turns)
        details = {
            "alone": alone,
            "keywords": keyword_scores,
            "matches": keyword_matches,
            "text": text_scores,
            "text_raw": text_raw,
            "text_best": text_best,
        }
        return combined.astype(np.float32), details

    def _calibrate(self, raw: np.ndarray) -> np.ndarray:
        """Raw cosines -> [0, 1]: the mean of a relative (z-score) and an absolute mapping."""
        c = self.calibration
        absolute = np.clip((raw - c.cos_low) / (c.cos_high - c.cos_low), 0.0, 1.0)
        if raw.shape[1] < 3:  # a z-score over one or two codes says nothing
            return absolute.astype(np.float32)
        mean = raw.mean(axis=1, keepdims=True)
        spread = raw.std(axis=1, keepdims=True) + 1e-6
        relative = np.clip(((raw - mean) / spread - c.z_low) / (c.z_high - c.z_low), 0.0, 1.0)
        return ((relative + absolute) / 2.0).astype(np.float32)

    def _score_batch(
        self,
        texts: Sequence[str],
        embeddings: np.ndarray,
        exclude: Sequence[Collection[int]] | None,
        turns: Sequence[Hashable] | None,
    ) -> list[list[SuggestionHit]]:
        combined, details = self._components(texts, embeddings, turns)
        ranked = combined.copy()
        if exclude is not None:
            position = {int(c): i for i, c in enumerate(self.code_ids_)}
            for row, excluded in enumerate(exclude):
                dropped = [position[c] for c in excluded if c in position]
                ranked[row, dropped] = -1.0  # below any threshold: never kept
        rows, columns = self._select(ranked)
        hits: list[list[SuggestionHit]] = [[] for _ in texts]
        for row, column in zip(rows.tolist(), columns.tolist(), strict=True):
            hits[row].append(self._hit(row, column, combined, details, embeddings))
        return hits

    def _select(self, ranked: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(row, column) pairs kept: top ``top_k`` per codebook above the threshold, ordered by
        row, then score (best first), then column."""
        kept_rows: list[np.ndarray] = []
        kept_columns: list[np.ndarray] = []
        for columns in self.groups_:
            k = min(self.top_k, len(columns))
            top = np.argsort(-ranked[:, columns], axis=1, kind="stable")[:, :k]
            values = np.take_along_axis(ranked[:, columns], top, axis=1)
            rows, slots = np.nonzero(values >= max(self.threshold, 0.0))
            kept_rows.append(rows)
            kept_columns.append(columns[top[rows, slots]])
        rows = np.concatenate(kept_rows) if kept_rows else np.zeros(0, dtype=np.int64)
        columns = np.concatenate(kept_columns) if kept_columns else np.zeros(0, dtype=np.int64)
        order = np.lexsort((columns, -ranked[rows, columns], rows))
        return rows[order], columns[order]

    def _hit(
        self,
        row: int,
        index: int,
        combined: np.ndarray,
        details: dict[str, Any],
        embeddings: np.ndarray,
    ) -> SuggestionHit:
        code_id = int(self.code_ids_[index])
        matches = details["matches"][row].get(code_id, [])
        best = int(details["text_best"][row, index])
        vectors = self.text_vectors_
        evidence: dict[str, Any] = {
            "keywords": [m.keyword for m in matches],
            # offsets into the segment's own text (add the segment's start for document offsets)
            "keyword_spans": [list(span) for m in matches for span in m.spans],
            "similar_text": vectors.texts[best],
            "similar_kind": vectors.kinds[best],
            "similarity": round(float(details["text_raw"][row, index]), 3),
            "components": {
                "keywords": round(float(details["keywords"][row, index]), 3),
                "similarity": round(float(details["text"][row, index]), 3),
            },
        }
        lift = float(combined[row, index] - details["alone"][row, index])
        if lift > 0:  # support from other sentences of the turn
            evidence["components"]["turn"] = round(lift, 3)
        if index in self.coding_rows_:
            coded = self.coding_rows_[index]
            similarities = vectors.matrix[coded] @ embeddings[row]
            nearest = int(np.argmax(similarities))
            evidence["similar_coding"] = vectors.texts[int(coded[nearest])]
            evidence["coding_similarity"] = round(float(similarities[nearest]), 3)
            evidence["codings"] = int(self.coding_counts_[index])
        return SuggestionHit(code_id, round(float(combined[row, index]), 4), evidence)


def _has_text(code: Code) -> bool:
    return bool(code.definition.strip() or any(e.strip() for e in code.examples))


def _best_per_owner(
    embeddings: np.ndarray, vectors: _Vectors, n_owners: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per text and owner: the highest cosine to any of the owner's rows, that row's index, and
    the second highest cosine (the highest again for an owner with one row).

    Owners without rows get -1 similarity (never chosen) and row index 0.
    """
    sims = np.asarray(embeddings, dtype=np.float32) @ vectors.matrix.T
    best = np.full((len(embeddings), n_owners), -1.0, dtype=np.float32)
    where = np.zeros((len(embeddings), n_owners), dtype=np.int64)
    if sims.shape[1] == 0 or sims.shape[0] == 0:
        return best, where, best.copy()
    owners, starts = np.unique(vectors.owners, return_index=True)
    best[:, owners] = np.maximum.reduceat(sims, starts, axis=1)
    ends = np.append(starts[1:], sims.shape[1])
    for owner, a, b in zip(owners, starts, ends, strict=True):
        where[:, owner] = a + np.argmax(sims[:, a:b], axis=1)
    runner_up = best.copy()
    several = owners[(ends - starts) > 1]
    if len(several):
        sims[np.arange(len(sims))[:, None], where[:, several]] = -np.inf  # the best rows out
        second = np.maximum.reduceat(sims, starts, axis=1)
        runner_up[:, several] = second[:, np.searchsorted(owners, several)]
    return best, where, runner_up


def suggestible_codes(codes: Sequence[Code]) -> list[Code]:
    """The active codes, leaves and parents alike, in the given order."""
    return [c for c in codes if c.status == "active"]


def leaf_codes(codes: Sequence[Code]) -> list[Code]:
    """Active codes that no other active code has as parent, in the given order."""
    active = suggestible_codes(codes)
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


def turn_batches(n: int, turns: Sequence[Hashable] | None, size: int) -> list[tuple[int, int]]:
    """``[start, stop)`` batches of about ``size`` rows in which no turn is cut in two (sentences of
    one turn are adjacent), so a code's support from the rest of its turn is always seen."""
    if turns is not None and len(turns) != n:
        raise InvalidOperation(f"{n} texts but {len(turns)} turns")
    bounds, start = [], 0
    while start < n:
        stop = min(start + size, n)
        while turns is not None and 0 < stop < n and turns[stop] == turns[stop - 1]:
            stop += 1
        bounds.append((start, stop))
        start = stop
    return bounds
