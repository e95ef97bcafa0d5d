"""Retrieval of coded segments with participant, case and time, filters and sorting."""

from __future__ import annotations

from pathlib import Path

import pytest

from qual_si import Project
from qual_si.quotes import quote_with_attribution

A = "Interviewer: Vision?\nParticipant 1: We wrote the values together. (1:40)\nInterviewer: Data?\nParticipant 1: One mock for all. (2:05)\n"
B = "Interviewer: Vision?\nParticipant 2: Values came from the founder. (0:45)\n"


@pytest.fixture
def coded(project: Project, tmp_path: Path) -> Project:
    (tmp_path / "T01-ceo.txt").write_text(A, encoding="utf-8")
    (tmp_path / "T02-ceo.txt").write_text(B, encoding="utf-8")
    project.import_documents([tmp_path])
    cases = tmp_path / "cases.csv"
    cases.write_text("case,phase\nT01,primary\nT02,secondary\n", encoding="utf-8")
    project.import_cases(cases, link_pattern=r"^(T\d+)-")
    project.load_codebook("d003_strategic_areas")
    for document, phrase, code in [
        ("T01-ceo", "We wrote the values together.", "d003_strategic_areas.sa1_1b"),
        ("T01-ceo", "One mock for all.", "d003_strategic_areas.sa3_1"),
        ("T02-ceo", "Values came from the founder.", "d003_strategic_areas.sa1_1"),
    ]:
        start = project.text(document).index(phrase)
        project.add_coding(document, start, start + len(phrase), code)
    return project


def test_retrieve_with_sub_codes_attributes_speaker_case_and_time(coded: Project) -> None:
    found = coded.retrieve("d003_strategic_areas.sa1_1")
    assert [(g.document, g.case, g.speaker, g.start_s, g.text) for g in found] == [
        ("T01-ceo", "T01", "Participant 1", 100.0, "We wrote the values together."),
        ("T02-ceo", "T02", "Participant 2", 45.0, "Values came from the founder."),
    ]
    assert [g.text for g in coded.retrieve("d003_strategic_areas.sa1_1", include_children=False)] == [
        "Values came from the founder."]


def test_retrieve_filters_by_attribute_and_coder(coded: Project) -> None:
    assert [g.case for g in coded.retrieve("d003_strategic_areas.sa1", where={"phase": "secondary"})] == ["T02"]
    assert coded.retrieve("d003_strategic_areas.sa1", coder="somebody else") == []


def test_quote_attribution_format(coded: Project) -> None:
    segment = coded.retrieve("d003_strategic_areas.sa1_1b")[0]
    assert quote_with_attribution(segment.text, segment.speaker, segment.start_s) == (
        'Participant 1: "We wrote the values together." (1:40)')
    assert quote_with_attribution("No time here.", "Participant 2") == 'Participant 2: "No time here."'
