"""The transcript as the workbench navigates it: blocks, words, sentences, codings, wrapped rows.

Pure Python (no Textual), so motions and wrapping are tested directly. Every position is a code-point
offset into the document's text, the same offsets codings use.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from rich.cells import cell_len

from ...facade.views import DocumentCoding
from ...model import Utterance

WORD = re.compile(r"\S+")
#: A sentence ends after . ! ? or an ellipsis, optionally followed by closing quotes or brackets.
SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s|$)")
PARAGRAPH_BREAK = re.compile(r"\n\s*\n")

Span = tuple[int, int]


@dataclass(frozen=True)
class Block:
    """One utterance (or paragraph) drawn as a block with its speaker and time in the gutter."""

    start: int
    end: int
    speaker: str | None
    role: str
    seconds: float | None
    utterance: int | None = None


def _paragraphs(text: str, start: int, end: int) -> list[Span]:
    found = []
    cursor = start
    for match in PARAGRAPH_BREAK.finditer(text, start, end):
        found.append((cursor, match.start()))
        cursor = match.end()
    found.append((cursor, end))
    trimmed = []
    for a, b in found:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            trimmed.append((a, b))
    return trimmed


def build_blocks(text: str, utterances: Sequence[Utterance]) -> list[Block]:
    """Blocks in text order: a heading before the first turn (as paragraphs), then one per utterance.

    A document without speaker turns (field notes, a policy document) is shown by paragraph.
    """
    if not utterances:
        return [Block(a, b, None, "other", None) for a, b in _paragraphs(text, 0, len(text))]
    first = min(u.start for u in utterances)
    # The line holding the first speaker label belongs to that turn, not to the heading.
    heading_end = text.rfind("\n", 0, first)
    blocks = [Block(a, b, None, "other", None) for a, b in _paragraphs(text, 0, max(heading_end, 0))]
    for u in sorted(utterances, key=lambda u: u.start):
        if u.end > u.start:
            blocks.append(Block(u.start, u.end, u.speaker, u.role, u.start_s, u.index))
    return blocks


@dataclass(frozen=True)
class Row:
    """One visual line: a slice of a block's text, or a blank separator (``block == -1``)."""

    block: int
    start: int
    end: int
    line: int


def wrap(text: str, start: int, end: int, width: int, *, narrow: bool = True) -> list[Span]:
    """Word-wrap ``text[start:end]`` to ``width`` cells; returns (start, end) offsets per line.

    Newlines inside the span start new lines; a word longer than the width is cut. ``narrow``
    says every character is one cell wide (checked once per document), which keeps this fast.
    """
    width = max(width, 4)
    measure: Callable[[str], int] = len if narrow else cell_len
    lines: list[Span] = []
    line_start = start
    while True:
        newline = text.find("\n", line_start, end)
        paragraph_end = end if newline < 0 else newline
        row_start, has_word = line_start, False
        for match in WORD.finditer(text, line_start, paragraph_end):
            w_start, w_end = match.span()
            if has_word and measure(text[row_start:w_end]) > width:
                lines.append((row_start, w_start))
                row_start = w_start
            while measure(text[row_start:w_end]) > width:  # a token longer than a line (a URL): cut it
                cut = row_start + _fit(text, row_start, w_end, width, measure)
                lines.append((row_start, cut))
                row_start = cut
            has_word = True
        lines.append((row_start, paragraph_end))
        if newline < 0:
            return lines
        line_start = newline + 1


def _fit(text: str, start: int, end: int, width: int, measure: Callable[[str], int]) -> int:
    count = 0
    while start + count < end and measure(text[start : start + count + 1]) <= width:
        count += 1
    return max(count, 1)


