"""Sentence segments stored in a project: offsets, interviewer turns, incremental runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from nlp_support import LABELS, add_late_interview, labelled_project

from qual_si import Project
from qual_si.errors import MissingDependency

pytestmark = pytest.mark.usefixtures("no_network")


@pytest.fixture
def labelled(sqlite_project: Any, tmp_path: Path) -> Project:
    return labelled_project(sqlite_project, tmp_path)


def test_participant_sentences_are_stored_with_offsets_into_the_text(labelled: Project) -> None:
    report = labelled.segment()
    assert report.segmenter == "blank-en+sentencizer"
    assert sorted(report.documents) == ["A01-ceo", "A02-head"]
    assert report.segments_added == report.segments_total == len(LABELS)
    found = labelled.segments()
    assert {g.text for g in found} == set(LABELS)
    for g in found:
        assert labelled.text(g.document_id)[g.start : g.end] == g.text
        assert g.role == "participant" and g.speaker in {"Dana", "Sam"}
        assert g.turn_start <= g.start < g.end <= g.turn_end
    assert [g.start for g in labelled.segments("A01-ceo")] == sorted(g.start for g in labelled.segments("A01-ceo"))


def test_a_second_run_touches_only_new_documents(labelled: Project, tmp_path: Path) -> None:
    labelled.segment()
    before = {g.id: (g.document, g.start, g.end) for g in labelled.segments()}
    again = labelled.segment()
    assert again.segments_added == 0 and again.documents == []
    add_late_interview(labelled, tmp_path)
    late = labelled.segment()
    assert late.documents == ["A03-deputy"] and late.segments_added == 2
    after = {g.id: (g.document, g.start, g.end) for g in labelled.segments()}
    assert {i: after[i] for i in before} == before  # old segments untouched, same ids
    segment_events = [e for e in labelled.history() if e.action == "nlp.segment"]
    assert len(segment_events) == 2 and not any(e.undoable for e in segment_events)


def test_interviewer_turns_only_when_asked_and_roles_are_read_at_use(labelled: Project) -> None:
    labelled.segment()
    labelled.segment(include_interviewers=True)  # adds the interviewer's turns, nothing else
    everything = labelled.segments(include_interviewers=True)
    assert len(everything) == len(LABELS) + 4
    assert {g.role for g in everything} == {"participant", "interviewer"}
    assert len(labelled.segments()) == len(LABELS)
    labelled.set_speaker_roles("A02-head", {"Sam": "interviewer"})
    assert {g.speaker for g in labelled.segments()} == {"Dana"}


def test_a_spacy_model_that_is_not_installed_says_how_to_get_one(labelled: Project) -> None:
    with pytest.raises(MissingDependency, match="pip install"):
        labelled.segment(spacy_model="xx_not_a_real_pipeline")
    labelled.set_setting("spacy_model", "xx_not_a_real_pipeline")
    with pytest.raises(MissingDependency):
        labelled.segment()


def test_an_empty_project_has_nothing_to_segment(sqlite_project: Project) -> None:
    report = sqlite_project.segment()
    assert report.segments_added == 0 and report.segments_total == 0 and report.documents == []
