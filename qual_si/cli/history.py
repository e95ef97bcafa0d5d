"""``qual-si undo``, ``redo`` and ``history`` (the audit trail)."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.table import Table

from . import app
from .common import console, open_project


@app.command()
def undo() -> None:
    """Undo your last action (code edits, codings, attributes...)."""
    with open_project() as project:
        console.print(f"undone: {project.undo()}")


@app.command()
def redo() -> None:
    """Redo the action you undid most recently."""
    with open_project() as project:
        console.print(f"redone: {project.redo()}")


@app.command()
def history(
    limit: int = typer.Option(30, help="How many events."),
    coder: str = typer.Option(None, help="Only this coder's events."),
) -> None:
    """The audit trail: who did what, when (newest first)."""
    with open_project() as project:
        events = project.history(limit=limit, coder=coder)
    table = Table("id", "when (UTC)", "coder", "action", "details")
    for event in events:
        details = ", ".join(f"{k}={v}" for k, v in event.payload.items() if not isinstance(v, dict | list))
        action = event.action + (" [dim](undone)[/dim]" if event.undone else "")
        table.add_row(str(event.id), event.at.strftime("%Y-%m-%d %H:%M:%S"), escape(event.coder), action,
                      escape(details[:80]))
    console.print(table)
