"""One line that shows a background NLP run (suggestions, themes): its stage, a bar, what it does.

Hidden while nothing runs. Drawn as text (no animation), so a screen looks the same in every
snapshot and the line costs one row.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Static

BAR_WIDTH = 12


def bar(fraction: float | None, width: int = BAR_WIDTH) -> str:
    """``[#####.......]`` for a known share; an empty frame while the share is unknown."""
    if fraction is None:
        return "[" + "\u00b7" * width + "]"
    filled = round(fraction * width)
    return "[" + "\u2588" * filled + "\u00b7" * (width - filled) + "]"


class JobLine(Static):
    DEFAULT_CSS = """
    JobLine { height: 1; padding: 0 1; color: $warning; display: none; }
    """

    def show(self, job: Any) -> None:
        """``job`` is a :class:`~qual_si.tui.screens.suggest_run.Job`, or None when nothing runs."""
        if job is None:
            self.display = False
            return
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(bar(job.fraction) + " ")
        text.append(job.text)
        self.update(text)
        self.display = True