@dataclass
class Layout:
    """Blocks wrapped to one text width: rows, and where each block starts."""

    rows: list[Row]
    block_rows: dict[int, tuple[int, int]]  # block index -> (first row, row count)

    def row_of(self, blocks: Sequence[Block], offset: int) -> int:
        """The row showing ``offset`` (or the nearest visible row before it)."""
        index = block_at(blocks, offset)
        if index is None or index not in self.block_rows:
            earlier = [b for b in self.block_rows if blocks[b].start <= offset]
            if not earlier:
                return 0
            first, count = self.block_rows[max(earlier)]
            return first + count - 1
        first, count = self.block_rows[index]
        for row in range(first, first + count):
            if self.rows[row].start <= offset < max(self.rows[row].end, self.rows[row].start + 1):
                return row
            if offset < self.rows[row].start:
                return max(row - 1, first)
        return first + count - 1


def layout(text: str, blocks: Sequence[Block], visible: Sequence[int], width: int, *, narrow: bool) -> Layout:
    """Rows for the visible blocks, a blank row between blocks; a timed block gets two rows at
    least so the gutter can show both speaker and time."""
    rows: list[Row] = []
    block_rows: dict[int, tuple[int, int]] = {}
    for index in visible:
        block = blocks[index]
        if rows:
            rows.append(Row(-1, block.start, block.start, -1))
        first = len(rows)
        for line, (a, b) in enumerate(wrap(text, block.start, block.end, width, narrow=narrow)):
            rows.append(Row(index, a, b, line))
        if block.seconds is not None and len(rows) - first < 2:
            rows.append(Row(index, block.end, block.end, 1))
        block_rows[index] = (first, len(rows) - first)
    return Layout(rows, block_rows)


def block_at(blocks: Sequence[Block], offset: int) -> int | None:
    starts = [b.start for b in blocks]
    i = bisect_right(starts, offset) - 1
    if i >= 0 and offset <= blocks[i].end:
        return i
    return None


