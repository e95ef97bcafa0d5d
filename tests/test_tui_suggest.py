"""The suggestion panel on the workbench and running suggestions in the background: accept,
reject, accept-and-next, undo, a rejected suggestion never coming back, progress and failures.
Asserts on the project's state, not only on the screen."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from suggest_support import sentence, suggest_app
from tui_support import pilot_test, settle

from qual_si.errors import InvalidOperation
from qual_si.facade.nlp import NlpProgress
from qual_si.tui.widgets.suggest_panel import by_score

pytestmark = pytest.mark.usefixtures("no_network")


def _turn_of(project: Any, document: str, offset: int) -> Any:
    return next(u for u in project.utterances(document) if u.start <= offset < u.end)


async def _go(app: Any, pilot: Any, words: str, document: str = "C1-ceo") -> tuple[int, int]:
    """Put the workbench's cursor on the sentence starting with ``words``."""
    start, end = sentence(app.project, document, words)
    app.screen.transcript.goto(start)
    await settle(app, pilot)
    return start, end


def _status(app: Any) -> str:
    return str(app.screen.query_one("#status").render().plain)


@pilot_test
async def test_the_panel_lists_the_turns_suggestions_best_first_five_then_all(tmp_path: Path) -> None:
    app = suggest_app(tmp_path)
    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        workbench, project = app.screen, app.project
        start, _ = await _go(app, pilot, "Governors asked about workload")
        turn = _turn_of(project, "C1-ceo", start)
        expected = by_score([r for r in project.suggestions(document="C1-ceo")
                             if r.start < turn.end and r.end > turn.start])
        assert len(expected) > 5
        assert [r.id for r in workbench.suggestions_here()] == [r.id for r in expected]
        panel = workbench.suggestion_panel
        assert panel.display
        text = panel.rendered_text()
        assert f"SUGGESTED HERE ({len(expected)}, best 5)" in text
        assert f"{len(expected) - 5} more (o shows all)" in text
        assert "words: " + ", ".join(expected[0].evidence["keywords"]) in text  # the best one's evidence
        assert sum("\u25cf" in line for line in text.splitlines()) == 5
        await pilot.press("w", "w")  # moving within the turn keeps both panels as they are
        await settle(app, pilot)
        assert panel.rendered_text() == text
        assert "HERE (0 codings)".upper() in workbench.query_one("#detail").text.plain
        await pilot.press("o")
        await settle(app, pilot)
        text = panel.rendered_text()
        assert f"SUGGESTED HERE ({len(expected)})" in text and "o shows all" not in text
        assert sum("\u25cf" in line for line in text.splitlines()) == len(expected)
        await pilot.press("right_square_bracket", "right_square_bracket", "left_square_bracket")
        await settle(app, pilot)
        assert workbench.highlighted_suggestion().id == expected[1].id
        # an interviewer's turn has none, and says where to find the next
        question = project.utterances("C1-ceo")[project.utterances("C1-ceo").index(turn) - 1]
        assert question.role == "interviewer"
        app.screen.transcript.goto(question.start)
        await settle(app, pilot)
        assert workbench.suggestions_here() == []
        assert "no suggestions for this turn" in panel.rendered_text()


@pilot_test
async def test_accept_from_the_panel_codes_the_sentence_at_once_and_undo_takes_it_back(tmp_path: Path) -> None:
    app = suggest_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        workbench, project = app.screen, app.project
        start, end = await _go(app, pilot, "Our trustees meet every month")
        best = workbench.highlighted_suggestion()
        delegation = sentence(project, "C1-ceo", "The scheme of delegation")
        assert (best.start, best.end, best.code_name) == (*delegation, "Governance")  # the turn's best, not the cursor's
        await pilot.press("a")
        await settle(app, pilot)
        codings = project.codings(document="C1-ceo", code="Governance")
        assert [(c.start, c.end, c.origin, c.score) for c in codings] == [(*delegation, "suggestion", best.score)]
        decided = project.suggestion(best.id)
        assert decided.status == "accepted" and decided.coding_id == codings[0].id
        assert [(c.id, c.origin) for c in workbench.transcript.model.codings] == [(codings[0].id, "suggestion")]
        assert best.id not in [r.id for r in workbench.suggestions_here()]
        assert workbench.code_tree.rows[best.code_id].codings == 1
        assert "accepted \u201cGovernance\u201d" in workbench.last_action
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert project.codings(document="C1-ceo", code="Governance") == []
        assert project.suggestion(best.id).status == "pending"
        assert workbench.transcript.model.codings == []
        assert workbench.highlighted_suggestion().id == best.id


