"""Embedders: texts -> L2-normalised float32 vectors, behind one small scikit-learn-like interface.

- ``LsaEmbedder`` (default, spec ``lsa``): TF-IDF over stemmed words and bigrams + truncated SVD,
  fitted on the project's own segments and codebook text. Offline, deterministic, seconds for
  20,000 segments.
- ``SentenceTransformerEmbedder`` (spec ``st:PATH``): a sentence-transformers model from a local
  folder, never downloaded. Needs the ``embeddings`` extra.

``id`` names the embedder *and its fitted state*, so vectors cached under one id are never mixed
with vectors from another fit or model.
"""

from __future__ import annotations

import hashlib
import os
from abc import ABC, abstractmethod
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

import numpy as np

from qual_si.errors import InvalidOperation, MissingDependency, UnreadableFile

if TYPE_CHECKING:
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer

EMBEDDINGS_EXTRA_HINT = "Install it with: pip install 'qual-si[embeddings]'"


class Embedder(ABC):
    """Turns texts into rows of unit length (cosine similarity = dot product)."""

    @property
    @abstractmethod
    def id(self) -> str:
        """Stable name of the embedder with its parameters and fitted state (a cache key)."""

    @property
    @abstractmethod
    def dimension(self) -> int:
        """Length of every vector."""

    @abstractmethod
    def fit(self, texts: Sequence[str]) -> Self:
        """Learn from ``texts`` (a no-op for pre-trained models). Returns self."""

    @abstractmethod
    def transform(self, texts: Sequence[str]) -> np.ndarray:
        """A float32 array of shape (len(texts), dimension) with L2-normalised rows.

        A text the embedder cannot place (no known word) gets a zero row, never NaN.
        """

    def fit_transform(self, texts: Sequence[str]) -> np.ndarray:
        return self.fit(texts).transform(texts)


