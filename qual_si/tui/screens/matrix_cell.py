"""The passages behind one matrix cell, with attribution; Enter jumps to one in its transcript.

For a case x code cell the analyst's summary is shown above the passages and ``e`` edits it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Label, LoadingIndicator, Static

from ...quotes import clock
from ..keys import CELL, bindings
from ..widgets.line_table import LineTable
from .data_screen import DataScreen
from .guard import mark_stale
from .matrix_dialogs import edit_summary
from .matrix_model import MatrixView, cell_passages, cell_summary


@dataclass(frozen=True)
class Passage:
    """Where a quote lives: what the workbench needs to show it selected."""

    document_id: int
    start: int
    end: int
    document: str
    quote: str


def _seconds(value: Any) -> float | None:
    return None if value is None or value != value else float(value)


class CellQuotesScreen(DataScreen[Passage | None]):
    BINDINGS = bindings(CELL)
    DEFAULT_CSS = """
    CellQuotesScreen #cell-title { text-style: bold; padding: 0 1; }
    CellQuotesScreen #cell-summary { height: auto; max-height: 6; padding: 0 1; color: $text; }
    CellQuotesScreen LineTable { height: 1fr; }
    CellQuotesScreen #cell-preview { height: auto; max-height: 8; padding: 0 1; border-top: hkey $panel-lighten-2; }
    CellQuotesScreen LoadingIndicator { height: 1; }
    """
    FAILURE_TITLE = "Passages"

    def __init__(self, view: MatrixView, row: int, column: int) -> None:
        super().__init__()
        self.view, self.row, self.column = view, row, column
        self.passages: list[dict[str, Any]] = []
        self.summary: str | None = None

    @property
    def case_cell(self) -> tuple[str, int] | None:
        """(case, code id) when this is a case x code cell (one that can have a summary)."""
        return self.view.case_cell(self.row, self.column)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("", id="cell-title")
            yield Static("", id="cell-summary")
            yield LoadingIndicator()
            yield LineTable(["speaker", "case", "document", "time", "text"], id="cell-table")
            yield Static("", id="cell-preview")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(LineTable).focus()
        self.query_one("#cell-summary", Static).display = self.case_cell is not None
        self.reload()

    def reload(self) -> None:
        self.loading()
        self._fetch()

    @work(thread=True, exclusive=True)
    def _fetch(self) -> None:
        def read() -> tuple[list[dict[str, Any]], str | None]:
            records = cell_passages(self.project, self.view, self.row, self.column).to_dict("records")
            target = self.case_cell
            return records, cell_summary(self.project, *target) if target is not None else None

        self.deliver(read, lambda found: self._show(*found))

    def _show(self, records: list[dict[str, Any]], summary: str | None) -> None:
        self.passages, self.summary = records, summary
        self.query_one(LineTable).set_rows([
            (str(p["speaker"] or "-"), str(p["case"]), str(p["document"]), clock(_seconds(p["start_s"])) or "-",
             " ".join(str(p["text"]).split()))
            for p in records
        ])
        view = self.view
        documents = len({p["document_id"] for p in records})
        self.query_one("#cell-title", Label).update(
            f"{view.row_labels[self.row]} \u00d7 {view.column_labels[self.column]}: {len(records)} passages in "
            f"{documents} documents")
        if summary is not None:
            text = Text("Summary: ", style="bold")
            text.append(summary or "none yet (e to write one)", style="" if summary else "dim italic")
            self.query_one("#cell-summary", Static).update(text)
        self.query_one(LoadingIndicator).display = False
        self.loaded = True
        self._highlighted()

    def _current(self) -> dict[str, Any] | None:
        if not self.loaded or not self.passages:
            return None
        return self.passages[min(self.query_one(LineTable).cursor_row, len(self.passages) - 1)]

    @on(LineTable.Highlighted)
    def _highlighted(self) -> None:
        passage = self._current()
        preview = self.query_one("#cell-preview", Static)
        if passage is None:
            preview.update(Text("no passages", style="dim") if self.loaded else "")
            return
        text = Text(str(passage["quote"]))
        text.append(f"\n{passage['document']} \u00b7 case {passage['case']} \u00b7 characters {passage['start']}-"
                    f"{passage['end']}", style="dim")
        preview.update(text)

    @on(LineTable.Selected)
    def _selected(self) -> None:
        self.action_jump()

    def action_jump(self) -> None:
        passage = self._current()
        if passage is not None:
            self.dismiss(Passage(int(passage["document_id"]), int(passage["start"]), int(passage["end"]),
                                 str(passage["document"]), str(passage["quote"])))

    def action_copy_quote(self) -> None:
        passage = self._current()
        if passage is not None:
            self.app.copy_to_clipboard(str(passage["quote"]))
            self.notify(str(passage["quote"]), title="Copied")

    def action_edit_summary(self) -> None:
        target = self.case_cell
        if target is None:
            self.notify("Summaries belong to a case and a code: this row is not a case.", severity="warning")
            return

        def saved() -> None:
            mark_stale(self.app, except_=self)
            self.reload()

        edit_summary(self, *target, self.view.column_labels[self.column], text=self.summary, on_saved=saved)
