"""The transcript: a Line API widget that draws only the rows on screen.

Layout: a gutter (speaker on a block's first row, time on its second, a bar beside the block
under the cursor), a column of colour bars (one per coding on the row, so overlaps show), the
wrapped text with coded spans tinted in their code's colour (the innermost coding wins, a second
layer underlines), and a right margin naming the codes on each block. Rows are cut per width by
``TranscriptModel.layout`` and cached; strips are cached until something on screen changes.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from textual import events
from textual.color import Color
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..keys import TRANSCRIPT, bindings
from .transcript_draw import FALLBACK_COLOUR, Geometry, RowPainter
from .transcript_model import Block, Span, TranscriptModel, expand_to_words, trim

INTERVIEWER_MODES = ("shown", "dimmed", "hidden")
class Transcript(ScrollView, can_focus=True):
    """One document's text, navigated by utterance, sentence and word."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    Transcript { overflow-x: hidden; overflow-y: auto; }
    """
    BINDINGS = bindings(TRANSCRIPT)

    class Moved(Message):
        """The cursor or the selection changed."""

        def __init__(self, transcript: Transcript) -> None:
            super().__init__()
            self.transcript = transcript

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.model: TranscriptModel | None = None
        self.document_id: int | None = None
        self.cursor = 0
        self._anchor: Span | None = None
        self._head: Span | None = None
        self._drag_from: int | None = None
        self.interviewer_mode = "shown"
        self._strips: dict[int, Strip] = {}
        self._decorated: set[int] = set()
        self._tints: dict[str, Style] = {}

    # -- content -------------------------------------------------------------------------------

    def load(self, document_id: int, model: TranscriptModel, cursor: int | None = None) -> None:
        self.document_id = document_id
        self.model = model
        self._apply_interviewer_mode()
        self._anchor = self._head = None
        self.cursor = model.unit_at("word", model.snap(cursor if cursor is not None else model.first_visible()))[0]
        self._relayout()
        self._scroll_to_cursor(centre=True)
        self.post_message(self.Moved(self))

    def set_codings(self, codings: list, *, changed: list[Span] | None = None) -> None:
        """New codings for the document; ``changed`` spans limit the redraw to their blocks."""
        if self.model is not None:
            self.model.set_codings(codings)
            if changed is None:
                self._redraw()
            else:
                self._redraw_blocks({b for span in changed for b in self.model.blocks_overlapping(*span)})

    def set_interviewer_mode(self, mode: str) -> None:
        self.interviewer_mode = mode
        if self.model is not None:
            self._apply_interviewer_mode()
            self.cursor = self.model.snap(self.cursor)
            self._anchor = self._head = None
            self._relayout()
            self._scroll_to_cursor(centre=True)
            self.post_message(self.Moved(self))

    def _apply_interviewer_mode(self) -> None:
        assert self.model is not None
        self.model.set_hidden_roles(frozenset({"interviewer"}) if self.interviewer_mode == "hidden" else frozenset())

    # -- state the screen reads ----------------------------------------------------------------

    @property
    def selection(self) -> Span | None:
        if self._anchor is None or self._head is None:
            return None
        return min(self._anchor[0], self._head[0]), max(self._anchor[1], self._head[1])

    @property
    def current_block(self) -> Block | None:
        if self.model is None:
            return None
        index = self.model.block_of(self.cursor)
        return None if index is None else self.model.blocks[index]

    def target_span(self) -> Span | None:
        """What an action applies to: the selection, else the turn under the cursor."""
        if self.model is None:
            return None
        if self.selection is not None:
            span = trim(self.model.text, self.selection)
        else:
            block = self.current_block
            if block is None:
                return None
            span = trim(self.model.text, (block.start, block.end))
        return span if span[0] < span[1] else None

    def codings_here(self) -> list:
        """Codings under the selection, else under the cursor."""
        if self.model is None:
            return []
        if self.selection is not None:
            return self.model.codings_overlapping(*self.selection)
        return self.model.codings_at(self.cursor)

    # -- motions -------------------------------------------------------------------------------

    def goto(self, offset: int, select: Span | None = None) -> None:
        if self.model is None:
            return
        self.cursor = self.model.unit_at("word", self.model.snap(offset))[0]
        self._anchor = self._head = select
        self._moved(centre=True)

    def action_move(self, unit: str, direction: int) -> None:
        if self.model is None:
            return
        self._anchor = self._head = None
        self.cursor = self.model.step(unit, self.cursor, direction)[0]
        self._moved()

    def action_select(self, unit: str) -> None:
        if self.model is None:
            return
        span = self.model.unit_at(unit, self.cursor)
        self._anchor = self._head = span
        self.cursor = span[0]
        self._moved()

    def action_extend(self, unit: str, direction: int) -> None:
        if self.model is None:
            return
        if self._anchor is None or self._head is None:
            self._anchor = self._head = self.model.unit_at(unit, self.cursor)
            if direction < 0:
                self._head = self.model.step(unit, self.cursor, -1)
        else:
            edge = self._head[1] - 1 if direction > 0 else self._head[0]
            self._head = self.model.step(unit, edge, direction)
        self.cursor = self._head[0]
        self._moved()

    def action_clear_selection(self) -> None:
        if self._anchor is not None:
            self._anchor = self._head = None
            self._moved()

    def action_page(self, direction: int) -> None:
        if self.model is None:
            return
        rows = self.model.layout(self._geometry.text).rows
        here = self.model.layout(self._geometry.text).row_of(self.model.blocks, self.cursor)
        target = min(max(here + direction * max(self.size.height - 2, 1), 0), len(rows) - 1)
        while 0 < target < len(rows) - 1 and rows[target].block == -1:
            target += 1
        self._anchor = self._head = None
        self.cursor = self.model.unit_at("word", rows[target].start)[0]
        self._moved()

    def action_edge(self, direction: int) -> None:
        if self.model is None or not self.model.visible:
            return
        index = self.model.visible[0 if direction < 0 else -1]
        self._anchor = self._head = None
        self.cursor = self.model.blocks[index].start
        self._moved()

    def _moved(self, *, centre: bool = False) -> None:
        self._redraw_decorations()
        self._scroll_to_cursor(centre=centre)
        self.post_message(self.Moved(self))

    def _decorated_blocks(self) -> set[int]:
        """Blocks that show the cursor or part of the selection."""
        if self.model is None:
            return set()
        found = set(self.model.blocks_overlapping(self.cursor, self.cursor + 1))
        if self.selection is not None:
            found.update(self.model.blocks_overlapping(*self.selection))
        return found

    def _redraw_decorations(self) -> None:
        """Redraw only the blocks whose cursor or selection marks changed (old and new)."""
        now = self._decorated_blocks()
        self._redraw_blocks(now | self._decorated)
        self._decorated = now

    def _redraw_blocks(self, blocks: set[int]) -> None:
        if self.model is None:
            return
        layout = self.model.layout(self._geometry.text)
        for block in blocks:
            rows = layout.block_rows.get(block)
            if rows is None:
                continue
            first, count = rows
            for row in range(first, first + count):
                self._strips.pop(row, None)
            self.refresh_lines(first, count)

    # -- mouse ---------------------------------------------------------------------------------

    def _offset_at(self, event: events.MouseEvent) -> int | None:
        if self.model is None:
            return None
        point = event.get_content_offset(self)
        if point is None:
            return None
        geometry = self._geometry
        rows = self.model.layout(geometry.text).rows
        y = int(self.scroll_offset.y) + point.y
        if not 0 <= y < len(rows) or rows[y].block == -1:
            return None
        row = rows[y]
        column = point.x - geometry.gutter - geometry.bars - 1
        offset = row.start
        used = 0
        while offset < row.end and used < column:
            used += 1 if self.model.narrow else cell_len(self.model.text[offset])
            offset += 1
        return min(offset, max(row.end - 1, row.start))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        offset = self._offset_at(event)
        if offset is None:
            return
        self.focus()
        self._drag_from = offset
        self.capture_mouse()
        self.cursor = self.model.unit_at("word", offset)[0] if self.model else offset
        self._anchor = self._head = None
        self._moved()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag_from is None or self.model is None:
            return
        offset = self._offset_at(event)
        if offset is None or offset == self._drag_from:
            return
        self._anchor = (self._drag_from, self._drag_from + 1)
        self._head = (offset, offset + 1)
        self._redraw_decorations()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag_from is None:
            return
        self.release_mouse()
        self._drag_from = None
        if self.model is not None and self.selection is not None:
            span = expand_to_words(self.model.text, self.selection)
            self._anchor = self._head = span if span[0] < span[1] else None
            self.cursor = span[0]
        self._moved()

    # -- layout and scrolling ------------------------------------------------------------------

    @property
    def _geometry(self) -> Geometry:
        return Geometry.for_width(self.scrollable_content_region.width or self.size.width or 80)

    def _relayout(self) -> None:
        rows = self.model.layout(self._geometry.text).rows if self.model else []
        self.virtual_size = Size(self.scrollable_content_region.width, len(rows))
        self._redraw()

    def _redraw(self) -> None:
        self._strips.clear()
        self._decorated = self._decorated_blocks()
        self.refresh()

    def on_focus(self) -> None:
        self._redraw()  # the cursor and the focus tint are drawn into cached strips

    def on_blur(self) -> None:
        self._redraw()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._tints.clear()
        self._strips.clear()

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()
        self._scroll_to_cursor()

    def _scroll_to_cursor(self, *, centre: bool = False) -> None:
        if self.model is None:
            return
        row = self.model.layout(self._geometry.text).row_of(self.model.blocks, self.cursor)
        height = max(self.scrollable_content_region.height, 1)
        top = int(self.scroll_offset.y)
        if centre:
            self.scroll_to(y=max(row - height // 3, 0), animate=False, immediate=True)
        elif row < top + 1:
            self.scroll_to(y=max(row - 1, 0), animate=False, immediate=True)
        elif row >= top + height - 1:
            self.scroll_to(y=row - height + 2, animate=False, immediate=True)

    # -- drawing -------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        strip = self._strips.get(index)
        if strip is None:
            strip = self._render_row(index, width)
            self._strips[index] = strip
        return strip

    def _tint(self, colour: str | None) -> Style:
        key = colour or FALLBACK_COLOUR
        if key not in self._tints:
            background = self.background_colors[1]
            self._tints[key] = Style(bgcolor=Color.parse(key).blend(background, 0.55).rich_color)
        return self._tints[key]

    def _render_row(self, index: int, width: int) -> Strip:
        if self.model is None:
            return Strip.blank(width, self.rich_style)
        painter = RowPainter(
            model=self.model, geometry=self._geometry, cursor=self.cursor, selection=self.selection,
            focused=self.has_focus, dim_interviewer=self.interviewer_mode == "dimmed", tint=self._tint,
            base=self.rich_style,
        )
        return painter.row(index, width)
