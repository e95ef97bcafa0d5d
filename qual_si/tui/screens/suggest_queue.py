"""The review queue: pending suggestions across the project, best first.

Filter by code (``c``) and minimum score (``s``); accept (``a``), reject (``X``), accept and move
on (``A``); Enter jumps to the passage in its transcript; ``B`` accepts every suggestion at or
above a score after saying how many. A decided row stays in the list with its decision, so an
undo (ctrl+z) shows the row pending again: the queue re-reads the statuses of the suggestions it
holds rather than the query that filled it.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Footer, Label, LoadingIndicator, Static

from ...facade.nlp import SuggestionRecord
from ..keys import QUEUE, bindings
from ..widgets.line_table import LineTable
from ..widgets.panels import FALLBACK_COLOUR
from ..widgets.suggest_panel import evidence_lines, marked_sentence
from ..widgets.suggest_progress import JobLine
from .data_screen import DataScreen
from .dialogs import ConfirmScreen, PromptScreen
from .guard import attempt, guarded, mark_stale
from .matrix_dialogs import CANCELLED, Choice

#: The queue holds at most this many suggestions (the best); the title says when there are more.
LIMIT = 2000
#: Before the score: what was decided on the row in this session (the preview says it in words).
MARKS = {"pending": " ", "accepted": "\u2713", "rejected": "\u2717"}


def parse_score(text: str) -> float | None:
    """A score typed by the user: 0.7, .7, 70% or 70 (a percentage); None if it is not one."""
    cleaned = text.strip().rstrip("%").strip()
    try:
        value = float(cleaned)
    except ValueError:
        return None
    if value > 1:
        value /= 100
    return value if 0 <= value <= 1 else None


class SuggestionQueueScreen(DataScreen[Any]):
    """Dismissed with a suggestion (it has ``document_id``, ``start``, ``end``) to jump to, or None."""

    BINDINGS = bindings(QUEUE)
    DEFAULT_CSS = """
    SuggestionQueueScreen #queue-title { text-style: bold; padding: 0 1; }
    SuggestionQueueScreen #queue-status { color: $text-muted; padding: 0 1; }
    SuggestionQueueScreen LineTable { height: 1fr; }
    SuggestionQueueScreen #queue-preview { height: auto; max-height: 9; padding: 0 1; border-top: hkey $panel-lighten-2; }
    SuggestionQueueScreen LoadingIndicator { height: 1; }
    """
    FAILURE_TITLE = "Review queue"

    def __init__(self) -> None:
        super().__init__()
        self.code_id: int | None = None
        self.code_name = ""
        self.min_score: float | None = None
        self.records: list[SuggestionRecord] = []
        self.pending_total = 0
        #: Code id -> colour, for the matched words in the preview.
        self.colours: dict[int, str | None] = {}
        #: Set when an undo or redo happened on a screen above: reload on return.
        self.stale = False

    @property
    def table(self) -> LineTable:
        return self.query_one(LineTable)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Review queue", id="queue-title")
            yield JobLine()
            yield Label("", id="queue-status")
            yield LoadingIndicator()
            yield LineTable(["score", "code", "document", "text"], id="queue-table")
            yield Static("", id="queue-preview")
        yield Footer()

    def on_mount(self) -> None:
        self.show_job(getattr(self.app, "nlp_job", None))
        self.table.focus()
        self.load()

    # -- reading -------------------------------------------------------------------------------

    def load(self, *, keep: int | None = None) -> None:
        """Fill the queue from the filters (the best ``LIMIT`` pending suggestions)."""
        self.loading()
        self._fetch(self.code_id, self.min_score, None, keep)

    def reload(self) -> None:
        """After an undo or redo: the same suggestions, their statuses read again."""
        self.stale = False
        if not self.is_mounted:
            return
        current = self._current()
        self.loaded = False
        self._fetch(self.code_id, self.min_score, [r.id for r in self.records], current.id if current else None)

    @work(thread=True, exclusive=True, group="queue")
    def _fetch(self, code_id: int | None, min_score: float | None, ids: list[int] | None, keep: int | None) -> None:
        def read() -> tuple[list[SuggestionRecord], int]:
            counts = self.project.suggestion_counts()
            if not self.colours:
                self.colours = {code.id: code.colour for code in self.project.codes()}
            if ids is None:
                records = self.project.suggestions("pending", code=code_id, min_score=min_score, limit=LIMIT)
            else:  # keep the queue's own order; a suggestion deleted meanwhile (an undone promotion) drops out
                found = {r.id: r for r in self.project.suggestions(None, ids=ids)} if ids else {}
                records = [found[i] for i in ids if i in found]
            return records, counts.get(code_id, 0) if code_id is not None else sum(counts.values())

        self.deliver(read, lambda found: self._show(*found, keep))

    def _show(self, records: list[SuggestionRecord], total: int, keep: int | None) -> None:
        self.records, self.pending_total = records, total
        self.table.set_rows([self._row(r) for r in records])
        if keep is not None:
            row = next((i for i, r in enumerate(records) if r.id == keep), None)
            if row is not None:
                self.table.cursor_row = row
        self.query_one(LoadingIndicator).display = False
        self.loaded = True
        self._titles()
        self._highlighted()

    @staticmethod
    def _row(record: SuggestionRecord) -> tuple[str, ...]:
        return (f"{MARKS.get(record.status, '?')} {record.score:.2f}", record.code_name, record.document,
                " ".join(record.text.split()))

    def _titles(self) -> None:
        pending = sum(1 for r in self.records if r.status == "pending")
        accepted = sum(1 for r in self.records if r.status == "accepted")
        rejected = sum(1 for r in self.records if r.status == "rejected")
        where = []
        if self.code_id is not None:
            where.append(f"code {self.code_name}")
        if self.min_score is not None:
            where.append(f"score \u2265 {self.min_score:.2f}")
        title = f"Review queue: {pending} pending" + (" (" + " \u00b7 ".join(where) + ")" if where else "")
        self.query_one("#queue-title", Label).update(title)
        shown = f"{len(self.records)} in the queue"
        if len(self.records) >= LIMIT:
            shown += f" (the best of {self.pending_total} pending)"
        self.query_one("#queue-status", Label).update(
            f"{shown}, best first \u00b7 this session: {accepted} accepted, {rejected} rejected")

    def _current(self) -> SuggestionRecord | None:
        if not self.records:
            return None
        return self.records[min(self.table.cursor_row, len(self.records) - 1)]

    @on(LineTable.Highlighted)
    def _highlighted(self) -> None:
        record = self._current()
        preview = self.query_one("#queue-preview", Static)
        if record is None:
            preview.update(Text("nothing to review: no pending suggestions match (G suggests codes)", style="dim")
                           if self.loaded else "")
            return
        colour = self.colours.get(record.code_id) or FALLBACK_COLOUR
        text = Text()
        text.append(f"{record.code_name}", style="bold")
        text.append(f"  {record.code} \u00b7 {record.score:.2f} \u00b7 {record.status}", style="dim")
        text.append("\n")
        text.append_text(marked_sentence(record, colour))
        why = evidence_lines(record)
        if why.plain:
            text.append("\n")
            text.append_text(why)
        text.append(f"\n{record.document} \u00b7 characters {record.start}-{record.end}", style="dim")
        preview.update(text)

    def show_job(self, job: Any) -> None:
        self.query_one(JobLine).show(job)

    def suggestions_changed(self, _report: Any = None) -> None:
        """A suggestion run finished: fill the queue again from the filters."""
        if self.is_mounted:
            current = self._current()
            self.load(keep=current.id if current else None)

    # -- deciding ------------------------------------------------------------------------------

    def _set_status(self, index: int, status: str) -> None:
        self.records[index] = replace(self.records[index], status=status)
        self.table.rows[index] = self._row(self.records[index])
        self.table.refresh()
        self._titles()
        self._highlighted()
        mark_stale(self.app, except_=self)  # the workbench re-reads codings and suggestions on return

    def _pending_current(self) -> tuple[int, SuggestionRecord] | None:
        record = self._current()
        if record is None or not self.loaded:  # nothing here, or the list is being read or written
            return None
        if record.status != "pending":
            self.notify(f"Already {record.status}: ctrl+z undoes the decision.", severity="warning")
            return None
        return self.table.cursor_row, record

    def action_accept(self, then_next: bool = False) -> None:
        found = self._pending_current()
        if found is None:
            return
        index, record = found
        if guarded(self.app, lambda: self.project.accept_suggestion(record.id)) is None:
            return
        self._set_status(index, "accepted")
        if then_next:
            self._next_pending(index)

    def action_accept_next(self) -> None:
        self.action_accept(then_next=True)

    def action_reject(self) -> None:
        found = self._pending_current()
        if found is None:
            return
        index, record = found
        if attempt(self.app, lambda: self.project.reject_suggestion(record.id)):
            self._set_status(index, "rejected")

    def _next_pending(self, index: int) -> None:
        following = next((i for i in range(index + 1, len(self.records)) if self.records[i].status == "pending"), None)
        if following is None:
            self.notify("That was the last pending suggestion in the queue.")
            return
        self.table.cursor_row = following

    def action_bulk_accept(self) -> None:
        suggested = f"{self.min_score if self.min_score is not None else 0.7:.2f}"
        of_code = f" of \u201c{self.code_name}\u201d" if self.code_id is not None else ""

        def given(typed: str | None) -> None:
            if typed is None or not typed.strip():
                return
            score = parse_score(typed)
            if score is None:
                self.notify(f"A score is a number between 0 and 1, e.g. 0.7 (not {typed!r})", severity="error")
                return
            found = guarded(self.app, lambda: self.project.suggestions("pending", code=self.code_id, min_score=score))
            if found is None:
                return
            if not found:
                self.notify(f"No pending suggestion{of_code} scores {score:.2f} or more.", severity="warning")
                return
            self._confirm_bulk(score, len(found), of_code)

        self.app.push_screen(PromptScreen(f"Accept every pending suggestion{of_code} scoring at least\u2026",
                                          suggested, hint="a score between 0 and 1 \u00b7 the next step says how "
                                          "many and asks again"), given)

    def _confirm_bulk(self, score: float, count: int, of_code: str) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.loaded = False  # no single decisions while the bulk one is written
                self.query_one(LoadingIndicator).display = True
                self._accept_many(score, self.code_id)

        self.app.push_screen(ConfirmScreen(
            f"Accept {count} suggestion{'s' if count != 1 else ''}{of_code} scoring {score:.2f} or more? "
            "Each becomes a coding; one undo takes them all back."), answered)

    @work(thread=True, exclusive=True, group="queue-bulk")
    def _accept_many(self, score: float, code_id: int | None) -> None:
        """Thousands of suggestions take seconds to write: in a worker, so the screen keeps drawing."""
        self.deliver(lambda: self.project.accept_suggestions(min_score=score, code=code_id), self._accepted_many)

    def _accepted_many(self, created: list[int]) -> None:
        self.notify(f"Accepted {len(created)} suggestions (ctrl+z undoes them all).")
        mark_stale(self.app, except_=self)
        self.reload()

    # -- filters -------------------------------------------------------------------------------

    def action_choose_code(self) -> None:
        counts = guarded(self.app, self.project.suggestion_counts)
        if counts is None:
            return
        names = {code.id: code.name for code in self.project.codes()}
        options: list[tuple[str | Text, int | None]] = [(f"every code ({sum(counts.values())})", None)]
        options += [(f"{names.get(code_id, code_id)} ({n})", code_id)
                    for code_id, n in sorted(counts.items(), key=lambda item: (-item[1], str(names.get(item[0]))))]

        def chosen(code_id: Any) -> None:
            if code_id is CANCELLED:
                return
            self.code_id = code_id
            self.code_name = names.get(code_id, "") if code_id is not None else ""
            self.load()

        self.app.push_screen(Choice("Review the suggestions of\u2026", options), chosen)

    def action_min_score(self) -> None:
        def given(typed: str | None) -> None:
            if typed is None:
                return
            if not typed.strip():
                self.min_score = None
            else:
                score = parse_score(typed)
                if score is None:
                    self.notify(f"A score is a number between 0 and 1, e.g. 0.5 (not {typed!r})", severity="error")
                    return
                self.min_score = score
            self.load()

        current = f"{self.min_score:.2f}" if self.min_score is not None else ""
        self.app.push_screen(PromptScreen("Show suggestions scoring at least\u2026", current,
                                          placeholder="0.5", hint="empty shows every score \u00b7 esc cancels"), given)

    # -- leaving -------------------------------------------------------------------------------

    @on(LineTable.Selected)
    def _selected(self) -> None:
        self.action_jump()

    def action_jump(self) -> None:
        record = self._current()
        if record is not None:
            self.dismiss(record)
