"""Small pieces the Matrix screens share: the cell-summary editor and a chooser whose "none"
is a real choice."""

from __future__ import annotations

from typing import Any

from ...errors import QualSiError
from .dialogs import ChoiceScreen, MemoScreen
from .guard import attempt, guarded


def failure(exc: Exception) -> str:
    """What a worker tells the user when a computation fails: a library error as it is, anything
    else by its type (a bug; the session and everything already saved go on)."""
    return str(exc) if isinstance(exc, QualSiError) else f"Unexpected error: {type(exc).__name__}: {exc}"


def edit_summary(screen: Any, case: str, code_id: int, code: str, *, on_saved: Any) -> None:
    """Open the summary editor for one case x code cell; saving is one undoable action."""
    project = screen.app.project
    current = guarded(screen.app, project.cell_summaries)
    if current is None:
        return
    mine = current[(current["case"] == case) & (current["code_id"] == code_id)]
    text = str(mine["summary"].iloc[0]) if len(mine) else ""

    def save(new: str | None) -> None:
        if new is None or new == text:
            return
        if attempt(screen.app, lambda: project.set_cell_summary(case, code_id, new)):
            screen.notify(f"Summary of {case} \u00d7 {code} {'removed' if not new.strip() else 'saved'}")
            on_saved()

    screen.app.push_screen(MemoScreen(f"Summary: {case} \u00d7 {code}", text), save)


class _Cancelled:
    """A marker: the chooser was closed without a choice (None is a real choice there)."""


CANCELLED = _Cancelled()


class Choice(ChoiceScreen[Any]):
    """A ChoiceScreen that answers :data:`CANCELLED` on Escape."""

    def action_cancel(self) -> None:
        self.dismiss(CANCELLED)

