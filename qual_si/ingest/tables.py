"""Rows of a .csv or .xlsx file, with the row numbers a spreadsheet user sees (header = row 1).

Shared by the utterance-table reader and the cases reader. openpyxl is imported lazily.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from qual_si.errors import FormatError, InputError, UnreadableFile
from qual_si.ingest.encoding import EMPTY_REASON, normalise_text, read_file_bytes, read_text_file

_DELIMITERS = (",", ";", "\t", "|")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_CORRUPT_XLSX = "not a valid .xlsx (corrupt or not an Excel file)"

#: A cell value: str, int, float, bool, date, datetime, time or None.
Cell = object


@dataclass
class RawTable:
    headers: list[str]
    #: ``(row number as the spreadsheet shows it, cells)`` for every row that is not blank.
    rows: list[tuple[int, list[Cell]]]
    source_format: str
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)


def read_table(
    path: str | Path,
    *,
    sheet: str | None = None,
    encoding: str | None = None,
    error: type[InputError] = FormatError,
) -> RawTable:
    """Read the first non-blank row as headers and the rest as cells. ``error`` names bad sheets."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        table = _read_csv(path, encoding)
    else:
        data = read_file_bytes(path)
        if suffix not in (".xlsx", ".xlsm"):  # .xlsm: the same workbook format with macros, which are ignored
            raise UnreadableFile(path, f"'{suffix}' is not a table format (use .csv or .xlsx)")
        table = _read_xlsx(data, str(path), sheet, error)
    if not table.headers:
        raise UnreadableFile(path, EMPTY_REASON)
    return table


def _read_csv(path: str | Path, encoding: str | None) -> RawTable:
    text, encoding_name, warnings = read_text_file(path, encoding)
    delimiter = _guess_delimiter(text)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    records: list[tuple[int, list[Cell]]] = []
    try:
        for number, record in enumerate(reader, start=1):
            records.append((number, [cell.strip() for cell in record]))
    except csv.Error as problem:
        raise FormatError(
            path, f"not valid CSV ({problem})", location=f"line {reader.line_num}"
        ) from problem
    return _split_header(records, "csv", encoding_name, warnings)


def _guess_delimiter(text: str) -> str:
    """The delimiter used most in the first non-blank line (comma when there is none)."""
    first_line = next((line for line in text.split("\n", 50) if line.strip()), "")
    counts = {delimiter: first_line.count(delimiter) for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _read_xlsx(data: bytes, path: str, sheet: str | None, error: type[InputError]) -> RawTable:
    if data.startswith(_OLE_MAGIC):
        raise UnreadableFile(
            path, "is password-protected or encrypted, or an old .xls file: save it as .xlsx"
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UnreadableFile(path, _CORRUPT_XLSX)
    import openpyxl  # lazy: costs a few hundred milliseconds

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as problem:  # openpyxl raises many kinds for broken packages
        raise UnreadableFile(path, _CORRUPT_XLSX) from problem
    try:
        if sheet is None:
            worksheet = workbook.worksheets[0]
        elif sheet in workbook.sheetnames:
            worksheet = workbook[sheet]
        else:
            raise error(path, f"no sheet '{sheet}' (sheets: {', '.join(workbook.sheetnames)})")
        records: list[tuple[int, list[Cell]]] = []
        for number, values in enumerate(worksheet.iter_rows(values_only=True), start=1):
            records.append((number, [_xlsx_cell(value) for value in values]))
    finally:
        workbook.close()
    return _split_header(records, "xlsx", None, [])


def _xlsx_cell(value: object) -> Cell:
    if isinstance(value, str):
        return normalise_text(value).strip()
    return value


def _split_header(
    records: list[tuple[int, list[Cell]]],
    source_format: str,
    encoding: str | None,
    warnings: list[str],
) -> RawTable:
    rows = [(number, cells) for number, cells in records if not all(_blank(cell) for cell in cells)]
    if not rows:
        return RawTable([], [], source_format, encoding, warnings)
    _, header_cells = rows[0]
    headers = ["" if _blank(cell) else str(cell).strip() for cell in header_cells]
    while headers and not headers[-1]:
        headers.pop()
    return RawTable(headers, rows[1:], source_format, encoding, warnings)


def _blank(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def cell_text(cell: Cell) -> str:
    """A cell as the text a user sees: whole numbers without ``.0``, dates in ISO form."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime | date):
        return cell.isoformat()
    return str(cell).strip()


def header_key(header: str) -> str:
    """``Start_Time`` and ``start time`` are the same column name."""
    return " ".join(header.casefold().replace("_", " ").replace("-", " ").split())
