"""REFI-QDA codebooks (``.qdc``, ``urn:QDA-XML:codebook:1.0``): export and tolerant import.

Mapping (see also ``notes/architecture_codebook.md``):

- ``<Code name color isCodable guid>`` per code, nested as in the codebook. GUIDs are ``uuid5``
  of the qualified id, so re-exporting the same codebook gives the same GUIDs. ``color`` is the
  effective colour (inherited colours written out, because other tools do not inherit);
  on import a child colour equal to its parent's becomes "inherit" again.
- ``<Description>``: the definition, then labelled sections for the fields REFI has no slot for
  (:mod:`qual_si.codebook.textforms`), parsed back on import.
- Exclusive groups become ``<Set name="exclusive: ...">``; ``isCodable="false"`` marks an
  exclusive group's parent (one codes with its values, not with the group).
- The codebook id travels in ``origin`` ("qual-si (codebook <id>)"). Title, source, version,
  description and alias have no place in a .qdc and are lost on a round trip.

Untrusted XML is parsed with :mod:`defusedxml` only (no DTDs, entities or external references).
"""

from __future__ import annotations

import re
import textwrap
import uuid
import xml.etree.ElementTree as ET
import xml.sax
import xml.sax.handler
from dataclasses import dataclass, field, replace
from pathlib import Path

import defusedxml
import defusedxml.sax

from qual_si.codebook.spec import COLOUR_PATTERN, CodebookSpec, CodeSpec, IdAllocator, snake_id
from qual_si.codebook.textforms import DescribedFields, format_description, parse_description
from qual_si.errors import CodebookError, InvalidOperation

NAMESPACE = "urn:QDA-XML:codebook:1.0"
#: Fixed namespace for qual-si GUIDs: changing it would change every exported GUID.
GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://github.com/qual-si/qual-si/codebook")
_ORIGIN_ID = re.compile(r"^qual-si\b.*\(codebook ([a-z0-9][a-z0-9_]*)\)")
_EXCLUSIVE_SET = re.compile(r"^\s*exclusive\s*:\s*", re.IGNORECASE)
_SHORT_COLOUR = re.compile(r"^#([0-9a-fA-F])([0-9a-fA-F])([0-9a-fA-F])$")
_GUID_MEMO = "REFI-QDA guid: "


def code_guid(codebook_id: str, code_id: str) -> str:
    """The stable GUID qual-si writes for ``codebook_id.code_id``."""
    return str(uuid.uuid5(GUID_NAMESPACE, f"{codebook_id}.{code_id}")).upper()


def _set_guid(key: str) -> str:
    return str(uuid.uuid5(GUID_NAMESPACE, f"{key}#exclusive")).upper()


# --- export ------------------------------------------------------------------------------------


def export_qdc(spec: CodebookSpec, *, include_extended: bool = True) -> bytes:
    """The codebook as a UTF-8 .qdc document valid against the REFI-QDA Codebook.xsd."""
    if not spec.codes:
        raise InvalidOperation(
            f"codebook {spec.id!r} has no codes; a REFI-QDA codebook needs at least one"
        )
    ET.register_namespace("", NAMESPACE)
    root = ET.Element(_tag("CodeBook"), {"origin": f"qual-si (codebook {spec.id})"})
    codes = ET.SubElement(root, _tag("Codes"))
    colours = spec.effective_colours()
    for code in spec.codes:
        _export_code(codes, spec, code, None, colours, include_extended)
    sets = _exclusive_sets(spec)
    if sets:
        sets_element = ET.SubElement(root, _tag("Sets"))
        for name, guid, members in sets:
            set_element = ET.SubElement(sets_element, _tag("Set"), {"guid": guid, "name": name})
            description = ET.SubElement(set_element, _tag("Description"))
            description.text = (
                "Mutually exclusive: apply at most one of these codes to a case or statement."
            )
            for member in members:
                ET.SubElement(set_element, _tag("MemberCode"), {"guid": member})
    ET.indent(root, space="  ")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def _tag(local: str) -> str:
    return f"{{{NAMESPACE}}}{local}"


def _export_code(
    parent: ET.Element,
    spec: CodebookSpec,
    code: CodeSpec,
    parent_id: str | None,
    colours: dict[str, str | None],
    include_extended: bool,
) -> None:
    attributes = {
        "guid": code_guid(spec.id, code.id),
        "name": code.name,
        "isCodable": "false" if (code.exclusive and code.children) else "true",
    }
    if colours.get(code.id):
        attributes["color"] = str(colours[code.id])
    element = ET.SubElement(parent, _tag("Code"), attributes)
    inherited = colours[parent_id] if parent_id is not None else None
    text = format_description(code, extended=include_extended, inherited_colour=inherited)
    if text:
        ET.SubElement(element, _tag("Description")).text = text
    for child in code.children:
        _export_code(element, spec, child, code.id, colours, include_extended)


