"""parse_transcript: one table row per transcript convention; spans must slice back exactly."""

from __future__ import annotations

import pytest

from qual_si.ingest import parse_transcript

Expected = list[tuple[str | None, str, float | None]]

CONVENTIONS: list[tuple[str, str, Expected]] = [
    (
        "name colon",
        "Sam Whitley: How did the trust start?\nRuth Adeyemi: With two schools.\n"
        "Sam Whitley: And now?\nRuth Adeyemi: Nine.",
        [
            ("Sam Whitley", "How did the trust start?", None),
            ("Ruth Adeyemi", "With two schools.", None),
            ("Sam Whitley", "And now?", None),
            ("Ruth Adeyemi", "Nine.", None),
        ],
    ),
    (
        "upper case names",
        "SAM: Ready?\nRUTH: Yes.\nSAM: Good.\nRUTH: Go on.",
        [
            ("SAM", "Ready?", None),
            ("RUTH", "Yes.", None),
            ("SAM", "Good.", None),
            ("RUTH", "Go on.", None),
        ],
    ),
    (
        "role labels used once each",
        "Interviewer: What is your role?\nParticipant 1: I lead the trust.",
        [("Interviewer", "What is your role?", None), ("Participant 1", "I lead the trust.", None)],
    ),
    (
        "P and R numbers",
        "P1: First.\nR2: Second.\nP1: Third.",
        [("P1", "First.", None), ("R2", "Second.", None), ("P1", "Third.", None)],
    ),
    (
        "Q and A",
        "Q: Why peer review?\nA: Because it builds trust.",
        [("Q", "Why peer review?", None), ("A", "Because it builds trust.", None)],
    ),
    (
        "title and initials",
        "Dr. Jane Smith: One point.\nMr Tom Hale: Another.\nDr. Jane Smith: Agreed.\nMr Tom Hale: Fine.",
        [
            ("Dr. Jane Smith", "One point.", None),
            ("Mr Tom Hale", "Another.", None),
            ("Dr. Jane Smith", "Agreed.", None),
            ("Mr Tom Hale", "Fine.", None),
        ],
    ),
    (
        "markdown bold",
        "**Interviewer:** Tell me more.\n\n**Asha Patel**: We share data weekly.\n\n**Asha Patel:** Really.",
        [
            ("Interviewer", "Tell me more.", None),
            ("Asha Patel", "We share data weekly.", None),
            ("Asha Patel", "Really.", None),
        ],
    ),
    (
        "square bracket ids (QualCoder)",
        "[id1] hello, I like the trust.\n\n[id2] I do not.\n\n[id1] Fair.",
        [
            ("id1", "hello, I like the trust.", None),
            ("id2", "I do not.", None),
            ("id1", "Fair.", None),
        ],
    ),
    (
        "bracket label alone on its line",
        "[Moderator]\nWelcome, everyone.\n[Participant 3]\nThanks.",
        [("Moderator", "Welcome, everyone.", None), ("Participant 3", "Thanks.", None)],
    ),
    (
        "name with parenthesised clock",
        "Lee Chan (00:03:04): It started in 2019.\nSam Whitley (00:04:10): Why then?",
        [("Lee Chan", "It started in 2019.", 184.0), ("Sam Whitley", "Why then?", 250.0)],
    ),
    (
        "name with bracketed clock",
        "Lee Chan [3:04]: First answer.\nSam Whitley [3:30]: Next question?",
        [("Lee Chan", "First answer.", 184.0), ("Sam Whitley", "Next question?", 210.0)],
    ),
    (
        "clock before the label",
        "[00:01:02] Interviewer: Hello.\n(1:10) Participant 2: Hi.\n00:01:20.500 Interviewer: Right.",
        [
            ("Interviewer", "Hello.", 62.0),
            ("Participant 2", "Hi.", 70.0),
            ("Interviewer", "Right.", 80.5),
        ],
    ),
    (
        "clock after the label",
        "Interviewer: (0:05) Shall we begin?\nParticipant 1: [00:00:09] Yes.",
        [("Interviewer", "Shall we begin?", 5.0), ("Participant 1", "Yes.", 9.0)],
    ),
    (
        "trailing clock and curly quotes (essay style)",
        "Participant 1: “Our trust is at the beginning of this journey.” (3:04)\n\n"
        "Participant 2: “ I see my role as a broker.” (12:47)",
        [
            ("Participant 1", "“Our trust is at the beginning of this journey.”", 184.0),
            ("Participant 2", "“ I see my role as a broker.”", 767.0),
        ],
    ),
    (
        "Otter header lines",
        "Sam Whitley  0:06\nWelcome back.\nLet us start.\n\nR1  0:15\nThanks.\n\nSam Whitley  1:02:03\nBye.",
        [
            ("Sam Whitley", "Welcome back.\nLet us start.", 6.0),
            ("R1", "Thanks.", 15.0),
            ("Sam Whitley", "Bye.", 3723.0),
        ],
    ),
    (
        "Speaker N with hours",
        "Speaker 1  00:03:04\nGood morning.\n\nSpeaker 2\t00:03:09\nMorning.",
        [("Speaker 1", "Good morning.", 184.0), ("Speaker 2", "Morning.", 189.0)],
    ),
    (
        "continuation lines and blank lines inside a turn",
        "Interviewer: Can you say more?\n\nParticipant 1: Yes. First,\nwe changed the model.\n\n"
        "Then we hired a lead.\n\nInterviewer: Thanks.",
        [
            ("Interviewer", "Can you say more?", None),
            ("Participant 1", "Yes. First,\nwe changed the model.\n\nThen we hired a lead.", None),
            ("Interviewer", "Thanks.", None),
        ],
    ),
    (
        "label alone, text on the next lines; empty turn dropped",
        "Interviewer:\nWhat happened next?\nParticipant 1:\nInterviewer: Anything?\nParticipant 1:\n  Not much.  ",
        [
            ("Interviewer", "What happened next?", None),
            ("Interviewer", "Anything?", None),
            ("Participant 1", "Not much.", None),
        ],
    ),
    (
        "header block before the first label is skipped",
        "Transcript of interview 4\nDate: 2024-01-01\nLocation: Zoom\n\nInterviewer: Hello.\nParticipant 4: Hi.",
        [("Interviewer", "Hello.", None), ("Participant 4", "Hi.", None)],
    ),
    (
        "one-off Word: in prose is not a speaker",
        "Interviewer: What matters most?\nParticipant 1: Three things. The short version:\n"
        "Consistency: everyone uses the same tracker.\nInterviewer: Why?",
        [
            ("Interviewer", "What matters most?", None),
            (
                "Participant 1",
                "Three things. The short version:\nConsistency: everyone uses the same tracker.",
                None,
            ),
            ("Interviewer", "Why?", None),
        ],
    ),
    (
        "repeated Note: is still not a speaker",
        "Interviewer: Hi.\nNote: audio dropped.\nParticipant 1: Hello.\nNote: audio back.",
        [
            ("Interviewer", "Hi.\nNote: audio dropped.", None),
            ("Participant 1", "Hello.\nNote: audio back.", None),
        ],
    ),
    (
        "stage directions in brackets are not speakers",
        "Interviewer: Ready?\n[laughs] Yes, go on.\nParticipant 1: Fine.\n[laughs] Really.",
        [
            ("Interviewer", "Ready?\n[laughs] Yes, go on.", None),
            ("Participant 1", "Fine.\n[laughs] Really.", None),
        ],
    ),
    (
        "YAML front matter is metadata, not speech",
        "---\ndocument: T01-ceo\ninterviewee: Participant 1\ninterviewer: Interviewer\n---\n\n"
        "Interviewer: Hello.\n\nParticipant 1: Hi.",
        [("Interviewer", "Hello.", None), ("Participant 1", "Hi.", None)],
    ),
    (
        "tab separated rows from a Word table",
        "Speaker\tText\nInterviewer\tHow many schools?\nParticipant 2\tTwelve.",
        [("Interviewer", "How many schools?", None), ("Participant 2", "Twelve.", None)],
    ),
    (
        "timestamp-led line continues the same speaker as a new utterance",
        "[00:00:01] Interviewer: Hello.\n[00:00:04] Are you there?",
        [("Interviewer", "Hello.", 1.0), ("Interviewer", "Are you there?", 4.0)],
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), [case[1:] for case in CONVENTIONS], ids=[case[0] for case in CONVENTIONS]
)
def test_convention_is_parsed(text: str, expected: Expected) -> None:
    utterances, _ = parse_transcript(text)
    found = [(u.speaker, text[u.start : u.end], u.start_s) for u in utterances]
    assert found == expected


