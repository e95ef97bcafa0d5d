"""Command palette entries: every action in the key table, and one 'Apply code' entry per code."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from textual.command import Hit, Hits, Provider

from .keys import APP, CELL, MATRIX, QUEUE, RATINGS, SUGGEST_PANEL, THEMES, TRANSCRIPT, WORKBENCH


def palette_actions(screen: Any) -> Iterable[tuple[str, str, Any]]:
    """(title, help, callback) for each action that makes sense on ``screen``."""
    from .screens.workbench import Workbench

    app = screen.app
    for key in APP:
        if key.palette:
            yield key.description, f"key {key.shown}", partial(app.run_action, key.action)
    screen_keys = {"MatrixScreen": MATRIX, "CellQuotesScreen": CELL, "RatingsScreen": RATINGS,
                   "SuggestionQueueScreen": QUEUE, "ThemesScreen": THEMES}
    for key in screen_keys.get(type(screen).__name__, []):  # by name: those screens load lazily
        if key.palette:
            yield key.description, f"key {key.shown}", partial(screen.run_action, key.action)
    if isinstance(screen, Workbench):
        transcript = screen.transcript
        for group, target in ((WORKBENCH, screen), (SUGGEST_PANEL, screen), (TRANSCRIPT, transcript)):
            for key in group:
                if key.palette:
                    yield key.description, f"key {key.shown}", partial(target.run_action, key.action)


class CodesProvider(Provider):
    """'Apply code: <name>' for every code in the workbench's tree."""

    def _workbench(self) -> Any:
        from .screens.workbench import Workbench

        screen = self.screen
        return screen if isinstance(screen, Workbench) else None

    async def search(self, query: str) -> Hits:
        workbench = self._workbench()
        if workbench is None:
            return
        matcher = self.matcher(query)
        for row in list(workbench.code_tree.rows.values()):
            title = f"Apply code: {row.code.name}"
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(workbench.apply_code, row.code.id),
                          help=row.code.definition[:80] or None)
