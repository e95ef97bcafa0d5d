"""Small pieces the Matrix screens share: the cell-summary editor and a chooser whose "none"
is a real choice."""

from __future__ import annotations

from typing import Any

from .dialogs import ChoiceScreen, MemoScreen
from .guard import attempt, guarded


def edit_summary(screen: Any, case: str, code_id: int, code: str, *, text: str | None = None,
                 on_saved: Any) -> None:
    """Open the summary editor for one case x code cell; saving is one undoable action.

    ``text`` is the summary the caller already shows ("" for none); None reads it first.
    """
    project = screen.app.project
    if text is None:
        from .matrix_model import cell_summary  # the review queue imports this module too

        text = guarded(screen.app, lambda: cell_summary(project, case, code_id))
        if text is None:
            return
    current = text

    def save(new: str | None) -> None:
        if new is None or new == current:
            return
        if attempt(screen.app, lambda: project.set_cell_summary(case, code_id, new)):
            screen.notify(f"Summary of {case} \u00d7 {code} {'removed' if not new.strip() else 'saved'}")
            on_saved()

    screen.app.push_screen(MemoScreen(f"Summary: {case} \u00d7 {code}", current), save)


class _Cancelled:
    """A marker: the chooser was closed without a choice (None is a real choice there)."""


CANCELLED = _Cancelled()


class Choice(ChoiceScreen[Any]):
    """A ChoiceScreen that answers :data:`CANCELLED` on Escape."""

    def action_cancel(self) -> None:
        self.dismiss(CANCELLED)

