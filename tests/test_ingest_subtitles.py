"""WebVTT (Zoom, Teams) and SubRip readers: built text, speakers, merging, times, errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from qual_si.errors import FormatError
from qual_si.ingest import read_document

DATA = Path(__file__).resolve().parent / "data" / "ingest"


def _spoken(path: Path) -> list[tuple[str | None, str, float | None, float | None]]:
    document = read_document(path)
    for utterance in document.utterances:
        line_start = document.text.rfind("\n", 0, utterance.start) + 1
        prefix = document.text[line_start : utterance.start]
        assert prefix == ("" if utterance.speaker is None else f"{utterance.speaker}: ")
    return [
        (u.speaker, document.text[u.start : u.end], u.start_s, u.end_s) for u in document.utterances
    ]


def test_zoom_vtt_name_prefixes_and_merging() -> None:
    assert _spoken(DATA / "zoom.vtt") == [
        ("Sam Whitley", "Thanks for joining. Shall we start with your role?", 1.2, 4.0),
        (
            "Ruth Adeyemi",
            "Sure. I lead school improvement across nine schools, mostly primaries in the county.",
            4.5,
            10.0,
        ),
        # Five seconds after the last cue: a new utterance of the same speaker.
        ("Ruth Adeyemi", "Sorry, the dog is barking.", 15.0, 16.5),
        ("Sam Whitley", "No problem at all.", 17.0, 19.25),
    ]
    document = read_document(DATA / "zoom.vtt")
    assert (
        document.text.splitlines()[0]
        == "Sam Whitley: Thanks for joining. Shall we start with your role?"
    )
    assert document.source_format == "vtt"


def test_teams_vtt_voice_tags_notes_styles_ids_settings_and_tags() -> None:
    assert _spoken(DATA / "teams.vtt") == [
        ("Sam Whitley", "How do your headteachers work together?", 2.0, 5.1),
        (
            "Owen Price",
            "We run termly reviews in pairs & threes. It took a while to trust it.",
            5.6,
            11.0,
        ),
        (None, "[background noise]", 12.0, 13.0),
    ]
    assert "Exported" not in read_document(DATA / "teams.vtt").text


def test_srt_prefixes_brackets_and_tags() -> None:
    assert _spoken(DATA / "interview.srt") == [
        ("Interviewer", "What changed when you joined the trust?", 0.5, 3.0),
        ("Participant 2", "Honestly, the data meetings.", 3.4, 6.0),
        (None, "They used to feel like an audit.", 6.1, 8.0),
    ]


def test_one_off_prefix_is_not_a_speaker(tmp_path: Path) -> None:
    path = tmp_path / "once.vtt"
    path.write_text("WEBVTT\n\n00:01.000 --> 00:02.000\nBottom line: we grew.\n")
    assert _spoken(path) == [(None, "Bottom line: we grew.", 1.0, 2.0)]


def test_repeated_stage_direction_in_brackets_is_not_a_speaker(tmp_path: Path) -> None:
    path = tmp_path / "laughs.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:02,000\n[laughs] Fair.\n\n2\n00:00:03,000 --> 00:00:04,000\n[laughs] Yes.\n"
    )
    assert [speaker for speaker, *_ in _spoken(path)] == [None, None]


def test_missing_blank_line_between_cues_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "tight.srt"
    path.write_text(
        "1\n00:00:01,000 --> 00:00:02,000\nP1: One.\n2\n00:00:02,500 --> 00:00:03,000\nP1: Two.\n"
    )
    assert _spoken(path) == [("P1", "One. Two.", 1.0, 3.0)]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "no_header.vtt",
            "00:01.000 --> 00:02.000\nHi\n",
            r"no_header\.vtt:line 1: missing 'WEBVTT' header",
        ),
        (
            "bad_timing.vtt",
            "WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n\n00:03.000 -> 00:04.000\nThere\n",
            r"bad_timing\.vtt:line 6: cue timing '00:03.000 -> 00:04.000'",
        ),
        (
            "bad_clock.vtt",
            "WEBVTT\n\n1\n00:01.000 --> soon\nHi\n",
            r"bad_clock\.vtt:line 4: cue timing",
        ),
        (
            "id_no_timing.vtt",
            "WEBVTT\n\nintro\nHello\n",
            r"id_no_timing\.vtt:line 4: expected a cue timing line",
        ),
        (
            "bad.srt",
            "1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\nnot a time\n",
            r"bad\.srt:line 6: expected a timing line",
        ),
        (
            "stray.srt",
            "hello there\n",
            r"stray\.srt:line 1: expected a subtitle number or a timing line",
        ),
    ],
)
def test_malformed_subtitles_name_the_line(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(FormatError, match=message):
        read_document(path)
