"""The coding workbench: a Textual terminal UI over :class:`qual_si.Project`.

Importing this package is cheap; Textual loads when :func:`run` (or ``qual_si.tui.app``) is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..project import Project


def run(project: Project) -> None:
    """Open the workbench on ``project`` and return when the user quits."""
    from .app import QualSiApp

    QualSiApp(project).run()