def _exclusive_sets(spec: CodebookSpec) -> list[tuple[str, str, list[str]]]:
    sets: list[tuple[str, str, list[str]]] = []
    if spec.exclusive and spec.codes:
        members = [code_guid(spec.id, c.id) for c in spec.codes]
        sets.append((f"exclusive: {spec.title or spec.id}", _set_guid(spec.id), members))
    for code, _parent, _depth in spec.walk():
        if code.exclusive and code.children:
            members = [code_guid(spec.id, c.id) for c in code.children]
            sets.append((f"exclusive: {code.name}", _set_guid(f"{spec.id}.{code.id}"), members))
    return sets


# --- import: a small tree with line numbers, built from defusedxml's SAX parser ---------------


@dataclass
class _Node:
    name: str
    attributes: dict[str, str]
    line: int
    children: list[_Node] = field(default_factory=list)
    text_parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.text_parts)

    def find(self, name: str) -> _Node | None:
        return next((c for c in self.children if c.name == name), None)

    def find_all(self, name: str) -> list[_Node]:
        return [c for c in self.children if c.name == name]


class _TreeBuilder(xml.sax.handler.ContentHandler):
    """Builds :class:`_Node`s with local names (namespace prefixes dropped: tools differ)."""

    def __init__(self) -> None:
        super().__init__()
        self.root: _Node | None = None
        self._stack: list[_Node] = []
        self._locator: xml.sax.xmlreader.Locator | None = None

    def setDocumentLocator(self, locator: xml.sax.xmlreader.Locator) -> None:  # noqa: N802
        self._locator = locator

    def startElement(self, name: str, attrs: xml.sax.xmlreader.AttributesImpl) -> None:  # noqa: N802
        line = (self._locator.getLineNumber() or 0) if self._locator is not None else 0
        local_attributes = {key.rsplit(":", 1)[-1]: value for key, value in attrs.items()}
        node = _Node(name.rsplit(":", 1)[-1], local_attributes, line)
        if self._stack:
            self._stack[-1].children.append(node)
        else:
            self.root = node
        self._stack.append(node)

    def endElement(self, name: str) -> None:  # noqa: N802
        self._stack.pop()

    def characters(self, content: str) -> None:
        if self._stack:
            self._stack[-1].text_parts.append(content)


def _parse_xml(path: Path) -> _Node:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CodebookError(path, f"cannot read the file: {exc.strerror or exc}") from exc
    if not data.strip():
        raise CodebookError(path, "the file is empty")
    builder = _TreeBuilder()
    try:
        defusedxml.sax.parseString(data, builder)
    except xml.sax.SAXParseException as exc:
        raise CodebookError(
            path,
            f"broken XML: {exc.getMessage()} (column {(exc.getColumnNumber() or 0) + 1})",
            location=exc.getLineNumber(),
        ) from exc
    except defusedxml.DefusedXmlException as exc:
        raise CodebookError(
            path,
            f"refused: the XML uses DTDs, entities or external references ({type(exc).__name__})",
        ) from exc
    if builder.root is None:
        raise CodebookError(path, "no XML element found")
    return builder.root


# --- import: from the tree to a spec -----------------------------------------------------------


def import_qdc(path: str | Path, *, codebook_id: str | None = None) -> CodebookSpec:
    """Read a REFI-QDA codebook (or the codebook inside a ``project.qde``), tolerantly.

    Accepts the 1.0 and ATLAS.ti ``0:4`` namespaces, non-GUID ids, nested codes and sets. Ids
    come from qual-si's ``Code id`` section when present, else from the names (snake_case,
    de-duplicated); the original GUID is kept in the code's memo. Broken XML raises
    :class:`CodebookError` naming the line.
    """
    path = Path(path)
    root = _parse_xml(path)
    codebook = root if root.name == "CodeBook" else root.find("CodeBook")
    if codebook is None:
        raise CodebookError(
            path,
            f"not a REFI-QDA codebook: the root element is <{root.name}>, not <CodeBook>",
            location=root.line,
        )
    codes_node = codebook.find("Codes")
    if codes_node is None:
        raise CodebookError(path, "the codebook has no <Codes> element", location=codebook.line)
    origin = codebook.attributes.get("origin", "")
    origin_match = _ORIGIN_ID.match(origin)
    book_id = codebook_id or (origin_match.group(1) if origin_match else "") or snake_id(path.stem)
    importer = _CodeImporter()
    codes = tuple(importer.code(node, None) for node in codes_node.find_all("Code"))
    spec = CodebookSpec(
        id=book_id or "imported_codebook",
        title=path.stem,
        source=f"REFI-QDA codebook {path.name}" + (f", exported by {origin}" if origin else ""),
        codes=codes,
        path=path,
    )
    return _apply_sets(spec, codebook.find("Sets"), importer.ids_by_guid)


