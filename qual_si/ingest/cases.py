"""A cases table (.csv or .xlsx): one row per case, one column per attribute, typed.

Types are inferred per column from its non-empty values, in this order: number (``12``, ``3.5``,
``1,200``, ``1 200``, ``45%``; stored as float), boolean (yes/no/true/false/y/n; a column of only
1 and 0 is a number unless typed boolean), date (``2024-03-01``, day-first ``01/03/2024`` or
``01.03.2024``), category (few distinct values with at least one repeat), text. Values are read
by :func:`qual_si.attributes.coerce`, the rule every other way of setting an attribute uses.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import cast

from qual_si.attributes import ATTRIBUTE_TYPES, coerce
from qual_si.errors import CasesFileError, InvalidOperation
from qual_si.ingest.tables import RawTable, cell_text, read_table
from qual_si.model import AttributeType, AttributeValue

_CASE_COLUMN_NAMES = ("case", "case id", "case_id", "case name", "id", "name")


@dataclass
class CasesTable:
    """Typed case attributes. Each row maps ``case_column`` to the case name and every attribute
    column to its typed value (None for an empty cell)."""

    case_column: str
    columns: list[str]
    types: dict[str, AttributeType]
    rows: list[dict[str, AttributeValue]]
    warnings: list[str] = field(default_factory=list)


def read_cases_table(
    path: str | Path,
    *,
    case_column: str | None = None,
    types: dict[str, str] | None = None,
    sheet: str | None = None,
) -> CasesTable:
    """Read a cases file. ``types`` forces a column's type; bad values raise CasesFileError."""
    table = read_table(path, sheet=sheet, error=CasesFileError)
    where = str(path)
    headers = _checked_headers(table, where)
    case_index = _case_column_index(headers, case_column, where)
    attribute_indexes = [i for i, header in enumerate(headers) if header and i != case_index]
    columns = [headers[i] for i in attribute_indexes]
    forced = _checked_types(types or {}, columns, where)

    names = _case_names(table, case_index, headers[case_index], where)
    column_types: dict[str, AttributeType] = {}
    typed_columns: dict[str, list[AttributeValue]] = {}
    for index in attribute_indexes:
        header = headers[index]
        cells = [cells[index] if index < len(cells) else None for _, cells in table.rows]
        column_type = forced.get(header) or _infer_type(cells)
        column_types[header] = column_type
        typed_columns[header] = _convert_column(cells, column_type, header, table, where)

    rows: list[dict[str, AttributeValue]] = []
    for position, name in enumerate(names):
        row: dict[str, AttributeValue] = {headers[case_index]: name}
        for header in columns:
            row[header] = typed_columns[header][position]
        rows.append(row)
    return CasesTable(headers[case_index], columns, column_types, rows, list(table.warnings))


def _checked_headers(table: RawTable, path: str) -> list[str]:
    width = max([len(table.headers)] + [len(cells) for _, cells in table.rows])
    headers = table.headers + [""] * (width - len(table.headers))
    seen: dict[str, int] = {}
    for index, header in enumerate(headers):
        if not header:
            if any(index < len(cells) and cell_text(cells[index]) for _, cells in table.rows):
                raise CasesFileError(
                    path, f"column {index + 1} has values but no name", location="row 1"
                )
            continue
        key = header.casefold()
        if key in seen:
            raise CasesFileError(path, f"column '{header}' appears twice", location="row 1")
        seen[key] = index
    return headers


def _case_column_index(headers: list[str], chosen: str | None, path: str) -> int:
    folded = [header.casefold() for header in headers]
    if chosen is not None:
        if chosen.casefold() not in folded:
            existing = ", ".join(repr(header) for header in headers if header)
            raise CasesFileError(path, f"no case column '{chosen}' (columns: {existing})")
        return folded.index(chosen.casefold())
    for name in _CASE_COLUMN_NAMES:
        if name in folded:
            return folded.index(name)
    return next(index for index, header in enumerate(headers) if header)


