"""The Word codebook appendix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.section import WD_ORIENT

from qual_si.codebook.docx_export import export_codebook_docx
from qual_si.codebook.spec import CodebookSpec, CodeSpec
from qual_si.codebook.yaml_io import load_codebook
from qual_si.errors import OutputExists

DATA = Path(__file__).parent / "data" / "codebook"


def _style_name(item: Any) -> str:
    return str(item.style.name) if item.style is not None else ""


def _rows(path: Path) -> list[list[str]]:
    document = docx.Document(str(path))
    return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]


def test_appendix_has_heading_source_and_one_row_per_code(tmp_path: Path) -> None:
    spec = load_codebook(DATA / "sample_feedback.yaml")
    path = export_codebook_docx(spec, tmp_path / "appendix.docx")
    document = docx.Document(str(path))
    assert document.paragraphs[0].text == spec.title
    assert _style_name(document.paragraphs[0]) == "Heading 1"
    assert any(
        p.text.startswith("Source: Written for the qual-si test suite") for p in document.paragraphs
    )
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert (section.page_width or 0) > (section.page_height or 0)
    rows = _rows(path)
    assert rows[0] == ["Code", "Definition", "Inclusion / exclusion", "Example"]
    assert [row[0] for row in rows[1:]] == [code.name for code, _p, _d in spec.walk()]
    deep = next(row for row in rows if row[0] == "Deep marking")
    assert deep[1] == "Detailed written dialogue with each pupil about a piece of work."
    assert deep[2] == (
        "Include: Long written comments that expect a written reply.\n"
        "Exclude: Quick ticks and stamps belong to the parent code."
    )
    assert deep[3] == "\u201cEvery piece got a paragraph and a purple-pen response.\u201d"
    quality = next(row for row in rows if row[0] == "Quality of feedback practice")
    assert "Rating scale 1\u20134: 1 weak, 4 strong" in quality[1]
    assert _style_name(document.tables[0]) == "Table Grid"


def test_depth_is_shown_by_indentation(tmp_path: Path) -> None:
    spec = load_codebook(DATA / "sample_feedback.yaml")
    document = docx.Document(str(export_codebook_docx(spec, tmp_path / "a.docx")))
    indents = {
        row.cells[0].text: row.cells[0].paragraphs[0].paragraph_format.left_indent or 0
        for row in document.tables[0].rows[1:]
    }
    assert indents["Written feedback"] == 0
    assert 0 < indents["Marking policy"] < indents["Deep marking"]


def test_counts_columns(tmp_path: Path) -> None:
    spec = load_codebook(DATA / "sample_feedback.yaml")
    counts = {"sample_feedback.deep_marking": (12, 3)}
    rows = _rows(export_codebook_docx(spec, tmp_path / "a.docx", counts=counts))
    assert rows[0][-2:] == ["Codings", "Documents"]
    assert next(row for row in rows if row[0] == "Deep marking")[-2:] == ["12", "3"]
    assert next(row for row in rows if row[0] == "Verbal feedback")[-2:] == ["0", "0"]


def test_one_table_per_group_when_every_top_code_is_a_group(tmp_path: Path) -> None:
    groups = tuple(
        CodeSpec(f"g{i}", f"Group {i}", "D", children=(CodeSpec(f"c{i}", f"Child {i}", "D"),))
        for i in (1, 2)
    )
    path = export_codebook_docx(CodebookSpec("b", "Book", codes=groups), tmp_path / "a.docx")
    document = docx.Document(str(path))
    assert len(document.tables) == 2
    assert [p.text for p in document.paragraphs if _style_name(p) == "Heading 2"] == [
        "Group 1",
        "Group 2",
    ]


def test_refuses_to_overwrite_unless_forced(tmp_path: Path) -> None:
    spec = CodebookSpec("b", "Book", codes=(CodeSpec("a", "A", "D"),))
    path = tmp_path / "a.docx"
    path.write_bytes(b"keep me")
    with pytest.raises(OutputExists):
        export_codebook_docx(spec, path)
    assert path.read_bytes() == b"keep me"
    export_codebook_docx(spec, path, force=True)
    assert _rows(path)[1][0] == "A"
