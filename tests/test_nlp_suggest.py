from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Self

import numpy as np
import pytest

from qual_si.errors import InvalidOperation
from qual_si.model import Code
from qual_si.nlp.context import turn_support, with_context
from qual_si.nlp.embed import Embedder, LsaEmbedder, normalise_rows
from qual_si.nlp.suggest import (
    Calibration,
    SuggestionScorer,
    codebook_texts,
    leaf_codes,
    suggestible_codes,
)

pytestmark = pytest.mark.usefixtures("no_network")


def code(id: int, key: str, name: str, parent: int | None = 100, **fields: object) -> Code:
    return Code(id, key, f"test.{key}", name, parent, "test", **fields)  # type: ignore[arg-type]


CODES = [
    code(100, "areas", "Areas of work", None, definition="Groups the codes below."),
    code(
        1,
        "moderation",
        "Moderating pupils' work",
        definition="Teachers from different schools compare and agree their judgements of pupils' work.",
        examples=(
            "The maths leads sat together and agreed what a secure piece of work looks like.",
        ),
        keywords=("moderation", "moderate", "agree judgements", "exam board", "marking"),
    ),
    code(
        2,
        "governance",
        "Governance",
        definition="How trustees, governors and committees oversee the schools and hold leaders to account.",
        examples=(
            "The trustees asked hard questions about the results at the last board meeting.",
        ),
        keywords=("trustees", "governors", "board", "scheme of delegation", "committee"),
    ),
    code(
        3,
        "workload",
        "Staff workload and wellbeing",
        definition="Hours, pressure and wellbeing of staff, and what the trust does to protect them.",
        examples=("Teachers told us they were exhausted by the number of reports.",),
        keywords=("workload", "wellbeing", "stress", "exhausted", "work-life balance"),
    ),
    code(
        4,
        "curriculum",
        "Curriculum design",
        definition="What pupils are taught and in what order, and how the schools plan it together.",
        examples=("History is planned so that each year builds on the one before.",),
        keywords=("curriculum", "scheme of work", "sequence", "knowledge", "phonics"),
    ),
    code(
        5,
        "dashboards",
        "Data dashboards",
        definition="Collecting and reporting school data, figures and dashboards to leaders.",
        examples=("Every Monday the heads get the attendance figures for all the schools.",),
        keywords=("dashboard", "data", "attendance figures", "spreadsheet", "rag rating"),
    ),
    code(
        6, "old", "An old code", status="retired", keywords=("curriculum",), definition="Retired."
    ),
    code(7, "empty", "A code without content"),
]

LABELLED = [
    ("Year 6 teachers from all four schools moderate writing together each term.", 1),
    ("We agree judgements on the exam board's mark scheme before results day.", 1),
    ("The trustees rewrote the scheme of delegation this spring.", 2),
    ("Our governors sit on a standards committee that meets every half term.", 2),
    ("Staff wellbeing was suffering, so we halved the marking and data drops.", 3),
    ("People were exhausted and the workload was simply not sustainable.", 3),
    ("The curriculum is sequenced so that knowledge builds from nursery to Year 6.", 4),
    ("Every primary uses the same phonics scheme of work now.", 4),
    ("Heads get a dashboard with attendance figures and a RAG rating for each school.", 5),
    ("All the data goes into one spreadsheet that the central team checks weekly.", 5),
]
UNRELATED = "The car park was resurfaced over the summer holidays."


@pytest.fixture(scope="module")
def embedder() -> LsaEmbedder:
    texts = [t for t, _ in LABELLED] + [UNRELATED] + codebook_texts(CODES)
    return LsaEmbedder(seed=0).fit(texts)


@pytest.fixture(scope="module")
def scorer(embedder: LsaEmbedder) -> SuggestionScorer:
    return SuggestionScorer(top_k=3, threshold=0.2).fit(CODES, embedder)


def test_leaves_are_active_codes_without_active_children() -> None:
    assert [c.key for c in leaf_codes(CODES)] == [
        "moderation",
        "governance",
        "workload",
        "curriculum",
        "dashboards",
        "empty",
    ]


def test_known_matches_rank_first(scorer: SuggestionScorer) -> None:
    hits = scorer.score([t for t, _ in LABELLED])
    for (text, expected), found in zip(LABELLED, hits, strict=True):
        assert found, text
        assert found[0].code_id == expected, (text, found)


