from __future__ import annotations

from pathlib import Path

import pytest

from qual_si.errors import InvalidOperation, MissingDependency
from qual_si.nlp.segment import Segmenter

pytestmark = pytest.mark.usefixtures("no_network")

TRANSCRIPT = (
    "Interviewer: Tell me about the trust. What changed?\n\n"
    "Participant 1:   We have four schools. The heads meet weekly... and it works!\n"
    "Honestly, it does.\n\n"
    "Next year we add a fifth. — \n\n"
    "Interviewer: Thanks.\n"
)


def participant_span(text: str) -> tuple[int, int]:
    start = text.index("Participant 1:") + len("Participant 1:")
    return start, text.index("\n\nInterviewer: Thanks")


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    return Segmenter()


def test_sentences_inside_the_given_utterances_only(segmenter: Segmenter) -> None:
    spans = segmenter.split(TRANSCRIPT, [participant_span(TRANSCRIPT)])
    assert [TRANSCRIPT[a:b] for a, b in spans] == [
        "We have four schools.",
        "The heads meet weekly... and it works!",
        "Honestly, it does.",
        "Next year we add a fifth. —",
    ]
    assert all(TRANSCRIPT[a:b] == TRANSCRIPT[a:b].strip() for a, b in spans)
    assert not any(
        "Tell me" in TRANSCRIPT[a:b] for a, b in spans
    )  # the interviewer's turn is not given


def test_blank_lines_split_sentences_and_symbol_only_pieces_are_dropped(
    segmenter: Segmenter,
) -> None:
    text = "It went well\n\nbut then it didn't ... — !"
    spans = segmenter.split(text, [(0, len(text))])
    assert [text[a:b] for a, b in spans] == ["It went well", "but then it didn't ... — !"]
    assert segmenter.split("— ...", [(0, 5)]) == []
    assert segmenter.split("", []) == []


def test_split_many_matches_split(segmenter: Segmenter) -> None:
    documents = [(TRANSCRIPT, [participant_span(TRANSCRIPT)]), ("One. Two.", [(0, 9)]), ("x", [])]
    assert segmenter.split_many(documents) == [segmenter.split(t, s) for t, s in documents]


def test_non_english_text_degrades_to_usable_segments(segmenter: Segmenter) -> None:
    french = "Les écoles travaillent ensemble. Ça marche très bien."
    spans = segmenter.split(french, [(0, len(french))])
    assert [french[a:b] for a, b in spans] == [
        "Les écoles travaillent ensemble.",
        "Ça marche très bien.",
    ]
    # The English tokenizer does not split unspaced scripts, so this stays one segment: no error.
    chinese = "我们有四所学校。校长每周开会。"
    spans = segmenter.split(chinese, [(0, len(chinese))])
    assert spans and "".join(chinese[a:b] for a, b in spans) == chinese


def test_a_span_outside_the_text_is_refused(segmenter: Segmenter) -> None:
    with pytest.raises(InvalidOperation, match="outside"):
        segmenter.split("short", [(0, 50)])


def test_missing_trained_pipeline_says_how_to_install_offline() -> None:
    with pytest.raises(MissingDependency) as raised:
        Segmenter("en_core_web_nonexistent_xx").split("A. B.", [(0, 5)])
    message = str(raised.value)
    assert "pip install" in message and "spacy download" not in message
    assert "en_core_web_nonexistent_xx" in message


def test_a_saved_pipeline_folder_is_loaded_by_path(tmp_path: Path) -> None:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer", config={"punct_chars": [";"]})  # a pipeline that splits on ";" only
    nlp.meta["name"] = "custom"
    nlp.to_disk(tmp_path / "pipeline")
    segmenter = Segmenter(str(tmp_path / "pipeline"))
    text = "one; two. three"
    assert [text[a:b] for a, b in segmenter.split(text, [(0, len(text))])] == ["one;", "two. three"]
    assert "custom" in segmenter.id
