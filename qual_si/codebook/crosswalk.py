"""The crosswalk: which codes in different framework codebooks name the same concept.

Format (``codebooks/crosswalk.yaml``)::

    format: qual-si-crosswalk/1
    title: ...
    description: ...
    concepts:
      - concept: Vision / purpose
        note: optional
        codes: [d003_strategic_areas.sa1_1, d003_four_ps.purpose]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import MappingNode, Node, SequenceNode

from qual_si.codebook.registry import CROSSWALK_FILE, codebooks_dir
from qual_si.codebook.spec import QUALIFIED_ID_PATTERN, CodebookSpec
from qual_si.codebook.yaml_nodes import NodeReader, compose_file, line_of, shown
from qual_si.errors import CodebookError

FORMAT_TAG = "qual-si-crosswalk/1"
_TOP_KEYS = ("format", "title", "description", "concepts")
_CONCEPT_KEYS = ("concept", "note", "codes")


@dataclass(frozen=True)
class Concept:
    #: The concept's label, as written under ``concept:``.
    concept: str
    note: str
    codes: tuple[str, ...]
    line: int = 0


@dataclass(frozen=True)
class Crosswalk:
    title: str
    description: str
    concepts: tuple[Concept, ...]
    path: Path | None = None

    def concepts_for(self, qualified_id: str) -> list[Concept]:
        return [concept for concept in self.concepts if qualified_id in concept.codes]

    def equivalents(self, qualified_id: str) -> list[str]:
        """Codes sharing a concept with ``qualified_id`` (itself excluded), first mention first."""
        seen: dict[str, None] = {}
        for concept in self.concepts_for(qualified_id):
            for code in concept.codes:
                if code != qualified_id:
                    seen.setdefault(code, None)
        return list(seen)

    def unknown_codes(self, codebooks: Iterable[CodebookSpec]) -> list[tuple[int, str]]:
        """(line, qualified id) for every code the given codebooks do not contain."""
        known = {f"{spec.id}.{code.id}" for spec in codebooks for code, _p, _d in spec.walk()}
        return [(c.line, code) for c in self.concepts for code in c.codes if code not in known]


def load_crosswalk(path: str | Path | None = None) -> Crosswalk:
    """The crosswalk at ``path`` (default: the shipped one); every problem raised with its line."""
    path = Path(path) if path is not None else codebooks_dir() / CROSSWALK_FILE
    reader = _CrosswalkReader()
    root = compose_file(path, reader)
    crosswalk = reader.crosswalk(root, path) if root is not None else None
    if reader.errors or crosswalk is None:
        problems = reader.errors or [(None, "the crosswalk could not be read")]
        location, reason = problems[0]
        raise CodebookError(path, reason, location=location, problems=list(problems))
    return crosswalk


def equivalents(qualified_id: str, crosswalk: Crosswalk | None = None) -> list[str]:
    """Codes in other frameworks for the same concept (default: the shipped crosswalk)."""
    return (crosswalk or load_crosswalk()).equivalents(qualified_id)


class _CrosswalkReader(NodeReader):
    """Reads the node tree, recording every problem (unknown or duplicate keys included)."""

    def fields(self, node: Node, allowed: tuple[str, ...], what: str) -> dict[str, Node]:
        if not isinstance(node, MappingNode):
            self.error(line_of(node), f"each {what} must be a mapping, not {shown(node)}")
            return {}
        return {key: value for key, (_key, value) in self.mapping_items(node, allowed, what).items()}

    def crosswalk(self, root: Node, path: Path) -> Crosswalk:
        top = self.fields(root, _TOP_KEYS, "crosswalk")
        if "format" not in top:
            self.error(line_of(root), f"format must be {FORMAT_TAG}")
        elif self.text(top["format"], "format").strip() != FORMAT_TAG:
            self.error(line_of(top["format"]), f"format must be {FORMAT_TAG}")
        concepts: list[Concept] = []
        concepts_node = top.get("concepts")
        if not isinstance(concepts_node, SequenceNode):
            self.error(line_of(concepts_node or root), "concepts must be a list")
        else:
            concepts = [self.concept(item) for item in concepts_node.value]
        return Crosswalk(
            title=self.text(top["title"], "title").strip() if "title" in top else "",
            description=(
                self.text(top["description"], "description").strip() if "description" in top else ""
            ),
            concepts=tuple(concepts),
            path=path,
        )

    def concept(self, item: Node) -> Concept:
        fields = self.fields(item, _CONCEPT_KEYS, "concept")
        name = self.text(fields["concept"], "concept").strip() if "concept" in fields else ""
        if not name:
            self.error(line_of(item), "concept without a name (concept: ...)")
        codes_node = fields.get("codes")
        codes: list[str] = []
        if not isinstance(codes_node, SequenceNode):
            self.error(
                line_of(codes_node or item),
                f"concept {name!r}: codes must be a list of qualified ids",
            )
        else:
            for code_node in codes_node.value:
                code = self.text(code_node, "codes item").strip()
                if not QUALIFIED_ID_PATTERN.match(code):
                    self.error(
                        line_of(code_node), f"{code!r} is not a qualified id (codebook_id.code_id)"
                    )
                codes.append(code)
        note = self.text(fields["note"], "note").strip() if "note" in fields else ""
        return Concept(name, note, tuple(codes), line_of(item))
