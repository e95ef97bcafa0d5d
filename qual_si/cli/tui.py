"""``qual-si open``: open a project in the coding workbench."""

from __future__ import annotations

import typer

from . import app
from .common import open_project


@app.command("open")
def open_workbench(
    path: str = typer.Argument(None, help="Project file (.qsi) or database URL (default: --project or study.qsi)."),
) -> None:
    """Open a project in the coding workbench (a full-screen terminal UI)."""
    from ..tui import run

    with open_project(path) as project:
        run(project)
