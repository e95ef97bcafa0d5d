"""Drawing one transcript row: gutter, colour bars, tinted text, code margin.

Kept apart from the widget so the widget reads as state and motions, and this as pixels.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from ...facade.views import DocumentCoding
from ...quotes import clock
from .transcript_model import Block, Row, Span, TranscriptModel

FALLBACK_COLOUR = "#8a8a8a"
SELECTION = Style(bgcolor="#2f5f8f", color="#ffffff")
CURSOR = Style(reverse=True)


@dataclass(frozen=True)
class Geometry:
    gutter: int
    bars: int
    text: int
    margin: int

    @classmethod
    def for_width(cls, width: int) -> Geometry:
        gutter = 15 if width >= 70 else 10
        margin = 24 if width >= 110 else (16 if width >= 80 else 0)
        bars = 3
        text = max(width - gutter - bars - 1 - (margin + 2 if margin else 0), 8)
        return cls(gutter, bars, text, margin)


@dataclass
class RowPainter:
    """Everything one row's look depends on; :meth:`row` returns its strip."""

    model: TranscriptModel
    geometry: Geometry
    cursor: int
    selection: Span | None
    focused: bool
    dim_interviewer: bool
    tint: Callable[[str | None], Style]
    base: Style

    def row(self, index: int, width: int) -> Strip:
        base, model, geometry = self.base, self.model, self.geometry
        rows = model.layout(geometry.text).rows
        if index >= len(rows) or rows[index].block == -1:
            return Strip.blank(width, base)
        row = rows[index]
        block = model.blocks[row.block]
        current = model.block_of(self.cursor) == row.block
        codings = model.codings_overlapping(row.start, row.end) if row.end > row.start else []
        parts = [
            self.gutter(block, row.line, current, geometry.gutter, base),
            self.bars(codings, geometry.bars, base),
            Strip([Segment(" ", base)], 1),
            self.text(row.start, row.end, block, codings, geometry.text, base),
        ]
        if geometry.margin:
            parts.append(Strip([Segment("  ", base)], 2))
            parts.append(self.margin(row, geometry.margin, base))
        return Strip.join(parts).adjust_cell_length(width, base)

    def gutter(self, block: Block, line: int, current: bool, width: int, base: Style) -> Strip:
        marker = Segment("\u258c" if current else " ", base + Style(color="#e0a030"))
        if line == 0:
            label = block.speaker or ""
            style = base + Style(bold=True, dim=block.role == "interviewer")
        elif line == 1 and block.seconds is not None:
            label, style = clock(block.seconds), base + Style(dim=True)
        else:
            label, style = "", base
        text = fit_label(label, width - 2)
        return Strip([marker, Segment(text.ljust(width - 1), style)], width)

    def bars(self, codings: list[DocumentCoding], width: int, base: Style) -> Strip:
        codes: dict[int, str | None] = {}
        for coding in codings:
            codes.setdefault(coding.code_id, coding.colour)
        colours = list(codes.values())
        segments = []
        for slot in range(width):
            if slot < len(colours) and (slot < width - 1 or len(colours) <= width):
                segments.append(Segment("\u2590", base + Style(color=colours[slot] or FALLBACK_COLOUR)))
            elif slot < len(colours):
                segments.append(Segment("+", base + Style(bold=True)))
            else:
                segments.append(Segment(" ", base))
        return Strip(segments, width)

    def text(self, start: int, end: int, block: Block, codings: list[DocumentCoding], width: int, base: Style) -> Strip:
        text = self.model.text
        style = base + Style(dim=True) if block.role == "interviewer" and self.dim_interviewer else base
        selection = self.selection
        cuts = {start, end}
        for coding in codings:
            cuts.update(p for p in (coding.start, coding.end) if start < p < end)
        if selection is not None:
            cuts.update(p for p in selection if start < p < end)
        if start <= self.cursor < end:
            cuts.update(p for p in (self.cursor, self.cursor + 1) if start <= p <= end)
        points = sorted(cuts)
        segments = []
        for a, b in zip(points, points[1:], strict=False):
            piece = text[a:b].replace("\t", " ").replace("\n", " ")
            covering = [c for c in codings if c.start <= a < c.end]
            piece_style = style
            if covering:
                strongest = min(covering, key=lambda c: (c.end - c.start, -c.id))
                piece_style = piece_style + self.tint(strongest.colour)
                if len(covering) > 1:
                    piece_style = piece_style + Style(underline=True)
            if selection is not None and selection[0] <= a < selection[1]:
                piece_style = piece_style + SELECTION
            if a == self.cursor and (self.focused or selection is None):
                piece_style = piece_style + CURSOR
            segments.append(Segment(piece, piece_style))
        return Strip(segments).adjust_cell_length(width, base)

    def margin(self, row: Row, width: int, base: Style) -> Strip:
        model = self.model
        line = row.line
        _first, count = model.layout(self.geometry.text).block_rows[row.block]
        codes = model.block_codes(row.block)
        if line >= len(codes):
            return Strip.blank(width, base)
        if line == count - 1 and len(codes) > count:
            label, colour = f"+{len(codes) - line} more", None
        else:
            label, colour = codes[line].code, codes[line].colour
        label = label if len(label) <= width - 2 else label[: width - 3] + "\u2026"
        return Strip([
            Segment("\u25cf ", base + Style(color=colour or FALLBACK_COLOUR)),
            Segment(label, base + Style(dim=colour is None)),
        ]).adjust_cell_length(width, base)


NUMBERED = re.compile(r"^(\S+).*?\s(\d+)$")


def fit_label(label: str, width: int) -> str:
    """A speaker label cut to the gutter: 'Participant 12' becomes 'Partic… 12', not 'Particip…'."""
    if len(label) <= width:
        return label
    numbered = NUMBERED.match(label)
    if numbered and len(numbered.group(2)) + 3 <= width:
        head = numbered.group(1)[: width - len(numbered.group(2)) - 2]
        return f"{head}\u2026 {numbered.group(2)}"[:width] if len(head) < len(numbered.group(1)) else label[:width]
    return label[: width - 1] + "\u2026"
