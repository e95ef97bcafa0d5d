"""Property tests: parse_transcript's spans are always valid, and generated transcripts round-trip."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from qual_si.ingest import normalise_text, parse_transcript

# Text built from pieces that look like transcript syntax, so the parser's branches get exercised.
_PIECES = st.sampled_from(
    [
        "Interviewer:",
        "Participant 1:",
        "P2:",
        "[id1]",
        "**Sam:**",
        "Sam:",
        "Note:",
        "(3:04)",
        "[00:01:02]",
        "00:03:04.120",
        "  0:06",
        "\t",
        " ",
        "\n",
        "\n\n",
        "\r\n",
        "“",
        "”",
        "?",
        "word",
        "Speaker 1  00:03:04",
        "Dr. Ann Lee:",
        "[laughs]",
        ":",
        "*",
        "é",
        "e\u0301",
        "\u2028",
        "\x85",
    ]
)
_ARBITRARY_TEXT = st.one_of(
    st.text(), st.lists(st.one_of(_PIECES, st.text(max_size=5))).map("".join)
)


def _assert_valid_spans(text: str) -> None:
    utterances, warnings = parse_transcript(text)
    previous_end = 0
    for utterance in utterances:
        assert previous_end <= utterance.start < utterance.end <= len(text)
        spoken = text[utterance.start : utterance.end]
        assert spoken == spoken.strip()
        assert spoken
        previous_end = utterance.end
    assert all("\n" not in warning for warning in warnings)


@settings(max_examples=400, deadline=None)
@given(_ARBITRARY_TEXT)
def test_spans_are_in_range_ordered_stripped_and_non_empty(text: str) -> None:
    _assert_valid_spans(text)


@settings(max_examples=200, deadline=None)
@given(_ARBITRARY_TEXT)
def test_spans_are_valid_after_normalisation(text: str) -> None:
    _assert_valid_spans(normalise_text(text))


_LABELS = [
    "Interviewer",
    "Participant 1",
    "Participant 12",
    "P2",
    "R1",
    "Q",
    "A",
    "Speaker 3",
    "Respondent 4",
    "Moderator",
    "Sam Whitley",
    "Dr. Jane Smith",
    "Owen O'Brien",
    "Anne-Marie Cole",
]
_WORD = st.sampled_from(
    [
        "trust",
        "schools",
        "we",
        "really",
        "peer",
        "review",
        "data",
        "2019",
        "it's",
        "“quoted”",
        "don’t",
        "Ofsted",
        "hub",
        "leaders",
        "(aside)",
        "e.g.",
        "yes",
        "50%",
        "café",
        "Time:",
    ]
)
_SENTENCE = st.lists(_WORD, min_size=1, max_size=12).map(lambda words: " ".join(words))
_TURN = st.tuples(
    st.sampled_from(_LABELS),
    _SENTENCE,
    st.one_of(st.none(), st.tuples(st.integers(0, 59), st.integers(0, 59))),
    st.sampled_from(["\n", "\n\n"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TURN, min_size=1, max_size=12))
def test_generated_transcripts_round_trip(
    turns: list[tuple[str, str, tuple[int, int] | None, str]],
) -> None:
    # Every label appears at least twice, as names other than role patterns must.
    turns = turns + turns
    text = "".join(
        f"{label}: {said}{f' ({m}:{s:02d})' if clock else ''}{gap}"
        for label, said, clock, gap in turns
        for m, s in [clock or (0, 0)]
    )
    utterances, _ = parse_transcript(text)
    assert [(u.speaker, text[u.start : u.end]) for u in utterances] == [
        (label, said) for label, said, _, _ in turns
    ]
    assert [u.start_s for u in utterances] == [
        None if clock is None else clock[0] * 60.0 + clock[1] for _, _, clock, _ in turns
    ]
