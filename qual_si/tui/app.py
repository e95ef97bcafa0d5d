"""The qual-si workbench application: takes its backend (a Project) in the constructor."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from textual.app import App, SystemCommand
from textual.screen import Screen

from ..project import Project
from .commands import CodesProvider, palette_actions
from .keys import APP, bindings
from .screens.guard import guarded, mark_stale
from .screens.help import HelpScreen
from .screens.workbench import Workbench


class QualSiApp(App[None]):
    """Keyboard-first coding of transcripts; every action is committed before the screen updates."""

    CSS_PATH = "app.tcss"
    TITLE = "qual-si"
    BINDINGS = bindings(APP)
    COMMANDS = App.COMMANDS | {CodesProvider}

    def __init__(self, project: Project, *, clock: Callable[[], datetime] | None = None) -> None:
        super().__init__()
        self.project = project
        self._clock = clock or (lambda: datetime.now(UTC))
        self.sub_title = project.info().name
        #: The suggestion or themes run in progress (see screens/suggest_run.py), if any.
        self.nlp_job: Any = None

    def now(self) -> datetime:
        """The app's clock (tests fix it so screens never show a real date)."""
        return self._clock()

    def on_mount(self) -> None:
        self.push_screen(Workbench())

    # -- actions everywhere --------------------------------------------------------------------

    def _after_history_change(self, what: str) -> None:
        self.notify(what)
        mark_stale(self, except_=self.screen)  # each reloads when it is back on top
        reload = getattr(self.screen, "reload", None)
        if callable(reload):
            reload()

    def action_undo(self) -> None:
        undone = guarded(self, self.project.undo)
        if undone is not None:
            self._after_history_change(f"Undone: {undone}")

    def action_redo(self) -> None:
        redone = guarded(self, self.project.redo)
        if redone is not None:
            self._after_history_change(f"Redone: {redone}")

    def action_matrix(self) -> None:
        """The Matrix screen (key M on the workbench); a passage chosen there opens in the transcript."""
        from .screens.matrix import MatrixScreen  # pandas loads when the table is first computed

        workbench = self.screen
        if isinstance(workbench, Workbench):
            self.push_screen(MatrixScreen(), workbench.jump_to)

    def action_suggest(self) -> None:
        """Suggest codes for every document in a worker (key G); progress shows on every screen."""
        from .screens.suggest_run import start  # spaCy and scikit-learn load in the worker

        start(self, "suggest")

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        for title, help_text, callback in palette_actions(screen):
            yield SystemCommand(title, help_text, callback)
        yield from super().get_system_commands(screen)