def test_no_labels_gives_one_speakerless_utterance_per_paragraph() -> None:
    text = (
        "Field notes, visit 2\n\nThe hub meeting ran long.\nHeads compared tracker data.\n\nLunch."
    )
    utterances, warnings = parse_transcript(text)
    assert [text[u.start : u.end] for u in utterances] == [
        "Field notes, visit 2",
        "The hub meeting ran long.\nHeads compared tracker data.",
        "Lunch.",
    ]
    assert all(u.speaker is None for u in utterances)
    assert warnings == ["no speaker labels found"]


def test_lines_are_paragraphs_splits_word_style_text() -> None:
    text = "First paragraph.\nSecond paragraph."
    utterances, _ = parse_transcript(text, lines_are_paragraphs=True)
    assert [text[u.start : u.end] for u in utterances] == ["First paragraph.", "Second paragraph."]


def test_end_seconds_come_from_the_next_start() -> None:
    text = "Interviewer: (0:05) One?\nParticipant 1: (0:09) Two.\nInterviewer: Three?"
    utterances, _ = parse_transcript(text)
    assert [(u.start_s, u.end_s) for u in utterances] == [(5.0, 9.0), (9.0, None), (None, None)]


def test_partial_timestamps_are_reported() -> None:
    text = "Interviewer: (0:05) One?\nParticipant 1: Two.\nInterviewer: Three?"
    _, warnings = parse_transcript(text)
    assert warnings == ["timestamps on 1 of 3 utterances"]


def test_empty_text_has_no_utterances() -> None:
    assert parse_transcript("") == ([], [])
    assert parse_transcript("\n  \n") == ([], [])


def test_offsets_are_code_points_after_non_ascii_text() -> None:
    text = (
        "Zoë Ng: Café culture 😀 matters.\nSam Whitley: Agreed.\nZoë Ng: Yes.\nSam Whitley: Good."
    )
    utterances, _ = parse_transcript(text)
    assert text[utterances[0].start : utterances[0].end] == "Café culture 😀 matters."
    assert text[utterances[1].start : utterances[1].end] == "Agreed."


def test_a_lone_tab_separated_role_row_is_metadata_not_a_speaker() -> None:
    # Word transcripts often open with a two-column table: Interviewee | name, Interviewer | name.
    text = (
        "Interview with the CEO\nCase\tT02\nInterviewee\tDaniel Reeve\nInterviewer\tSam Whitley\n"
        "Sam Whitley (00:00:04): Thanks for coming.\nDaniel Reeve (00:00:15): Happy to.\n"
    )
    utterances, _ = parse_transcript(text)
    assert [u.speaker for u in utterances] == ["Sam Whitley", "Daniel Reeve"]
    assert [text[u.start : u.end] for u in utterances] == ["Thanks for coming.", "Happy to."]