def normalise_rows(matrix: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length; zero rows stay zero."""
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    np.divide(matrix, norms, out=matrix, where=norms > 0)
    return matrix


class LsaEmbedder(Embedder):
    """TF-IDF (sublinear tf, stop words dropped, stems, unigrams + bigrams) + truncated SVD.

    ``n_components`` is an upper bound: a small corpus gets ``min(n_components, n_features - 1,
    n_docs - 1)`` dimensions. ``min_df`` grows with the corpus so rare typos do not bloat it.
    """

    version = "lsa-v1"

    def __init__(self, n_components: int = 100, seed: int = 0, max_features: int = 50_000) -> None:
        self.n_components = n_components
        self.seed = seed
        self.max_features = max_features
        self.vectorizer_: TfidfVectorizer | None = None
        self.svd_: TruncatedSVD | None = None
        self.fingerprint_: str | None = None

    @staticmethod
    def min_df_for(n_documents: int) -> int:
        # A word must occur in 2 segments to shape the space once there are a few hundred,
        # 3 beyond 5,000: keeps the vocabulary (and the SVD) small without losing topics.
        if n_documents < 200:
            return 1
        return 2 if n_documents < 5_000 else 3

    def fit(self, texts: Sequence[str]) -> Self:
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer

        from qual_si.nlp.keywords import analyse

        # Sorted, so the fit (and its id) depends on which texts there are, not on their order:
        # loading codebooks or importing documents in another order gives the same embedding.
        distinct = sorted({t for t in texts if t and t.strip()})
        if len(distinct) < 3:
            raise InvalidOperation(
                f"the embedder needs at least 3 different non-empty texts to learn from, got {len(distinct)}"
            )
        vectorizer = TfidfVectorizer(
            analyzer=analyse,
            sublinear_tf=True,
            min_df=self.min_df_for(len(distinct)),
            max_features=self.max_features,
            dtype=np.float32,
        )
        try:
            weights = vectorizer.fit_transform(distinct)
        except ValueError as error:  # "empty vocabulary": only stop words, numbers or punctuation
            raise InvalidOperation(
                "the texts contain no usable words for the embedder (only stop words or symbols?)"
            ) from error
        n_features = weights.shape[1]
        components = min(self.n_components, n_features - 1, len(distinct) - 1)
        if components < 1:
            raise InvalidOperation(
                f"the texts share too few words to build an embedding ({n_features} distinct terms)"
            )
        svd = TruncatedSVD(n_components=components, algorithm="randomized", random_state=self.seed)
        svd.fit(weights)
        self.vectorizer_, self.svd_ = vectorizer, svd
        self.fingerprint_ = _fingerprint(vectorizer, svd)
        return self

    def _fitted(self) -> tuple[TfidfVectorizer, TruncatedSVD]:
        if self.vectorizer_ is None or self.svd_ is None:
            raise InvalidOperation(
                "the LSA embedder is not fitted yet: call fit() with the project's texts"
            )
        return self.vectorizer_, self.svd_

    @property
    def id(self) -> str:
        _, svd = self._fitted()
        return f"{self.version}:d={svd.n_components}:seed={self.seed}:{self.fingerprint_}"

    @property
    def dimension(self) -> int:
        return int(self._fitted()[1].n_components)

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        vectorizer, svd = self._fitted()
        if len(texts) == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return normalise_rows(svd.transform(vectorizer.transform(list(texts))))


def _fingerprint(vectorizer: TfidfVectorizer, svd: TruncatedSVD) -> str:
    """Hash of vocabulary, idf and SVD axes: two fits that embed differently never share an id."""
    digest = hashlib.sha256()
    for term in sorted(vectorizer.vocabulary_, key=vectorizer.vocabulary_.__getitem__):
        digest.update(term.encode("utf-8") + b"\0")
    digest.update(np.round(vectorizer.idf_, 5).astype("<f4").tobytes())
    digest.update(np.round(svd.components_, 5).astype("<f4").tobytes())
    return digest.hexdigest()[:12]


class SentenceTransformerEmbedder(Embedder):
    """A sentence-transformers model loaded from a local folder, with every hub access switched off."""

    def __init__(self, path: str | Path, batch_size: int = 64, device: str = "cpu") -> None:
        self.path = Path(path).expanduser()
        self.batch_size = batch_size
        self.device = device
        self.model_: Any = None
        self.fingerprint_: str | None = None

    def _load(self) -> Any:
        if self.model_ is not None:
            return self.model_
        if not self.path.is_dir():
            raise UnreadableFile(
                self.path,
                "no such folder: give the folder of a sentence-transformers "
                "model saved on this machine (--embedder st:PATH)",
            )
        if not any((self.path / name).is_file() for name in ("modules.json", "config.json")):
            raise UnreadableFile(
                self.path,
                "not a sentence-transformers model folder (no modules.json or config.json in it)",
            )
        set_offline_environment()
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as error:
            raise MissingDependency(
                "The sentence-transformers package", EMBEDDINGS_EXTRA_HINT
            ) from error
        try:
            self.model_ = SentenceTransformer(
                str(self.path), device=self.device, local_files_only=True
            )
        except (OSError, ValueError, KeyError) as error:
            raise UnreadableFile(
                self.path, f"the model could not be loaded offline: {error}"
            ) from error
        self.fingerprint_ = _folder_fingerprint(self.path)
        return self.model_

    @property
    def id(self) -> str:
        self._load()
        return f"st:{self.path.name}:{self.fingerprint_}"

    @property
    def dimension(self) -> int:
        model = self._load()
        # sentence-transformers 6 renamed the method; keep working with 3.x to 5.x too.
        method = (
            getattr(model, "get_embedding_dimension", None)
            or model.get_sentence_embedding_dimension
        )
        return int(method())

    def fit(self, texts: Sequence[str]) -> Self:
        self._load()  # pre-trained: fitting only checks that the model loads
        return self

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        model = self._load()
        if len(texts) == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = model.encode(
            list(texts),
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return normalise_rows(np.nan_to_num(vectors))


def _folder_fingerprint(folder: Path) -> str:
    """Hash of the model folder's file names and sizes: a replaced model gets a new id."""
    digest = hashlib.sha256()
    for file in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(f"{file.relative_to(folder).as_posix()}:{file.stat().st_size}\n".encode())
    return digest.hexdigest()[:12]


def set_offline_environment() -> None:
    """Tell huggingface_hub and transformers never to reach the network (before importing them)."""
    for variable in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
        os.environ[variable] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def make_embedder(spec: str = "lsa", *, seed: int = 0) -> Embedder:
    """The embedder named by ``spec``: ``lsa``, ``lsa:DIMENSIONS``, ``lsa:seed=N``,
    ``lsa:DIMENSIONS:seed=N`` or ``st:PATH``."""
    kind, _, argument = spec.strip().partition(":")
    if kind == "lsa":
        dimensions, chosen_seed, valid = 100, seed, True
        for part in filter(None, argument.split(":")):
            if part.isdigit() and int(part) > 0:
                dimensions = int(part)
            elif part.startswith("seed=") and part[5:].isdigit():
                chosen_seed = int(part[5:])
            else:
                valid = False
        if valid:
            return LsaEmbedder(n_components=dimensions, seed=chosen_seed)
    elif kind == "st" and argument:
        return SentenceTransformerEmbedder(argument)
    raise InvalidOperation(
        f"unknown embedder {spec!r}: use 'lsa', 'lsa:DIMENSIONS' (e.g. lsa:100), 'lsa:seed=N' or "
        "'st:PATH' (a sentence-transformers model folder on this machine)"
    )
