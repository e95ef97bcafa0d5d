"""The coding workbench: code tree, transcript, detail panel, status bar.

Each action calls one facade method (so it is one committed, undoable transaction) and then
refreshes only what changed: the transcript's codings, one tree row, the detail panel, the status
bar. Library errors become notifications at this edge.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Container, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input

from ...errors import QualSiError
from ...facade.views import CodeRow, DocumentCoding
from ...quotes import shorten
from ..keys import SUGGEST_PANEL, WORKBENCH, bindings
from ..widgets.code_tree import CodeTree
from ..widgets.panels import DetailPanel, StatusBar, detail_text
from ..widgets.transcript import INTERVIEWER_MODES, Transcript
from ..widgets.transcript_model import TranscriptModel, build_blocks
from .dialogs import ChoiceScreen, CodePalette, PromptScreen
from .guard import attempt, guarded
from .suggest_workbench import WorkbenchSuggestions
from .workbench_nav import WorkbenchNavigation

T = TypeVar("T")


def in_vivo_name(text: str, limit: int = 60) -> str:
    """A code name from selected words: whitespace collapsed, outer quotes and punctuation dropped."""
    words = " ".join(text.split()).strip("\"'\u201c\u201d\u2018\u2019.,;:!?- ")
    if len(words) <= limit:
        return words
    return words[:limit].rsplit(" ", 1)[0] + "\u2026"


class Workbench(WorkbenchSuggestions, WorkbenchNavigation, Screen[None]):
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (140, "-wide")]
    BINDINGS = bindings(WORKBENCH) + bindings(SUGGEST_PANEL)

    def __init__(self) -> None:
        super().__init__()
        self.document_id: int | None = None
        self.document_name = ""
        self.case_name: str | None = None
        self.last_action = ""
        #: Set when another screen undid or redid something: reload on return.
        self.stale = False
        self._assigning_favourite = False
        self._position_timer: Timer | None = None
        self._code_memos: dict[int, list[Any]] = {}
        self._document_memos: list[Any] = []
        self._case_memos: list[Any] = []
        self._case_id: int | None = None
        self.code_filter = Input(placeholder="filter codes (ctrl+f)", id="code-filter", classes="slim")
        self.code_tree = CodeTree(id="codes")
        self.transcript = Transcript(id="transcript")
        self._init_suggestions()

    @property
    def project(self) -> Any:
        return self.app.project  # type: ignore[attr-defined]

    # -- building ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Container(id="main"):
            with Vertical(id="left"):
                yield self.code_filter
                yield self.code_tree
            yield self.transcript
            with Vertical(id="side"):
                yield self.suggestion_panel
                yield DetailPanel(id="detail")
        yield StatusBar(id="status")
        yield Footer()

    def on_mount(self) -> None:
        project = self.project
        mode = project.view_state("interviewer_mode", "shown")
        self.transcript.interviewer_mode = mode if mode in INTERVIEWER_MODES else "shown"
        self.code_tree.set_favourites(project.favourites())
        self.code_tree.set_rows(project.code_rows(), expanded={int(i) for i in project.view_state("tree.expanded", [])})
        first = project.last_document()
        if first is None:
            documents = project.documents()
            first = documents[0].id if documents else None
        if first is not None:
            self.open_document(first)
        else:
            self._status()
        self.transcript.focus()

    def on_screen_resume(self) -> None:
        # back from a dialog: nothing changed behind our back, unless an undo/redo happened elsewhere
        if self.stale:
            self.reload()

    def on_unmount(self) -> None:
        self.save_position()

    # -- documents -----------------------------------------------------------------------------

    def open_document(self, document_id: int, *, cursor: int | None = None, select: tuple[int, int] | None = None) -> None:
        """Show a document, at the given offset, else where this coder left it."""
        self.save_position()
        project = self.project
        view = project.document_view(document_id)
        model = TranscriptModel(view.text, build_blocks(view.text, view.utterances), view.codings)
        self.document_id = view.document.id
        self.document_name, self.case_name = view.document.name, view.document.case_name
        start = cursor if cursor is not None else project.position(view.document.id)
        self.transcript.load(view.document.id, model, start)
        if select is not None:
            self.transcript.goto(select[0], select)
        project.mark_opened(view.document.id, at=self.app.now())  # type: ignore[attr-defined]
        self._case_id = view.document.case_id
        self._load_memos()
        self._load_suggestions()
        self._status()

    def _load_memos(self) -> None:
        """The open document's memos and its case's, shown under the codings in the detail panel."""
        assert self.document_id is not None
        self._document_memos = self.project.memos("document", self.document_id)
        self._case_memos = self.project.memos("case", self._case_id) if self._case_id is not None else []

    def save_position(self) -> None:
        if self._position_timer is not None:
            self._position_timer.stop()
            self._position_timer = None
        if self.document_id is not None and self.transcript.model is not None:
            self.project.remember_position(self.document_id, self.transcript.cursor)

    def reload(self) -> None:
        """Re-read what another screen, an undo or a redo may have changed."""
        if not self.is_mounted:
            return
        self.stale = False
        project = self.project
        self._code_memos.clear()
        self.code_tree.set_favourites(project.favourites())
        self.code_tree.set_rows(project.code_rows())
        if self.document_id is not None:
            try:
                self.transcript.set_codings(project.document_codings(self.document_id))
                self._case_id = project.document(self.document_id).case_id
                self._load_memos()
            except QualSiError:  # the document was removed meanwhile
                self.document_id = None
        self._load_suggestions()
        self._refresh_detail()
        self._status()

    # -- panels --------------------------------------------------------------------------------

    def _status(self) -> None:
        model = self.transcript.model
        self.query_one(StatusBar).show(
            document=self.document_name or "no document", case=self.case_name, coder=self.project.coder,
            codings=len(model.codings) if model else 0, last=self.last_action,
        )

    def _selected_row(self) -> CodeRow | None:
        code_id = self.code_tree.selected_code_id
        return self.code_tree.rows.get(code_id) if code_id is not None else None

    def _refresh_detail(self) -> None:
        row = self._selected_row()
        memos: list[Any] = []
        if row is not None:
            if row.code.id not in self._code_memos:
                self._code_memos[row.code.id] = self.project.memos("code", row.code.id)
            memos = self._code_memos[row.code.id]
        self.query_one(DetailPanel).show(detail_text(self.transcript.codings_here(), row, memos,
                                                     self._document_memos, self._case_memos))

    @on(Transcript.Moved)
    def _transcript_moved(self) -> None:
        self._refresh_detail()
        self._refresh_suggestions()
        if self._position_timer is not None:
            self._position_timer.stop()
        self._position_timer = self.set_timer(1.5, self.save_position)

    @on(CodeTree.NodeHighlighted)
    def _tree_moved(self) -> None:
        self._refresh_detail()

    @on(CodeTree.ApplyCode)
    def _tree_apply(self, event: CodeTree.ApplyCode) -> None:
        self.apply_code(event.code_id)

    @on(CodeTree.ExpandedChanged)
    def _tree_expanded(self, event: CodeTree.ExpandedChanged) -> None:
        self.project.set_view_state("tree.expanded", sorted(event.expanded))

    @on(Input.Changed, "#code-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.code_tree.set_filter(event.value)

    @on(Input.Submitted, "#code-filter")
    def _filter_submitted(self) -> None:
        self.code_tree.focus()

    def _done(self, what: str) -> None:
        self.last_action = what
        self._refresh_detail()
        self._status()

    def _run(self, action: Callable[[], T]) -> T | None:
        return guarded(self.app, action)

    # -- coding --------------------------------------------------------------------------------

    def _target(self) -> tuple[int, int] | None:
        span = self.transcript.target_span()
        if span is None or self.document_id is None:
            self.notify("Nothing to code here: move to a turn or select some words.", severity="warning")
            return None
        return span

    def apply_code(self, code_id: int) -> None:
        span = self._target()
        if span is None:
            return
        coding = self._run(lambda: self.project.add_coding(self.document_id, span[0], span[1], code_id))
        if coding is None:
            return
        row = self.code_tree.rows.get(code_id)
        model = self.transcript.model
        assert model is not None
        shown = DocumentCoding(id=coding.id, start=coding.start, end=coding.end, code_id=code_id,
                               code=row.code.name if row else str(code_id), colour=row.code.colour if row else None,
                               coder=coding.coder, origin=coding.origin, score=coding.score)
        self.transcript.set_codings([*model.codings, shown], changed=[(shown.start, shown.end)])
        self.code_tree.update_counts(code_id, *self.project.code_usage(code_id))
        self._done(f"coded \u201c{shown.code}\u201d")

    def action_apply_tree_code(self) -> None:
        code_id = self.code_tree.selected_code_id
        if code_id is None:
            self.notify("Choose a code in the tree first (t, then arrows).", severity="warning")
            return
        self.apply_code(code_id)

    def action_favourite(self, slot: int) -> None:
        if self._assigning_favourite:
            self._assigning_favourite = False
            code_id = self.code_tree.selected_code_id
            if code_id is None:
                return
            favourites = self._run(lambda: self.project.set_favourite(slot, code_id))
            if favourites is not None:
                self.code_tree.set_favourites(favourites)
                self.notify(f"Favourite {slot}: {self.code_tree.rows[code_id].code.name}")
            return
        code_id = self.code_tree.favourites.get(slot)
        if code_id is None:
            self.notify(f"Favourite {slot} is empty: choose a code in the tree, press f, then {slot}.",
                        severity="warning")
            return
        self.apply_code(code_id)

    def action_assign_favourite(self) -> None:
        row = self._selected_row()
        if row is None:
            self.notify("Choose a code in the tree first.", severity="warning")
            return
        self._assigning_favourite = True
        self.notify(f"Press 1-9 to put \u201c{row.code.name}\u201d in a favourite slot.")

    def action_code_palette(self) -> None:
        def chosen(code_id: int | None) -> None:
            if code_id is not None:
                self.code_tree.select_code(code_id)
                self.apply_code(code_id)

        self.app.push_screen(CodePalette(list(self.code_tree.rows.values())), chosen)

    def action_new_code(self, suggested: str = "") -> None:
        span = self._target()
        if span is None:
            return

        def named(name: str | None) -> None:
            if not name or not name.strip():
                return
            made = self._run(lambda: self.project.add_code_and_coding(name, self.document_id, span[0], span[1]))
            if made is None:
                return
            code, _coding = made
            self.reload()
            self.code_tree.select_code(code.id)
            self._done(f"new code \u201c{code.name}\u201d applied")

        title = "In-vivo code (named with the selected words)" if suggested else "New code for the selection"
        self.app.push_screen(PromptScreen(title, suggested, placeholder="code name"), named)

    def action_in_vivo_code(self) -> None:
        span = self._target()
        if span is None or self.transcript.model is None:
            return
        self.action_new_code(in_vivo_name(self.transcript.model.text[span[0]:span[1]]))

    def action_remove_coding(self) -> None:
        here = self.transcript.codings_here()
        if not here:
            self.notify("No coding under the cursor.", severity="warning")
            return

        def remove(coding: DocumentCoding | None) -> None:
            if coding is None or not attempt(self.app, lambda: self.project.remove_coding(coding.id)):
                return
            model = self.transcript.model
            assert model is not None
            self.transcript.set_codings([c for c in model.codings if c.id != coding.id],
                                        changed=[(coding.start, coding.end)])
            self.code_tree.update_counts(coding.code_id, *self.project.code_usage(coding.code_id))
            self._done(f"removed \u201c{coding.code}\u201d")

        preferred = [c for c in here if c.code_id == self.code_tree.selected_code_id]
        if len(here) == 1 or len(preferred) == 1:
            remove((preferred or here)[0])
            return
        text = self.transcript.model.text if self.transcript.model else ""
        self.app.push_screen(ChoiceScreen("Remove which coding?", [
            (f"{c.code} \u00b7 {c.coder} \u00b7 {shorten(text[c.start:c.end], 50)}", c) for c in here
        ]), remove)
