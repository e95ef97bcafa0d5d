"""``qual-si segment``, ``suggest``, ``suggestions`` and ``themes``: NLP from the command line."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import typer
from rich.markup import escape
from rich.table import Table

from . import app
from .common import console, err, fail, open_project

if TYPE_CHECKING:
    from ..facade.nlp import NlpProgress, ThemeRun

SPACY_MODEL = typer.Option(
    None, "--spacy-model",
    help="Installed spaCy pipeline (e.g. en_core_web_sm) or its folder. Default: the project setting "
         "spacy_model, else the built-in sentence splitter.",
)
EMBEDDER = typer.Option(
    "lsa", "--embedder", help="lsa (default; fitted on this project), lsa:DIMENSIONS, lsa:seed=N, or st:PATH for a "
                              "sentence-transformers model saved on this machine.",
)
INTERVIEWERS = typer.Option(False, "--include-interviewers", help="Also use what interviewers say.")
STAGES = {"segmenting": "splitting sentences", "embedding": "embedding", "scoring": "scoring segments",
          "saving": "saving", "themes": "finding themes"}

themes_app = typer.Typer(
    help="Emerging themes: find them (default), or promote one to a code.", invoke_without_command=True,
)
app.add_typer(themes_app, name="themes")


@contextmanager
def _progress_bar() -> Iterator[Callable[[NlpProgress], None]]:
    """A Rich progress bar on stderr (hidden when it is not a terminal) fed by the facade's steps."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("starting", total=None)

        def update(step: NlpProgress) -> None:
            bar.update(task, description=STAGES.get(step.stage, step.stage), completed=step.done,
                       total=step.total or None)

        yield update


@app.command()
def segment(
    documents: list[str] = typer.Argument(None, help="Documents to segment (default: all)."),
    spacy_model: str = SPACY_MODEL,
    include_interviewers: bool = INTERVIEWERS,
) -> None:
    """Split participant turns into sentence segments (only what is new since the last run)."""
    with open_project() as project, _progress_bar() as progress:
        report = project.segment(documents or None, spacy_model=spacy_model,
                                 include_interviewers=include_interviewers, progress=progress)
    if report.segments_added:
        console.print(f"{report.segments_added:,} new segments in {len(report.documents)} document(s); "
                      f"{report.segments_total:,} in the project [dim]({escape(report.segmenter)})[/dim]")
    else:
        console.print(f"Nothing new to segment; {report.segments_total:,} segments in the project "
                      f"[dim]({escape(report.segmenter)})[/dim]")


@app.command()
def suggest(
    codebook: list[str] = typer.Option(None, "--codebook", "-c", help="Codebook to suggest from (repeatable; "
                                                                       "default: every loaded codebook)."),
    embedder: str = EMBEDDER,
    threshold: float = typer.Option(None, min=0.0, max=1.0, help="Lowest score kept (default: the project "
                                                                  "setting suggestion_threshold, else 0.3)."),
    top_k: int = typer.Option(3, "--top-k", min=1, help="Suggestions kept per segment and codebook."),
    document: list[str] = typer.Option(None, "--document", "-d", help="Only these documents (repeatable)."),
    spacy_model: str = SPACY_MODEL,
    include_interviewers: bool = INTERVIEWERS,
) -> None:
    """Suggest codes for every participant segment, from keywords, definitions, examples and the
    codings so far. Suggestions wait for review: qual-si suggestions."""
    with open_project() as project:
        with _progress_bar() as progress:
            report = project.suggest(codebooks=codebook or None, embedder=embedder, threshold=threshold,
                                     top_k=top_k, documents=document or None, spacy_model=spacy_model,
                                     include_interviewers=include_interviewers, progress=progress)
        codes = {c.id: c for c in project.codes()}
    total = sum(report.by_code.values())
    console.print(f"{total:,} suggestions for {report.segments:,} segments from {report.codes} codes "
                  f"({report.added:,} new, {report.updated:,} updated, {report.removed:,} dropped) "
                  f"[dim]threshold {report.threshold:g}, top {report.top_k} per codebook, {escape(report.embedder)}[/dim]")
    for reason in report.skipped_codes[:10]:
        err.print(f"[dim]skipped {escape(reason)}[/dim]")
    if not report.by_code:
        return
    table = Table("code", "name", "suggestions")
    ranked = sorted(report.by_code.items(), key=lambda item: (-item[1], item[0]))
    for code_id, count in ranked[:25]:
        code = codes.get(code_id)
        table.add_row(escape(code.qualified_id if code else str(code_id)), escape(code.name if code else ""),
                      f"{count:,}")
    console.print(table)
    if len(ranked) > 25:
        console.print(f"[dim]... and {len(ranked) - 25} more codes[/dim]")


