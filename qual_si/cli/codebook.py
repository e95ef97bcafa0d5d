"""``qual-si codebook`` (framework codebooks) and ``qual-si code`` (reshaping codes in a project)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree

from . import app
from .common import console, err, fail, open_project, options, project_location

codebook_app = typer.Typer(help="Framework codebooks: list, show, validate, load, export, crosswalk.",
                           no_args_is_help=True)
code_app = typer.Typer(help="Codes in a project: add, rename, move, recolour, edit, merge, split, retire.",
                       no_args_is_help=True)
app.add_typer(codebook_app, name="codebook")
app.add_typer(code_app, name="code")


def _project_exists() -> bool:
    location = project_location()
    return "://" in location or Path(location).exists()


@codebook_app.command("list")
def list_codebooks() -> None:
    """Codebooks shipped with qual-si (and which are loaded in the project)."""
    from ..codebook.registry import list_shipped

    loaded: set[str] = set()
    if _project_exists():
        with open_project() as project:
            loaded = {b.key for b in project.codebooks()}
    table = Table("id", "alias", "title", "codes", "loaded")
    for spec in list_shipped():
        table.add_row(spec.id, spec.alias or "", escape(spec.title), str(spec.code_count()),
                      "yes" if spec.id in loaded else "")
    console.print(table)


@codebook_app.command("show")
def show(
    codebook: str = typer.Argument(..., help="Codebook id (shipped or loaded) or a file."),
    full: bool = typer.Option(False, help="Also print definitions and keywords."),
) -> None:
    """Print a codebook as a tree of codes."""
    from ..codebook.project_load import read_spec

    spec = read_spec(codebook)
    tree = Tree(f"[bold]{escape(spec.title)}[/bold] ({spec.id})  [dim]{escape(spec.source[:100])}[/dim]")
    nodes: dict[str | None, Tree] = {None: tree}
    colours = spec.effective_colours()
    for code, parent, _depth in spec.walk():
        marks = (" [dim](exclusive)[/dim]" if code.exclusive else "") + (
            f" [dim](scale {code.scale.minimum}-{code.scale.maximum})[/dim]" if code.scale else "")
        colour = colours.get(code.id) or "white"
        label = f"[{colour}]\u25a0[/] {escape(code.name)} [dim]{spec.id}.{code.id}[/dim]{marks}"
        if full and code.definition:
            label += f"\n[italic]{escape(code.definition)}[/italic]"
            if code.keywords:
                label += f"\n[dim]keywords: {escape(', '.join(code.keywords))}[/dim]"
        nodes[code.id] = nodes[parent].add(label)
    console.print(tree)


@codebook_app.command("validate")
def validate(files: list[Path] = typer.Argument(..., help="Codebook .yaml files.")) -> None:
    """Check codebooks: each problem is printed as file:line: reason; exit status 2 on errors."""
    from ..codebook import inspect_codebook

    failed = False
    for path in files:
        report = inspect_codebook(path)
        failed = failed or not report.ok
        if report.ok:
            console.print(f"[green]ok[/green] {escape(str(path))}")
        for line in report.lines():
            err.print(escape(line), soft_wrap=True)
    if failed:
        raise typer.Exit(2)


@codebook_app.command("load")
def load(
    sources: list[str] = typer.Argument(..., help="Shipped codebook ids or .yaml/.qdc/.csv/.txt files; 'all' for every shipped one."),
    into: str = typer.Option(None, "--into", help="Project to load into (default: --project or study.qsi)."),
    on_conflict: str = typer.Option(None, help="If ids clash with the project's codes: skip, rename or fail."),
) -> None:
    """Load codebooks into a project, each as its own top-level group."""
    from ..codebook.project_load import read_spec
    from ..codebook.registry import list_shipped

    if into:
        options.project = into
    # Each codebook is parsed once and the spec handed on: clashes and loading would each
    # re-read it by name. Files are read one at a time, so the ones before a bad file still load.
    shipped = {spec.id: spec for spec in list_shipped()} if sources == ["all"] else {}
    with open_project() as project:
        for source in shipped or sources:
            spec = shipped.get(source) or read_spec(source)
            strategy = on_conflict
            if strategy is None and sys.stdin.isatty():  # only a terminal can be asked
                clashing = project.codebook_clashes(spec)
                if clashing:
                    console.print(f"{len(clashing)} code id(s) of {escape(source)} already exist, e.g. {escape(clashing[0])}")
                    strategy = typer.prompt("skip, rename or fail?", default="skip")
            report = project.load_codebook(spec, on_conflict=strategy or "fail")
            line = f"loaded [bold]{escape(report.codebook)}[/bold]: {len(report.added)} code(s) added"
            if report.skipped:
                line += f", {len(report.skipped)} skipped"
            if report.renamed:
                line += f", {len(report.renamed)} renamed"
            console.print(line)


@codebook_app.command("export")
def export(
    codebook: str = typer.Argument(..., help="Codebook id."),
    output: Path = typer.Option(..., "--output", "-o", help="File to write."),
    fmt: str = typer.Option(None, "--format", "-f", help="yaml, qdc, csv or docx (default: from the file name)."),
    force: bool = typer.Option(False, help="Overwrite an existing file."),
    shipped: bool = typer.Option(False, help="Export the shipped codebook, not the project's version."),
) -> None:
    """Export a codebook; from a project it reflects your edits, and Word adds coding counts."""
    if not shipped and _project_exists():
        with open_project() as project:
            if codebook in {b.key for b in project.codebooks()}:
                written = project.export_codebook(codebook, output, fmt=fmt, force=force)
                console.print(f"wrote {escape(str(written))}")
                return
    from ..codebook.export import write_codebook
    from ..codebook.project_load import read_spec

    written = write_codebook(read_spec(codebook), output, fmt=fmt, force=force)
    console.print(f"wrote {escape(str(written))}")


@codebook_app.command("crosswalk")
def crosswalk(code: str = typer.Argument(None, help="A qualified code id to find equivalents for.")) -> None:
    """Show which codes in different frameworks mean the same thing."""
    from ..codebook.crosswalk import equivalents, load_crosswalk

    walk = load_crosswalk()
    if code:
        found = equivalents(code, walk)
        if not found:
            raise fail(f"{code} is not in the crosswalk")
        for other in found:
            console.print(other)
        return
    table = Table("concept", "codes", title=escape(walk.title))
    for concept in walk.concepts:
        table.add_row(escape(concept.concept), escape("\n".join(concept.codes)))
    console.print(table)


# --- qual-si code ... ---------------------------------------------------------------------------


@code_app.command("list")
def list_codes(codebook: str = typer.Option(None, help="Only this codebook."),
               all_codes: bool = typer.Option(False, "--all", help="Include merged and retired codes.")) -> None:
    """Codes in the project with their coding counts."""
    with open_project() as project:
        codes = project.codes(codebook=codebook, include_inactive=all_codes)
        counts = project.code_counts()
        depth: dict[int, int] = {}
    table = Table("id", "code", "codings", "documents", "status")
    for code in codes:
        depth[code.id] = depth.get(code.parent_id, -1) + 1 if code.parent_id else 0
        n, docs = counts.get(code.id, (0, 0))
        table.add_row(code.qualified_id, "  " * depth[code.id] + escape(code.name), str(n), str(docs), code.status)
    console.print(table)


@code_app.command("add")
def add(name: str, parent: str = typer.Option(None), definition: str = typer.Option(""),
        colour: str = typer.Option(None)) -> None:
    """Create a new (inductive) code."""
    with open_project() as project:
        code = project.add_code(name, parent=parent, definition=definition, colour=colour)
    console.print(f"added {code.qualified_id}")


@code_app.command("rename")
def rename(code: str, name: str) -> None:
    """Rename a code (its id stays, so exports still resolve)."""
    with open_project() as project:
        console.print(f"renamed {project.rename_code(code, name).qualified_id}")


@code_app.command("move")
def move(code: str, parent: str = typer.Argument(None, help="New parent (omit for top level).")) -> None:
    """Move a code under another parent."""
    with open_project() as project:
        console.print(f"moved {project.move_code(code, parent).qualified_id}")


@code_app.command("recolour")
def recolour(code: str, colour: str) -> None:
    """Change a code's colour (#RRGGBB)."""
    with open_project() as project:
        console.print(f"recoloured {project.recolour_code(code, colour).qualified_id}")


