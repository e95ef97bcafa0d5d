"""Read and validate a ``qual-si-codebook/1`` YAML file, reporting every problem with its line.

PyYAML's composer gives a node tree in which every node knows where it starts, so we walk the
nodes ourselves instead of loading plain dicts: that keeps line numbers for every message and
lets us catch what ``yaml.safe_load`` silently accepts (duplicate keys, ``colour: #abc`` read as a
comment). Nothing is returned unless the whole file is valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from qual_si.codebook.rules import Problem, ValidationReport, colour_problem, dimension_problem
from qual_si.codebook.rules import id_problem as _id_problem
from qual_si.codebook.spec import FORMAT_TAG, CodebookSpec, CodeSpec, Scale, walk_codes
from qual_si.codebook.yaml_nodes import NULL_TAG, NodeReader, compose_file, line_of, shown
from qual_si.errors import CodebookError

TOP_KEYS: tuple[str, ...] = tuple(
    ["format", "id", "title", "alias", "source", "version", "description", "exclusive", "codes"]
)
CODE_KEYS: tuple[str, ...] = tuple(
    [
        "id",
        "name",
        "colour",
        "definition",
        "inclusion",
        "exclusion",
        "examples",
        "keywords",
        "exclusive",
        "scale",
        "dimension",
        "memo",
        "codes",
    ]
)


@dataclass
class FileReport(ValidationReport):
    """A :class:`ValidationReport` for one file, with the codebook when it is valid."""

    path: Path = field(default_factory=Path)
    spec: CodebookSpec | None = None

    def lines(self) -> list[str]:
        """Errors then warnings, each as ``file:line: reason``."""
        out = [_located(self.path, loc, why) for loc, why in self.errors]
        out += [_located(self.path, loc, f"warning: {why}") for loc, why in self.warnings]
        return out


def _located(path: Path, location: str | None, reason: str) -> str:
    return f"{path}:{location}: {reason}" if location else f"{path}: {reason}"


@dataclass
class _Draft:
    """A code while the file is being read: mutable so flat ``parent:`` codes can be attached."""

    line: int
    id: str = ""
    name: str = ""
    definition: str = ""
    inclusion: str = ""
    exclusion: str = ""
    examples: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    colour: str | None = None
    exclusive: bool = False
    scale: Scale | None = None
    dimension: str | None = None
    memo: str = ""
    children: list[_Draft] = field(default_factory=list)
    parent: str | None = None
    parent_line: int = 0

    def freeze(self) -> CodeSpec:
        return CodeSpec(
            id=self.id,
            name=self.name,
            definition=self.definition,
            inclusion=self.inclusion,
            exclusion=self.exclusion,
            examples=self.examples,
            keywords=self.keywords,
            colour=self.colour,
            exclusive=self.exclusive,
            scale=self.scale,
            dimension=self.dimension,
            memo=self.memo,
            children=tuple(child.freeze() for child in self.children),
        )


class _Reader(NodeReader):
    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self.report = FileReport(path=path, errors=self.errors, warnings=self.warnings)

    # --- structure ---------------------------------------------------------------------------

    def code(self, node: Node, *, top_level: bool) -> _Draft | None:
        if not isinstance(node, MappingNode):
            self.error(
                line_of(node),
                f"each code must be a mapping with id, name, definition..., not {shown(node)}",
            )
            return None
        allowed = CODE_KEYS + ("parent",) if top_level else CODE_KEYS
        if not top_level:
            for key_node, _value in node.value:
                if isinstance(key_node, ScalarNode) and key_node.value == "parent":
                    self.error(
                        line_of(key_node),
                        "parent is only allowed on top-level codes "
                        "(nested codes already have a parent)",
                    )
        items = self.mapping_items(node, allowed, "code")
        draft = _Draft(line=line_of(node))
        for key in ("id", "name", "definition", "inclusion", "exclusion", "memo"):
            if key in items:
                setattr(draft, key, self.text(items[key][1], key).strip())
        label = f"code {draft.id!r}" if draft.id else "code"
        if problem := _id_problem(draft.id, "code id"):
            self.error(line_of(items["id"][1]) if "id" in items else draft.line, problem)
        if not draft.name:
            self.error(draft.line, f"{label}: missing name")
        if not draft.definition:
            self.error(
                line_of(items["definition"][1]) if "definition" in items else draft.line,
                f"{label}: missing definition",
            )
        if "colour" in items:
            value = self.text(items["colour"][1], "colour").strip()
            if value and (problem := colour_problem(value)):
                self.error(line_of(items["colour"][1]), problem)
            draft.colour = value or None
        for key in ("examples", "keywords"):
            if key in items:
                setattr(draft, key, tuple(s.strip() for s in self.strings(items[key][1], key)))
        if "exclusive" in items:
            draft.exclusive = self.boolean(items["exclusive"][1], "exclusive")
        if "scale" in items:
            draft.scale = self.scale(items["scale"][1])
        if "dimension" in items:
            value = self.text(items["dimension"][1], "dimension").strip()
            if problem := dimension_problem(value):
                self.error(line_of(items["dimension"][1]), problem)
            draft.dimension = value or None
        if "parent" in items:
            draft.parent_line = line_of(items["parent"][1])
            draft.parent = self.text(items["parent"][1], "parent").strip() or None
            if draft.parent is None:
                self.error(draft.parent_line, f"{label}: parent is empty")
        if "codes" in items:
            draft.children = self.code_list(items["codes"][1], top_level=False)
        return draft

    def code_list(self, node: Node, *, top_level: bool) -> list[_Draft]:
        if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
            return []
        if not isinstance(node, SequenceNode):
            self.error(line_of(node), "codes must be a list ('- id: ...' items)")
            return []
        drafts = [self.code(item, top_level=top_level) for item in node.value]
        return [d for d in drafts if d is not None]

    def codebook(self, root: Node) -> CodebookSpec | None:
        if not isinstance(root, MappingNode):
            self.error(
                line_of(root),
                f"a codebook file must be a mapping (format:, id:, codes:...), not {shown(root)}",
            )
            return None
        items = self.mapping_items(root, TOP_KEYS, "codebook")
        fields: dict[str, str] = {}
        for key in ("format", "id", "title", "alias", "source", "version", "description"):
            fields[key] = self.text(items[key][1], key).strip() if key in items else ""
        if "format" not in items:
            self.error(1, f"missing format: {FORMAT_TAG}")
        elif fields["format"] != FORMAT_TAG:
            self.error(
                line_of(items["format"][1]), f"format {fields['format']!r} is not {FORMAT_TAG!r}"
            )
        if problem := _id_problem(fields["id"], "codebook id"):
            self.error(line_of(items["id"][1]) if "id" in items else 1, problem)
        elif fields["id"] != self.path.stem:
            self.warn(
                line_of(items["id"][1]),
                f"codebook id {fields['id']!r} differs from the file name "
                f"{self.path.name!r} (expected {fields['id']}.yaml)",
            )
        if not fields["title"]:
            self.error(line_of(items["title"][1]) if "title" in items else 1, "missing title")
        if fields["alias"] and (problem := _id_problem(fields["alias"], "alias")):
            self.error(line_of(items["alias"][1]), problem)
        exclusive = (
            self.boolean(items["exclusive"][1], "exclusive") if "exclusive" in items else False
        )
        drafts = self.code_list(items["codes"][1], top_level=True) if "codes" in items else []
        roots = self.resolve_tree(drafts)
        for draft, _parent, _depth in walk_codes(roots):
            if not draft.children and not draft.keywords and draft.id:
                self.warn(draft.line, f"leaf code {draft.id!r} has no keywords")
        if self.report.errors:
            return None
        return CodebookSpec(
            id=fields["id"],
            title=fields["title"],
            source=fields["source"],
            version=fields["version"],
            description=fields["description"],
            alias=fields["alias"] or None,
            exclusive=exclusive,
            codes=tuple(d.freeze() for d in roots),
            path=self.path,
        )

    def resolve_tree(self, top: list[_Draft]) -> list[_Draft]:
        """Check ids for duplicates, attach flat ``parent:`` codes, report unknown parents and cycles."""
        first_line: dict[str, int] = {}
        by_id: dict[str, _Draft] = {}
        root_of: dict[str, str] = {}  # code id -> id of its top-level ancestor in the nesting
        for root in top:
            for draft, _parent, _depth in walk_codes([root]):
                if not draft.id:
                    continue
                if draft.id in first_line:
                    self.error(
                        draft.line,
                        f"duplicate code id {draft.id!r} "
                        f"(first defined on line {first_line[draft.id]})",
                    )
                    continue
                first_line[draft.id] = draft.line
                by_id[draft.id] = draft
                root_of[draft.id] = root.id
        flat = [d for d in top if d.parent is not None and d.id]
        edges: dict[str, str] = {}  # top-level code id -> top-level id containing its parent
        for draft in flat:
            assert draft.parent is not None
            if draft.parent not in by_id:
                self.error(
                    draft.parent_line,
                    f"code {draft.id!r}: unknown parent {draft.parent!r} "
                    "(no code with that id in this file)",
                )
            else:
                edges[draft.id] = root_of[draft.parent]
        in_cycle = self._report_cycles(edges, by_id)
        for draft in flat:
            if draft.id in edges and draft.id not in in_cycle and draft.parent is not None:
                by_id[draft.parent].children.append(draft)
        return [d for d in top if d.parent is None]

    def _report_cycles(self, edges: dict[str, str], by_id: dict[str, _Draft]) -> set[str]:
        in_cycle: set[str] = set()
        finished: set[str] = set()
        for start in edges:
            path: list[str] = []
            node: str | None = start
            while node is not None and node not in finished and node not in path:
                path.append(node)
                node = edges.get(node)
            if node is not None and node in path:
                cycle = path[path.index(node) :]
                in_cycle.update(cycle)
                shown = " -> ".join(cycle + [cycle[0]])
                first = min(cycle, key=lambda c: by_id[c].parent_line)
                parent = by_id[first].parent
                if len(cycle) == 1 and parent == first:
                    self.error(by_id[first].parent_line, f"code {first!r} is its own parent")
                elif len(cycle) == 1:
                    self.error(
                        by_id[first].parent_line,
                        f"parent cycle: {first!r} has parent {parent!r}, which is nested inside it",
                    )
                else:
                    self.error(by_id[first].parent_line, f"parent cycle: {shown}")
            finished.update(path)
        return in_cycle


def inspect_codebook(path: str | Path) -> FileReport:
    """Read and validate a codebook file; never raises for problems in the file itself."""
    path = Path(path)
    reader = _Reader(path)
    root = compose_file(path, reader)
    if root is not None:
        reader.report.spec = reader.codebook(root)
    return reader.report


def validate_codebook_file(path: str | Path) -> list[Problem]:
    """Every error in the file as (line or None, reason); empty when the codebook is valid."""
    return list(inspect_codebook(path).errors)


def load_codebook(path: str | Path) -> CodebookSpec:
    """The complete codebook, or :class:`CodebookError` listing every problem with its line."""
    report = inspect_codebook(path)
    if report.spec is None or report.errors:
        problems = report.errors or [(None, "the codebook could not be read")]
        location, reason = problems[0]
        if len(problems) > 1:
            reason = (
                f"{reason} (and {len(problems) - 1} more problem{'s' if len(problems) > 2 else ''})"
            )
        raise CodebookError(report.path, reason, location=location, problems=list(problems))
    return report.spec
