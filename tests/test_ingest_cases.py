"""read_cases_table: case column, type inference, forced types and precise errors."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from qual_si.errors import CasesFileError
from qual_si.ingest.cases import read_cases_table

TRUSTS = (
    "Trust,Schools,Phase,Academy share,Founded,Converter,First visit,Notes\n"
    "T01,4,primary,100%,2015,yes,2024-03-01,compact\n"
    'T02,9,cross-phase,"1,250",2012,no,01/03/2024,growing fast\n'
    "T03,22,cross-phase,87.5%,2009,Y,15/11/2023,\n"
    "T04,8,primary,,2016,N,2023-12-31,diocesan\n"
)


def _write(tmp_path: Path, content: str, name: str = "cases.csv") -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_types_are_inferred_and_values_typed(tmp_path: Path) -> None:
    table = read_cases_table(_write(tmp_path, TRUSTS))
    assert table.case_column == "Trust"  # no case/id/name column: the first column
    assert table.columns == [
        "Schools",
        "Phase",
        "Academy share",
        "Founded",
        "Converter",
        "First visit",
        "Notes",
    ]
    assert table.types == {
        "Schools": "number",
        "Phase": "category",
        "Academy share": "number",
        "Founded": "number",
        "Converter": "boolean",
        "First visit": "date",
        "Notes": "text",
    }
    assert table.rows[1] == {
        "Trust": "T02",
        "Schools": 9.0,
        "Phase": "cross-phase",
        "Academy share": 1250.0,
        "Founded": 2012.0,
        "Converter": False,
        "First visit": date(2024, 3, 1),
        "Notes": "growing fast",
    }
    assert table.rows[2]["Academy share"] == 87.5 and table.rows[2]["Notes"] is None
    assert table.rows[3]["Academy share"] is None and table.rows[3]["Converter"] is False


def test_case_column_found_by_name(tmp_path: Path) -> None:
    path = _write(tmp_path, "Region,Case ID,Size\nNorth,A,3\nSouth,B,4\n")
    assert read_cases_table(path).case_column == "Case ID"
    assert read_cases_table(path, case_column="region").case_column == "Region"


def test_forced_types_override_inference(tmp_path: Path) -> None:
    path = _write(tmp_path, "case,Founded,Band\nA,2015,1\nB,2016,2\n")
    table = read_cases_table(path, types={"Founded": "text", "band": "category"})
    assert table.types == {"Founded": "text", "Band": "category"}
    assert table.rows[0] == {"case": "A", "Founded": "2015", "Band": "1"}


def test_value_that_does_not_fit_a_forced_type_names_column_value_and_row(tmp_path: Path) -> None:
    rows = "".join(f"C{n},{n}\n" for n in range(5)) + "C5,abc\n"
    path = _write(tmp_path, "case,schools\n" + rows)
    with pytest.raises(
        CasesFileError, match=r"cases\.csv:row 7: column 'schools': 'abc' is not a number"
    ):
        read_cases_table(path, types={"schools": "number"})


def test_forced_types_read_values_as_set_attribute_does(tmp_path: Path) -> None:
    # The importer and Project.set_attribute share attributes.coerce: 1/0 are yes/no, and
    # dotted day-first dates are dates, when the column is typed so.
    path = _write(tmp_path, "case,flag,start,staff\nA,1,01.03.2024,1 200\nB,0,2024/03/02,40\n")
    table = read_cases_table(path, types={"flag": "boolean", "start": "date"})
    assert table.rows[0] == {"case": "A", "flag": True, "start": date(2024, 3, 1), "staff": 1200.0}
    assert table.rows[1]["flag"] is False and table.rows[1]["start"] == date(2024, 3, 2)
    # Untyped, a column of 1s and 0s is still a count.
    assert read_cases_table(path).types["flag"] == "number"


def test_category_needs_a_repeat_and_few_values(tmp_path: Path) -> None:
    path = _write(tmp_path, "case,Band,Motto\nA,Low,Learn\nB,High,Grow\nC,Low,Lead\n")
    assert read_cases_table(path).types == {"Band": "category", "Motto": "text"}


def test_missing_case_column_names_the_columns(tmp_path: Path) -> None:
    path = _write(tmp_path, "case,size\nA,3\n")
    with pytest.raises(CasesFileError, match=r"no case column 'trust' \(columns: 'case', 'size'\)"):
        read_cases_table(path, case_column="trust")


def test_duplicate_case_names_are_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "case,size\nA,3\nB,4\nA,5\n")
    with pytest.raises(CasesFileError, match=r"row 4: case 'A' appears twice \(rows 2 and 4\)"):
        read_cases_table(path)


def test_unknown_type_and_unknown_column_in_types(tmp_path: Path) -> None:
    path = _write(tmp_path, "case,size\nA,3\n")
    with pytest.raises(CasesFileError, match="type 'integer' for column 'size'"):
        read_cases_table(path, types={"size": "integer"})
    with pytest.raises(CasesFileError, match=r"no column 'colour' to type"):
        read_cases_table(path, types={"colour": "text"})


def test_cp1252_csv_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "old.csv"
    path.write_bytes("case,Head\nA,Zoë Brontë\n".encode("cp1252"))
    table = read_cases_table(path)
    assert table.rows[0]["Head"] == "Zoë Brontë"
    assert table.warnings == ["decoded as cp1252 (not valid UTF-8)"]


def test_xlsx_native_cell_types_and_sheet(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.create_sheet("trusts")
    sheet.append(["name", "schools", "joined", "sponsor"])
    sheet.append(["Ashgrove", 4, datetime(2015, 9, 1), True])
    sheet.append(["Brookvale", 9.0, datetime(2012, 1, 1), False])
    path = tmp_path / "trusts.xlsx"
    workbook.save(path)
    table = read_cases_table(path, sheet="trusts")
    assert table.case_column == "name"
    assert table.types == {"schools": "number", "joined": "date", "sponsor": "boolean"}
    assert table.rows[0] == {
        "name": "Ashgrove",
        "schools": 4.0,
        "joined": date(2015, 9, 1),
        "sponsor": True,
    }
    with pytest.raises(CasesFileError, match="no sheet 'schools'"):
        read_cases_table(path, sheet="schools")
