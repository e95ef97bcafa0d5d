from __future__ import annotations

import sys

import numpy as np
import pytest

from qual_si.errors import InvalidOperation, MissingDependency
from qual_si.nlp.embed import LsaEmbedder
from qual_si.nlp.quality import adjusted_rand
from qual_si.nlp.themes import (
    MIN_SEGMENTS,
    ThemeFinder,
    draft_code_from_theme,
    residual_mask,
    spread,
    theme_parameters,
)

pytestmark = pytest.mark.usefixtures("no_network")

TOPICS = {
    "governance": ["trustees", "governors", "committee", "delegation", "board", "clerk"],
    "assessment": ["moderation", "exam", "marking", "mock", "grades", "tests"],
    "wellbeing": ["workload", "wellbeing", "stress", "exhausted", "hours", "burnout"],
}
FILLER = ["we", "really", "this year", "to be honest", "across the schools", "you know"]


def planted_corpus(per_topic: int, seed: int = 0) -> tuple[list[str], list[str]]:
    rng = np.random.default_rng(seed)
    texts, truth = [], []
    for _ in range(per_topic):
        for topic, words in TOPICS.items():
            chosen = rng.choice(words, size=3, replace=False)
            texts.append(f"{rng.choice(FILLER)} {chosen[0]} and {chosen[1]}, then {chosen[2]}.")
            truth.append(topic)
    return texts, truth


@pytest.fixture(scope="module")
def small_corpus() -> tuple[list[str], list[str], np.ndarray]:
    texts, truth = planted_corpus(20)
    return texts, truth, LsaEmbedder(seed=0).fit(texts).transform(texts)


def test_planted_topics_are_found_with_readable_labels(
    small_corpus: tuple[list[str], list[str], np.ndarray],
) -> None:
    texts, truth, vectors = small_corpus
    result = ThemeFinder(seed=0, parameters={"n_clusters": 3}).fit(texts, vectors)
    assert len(result.themes) == 3
    assert adjusted_rand(result.assignments, truth) > 0.9
    for theme in result.themes:
        topic = truth[theme.members[0]]
        assert set(theme.keywords[:3]) <= set(TOPICS[topic])
        assert theme.label == " / ".join(theme.keywords[:3])
        assert len(theme.representatives) == 5 and set(theme.representatives) <= set(theme.members)
    assert [t.number for t in result.themes] == [0, 1, 2]
    assert sum(t.size for t in result.themes) + len(result.outliers) == len(texts)


def test_same_seed_same_themes(small_corpus: tuple[list[str], list[str], np.ndarray]) -> None:
    texts, _, vectors = small_corpus
    first = ThemeFinder(seed=3).fit(texts, vectors)
    second = ThemeFinder(seed=3).fit(texts, vectors)
    assert first.themes == second.themes
    assert np.array_equal(first.assignments, second.assignments)


def test_five_segments_become_one_theme_with_a_note() -> None:
    texts = ["Trustees met.", "Governors asked.", "Marking load.", "Exams soon.", "Staff tired."]
    vectors = np.eye(5, dtype=np.float32)
    result = ThemeFinder().fit(texts, vectors)
    assert len(result.themes) == 1 and result.themes[0].size == 5
    assert result.note and str(MIN_SEGMENTS) in result.note
    assert result.outliers == ()


def test_no_segments_or_mismatched_embeddings_are_clear_errors() -> None:
    with pytest.raises(InvalidOperation, match="no segments"):
        ThemeFinder().fit([], np.zeros((0, 4), dtype=np.float32))
    with pytest.raises(InvalidOperation, match="embedding rows"):
        ThemeFinder().fit(["a", "b"], np.zeros((3, 4), dtype=np.float32))


def test_non_word_segments_still_give_themes_without_keywords() -> None:
    texts = [f"{i} — {i * 7} …" for i in range(12)]
    rng = np.random.default_rng(0)
    result = ThemeFinder().fit(texts, rng.normal(size=(12, 6)).astype(np.float32))
    assert result.themes and all(t.keywords == () for t in result.themes)
    assert result.themes[0].label == "theme 1"


def test_missing_bertopic_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, small_corpus: tuple[list[str], list[str], np.ndarray]
) -> None:
    texts, _, vectors = small_corpus
    monkeypatch.setitem(sys.modules, "bertopic", None)
    with pytest.raises(MissingDependency, match=r"qual-si\[themes\]"):
        ThemeFinder().fit(texts, vectors)


def test_a_custom_clusterer_is_used(small_corpus: tuple[list[str], list[str], np.ndarray]) -> None:
    from bertopic.dimensionality import BaseDimensionalityReduction
    from sklearn.cluster import KMeans

    texts, _, vectors = small_corpus
    finder = ThemeFinder(
        reducer=BaseDimensionalityReduction(), clusterer=KMeans(2, n_init=3, random_state=0)
    )
    assert len(finder.fit(texts, vectors).themes) == 2


def test_parameters_grow_with_the_corpus() -> None:
    small, medium, large = theme_parameters(400), theme_parameters(2_000), theme_parameters(20_000)
    assert small["min_cluster_size"] < medium["min_cluster_size"] < large["min_cluster_size"]
    assert small["n_neighbors"] <= medium["n_neighbors"] <= large["n_neighbors"] <= 30
    assert large["max_cluster_size"] == 5_000


def test_residual_mask_spread_and_code_draft(
    small_corpus: tuple[list[str], list[str], np.ndarray],
) -> None:
    assert residual_mask([0.1, 0.5, 0.29, 0.3], 0.3).tolist() == [True, False, True, False]
    texts, truth, vectors = small_corpus
    theme = ThemeFinder(seed=0, parameters={"n_clusters": 3}).fit(texts, vectors).themes[0]
    assert spread(theme, truth) == {truth[theme.members[0]]: theme.size}
    draft = draft_code_from_theme(theme, texts)
    assert draft.key == "theme_1" and draft.keywords == theme.keywords[:8]
    assert theme.keywords[0] in draft.definition and draft.name.lower().startswith(
        theme.keywords[0]
    )
    assert draft.examples == tuple(texts[i] for i in theme.representatives[:3])


@pytest.mark.slow
def test_umap_hdbscan_path_is_deterministic_and_keeps_outliers_low() -> None:
    texts, truth = planted_corpus(60)  # 180 segments: above the k-means cut-off
    vectors = LsaEmbedder(seed=0).fit(texts).transform(texts)
    first, second = ThemeFinder(seed=0).fit(texts, vectors), ThemeFinder(seed=0).fit(texts, vectors)
    assert first.parameters["method"] == "umap+hdbscan"
    assert first.themes == second.themes
    assert first.outlier_share < 0.15
    # Themes may split a planted topic (none may exceed a quarter of the corpus) but never mix them.
    for theme in first.themes:
        topics = [truth[i] for i in theme.members]
        assert max(topics.count(t) for t in set(topics)) / len(topics) > 0.9


def test_keywords_prefer_words_shared_by_several_segments() -> None:
    from qual_si.nlp.theme_words import topic_keywords

    texts = [
        "moderation of writing samples",
        "writing moderation again",
        # one segment's anecdote: its words are rare, so c-TF-IDF alone would rank them first
        "the pizza van, pizza everywhere, zigzags and zigzags",
        "trustees met the clerk about moderation",
        "trustees and the clerk",
    ]
    labels = np.array([0, 0, 0, 1, 1])
    assert topic_keywords(texts, labels, top_n=2)[0] == ("writing", "moderation")
    # too few shared words: one-segment words still fill the list
    assert {"pizza", "zigzags"} <= set(topic_keywords(texts, labels, top_n=10)[0])
