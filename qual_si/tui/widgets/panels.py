"""The detail panel (codings under the cursor, the tree's code, memos) and the status bar."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from rich.text import Text
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

from ...facade.views import CodeRow, DocumentCoding
from ...model import Memo

FALLBACK_COLOUR = "#8a8a8a"


def _section(text: Text, title: str) -> None:
    if text.plain:
        text.append("\n")
    text.append(title.upper(), style="bold dim")
    text.append("\n")


def detail_text(
    here: Sequence[DocumentCoding], code: CodeRow | None, code_memos: Sequence[Memo],
    document_memos: Sequence[Memo] = (), case_memos: Sequence[Memo] = (),
) -> Text:
    """What the panel says, as one Rich Text (built for the visible panel only, never per row)."""
    text = Text()
    _section(text, f"Here ({len(here)} coding{'s' if len(here) != 1 else ''})")
    if not here:
        text.append("no coding under the cursor\n", style="dim")
    for coding in here:
        text.append("\u25cf ", style=coding.colour or FALLBACK_COLOUR)
        text.append(coding.code, style="bold")
        text.append("\n")
        origin = coding.origin + (f" {coding.score:.2f}" if coding.score is not None else "")
        text.append(f"  {coding.coder} \u00b7 {origin} \u00b7 {coding.end - coding.start} chars\n", style="dim")
        for author, note in coding.memos:
            text.append(f"  \u270e {author}: ", style="italic")
            text.append(f"{note}\n")
    if code is not None:
        c = code.code
        _section(text, "Code")
        text.append("\u25cf ", style=c.colour or FALLBACK_COLOUR)
        text.append(c.name, style="bold")
        text.append(f"\n  {c.qualified_id} \u00b7 {code.codings} codings in {code.documents} documents\n",
                    style="dim")
        if c.definition:
            text.append(f"{c.definition}\n")
        if c.inclusion:
            text.append("Include: ", style="bold green")
            text.append(f"{c.inclusion}\n")
        if c.exclusion:
            text.append("Exclude: ", style="bold red")
            text.append(f"{c.exclusion}\n")
        for example in c.examples[:3]:
            text.append(f"  \u201c{example}\u201d\n", style="italic")
        for memo in code_memos:
            text.append(f"\u270e {memo.author}: ", style="italic")
            text.append(f"{memo.text}\n")
    for title, memos in (("Document memo", document_memos), ("Case memo", case_memos)):
        if memos:
            _section(text, title)
            for memo in memos:
                text.append(f"\u270e {memo.author}: ", style="italic")
                text.append(f"{memo.text}\n")
    return text


class WrappedPanel(ScrollView, can_focus=False):
    """A Line API view of some text: wrapped to the panel's width once per update and drawn row
    by row, so updating it (on every cursor move) never triggers a layout of the whole screen."""

    DEFAULT_CSS = """
    WrappedPanel { overflow-x: hidden; overflow-y: auto; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text: RenderableType = Text()
        self._lines: list[Strip] = []

    def show(self, text: RenderableType) -> None:
        self.text = text
        self._wrap()

    def _wrap(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        console = self.app.console
        options = console.options.update_width(width)
        self._lines = [Strip(line) for line in console.render_lines(self.text, options, style=self.rich_style,
                                                                    pad=True)]
        # A virtual height that only changes when the text outgrows the panel: changing it means
        # a layout pass over the whole screen, which a cursor move should not cost.
        size = Size(width, max(len(self._lines), self.scrollable_content_region.height))
        if size != self.virtual_size:
            self.virtual_size = size
        self.refresh()

    def on_resize(self) -> None:
        self._wrap()

    def render_line(self, y: int) -> Strip:
        index = int(self.scroll_offset.y) + y
        width = self.scrollable_content_region.width
        if index < len(self._lines):
            return self._lines[index].adjust_cell_length(width, self.rich_style)
        return Strip.blank(width, self.rich_style)


class DetailPanel(WrappedPanel):
    """Codings under the cursor with coder and origin; the selected code's definition, memos."""


class StatusBar(Widget):
    """Document, case, coder, codings in this document, and the last saved action; '? help' on
    the right so the help key is on screen even when the footer is cut at 80 columns."""

    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; color: $text; padding: 0 1; }
    """
    HELP = "? help"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = Text()
        #: A background run's progress ("Suggesting codes: scoring 2048/8000"), shown first.
        self.job = ""

    def set_job(self, text: str) -> None:
        self.job = text
        self.refresh()

    def show(self, *, document: str, case: str | None, coder: str, codings: int, last: str) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(document, style="bold")
        text.append(f"  case {case or '-'}")
        text.append(f"  coder {coder}")
        text.append(f"  {codings} codings")
        text.append("  \u2713 saved", style="green")
        if last:
            text.append(f": {last}", style="dim")
        self.text = text
        self.refresh()  # one row, always: no layout pass for the whole screen

    def render(self) -> Text:
        width = self.content_region.width
        room = max(width - len(self.HELP) - 2, 0)
        line = self.text.copy()
        if self.job:
            line = Text.assemble((self.job, "bold yellow"), "  ", line, no_wrap=True, overflow="ellipsis")
        line.truncate(room, overflow="ellipsis", pad=True)
        line.append("  ")
        line.append(self.HELP, style="bold")
        return line