@app.command()
def suggestions(
    status: str = typer.Option("pending", help="pending, accepted, rejected or all."),
    document: str = typer.Option(None, "--document", "-d", help="Only this document (in text order)."),
    code: str = typer.Option(None, "--code", help="Only this code."),
    limit: int = typer.Option(30, min=1, help="How many to list."),
    accept: list[int] = typer.Option(None, "--accept", help="Accept this suggestion id (repeatable)."),
    reject: list[int] = typer.Option(None, "--reject", help="Reject this suggestion id (repeatable)."),
    accept_above: float = typer.Option(None, "--accept-above", min=0.0, max=1.0,
                                       help="Accept every pending suggestion scoring at least this."),
) -> None:
    """List suggestions, best first, or accept/reject them (accepting creates codings; undoable)."""
    with open_project() as project:
        if accept or reject or accept_above is not None:
            for suggestion_id in accept or []:
                coding = project.accept_suggestion(suggestion_id)
                console.print(f"accepted {suggestion_id}: coding {coding.id}")
            if reject:
                project.reject_suggestions(list(reject))
                console.print(f"rejected {len(reject)} suggestion(s)")
            if accept_above is not None:
                created = project.accept_suggestions(accept_above, document=document, code=code)
                console.print(f"accepted {len(created):,} suggestion(s) scoring {accept_above:g} or more")
            return
        if status != "all" and status not in ("pending", "accepted", "rejected"):
            raise fail(f"--status must be pending, accepted, rejected or all, not {status!r}", 2)
        rows = project.suggestions(None if status == "all" else status, document, code, limit)
    if not rows:
        console.print("No suggestions. Run qual-si suggest first." if status == "pending" else "No suggestions.")
        return
    table = Table("id", "score", "code", "where", "text", "evidence")
    for row in rows:
        evidence = row.evidence
        why = ", ".join(evidence.get("keywords", [])[:4]) or (
            f"like {evidence.get('similar_kind', 'text')} ({evidence.get('similarity', 0):.2f})"
            if "similar_kind" in evidence else f"theme: {evidence.get('theme', '')}")
        table.add_row(str(row.id), f"{row.score:.2f}", escape(row.code), escape(f"{row.document}:{row.start}"),
                      escape(_short(row.text, 70)), escape(why))
    console.print(table)


@themes_app.callback(invoke_without_command=True)
def themes(
    ctx: typer.Context,
    residual: bool = typer.Option(False, "--residual", help="Only what the codebook does not explain: segments "
                                                            "not coded and scoring low on every code."),
    seed: int = typer.Option(0, help="Random seed: the same seed gives the same themes."),
    embedder: str = EMBEDDER,
    codebook: list[str] = typer.Option(None, "--codebook", "-c", help="With --residual: the codebooks that "
                                                                       "explain (default: all loaded)."),
    threshold: float = typer.Option(None, min=0.0, max=1.0, help="With --residual: a segment whose best code "
                                                                  "scores below this is unexplained (default 0.5)."),
    run: int = typer.Option(None, "--run", help="Show a stored run instead of finding themes again."),
    spacy_model: str = SPACY_MODEL,
    include_interviewers: bool = INTERVIEWERS,
) -> None:
    """Find emerging themes in what participants say and print each with its keywords, spread over
    cases and participants, and quotes. Promote one to a code with: qual-si themes promote ID."""
    if ctx.invoked_subcommand is not None:
        return
    with open_project() as project:
        if run is not None:
            found = project.theme_run(run)
        else:
            with _progress_bar() as progress:
                found = project.find_themes(residual=residual, seed=seed, embedder=embedder, progress=progress,
                                            codebooks=codebook or None, residual_threshold=threshold,
                                            spacy_model=spacy_model, include_interviewers=include_interviewers)
    _print_run(found)


@themes_app.command("promote")
def promote(
    topic_id: int = typer.Argument(..., help="Theme id (shown as 'id' by qual-si themes)."),
    name: str = typer.Option(None, "--name", help="Name of the new code (default: drafted from the keywords)."),
) -> None:
    """Make a theme a code of the project (definition drafted from its keywords; edit it!) and queue
    its segments as suggestions of that code. Undoable."""
    with open_project() as project:
        created = project.promote_theme(topic_id, name=name)
        pending = project.suggestion_counts().get(created.id, 0)
    console.print(f"created code [bold]{escape(created.name)}[/bold] ({escape(created.qualified_id)}) with "
                  f"{pending:,} suggested segments to review")
    console.print(f"[dim]{escape(created.definition)}[/dim]")


@themes_app.command("runs")
def runs() -> None:
    """List the stored theme runs, newest first."""
    with open_project() as project:
        found = project.theme_runs()
    table = Table("run", "kind", "when", "segments", "outliers", "seed", "embedder")
    for item in found:
        table.add_row(str(item.id), item.kind, item.created_at.strftime("%Y-%m-%d %H:%M"), f"{item.n_segments:,}",
                      f"{item.outlier_share:.0%}", str(item.seed), escape(item.embedder))
    console.print(table)


def _print_run(found: ThemeRun) -> None:
    kind = "residual themes (what the codebook does not explain)" if found.kind == "residual" else "themes"
    console.print(f"[bold]{len(found.themes)} {kind}[/bold] in {found.n_segments:,} segments, "
                  f"{found.outlier_share:.0%} left as outliers [dim](run {found.id}, seed {found.seed})[/dim]")
    if found.note:
        console.print(f"[yellow]{escape(found.note)}[/yellow]")
    for theme in found.themes:
        promoted = f" [green]promoted to code {theme.promoted_code_id}[/green]" if theme.promoted_code_id else ""
        console.print(f"\n[bold]{theme.number + 1}. {escape(theme.label)}[/bold]  [dim]id {theme.id}[/dim]  "
                      f"{theme.size} segments, {len(theme.cases)} case(s), "
                      f"{len(theme.participants)} participant(s){promoted}")
        console.print(f"  keywords: {escape(', '.join(theme.keywords))}")
        spread = ", ".join(f"{name} {count}" for name, count in list(theme.cases.items())[:8])
        console.print(f"  cases: {escape(spread)}")
        for quote in theme.quotes:
            where = quote.document + (f", {quote.case}" if quote.case else "")
            console.print(f"  - {escape(_short(quote.attribution, 160))} [dim]({escape(where)})[/dim]")


def _short(text: str, width: int) -> str:
    words = " ".join(text.split())
    return words if len(words) <= width else words[: width - 1] + "\u2026"
