"""``qual-si demo``: build the demo project from the fictional corpus and open it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from ..demo import DEMO_FILE
from . import app
from .common import console, err, options

if TYPE_CHECKING:
    from ..project import Project


@app.command()
def demo(
    path: Path = typer.Option(Path(DEMO_FILE), help="Where to build the demo project."),
    rebuild: bool = typer.Option(False, help="Delete and rebuild an existing demo project."),
    no_ui: bool = typer.Option(False, "--no-ui", help="Only build and print a summary; do not open the workbench."),
) -> None:
    """Build the demo project and open it in the workbench.

    The demo holds 14 fictional interviews with trust leaders, every framework codebook, 8 cases
    with attributes and ratings, and half of the interviews already coded.
    """
    from rich.progress import Progress

    from ..demo import build_demo
    from ..project import Project

    if rebuild:
        for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
    if path.exists():
        project = Project.open(path, coder=options.coder)
        console.print(f"Opened the existing demo project {escape(str(path))} (use --rebuild to start again)")
    else:
        with Progress(console=err, transient=True, disable=not err.is_terminal) as bar:
            task = bar.add_task("building the demo project", total=None)
            project = build_demo(path, progress=lambda s: bar.update(task, completed=s.done, total=s.total,
                                                                    description=escape(s.what)))
        project.close()
        project = Project.open(path, coder=options.coder)
        console.print(f"Built the demo project at {escape(str(path))}")
    with project:
        _summary(project)
        if not no_ui:
            _open_workbench(project)


def _summary(project: Project) -> None:
    facts = project.info()
    console.print(f"[bold]{escape(facts.name)}[/bold]: {facts.documents} documents, {facts.words:,} words, "
                  f"{facts.cases} cases, {facts.codes} codes, {facts.codings} codings")
    table = Table("case", "document", "format", "words", "utterances")
    for d in project.documents():
        table.add_row(escape(d.case_name or "-"), escape(d.name), d.source_format, f"{d.word_count:,}",
                      str(d.utterance_count))
    console.print(table)


def _open_workbench(project: Project) -> None:
    try:
        from ..tui import run
    except ImportError:
        console.print("The workbench is not available in this build; the summary above is the demo.")
        return
    run(project)
