"""Workbench actions on suggestions: the panel for the turn under the cursor, accepting and
rejecting from it, the review queue and the Themes screen, and the progress of a running job.

A document's pending suggestions are read once when it opens (``suggestions(document=...)``, one
query) and filed by turn; the cursor moving only picks the turn's list. Accepting is one facade
call (one undoable action): the new coding is drawn at once and the suggestion leaves the panel;
a rejected one leaves it too and is never suggested again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...facade.views import DocumentCoding
from ..widgets.suggest_panel import TOP, SuggestionPanel, TurnSuggestions, panel_text
from .guard import attempt

if TYPE_CHECKING:
    from ..widgets.code_tree import CodeTree
    from ..widgets.transcript import Transcript
    from .suggest_run import Job


class WorkbenchSuggestions:
    """Mixed into :class:`~qual_si.tui.screens.workbench.Workbench` (a Textual Screen)."""

    transcript: Transcript
    code_tree: CodeTree
    document_id: int | None
    app: Any
    project: Any
    suggestion_panel: SuggestionPanel

    if TYPE_CHECKING:
        def _run(self, action: Any) -> Any: ...
        def _done(self, what: str) -> None: ...
        def open_document(self, document_id: int, *, cursor: int | None = None,
                          select: tuple[int, int] | None = None) -> None: ...
        def notify(self, message: str, **kwargs: Any) -> None: ...

    def _init_suggestions(self) -> None:
        self.suggestion_panel = SuggestionPanel(id="suggestions")
        self.turn_suggestions = TurnSuggestions()
        #: Index of the highlighted suggestion in the turn's list.
        self.suggestion_index = 0
        self.show_all_suggestions = False
        self._panel_key: tuple[Any, ...] | None = None
        self._panel_block: int | None = None
        #: Bumped whenever the filed suggestions change, so the panel knows to redraw.
        self._suggestions_version = 0

    # -- reading -------------------------------------------------------------------------------

    def _load_suggestions(self) -> None:
        """Read the open document's pending suggestions (one query) and file them by turn."""
        model = self.transcript.model
        records: list[Any] = []
        if self.document_id is not None and model is not None:
            records = self._run(lambda: self.project.suggestions(document=self.document_id)) or []
        self.turn_suggestions = TurnSuggestions.build(records, model.blocks_overlapping) if model else TurnSuggestions()
        self._suggestions_version += 1
        self.suggestion_panel.display = bool(records)
        screen: Any = self
        screen.set_class(bool(records), "-suggesting")  # the narrow layout gives the panel more rows
        self._refresh_suggestions(force=True)

    def suggestions_here(self) -> list[Any]:
        """Pending suggestions overlapping the turn under the cursor, best first."""
        model = self.transcript.model
        return self.turn_suggestions.for_block(model.block_of(self.transcript.cursor) if model else None)

    def highlighted_suggestion(self) -> Any:
        here = self.suggestions_here()
        return here[min(self.suggestion_index, len(here) - 1)] if here else None

    def _refresh_suggestions(self, *, force: bool = False) -> None:
        if not self.suggestion_panel.display:
            return
        model = self.transcript.model
        block = model.block_of(self.transcript.cursor) if model else None
        if block != self._panel_block:
            self._panel_block = block
            self.suggestion_index = 0  # a new turn starts at its best suggestion
        screen: Any = self
        compact = screen.has_class("-narrow")
        key = (block, self._suggestions_version, self.suggestion_index, self.show_all_suggestions, compact)
        if not force and key == self._panel_key:
            return  # the cursor moved within the turn: nothing to redraw
        self._panel_key = key
        colours = {code_id: row.code.colour for code_id, row in self.code_tree.rows.items()}
        self.suggestion_panel.show(panel_text(self.suggestions_here(), self.suggestion_index,
                                              self.show_all_suggestions, colours,
                                              len(self.turn_suggestions.records), compact=compact))

    def suggestions_changed(self, _report: Any = None) -> None:
        """A suggestion run finished (or another screen decided some): read them again."""
        if getattr(self, "is_mounted", False):
            self._load_suggestions()

    def show_job(self, job: Job | None) -> None:
        from ..widgets.panels import StatusBar

        screen: Any = self  # a Textual Screen once mixed in
        screen.query_one(StatusBar).set_job(job.text if job else "")

    # -- deciding ------------------------------------------------------------------------------

    def _decided(self, suggestion_id: int) -> None:
        self.turn_suggestions = self.turn_suggestions.without(suggestion_id)
        self._suggestions_version += 1
        here = self.suggestions_here()
        self.suggestion_index = min(self.suggestion_index, max(len(here) - 1, 0))
        self._refresh_suggestions()

    def action_accept_suggestion(self, then_next: bool = False) -> None:
        record = self.highlighted_suggestion()
        if record is None:
            self.notify("No suggestion for this turn (g goes to the next turn with suggestions).", severity="warning")
            return
        coding = self._run(lambda: self.project.accept_suggestion(record.id))
        if coding is None:
            return
        row = self.code_tree.rows.get(record.code_id)
        model = self.transcript.model
        if model is not None and coding.document_id == self.document_id:
            shown = DocumentCoding(id=coding.id, start=coding.start, end=coding.end, code_id=coding.code_id,
                                   code=row.code.name if row else record.code_name,
                                   colour=row.code.colour if row else None, coder=coding.coder,
                                   origin=coding.origin, score=coding.score)
            kept = [c for c in model.codings if c.id != coding.id]  # an exact earlier coding is linked, not doubled
            self.transcript.set_codings([*kept, shown], changed=[(shown.start, shown.end)])
        self.code_tree.update_counts(record.code_id, *self.project.code_usage(record.code_id))
        self._decided(record.id)
        self._done(f"accepted \u201c{record.code_name}\u201d ({record.score:.2f})")
        if then_next:
            self.action_next_suggested_turn()

    def action_accept_suggestion_next(self) -> None:
        self.action_accept_suggestion(then_next=True)

    def action_reject_suggestion(self) -> None:
        record = self.highlighted_suggestion()
        if record is None:
            self.notify("No suggestion for this turn to reject.", severity="warning")
            return
        if attempt(self.app, lambda: self.project.reject_suggestion(record.id)):
            self._decided(record.id)
            self._done(f"rejected \u201c{record.code_name}\u201d")

    # -- moving --------------------------------------------------------------------------------

    def action_cycle_suggestion(self, step: int) -> None:
        here = self.suggestions_here()
        if not here:
            return
        shown = len(here) if self.show_all_suggestions else min(len(here), TOP)
        self.suggestion_index = (self.suggestion_index + step) % shown
        self._refresh_suggestions()

    def action_toggle_all_suggestions(self) -> None:
        self.show_all_suggestions = not self.show_all_suggestions
        self._refresh_suggestions()

    def action_next_suggested_turn(self) -> None:
        """The next turn with suggestions; after the last one, the first again."""
        model = self.transcript.model
        if model is None:
            return
        here = model.block_of(self.transcript.cursor)
        block = self.turn_suggestions.next_block(here)
        if block is None:
            block = self.turn_suggestions.next_block(None)
            if block is None or block == here:
                self.notify("No other turn with pending suggestions in this document: Q reviews the whole "
                            "project, G suggests again.")
                return
            self.notify("Back to the first turn with suggestions.")
        self.transcript.goto(model.blocks[block].start)

    # -- other screens -------------------------------------------------------------------------

    def jump_to(self, passage: Any) -> None:
        """What a screen that lists passages (queue, themes, matrix, retrieval) is dismissed with:
        anything with ``document_id``, ``start`` and ``end``, shown selected; None does nothing."""
        if passage is not None:
            attempt(self.app, lambda: self.open_document(passage.document_id, cursor=passage.start,
                                                         select=(passage.start, passage.end)))
            self.transcript.focus()

    def action_suggestion_queue(self) -> None:
        from .suggest_queue import SuggestionQueueScreen

        self.app.push_screen(SuggestionQueueScreen(), self.jump_to)

    def action_themes(self) -> None:
        from .themes import ThemesScreen

        self.app.push_screen(ThemesScreen(), self.jump_to)
