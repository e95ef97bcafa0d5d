"""Workbench actions that move around rather than code: memos, the next uncoded turn, interviewer
turns, focus, the other screens (documents, retrieval, codebook) and copying a quote."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text

from ...quotes import quote_with_attribution, shorten
from ..widgets.transcript import INTERVIEWER_MODES
from .dialogs import ChoiceScreen, MemoScreen, PromptScreen
from .guard import attempt, report

if TYPE_CHECKING:
    from textual.widgets import Input

    from ..widgets.code_tree import CodeTree
    from ..widgets.transcript import Transcript


class WorkbenchNavigation:
    """Mixed into :class:`~qual_si.tui.screens.workbench.Workbench` (a Textual Screen)."""

    transcript: Transcript
    code_tree: CodeTree
    code_filter: Input
    document_id: int | None
    document_name: str
    case_name: str | None
    app: Any
    project: Any

    if TYPE_CHECKING:
        def _run(self, action: Any) -> Any: ...
        def _selected_row(self) -> Any: ...
        def _done(self, what: str) -> None: ...
        def reload(self) -> None: ...
        def jump_to(self, passage: Any) -> None: ...
        def open_document(self, document_id: int, *, cursor: int | None = None,
                          select: tuple[int, int] | None = None) -> None: ...
        def notify(self, message: str, **kwargs: Any) -> None: ...

    # -- memos ---------------------------------------------------------------------------------

    def action_memo(self) -> None:
        if self.document_id is None:
            return
        choices: list[tuple[str | Text, tuple[str, int]]] = []
        text = self.transcript.model.text if self.transcript.model else ""
        for coding in self.transcript.codings_here():
            choices.append((f"coding: {coding.code} \u00b7 {shorten(text[coding.start:coding.end], 40)}",
                            ("coding", coding.id)))
        choices.append((f"document: {self.document_name}", ("document", self.document_id)))
        row = self._selected_row()
        if row is not None:
            choices.append((f"code: {row.code.name}", ("code", row.code.id)))
        if self.case_name:
            choices.append((f"case: {self.case_name}", ("case", self.project.document(self.document_id).case_id)))

        def picked(target: tuple[str, int] | None) -> None:
            if target is not None:
                self._edit_memo(*target)

        self.app.push_screen(ChoiceScreen("Memo on\u2026", choices), picked)

    def _edit_memo(self, target_type: str, target_id: int) -> None:
        mine = [m for m in self.project.memos(target_type, target_id) if m.author == self.project.coder]

        def save(text: str | None) -> None:
            if text is None:
                return
            if not attempt(self.app, lambda: self.project.set_memo(target_type, target_id, text)):
                return
            self.reload()
            self._done(f"memo on {target_type} {'deleted' if not text.strip() else 'saved'}")

        self.app.push_screen(MemoScreen(f"Memo on {target_type}", mine[0].text if mine else ""), save)

    # -- who speaks ----------------------------------------------------------------------------

    def action_who_speaks(self) -> None:
        """Link the speaker of the turn under the cursor to a participant, so the same person in
        several documents is one participant in matrices and ratings."""
        block = self.transcript.current_block
        if self.document_id is None or block is None or not block.speaker:
            self.notify("Move to a turn with a speaker label first.", severity="warning")
            return
        document_id, speaker = self.document_id, block.speaker
        linked = self._run(lambda: self.project.speaker_participants(document_id))
        if linked is None:
            return

        def save(name: str | None) -> None:
            if name is None:
                return
            person = name.strip() or None
            if attempt(self.app, lambda: self.project.link_speaker(document_id, speaker, person)):
                self._done(f"{speaker} is {person}" if person else f"{speaker} unlinked")

        self.app.push_screen(PromptScreen(
            f"Who is \u201c{speaker}\u201d in {self.document_name}?", linked.get(speaker) or "",
            placeholder="participant name (the same name in another document is the same person)",
            hint="\u23ce link \u00b7 empty \u23ce unlinks \u00b7 esc cancel"), save)

    # -- moving around -------------------------------------------------------------------------

    def action_next_uncoded(self) -> None:
        if self.document_id is None:
            return
        block = self.transcript.current_block
        after = block.start if block is not None else -1
        try:  # not through _run: its None would read as "nothing left" after an error
            turn = self.project.next_uncoded_in_project(self.document_id, after)
        except Exception as exc:  # noqa: BLE001 - the action edge: shown, never a crash
            report(self.app, exc)
            return
        if turn is None:
            self.notify("Every participant turn in the project has a coding.")
            return
        if turn.document_id != self.document_id:
            if attempt(self.app, lambda: self.open_document(turn.document_id, cursor=turn.start)):
                self.notify(f"Next uncoded turn is in {self.document_name}")
            return
        self.transcript.goto(turn.start)

    def action_cycle_interviewer(self) -> None:
        mode = INTERVIEWER_MODES[(INTERVIEWER_MODES.index(self.transcript.interviewer_mode) + 1) % 3]
        self.transcript.set_interviewer_mode(mode)
        self.project.set_view_state("interviewer_mode", mode)
        self.notify(f"Interviewer turns {mode}")

    def action_focus_tree(self) -> None:
        self.code_tree.focus()

    def action_focus_filter(self) -> None:
        self.code_filter.focus()

    def action_focus_transcript(self) -> None:
        self.transcript.focus()

    # -- other screens -------------------------------------------------------------------------

    def action_documents(self) -> None:
        from .documents import DocumentsScreen

        def chosen(document_id: int | None) -> None:
            if document_id is not None:
                attempt(self.app, lambda: self.open_document(document_id))

        self.app.push_screen(DocumentsScreen(), chosen)

    def action_retrieve(self) -> None:
        from .retrieval import RetrievalScreen

        code_id = self.code_tree.selected_code_id
        if code_id is None:
            self.notify("Choose a code in the tree first.", severity="warning")
            return
        self.app.push_screen(RetrievalScreen(code_id), self.jump_to)

    def action_codebook(self) -> None:
        from .codebook import CodebookScreen

        self.app.push_screen(CodebookScreen(self.code_tree.selected_code_id), lambda _: self.reload())

    def action_copy_quote(self) -> None:
        model = self.transcript.model
        if model is None:
            return
        span = self.transcript.selection
        if span is None:
            here = self.transcript.codings_here()
            span = (here[0].start, here[0].end) if here else self.transcript.target_span()
        if span is None:
            return
        index = model.block_of(span[0])
        block = model.blocks[index] if index is not None else None
        quote = quote_with_attribution(model.text[span[0]:span[1]], block.speaker if block else None,
                                       block.seconds if block else None)
        self.app.copy_to_clipboard(quote)
        self.notify(quote, title="Copied")