def _checked_types(
    types: dict[str, str], columns: list[str], path: str
) -> dict[str, AttributeType]:
    by_folded = {column.casefold(): column for column in columns}
    checked: dict[str, AttributeType] = {}
    for column, type_name in types.items():
        if column.casefold() not in by_folded:
            raise CasesFileError(
                path, f"no column '{column}' to type (columns: {', '.join(columns)})"
            )
        if type_name not in ATTRIBUTE_TYPES:
            raise CasesFileError(
                path,
                f"type '{type_name}' for column '{column}' is not one of {', '.join(ATTRIBUTE_TYPES)}",
            )
        checked[by_folded[column.casefold()]] = cast(AttributeType, type_name)
    return checked


def _case_names(table: RawTable, index: int, header: str, path: str) -> list[str]:
    first_row: dict[str, int] = {}
    names: list[str] = []
    for number, cells in table.rows:
        name = cell_text(cells[index]) if index < len(cells) else ""
        if not name:
            raise CasesFileError(
                path, f"no case name in column '{header}'", location=f"row {number}"
            )
        if name in first_row:
            raise CasesFileError(
                path,
                f"case '{name}' appears twice (rows {first_row[name]} and {number})",
                location=f"row {number}",
            )
        first_row[name] = number
        names.append(name)
    return names


# --- typing values ------------------------------------------------------------------------------


def _infer_type(cells: list[object]) -> AttributeType:
    values = [cell for cell in cells if cell_text(cell)]
    if not values:
        return "text"
    # Number before boolean: coerce reads 1/0 as yes/no, but a column of 1s and 0s is a count.
    for candidate, convert in (
        ("number", _to_number),
        ("boolean", _to_boolean),
        ("date", _to_date),
    ):
        if all(_fits(convert, value) for value in values):
            return cast(AttributeType, candidate)
    distinct = {cell_text(value) for value in values}
    if len(distinct) < len(values) and len(distinct) <= max(12, len(values) / 2):
        return "category"
    return "text"


def _fits(convert: Callable[[object], AttributeValue], value: object) -> bool:
    try:
        convert(value)
    except ValueError:
        return False
    return True


def _convert_column(
    cells: list[object], column_type: AttributeType, header: str, table: RawTable, path: str
) -> list[AttributeValue]:
    convert = _CONVERTERS[column_type]
    converted: list[AttributeValue] = []
    for (number, _), cell in zip(table.rows, cells, strict=True):
        if not cell_text(cell):
            converted.append(None)
            continue
        try:
            converted.append(convert(cell))
        except ValueError:
            article = "an" if column_type[0] in "aeiou" else "a"
            raise CasesFileError(
                path,
                f"column '{header}': '{cell_text(cell)}' is not {article} {column_type}",
                location=f"row {number}",
            ) from None
    return converted


def _coerced(kind: str, value: AttributeValue) -> AttributeValue:
    """:func:`qual_si.attributes.coerce`, with a mismatch as ValueError (the importer's signal)."""
    try:
        return coerce(kind, value)
    except InvalidOperation as problem:
        raise ValueError(str(problem)) from None


def _to_boolean(value: object) -> AttributeValue:
    return _coerced("boolean", value if isinstance(value, bool) else cell_text(value))


def _to_number(value: object) -> AttributeValue:
    if isinstance(value, int | float):  # a spreadsheet number (coerce refuses True/False)
        return _coerced("number", value)
    # Spreadsheets and typists write thousands with spaces ("1 200", "45 %"); coerce does not.
    return _coerced("number", cell_text(value).replace(" ", ""))


def _to_date(value: object) -> AttributeValue:
    return _coerced("date", value if isinstance(value, date) else cell_text(value))


def _to_text(value: object) -> str:
    return cell_text(value)


_CONVERTERS: dict[str, Callable[[object], AttributeValue]] = {
    "boolean": _to_boolean,
    "number": _to_number,
    "date": _to_date,
    "category": _to_text,
    "text": _to_text,
}
