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

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from qual_si.codebook.registry import CROSSWALK_FILE, codebooks_dir
from qual_si.codebook.spec import QUALIFIED_ID_PATTERN, CodebookSpec
from qual_si.errors import CodebookError

FORMAT_TAG = "qual-si-crosswalk/1"
_TOP_KEYS = ("format", "title", "description", "concepts")
_CONCEPT_KEYS = ("concept", "note", "codes")
_Report = Callable[[Node | None, str], None]


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
    problems: list[tuple[str | None, str]] = []

    def problem(node: Node | None, reason: str) -> None:
        problems.append((str(node.start_mark.line + 1) if node is not None else None, reason))

    try:
        root = yaml.compose(path.read_text(encoding="utf-8-sig"), Loader=yaml.SafeLoader)
    except OSError as exc:
        raise CodebookError(path, f"cannot read the file: {exc.strerror or exc}") from exc
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        raise CodebookError(
            path,
            f"not valid YAML: {getattr(exc, 'problem', None) or exc}",
            location=mark.line + 1 if mark is not None else None,
        ) from exc
    top = _mapping(root, _TOP_KEYS, problem, "crosswalk")
    if top.get("format") is None or _text(top["format"]) != FORMAT_TAG:
        problem(top.get("format", root), f"format must be {FORMAT_TAG}")
    concepts: list[Concept] = []
    concepts_node = top.get("concepts")
    if not isinstance(concepts_node, SequenceNode):
        problem(concepts_node or root, "concepts must be a list")
    else:
        for item in concepts_node.value:
            fields = _mapping(item, _CONCEPT_KEYS, problem, "concept")
            name = _text(fields["concept"]) if "concept" in fields else ""
            if not name:
                problem(item, "concept without a name (concept: ...)")
            codes_node = fields.get("codes")
            codes: list[str] = []
            if not isinstance(codes_node, SequenceNode):
                problem(
                    codes_node or item, f"concept {name!r}: codes must be a list of qualified ids"
                )
            else:
                for code_node in codes_node.value:
                    code = _text(code_node)
                    if not QUALIFIED_ID_PATTERN.match(code):
                        problem(code_node, f"{code!r} is not a qualified id (codebook_id.code_id)")
                    codes.append(code)
            note = _text(fields["note"]) if "note" in fields else ""
            concepts.append(Concept(name, note, tuple(codes), item.start_mark.line + 1))
    if problems:
        location, reason = problems[0]
        raise CodebookError(path, reason, location=location, problems=problems)
    return Crosswalk(
        title=_text(top["title"]) if "title" in top else "",
        description=_text(top["description"]) if "description" in top else "",
        concepts=tuple(concepts),
        path=path,
    )


def equivalents(qualified_id: str, crosswalk: Crosswalk | None = None) -> list[str]:
    """Codes in other frameworks for the same concept (default: the shipped crosswalk)."""
    return (crosswalk or load_crosswalk()).equivalents(qualified_id)


def _mapping(
    node: Node | None, allowed: tuple[str, ...], problem: _Report, what: str
) -> dict[str, Node]:
    if not isinstance(node, MappingNode):
        problem(node, f"each {what} must be a mapping")
        return {}
    found: dict[str, Node] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value) if isinstance(key_node, ScalarNode) else ""
        if key not in allowed:
            problem(key_node, f"unknown {what} key {key!r}")
        else:
            found[key] = value_node
    return found


def _text(node: Node) -> str:
    if isinstance(node, ScalarNode) and node.tag != "tag:yaml.org,2002:null":
        return str(node.value).strip()
    return ""
