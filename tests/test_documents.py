"""Documents through the facade: import per file, utterances, roles, references."""

from __future__ import annotations

from pathlib import Path

import pytest

from qual_si import Project
from qual_si.errors import NotFound

TRANSCRIPT = (
    "Interview with a CEO\n\n"
    "Interviewer: How many schools are in the trust?\n"
    "Participant 1: \u201cFour primaries, all close together.\n"
    "We like it that way.\u201d (3:04)\n"
    "Interviewer: And who leads improvement?\n"
    "Participant 1: Joanne does. (9:19)\n"
)


@pytest.fixture
def imported(project: Project, tmp_path: Path) -> Project:
    source = tmp_path / "T01-ceo.txt"
    source.write_text(TRANSCRIPT, encoding="utf-8")
    report = project.import_documents([source], case="T01")
    assert report.ok
    return project


def test_utterances_slice_back_to_what_was_said(imported: Project) -> None:
    text = imported.text("T01-ceo")
    utterances = imported.utterances("T01-ceo")
    assert isinstance(utterances, list)
    said = [(u.speaker, u.role, text[u.start : u.end], u.start_s) for u in utterances]
    assert said == [
        ("Interviewer", "interviewer", "How many schools are in the trust?", None),
        ("Participant 1", "participant", "\u201cFour primaries, all close together.\nWe like it that way.\u201d", 184.0),
        ("Interviewer", "interviewer", "And who leads improvement?", None),
        ("Participant 1", "participant", "Joanne does.", 559.0),
    ]


def test_utterances_frame_has_text_column(imported: Project) -> None:
    frame = imported.utterances("T01-ceo", as_frame=True)
    assert list(frame["speaker"]) == ["Interviewer", "Participant 1", "Interviewer", "Participant 1"]
    assert frame["text"].iloc[3] == "Joanne does."


def test_document_record_and_case(imported: Project) -> None:
    document = imported.document("T01")  # a unique prefix is enough
    assert (document.name, document.case_name, document.source_format, document.utterance_count) == (
        "T01-ceo", "T01", "txt", 4)
    assert document.word_count == 23  # what was said: labels, timestamps and the title do not count


def test_text_is_stored_normalised_once(project: Project, tmp_path: Path) -> None:
    source = tmp_path / "crlf.txt"
    source.write_bytes("\ufeffInterviewer: Cafe\u0301?\r\nParticipant 1: Oui.\r\n".encode())
    project.import_documents([source])
    assert project.text("crlf") == "Interviewer: Caf\u00e9?\nParticipant 1: Oui.\n"


def test_speaker_roles_can_be_changed_and_undone(imported: Project) -> None:
    assert imported.set_speaker_roles("T01-ceo", {"Interviewer": "other"}) == 1
    assert imported.speakers("T01-ceo")["Interviewer"] == "other"
    imported.undo()
    assert imported.speakers("T01-ceo")["Interviewer"] == "interviewer"


def test_project_wide_speaker_map_applies_to_later_imports(imported: Project, tmp_path: Path) -> None:
    imported.set_speaker_roles(None, {"Moderator": "interviewer", "Zed": "other"})
    source = tmp_path / "group.txt"
    source.write_text("Zed: Hello?\nAnna: Hi.\nZed: Why?\nAnna: Because.\n", encoding="utf-8")
    imported.import_documents([source])
    assert imported.speakers("group")["Zed"] == "other"


def test_same_file_name_twice_gets_a_distinct_document_name(imported: Project, tmp_path: Path) -> None:
    other = tmp_path / "again" / "T01-ceo.txt"
    other.parent.mkdir()
    other.write_text(TRANSCRIPT.replace("Joanne", "Priya"), encoding="utf-8")
    report = imported.import_documents([other])
    assert report.imported[0].document == "T01-ceo (2)"


def test_unknown_document_is_a_clear_error(imported: Project) -> None:
    with pytest.raises(NotFound, match="no document named 'nope'"):
        imported.document("nope")


def test_remove_document_is_audited(imported: Project) -> None:
    imported.remove_document("T01-ceo")
    assert imported.documents() == []
    assert imported.history(limit=1)[0].action == "document.remove"
