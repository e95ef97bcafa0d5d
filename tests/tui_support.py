"""A small fixed project and helpers for the workbench tests (Pilot, snapshots, kill test).

``small_project`` is the fixture ``location``: a test module imports it to use it (named apart
so that a test's ``location`` argument does not shadow the import)."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Awaitable, Callable, Coroutine
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from qual_si import Project

FIXED_NOW = datetime(2026, 3, 2, 10, 30, tzinfo=UTC)
CODER = "tester"

INTERVIEW_A = """Interview with a trust CEO (fictional test data)

Interviewer: Could you tell me about the trust and how it started? (0:05)

Participant 1: We began as two primary schools sharing a maths lead. Now we are six schools. The central team is small, so heads still decide most things themselves. (0:12)

Interviewer: How do you check that improvement is working?

Participant 1: We visit every school each term. The visits are supportive rather than punitive. Heads tell me they value the honesty. (1:40)

Interviewer: And what about data?

Participant 1: We look at assessment data twice a year, but the conversations matter more than the numbers. (2:55)
"""

INTERVIEW_B = """Interview with a director of education (fictional test data)

Interviewer: What does school improvement look like here? (0:03)

Participant 2: Curriculum leads meet every half term across the schools. We share plans and moderate work together. (0:09)

Interviewer: Is there a common curriculum?

Participant 2: In maths and phonics, yes. Elsewhere schools adapt it to their context. (1:20)
"""

NOTES = """Field notes from a visit (fictional test data).

The staffroom had a board of shared curriculum plans.

Two heads mentioned the termly visits unprompted.
"""


def build_small_project(folder: Path, *, coder: str = CODER) -> Path:
    """Create ``folder/study.qsi``: 3 documents, 2 cases, a small code tree, a few codings."""
    sources = folder / "sources"
    sources.mkdir(parents=True, exist_ok=True)
    for name, text in (("A01-ceo.txt", INTERVIEW_A), ("A02-director.txt", INTERVIEW_B), ("A03-notes.txt", NOTES)):
        (sources / name).write_text(text, encoding="utf-8")
    location = folder / "study.qsi"
    with Project.create(location, name="Workbench test", coder=coder) as project:
        project.import_documents([sources / "A01-ceo.txt", sources / "A02-director.txt"], kind="interview")
        project.import_documents([sources / "A03-notes.txt"], kind="field_notes")
        project.set_document_case("A01-ceo", "A01")
        project.set_document_case("A02-director", "A02")
        project.set_document_case("A03-notes", "A01")
        project.set_attribute("A01", "phase", "primary")
        project.set_attribute("A02", "phase", "secondary")
        accountability = project.add_code("Accountability", colour="#d95f02", definition="How schools are held to account.")
        project.add_code("Supportive visits", parent=accountability.id, definition="Visits framed as support, not judgement.")
        project.add_code("Use of data", parent=accountability.id, definition="Assessment data used to judge progress.")
        project.add_code("Curriculum", colour="#1b9e77", definition="Shared or adapted curriculum across schools.")
        project.add_code("Autonomy", colour="#7570b3", definition="Heads decide for their own school.")
        text = project.text("A01-ceo")
        start = text.index("The visits are supportive")
        project.add_coding("A01-ceo", start, start + len("The visits are supportive rather than punitive."),
                           "Supportive visits")
        start = text.index("heads still decide")
        project.add_coding("A01-ceo", start, start + len("heads still decide most things themselves."), "Autonomy")
        text_b = project.text("A02-director")
        start = text_b.index("Curriculum leads")
        project.add_coding("A02-director", start, text_b.index("(0:09)") - 1, "Curriculum")
        project.mark_opened("A01-ceo", at=FIXED_NOW)
    return location


@pytest.fixture(name="location")
def small_project(tmp_path: Path) -> Path:
    """The small project, built fresh for each test."""
    return build_small_project(tmp_path)


def make_app(location: Path | str, *, coder: str = CODER) -> Any:
    from qual_si.tui.app import QualSiApp

    return QualSiApp(Project.open(location, coder=coder), clock=lambda: FIXED_NOW)


def code_id(project: Project, name: str) -> int:
    return project.code(name).id


async def settle(app: Any, pilot: Any) -> None:
    """Let workers finish and the screen catch up."""
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


async def open_screen(app: Any, pilot: Any, key: str, screen_type: type[Any], *, code: str | None = None) -> Any:
    """Press ``key`` on the workbench (with ``code`` selected in its tree first, when given) and
    wait for ``screen_type`` to show its first data."""
    await settle(app, pilot)
    if code is not None:
        app.screen.code_tree.select_code(app.project.code(code).id)
    await pilot.press(key)
    await settle(app, pilot)
    assert isinstance(app.screen, screen_type), app.screen
    assert app.screen.loaded
    return app.screen


async def choose(app: Any, pilot: Any, value: Any) -> None:
    """Pick the option whose value is ``value`` in the chooser on top."""
    index = [v for _label, v in app.screen.choices].index(value)
    await pilot.press(*["down"] * index, "enter")
    await settle(app, pilot)


def pilot_test(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot test in its own event loop (no async pytest plugin needed)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


# -- snapshots ----------------------------------------------------------------------------------

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]

Hook = Callable[[Any], Awaitable[None]]


def snapshot_steps(*keys: str, first: Callable[[Any], object] | None = None,
                   after_key: Callable[[Any, str], Awaitable[None]] | None = None,
                   last: Hook | None = None) -> Hook:
    """A ``run_before`` for ``snap_compare``: once the app has settled, ``first(app)`` (a cursor
    put somewhere), then each of ``keys`` pressed and settled (``after_key(pilot, key)`` after
    it), ``last(pilot)``; notifications are cleared so no toast lands in the picture."""

    async def run_before(pilot: Any) -> None:
        app = pilot.app
        await settle(app, pilot)
        if first is not None:
            first(app)
            await settle(app, pilot)
        for key in keys:
            await pilot.press(key)
            await settle(app, pilot)
            if after_key is not None:
                await after_key(pilot, key)
        if last is not None:
            await last(pilot)
        app.clear_notifications()
        await settle(app, pilot)

    return run_before
