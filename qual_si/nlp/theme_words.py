"""Describing themes: keywords (c-TF-IDF with readable words only), labels, representative quotes.

Used by ``ThemeFinder`` and by the quality benchmark, which scores BERTopic's own clusters with
the same keyword extraction so that only the clustering differs between the two.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

import numpy as np

from qual_si.nlp.embed import normalise_rows
from qual_si.nlp.keywords import STOP_WORDS

#: what is left of contractions once the tokeniser splits at the apostrophe ("we've" -> "ve")
CONTRACTION_PARTS = frozenset(
    ["ve", "ll", "re", "isn", "aren", "wasn", "weren", "don", "doesn", "didn", "hasn", "haven", "hadn", "won", "wouldn", "couldn", "shouldn", "mustn", "needn", "ain"]
)


#: words of conversation rather than of a topic ("honestly, I think that's right, as I said"):
#: frequent in every interview, they would label themes by how people talk, not what about
CONVERSATION_WORDS = frozenset(
    ["think", "thought", "thinking", "honestly", "honest", "mean", "means", "meant", "know", "knew", "knowing", "guess", "suppose", "say", "said", "says", "saying", "tell", "told", "telling", "talk", "talking", "talked", "ask", "asked", "asking", "answer", "question", "sure", "actually", "basically", "probably", "maybe", "perhaps", "definitely", "absolutely", "obviously", "certainly", "course", "exactly", "really", "stuff", "sorry", "thank", "thanks", "right", "yes", "yeah", "lovely", "hear", "heard"]
)


def keyword_vectorizer(min_df: int = 1) -> Any:
    """Counts of readable words and bigrams (no stop words, no numbers) for theme keywords."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

    return CountVectorizer(
        stop_words=sorted(STOP_WORDS | ENGLISH_STOP_WORDS | CONTRACTION_PARTS | CONVERSATION_WORDS),
        ngram_range=(1, 2),
        min_df=min_df,
        token_pattern=r"(?u)\b[^\W\d_][^\W\d_]+\b",
    )


#: a keyword should be used by at least this many of the theme's segments (see ``topic_keywords``)
MIN_KEYWORD_SEGMENTS = 2


def topic_keywords(
    texts: Sequence[str], labels: np.ndarray, top_n: int, min_df: int = 1
) -> dict[int, tuple[str, ...]]:
    """c-TF-IDF keywords of each theme (as BERTopic computes them), from the given assignments.

    Words that at least ``MIN_KEYWORD_SEGMENTS`` of the theme's segments use rank before words
    that only one segment uses, each group by c-TF-IDF. c-TF-IDF alone favours rare words, and a
    word said once ("pizza", "zigzags", a colleague's name) describes one anecdote, not the theme;
    one-segment words still fill the list when a theme has too few shared words, so every theme
    keeps ``top_n`` keywords. On the demo corpus this raised NPMI (within turns) for our themes and
    BERTopic's alike, by about 0.05 (see ARCHITECTURE.md, "Themes").
    """
    from sklearn.preprocessing import normalize

    topics = sorted(t for t in set(labels.tolist()) if t != -1)
    if not topics:
        return {}
    vectorizer = keyword_vectorizer(min_df if len(texts) >= 300 else 1)
    try:
        counts = vectorizer.fit_transform(list(texts)).tocsr()
    except ValueError:  # no usable word at all (symbols, digits, stop words only)
        return {t: () for t in topics}
    vocabulary = vectorizer.get_feature_names_out()
    used = counts.copy()
    used.data[:] = 1  # which segment uses which word, regardless of how often
    per_topic = np.vstack([np.asarray(counts[labels == t].sum(axis=0)).ravel() for t in topics])
    segments_using = np.vstack([np.asarray(used[labels == t].sum(axis=0)).ravel() for t in topics])
    tf = normalize(per_topic.astype(np.float64), norm="l1", axis=1)
    average_words = per_topic.sum() / len(topics)
    idf = np.log(1 + average_words / np.maximum(per_topic.sum(axis=0), 1))
    scores = tf * idf
    result: dict[int, tuple[str, ...]] = {}
    for row, topic in enumerate(topics):
        # shared words first (False sorts before True), then by score; stable for ties
        order = np.lexsort((-scores[row], segments_using[row] < MIN_KEYWORD_SEGMENTS))
        words = [str(vocabulary[i]) for i in order[: top_n * 3] if scores[row, i] > 0]
        result[topic] = _drop_covered(words)[:top_n]
    return result


def _drop_covered(words: list[str]) -> tuple[str, ...]:
    """Drop a word that is part of a higher-ranked phrase ("board" after "exam board") and vice versa."""
    kept: list[str] = []
    for word in words:
        parts = set(word.split())
        if any(parts <= set(k.split()) or set(k.split()) <= parts for k in kept):
            continue
        kept.append(word)
    return tuple(kept)


def theme_label(keywords: Sequence[str], number: int) -> str:
    """A readable label from the top three keywords, e.g. "exam board / mock / moderation"."""
    return " / ".join(keywords[:3]) if keywords else f"theme {number + 1}"


def representatives(
    vectors: np.ndarray,
    members: np.ndarray,
    count: int,
    groups: Sequence[tuple[Hashable, ...]] | None = None,
    candidates: int = 4,
    substantive: np.ndarray | None = None,
) -> tuple[int, ...]:
    """Members close to the theme's centroid, skipping near-duplicates of ones already chosen.

    With ``groups`` (per text a tuple such as (case, participant), coarsest first), quotes are
    spread: among the ``candidates * count`` most central members, one from a case not yet quoted
    is preferred to a more central one, then one from a participant not yet quoted, so five
    quotes rarely come from one interview. ``substantive`` (per text) puts quotes that say
    something ahead of short asides ("That's the Year 9 lunch queue") that sit near the centre
    only because they hold one of the theme's words.
    """
    if len(members) == 0:
        return ()
    member_vectors = vectors[members]
    centroid = normalise_rows(member_vectors.mean(axis=0, keepdims=True))[0]
    closeness = member_vectors @ centroid
    if substantive is None:
        order = np.argsort(-closeness, kind="stable")
    else:
        order = np.lexsort((-closeness, ~substantive[members]))
    chosen: list[int] = []

    def distinct(position: int) -> bool:
        return not any(float(member_vectors[position] @ vectors[c]) > 0.95 for c in chosen)

    levels = len(groups[int(members[0])]) if groups is not None else 0
    for level in range(levels):
        assert groups is not None
        seen_groups = {groups[c][level] for c in chosen}
        for position in order[: candidates * count]:
            member = int(members[position])
            if len(chosen) == count:
                break
            key = groups[member][level]
            if member not in chosen and key not in seen_groups and distinct(position):
                chosen.append(member)
                seen_groups.add(key)
    for position in order:
        if len(chosen) == count:
            break
        if int(members[position]) not in chosen and distinct(position):
            chosen.append(int(members[position]))
    for position in order:  # too few distinct members: fill up with the near-duplicates
        if len(chosen) == count:
            break
        if int(members[position]) not in chosen:
            chosen.append(int(members[position]))
    return tuple(chosen)


def centroid_similarity(vectors: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Cosine of each row to the centroid of its theme; NaN for outliers (label -1)."""
    similarity = np.full(len(labels), np.nan, dtype=np.float64)
    for topic in sorted(set(labels.tolist()) - {-1}):
        members = np.flatnonzero(labels == topic)
        centroid = normalise_rows(vectors[members].mean(axis=0, keepdims=True))[0]
        similarity[members] = vectors[members] @ centroid
    return similarity
