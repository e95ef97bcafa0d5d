"""Cases and typed attributes: import, inference and overrides, linking, bands, bad files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from qual_si import Project
from qual_si.errors import CasesFileError, InvalidOperation

TRANSCRIPT = "Interviewer: Tell me about the trust?\nParticipant 1: We are small.\n"
CASES = (
    "case,schools,phase,founded,diocesan,visited,documents\n"
    "T01,4,primary,2015,No,2026-01-12,T01-ceo.txt\n"
    "T02,9,cross-phase,2012,No,2026-02-03,T02-ceo.docx; T02-head\n"
    "T03,22,cross-phase,2009,Yes,2026-02-20,\n"
)


@pytest.fixture
def with_documents(project: Project, tmp_path: Path) -> Project:
    for name in ("T01-ceo", "T02-ceo", "T02-head", "T03-ceo"):
        (tmp_path / f"{name}.txt").write_text(TRANSCRIPT.replace("small", name), encoding="utf-8")
    assert project.import_documents([tmp_path]).ok
    return project


def test_import_infers_types_and_links_by_file_names(with_documents: Project, tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(CASES, encoding="utf-8")
    report = with_documents.import_cases(path)
    assert report.attributes == {"schools": "number", "phase": "category", "founded": "number",
                                 "diocesan": "boolean", "visited": "date"}
    assert report.documents_linked == {"T01-ceo": "T01", "T02-ceo": "T02", "T02-head": "T02"}
    t02 = with_documents.case("T02")
    assert t02.attributes == {"schools": 9.0, "phase": "cross-phase", "founded": 2012.0, "diocesan": False,
                              "visited": date(2026, 2, 3)}
    assert t02.document_count == 2
    assert with_documents.document("T03-ceo").case_name is None


def test_type_override_and_link_pattern(with_documents: Project, tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(CASES.replace(",documents", ",files"), encoding="utf-8")
    report = with_documents.import_cases(path, types={"founded": "category"}, link_column="files",
                                         link_pattern=r"^(?P<case>T\d+)-")
    assert report.attributes["founded"] == "category"
    assert with_documents.document("T03-ceo").case_name == "T03"
    assert with_documents.case("T01").attributes["founded"] == "2015"


def test_bad_number_names_file_row_and_column_and_changes_nothing(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text("case,schools\nT01,4\nT02,many\n", encoding="utf-8")
    with pytest.raises(CasesFileError) as caught:
        project.import_cases(path, types={"schools": "number"})
    message = str(caught.value)
    assert "cases.csv" in message and "row 3" in message and "schools" in message and "many" in message
    assert project.cases() == []


def test_missing_case_column_is_named(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text("trust,schools\nA,4\n", encoding="utf-8")
    with pytest.raises(CasesFileError, match="trust_id"):
        project.import_cases(path, case_column="trust_id")


def test_bands_follow_source_values_and_name_missing(with_documents: Project, tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(CASES, encoding="utf-8")
    with_documents.import_cases(path)
    band = with_documents.define_band("schools", [3, 7, 15])
    assert band.labels == ("3-6", "7-14", "15+")
    bands = {c.name: c.attributes["schools band"] for c in with_documents.cases()}
    assert bands == {"T01": "3-6", "T02": "7-14", "T03": "15+"}
    with_documents.set_attribute("T01", "schools", 2)
    assert with_documents.case("T01").attributes["schools band"] == "below 3"
    with_documents.set_attribute("T01", "schools", "")
    assert with_documents.case("T01").attributes.get("schools band") is None


def test_band_needs_increasing_cuts_and_a_number(with_documents: Project, tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(CASES, encoding="utf-8")
    with_documents.import_cases(path)
    with pytest.raises(InvalidOperation, match="increase"):
        with_documents.define_band("schools", [7, 3])
    with pytest.raises(InvalidOperation, match="number"):
        with_documents.define_band("phase", [1])


def test_a_case_holds_many_documents_and_import_is_undoable(with_documents: Project, tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(CASES, encoding="utf-8")
    with_documents.import_cases(path)
    assert with_documents.undo() == "cases.import"
    assert with_documents.cases() == []
    assert all(d.case_id is None for d in with_documents.documents())


def test_cases_frame_has_one_column_per_attribute(with_documents: Project, tmp_path: Path) -> None:
    path = tmp_path / "cases.csv"
    path.write_text(CASES, encoding="utf-8")
    with_documents.import_cases(path, hidden=["diocesan"])
    frame = with_documents.cases_frame()
    assert list(frame.columns) == ["case", "documents", "schools", "phase", "founded", "diocesan", "visited"]
    assert "diocesan" not in with_documents.cases_frame(include_hidden=False).columns
