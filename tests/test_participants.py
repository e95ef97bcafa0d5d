"""Who speaks: linking per-document speaker labels to participants, so that one person interviewed
twice is one row in participant matrices and ratings, on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from qual_si import Project
from qual_si.errors import InvalidOperation, NotFound

FIRST = """Interviewer: How do the schools share practice?

Participant 1: Heads meet every week and share what works. (0:10)
"""
SECOND = """Interviewer: A year on, what has changed?

P1: The weekly meetings became monthly, and data is shared openly now. (0:12)
"""
OTHER = """Interviewer: What do you share?

Participant 1: Very little; each school keeps its own plans. (0:08)
"""


@pytest.fixture
def linked(project: Project, tmp_path: Path) -> Project:
    for name, text in (("T1-first", FIRST), ("T1-second", SECOND), ("T2", OTHER)):
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    project.import_documents([tmp_path / f"{n}.txt" for n in ("T1-first", "T1-second", "T2")])
    for document, case in (("T1-first", "Trust 1"), ("T1-second", "Trust 1"), ("T2", "Trust 2")):
        project.set_document_case(document, case)
    project.add_code("Sharing")
    for document in ("T1-first", "T1-second", "T2"):
        turn = project.utterances(document)[1]
        project.add_coding(document, turn.start, turn.end, "Sharing")
    return project


def test_unlinked_speakers_are_one_participant_per_document(linked: Project) -> None:
    table = linked.matrix(rows="participant")
    assert sorted(table.index) == ["T1-first: Participant 1", "T1-second: P1", "T2: Participant 1"]
    assert linked.speaker_participants("T1-second") == {"Interviewer": None, "P1": None}


def test_linking_two_labels_to_one_person_merges_their_rows_and_undo_splits_them(linked: Project) -> None:
    linked.link_speaker("T1-first", "Participant 1", "Head of Oak School")
    linked.link_speaker("T1-second", "P1", "Head of Oak School")
    assert linked.speaker_participants("T1-second") == {"Interviewer": None, "P1": "Head of Oak School"}
    table = linked.matrix(rows="participant")
    assert table.loc["Head of Oak School", "Sharing"] == 2
    assert sorted(table.index) == ["Head of Oak School", "T2: Participant 1"]
    people = linked.participants_frame().set_index("participant")
    assert people.loc["Head of Oak School"].tolist() == ["Trust 1", 2, 2, 8 + 11]  # words spoken
    assert linked.undo() == "speaker.link"
    assert "T1-second: P1" in linked.matrix(rows="participant").index


def test_a_participant_belongs_to_the_documents_case_and_ratings_find_them(linked: Project) -> None:
    linked.link_speaker("T1-first", "Participant 1", "Jo")
    linked.link_speaker("T2", "Participant 1", "Jo")  # another Jo, in another trust
    people = linked.participants_frame()
    assert people[["participant", "case"]].values.tolist() == [
        ["Jo (Trust 1)", "Trust 1"], ["Jo (Trust 2)", "Trust 2"], ["T1-second: P1", "Trust 1"]]
    assert linked.matrix(rows="participant").loc["Jo (Trust 2)", "Sharing"] == 1
    linked.load_codebook("d003_four_ps")
    rating = linked.rate("Trust 1", "d003_four_ps.purpose", 4, participant="Jo")  # the Jo of Trust 1
    jo_of_trust_1 = linked.utterances("T1-first")[1].participant_id
    assert rating.participant_id == jo_of_trust_1 is not None


def test_bad_links_are_refused_and_leave_nothing_behind(linked: Project) -> None:
    with pytest.raises(NotFound, match="speakers: Interviewer, Participant 1"):
        linked.link_speaker("T2", "Participant 9", "Sam")
    with pytest.raises(InvalidOperation):
        linked.link_speaker("T2", "Participant 1", "   ")
    assert linked.participants_frame()["participant"].tolist() == ["T1-first: Participant 1", "T1-second: P1",
                                                                    "T2: Participant 1"]
    linked.link_speaker("T2", "Participant 1", "Sam")
    linked.link_speaker("T2", "Participant 1", None)  # unlink
    assert linked.speaker_participants("T2")["Participant 1"] is None


def test_a_missing_speaker_is_reported_with_the_speakers_in_speaking_order(project: Project, tmp_path: Path) -> None:
    (tmp_path / "T3.txt").write_text(
        "Speaker 2: How do the schools share practice?\n\nSpeaker 1: Heads meet every week. (0:10)\n",
        encoding="utf-8")
    project.import_documents([tmp_path / "T3.txt"])
    assert list(project.speakers("T3")) == ["Speaker 2", "Speaker 1"]
    with pytest.raises(NotFound, match="speakers: Speaker 2, Speaker 1$"):
        project.link_speaker("T3", "Bea", "Sam")
