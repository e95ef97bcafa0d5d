"""Word (.docx) and OpenDocument (.odt) files to plain text.

Body paragraphs and table rows come in document order; a table row is its cell texts joined by a
tab; manual line breaks stay ``\\n``; headers, footers, footnotes and comments are left out.
python-docx and defusedxml are imported inside the functions so that importing
:mod:`qual_si.ingest` stays cheap.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from qual_si.errors import UnreadableFile

#: Office files that are encrypted (or are Word 97-2003) are OLE compound files, not zips.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "is password-protected or encrypted (remove the password in Word and save again)"
_CORRUPT_DOCX = "not a valid .docx (corrupt or not a Word file)"
_CORRUPT_ODT = "not a valid .odt (corrupt or not an OpenDocument text file)"

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Containers whose runs belong to the paragraph's text (insertions, links, fields, smart tags).
_RUN_CONTAINERS = frozenset(
    _W + tag
    for tag in ("hyperlink", "ins", "smartTag", "fldSimple", "customXml", "sdtContent", "sdt")
)


def _reject_ole(data: bytes, path: str, kind: str) -> None:
    if not data.startswith(_OLE_MAGIC[:4]):
        return
    if (
        "WordDocument".encode("utf-16-le") in data
        and "EncryptionInfo".encode("utf-16-le") not in data
    ):
        raise UnreadableFile(
            path,
            f"is an old Word 97-2003 document, not a {kind}; save it as {kind} and import again",
        )
    raise UnreadableFile(path, _ENCRYPTED)


def docx_text(data: bytes, path: str) -> str:
    """The body text of a .docx file (see module docstring)."""
    _reject_ole(data, path, ".docx")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UnreadableFile(path, _CORRUPT_DOCX)
    import docx  # lazy: python-docx pulls lxml

    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except Exception as error:  # python-docx raises many kinds for broken packages
        raise UnreadableFile(path, _CORRUPT_DOCX) from error
    return "\n".join(_docx_block_lines(body))


def _docx_block_lines(container: Any) -> Iterator[str]:
    """Lines of a body or table cell: paragraphs, table rows, content controls, in order."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == _W + "p":
            yield _docx_paragraph_text(child)
        elif tag == _W + "tbl":
            for row in child.iterchildren(_W + "tr"):
                yield "\t".join(_docx_cell_text(cell) for cell in row.iterchildren(_W + "tc"))
        elif tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
            yield from _docx_block_lines(child)


def _docx_cell_text(cell: Any) -> str:
    # A cell's paragraphs stay on separate lines, as Word shows them.
    return "\n".join(_docx_block_lines(cell))


def _docx_paragraph_text(paragraph: Any) -> str:
    parts: list[str] = []
    _collect_runs(paragraph, parts)
    return "".join(parts)


def _collect_runs(element: Any, parts: list[str]) -> None:
    for child in element.iterchildren():
        tag = child.tag
        if tag == _W + "r":
            # python-docx's CT_R.text turns w:t, w:tab, w:br (line breaks only), w:cr into text.
            parts.append(child.text)
        elif tag in _RUN_CONTAINERS:
            _collect_runs(child, parts)


# --- OpenDocument ------------------------------------------------------------------------------

_TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE_NS = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_T = "{" + _TEXT_NS + "}"
_TB = "{" + _TABLE_NS + "}"
# Elements whose text is not part of the running text (notes, tracked deletions, annotations).
_ODT_SKIP = frozenset(
    (
        _T + "note",
        _T + "tracked-changes",
        _T + "sequence-decls",
        "{" + _OFFICE_NS + "}annotation",
        "{" + _OFFICE_NS + "}annotation-end",
    )
)


def odt_text(data: bytes, path: str) -> str:
    """The body text of an .odt file: paragraphs, headings, list items and table rows in order."""
    _reject_ole(data, path, ".odt")
    from defusedxml import ElementTree  # lazy; defusedxml refuses entity bombs and external DTDs

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            manifest = _read_member(archive, "META-INF/manifest.xml")
            if b"encryption-data" in manifest:
                raise UnreadableFile(path, _ENCRYPTED)
            content = archive.read("content.xml")
        root = ElementTree.fromstring(content)
        body = root.find(f"{{{_OFFICE_NS}}}body/{{{_OFFICE_NS}}}text")
        if body is None:
            raise UnreadableFile(path, _CORRUPT_ODT)
        return "\n".join(_odt_block_lines(body))
    except UnreadableFile:
        raise
    except Exception as error:  # bad zip, missing content.xml, malformed or hostile XML
        raise UnreadableFile(path, _CORRUPT_ODT) from error


def _read_member(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name)
    except KeyError:
        return b""


def _odt_block_lines(container: Any) -> Iterator[str]:
    for child in container:
        tag = child.tag
        if tag in (_T + "p", _T + "h"):
            parts: list[str] = []
            _odt_inline(child, parts)
            yield "".join(parts)
        elif tag == _TB + "table":
            for row in _odt_rows(child):
                cells = row.findall(_TB + "table-cell")
                yield "\t".join("\n".join(_odt_block_lines(cell)) for cell in cells)
        elif tag not in _ODT_SKIP:
            # text:list, text:list-item, text:section, text:index-body...: blocks inside.
            yield from _odt_block_lines(child)


def _odt_rows(table: Any) -> Iterator[Any]:
    """Rows of one table, including header rows and row groups but not rows of nested tables."""
    for child in table:
        if child.tag == _TB + "table-row":
            yield child
        elif child.tag in (_TB + "table-header-rows", _TB + "table-rows", _TB + "table-row-group"):
            yield from _odt_rows(child)


def _odt_inline(element: Any, parts: list[str]) -> None:
    if element.text:
        parts.append(element.text)
    for child in element:
        tag = child.tag
        if tag == _T + "s":
            parts.append(" " * int(child.get(_T + "c", "1")))
        elif tag == _T + "tab":
            parts.append("\t")
        elif tag == _T + "line-break":
            parts.append("\n")
        elif tag not in _ODT_SKIP:
            _odt_inline(child, parts)
        if child.tail:
            parts.append(child.tail)
