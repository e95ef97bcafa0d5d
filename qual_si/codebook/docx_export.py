"""A codebook appendix in Word: what a student pastes into a dissertation.

Landscape A4, a heading with the title and citation, then tables of code (indented by depth),
definition, inclusion/exclusion and an example, plus the number of codings and documents when a
project supplies counts. Tables use the built-in "Table Grid" style, fixed column widths and a
repeating header row, which survive copy and paste into another Word document.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from qual_si.codebook.spec import CodebookSpec, CodeSpec, walk_codes
from qual_si.export.files import atomic_output

#: Column widths in cm; together they fill landscape A4 with 2 cm margins (25.7 cm).
_WIDTHS_PLAIN = (4.6, 8.0, 8.0, 5.1)
_WIDTHS_COUNTED = (4.3, 7.2, 7.2, 4.6, 1.2, 1.2)
_HEADERS = ("Code", "Definition", "Inclusion / exclusion", "Example")
_TEXT_SIZE = Pt(9)
_HEADER_FILL = "D9D9D9"
_GROUP_FILL = "F2F2F2"


def export_codebook_docx(
    spec: CodebookSpec,
    path: str | Path,
    *,
    counts: Mapping[str, tuple[int, int]] | None = None,
    force: bool = False,
) -> Path:
    """Write the appendix to ``path``; ``counts`` maps qualified id -> (codings, documents)."""
    target = Path(path)
    document = docx.Document()
    _landscape_a4(document)
    document.add_heading(spec.title, level=1)
    if spec.source:
        _labelled(document.add_paragraph(), "Source: ", spec.source)
    if spec.version:
        _labelled(document.add_paragraph(), "Version: ", spec.version)
    if spec.description:
        document.add_paragraph(spec.description)
    if spec.exclusive:
        document.add_paragraph(
            "The top-level codes are mutually exclusive: apply one per case or statement."
        )
    if not spec.codes:
        document.add_paragraph("This codebook has no codes yet.")
    elif all(code.children for code in spec.codes) and len(spec.codes) > 1:
        for group in spec.codes:
            document.add_heading(group.name, level=2)
            _code_table(document, spec, [group], counts)
    else:
        _code_table(document, spec, list(spec.codes), counts)
    with atomic_output(target, force=force) as scratch:
        document.save(str(scratch))
    return target


def _landscape_a4(document: WordDocument) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))


def _labelled(paragraph: Paragraph, label: str, text: str) -> None:
    paragraph.add_run(label).bold = True
    paragraph.add_run(text)


def _code_table(
    document: WordDocument,
    spec: CodebookSpec,
    roots: Sequence[CodeSpec],
    counts: Mapping[str, tuple[int, int]] | None,
) -> Table:
    headers = _HEADERS + (("Codings", "Documents") if counts is not None else ())
    widths = _WIDTHS_COUNTED if counts is not None else _WIDTHS_PLAIN
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        _write(cell, header, bold=True)
        _shade(cell, _HEADER_FILL)
    _repeat_as_header(table.rows[0])
    for code, _parent, depth in walk_codes(roots):
        cells = table.add_row().cells
        _write(cells[0], code.name, bold=bool(code.children), indent=depth)
        _definition_cell(cells[1], code)
        _criteria_cell(cells[2], code)
        if code.examples:
            _write(cells[3], f"\u201c{code.examples[0]}\u201d", italic=True)
        if counts is not None:
            codings, documents = counts.get(f"{spec.id}.{code.id}", (0, 0))
            _write(cells[4], str(codings), align_right=True)
            _write(cells[5], str(documents), align_right=True)
        if code.children:
            for cell in cells:
                _shade(cell, _GROUP_FILL)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    return table


def _definition_cell(cell: _Cell, code: CodeSpec) -> None:
    _write(cell, code.definition)
    if code.scale is not None:
        labels = ", ".join(f"{point} {label}" for point, label in code.scale.labels)
        note = f"Rating scale {code.scale.minimum}\u2013{code.scale.maximum}"
        _write(cell, f"{note}: {labels}" if labels else note, italic=True, new_paragraph=True)
    if code.exclusive and code.children:
        _write(cell, "Sub-codes are mutually exclusive.", italic=True, new_paragraph=True)


def _criteria_cell(cell: _Cell, code: CodeSpec) -> None:
    first = True
    for label, text in (("Include: ", code.inclusion), ("Exclude: ", code.exclusion)):
        if not text:
            continue
        paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
        run = paragraph.add_run(label)
        run.bold, run.font.size = True, _TEXT_SIZE
        paragraph.add_run(text).font.size = _TEXT_SIZE
        first = False


def _write(
    cell: _Cell,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    indent: int = 0,
    align_right: bool = False,
    new_paragraph: bool = False,
) -> None:
    paragraph = cell.add_paragraph() if new_paragraph else cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.bold, run.italic, run.font.size = bold, italic, _TEXT_SIZE
    if indent:
        paragraph.paragraph_format.left_indent = Cm(0.4 * indent)
    if align_right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if italic and new_paragraph:
        run.font.color.rgb = RGBColor(0x40, 0x40, 0x40)


def _shade(cell: _Cell, fill: str) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _repeat_as_header(row: _Row) -> None:
    """Repeat the header row on every page the table spans."""
    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    properties.append(marker)