@dataclass
class TranscriptModel:
    """Text, blocks and codings of the open document, with the motions the keys use."""

    text: str
    blocks: list[Block]
    codings: list[DocumentCoding] = field(default_factory=list)
    hidden_roles: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        self._starts = [b.start for b in self.blocks]
        self._words: dict[int, list[Span]] = {}
        self._sentences: dict[int, list[Span]] = {}
        self._layouts: dict[int, Layout] = {}
        self.set_codings(self.codings)

    @cached_property
    def narrow(self) -> bool:
        """Every character takes one cell (true for English transcripts; checked once)."""
        return cell_len(self.text) == len(self.text)

    # -- visibility ----------------------------------------------------------------------------

    @property
    def visible(self) -> list[int]:
        return [i for i, b in enumerate(self.blocks) if b.role not in self.hidden_roles]

    def set_hidden_roles(self, roles: frozenset[str]) -> None:
        if roles != self.hidden_roles:
            self.hidden_roles = roles
            self._layouts.clear()

    def layout(self, width: int) -> Layout:
        if width not in self._layouts:
            self._layouts[width] = layout(self.text, self.blocks, self.visible, width, narrow=self.narrow)
        return self._layouts[width]

    # -- codings -------------------------------------------------------------------------------

    def set_codings(self, codings: Sequence[DocumentCoding]) -> None:
        self.codings = sorted(codings, key=lambda c: (c.start, c.end, c.id))
        self._coding_starts = [c.start for c in self.codings]
        self._longest = max((c.end - c.start for c in self.codings), default=0)

    def codings_overlapping(self, start: int, end: int) -> list[DocumentCoding]:
        """Codings sharing at least one character with ``[start, end)`` (a point when equal)."""
        end = max(end, start + 1)
        low = bisect_left(self._coding_starts, start - self._longest)
        high = bisect_left(self._coding_starts, end)
        return [c for c in self.codings[low:high] if c.start < end and start < c.end]

    def codings_at(self, offset: int) -> list[DocumentCoding]:
        return self.codings_overlapping(offset, offset + 1)

    def block_codes(self, index: int) -> list[DocumentCoding]:
        """One coding per distinct code on a block, in order of first appearance."""
        block = self.blocks[index]
        seen: dict[int, DocumentCoding] = {}
        for coding in self.codings_overlapping(block.start, block.end):
            seen.setdefault(coding.code_id, coding)
        return list(seen.values())

    # -- where things are ----------------------------------------------------------------------

    def block_of(self, offset: int) -> int | None:
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset <= self.blocks[i].end:
            return i
        return None

    def blocks_overlapping(self, start: int, end: int) -> list[int]:
        """Indices of the blocks sharing a character with ``[start, end)``."""
        first = max(bisect_right(self._starts, start) - 1, 0)
        found = []
        for index in range(first, len(self.blocks)):
            block = self.blocks[index]
            if block.start >= max(end, start + 1):
                break
            if block.end > start or block.start == start:
                found.append(index)
        return found

    def words(self, index: int) -> list[Span]:
        if index not in self._words:
            b = self.blocks[index]
            self._words[index] = [m.span() for m in WORD.finditer(self.text, b.start, b.end)]
        return self._words[index]

    def sentences(self, index: int) -> list[Span]:
        if index not in self._sentences:
            b = self.blocks[index]
            found, cursor = [], b.start
            for match in SENTENCE_END.finditer(self.text, b.start, b.end):
                found.append((cursor, match.end()))
                cursor = match.end()
            found.append((cursor, b.end))
            spans = []
            for a, e in found:
                while a < e and self.text[a].isspace():
                    a += 1
                while e > a and self.text[e - 1].isspace():
                    e -= 1
                if a < e:
                    spans.append((a, e))
            self._sentences[index] = spans or [(b.start, b.end)]
        return self._sentences[index]

    def first_visible(self) -> int:
        visible = self.visible
        return self.blocks[visible[0]].start if visible else 0

    def snap(self, offset: int) -> int:
        """Move an offset onto a visible block (the next one if it sits in a hidden or gap area)."""
        index = self.block_of(offset)
        visible = self.visible
        if index is not None and index in visible and offset < self.blocks[index].end:
            return max(offset, self.blocks[index].start)
        later = [i for i in visible if self.blocks[i].start >= offset]
        if later:
            return self.blocks[later[0]].start
        return self.blocks[visible[-1]].start if visible else 0

    def _visible_block(self, offset: int) -> int:
        index = self.block_of(self.snap(offset))
        return index if index is not None else 0

    def _unit_spans(self, unit: str, index: int) -> list[Span]:
        if unit == "word":
            return self.words(index)
        if unit == "sentence":
            return self.sentences(index)
        b = self.blocks[index]
        return [(b.start, b.end)]

    def unit_at(self, unit: str, offset: int) -> Span:
        """The word, sentence or block holding ``offset`` (or the next one)."""
        index = self._visible_block(offset)
        spans = self._unit_spans(unit, index)
        for span in spans:
            if offset < span[1]:
                return span
        return spans[-1] if spans else (self.blocks[index].start, self.blocks[index].end)

    def step(self, unit: str, offset: int, direction: int) -> Span:
        """The next (+1) or previous (-1) word, sentence or block from the one holding ``offset``,
        crossing into neighbouring visible blocks; stays put at either end of the document."""
        visible = self.visible
        if not visible:
            return (0, 0)
        index = self._visible_block(offset)
        current = self.unit_at(unit, offset)
        spans = self._unit_spans(unit, index)
        position = spans.index(current) if current in spans else 0
        target = position + direction
        if 0 <= target < len(spans):
            return spans[target]
        where = visible.index(index) if index in visible else 0
        neighbour = where + direction
        while 0 <= neighbour < len(visible):
            candidates = self._unit_spans(unit, visible[neighbour])
            if candidates:
                return candidates[0] if direction > 0 else candidates[-1]
            neighbour += direction
        return current


def trim(text: str, span: Span) -> Span:
    a, b = span
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def expand_to_words(text: str, span: Span) -> Span:
    """Grow a mouse selection so it starts and ends on whole words."""
    a, b = span
    while a > 0 and not text[a - 1].isspace() and not text[a].isspace():
        a -= 1
    while b < len(text) and b > 0 and not text[b].isspace() and not text[b - 1].isspace():
        b += 1
    return trim(text, (a, b))
