"""The code tree: hierarchy, colours, counts of codings and documents, filter as you type.

Enter asks the screen to apply the code under the cursor; a click only moves the cursor (so
picking a code with the mouse never codes text by accident). Which codes are expanded is
reported so the screen can remember it per coder.
"""

from __future__ import annotations

import zlib

from rich.text import Text
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from ...facade.views import CodeRow
from ..keys import TREE, bindings

FALLBACK_COLOUR = "#8a8a8a"


def matches(row: CodeRow, words: list[str]) -> bool:
    haystack = f"{row.code.name} {row.code.key} {row.code.definition}".lower()
    return all(word in haystack for word in words)


def group_node_id(codebook_key: str) -> int:
    """A stable negative id for a codebook's group node (code ids are positive), so its
    expanded state is remembered with the codes'."""
    return -(zlib.crc32(codebook_key.encode("utf-8")) + 1)


class CodeTree(Tree[int]):
    """Codes in tree order; node data is the code id."""

    BINDINGS = bindings(TREE)
    DEFAULT_CSS = """
    CodeTree { scrollbar-size-vertical: 1; overflow-x: hidden; }
    """

    class ApplyCode(Message):
        def __init__(self, code_id: int) -> None:
            super().__init__()
            self.code_id = code_id

    class ExpandedChanged(Message):
        def __init__(self, expanded: set[int]) -> None:
            super().__init__()
            self.expanded = expanded

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("codes", id=id)
        self.show_root = False
        self.auto_expand = False
        self.guide_depth = 2
        self.rows: dict[int, CodeRow] = {}
        self.order: list[int] = []
        self.expanded_codes: set[int] = set()
        self.favourites: dict[int, int] = {}
        self.filter_words: list[str] = []
        self._code_nodes: dict[int, TreeNode[int]] = {}
        self._populating = False

    # -- content -------------------------------------------------------------------------------

    def set_rows(self, rows: list[CodeRow], *, expanded: set[int] | None = None) -> None:
        if expanded is not None:
            self.expanded_codes = set(expanded)
        self.rows = {r.code.id: r for r in rows}
        self.order = [r.code.id for r in rows]
        self.rebuild()

    def set_filter(self, text: str) -> None:
        self.filter_words = text.lower().split()
        self.rebuild()

    def set_favourites(self, favourites: dict[int, int]) -> None:
        self.favourites = favourites
        for code_id, node in self._code_nodes.items():
            node.set_label(self._code_label(self.rows[code_id]))

    def update_counts(self, code_id: int, codings: int, documents: int) -> None:
        row = self.rows.get(code_id)
        if row is None:
            return
        self.rows[code_id] = CodeRow(row.code, row.depth, codings, documents, row.children, row.codebook_title)
        node = self._code_nodes.get(code_id)
        if node is not None:
            node.set_label(self._code_label(self.rows[code_id]))

    def rebuild(self) -> None:
        keep = self.selected_code_id
        self._populating = True
        try:
            self.clear()
            self._code_nodes.clear()
            shown = self._shown()
            # Each loaded framework is a top-level group, but a single codebook needs no wrapper.
            grouped = len({self.rows[i].code.codebook for i in shown}) > 1
            groups: dict[str, TreeNode[int]] = {}
            for code_id in self.order:
                if code_id not in shown:
                    continue
                row = self.rows[code_id]
                parent_id = row.code.parent_id
                parent = self._code_nodes.get(parent_id) if parent_id is not None else None
                if parent is not None:
                    holder = parent
                else:
                    holder = self._group(groups, row) if grouped else self.root
                open_it = bool(self.filter_words) or code_id in self.expanded_codes
                if row.children:
                    node = holder.add(self._code_label(row), data=code_id, expand=open_it)
                else:
                    node = holder.add_leaf(self._code_label(row), data=code_id)
                self._code_nodes[code_id] = node
        finally:
            self._populating = False
        if self.filter_words and (keep is None or not matches(self.rows[keep], self.filter_words)):
            keep = next((i for i in self.order if i in self._code_nodes and matches(self.rows[i], self.filter_words)),
                        None)
        if keep is not None and keep in self._code_nodes:
            self.select_code(keep)
        elif self._code_nodes:
            self.move_cursor(self._code_nodes[next(iter(self._code_nodes))])

    def _group(self, groups: dict[str, TreeNode[int]], row: CodeRow) -> TreeNode[int]:
        """The node of the row's codebook: each framework is its own top-level group."""
        key = row.code.codebook or ""
        if key not in groups:
            group_id = group_node_id(key)
            remembered = group_id in self.expanded_codes
            first_visit = not self.expanded_codes and not groups  # open the first framework once
            label = Text(row.codebook_title or key, style="bold")
            groups[key] = self.root.add(label, data=group_id,
                                        expand=bool(self.filter_words) or remembered or first_visit)
        return groups[key]

    def _shown(self) -> set[int]:
        if not self.filter_words:
            return set(self.rows)
        shown: set[int] = set()
        for code_id, row in self.rows.items():
            if matches(row, self.filter_words):
                shown.add(code_id)
                parent = row.code.parent_id
                while parent is not None and parent in self.rows and parent not in shown:
                    shown.add(parent)
                    parent = self.rows[parent].code.parent_id
        return shown

    def _code_label(self, row: CodeRow) -> Text:
        label = Text()
        label.append("\u25cf ", style=row.code.colour or FALLBACK_COLOUR)
        slot = next((s for s, c in self.favourites.items() if c == row.code.id), None)
        if slot is not None:
            label.append(f"{slot} ", style="bold reverse")
        if row.codings:  # counts first, so a long name is what gets cut
            label.append(f"{row.codings}\u00b7{row.documents} ", style="dim")
        label.append(row.code.name)
        return label

    # -- cursor --------------------------------------------------------------------------------

    @property
    def selected_code_id(self) -> int | None:
        node = self.cursor_node
        return None if node is None or node.data is None or node.data < 0 else int(node.data)

    def select_code(self, code_id: int) -> None:
        node = self._code_nodes.get(code_id)
        if node is None:
            return
        parent = node.parent
        while parent is not None and parent is not self.root:
            parent.expand()
            parent = parent.parent
        self.get_node_at_line(0)  # rebuilds the line index after the expansions above
        self.move_cursor(node)

    # -- events --------------------------------------------------------------------------------

    def action_apply(self) -> None:
        code_id = self.selected_code_id
        if code_id is not None:
            self.post_message(self.ApplyCode(code_id))

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[int]) -> None:
        self._remember(event.node, True)

    def on_tree_node_collapsed(self, event: Tree.NodeCollapsed[int]) -> None:
        self._remember(event.node, False)

    def _remember(self, node: TreeNode[int], expanded: bool) -> None:
        if self._populating or self.filter_words or node.data is None:
            return
        if expanded:
            self.expanded_codes.add(int(node.data))
        else:
            self.expanded_codes.discard(int(node.data))
        self.post_message(self.ExpandedChanged(set(self.expanded_codes)))
