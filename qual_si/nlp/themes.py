"""Emerging themes (inductive): BERTopic over segments with precomputed embeddings.

BERTopic's defaults (UMAP with 15 neighbours and no seed, HDBSCAN with ``min_cluster_size=10``,
a plain CountVectorizer) are tuned for tens of thousands of documents: on a few hundred segments
they leave a third of the text as outliers and change from run to run. ``ThemeFinder`` instead:

- seeds UMAP, so a fixed seed gives the same themes (UMAP then runs on one core);
- scales UMAP's neighbourhood and HDBSCAN's minimum cluster size with the square root of the
  number of segments (see ``theme_parameters``), so 2 interviews and 500 interviews both get
  themes of a comparable grain;
- keeps HDBSCAN's cores tight (``min_samples`` equal to the minimum cluster size), so the keywords
  describe what is central, and then gives each outlier to the theme whose centroid it is most
  similar to, if it is as close as that theme's least typical member (and at least
  ``outlier_similarity``), so true noise stays out;
- clusters very small corpora (under ``SMALL_CORPUS`` segments) with k-means on the embeddings,
  where UMAP has too few neighbours to learn from, and returns one theme for a handful of segments;
- labels themes from c-TF-IDF keywords with stop words removed (unigrams and bigrams), preferring
  words that at least two of the theme's segments use (``theme_words.topic_keywords``).

BERTopic never loads an embedding model here: the embeddings are always given.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from qual_si.errors import InvalidOperation, MissingDependency
from qual_si.nlp.embed import normalise_rows, set_offline_environment
from qual_si.nlp.theme_words import (
    centroid_similarity,
    representatives,
    theme_label,
    topic_keywords,
)

__all__ = [
    "MIN_SEGMENTS",
    "CodeDraft",
    "Theme",
    "ThemeFinder",
    "ThemeResult",
    "draft_code_from_theme",
    "representatives",
    "residual_mask",
    "spread",
    "theme_label",
    "theme_parameters",
    "topic_keywords",
]

THEMES_EXTRA_HINT = "Install it with: pip install 'qual-si[themes]'"
#: below this many segments there is nothing to cluster: one theme holds them all
MIN_SEGMENTS = 10
#: below this many segments, k-means on the embeddings replaces UMAP + HDBSCAN
SMALL_CORPUS = 120
REPRESENTATIVES = 5
#: a representative quote should have at least this many words when the theme has such members
SUBSTANTIVE_WORDS = 10


@dataclass(frozen=True)
class Theme:
    """One emerging theme. Indices point into the texts given to ``ThemeFinder.fit``."""

    number: int
    label: str
    keywords: tuple[str, ...]
    members: tuple[int, ...]
    representatives: tuple[int, ...]

    @property
    def size(self) -> int:
        return len(self.members)


@dataclass
class ThemeResult:
    themes: list[Theme]
    #: theme number of every text, -1 for outliers
    assignments: np.ndarray
    outliers: tuple[int, ...]
    #: the parameters used (for reports and the project's topic-run record)
    parameters: dict[str, Any] = field(default_factory=dict)
    #: why the result is degraded, e.g. "only 5 segments: shown as one theme"
    note: str | None = None
    #: cosine of every text to its theme's centroid (NaN for outliers)
    similarity: np.ndarray | None = None

    @property
    def outlier_share(self) -> float:
        return len(self.outliers) / len(self.assignments) if len(self.assignments) else 0.0


def theme_parameters(n_segments: int) -> dict[str, Any]:
    """Clustering parameters for a corpus of ``n_segments`` (see the module docstring).

    Square-root scaling: 400 segments -> 10 neighbours, clusters of >= 5; 1,527 (the demo) -> 16 and 8;
    20,000 -> 30 and 28. Small, tight clusters (a fifth of the square root, ``min_samples`` equal
    to it, HDBSCAN's own default) give the most coherent keywords; the outliers they leave are
    absorbed afterwards (``_absorb_outliers``). On the demo corpus (1,527 segments) half the
    square root (20) gave 23 broad themes whose keywords mixed several conversations (NPMI within
    turns -0.01 against BERTopic defaults' +0.07 on the same keywords), a quarter (10) 46 themes
    (+0.05 to +0.08, parity), a fifth (8) 62 themes (+0.10); see ARCHITECTURE.md, "Themes".
    The neighbour cap of 30 keeps seeded (hence single-core) UMAP near 25 s for 20,000 segments;
    50 neighbours took twice as long for no visible gain in the themes.
    """
    root = math.sqrt(max(n_segments, 1))
    min_cluster_size = int(np.clip(round(root / 5), 5, 100))
    return {
        "n_neighbors": int(np.clip(round(root * 0.4), 10, 30)),
        "n_components": 5,
        "min_cluster_size": min_cluster_size,
        # HDBSCAN's default (min_samples = min_cluster_size): tight cores, so the keywords (computed
        # from the cores) describe what is central; half of it (phase 2) gave vaguer keywords for the
        # same number of themes. The outliers left are absorbed where they fit (``_absorb_outliers``).
        "min_samples": min_cluster_size,
        # No theme may hold more than a quarter of the corpus: on a few hundred segments HDBSCAN's
        # "eom" otherwise tends to return one giant cluster plus a crumb (the "2 topics" failure).
        "max_cluster_size": max(n_segments // 4, 3 * min_cluster_size),
        "n_clusters": int(np.clip(round(math.sqrt(n_segments / 2)), 2, 12)),
        "min_df": 1 if n_segments < 300 else 2,
    }


class ThemeFinder:
    """Finds themes in segments from their embeddings. Deterministic for a fixed ``seed``.

    ``reducer``/``clusterer`` replace the defaults (any object BERTopic accepts as ``umap_model`` /
    ``hdbscan_model``); ``parameters`` overrides entries of ``theme_parameters``.
    """

    def __init__(
        self,
        seed: int = 0,
        *,
        outlier_similarity: float = 0.25,
        top_n_words: int = 10,
        reducer: Any = None,
        clusterer: Any = None,
        parameters: dict[str, Any] | None = None,
    ) -> None:
        self.seed = seed
        self.outlier_similarity = outlier_similarity
        self.top_n_words = top_n_words
        self.reducer = reducer
        self.clusterer = clusterer
        self.parameters = parameters or {}

    def fit(
        self,
        texts: Sequence[str],
        embeddings: np.ndarray,
        groups: Sequence[tuple[Hashable, ...]] | None = None,
    ) -> ThemeResult:
        """Themes of ``texts``. ``groups[i]`` (e.g. (case, participant) of text i) spreads each
        theme's representative quotes over as many cases and participants as it can."""
        if len(texts) != len(embeddings):
            raise InvalidOperation(f"{len(texts)} texts but {len(embeddings)} embedding rows")
        if groups is not None and len(groups) != len(texts):
            raise InvalidOperation(f"{len(texts)} texts but {len(groups)} group labels")
        self.groups_: Sequence[tuple[Hashable, ...]] | None = groups
        if len(texts) == 0:
            raise InvalidOperation(
                "there are no segments to find themes in: import and segment documents first"
            )
        vectors = normalise_rows(np.array(embeddings, dtype=np.float32))
        params = theme_parameters(len(texts)) | self.parameters
        params["seed"] = self.seed
        if len(texts) < MIN_SEGMENTS:
            labels = np.zeros(len(texts), dtype=np.int64)
            note = (
                f"only {len(texts)} segments: too few to separate themes, so they are shown as one. "
                f"Themes need at least {MIN_SEGMENTS} segments."
            )
            return self._result(texts, vectors, labels, params | {"method": "single"}, note)
        core = self._cluster(texts, vectors, params)
        labels = self._absorb_outliers(vectors, core)
        return self._result(texts, vectors, labels, params, None, core)

    # --- clustering ---------------------------------------------------------------------------

    def _cluster(
        self, texts: Sequence[str], vectors: np.ndarray, params: dict[str, Any]
    ) -> np.ndarray:
        set_offline_environment()
        try:
            from bertopic import BERTopic
        except ImportError as error:
            raise MissingDependency("The BERTopic package", THEMES_EXTRA_HINT) from error
        reducer, clusterer = self.reducer, self.clusterer
        if reducer is None or clusterer is None:
            default_reducer, default_clusterer = self._default_models(len(texts), params)
            reducer = reducer if reducer is not None else default_reducer
            clusterer = clusterer if clusterer is not None else default_clusterer
        from sklearn.feature_extraction.text import CountVectorizer

        # Keywords are computed afterwards from the final themes (``topic_keywords``); BERTopic's
        # own c-TF-IDF pass only needs a vectoriser that cannot fail on symbol-only segments.
        model = BERTopic(
            embedding_model=None,
            umap_model=reducer,
            hdbscan_model=clusterer,
            vectorizer_model=CountVectorizer(token_pattern=r"(?u)\S+"),
            top_n_words=self.top_n_words,
            calculate_probabilities=False,
            verbose=False,
        )
        topics, _ = model.fit_transform(list(texts), embeddings=vectors)
        return np.asarray(topics, dtype=np.int64)

    def _default_models(self, n: int, params: dict[str, Any]) -> tuple[Any, Any]:
        if n < SMALL_CORPUS:
            from bertopic.dimensionality import BaseDimensionalityReduction
            from sklearn.cluster import KMeans

            params["method"] = "kmeans"
            k = min(params["n_clusters"], n - 1)
            return BaseDimensionalityReduction(), KMeans(
                n_clusters=k, n_init=10, random_state=self.seed
            )
        import warnings

        from hdbscan import HDBSCAN
        from umap import UMAP

        params["method"] = "umap+hdbscan"
        warnings.filterwarnings(
            "ignore", message="n_jobs value .* overridden", category=UserWarning
        )
        reducer = UMAP(
            n_neighbors=min(params["n_neighbors"], n - 1),
            n_components=params["n_components"],
            min_dist=0.0,
            metric="cosine",
            random_state=self.seed,
        )
        clusterer = HDBSCAN(
            min_cluster_size=params["min_cluster_size"],
            min_samples=params["min_samples"],
            max_cluster_size=params["max_cluster_size"],
            metric="euclidean",
            cluster_selection_method="eom",
        )
        return reducer, clusterer

    def _absorb_outliers(self, vectors: np.ndarray, labels: np.ndarray) -> np.ndarray:
        labels = labels.copy()
        topics = sorted(set(labels.tolist()) - {-1})
        outliers = np.flatnonzero(labels == -1)
        if not topics or len(outliers) == 0:
            return labels
        centroids = normalise_rows(np.stack([vectors[labels == t].mean(axis=0) for t in topics]))
        # An outlier joins its nearest theme only if it is as close to the theme's centre as the
        # theme's own least typical member (and at least ``outlier_similarity``): the bar adapts
        # to the embedder, whose cosines run higher for some models than for others.
        floor = np.array([
            max(self.outlier_similarity, float((vectors[labels == t] @ centroids[i]).min()))
            for i, t in enumerate(topics)
        ])
        similarity = vectors[outliers] @ centroids.T
        best = similarity.argmax(axis=1)
        keep = similarity[np.arange(len(outliers)), best] >= floor[best]
        labels[outliers[keep]] = np.asarray(topics)[best[keep]]
        return labels

    # --- describing themes --------------------------------------------------------------------

    def _result(
        self,
        texts: Sequence[str],
        vectors: np.ndarray,
        labels: np.ndarray,
        params: dict[str, Any],
        note: str | None,
        core: np.ndarray | None = None,
    ) -> ThemeResult:
        """Number, label and describe the themes. Keywords come from the ``core`` members (the
        clusterer's own, before outliers were absorbed) so that they describe what is central."""
        # Renumber by size (largest theme is 0), ties by first member, so numbers are stable.
        topics = [t for t in set(labels.tolist()) if t != -1]
        topics.sort(key=lambda t: (-int(np.sum(labels == t)), int(np.argmax(labels == t))))
        renumber = {old: new for new, old in enumerate(topics)} | {-1: -1}
        labels = np.array([renumber[t] for t in labels.tolist()], dtype=np.int64)
        core_labels = (
            labels if core is None else np.array([renumber.get(t, -1) for t in core.tolist()])
        )
        keyword_lists = topic_keywords(
            texts, core_labels, self.top_n_words, params.get("min_df", 1)
        )
        substantive = np.array([len(t.split()) >= SUBSTANTIVE_WORDS for t in texts], dtype=bool)
        themes = []
        for number in range(len(topics)):
            members = np.flatnonzero(labels == number)
            keywords = keyword_lists.get(number, ())
            themes.append(
                Theme(
                    number,
                    theme_label(keywords, number),
                    keywords,
                    tuple(members.tolist()),
                    representatives(vectors, members, REPRESENTATIVES, self.groups_, substantive=substantive),
                )
            )
        outliers = tuple(np.flatnonzero(labels == -1).tolist())
        return ThemeResult(themes, labels, outliers, params, note, centroid_similarity(vectors, labels))


def residual_mask(best_scores: Sequence[float] | np.ndarray, threshold: float) -> np.ndarray:
    """True for segments no code explains well (best suggestion score below ``threshold``).

    Scores keep their own precision: float32 scores compare as float32, as they always have."""
    return np.asarray(best_scores) < threshold


def spread(theme: Theme, groups: Sequence[Hashable]) -> Counter[Hashable]:
    """How a theme's members spread over groups (``groups[i]`` = case or participant of text i)."""
    return Counter(groups[i] for i in theme.members)


@dataclass(frozen=True)
class CodeDraft:
    """A proposed code drafted from a theme; the researcher edits it before it joins the codebook."""

    key: str
    name: str
    definition: str
    keywords: tuple[str, ...]
    examples: tuple[str, ...]


def draft_code_from_theme(theme: Theme, texts: Sequence[str]) -> CodeDraft:
    """Name, definition, keywords and examples for a new code promoted from ``theme``."""
    keywords = theme.keywords[:8]
    if keywords:
        listed = ", ".join(keywords[:-1]) + (
            f" and {keywords[-1]}" if len(keywords) > 1 else keywords[0]
        )
        definition = (
            f"Passages about {listed}. Drafted from an emerging theme of {theme.size} segments; "
            "rewrite this definition in your own words before coding with it."
        )
        name = theme.label[:1].upper() + theme.label[1:]
    else:
        definition = f"Drafted from emerging theme {theme.number + 1} ({theme.size} segments)."
        name = f"Theme {theme.number + 1}"
    examples = tuple(texts[i] for i in theme.representatives[:3])
    return CodeDraft(
        f"theme_{theme.number + 1}", name, definition, tuple(keywords), examples
    )
