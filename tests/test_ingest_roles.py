"""guess_roles: explicit map, role-like names, then the question-asking heuristic."""

from __future__ import annotations

import pytest

from qual_si.errors import InvalidOperation
from qual_si.ingest import guess_roles, parse_transcript


def _roles(text: str, speaker_map: dict[str, str] | None = None) -> dict[str, str]:
    utterances, _ = parse_transcript(text)
    return guess_roles(text, utterances, speaker_map)


@pytest.mark.parametrize(
    ("interviewer", "participant"),
    [
        ("Interviewer", "Participant 3"),
        ("I", "R1"),
        ("Q", "A"),
        ("Int", "P1"),
        ("Moderator", "Respondent"),
        ("Facilitator", "Respondent 2"),
    ],
)
def test_role_names_decide(interviewer: str, participant: str) -> None:
    # The participant asks the questions here: names must win over the heuristic.
    text = f"{interviewer}: We started in 2019.\n{participant}: Why then?\n{participant}: Really?"
    assert _roles(text) == {interviewer: "interviewer", participant: "participant"}


def test_the_speaker_who_asks_most_questions_is_the_interviewer() -> None:
    text = (
        "Ruth Adeyemi: We had four schools.\n"
        "Sam Whitley: And then?\n"
        "Ruth Adeyemi: We grew. Did I mention the hub?\n"
        "Sam Whitley: You did. What did the hub change?\n"
        "Ruth Adeyemi: Everything, honestly.\n"
        "Sam Whitley: Right.\n"
    )
    assert _roles(text) == {"Ruth Adeyemi": "participant", "Sam Whitley": "interviewer"}


def test_question_inside_closing_quote_counts() -> None:
    text = "Lee Chan: “Is that fair?”\nAmy Ross: Yes.\nLee Chan: “Why?”\nAmy Ross: It is."
    assert _roles(text)["Lee Chan"] == "interviewer"


def test_explicit_map_wins_and_is_case_insensitive() -> None:
    text = "Interviewer: Why?\nSam Whitley: Because.\nInterviewer: Sure?\nSam Whitley: Yes."
    roles = _roles(text, {"interviewer": "other", "Sam Whitley": "interviewer"})
    assert roles == {"Interviewer": "other", "Sam Whitley": "interviewer"}


def test_known_interviewer_makes_everyone_else_a_participant() -> None:
    text = "Interviewer: Hi.\nAmy Ross: Any questions?\nLee Chan: Who starts?\nAmy Ross: Me?\nLee Chan: Ok."
    assert _roles(text) == {
        "Interviewer": "interviewer",
        "Amy Ross": "participant",
        "Lee Chan": "participant",
    }


def test_single_speaker_without_role_name_is_a_participant() -> None:
    text = "Amy Ross: Is this on?\nAmy Ross: Good?"
    assert _roles(text) == {"Amy Ross": "participant"}


def test_nobody_asking_questions_means_no_interviewer() -> None:
    text = "Amy Ross: One.\nLee Chan: Two.\nAmy Ross: Three.\nLee Chan: Four."
    assert set(_roles(text).values()) == {"participant"}


def test_ties_go_to_the_first_speaker_and_results_are_deterministic() -> None:
    text = "Amy Ross: Why?\nLee Chan: How?\nAmy Ross: When?\nLee Chan: Where?"
    assert [_roles(text) for _ in range(3)] == [
        {"Amy Ross": "interviewer", "Lee Chan": "participant"}
    ] * 3


def test_invalid_role_in_map_is_refused() -> None:
    text = "Amy Ross: Hi.\nAmy Ross: Bye."
    with pytest.raises(InvalidOperation, match="not one of"):
        _roles(text, {"Amy Ross": "boss"})
