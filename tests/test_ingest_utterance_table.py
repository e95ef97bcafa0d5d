"""CSV and XLSX files with one utterance per row."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import openpyxl
import pytest

from qual_si.errors import FormatError
from qual_si.ingest import ReadOptions, read_document

DATA = Path(__file__).resolve().parent / "data" / "ingest"


def test_csv_columns_detected_and_text_built() -> None:
    document = read_document(DATA / "utterances.csv")
    assert document.text == (
        "Sam Whitley: How long have you been in post?\n"
        "Owen Price: Three years, give or take.\n"
        "[recording paused]\n"
        "Owen Price: We grew from four schools to nine."
    )
    assert [
        (u.speaker, document.text[u.start : u.end], u.start_s, u.end_s) for u in document.utterances
    ] == [
        ("Sam Whitley", "How long have you been in post?", 2.0, 5.0),
        ("Owen Price", "Three years, give or take.", 6.0, 12.0),
        (None, "[recording paused]", 13.0, 3902.5),
        ("Owen Price", "We grew from four schools to nine.", 3902.5, None),
    ]
    assert (document.source_format, document.encoding) == ("csv", "utf-8")


def test_xlsx_with_chosen_columns_sheet_and_time_cells(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "notes"
    sheet = workbook.create_sheet("turns")
    sheet.append(["Who spoke", "When", "Remark"])
    sheet.append(["Interviewer", time(0, 1, 5), "Why the hub model?"])
    sheet.append(["P3", 70, "Distance, mostly."])
    sheet.append(["P3", None, None])
    path = tmp_path / "turns.xlsx"
    workbook.save(path)
    options = ReadOptions(
        speaker_column="who spoke", text_column="Remark", time_column="When", sheet="turns"
    )
    document = read_document(path, options)
    assert document.text == "Interviewer: Why the hub model?\nP3: Distance, mostly."
    assert [(u.speaker, u.start_s) for u in document.utterances] == [
        ("Interviewer", 65.0),
        ("P3", 70.0),
    ]
    assert document.source_format == "xlsx"


def test_semicolon_csv_and_partial_timestamps(tmp_path: Path) -> None:
    path = tmp_path / "semi.csv"
    path.write_text("name;said;time\nAmy;Hello;0:01\nLee;Hi;\n", encoding="utf-8")
    document = read_document(path)
    assert [document.text[u.start : u.end] for u in document.utterances] == ["Hello", "Hi"]
    assert document.warnings == ["timestamps on 1 of 2 utterances"]


def test_missing_text_column_names_the_headers(tmp_path: Path) -> None:
    path = tmp_path / "nothing.csv"
    path.write_text("speaker,start\nAmy,0:01\n")
    with pytest.raises(
        FormatError, match=r"nothing\.csv: no text column found \(columns: 'speaker', 'start'\)"
    ):
        read_document(path)


def test_chosen_column_that_does_not_exist(tmp_path: Path) -> None:
    path = tmp_path / "cols.csv"
    path.write_text("speaker,text\nAmy,Hi\n")
    with pytest.raises(FormatError, match=r"no text column 'words' \(columns: 'speaker', 'text'\)"):
        read_document(path, ReadOptions(text_column="words"))


def test_bad_timestamp_names_the_row(tmp_path: Path) -> None:
    path = tmp_path / "times.csv"
    path.write_text("speaker,text,time\nAmy,Hi,0:01\nLee,Yo,soon\n")
    with pytest.raises(
        FormatError, match=r"times\.csv:row 3: column 'time': 'soon' is not a timestamp"
    ):
        read_document(path)


def test_missing_sheet_names_the_sheets(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.append(["text"])
    path = tmp_path / "one.xlsx"
    workbook.save(path)
    with pytest.raises(FormatError, match=r"no sheet 'turns' \(sheets: Sheet\)"):
        read_document(path, ReadOptions(sheet="turns"))
