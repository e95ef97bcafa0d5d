"""Typed reading of PyYAML nodes with line numbers: the building blocks of the codebook reader.

Every reader records a problem (line, reason) and returns a harmless default instead of raising,
so one pass over a file finds every problem in it.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from qual_si.codebook.rules import Problem
from qual_si.codebook.spec import Scale

SCALE_KEYS = ("min", "max", "labels")
NULL_TAG = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_STR = "tag:yaml.org,2002:str"


def line_of(node: Node) -> int:
    return int(node.start_mark.line) + 1


class NodeReader:
    """Collects errors and warnings while reading nodes; subclasses read a whole document."""

    def __init__(self) -> None:
        self.errors: list[Problem] = []
        self.warnings: list[Problem] = []
        self._seen_nodes: set[int] = set()

    # --- reporting ---------------------------------------------------------------------------

    def error(self, line: int | None, reason: str) -> None:
        self.errors.append((None if line is None else str(line), reason))

    def warn(self, line: int | None, reason: str) -> None:
        self.warnings.append((None if line is None else str(line), reason))

    # --- typed scalar readers ----------------------------------------------------------------

    def mapping_items(
        self, node: MappingNode, allowed: tuple[str, ...], what: str
    ) -> dict[str, tuple[Node, Node]]:
        """Key -> (key node, value node), reporting unknown, duplicate and non-text keys."""
        if id(node) in self._seen_nodes:
            self.error(
                line_of(node), "YAML anchors and aliases (&name / *name) are not supported here"
            )
            return {}
        self._seen_nodes.add(id(node))
        items: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.error(line_of(key_node), f"{what}: keys must be plain words")
                continue
            key = str(key_node.value)
            if key in items:
                first = line_of(items[key][0])
                self.error(line_of(key_node), f"duplicate key {key!r} (first on line {first})")
                continue
            if key not in allowed:
                hint = difflib.get_close_matches(key, allowed, n=1)
                extra = f" (did you mean {hint[0]!r}?)" if hint else ""
                self.error(line_of(key_node), f"unknown {what} key {key!r}{extra}")
                continue
            items[key] = (key_node, value_node)
        return items

    def text(self, node: Node, key: str) -> str:
        """A scalar as text; numbers and booleans keep the characters that were written."""
        if isinstance(node, ScalarNode):
            if node.tag == NULL_TAG:
                if key == "colour" and node.style is None:
                    self.error(
                        line_of(node),
                        'colour is empty: quote it (colour: "#1b9e77"), '
                        "an unquoted # starts a YAML comment",
                    )
                return ""
            return str(node.value)
        self.error(line_of(node), f"{key} must be text, not a {kind(node)}")
        return ""

    def boolean(self, node: Node, key: str) -> bool:
        if isinstance(node, ScalarNode) and node.tag == _BOOL:
            return str(node.value).lower() in ("true", "yes", "on", "y")
        self.error(line_of(node), f"{key} must be true or false, not {shown(node)}")
        return False

    def integer(self, node: Node, key: str) -> int | None:
        if isinstance(node, ScalarNode) and node.tag == _INT:
            try:
                return int(str(node.value).replace("_", ""), 0)
            except ValueError:
                pass
        self.error(line_of(node), f"{key} must be a whole number, not {shown(node)}")
        return None

    def strings(self, node: Node, key: str) -> tuple[str, ...]:
        if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
            return ()
        if not isinstance(node, SequenceNode):
            self.error(line_of(node), f"{key} must be a list of strings (one '- item' per line)")
            return ()
        values: list[str] = []
        for item in node.value:
            if (
                not isinstance(item, ScalarNode)
                or item.tag == NULL_TAG
                or not str(item.value).strip()
            ):
                self.error(line_of(item), f"{key}: every item must be a non-empty string")
                continue
            values.append(str(item.value))
        return tuple(values)

    def scale(self, node: Node) -> Scale | None:
        if not isinstance(node, MappingNode):
            self.error(
                line_of(node), "scale must be a mapping like {min: 1, max: 5, labels: {1: weak}}"
            )
            return None
        items = self.mapping_items(node, SCALE_KEYS, "scale")
        bounds: list[int | None] = []
        for key in ("min", "max"):
            if key not in items:
                self.error(line_of(node), f"scale is missing {key}")
                bounds.append(None)
            else:
                bounds.append(self.integer(items[key][1], f"scale {key}"))
        labels: dict[int, str] = {}
        if "labels" in items:
            labels_node = items["labels"][1]
            if not isinstance(labels_node, MappingNode):
                self.error(line_of(labels_node), "scale labels must be a mapping of point: label")
            else:
                for point_node, label_node in labels_node.value:
                    point = self.integer(point_node, "scale label point")
                    if point is not None:
                        labels[point] = self.text(label_node, "scale label")
        minimum, maximum = bounds
        if minimum is None or maximum is None:
            return None
        scale = Scale.from_mapping(minimum, maximum, labels)
        for problem in scale.problems():
            self.error(line_of(node), problem)
        return scale


def compose_file(path: Path, reader: NodeReader) -> Node | None:
    """The YAML node tree of ``path``, or ``None`` with the reason recorded on ``reader``.

    Shared by every qual-si YAML reader so an unreadable, non-UTF-8, malformed or empty file is
    reported the same way, with the line where the trouble is.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reader.error(None, f"cannot read the file: {exc.strerror or exc}")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        reader.error(raw[: exc.start].count(b"\n") + 1, "not UTF-8 text (save the file as UTF-8)")
        return None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        reader.error(line, f"not valid YAML: {exc.problem or exc.context}")
        return None
    except yaml.YAMLError as exc:
        reader.error(None, f"not valid YAML: {exc}")
        return None
    if root is None:
        reader.error(None, "the file is empty")
    return root


def kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "mapping"
    return "list" if isinstance(node, SequenceNode) else "value"


def shown(node: Node) -> str:
    if isinstance(node, ScalarNode):
        return repr(node.value) if node.tag == _STR else str(node.value) or "nothing"
    return f"a {kind(node)}"
