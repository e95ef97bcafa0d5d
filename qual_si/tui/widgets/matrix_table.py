"""A heat-coloured cross-case table (rows x codes) drawn with the Line API.

A 500 x 300 matrix has 150,000 cells: no widget per cell, no measuring of every cell. Column
widths come from one pass over plain numbers, and only the visible rows and columns are ever
turned into strips. The row labels and the column header stay put while the body scrolls
both ways; a cell cursor moves with the arrows and Enter selects the cell.

The widget knows nothing about pandas or the project: the screen gives it labels, numbers and
(for the framework matrix) text to show instead of some numbers.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .line_table import fit

#: Light to dark (ColorBrewer "Oranges"): readable on dark and light themes, kind to colour-blind
#: readers, and fixed so snapshots do not depend on the theme.
HEAT = ("#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603")
HEAT_STYLES = tuple(Style(bgcolor=colour, color="#000000" if i < 3 else "#ffffff") for i, colour in enumerate(HEAT))
HEADER = Style(bold=True, underline=True)
#: The cell cursor hides the heat colour of its cell (the detail line gives the value).
CURSOR = Style(bgcolor="#0178d4", color="#ffffff", bold=True)
CURSOR_UNFOCUSED = Style(bold=True, underline=True)
ZERO = Style(dim=True)
PLAIN = Style(bold=True)
MAX_LABEL = 28
WIDEST = 24


def heat_level(value: float, top: float) -> int | None:
    """Which of the five heat colours a value gets (None: no colour, for zero or nothing)."""
    if not top or value != value or value <= 0:
        return None
    return min(len(HEAT) - 1, max(0, math.ceil(value / top * len(HEAT)) - 1))


class MatrixTable(ScrollView, can_focus=True):
    """Row labels down the left, column labels along the top, a heat-coloured number per cell."""

    DEFAULT_CSS = """
    MatrixTable { overflow: auto auto; }
    """
    BINDINGS = [
        Binding("down", "cursor(1, 0)", show=False),
        Binding("up", "cursor(-1, 0)", show=False),
        Binding("right", "cursor(0, 1)", show=False),
        Binding("left", "cursor(0, -1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("home", "row_edge(-1)", show=False),
        Binding("end", "row_edge(1)", show=False),
        Binding("ctrl+home", "corner(-1)", show=False),
        Binding("ctrl+end", "corner(1)", show=False),
        Binding("enter", "select", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, repaint=False)
    cursor_column: reactive[int] = reactive(0, repaint=False)

    class CellHighlighted(Message):
        def __init__(self, table: MatrixTable, row: int, column: int) -> None:
            super().__init__()
            self.table, self.row, self.column = table, row, column

    class CellSelected(Message):
        def __init__(self, table: MatrixTable, row: int, column: int) -> None:
            super().__init__()
            self.table, self.row, self.column = table, row, column

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.row_labels: list[str] = []
        self.column_labels: list[str] = []
        self.values: list[list[float]] = []
        self.texts: dict[tuple[int, int], str] = {}
        self.corner = ""
        self.decimals = 0
        self.plain_rows: frozenset[int] = frozenset()
        self.plain_columns: frozenset[int] = frozenset()
        self.column_width = 8
        self.label_width = 8
        self.top = 0.0
        self._widest_value = self._widest_label = 1
        self._fixed_width: int | None = None

    @property
    def row_count(self) -> int:
        return len(self.row_labels)

    @property
    def column_count(self) -> int:
        return len(self.column_labels)

    def set_table(
        self, row_labels: Sequence[str], column_labels: Sequence[str], values: Sequence[Sequence[float]], *,
        corner: str = "", decimals: int = 0, texts: Mapping[tuple[int, int], str] | None = None,
        plain_rows: Collection[int] = (), plain_columns: Collection[int] = (), column_width: int | None = None,
        keep_cursor: bool = False,
    ) -> None:
        """Show a new table. ``plain_rows``/``plain_columns`` (totals, group sizes) are not heat-coloured
        and do not set the scale; ``texts`` replace the number of some cells (framework summaries)."""
        self.row_labels = [str(r) for r in row_labels]
        self.column_labels = [str(c) for c in column_labels]
        self.values = [list(map(float, row)) for row in values]
        self.texts = dict(texts or {})
        self.corner, self.decimals = corner, decimals
        self.plain_rows, self.plain_columns = frozenset(plain_rows), frozenset(plain_columns)
        heated = [v for r, row in enumerate(self.values) if r not in self.plain_rows
                  for c, v in enumerate(row) if c not in self.plain_columns and v == v]
        self.top = max(heated, default=0.0)
        self._widest_value = max((len(self.format(v)) for row in self.values for v in row), default=1)
        self._widest_label = max((len(c) for c in self.column_labels), default=1)
        self._fixed_width = column_width
        self.label_width = min(max([len(corner), *(len(r) for r in self.row_labels), 4]), MAX_LABEL) + 1
        self._resize_virtual()
        if keep_cursor:
            self._move(self.cursor_row, self.cursor_column)
        else:
            self.cursor_row = self.cursor_column = 0
            self.scroll_to(x=0, y=0, animate=False, immediate=True)
        self.refresh()
        self.post_message(self.CellHighlighted(self, self.cursor_row, self.cursor_column))

    def format(self, value: float) -> str:
        if value != value:
            return "\u2013"
        return f"{value:.{self.decimals}f}"

    # -- cursor --------------------------------------------------------------------------------

    def _resize_virtual(self) -> None:
        # numbers are never cut; labels get up to 9 characters, more when the screen has room for
        # every column (the detail line names the current cell in full anyway)
        natural = max(6, self._widest_value + 2, min(self._widest_label + 1, 10))
        room = (self.scrollable_content_region.width - self.label_width) // max(self.column_count, 1)
        self.column_width = self._fixed_width or max(natural, min(self._widest_label + 1, WIDEST, room))
        self.virtual_size = Size(self.label_width + self.column_count * self.column_width, self.row_count + 1)

    def _move(self, row: int, column: int) -> None:
        if not self.row_labels or not self.column_labels:
            return
        row = min(max(row, 0), self.row_count - 1)
        column = min(max(column, 0), self.column_count - 1)
        changed = (row, column) != (self.cursor_row, self.cursor_column)
        self.set_reactive(MatrixTable.cursor_row, row)
        self.set_reactive(MatrixTable.cursor_column, column)
        self._reveal()
        self.refresh()
        if changed:
            self.post_message(self.CellHighlighted(self, row, column))

    def _reveal(self) -> None:
        region = self.scrollable_content_region
        body_height = max(region.height - 1, 1)
        body_width = max(region.width - self.label_width, self.column_width)
        x, y = int(self.scroll_offset.x), int(self.scroll_offset.y)
        if self.cursor_row < y:
            y = self.cursor_row
        elif self.cursor_row >= y + body_height:
            y = self.cursor_row - body_height + 1
        left = self.cursor_column * self.column_width
        if left < x:
            x = left
        elif left + self.column_width > x + body_width:
            # whole columns on the left edge: scroll by columns, not by characters
            x = min(-(-(left + self.column_width - body_width) // self.column_width) * self.column_width, left)
        self.scroll_to(x=x, y=y, animate=False, immediate=True)

    def move_to(self, row: int, column: int) -> None:
        self._move(row, column)

    def action_cursor(self, rows: int, columns: int) -> None:
        self._move(self.cursor_row + rows, self.cursor_column + columns)

    def action_page(self, direction: int) -> None:
        step = max(self.scrollable_content_region.height - 2, 1)
        self._move(self.cursor_row + direction * step, self.cursor_column)

    def action_row_edge(self, direction: int) -> None:
        self._move(self.cursor_row, 0 if direction < 0 else self.column_count - 1)

    def action_corner(self, direction: int) -> None:
        edge = 0 if direction < 0 else max(self.row_count, self.column_count)
        self._move(edge, edge)

    def action_select(self) -> None:
        if self.row_labels and self.column_labels:
            self.post_message(self.CellSelected(self, self.cursor_row, self.cursor_column))

    def on_click(self, event: events.Click) -> None:
        point = event.get_content_offset(self)
        if point is None or point.y == 0:
            return
        row = int(self.scroll_offset.y) + point.y - 1
        column = self.cursor_column
        if point.x >= self.label_width:
            column = (int(self.scroll_offset.x) + point.x - self.label_width) // self.column_width
        if 0 <= row < self.row_count and 0 <= column < self.column_count:
            if (row, column) == (self.cursor_row, self.cursor_column) and event.chain > 1:
                self.action_select()
            self._move(row, column)

    def on_resize(self) -> None:
        self._resize_virtual()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- drawing -------------------------------------------------------------------------------

    def _cell_style(self, row: int, column: int, value: float, base: Style) -> Style:
        if row in self.plain_rows or column in self.plain_columns:
            style = base + PLAIN
        else:
            level = heat_level(value, self.top)
            style = base + (HEAT_STYLES[level] if level is not None else ZERO)
        if (row, column) == (self.cursor_row, self.cursor_column):
            style += CURSOR if self.has_focus else CURSOR_UNFOCUSED
        return style

    def _body(self, row: int | None, base: Style, width: int) -> Strip:
        """The visible part of one row's cells (``row`` None: the column header)."""
        scroll_x = int(self.scroll_offset.x)
        size = self.column_width
        first = scroll_x // size
        last = min(self.column_count, (scroll_x + width) // size + 1)
        segments: list[Segment] = []
        for column in range(first, last):
            if row is None:
                style = base + HEADER + (CURSOR if column == self.cursor_column else Style())
                segments.append(Segment(fit(self.column_labels[column], size - 1), style))
            else:
                value = self.values[row][column]
                text = self.texts.get((row, column))
                shown = text if text is not None else ("\u00b7" if value == 0 else self.format(value))
                segments.append(Segment(fit(shown, size - 1, right=text is None),
                                        self._cell_style(row, column, value, base)))
            segments.append(Segment(" ", base))
        offset = scroll_x - first * size
        return Strip(segments).crop(offset, offset + width)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        body_width = max(width - self.label_width, 0)
        if y == 0:
            label = Segment(fit(self.corner, self.label_width - 1) + " ", base + HEADER)
            return Strip.join([Strip([label]), self._body(None, base, body_width)]).adjust_cell_length(width, base)
        row = int(self.scroll_offset.y) + y - 1
        if row >= self.row_count:
            return Strip.blank(width, base)
        label_style = base + (PLAIN if row in self.plain_rows else Style())
        if row == self.cursor_row:
            label_style += Style(bold=True, underline=True)
        label = Segment(fit(self.row_labels[row], self.label_width - 1) + " ", label_style)
        return Strip.join([Strip([label]), self._body(row, base, body_width)]).adjust_cell_length(width, base)
