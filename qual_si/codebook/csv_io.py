"""Flat codebooks: CSV from spreadsheets, Taguette and QualCoder, and QualCoder's plain text list.

Hierarchy is read from whichever the file has, in this order: a ``parent`` column (ids or
names, forward references allowed), a ``path`` column, or a path written in the name column
(``parent>child``, ``parent>>child``, ``parent > child``). Parents named only inside a path are
created as codes without a definition. Every problem is collected with its line and raised
together; nothing is returned half-read.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from qual_si.codebook.rules import colour_problem, dimension_problem, id_problem
from qual_si.codebook.spec import CodebookSpec, CodeSpec, IdAllocator, Scale, snake_id
from qual_si.codebook.textforms import format_scale, parse_scale
from qual_si.errors import CodebookError, InputError
from qual_si.ingest.encoding import BINARY_REASON, read_text_file

#: Our column name -> header spellings accepted (compared lower-case, spaces/hyphens as "_").
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "code_id", "key"),
    "name": ("name", "code", "code_name", "codename", "tag", "label"),
    "path": ("path", "code_path", "full_path", "tag_full_path", "hierarchy"),
    "parent": ("parent", "parent_id", "parent_code", "tag_parent", "parent_name"),
    "definition": ("definition", "description", "desc", "code_description"),
    "inclusion": ("inclusion", "inclusion_criteria", "include", "when_to_use"),
    "exclusion": ("exclusion", "exclusion_criteria", "exclude", "when_not_to_use"),
    "examples": ("examples", "example"),
    "keywords": ("keywords", "keyword", "key_phrases", "phrases"),
    "colour": ("colour", "color"),
    "exclusive": ("exclusive",),
    "scale": ("scale",),
    "dimension": ("dimension",),
    "memo": ("memo", "memos", "note", "notes", "comment"),
}
EXPORT_COLUMNS = (
    "id",
    "parent",
    "path",
    "name",
    "definition",
    "inclusion",
    "exclusion",
    "examples",
    "keywords",
    "colour",
    "exclusive",
    "scale",
    "dimension",
    "memo",
)
_PATH_SPLIT = re.compile(r"\s*>>?\s*")
_TRUE = {"true", "yes", "y", "1", "x"}
_FALSE = {"", "false", "no", "n", "0"}


@dataclass
class _Row:
    line: int
    name: str
    ancestors: tuple[str, ...] = ()
    parent_ref: str | None = None
    given_id: str | None = None
    values: dict[str, str] = field(default_factory=dict)


@dataclass
class _Node:
    line: int
    name: str
    explicit: bool
    row: _Row | None = None
    id: str = ""
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)


class _Builder:
    """Turns rows into a code tree, collecting problems as (line, reason)."""

    def __init__(self, path: Path):
        self.path = path
        self.problems: list[tuple[str | None, str]] = []
        self.nodes: list[_Node] = []
        self._by_path: dict[tuple[str, ...], _Node] = {}

    def problem(self, line: int | None, reason: str) -> None:
        self.problems.append((None if line is None else str(line), reason))

    def add(self, row: _Row) -> None:
        if row.parent_ref is not None or row.given_id is not None and not row.ancestors:
            node = _Node(row.line, row.name, True, row)
            self.nodes.append(node)
            if row.parent_ref is None:
                self._by_path.setdefault((row.name,), node)
            return
        parent: _Node | None = None
        for depth in range(len(row.ancestors)):
            key = row.ancestors[: depth + 1]
            if key not in self._by_path:
                implicit = _Node(row.line, key[-1], False, parent=parent)
                self._by_path[key] = implicit
                self.nodes.append(implicit)
            parent = self._by_path[key]
        key = row.ancestors + (row.name,)
        existing = self._by_path.get(key)
        if existing is not None and existing.explicit:
            self.problem(
                row.line, f"duplicate code {' > '.join(key)!r} (first on line {existing.line})"
            )
            return
        if existing is not None:  # named earlier only as a parent: this row describes it
            existing.explicit, existing.row, existing.line = True, row, row.line
            return
        node = _Node(row.line, row.name, True, row, parent=parent)
        self._by_path[key] = node
        self.nodes.append(node)

    def resolve(self) -> list[_Node]:
        self._assign_ids()
        by_id = {node.id: node for node in self.nodes}
        by_name: dict[str, list[_Node]] = {}
        for node in self.nodes:
            by_name.setdefault(node.name.casefold(), []).append(node)
        for node in self.nodes:
            ref = node.row.parent_ref if node.row is not None else None
            if ref is None:
                continue
            candidates = [by_id[ref]] if ref in by_id else by_name.get(ref.casefold(), [])
            if not candidates and (path_key := tuple(_split_path(ref))) in self._by_path:
                candidates = [self._by_path[path_key]]
            if not candidates:
                self.problem(node.line, f"code {node.name!r}: unknown parent {ref!r}")
            elif len(candidates) > 1:
                self.problem(
                    node.line,
                    f"code {node.name!r}: parent {ref!r} is ambiguous "
                    f"(lines {', '.join(str(c.line) for c in candidates)}); use ids",
                )
            else:
                node.parent = candidates[0]
        self._check_cycles()
        for node in self.nodes:
            if node.parent is not None:
                node.parent.children.append(node)
        return [node for node in self.nodes if node.parent is None]

    def _assign_ids(self) -> None:
        given: dict[str, _Node] = {}
        for node in self.nodes:
            wanted = node.row.given_id if node.row is not None else None
            if not wanted:
                continue
            if problem := id_problem(wanted, "code id"):
                self.problem(node.line, problem)
            elif wanted in given:
                self.problem(
                    node.line, f"duplicate code id {wanted!r} (first on line {given[wanted].line})"
                )
            else:
                given[wanted] = node
                node.id = wanted
        allocator = IdAllocator(set(given))
        for node in self.nodes:
            if not node.id:
                node.id = allocator.allocate(node.name)

    def _check_cycles(self) -> None:
        for node in self.nodes:
            seen: list[_Node] = []
            current: _Node | None = node
            while current is not None and current not in seen:
                seen.append(current)
                current = current.parent
            if current is node:
                shown = " -> ".join(n.id for n in seen + [node])
                self.problem(node.line, f"parent cycle: {shown}")
                node.parent = None  # break it so the remaining checks terminate

    def freeze(self, node: _Node) -> CodeSpec:
        values = node.row.values if node.row is not None else {}
        line = node.line
        colour = values.get("colour", "").strip() or None
        if colour and (problem := colour_problem(colour)):
            self.problem(line, problem)
        scale: Scale | None = None
        if values.get("scale", "").strip():
            scale = parse_scale(values["scale"])
            if scale is None:
                self.problem(line, f"scale {values['scale']!r} is not like '1 to 5; 1 = weak'")
            else:
                for problem in scale.problems():
                    self.problem(line, problem)
        exclusive_text = values.get("exclusive", "").strip().lower()
        if exclusive_text not in _TRUE | _FALSE:
            self.problem(line, f"exclusive {values['exclusive']!r} is not yes/no")
        dimension = values.get("dimension", "").strip() or None
        if dimension and (problem := dimension_problem(dimension)):
            self.problem(line, problem)
        return CodeSpec(
            id=node.id,
            name=node.name,
            definition=values.get("definition", "").strip(),
            inclusion=values.get("inclusion", "").strip(),
            exclusion=values.get("exclusion", "").strip(),
            examples=_split_examples(values.get("examples", "")),
            keywords=_split_keywords(values.get("keywords", "")),
            colour=colour,
            exclusive=exclusive_text in _TRUE,
            scale=scale,
            dimension=dimension,
            memo=values.get("memo", "").strip(),
            children=tuple(self.freeze(child) for child in node.children),
        )

    def spec(self, codebook_id: str | None) -> CodebookSpec:
        roots = self.resolve()
        codes = tuple(self.freeze(root) for root in roots) if not self.problems else ()
        if self.problems:  # from reading, resolving or the field checks in freeze()
            self.problems.sort(key=lambda problem: int(problem[0] or 0))
            location, reason = self.problems[0]
            if len(self.problems) > 1:
                reason += f" (and {len(self.problems) - 1} more)"
            raise CodebookError(self.path, reason, location=location, problems=self.problems)
        book_id = codebook_id or snake_id(self.path.stem) or "imported_codebook"
        return CodebookSpec(
            id=book_id,
            title=self.path.stem,
            source=f"Imported from {self.path.name}",
            codes=codes,
            path=self.path,
        )


def _split_path(text: str) -> list[str]:
    return [part for part in _PATH_SPLIT.split(text.strip()) if part]


def _split_examples(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def _split_keywords(text: str) -> tuple[str, ...]:
    separator = ";" if ";" in text else ","
    return tuple(part.strip() for part in text.split(separator) if part.strip())


def _read_text(path: Path) -> str:
    """The file decoded like every imported text (BOM, UTF-16, UTF-8, then cp1252), as a
    :class:`CodebookError` when it cannot be read."""
    try:
        return read_text_file(path)[0]
    except InputError as exc:
        reason = f"{exc.reason} (save it as CSV UTF-8)" if exc.reason == BINARY_REASON else exc.reason
        raise CodebookError(path, reason, location=exc.location) from exc


def _delimiter(first_line: str) -> str:
    unquoted = re.sub(r'"[^"]*"', "", first_line)
    counts = {d: unquoted.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _header_map(header: list[str]) -> dict[str, int]:
    normalised = [re.sub(r"[\s\-]+", "_", cell.strip().lower()) for cell in header]
    found: dict[str, int] = {}
    for ours, spellings in COLUMN_ALIASES.items():
        for index, cell in enumerate(normalised):
            if cell in spellings and ours not in found and index not in found.values():
                found[ours] = index
    # QualCoder and Taguette keep the description in a "memo"; use it as the definition.
    if "definition" not in found and "memo" in found:
        found["definition"] = found.pop("memo")
    return found


def import_csv(path: str | Path, *, codebook_id: str | None = None) -> CodebookSpec:
    """Read a flat, parent-column or path-style codebook from CSV (``,`` ``;`` or tab separated)."""
    path = Path(path)
    text = _read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text.split("\n", 1)[0]))
    records: list[tuple[int, list[str]]] = []
    previous_end = 0
    try:
        for cells in reader:
            records.append((previous_end + 1, cells))
            previous_end = reader.line_num
    except csv.Error as exc:
        raise CodebookError(path, f"broken CSV: {exc}", location=previous_end + 1) from exc
    records = [(line, cells) for line, cells in records if any(c.strip() for c in cells)]
    columns = _header_map(records[0][1]) if records else {}
    if "name" in columns or "path" in columns:
        body = records[1:]
    elif records and all(len(cells) <= 2 for _line, cells in records):
        columns = {"name": 0, "definition": 1}  # no header: "name[,definition]" per line
        body = records
    else:
        expected = ", ".join(COLUMN_ALIASES["name"] + COLUMN_ALIASES["path"])
        raise CodebookError(path, f"no code name column (expected one of: {expected})", location=1)
    builder = _Builder(path)
    for line, cells in body:
        row = _row_from_cells(line, cells, columns)
        if row is None:
            builder.problem(line, "row without a code name")
        else:
            builder.add(row)
    return builder.spec(codebook_id)


def _row_from_cells(line: int, cells: list[str], columns: dict[str, int]) -> _Row | None:
    def cell(name: str) -> str:
        index = columns.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    name, path_text, parent = cell("name"), cell("path"), cell("parent")
    if "parent" in columns:
        ancestors: tuple[str, ...] = ()  # the parent column decides; a path is only informative
    else:
        segments = _split_path(path_text or name)
        if not segments:
            return None
        ancestors, last = tuple(segments[:-1]), segments[-1]
        name = name if path_text and name else last
    if not name:
        return None
    values = {key: cells[index] for key, index in columns.items() if index < len(cells)}
    return _Row(line, name, ancestors, parent or None, cell("id") or None, values)


def import_plain_codes(path: str | Path, *, codebook_id: str | None = None) -> CodebookSpec:
    """QualCoder's plain list: one ``cat>>sub>>code<TAB>memo`` per line (memo = definition)."""
    path = Path(path)
    builder = _Builder(path)
    for number, line in enumerate(_read_text(path).splitlines(), start=1):
        if not line.strip():
            continue
        path_text, _tab, memo = line.partition("\t")
        segments = _split_path(path_text)
        if not segments:
            builder.problem(number, "line without a code name")
            continue
        row = _Row(number, segments[-1], tuple(segments[:-1]), values={"definition": memo})
        builder.add(row)
    return builder.spec(codebook_id)


def export_csv(spec: CodebookSpec) -> str:
    """One row per code, every field, ``id``/``parent`` columns so :func:`import_csv` restores it.

    ``path`` (names joined with `` > ``) is for people reading the sheet; examples are one per
    line inside their cell, keywords ``; ``-separated. Write it with ``encoding="utf-8-sig"`` so
    Excel recognises UTF-8.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    names: dict[str, str] = {}
    for code, parent_id, _depth in spec.walk():
        names[code.id] = f"{names[parent_id]} > {code.name}" if parent_id else code.name
        writer.writerow(
            [
                code.id,
                parent_id or "",
                names[code.id],
                code.name,
                code.definition,
                code.inclusion,
                code.exclusion,
                "\n".join(code.examples),
                "; ".join(code.keywords),
                code.colour or "",
                "yes" if code.exclusive else "",
                format_scale(code.scale) if code.scale else "",
                code.dimension or "",
                code.memo,
            ]
        )
    return buffer.getvalue()
