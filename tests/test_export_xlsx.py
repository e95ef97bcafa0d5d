"""Excel export re-read with openpyxl and checked cell by cell."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from qual_si import Project


def test_workbook_sheets_values_styles_and_about(hand_checked: Project, tmp_path: Path) -> None:
    matrix = hand_checked.matrix(depth=1)
    grouped = hand_checked.grouped_matrix("size band", depth=1)
    path = tmp_path / "tables.xlsx"
    hand_checked.export_tables({"case x code": matrix, "by size band": grouped.percent}, path)
    book = load_workbook(path)
    assert book.sheetnames == ["case x code", "by size band", "About"]
    sheet = book["case x code"]
    assert [c.value for c in sheet[1]] == ["case", "Collaboration", "Data"]
    for r, (label, row) in enumerate(matrix.iterrows(), start=2):
        assert [c.value for c in sheet[r]] == [label, *row.tolist()]
    assert sheet["A1"].font.bold and sheet["B1"].fill.fgColor.rgb.endswith("DDE4EE")
    assert sheet.freeze_panes == "B2"
    ranges = [str(r.sqref) for r in sheet.conditional_formatting]
    assert ranges == ["B2:C5"]
    banded = book["by size band"]
    assert [c.value for c in banded[1]] == ["size band", "cases", "Collaboration", "Data"]
    assert [c.value for c in banded[2]] == ["3-6", 1, 100, 100]
    assert [c.value for c in banded[5]] == ["Total", 3, 67, 67]
    assert [str(r.sqref) for r in banded.conditional_formatting] == ["C2:D4"]  # not sizes, totals
    about = {row[0].value: row[1].value for row in book["About"].iter_rows(min_row=2)}
    assert about["exported by"] == "sam"
    assert "measure: segments" in about["table case x code"] and "depth: depth 1" in about["table case x code"]
    assert about["made"][:2] == "20"
