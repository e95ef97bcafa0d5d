"""A read-only table for long lists (thousands of retrieved segments) drawn with the Line API.

Textual's DataTable measures every cell to size its columns, which for 2,000 rows costs more than
the whole retrieval. Here column widths come from string lengths (cheap), the last column takes
the remaining width, and only the visible rows are ever turned into strips.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

HEADER = Style(bold=True, underline=True)
CURSOR = Style(reverse=True)


def fit(text: str, width: int, *, right: bool = False) -> str:
    """Exactly ``width`` cells: padded, or cut with an ellipsis (non-ASCII wide glyphs replaced)."""
    if width <= 0:
        return ""
    text = text if cell_len(text) == len(text) else text.encode("ascii", "replace").decode()
    if len(text) > width:
        return text[: width - 1] + "\u2026"
    return text.rjust(width) if right else text.ljust(width)


class LineTable(ScrollView, can_focus=True):
    """Rows of short strings; a highlighted row; Enter selects it."""

    DEFAULT_CSS = """
    LineTable { overflow-x: hidden; overflow-y: auto; }
    """
    BINDINGS = [
        Binding("down", "cursor(1)", show=False),
        Binding("up", "cursor(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("home", "edge(-1)", show=False),
        Binding("end", "edge(1)", show=False),
        Binding("enter", "select", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, repaint=False)

    class Highlighted(Message):
        def __init__(self, table: LineTable, row: int) -> None:
            super().__init__()
            self.table, self.row = table, row

    class Selected(Message):
        def __init__(self, table: LineTable, row: int) -> None:
            super().__init__()
            self.table, self.row = table, row

    def __init__(self, columns: Sequence[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns = list(columns)
        self.rows: list[tuple[str, ...]] = []
        self._widths: list[int] = [len(c) for c in self.columns]

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def set_rows(self, rows: list[tuple[str, ...]]) -> None:
        self.rows = rows
        # widths of every column but the last, from plain string lengths, capped
        self._widths = [
            min(max([len(c)] + [len(r[i]) for r in rows]), 24) for i, c in enumerate(self.columns[:-1])
        ]
        self.virtual_size = Size(self.scrollable_content_region.width, len(rows) + 1)
        self.cursor_row = 0
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()
        self.post_message(self.Highlighted(self, 0))

    # -- cursor --------------------------------------------------------------------------------

    def watch_cursor_row(self, old: int, new: int) -> None:
        self.refresh_lines(old + 1)
        self.refresh_lines(new + 1)
        height = max(self.scrollable_content_region.height - 1, 1)
        top = int(self.scroll_offset.y)
        if new < top:
            self.scroll_to(y=new, animate=False, immediate=True)
        elif new >= top + height:
            self.scroll_to(y=new - height + 1, animate=False, immediate=True)
        self.post_message(self.Highlighted(self, new))

    def _move(self, row: int) -> None:
        if self.rows:
            self.cursor_row = min(max(row, 0), len(self.rows) - 1)

    def action_cursor(self, step: int) -> None:
        self._move(self.cursor_row + step)

    def action_page(self, direction: int) -> None:
        self._move(self.cursor_row + direction * max(self.scrollable_content_region.height - 2, 1))

    def action_edge(self, direction: int) -> None:
        self._move(0 if direction < 0 else len(self.rows) - 1)

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.Selected(self, self.cursor_row))

    def on_click(self, event: events.Click) -> None:
        point = event.get_content_offset(self)
        if point is None or point.y == 0:
            return
        row = int(self.scroll_offset.y) + point.y - 1
        if 0 <= row < len(self.rows):
            if row == self.cursor_row and event.chain > 1:
                self.action_select()
            self.cursor_row = row

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.rows) + 1)

    # -- drawing -------------------------------------------------------------------------------

    def _line(self, cells: Sequence[str], width: int, style: Style) -> Strip:
        segments = []
        used = 0
        for text, column_width in zip(cells, self._widths, strict=False):
            segments.append(Segment(fit(text, column_width) + "  ", style))
            used += column_width + 2
        segments.append(Segment(fit(cells[-1] if cells else "", max(width - used, 1)), style))
        return Strip(segments).adjust_cell_length(width, style)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            return self._line(self.columns, width, base + HEADER)
        index = int(self.scroll_offset.y) + y - 1
        if index >= len(self.rows):
            return Strip.blank(width, base)
        style = base + CURSOR if index == self.cursor_row and self.has_focus else base
        if index == self.cursor_row and not self.has_focus:
            style = base + Style(bold=True)
        return self._line(self.rows[index], width, style)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()
