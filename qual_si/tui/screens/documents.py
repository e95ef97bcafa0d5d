"""The document list: case, kind, words, % coded, codings, last opened. Loaded in a worker."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Input, Label, LoadingIndicator

from ...facade.views import DocumentRow
from ..keys import DOCUMENTS, bindings
from .data_screen import DataScreen


def ago(when: datetime | None, now: datetime) -> str:
    """'just now', '5 min ago', '3 h ago', '2 days ago', else the date: relative to the app's clock."""
    if when is None:
        return "-"
    seconds = (now - when).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    if seconds < 7 * 86400:
        return f"{int(seconds // 86400)} days ago"
    return when.date().isoformat()


class DocumentsScreen(DataScreen[int | None]):
    BINDINGS = [
        *bindings(DOCUMENTS),
        Binding("down", "cursor(1)", show=False),
        Binding("up", "cursor(-1)", show=False),
    ]
    DEFAULT_CSS = """
    DocumentsScreen #documents-title { text-style: bold; padding: 0 1; }
    DocumentsScreen DataTable { height: 1fr; }
    DocumentsScreen LoadingIndicator { height: 3; }
    """
    FAILURE_TITLE = "Documents"

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[DocumentRow] = []
        self._shown: list[DocumentRow] = []

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Documents", id="documents-title")
            yield Input(placeholder="filter by name or case", id="documents-filter", classes="slim")
            yield LoadingIndicator()
            yield DataTable(id="documents-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("document", "case", "kind", "words", "% coded", "codings", "last opened")
        table.display = False
        self.query_one(Input).focus()
        self._load()

    @work(thread=True, exclusive=True)
    def _load(self) -> None:
        self.deliver(self.project.document_overview, self._loaded)

    def _loaded(self, rows: list[DocumentRow]) -> None:
        self.rows = rows
        self.query_one(LoadingIndicator).display = False
        table = self.query_one(DataTable)
        table.display = True
        self._fill(self.query_one(Input).value)
        current = getattr(self.app.screen_stack[-2], "document_id", None) if len(self.app.screen_stack) > 1 else None
        for index, row in enumerate(self._shown):
            if row.id == current:
                table.move_cursor(row=index)
        self.loaded = True
        self.query_one("#documents-title", Label).update(
            f"Documents ({len(rows)}) \u2014 \u23ce open \u00b7 esc back \u00b7 type to filter")

    def _fill(self, query: str) -> None:
        words = query.lower().split()
        self._shown = [r for r in self.rows if all(w in f"{r.name} {r.case or ''} {r.kind}".lower() for w in words)]
        now: Any = self.app.now()  # type: ignore[attr-defined]
        table = self.query_one(DataTable)
        table.clear()
        for row in self._shown:
            table.add_row(row.name, row.case or "-", row.kind.replace("_", " "), f"{row.words:,}",
                          f"{row.coded_percent:.0f}%", str(row.codings), ago(row.last_opened, now), key=str(row.id))

    @on(Input.Changed, "#documents-filter")
    def _filter(self, event: Input.Changed) -> None:
        if self.loaded:
            self._fill(event.value)

    @on(Input.Submitted, "#documents-filter")
    def _filter_done(self) -> None:
        self.action_open()

    def action_cursor(self, step: int) -> None:
        table = self.query_one(DataTable)
        if self._shown:
            table.move_cursor(row=min(max(table.cursor_row + step, 0), len(self._shown) - 1))

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.dismiss(int(event.row_key.value or 0))

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if self.loaded and self._shown and table.cursor_row is not None:
            self.dismiss(self._shown[table.cursor_row].id)