@code_app.command("edit")
def edit(code: str, definition: str = typer.Option(None), inclusion: str = typer.Option(None),
         exclusion: str = typer.Option(None), keyword: list[str] = typer.Option(None, help="Replace keywords."),
         example: list[str] = typer.Option(None, help="Replace examples.")) -> None:
    """Edit a code's definition, criteria, keywords or examples."""
    fields = {k: v for k, v in {"definition": definition, "inclusion": inclusion, "exclusion": exclusion,
                                "keywords": keyword, "examples": example}.items() if v}
    if not fields:
        raise fail("nothing to change: give --definition, --inclusion, --exclusion, --keyword or --example", 2)
    with open_project() as project:
        console.print(f"edited {project.edit_code(code, **fields).qualified_id}")


@code_app.command("merge")
def merge(source: str, target: str, yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask.")) -> None:
    """Merge SOURCE into TARGET: codings move, SOURCE stays as 'merged into TARGET'."""
    with open_project() as project:
        n = project.codings_affected(source)
        if not yes and sys.stdin.isatty() and not typer.confirm(f"Move {n} coding(s) from {source} to {target}?"):
            raise typer.Exit(1)
        moved = project.merge_codes(source, target)
    console.print(f"merged {escape(source)} into {escape(target)}: {moved} coding(s) moved")


@code_app.command("split")
def split(code: str, part: list[str] = typer.Option(..., help="'New name=coding ids', e.g. 'Mocks=12,15'.")) -> None:
    """Split a code: new child codes take the listed codings."""
    parts: dict[str, list[int]] = {}
    for item in part:
        if "=" not in item:
            raise fail(f"--part {item!r} must look like 'Name=12,15'", 2)
        name, ids = item.split("=", 1)
        try:
            parts[name.strip()] = [int(x) for x in ids.split(",") if x.strip()]
        except ValueError:
            raise fail(f"coding ids must be numbers: {ids!r}", 2) from None
    with open_project() as project:
        created = project.split_code(code, parts)
    for new in created:
        console.print(f"created {new.qualified_id}")


@code_app.command("retire")
def retire(code: str) -> None:
    """Retire a code: hidden from the tree and suggestions; its codings are kept."""
    with open_project() as project:
        console.print(f"retired {project.retire_code(code).qualified_id}")
