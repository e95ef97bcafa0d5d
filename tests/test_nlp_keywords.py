from __future__ import annotations

import pytest

from qual_si.nlp.keywords import KeywordIndex, analyse, keyword_strength, tokenize
from qual_si.nlp.stem import stem

pytestmark = pytest.mark.usefixtures("no_network")


@pytest.mark.parametrize(
    "forms",
    [
        ("moderate", "moderated", "moderation", "moderating"),
        ("organisation", "organization", "organise", "organised"),
        ("prioritise", "prioritize", "prioritised"),
        ("school", "schools", "school's"),
        ("assessment", "assessments"),
        ("standardise", "standardised", "standardisation"),
    ],
)
def test_inflections_share_a_stem(forms: tuple[str, ...]) -> None:
    stems = {stem(t.text) for form in forms for t in tokenize(form)}
    assert len(stems) == 1


def test_stemmer_keeps_unrelated_words_apart_and_leaves_short_words() -> None:
    assert stem("rise") == "rise"  # not an -ise suffix: never turned into "rize"
    assert stem("promise") == stem("promises") and "iz" not in stem("promise")
    assert stem("governance") != stem("government" + "al") or stem("governance") == "govern"
    assert stem("children") == stem("child")
    assert stem("of") == "of"


def test_tokens_carry_offsets_into_the_text() -> None:
    text = "Our heads’ meeting: the school's age-related expectations."
    for token in tokenize(text):
        assert text[token.start : token.end].lower().replace("’", "'") == token.text
    assert [t.text for t in tokenize(text) if not t.stop] == [
        "heads",
        "meeting",
        "school",
        "age",
        "related",
        "expectations",
    ]


def test_analyse_gives_stems_and_bigrams_without_stop_words() -> None:
    assert analyse("We moderate the writing") == ["moder", "write", "moder write"]


def test_exact_phrase_and_near_match_with_spans() -> None:
    index = KeywordIndex({"values": ["shared values", "vision"], "exams": ["exam board"]})
    text = "The values we all share matter more than any exam board."
    found = index.match(text)
    near = found["values"][0]
    assert near.keyword == "shared values" and not near.exact
    assert [text[a:b] for a, b in near.spans] == ["values", "share"]
    exact = found["exams"][0]
    assert exact.exact and [text[a:b] for a, b in exact.spans] == ["exam", "board"]


def test_words_too_far_apart_do_not_make_a_phrase() -> None:
    index = KeywordIndex({"c": ["exam board"]})
    assert (
        index.match("The exam was hard, and later that year the trust appointed a new board.") == {}
    )


def test_stop_word_only_keywords_are_ignored_and_reported() -> None:
    index = KeywordIndex({"c": ["the", "our own", "curriculum"]})
    assert ("c", "the") in index.ignored_
    assert index.match("the curriculum")["c"][0].keyword == "curriculum"


def test_keyword_strength_grows_with_evidence_and_falls_when_shared() -> None:
    index = KeywordIndex({"a": ["vision", "mission", "values"], "b": ["values"]})
    one = keyword_strength(index.match("Our vision.")["a"], index)
    two = keyword_strength(index.match("Our vision and mission.")["a"], index)
    shared = keyword_strength(index.match("Our values.")["a"], index)
    assert 0 < one < two <= 1
    assert shared < one