@pilot_test
async def test_accept_and_next_goes_to_the_next_turn_with_suggestions(tmp_path: Path) -> None:
    app = suggest_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        workbench, project = app.screen, app.project
        await _go(app, pilot, "Our trustees meet every month")
        best = workbench.highlighted_suggestion()
        await pilot.press("A")
        await settle(app, pilot)
        assert project.suggestion(best.id).status == "accepted"
        assert [c.origin for c in project.codings(document="C1-ceo")] == ["suggestion"]
        moderation_turn = _turn_of(project, "C1-ceo", sentence(project, "C1-ceo", "Year 6 teachers")[0])
        assert workbench.transcript.current_block.start == moderation_turn.start
        assert {r.code_name for r in workbench.suggestions_here()} == {"Moderation"}
        await pilot.press("g")  # g alone moves on without deciding
        await settle(app, pilot)
        assert workbench.transcript.current_block.start > moderation_turn.start
        assert len(project.suggestions("accepted")) == 1


@pilot_test
async def test_a_rejected_suggestion_is_never_suggested_again(tmp_path: Path) -> None:
    app = suggest_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        workbench, project = app.screen, app.project
        start, _ = await _go(app, pilot, "Our trustees meet every month")
        rejected = workbench.highlighted_suggestion()
        await pilot.press("X")
        await settle(app, pilot)
        assert project.suggestion(rejected.id).status == "rejected"
        assert rejected.id not in [r.id for r in workbench.suggestions_here()]
        assert project.codings(document="C1-ceo") == []
        assert len(workbench.suggestions_here()) == 2  # the other two
        # a lower threshold: the run below adds suggestions to this turn, which the panel must read
        turn = _turn_of(project, "C1-ceo", start)
        project.set_setting("suggestion_threshold", 0.0)
        await pilot.press("G")  # suggest again, in the background
        await settle(app, pilot)
        assert app.nlp_job is None and "Suggesting" not in _status(app)
        assert any(n.title == "Suggestions ready" for n in app._notifications)
        key = (rejected.document_id, rejected.start, rejected.end, rejected.code_id)
        same = [r for r in project.suggestions(None) if (r.document_id, r.start, r.end, r.code_id) == key]
        assert [(r.id, r.status) for r in same] == [(rejected.id, "rejected")]
        expected = by_score([r for r in project.suggestions(document="C1-ceo")
                             if r.start < turn.end and r.end > turn.start])
        assert len(expected) > 2
        # the panel read the document again: this turn's suggestions, now more
        assert [r.id for r in workbench.suggestions_here()] == [r.id for r in expected]
        assert f"SUGGESTED HERE ({len(expected)}, best 5)" in workbench.suggestion_panel.rendered_text()
        assert rejected.id not in [r.id for r in workbench.suggestions_here()]


@pilot_test
async def test_a_run_shows_its_progress_refuses_a_second_and_a_failure_is_a_notification(tmp_path: Path) -> None:
    app = suggest_app(tmp_path)
    release = threading.Event()

    def slow_and_failing(**options: Any) -> None:
        options["progress"](NlpProgress("scoring", 2, 8))
        release.wait(20)
        raise RuntimeError("disk on fire")

    async with app.run_test(size=(160, 48)) as pilot:
        await settle(app, pilot)
        app.project.suggest = slow_and_failing
        await pilot.press("G")
        for _ in range(250):  # the worker reports from its thread
            await pilot.pause(0.02)
            if "scoring" in _status(app):
                break
        assert "Suggesting codes: scoring the codes 2/8" in _status(app)
        await pilot.press("G")
        assert "still running" in list(app._notifications)[-1].message
        before = app.screen.transcript.cursor
        await pilot.press("down", "down")  # the UI keeps working meanwhile
        assert app.screen.transcript.current_block is not None
        assert app.screen.transcript.cursor > before
        release.set()
        await settle(app, pilot)
        last = list(app._notifications)[-1]
        assert (last.title, last.message, last.severity) == ("Suggestions", "Unexpected error: RuntimeError: disk on fire",
                                                             "error")
        assert app.is_running and app.nlp_job is None and "Suggesting" not in _status(app)


@pilot_test
async def test_a_library_error_is_shown_as_it_is(tmp_path: Path) -> None:
    app = suggest_app(tmp_path)

    def nothing_to_do(**_options: Any) -> None:
        raise InvalidOperation("there are no codes to suggest: load a codebook first")

    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.project.suggest = nothing_to_do
        await pilot.press("G")
        await settle(app, pilot)
        assert list(app._notifications)[-1].message == "there are no codes to suggest: load a codebook first"
        assert app.project.suggestions()  # the stored suggestions are untouched
