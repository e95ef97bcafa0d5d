"""The Themes screen: the latest run of emerging themes (or residual themes, ``r``), each with its
keywords, size and spread across cases and participants, and its five representative quotes.

``F`` finds themes again in a worker (progress on screen; the UI never waits); Enter on a theme
moves to its quotes, Enter on a quote jumps to its passage in the transcript; ``P`` promotes a
theme to a code after asking for its name (one undoable action: the code, and the theme's passages
queued as suggestions of it).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Label, LoadingIndicator, Static

from ...errors import NotFound
from ..keys import THEMES, bindings
from ..widgets.line_table import LineTable
from ..widgets.suggest_progress import JobLine
from .data_screen import DataScreen
from .dialogs import PromptScreen
from .guard import guarded, mark_stale
from .suggest_run import start
from .themes_view import (
    EMPTY,
    QUOTE_COLUMNS,
    THEME_COLUMNS,
    promotion_name,
    quote_detail,
    quote_rows,
    run_status,
    run_title,
    theme_detail,
    theme_rows,
)


class ThemesScreen(DataScreen[Any]):
    """Dismissed with a quote (``document_id``, ``start``, ``end``) to jump to, or None."""

    BINDINGS = bindings(THEMES)
    DEFAULT_CSS = """
    ThemesScreen #themes-title { text-style: bold; padding: 0 1; }
    ThemesScreen #themes-status { color: $text-muted; padding: 0 1; }
    ThemesScreen #theme-table { height: 1fr; min-height: 4; }
    ThemesScreen #theme-detail { height: auto; max-height: 6; padding: 0 1; border-top: hkey $panel-lighten-2; }
    ThemesScreen #quote-table { height: 7; border-top: hkey $panel-lighten-2; }
    ThemesScreen LoadingIndicator { height: 1; }
    """
    FAILURE_TITLE = "Themes"

    def __init__(self, *, residual: bool = False) -> None:
        super().__init__()
        self.residual = residual
        self.run: Any = None
        self.code_names: dict[int, str] = {}
        #: Set when an undo or redo happened on a screen above: reload on return.
        self.stale = False

    @property
    def themes(self) -> list[Any]:
        return list(self.run.themes) if self.run is not None else []

    @property
    def theme_table(self) -> LineTable:
        return self.query_one("#theme-table", LineTable)

    @property
    def quote_table(self) -> LineTable:
        return self.query_one("#quote-table", LineTable)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Themes", id="themes-title")
            yield JobLine()
            yield Label("", id="themes-status")
            yield LoadingIndicator()
            yield LineTable(THEME_COLUMNS, id="theme-table")
            yield Static("", id="theme-detail")
            yield LineTable(QUOTE_COLUMNS, id="quote-table")
        yield Footer()

    def on_mount(self) -> None:
        self.show_job(getattr(self.app, "nlp_job", None))
        self.theme_table.focus()
        self.load()

    # -- reading -------------------------------------------------------------------------------

    def load(self, run_id: int | None = None) -> None:
        self.loading()
        self._fetch(run_id, self.residual)

    def reload(self) -> None:
        """After an undo or redo (a promotion taken back): the same run read again."""
        self.stale = False
        if self.is_mounted:
            self.load(self.run.id if self.run is not None else None)

    @work(thread=True, exclusive=True, group="themes")
    def _fetch(self, run_id: int | None, residual: bool) -> None:
        def read() -> tuple[Any, dict[int, str]]:
            names = {code.id: code.name for code in self.project.codes(include_inactive=True)}
            try:
                run = self.project.theme_run(run_id) if run_id is not None else \
                    self.project.theme_run(residual=residual)
            except NotFound:
                run = None
            return run, names

        self.deliver(read, lambda found: self._show(*found))

    def _show(self, run: Any, code_names: dict[int, str]) -> None:
        self.run, self.code_names = run, code_names
        if run is not None:
            self.residual = run.kind == "residual"
        keep = self.theme_table.cursor_row
        self.theme_table.set_rows(theme_rows(self.themes, code_names))
        if 0 < keep < len(self.themes):
            self.theme_table.cursor_row = keep
        self.query_one(LoadingIndicator).display = False
        title = self.query_one("#themes-title", Label)
        status = self.query_one("#themes-status", Label)
        if run is None:
            title.update("Residual themes" if self.residual else "Themes")
            status.update(EMPTY[self.residual])
        else:
            title.update(run_title(run))
            status.update(run_status(run) + " \u00b7 r " + ("all themes" if self.residual else "residual themes"))
        self.loaded = True
        self._theme_highlighted()

    def current_theme(self) -> Any:
        themes = self.themes
        return themes[min(self.theme_table.cursor_row, len(themes) - 1)] if themes else None

    def current_quote(self) -> Any:
        theme = self.current_theme()
        if theme is None or not theme.quotes:
            return None
        return theme.quotes[min(self.quote_table.cursor_row, len(theme.quotes) - 1)]

    @on(LineTable.Highlighted)
    def _highlighted(self, event: LineTable.Highlighted) -> None:
        if event.table is self.theme_table:  # LineTable's messages name their table, not a control
            self._theme_highlighted()
        elif self.quote_table.has_focus:
            self._quote_highlighted()

    @on(events.DescendantFocus)
    def _focus_moved(self) -> None:
        """The detail follows the focus: the theme, or the quote in full."""
        if self.quote_table.has_focus:
            self._quote_highlighted()
        elif self.loaded:
            self._theme_highlighted(refill=False)

    def _quote_highlighted(self) -> None:
        quote, theme = self.current_quote(), self.current_theme()
        if quote is not None:
            self.query_one("#theme-detail", Static).update(quote_detail(quote, theme))

    def _theme_highlighted(self, *, refill: bool = True) -> None:
        theme = self.current_theme()
        detail = self.query_one("#theme-detail", Static)
        if theme is None:
            detail.update(Text("no themes in this run" if self.run is not None else "", style="dim"))
            self.quote_table.set_rows([])
            return
        detail.update(theme_detail(theme, self.code_names))
        if refill:
            self.quote_table.set_rows(quote_rows(theme))

    def show_job(self, job: Any) -> None:
        self.query_one(JobLine).show(job)

    def themes_changed(self, run: Any) -> None:
        """A run finished: show it (it comes with its themes, nothing to read again)."""
        if self.is_mounted and run is not None and hasattr(run, "themes"):
            self.theme_table.cursor_row = 0
            self._show(run, self.code_names or {})

    # -- actions -------------------------------------------------------------------------------

    def action_find(self) -> None:
        start(self.app, "residual" if self.residual else "themes")

    def action_toggle_residual(self) -> None:
        self.residual = not self.residual
        self.theme_table.cursor_row = 0
        self.load()

    @on(LineTable.Selected)
    def _selected(self) -> None:  # Enter (or a double click) on either table
        self.action_open()

    def action_open(self) -> None:
        if self.quote_table.has_focus:
            quote = self.current_quote()
            if quote is not None:
                self.dismiss(quote)
            return
        theme = self.current_theme()
        if theme is None:
            return
        if not theme.quotes:
            self.notify("This theme has no quotes to read.", severity="warning")
            return
        self.quote_table.focus()

    def action_copy_quote(self) -> None:
        quote = self.current_quote()
        if quote is not None:
            self.app.copy_to_clipboard(quote.attribution)
            self.notify(quote.attribution, title="Copied")

    def action_promote(self) -> None:
        theme = self.current_theme()
        if theme is None:
            self.notify("No theme to promote: F finds themes first.", severity="warning")
            return
        if theme.promoted_code_id is not None:
            name = self.code_names.get(theme.promoted_code_id, str(theme.promoted_code_id))
            self.notify(f"Already promoted to the code \u201c{name}\u201d (ctrl+z undoes it).", severity="warning")
            return

        def named(name: str | None) -> None:
            if name is None or not name.strip():
                return
            code = guarded(self.app, lambda: self.project.promote_theme(theme.id, name.strip()))
            if code is None:
                return
            self.notify(f"New code \u201c{code.name}\u201d: its {theme.size} passages are queued as suggestions "
                        "(Q on the workbench reviews them; ctrl+z undoes the promotion).")
            mark_stale(self.app, except_=self)  # the workbench's tree and suggestions re-read on return
            self.reload()

        self.app.push_screen(PromptScreen(
            f"Promote theme {theme.number + 1} \u201c{theme.label}\u201d to a new code named\u2026",
            promotion_name(theme),
            hint=f"\u23ce creates the code (definition drafted from the keywords) and queues its {theme.size} "
                 "passages as suggestions \u00b7 esc cancels"), named)
