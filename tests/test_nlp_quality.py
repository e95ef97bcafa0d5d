from __future__ import annotations

import math

import pytest

from qual_si.nlp.quality import (
    adjusted_rand,
    hit_at_k,
    npmi_coherence,
    outlier_share,
    precision_at_k,
    recall_at_k,
    topic_diversity,
)

pytestmark = pytest.mark.usefixtures("no_network")

RANKED = [["a", "b", "c"], ["b", "a"], ["c"], ["x"]]
GOLD = [["a"], ["a", "c"], ["b"], []]  # the last segment has no gold label and does not count


def test_precision_recall_and_hit_at_k() -> None:
    assert precision_at_k(RANKED, GOLD, 1) == pytest.approx(1 / 3)
    assert precision_at_k(RANKED, GOLD, 3) == pytest.approx((1 / 3 + 1 / 3 + 0) / 3)
    assert recall_at_k(RANKED, GOLD, 1) == pytest.approx(1 / 3)
    assert recall_at_k(RANKED, GOLD, 3) == pytest.approx((1 + 0.5 + 0) / 3)
    assert hit_at_k(RANKED, GOLD, 3) == pytest.approx(2 / 3)
    assert precision_at_k([], [], 1) == 0.0


def test_npmi_extremes_and_a_known_value() -> None:
    texts = ["apple banana", "apple banana", "cherry", "date"]
    # p(apple)=p(banana)=p(both)=1/2 -> log(2)/log(2) = 1
    assert npmi_coherence([["apple", "banana"]], texts) == pytest.approx(1.0)
    assert npmi_coherence([["cherry", "date"]], texts) == pytest.approx(-1.0)
    # p(aa) = p(bb) = 1/2 and p(aa, bb) = 1/4: independent words score 0
    assert npmi_coherence([["aa", "bb"]], ["aa bb", "aa", "bb", "cc"]) == pytest.approx(0.0)
    assert npmi_coherence([["absent", "words"]], texts) == 0.0
    value = npmi_coherence([["aa", "bb", "cc"]], ["aa bb", "aa bb cc", "cc", "dd"])
    pair = lambda j, a, b: math.log(j / (a * b)) / -math.log(j)  # noqa: E731
    assert value == pytest.approx(
        (pair(0.5, 0.5, 0.5) + pair(0.25, 0.5, 0.5) + pair(0.25, 0.5, 0.5)) / 3
    )


def test_bigram_keywords_count_as_terms() -> None:
    assert npmi_coherence([["exam board", "mock"]], ["the exam board mock", "exam", "board"]) > 0.5


def test_diversity_outliers_and_rand() -> None:
    assert topic_diversity([["a", "b"], ["b", "c"]]) == pytest.approx(0.75)
    assert topic_diversity([]) == 0.0
    assert outlier_share([-1, 0, 1, -1]) == 0.5
    assert adjusted_rand([0, 0, 1, 1, -1], ["x", "x", "y", "y", "y"]) == pytest.approx(1.0)
    assert adjusted_rand([0, 0, 1, 1, -1], ["x", "x", "y", "y", "y"], include_outliers=True) < 1.0
