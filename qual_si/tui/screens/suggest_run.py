"""Long NLP runs (suggesting codes, finding themes) in a worker thread.

One run at a time per session: the facade memoises its fitted embedder per ``Project`` and a
second run would only compete for the same cores. The run reports its progress through the
facade's ``progress`` callback (``NlpProgress(stage, done, total)``); every screen on the stack
that has a place for it (``show_job``) shows the text, so the user can keep coding meanwhile.
When the run ends, screens that show suggestions or themes are told (``suggestions_changed``,
``themes_changed``); a failure is a notification, never a crash.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from ...facade.nlp import NlpProgress
from .guard import report

TITLES = {"suggest": "Suggesting codes", "themes": "Finding themes", "residual": "Finding residual themes"}
STAGES = {
    "starting": "starting",
    "segmenting": "splitting turns into sentences",
    "embedding": "embedding the sentences",
    "scoring": "scoring the codes",
    "saving": "saving",
    "themes": "clustering",
}
#: Set once a UMAP + HDBSCAN run has finished in this process: numba compiles UMAP on first use
#: (20-40 s), later runs in the same process start at once.
_umap_compiled = False


@dataclass(frozen=True)
class Job:
    """Where a run is, as the screens show it."""

    kind: str  # suggest | themes | residual
    stage: str = "starting"
    done: int = 0
    total: int = 0
    #: What the stage is doing, when it is worth saying (which clustering, how long it may take).
    detail: str = ""

    @property
    def text(self) -> str:
        count = f" {self.done}/{self.total}" if self.total > 1 else ""
        detail = f" \u2014 {self.detail}" if self.detail else ""
        return f"\u27f3 {TITLES.get(self.kind, self.kind)}: {STAGES.get(self.stage, self.stage)}{count}{detail}"

    @property
    def fraction(self) -> float | None:
        return min(self.done / self.total, 1.0) if self.total > 0 else None


def clustering_note(segments: int, residual: bool, compiled: bool) -> str:
    """Which clustering a themes run uses on ``segments`` segments and what that costs."""
    from ...nlp.themes import MIN_SEGMENTS, SMALL_CORPUS  # loaded by the run already

    umap = "UMAP + HDBSCAN" + ("" if compiled else " (its first run in a session compiles UMAP: 20-40 s)")
    if residual:
        return (f"on what the codes leave unexplained of {segments} segments: k-means if under {SMALL_CORPUS}, "
                f"else {umap}")
    if segments < MIN_SEGMENTS:
        return f"only {segments} segments: one theme"
    if segments < SMALL_CORPUS:
        return f"k-means on {segments} segments (under {SMALL_CORPUS}: a few seconds)"
    return f"{umap} on {segments} segments"


def running(app: Any) -> Job | None:
    job: Job | None = getattr(app, "nlp_job", None)
    return job


def start(app: Any, kind: str) -> bool:
    """Start a run of ``kind`` (suggest, themes, residual); False when one is already running."""
    current = running(app)
    if current is not None:
        app.notify(f"{TITLES[current.kind]} is still running: wait for it to finish.", severity="warning")
        return False
    _show(app, Job(kind))
    app.run_worker(partial(_run, app, kind), name=kind, group="nlp", thread=True, exit_on_error=False)
    return True


def _run(app: Any, kind: str) -> None:
    """The worker: runs in its own thread; every screen update goes through ``call_from_thread``."""
    project = app.project
    job = Job(kind)

    def progress(step: NlpProgress) -> None:
        nonlocal job
        detail = job.detail if step.stage == job.stage else ""
        if step.stage == "themes" and step.done == 0:
            # counted here, in the worker: a read of the stored segments, cheap next to clustering
            detail = clustering_note(len(project.segments()), kind == "residual", _umap_compiled)
        job = replace(job, stage=step.stage, done=step.done, total=step.total, detail=detail)
        _from_thread(app, _show, app, job)

    try:
        if kind == "suggest":
            result: Any = project.suggest(progress=progress)
        else:
            result = project.find_themes(residual=kind == "residual", progress=progress)
    except Exception as exc:  # noqa: BLE001 - the worker edge: a failure is shown, never a crash
        _from_thread(app, _failed, app, kind, exc)
        return
    _from_thread(app, _finished, app, kind, result)


def _from_thread(app: Any, callback: Any, *args: Any) -> None:
    with suppress(RuntimeError):  # the app closed while the run went on: nobody is left to tell
        app.call_from_thread(callback, *args)


def _show(app: Any, job: Job | None) -> None:
    app.nlp_job = job
    for screen in app.screen_stack:
        show = getattr(screen, "show_job", None)
        if callable(show):
            show(job)


def _failed(app: Any, kind: str, exc: Exception) -> None:
    _show(app, None)
    report(app, exc, title="Suggestions" if kind == "suggest" else "Themes")


def _finished(app: Any, kind: str, result: Any) -> None:
    global _umap_compiled
    _show(app, None)
    if kind == "suggest":
        skipped = f"; {len(result.skipped_codes)} codes skipped" if result.skipped_codes else ""
        app.notify(f"{result.added} new, {result.updated} rescored, {result.removed} withdrawn "
                   f"({result.segments} sentences, {result.codes} codes{skipped}). Q reviews them.",
                   title="Suggestions ready")
        hook = "suggestions_changed"
    else:
        if result.parameters.get("method") == "umap+hdbscan":
            _umap_compiled = True
        found = f"{len(result.themes)} themes in {result.n_segments} segments, {result.outlier_share:.0%} left out"
        app.notify(found + (f". {result.note}" if result.note else ""),
                   title="Residual themes ready" if kind == "residual" else "Themes ready")
        hook = "themes_changed"
    for screen in app.screen_stack:
        changed = getattr(screen, hook, None)
        if callable(changed):
            changed(result)
