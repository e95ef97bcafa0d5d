"""The Matrix screen: cases (documents, participants, or groups of cases) x codes, heat-coloured.

Switch the measure, the rows, the grouping (an attribute or bands of a number, with counts, row %
or % of cases and totals), the code depth and codebook, and filter cases and codings. Enter
drills into a cell to read its passages and jump to one in the transcript; the framework mode
shows each cell's analyst summary, written with ``e`` (one undoable action each). ``R`` rates the
case. Tables are computed in a worker; the settings are remembered per coder.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Footer, Input, Label, LoadingIndicator, Static

from ..keys import MATRIX, bindings
from ..widgets.matrix_table import MatrixTable
from .data_screen import DataScreen
from .dialogs import PromptScreen
from .guard import report
from .matrix_dialogs import CANCELLED, Choice, edit_summary
from .matrix_model import (
    MEASURE_GLOSS,
    PERCENT_MODES,
    ROW_KINDS,
    MatrixSettings,
    MatrixView,
    cell_passages,
    compute,
)

SETTINGS_KEY = "matrix.settings"
#: Seconds the cursor rests on a framework cell before its quotes are read.
QUOTE_DELAY = 0.3


class MatrixScreen(DataScreen[Any]):
    """Dismissed with a passage (``document_id``, ``start``, ``end``) to jump to, or None."""

    BINDINGS = bindings(MATRIX)
    DEFAULT_CSS = """
    MatrixScreen #matrix-title { text-style: bold; padding: 0 1; }
    MatrixScreen #matrix-status { color: $text-muted; padding: 0 1; }
    MatrixScreen MatrixTable { height: 1fr; }
    MatrixScreen #matrix-detail { height: auto; max-height: 9; padding: 0 1; border-top: hkey $panel-lighten-2; }
    MatrixScreen LoadingIndicator { height: 1; }
    """
    FAILURE_TITLE = "Matrix"

    def __init__(self) -> None:
        super().__init__()
        self.settings = MatrixSettings()
        self.view: MatrixView | None = None
        self.choices: dict[str, Any] = {}
        #: Set when an undo or redo happened on a screen above: reload on return.
        self.stale = False
        self._quote_timer: Timer | None = None

    @property
    def table(self) -> MatrixTable:
        return self.query_one(MatrixTable)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Matrix", id="matrix-title")
            yield Input(placeholder="filter: phase=primary; schools>=7; coder=name; origin=manual  (ctrl+f)",
                        id="matrix-filter", classes="slim")
            yield Label("", id="matrix-status")
            yield LoadingIndicator()
            yield MatrixTable(id="matrix-table")
            yield Static("", id="matrix-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.settings = MatrixSettings.from_state(self.project.view_state(SETTINGS_KEY))
        self.query_one(Input).value = self.settings.filter
        self.table.focus()
        self.load()

    # -- computing -----------------------------------------------------------------------------

    def load(self, *, keep_cursor: bool = False) -> None:
        self.loading()
        self._compute(self.settings, keep_cursor, not self.choices)

    def reload(self) -> None:
        """After an undo/redo (or a summary written elsewhere): same table, fresh numbers."""
        self.stale = False
        if self.is_mounted:
            self.load(keep_cursor=True)

    @work(thread=True, exclusive=True, group="matrix")
    def _compute(self, settings: MatrixSettings, keep_cursor: bool, choices: bool) -> None:
        self.deliver(lambda: compute(self.project, settings, choices=choices),
                     lambda view: self._show(view, keep_cursor))

    def _show(self, view: MatrixView, keep_cursor: bool) -> None:
        self.view = view
        self.choices = view.choices or self.choices
        texts = {cell: f"\u270e {summary}" for cell, summary in view.summaries.items()}
        self.table.set_table(view.row_labels, view.column_labels, view.values, corner=view.corner,
                             decimals=view.decimals, texts=texts, plain_rows=view.plain_rows,
                             plain_columns=view.plain_columns, column_width=22 if view.settings.framework else None,
                             keep_cursor=keep_cursor)
        self.query_one(LoadingIndicator).display = False
        title = "Framework matrix" if view.settings.framework else "Matrix"
        self.query_one("#matrix-title", Label).update(f"{title}: {view.settings.describe()}")
        codes = sum(1 for i in view.column_ids if i is not None)
        rows = len(view.row_labels) - len(view.plain_rows)
        unit = "quotes" if view.settings.framework else MEASURE_GLOSS.get(view.settings.measure, "")
        self.query_one("#matrix-status", Label).update(f"{rows} rows \u00d7 {codes} codes \u00b7 cells: {unit}")
        self.loaded = True
        self._show_cell()

    def _change(self, **fields: Any) -> None:
        self.settings = self.settings.change(**fields)
        self.project.set_view_state(SETTINGS_KEY, self.settings.to_state())
        self.load(keep_cursor=True)

    # -- the current cell ----------------------------------------------------------------------

    def current(self) -> tuple[int, int] | None:
        view = self.view
        if not self.loaded or view is None or not view.row_labels or not view.column_labels:
            return None
        return self.table.cursor_row, self.table.cursor_column

    @on(MatrixTable.CellHighlighted)
    def _show_cell(self) -> None:
        detail = self.query_one("#matrix-detail", Static)
        cell, view = self.current(), self.view
        if cell is None or view is None:
            detail.update(Text("empty table: no rows or no codes for these settings", style="dim"))
            return
        row, column = cell
        text = Text()
        text.append(view.row_labels[row], style="bold")
        text.append(" \u00d7 ")
        text.append(view.column_labels[column], style="bold")
        value = view.values[row][column]
        text.append(f": {self.table.format(value)}")
        if view.settings.framework:
            text.append(" quote" if value == 1 else " quotes")
            summary = view.summaries.get(cell)
            text.append("\nSummary: ", style="bold")
            text.append(summary or "none yet (e to write one)", style="" if summary else "dim italic")
            quotes = view.quotes.get(cell)
            if quotes is None and value:
                text.append("\nreading the quotes\u2026", style="dim italic")
                self._quotes_soon(cell)
            for quote in quotes or []:
                text.append(f"\n\u2022 {quote}")
        else:
            text.append(f"  ({MEASURE_GLOSS.get(view.settings.measure, view.settings.measure)})", style="dim")
        detail.update(text)

    def _quotes_soon(self, cell: tuple[int, int]) -> None:
        """Read a framework cell's first quotes once the cursor has rested on it a moment (moving
        across a large matrix must not start a query per cell passed)."""
        if self._quote_timer is not None:
            self._quote_timer.stop()
        self._quote_timer = self.set_timer(QUOTE_DELAY, lambda: self._read_quotes(self.view, cell))

    @work(thread=True, exclusive=True, group="matrix-quotes")
    def _read_quotes(self, view: MatrixView | None, cell: tuple[int, int]) -> None:
        if view is None:
            return
        try:
            found = cell_passages(self.project, view, *cell)
        except Exception as exc:  # noqa: BLE001 - the worker edge: a failure is shown, never a crash
            self.app.call_from_thread(report, self.app, exc, title="Quotes")
            return
        quotes = [f"{q}  [{d}]" for q, d in zip(found["quote"][:3], found["document"][:3], strict=True)]
        if len(found) > 3:
            quotes.append(f"\u2026 {len(found) - 3} more (\u23ce reads them all)")
        self.app.call_from_thread(self._quotes_read, view, cell, quotes)

    def _quotes_read(self, view: MatrixView, cell: tuple[int, int], quotes: list[str]) -> None:
        view.quotes[cell] = quotes
        if view is self.view and self.current() == cell:
            self._show_cell()

    # -- settings ------------------------------------------------------------------------------

    def action_cycle_measure(self) -> None:
        measures = list(self.choices.get("measures") or MEASURE_GLOSS)
        current = self.settings.measure
        following = measures[(measures.index(current) + 1) % len(measures)] if current in measures else measures[0]
        self._change(measure=following, framework=False)
        self.notify(f"Measure: {following} \u2014 {MEASURE_GLOSS.get(following, '')}")

    def action_cycle_rows(self) -> None:
        current = self.settings.rows if not (self.settings.group or self.settings.framework) else None
        following = ROW_KINDS[(ROW_KINDS.index(current) + 1) % len(ROW_KINDS)] if current else "case"
        self._change(rows=following, group=None, cuts=(), framework=False)

    def action_cycle_percent(self) -> None:
        if not self.settings.group:
            self.notify("Percentages are for grouped tables: press g to group the cases first.", severity="warning")
            return
        following = PERCENT_MODES[(PERCENT_MODES.index(self.settings.percent) + 1) % len(PERCENT_MODES)]
        self._change(percent=following)

    def action_cycle_depth(self) -> None:
        books: dict[str, int] = self.choices.get("codebooks", {})
        deepest = books.get(self.settings.codebook, 1) if self.settings.codebook else max(books.values(), default=1)
        depths: list[int | None] = [*range(1, deepest + 1), None]
        current = self.settings.depth if self.settings.depth in depths else None
        self._change(depth=depths[(depths.index(current) + 1) % len(depths)])

    def action_choose_codebook(self) -> None:
        books: dict[str, int] = self.choices.get("codebooks", {})
        options: list[tuple[str | Text, str | None]] = [("every codebook", None)]
        options += [(f"{key}  (depth {depth})", key) for key, depth in books.items()]

        def chosen(key: Any) -> None:
            if key is not CANCELLED:
                depth = self.settings.depth
                if key is not None and depth is not None and depth > books.get(key, 1):
                    depth = books.get(key, 1)
                self._change(codebook=key, depth=depth)

        self.app.push_screen(Choice("Columns: the codes of\u2026", options), chosen)

    def action_group(self) -> None:
        attributes = self.project.attributes()
        options: list[tuple[str | Text, Any]] = [("no grouping (one row per case)", None)]
        options += [(a.name, (a.name, False)) for a in attributes]
        options += [(Text(f"{a.name}: bands by cut-points\u2026", style="italic"), (a.name, True))
                    for a in attributes if a.type == "number"]

        def chosen(choice: Any) -> None:
            if choice is CANCELLED:
                return
            if choice is None:
                self._change(group=None, cuts=(), rows="case")
                return
            name, bands = choice
            if bands:
                self._ask_cuts(name)
            else:
                self._change(group=name, cuts=(), framework=False)

        self.app.push_screen(Choice("Group the cases by\u2026", options), chosen)

    def _ask_cuts(self, attribute: str) -> None:
        def given(text: str | None) -> None:
            if text is None or not text.strip():
                return
            try:
                cuts = tuple(float(part) for part in text.replace(";", ",").replace(" ", ",").split(",") if part)
                if not cuts or any(b <= a for a, b in zip(cuts, cuts[1:], strict=False)):
                    raise ValueError
            except ValueError:
                self.notify(f"Cut-points are increasing numbers, e.g. 3, 7, 15 (not {text!r})", severity="error")
                return
            self._change(group=attribute, cuts=cuts, framework=False)

        self.app.push_screen(PromptScreen(f"Bands of {attribute}: cut-points", "3, 7, 15",
                                          hint="each band starts at a cut: 3, 7, 15 -> 3-6, 7-14, 15+"), given)

    def action_toggle_framework(self) -> None:
        framework = not self.settings.framework
        self._change(framework=framework, **({"rows": "case", "group": None, "cuts": ()} if framework else {}))

    def action_focus_filter(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#matrix-filter")
    def _filter(self, event: Input.Submitted) -> None:
        self._change(filter=event.value.strip())
        self.table.focus()

    # -- cells, summaries, ratings ---------------------------------------------------------------

    @on(MatrixTable.CellSelected)
    def _cell_selected(self) -> None:
        self.action_drill()

    def action_drill(self) -> None:
        cell, view = self.current(), self.view
        if cell is None or view is None:
            return
        if view.column_ids[cell[1]] is None:
            self.notify("Choose a code column to read its passages.", severity="warning")
            return
        from .matrix_cell import CellQuotesScreen

        def chosen(passage: Any) -> None:
            if passage is not None:
                self.dismiss(passage)

        self.app.push_screen(CellQuotesScreen(view, *cell), chosen)

    def action_edit_summary(self) -> None:
        cell, view = self.current(), self.view
        target = view.case_cell(*cell) if cell is not None and view is not None else None
        if target is None:
            self.notify("Summaries belong to a case and a code: show cases as rows (r) and choose a code cell.",
                        severity="warning")
            return
        assert view is not None and cell is not None
        # the framework matrix shows every summary; in the other tables it is read when asked for
        known = view.summaries.get(cell, "") if view.settings.framework else None
        edit_summary(self, *target, view.column_labels[cell[1]], text=known,
                     on_saved=lambda: self.load(keep_cursor=True))

    def action_ratings(self) -> None:
        from .matrix_ratings import RatingsScreen

        cases = [c.name for c in self.project.cases()]
        if not cases:
            self.notify("There are no cases to rate.", severity="warning")
            return
        cell, view = self.current(), self.view
        if cell is not None and view is not None and view.settings.row_kind == "case" \
                and view.row_labels[cell[0]] in cases:
            self.app.push_screen(RatingsScreen(view.row_labels[cell[0]], cases))
            return

        def chosen(case: Any) -> None:
            if case is not CANCELLED and case is not None:
                self.app.push_screen(RatingsScreen(case, cases))

        self.app.push_screen(Choice("Rate which case?", [(c, c) for c in cases]), chosen)