def test_scores_are_in_range_sorted_and_thresholded(scorer: SuggestionScorer) -> None:
    for found in scorer.score([t for t, _ in LABELLED] + [UNRELATED]):
        scores = [h.score for h in found]
        assert scores == sorted(scores, reverse=True) and len(found) <= 3
        assert all(0.2 <= s <= 1.0 for s in scores)
    matrix = scorer.score_matrix([t for t, _ in LABELLED])
    # the five leaves and their parent "Areas of work", which has a definition of its own
    assert matrix.shape == (len(LABELLED), 6) and matrix.min() >= 0 and matrix.max() <= 1


def test_unrelated_text_gets_nothing_at_a_strict_threshold(embedder: LsaEmbedder) -> None:
    strict = SuggestionScorer(threshold=0.5).fit(CODES, embedder)
    assert strict.score([UNRELATED]) == [[]]
    assert strict.score([LABELLED[2][0]])[0]


def test_evidence_names_matched_words_and_the_most_similar_text(scorer: SuggestionScorer) -> None:
    text = LABELLED[8][0]
    top = scorer.score([text])[0][0]
    assert top.code_id == 5
    assert {"dashboard", "attendance figures", "rag rating"} <= set(top.evidence["keywords"])
    assert [text[a:b] for a, b in top.evidence["keyword_spans"]][:1] == ["attendance"]
    assert top.evidence["similar_kind"] in {"definition", "example", "keywords"}
    assert top.evidence["similar_text"] and -1 <= top.evidence["similarity"] <= 1
    assert set(top.evidence["components"]) == {"keywords", "similarity"}
    assert top.evidence["components"]["keywords"] > 0


def test_retired_and_empty_codes_are_not_scored_and_empty_ones_are_noted(
    scorer: SuggestionScorer,
) -> None:
    assert [c.key for c in suggestible_codes(CODES)][:2] == ["areas", "moderation"]
    assert set(scorer.code_ids_.tolist()) == {100, 1, 2, 3, 4, 5}
    assert [code_id for code_id, _ in scorer.skipped_] == [7]
    assert "no keywords, definition or examples" in scorer.skipped_[0][1]


def test_a_codebook_without_usable_codes_is_a_clear_error(embedder: LsaEmbedder) -> None:
    with pytest.raises(InvalidOperation, match="no code can be suggested"):
        SuggestionScorer().fit([code(1, "a", "A"), code(2, "b", "B")], embedder)
    with pytest.raises(InvalidOperation, match="not fitted"):
        SuggestionScorer().score(["text"])


def test_codes_with_keywords_only_or_definition_only_still_work(embedder: LsaEmbedder) -> None:
    codes = [
        code(1, "kw", "Keywords only", keywords=("trustees", "governors")),
        code(2, "def", "Definition only", definition="Teachers' workload, stress and wellbeing."),
        code(3, "other", "Curriculum", definition="What is taught and when."),
    ]
    scorer = SuggestionScorer(threshold=0.0).fit(codes, embedder)
    hits = scorer.score([LABELLED[3][0], LABELLED[5][0]])
    assert hits[0][0].code_id == 1 and hits[1][0].code_id == 2


def test_human_codings_pull_similar_segments_towards_their_code(embedder: LsaEmbedder) -> None:
    # "residential" is in no code's keywords or definition: only the researcher's codings link it.
    segment = "The Year 6 residential trip builds so much for the children."
    before = SuggestionScorer(threshold=0.0).fit(CODES, embedder)
    coded = {
        4: [
            "The residential trip is part of what every child is taught in Year 6.",
            "We planned the residential into the Year 6 curriculum.",
        ]
    }
    after = SuggestionScorer(threshold=0.0).fit(CODES, embedder, coded)
    score_before = dict(
        zip(before.code_ids_.tolist(), before.score_matrix([segment])[0], strict=True)
    )
    score_after = dict(zip(after.code_ids_.tolist(), after.score_matrix([segment])[0], strict=True))
    assert score_after[4] > score_before[4]
    top = after.score([segment])[0][0]
    assert top.code_id == 4 and "residential" in top.evidence["similar_coding"]


def test_precomputed_embeddings_give_the_same_result_and_runs_are_deterministic(
    scorer: SuggestionScorer, embedder: LsaEmbedder
) -> None:
    texts = [t for t, _ in LABELLED]
    assert scorer.score(texts, embedder.transform(texts)) == scorer.score(texts)
    again = SuggestionScorer(top_k=3, threshold=0.2).fit(
        CODES,
        LsaEmbedder(seed=0).fit([t for t, _ in LABELLED] + [UNRELATED] + codebook_texts(CODES)),
    )
    assert again.score(texts) == scorer.score(texts)
    with pytest.raises(InvalidOperation, match="embedding rows"):
        scorer.score(texts, np.zeros((2, embedder.dimension), dtype=np.float32))


