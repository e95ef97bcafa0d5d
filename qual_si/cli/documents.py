"""Project and document commands: init, info, import, documents, show, speakers."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table

from ..quotes import clock
from . import app
from .common import console, err, fail, open_project, options, parse_pairs, project_location


@app.command()
def init(
    path: str = typer.Argument(None, help="Project file to create (default: --project or study.qsi)."),
    name: str = typer.Option(None, help="Project name (default: the file name)."),
) -> None:
    """Create a new, empty project file (or initialise a PostgreSQL database from a URL)."""
    from ..project import Project

    location = project_location(path)
    with Project.create(location, name=name, coder=options.coder) as project:
        console.print(f"Created project [bold]{escape(project.info().name)}[/bold] at {escape(project.location)}")


@app.command()
def info() -> None:
    """Summarise the project: documents, cases, codes, codings, coders."""
    with open_project() as project:
        facts = project.info()
    table = Table.grid(padding=(0, 2))
    for label, value in [
        ("project", facts.name), ("location", facts.location), ("backend", facts.backend),
        ("schema", str(facts.schema_version)), ("you are", facts.coder), ("documents", f"{facts.documents:,}"),
        ("words", f"{facts.words:,}"), ("utterances", f"{facts.utterances:,}"), ("cases", f"{facts.cases:,}"),
        ("codes", f"{facts.codes:,}"), ("codings", f"{facts.codings:,}"), ("memos", f"{facts.memos:,}"),
        ("coders", f"{facts.coders:,}"), ("events", f"{facts.events:,}"),
    ]:
        table.add_row(f"[dim]{label}[/dim]", escape(value))
    console.print(table)


@app.command("import")
def import_(
    paths: list[Path] = typer.Argument(..., help="Files or folders (searched recursively)."),
    case: str = typer.Option(None, help="Put the documents in this case (created if new)."),
    kind: str = typer.Option("interview", help="interview, focus_group, field_notes or document."),
    speaker_map: list[str] = typer.Option(
        None, "--speaker-map", "-s", help="Speaker roles, e.g. 'Q=interviewer,A=participant' (repeatable)."
    ),
    speaker_column: str = typer.Option(None, help="CSV/XLSX: column with the speaker."),
    text_column: str = typer.Option(None, help="CSV/XLSX: column with what was said."),
    time_column: str = typer.Option(None, help="CSV/XLSX: column with the start time."),
    encoding: str = typer.Option(None, help="Force a text encoding instead of detecting it."),
) -> None:
    """Import transcripts: .txt .md .docx .vtt .srt .csv .xlsx (.odt).

    Prints per file the utterances, speakers and timestamps found, with warnings. A file that
    fails leaves the project unchanged and the batch goes on; the exit status is 1 if any failed.
    """
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    from ..facade.importing import ImportProgress
    from ..ingest import ReadOptions

    roles = parse_pairs(speaker_map, "speaker map entry")
    read_options = ReadOptions(speaker_column=speaker_column, text_column=text_column, time_column=time_column,
                               encoding=encoding)
    with open_project() as project, Progress(
        TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeRemainingColumn(), console=err, transient=True, disable=not err.is_terminal,
    ) as bar:
        task = bar.add_task("importing", total=None)

        def progress(step: ImportProgress) -> None:
            bar.update(task, completed=step.done, total=step.total, description=escape(Path(step.path).name or "done"))

        report = project.import_documents(paths, case=case, kind=kind, options=read_options,
                                          speaker_map=roles, progress=progress)
    for result in report.files:
        if result.status == "imported":
            speakers = ", ".join(f"{escape(n)} ({result.roles.get(n, '?')})" for n in result.speakers) or "none"
            console.print(
                f"[green]imported[/green] {escape(result.path)} -> [bold]{escape(result.document or '')}[/bold]: "
                f"{result.utterances} utterances, {result.words:,} words, speakers: {speakers}, "
                f"timestamps: {result.timestamps}"
            )
            for warning in result.warnings:
                console.print(f"  [yellow]warning:[/yellow] {escape(warning)}")
        elif result.status == "duplicate":
            console.print(f"[yellow]skipped[/yellow] {escape(result.path)}: {escape(result.error or '')}")
        else:
            err.print(f"[red]failed[/red] {escape(result.error or result.path)}", soft_wrap=True)
    console.print(
        f"{len(report.imported)} imported, {len(report.duplicates)} duplicate(s) skipped, {len(report.failed)} failed"
    )
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def documents(case: str = typer.Option(None, help="Only documents of this case.")) -> None:
    """List documents with case, kind, format, words and utterances."""
    with open_project() as project:
        items = project.documents()
    table = Table("id", "document", "case", "kind", "format", "words", "utterances")
    for d in items:
        if case and (d.case_name or "") != case:
            continue
        table.add_row(str(d.id), escape(d.name), escape(d.case_name or "-"), d.kind, d.source_format,
                      f"{d.word_count:,}", str(d.utterance_count))
    console.print(table)


@app.command()
def show(
    document: str = typer.Argument(..., help="Document name (or id, or the start of its name)."),
    limit: int = typer.Option(0, help="Show only the first N utterances."),
    offsets: bool = typer.Option(False, help="Show each utterance's [start, end) offsets."),
) -> None:
    """Print a document's utterances with speaker, role and timestamp."""
    with open_project() as project:
        doc = project.document(document)
        text = project.text(doc.id)
        items = project.utterances(doc.id)
    assert isinstance(items, list)
    console.print(f"[bold]{escape(doc.name)}[/bold]  case: {escape(doc.case_name or '-')}  "
                  f"{doc.word_count:,} words, {len(items)} utterances")
    for u in items[: limit or None]:
        stamp = clock(u.start_s)
        where = f" [dim][{u.start}:{u.end}][/dim]" if offsets else ""
        style = "dim" if u.role == "interviewer" else "bold"
        speaker = escape(u.speaker or "-")
        console.print(f"[cyan]{stamp:>8}[/cyan] [{style}]{speaker}[/{style}]{where}: {escape(text[u.start:u.end])}")


@app.command()
def speakers(
    document: str = typer.Argument(None, help="Document (omit with --all)."),
    role: list[str] = typer.Option(None, "--role", "-r", help="Set roles, e.g. 'Sam Whitley=interviewer'."),
    all_documents: bool = typer.Option(False, "--all", help="Apply --role to every document and future imports."),
    participant: list[str] = typer.Option(
        None, "--participant", "-p",
        help="Say who a speaker is, e.g. 'Participant 1=Head of Oak School' (the same name in several documents "
             "makes one participant; an empty name unlinks)."),
) -> None:
    """Show or set speaker roles (interviewer / participant / other) and who each speaker is."""
    roles = parse_pairs(role, "role")
    people = parse_pairs(participant, "participant")
    with open_project() as project:
        if roles:
            if not document and not all_documents:
                raise fail("name a document, or use --all for the whole project", 2)
            changed = project.set_speaker_roles(None if all_documents else document, roles)
            console.print(f"{changed} speaker role(s) changed")
        if people:
            if not document:
                raise fail("--participant needs a document: speaker labels are per document", 2)
            for speaker, person in people.items():
                project.link_speaker(document, speaker, person or None)
            console.print(f"{len(people)} speaker(s) linked")
        if document:
            linked = project.speaker_participants(document)
            for name, current in project.speakers(document).items():
                linked_to = linked.get(name)
                who = f" = {escape(linked_to)}" if linked_to else ""
                console.print(f"{escape(name)}: {current}{who}")
