"""Tables out: CSV, an Excel workbook (a sheet per table), Word tables ready for a report.

Excel: bold shaded headers, frozen header row and label column, widths fitted to the text, a
heat-map colour scale over each table's numbers (not over totals or group sizes), and an
``About`` sheet that records when the tables were made, from which project, with which filters.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..attributes import display_value
from ..errors import InvalidOperation
from .files import atomic_output, check_target, slug

if TYPE_CHECKING:
    import pandas as pd

FORMATS = (".csv", ".xlsx", ".docx")
HEADER_FILL = "DDE4EE"
NOT_HEATED = ("Total", "cases", "n")


def write_tables(
    tables: Mapping[str, pd.DataFrame],
    path: str | Path,
    *,
    force: bool = False,
    about: Mapping[str, str] | None = None,
    heat: bool = True,
    title: str | None = None,
) -> list[Path]:
    """Write the tables to ``path`` (format from its extension). Returns the files written.

    CSV holds one table; several tables go to ``<stem>-<name>.csv`` files beside ``path``.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise InvalidOperation(f"{target}: export to {', '.join(FORMATS)} (got {suffix or 'no extension'!r})")
    if not tables:
        raise InvalidOperation("nothing to export")
    if suffix == ".csv":
        return _write_csv(tables, target, force=force)
    if suffix == ".xlsx":
        write_xlsx(tables, target, force=force, about=about, heat=heat)
    else:
        write_docx(tables, target, force=force, about=about, title=title)
    return [target]


def _write_csv(tables: Mapping[str, pd.DataFrame], target: Path, *, force: bool) -> list[Path]:
    if len(tables) == 1:
        paths = {target: next(iter(tables.values()))}
    else:
        paths = {target.with_name(f"{target.stem}-{slug(name)}.csv"): frame for name, frame in tables.items()}
    for each in paths:  # refuse before writing anything
        check_target(each, force=force)
    for each, frame in paths.items():
        with atomic_output(each, force=force) as scratch:
            _flat(frame).to_csv(scratch, index=False, encoding="utf-8")
    return list(paths)


def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """The index as an ordinary first column (named after the index, or 'row')."""
    out = frame.copy()
    name = out.index.name or "row"
    out.index = out.index.map(str)
    out.index.name = name
    out.columns = [str(c) for c in out.columns]
    return out.reset_index()


def describe(frame: pd.DataFrame) -> str:
    """A one-line account of how a table was made (measure, rows, filters), from ``frame.attrs``."""
    keys = ("measure", "rows", "depth", "filter", "coder", "origin", "mode", "percent")
    parts = [f"{k}: {frame.attrs[k]}" for k in keys if isinstance(frame.attrs.get(k), str | int) and frame.attrs.get(k) != ""]
    return "; ".join(parts)


def write_xlsx(tables: Mapping[str, pd.DataFrame], path: Path, *, force: bool = False,
               about: Mapping[str, str] | None = None, heat: bool = True) -> Path:
    from openpyxl import Workbook
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for name, frame in tables.items():
        sheet = workbook.create_sheet(_sheet_name(name, used))
        flat = _flat(frame)
        sheet.append(list(flat.columns))
        for row in flat.itertuples(index=False):
            sheet.append([_excel_value(v) for v in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "B2"
        for index, column in enumerate(flat.columns, start=1):
            texts = [str(column)] + [str(v) for v in flat[column].head(200)]
            width = min(60, max(8, max(len(line) for t in texts for line in t.splitlines() or [""]) + 2))
            sheet.column_dimensions[get_column_letter(index)].width = width
        if heat:
            _heat(sheet, flat, ColorScaleRule)
        if any("\n" in str(v) for v in flat.to_numpy().ravel()):
            for row in sheet.iter_rows(min_row=2):
                for cell in row:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    info = workbook.create_sheet(_sheet_name("About", used))
    info.append(["item", "value"])
    info.append(["made", datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")])
    for key, value in (about or {}).items():
        info.append([key, value])
    for name, frame in tables.items():
        info.append([f"table {name}", describe(frame) or "-"])
    for cell in info[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
    info.column_dimensions["A"].width = 30
    info.column_dimensions["B"].width = 90
    with atomic_output(path, force=force, suffixes=(".xlsx",)) as scratch:
        workbook.save(scratch)
    return path


def _heat(sheet: Any, flat: pd.DataFrame, rule: Any) -> None:
    """A white-to-orange colour scale over the numeric body (not the Total row/column or sizes)."""
    from openpyxl.utils import get_column_letter

    rows = len(flat)
    labels = [str(v) for v in flat.iloc[:, 0]]
    last_row = rows + 1 - (1 if labels and labels[-1] == "Total" else 0)
    numeric = [i for i, c in enumerate(flat.columns, start=1)
               if i > 1 and flat[c].dtype.kind in "fi" and str(c).split(": ")[-1] not in NOT_HEATED]
    if not numeric or last_row < 2:
        return
    area = f"{get_column_letter(numeric[0])}2:{get_column_letter(numeric[-1])}{last_row}"
    sheet.conditional_formatting.add(area, rule(start_type="min", start_color="FFFFFF", end_type="max",
                                                end_color="F4A259"))


def _sheet_name(name: str, used: set[str]) -> str:
    cleaned = "".join("-" if ch in "[]:*?/\\" else ch for ch in name).strip() or "Table"
    candidate = cleaned[:31]
    number = 2
    while candidate.lower() in used:
        suffix = f" ({number})"
        candidate = cleaned[: 31 - len(suffix)] + suffix
        number += 1
    used.add(candidate.lower())
    return candidate


def _excel_value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and value != value:
        return None
    if hasattr(value, "item"):  # numpy scalar
        return value.item()
    return value


def write_docx(tables: Mapping[str, pd.DataFrame], path: Path, *, force: bool = False,
               about: Mapping[str, str] | None = None, title: str | None = None) -> Path:
    """A Word document with one captioned table per frame (header row bold and repeated)."""
    from docx import Document
    from docx.shared import Pt

    document = Document()
    if title:
        document.add_heading(title, level=1)
    for name, frame in tables.items():
        add_table(document, frame, name)
    if about:
        note = document.add_paragraph()
        note.add_run("; ".join(f"{k}: {v}" for k, v in about.items())).italic = True
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            run.font.size = run.font.size or Pt(10)
    with atomic_output(path, force=force, suffixes=(".docx",)) as scratch:
        document.save(str(scratch))
    return path


def add_table(document: Any, frame: pd.DataFrame, caption: str) -> Any:
    """Append a caption and the table to a python-docx document; returns the table."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    flat = _flat(frame)
    heading = document.add_paragraph()
    heading.add_run(caption).bold = True
    table = document.add_table(rows=1, cols=len(flat.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    marker = OxmlElement("w:tblHeader")  # repeat the header row on each page
    marker.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(marker)
    for cell, name in zip(header.cells, flat.columns, strict=True):
        run = cell.paragraphs[0].add_run(str(name))
        run.bold = True
        run.font.size = Pt(9)
    for values in flat.itertuples(index=False):
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            run = cell.paragraphs[0].add_run(cell_text(value))
            run.font.size = Pt(9)
    made = describe(frame)
    if made:
        note = document.add_paragraph()
        run = note.add_run(made)
        run.italic = True
        run.font.size = Pt(8)
    return table


def cell_text(value: Any) -> str:
    """How a value is printed in a Word table: as :func:`qual_si.attributes.display_value` shows it,
    with other than whole numbers to six significant digits (a table cell, not the exact value)."""
    if isinstance(value, float) and value == value and not value.is_integer():
        return f"{value:g}"
    return display_value(value)
