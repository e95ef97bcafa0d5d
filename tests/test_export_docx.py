"""Word tables re-read with python-docx and checked cell by cell."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from qual_si import Project


def test_tables_are_captioned_and_match_the_frames(hand_checked: Project, tmp_path: Path) -> None:
    matrix = hand_checked.matrix(depth=1)
    crosstab = hand_checked.crosstab("size band", "schools")
    path = tmp_path / "report.docx"
    hand_checked.export_tables({"Table 1. Passages by case": matrix, "Table 2. Size": crosstab}, path, title="Findings")
    document = Document(str(path))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "Findings"
    assert "Table 1. Passages by case" in texts and "Table 2. Size" in texts
    first, second = document.tables
    assert [c.text for c in first.rows[0].cells] == ["case", "Collaboration", "Data"]
    for row, (label, values) in zip(first.rows[1:], matrix.iterrows(), strict=True):
        assert [c.text for c in row.cells] == [label, *[str(v) for v in values]]
    assert [c.text for c in second.rows[-1].cells] == ["Total", "1", "1", "1", "3"]
    assert first.rows[0].cells[0].paragraphs[0].runs[0].bold


def test_a_yes_no_value_reads_the_same_in_word_tables_and_attribute_tables() -> None:
    import pandas as pd

    from qual_si.analysis.tables import labels_of
    from qual_si.export.tables import cell_text

    assert [cell_text(v) for v in (True, False, 3.0, 2.5, None)] == ["Yes", "No", "3", "2.5", ""]
    assert labels_of(pd.Series([True, False], dtype=object)).tolist() == ["Yes", "No"]