def test_a_parent_with_its_own_definition_can_be_suggested() -> None:
    codes = [
        code(10, "values", "Shared vision and values", None,
             definition="The trust's mission, values and culture shared by every school.",
             keywords=("values", "mission", "culture")),
        code(11, "awareness", "Staff can state the values", 10,
             definition="Whether staff can say what the values are.", keywords=("recite", "aware")),
        code(12, "curriculum", "Curriculum design", None,
             definition="What pupils are taught and in what order.", keywords=("curriculum",)),
    ]
    texts = ["Our mission and values shape the culture of every school in the trust.",
             "Most staff could recite the values and were aware of them.",
             "The curriculum is planned in the same order everywhere.", UNRELATED]
    embedder = LsaEmbedder(seed=0).fit(texts + codebook_texts(codes))
    hits = SuggestionScorer(threshold=0.1).fit(codes, embedder).score(texts[:2])
    assert hits[0][0].code_id == 10  # the parent, on its own evidence
    assert hits[1][0].code_id == 11


def test_top_k_applies_per_codebook_and_excluded_codes_give_way() -> None:
    codes = [
        Code(1, "gov", "a.gov", "Governance", None, "a", definition="Trustees and governors.",
             keywords=("trustees", "governors")),
        Code(2, "board", "a.board", "Board meetings", None, "a", definition="Meetings of the board.",
             keywords=("board", "meeting")),
        Code(3, "acc", "b.acc", "Accountability", None, "b", definition="Holding leaders to account.",
             keywords=("account", "trustees")),
        Code(4, "sup", "b.sup", "Support", None, "b", definition="Help given to schools.",
             keywords=("help", "support")),
    ]
    text = "The trustees held the heads to account at the board meeting."
    embedder = LsaEmbedder(seed=0).fit([text, UNRELATED, *codebook_texts(codes)])
    scorer = SuggestionScorer(top_k=1, threshold=0.05).fit(codes, embedder)
    scores = dict(zip(scorer.code_ids_.tolist(), scorer.score_matrix([text])[0], strict=True))
    best_a, other_a = sorted((1, 2), key=lambda c: -scores[c])
    best_b = max((3, 4), key=lambda c: scores[c])
    first = scorer.score([text])[0]
    assert sorted(h.code_id for h in first) == sorted([best_a, best_b])  # one per codebook
    assert [h.score for h in first] == sorted((h.score for h in first), reverse=True)
    again = scorer.score([text], exclude=[{best_a}])[0]
    # the other code of codebook a takes the excluded code's place
    assert sorted(h.code_id for h in again) == sorted([other_a, best_b])
    with pytest.raises(InvalidOperation, match="exclusion lists"):
        scorer.score([text], exclude=[])


def test_turn_context_is_blended_into_unit_vectors() -> None:
    sentences = np.array([[1.0, 0.0], [0.0, 1.0]], dtype=np.float32)
    turns = np.array([[0.0, 1.0], [0.0, 1.0]], dtype=np.float32)
    blended = with_context(sentences, turns, weight=0.5)
    assert np.allclose(np.linalg.norm(blended, axis=1), 1.0)
    assert blended[0, 1] > 0 and np.allclose(blended[1], [0.0, 1.0])
    with pytest.raises(InvalidOperation):
        with_context(sentences, turns[:1])


class TableEmbedder(Embedder):
    """Vectors looked up by text, so a test states exactly how similar each text is."""

    def __init__(self, table: Mapping[str, Sequence[float]]) -> None:
        self.table = dict(table)

    @property
    def id(self) -> str:
        return "table"

    @property
    def dimension(self) -> int:
        return len(next(iter(self.table.values())))

    def fit(self, texts: Sequence[str]) -> Self:
        return self

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        rows = [self.table.get(t, [0.0] * self.dimension) for t in texts]
        return normalise_rows(np.array(rows, dtype=np.float32).reshape(len(texts), self.dimension))