class _CodeImporter:
    def __init__(self) -> None:
        self.ids = IdAllocator()
        self.ids_by_guid: dict[str, str] = {}

    def code(self, node: _Node, parent_colour: str | None) -> CodeSpec:
        guid = node.attributes.get("guid", "").strip()
        name = " ".join(node.attributes.get("name", "").split()) or "Unnamed code"
        description = node.find("Description")
        fields = _read_description(description.text if description is not None else "")
        fallback = f"code_{guid.strip('{}').replace('-', '')[:8].lower()}" if guid else "code"
        code_id = self.ids.allocate(fields.code_id or name, fallback=fallback)
        if guid:
            self.ids_by_guid[guid.strip("{}").upper()] = code_id
        colour = _colour(node.attributes.get("color", ""))
        effective = colour or parent_colour
        if colour and parent_colour and colour.lower() == parent_colour.lower():
            # The same as inherited: "inherit", unless our description says it was explicit.
            colour = fields.colour
        memo = fields.memo
        if guid and not fields.code_id:
            memo = f"{memo}\n{_GUID_MEMO}{guid}" if memo else f"{_GUID_MEMO}{guid}"
        children = tuple(self.code(child, effective) for child in node.find_all("Code"))
        return CodeSpec(
            id=code_id,
            name=name,
            definition=fields.definition,
            inclusion=fields.inclusion,
            exclusion=fields.exclusion,
            examples=fields.examples,
            keywords=fields.keywords,
            colour=colour,
            scale=fields.scale,
            dimension=fields.dimension,
            memo=memo,
            children=children,
        )


def _read_description(raw: str) -> DescribedFields:
    """Our own descriptions parse as written; foreign ones are first de-indented."""
    fields = parse_description(raw.strip("\n"))
    if fields.structured:
        return fields
    lines = raw.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    tidy = textwrap.dedent("\n".join(line.rstrip() for line in lines)).strip()
    return parse_description(tidy)


def _colour(value: str) -> str | None:
    value = value.strip()
    short = _SHORT_COLOUR.match(value)
    if short:
        value = "#" + "".join(part * 2 for part in short.groups())
    return value if COLOUR_PATTERN.match(value) else None


def _apply_sets(
    spec: CodebookSpec, sets_node: _Node | None, ids_by_guid: dict[str, str]
) -> CodebookSpec:
    """``exclusive: ...`` sets that match a sibling group become exclusive flags; others a note."""
    if sets_node is None:
        return spec
    exclusive_parents: set[str] = set()
    notes: list[str] = []
    children_of: dict[str | None, set[str]] = {}
    for code, parent_id, _depth in spec.walk():
        children_of.setdefault(parent_id, set()).add(code.id)
    book_exclusive = False
    for set_node in sets_node.find_all("Set"):
        name = " ".join(set_node.attributes.get("name", "").split()) or "unnamed set"
        members = [
            ids_by_guid[guid]
            for member in set_node.find_all("MemberCode")
            if (guid := member.attributes.get("guid", "").strip("{} ").upper()) in ids_by_guid
        ]
        if _EXCLUSIVE_SET.match(name) and members:
            owner = [p for p, kids in children_of.items() if kids == set(members)]
            if owner and owner[0] is None:
                book_exclusive = True
                continue
            if owner:
                exclusive_parents.add(str(owner[0]))
                continue
        description = _read_description(
            d.text if (d := set_node.find("Description")) is not None else ""
        ).definition
        shown = ", ".join(spec.find(m).name for m in members) or "no codes"
        notes.append(f"- {name}" + (f" ({description})" if description else "") + f": {shown}")
    codes = tuple(_mark_exclusive(code, exclusive_parents) for code in spec.codes)
    description = spec.description
    if notes:
        description = "Code sets in the original file:\n" + "\n".join(notes)
    return replace(spec, codes=codes, exclusive=book_exclusive, description=description)


def _mark_exclusive(code: CodeSpec, parents: set[str]) -> CodeSpec:
    children = tuple(_mark_exclusive(child, parents) for child in code.children)
    return replace(code, exclusive=code.exclusive or code.id in parents, children=children)
