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
from textual.screen import Screen
from textual.widgets import Footer, Label, LoadingIndicator, Static

from ...quotes import clock
from ..keys import CELL, bindings
from ..widgets.line_table import LineTable
from .matrix_dialogs import edit_summary, failure
from .matrix_model import MatrixView, cell_passages


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


class CellQuotesScreen(Screen[Passage | None]):
    BINDINGS = bindings(CELL)
    DEFAULT_CSS = """
    CellQuotesScreen #cell-title { text-style: bold; padding: 0 1; }
    CellQuotesScreen #cell-summary { height: auto; max-height: 6; padding: 0 1; color: $text; }
    CellQuotesScreen LineTable { height: 1fr; }
    CellQuotesScreen #cell-preview { height: auto; max-height: 8; padding: 0 1; border-top: hkey $panel-lighten-2; }
    CellQuotesScreen LoadingIndicator { height: 1; }
    """

    def __init__(self, view: MatrixView, row: int, column: int) -> None:
        super().__init__()
        self.view, self.row, self.column = view, row, column
        self.passages: list[dict[str, Any]] = []
        self.summary: str | None = None
        self.loaded = False

    @property
    def project(self) -> Any:
        return self.app.project  # type: ignore[attr-defined]

    @property
    def case_cell(self) -> tuple[str, int] | None:
        """(case, code id) when this is a case x code cell (one that can have a summary)."""
        case = self.view.row_labels[self.row]
        code_id = self.view.column_ids[self.column]
        if self.view.settings.row_kind != "case" or self.row in self.view.plain_rows or code_id is None \
                or case == "(no case)":
            return None
        return case, code_id

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
        self.loaded = False
        self.query_one(LoadingIndicator).display = True
        self._fetch()

    @work(thread=True, exclusive=True)
    def _fetch(self) -> None:
        try:
            frame = cell_passages(self.project, self.view, self.row, self.column)
            records = frame.to_dict("records")
            summary = None
            if self.case_cell is not None:
                summaries = self.project.cell_summaries()
                case, code_id = self.case_cell
                mine = summaries[(summaries["case"] == case) & (summaries["code_id"] == code_id)]
                summary = str(mine["summary"].iloc[0]) if len(mine) else ""
        except Exception as exc:  # noqa: BLE001 - the worker edge: a failure is shown, never a crash
            self.app.call_from_thread(self._failed, failure(exc))
            return
        self.app.call_from_thread(self._show, records, summary)

    def _failed(self, message: str) -> None:
        self.query_one(LoadingIndicator).display = False
        self.loaded = True
        self.notify(message, title="Passages", severity="error")

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
            for screen in self.app.screen_stack:
                if hasattr(screen, "stale") and screen is not self:
                    screen.stale = True
            self.reload()

        edit_summary(self, *target, self.view.column_labels[self.column], on_saved=saved)

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)