def _similarity_codes() -> tuple[list[Code], TableEmbedder]:
    """A: one example identical to the segment, a definition far from it. B: definition and example
    both fairly close. C and D: far away (they give the z-score a spread)."""
    codes = [
        code(1, "a", "A", None, definition="a def", examples=("a ex",)),
        code(2, "b", "B", None, definition="b def", examples=("b ex",)),
        code(3, "c", "C", None, definition="c def"),
        code(4, "d", "D", None, definition="d def"),
    ]
    table: dict[str, Sequence[float]] = {"segment": [1, 0, 0, 0], "A a def": [0, 1, 0, 0], "a ex": [1, 0, 0, 0],
             "B b def": [0.8, 0.6, 0, 0], "b ex": [0.8, 0, 0.6, 0],
             "C c def": [0, 0, 0, 1], "D d def": [0, -1, 0, 0]}
    return codes, TableEmbedder(table)


def test_a_code_two_of_whose_texts_agree_outranks_one_lucky_text() -> None:
    codes, embedder = _similarity_codes()
    scorer = SuggestionScorer(threshold=0.0).fit(codes, embedder)
    scores = dict(zip(scorer.code_ids_.tolist(), scorer.score_matrix(["segment"])[0], strict=True))
    assert scores[2] > scores[1]  # B: 0.8 and 0.8 beats A: 1.0 and 0.0
    # the best text alone (runner_up=0, the rule before) would rank A first
    alone = SuggestionScorer(threshold=0.0, calibration=Calibration(runner_up=0.0)).fit(codes, embedder)
    scores = dict(zip(alone.code_ids_.tolist(), alone.score_matrix(["segment"])[0], strict=True))
    assert scores[1] > scores[2]
    # the evidence still shows the single most similar text and its own cosine
    hit = next(h for h in scorer.score(["segment"])[0] if h.code_id == 1)
    assert hit.evidence["similar_text"] == "a ex" and hit.evidence["similarity"] == 1.0


def test_inclusion_criteria_are_a_text_of_their_own() -> None:
    codes = [
        code(1, "a", "A", None, definition="a def", inclusion="a incl"),
        code(2, "b", "B", None, definition="b def"),
        code(3, "c", "C", None, definition="c def"),
    ]
    table = {"segment": [1, 0, 0], "A a def": [0, 1, 0], "A: a incl": [1, 0, 0],
             "B b def": [0, 0, 1], "C c def": [0, -1, 0]}
    top = SuggestionScorer(threshold=0.0).fit(codes, TableEmbedder(table)).score(["segment"])[0][0]
    assert top.code_id == 1
    assert (top.evidence["similar_kind"], top.evidence["similar_text"]) == ("inclusion", "A: a incl")


def test_turn_support_raises_codes_the_rest_of_the_turn_points_to() -> None:
    scores = np.array([[0.2, 0.5], [0.8, 0.1], [0.4, 0.4]], dtype=np.float32)
    raised = turn_support(scores, ["t1", "t1", "t2"], weight=0.5)
    # row 0 gains from row 1's 0.8 for code 0: 0.2 + 0.5 * 0.8 * 0.8
    assert raised[0, 0] == pytest.approx(0.52) and raised[1, 0] == pytest.approx(0.8 + 0.5 * 0.2 * 0.2)
    assert np.array_equal(raised[2], scores[2])  # alone in its turn: unchanged
    assert raised.max() <= 1.0 and np.all(raised >= scores)
    with pytest.raises(InvalidOperation, match="turns"):
        turn_support(scores, ["t1"])


def test_the_scorer_uses_turns_and_never_cuts_one_across_batches() -> None:
    codes, embedder = _similarity_codes()
    embedder.table["vague"] = [0.1, 0.1, 0.1, 0.97]  # says little about A or B on its own
    texts = ["vague", "segment", "vague", "segment"]
    turns = [1, 1, 2, 3]
    scorer = SuggestionScorer(threshold=0.0, batch_size=1).fit(codes, embedder)
    alone = scorer.score_matrix(texts)
    within = scorer.score_matrix(texts, turns=turns)
    column = scorer.code_ids_.tolist().index(2)
    assert within[0, column] > alone[0, column]  # its turn's other sentence points to B
    assert np.array_equal(within[2:], alone[2:])  # alone in their turns
    hits = scorer.score(texts, turns=turns)
    lifted = next(h for h in hits[0] if h.code_id == 2)
    assert lifted.evidence["components"]["turn"] > 0
    assert "turn" not in next(h for h in hits[2] if h.code_id == 2).evidence["components"]
    with pytest.raises(InvalidOperation, match="turns"):
        scorer.score(texts, turns=[1])
