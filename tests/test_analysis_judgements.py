"""Categorical judgements: exclusive groups, dominant values from the coding (per facet), tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from qual_si import Project
from qual_si.errors import InvalidOperation

TEXT = """Interviewer: How consistent is practice?

Participant 1: Every school uses the same exam boards. Data goes into one system on the same dates.

Interviewer: And the curriculum?

Participant 1: Curriculum is designed by each school for its own pupils. Assessment has some shared principles.
"""


def code(project: Project, phrase: str, *refs: str) -> None:
    text = project.text("T1-ceo")
    start = text.index(phrase)
    for ref in refs:
        project.add_coding("T1-ceo", start, start + len(phrase), ref)


@pytest.fixture
def judged(tmp_path: Path):  # type: ignore[no-untyped-def]
    (tmp_path / "T1-ceo.txt").write_text(TEXT, encoding="utf-8")
    project = Project.create(tmp_path / "study.qsi", coder="alex")
    for book in ("d003_practice_consistency", "d003_practice_areas"):
        project.load_codebook(book)
    project.import_documents([tmp_path / "T1-ceo.txt"])
    project.set_document_case("T1-ceo", "T1")
    project.create_case("T2")
    code(project, "Every school uses the same exam boards.", "standardised", "assessment_exam_boards")
    code(project, "Data goes into one system on the same dates.", "standardised", "data_capture_reporting")
    code(project, "Curriculum is designed by each school for its own pupils.", "autonomous", "curriculum_content")
    code(project, "Assessment has some shared principles.", "aligned_principled", "assessment_exam_boards")
    yield project
    project.close()


def test_judge_checks_the_group_and_its_values(judged: Project) -> None:
    with pytest.raises(InvalidOperation, match="not an exclusive group"):
        judged.judge("T1", "d003_practice_areas.curriculum_content", "standardised")
    with pytest.raises(InvalidOperation, match="not a value of"):
        judged.judge("T1", "consistency_level", "curriculum_content")
    first = judged.judge("T1", "consistency_level", "aligned", facet="Curriculum content", note="masks nuance")
    again = judged.judge("T1", "consistency_level", "standardised", facet="Curriculum content")
    assert first.id == again.id and again.value == "standardised"
    judged.undo()
    assert judged.judgements()[0].value == "aligned"


def test_dominant_values_from_the_coding_per_facet(judged: Project) -> None:
    table = judged.dominant_values("consistency_level", facets="d003_practice_areas").set_index("facet")
    assert table.at["Assessment systems and exam boards", "dominant"] == "Standardised / Aligned (tie)"
    assert table.at["Data capture and reporting", "dominant"] == "Standardised"
    assert table.at["Curriculum content", "dominant"] == "Autonomous"
    assert table.at["Assessment systems and exam boards", "Aligned"] == 1  # the principled sub-type rolls up
    judged.judge("T1", "consistency_level", "standardised", facet="Assessment systems and exam boards")
    table = judged.dominant_values("consistency_level", facets="d003_practice_areas").set_index("facet")
    assert table.at["Assessment systems and exam boards", "final"] == "Standardised"
    overall = judged.dominant_values("consistency_level").set_index("case")
    assert overall.at["T1", "dominant"] == "Standardised"


def test_judgement_table_rolls_sub_values_up_and_groups(judged: Project) -> None:
    judged.judge("T1", "consistency_level", "aligned_incremental", facet="Pedagogy")
    judged.judge("T2", "consistency_level", "autonomous", facet="Pedagogy")
    judged.set_attribute("T1", "schools", 4)
    judged.set_attribute("T2", "schools", 12)
    table = judged.judgement_table("consistency_level")
    assert table.loc["Pedagogy"].to_dict() == {"Standardised": 0, "Aligned": 50, "Autonomous": 50,
                                               "Mixed or depends on context": 0, "Total": 100}
    banded = judged.judgement_table("consistency_level", by="schools", cuts=[1, 7], labels=["1-6", "7+"])
    assert banded.at["Pedagogy", "1-6: Aligned"] == 100 and banded.at["Pedagogy", "7+: Autonomous"] == 100
    counts = judged.judgement_table("consistency_level", by="schools", cuts=[1, 7], percent=False)
    assert counts.at["Pedagogy", "7+: Total"] == 1


def test_judgement_table_bands_are_checked_and_ordered_below_first(judged: Project) -> None:
    judged.judge("T1", "consistency_level", "aligned", facet="Pedagogy")
    judged.judge("T2", "consistency_level", "autonomous", facet="Pedagogy")
    judged.set_attribute("T1", "schools", 4)
    judged.set_attribute("T2", "schools", 12)
    with pytest.raises(InvalidOperation, match="3 cut-points need 3 labels"):
        judged.judgement_table("consistency_level", by="schools", cuts=[3, 7, 15], labels=["small"])
    table = judged.judgement_table("consistency_level", by="schools", cuts=[10, 20])
    assert list(dict.fromkeys(c.split(": ")[0] for c in table.columns)) == ["below 10", "10-19"]


def test_import_judgements_is_one_undoable_action(judged: Project) -> None:
    judged.import_judgements([{"case": "T1", "value": "aligned", "facet": "A"},
                              {"case": "T2", "value": "autonomous", "facet": "A"}], group="consistency_level")
    assert len(judged.judgements()) == 2
    judged.undo()
    assert judged.judgements() == []
