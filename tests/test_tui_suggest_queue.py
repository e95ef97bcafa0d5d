"""The review queue: best first, filters by code and score, accept / reject / accept-and-next,
undo, bulk accept after a confirmation that says how many, Enter jumps to the passage."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from suggest_support import suggest_app
from tui_support import choose, open_screen, pilot_test, settle

from qual_si.tui import keys
from qual_si.tui.commands import palette_actions
from qual_si.tui.screens.dialogs import ConfirmScreen, PromptScreen
from qual_si.tui.screens.suggest_queue import SuggestionQueueScreen, parse_score
from qual_si.tui.screens.workbench import Workbench

pytestmark = pytest.mark.usefixtures("no_network")


async def _type(app: Any, pilot: Any, text: str) -> None:
    assert isinstance(app.screen, PromptScreen)
    await pilot.press("ctrl+u", *text, "enter")
    await settle(app, pilot)


@pilot_test
async def test_the_queue_is_best_first_and_filters_by_code_and_score(tmp_path: Path) -> None:
    app = suggest_app(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        queue = await open_screen(app, pilot, "Q", SuggestionQueueScreen)
        project = app.project
        assert [r.id for r in queue.records] == [r.id for r in project.suggestions("pending")]
        scores = [r.score for r in queue.records]
        assert scores == sorted(scores, reverse=True) and len(scores) == sum(project.suggestion_counts().values())
        curriculum = project.code("Curriculum").id
        await pilot.press("c")
        await settle(app, pilot)
        await choose(app, pilot, curriculum)
        assert {r.code_id for r in queue.records} == {curriculum}
        assert len(queue.records) == project.suggestion_counts()[curriculum]
        await pilot.press("s")
        await settle(app, pilot)
        await _type(app, pilot, "0.4")
        assert queue.min_score == 0.4
        assert [r.id for r in queue.records] == [r.id for r in project.suggestions("pending", code=curriculum,
                                                                                      min_score=0.4)]
        assert "code Curriculum" in str(queue.query_one("#queue-title").render())
        await pilot.press("s")
        await settle(app, pilot)
        await _type(app, pilot, "high")  # refused, the filter stays
        assert [n.severity for n in app._notifications][-1] == "error" and queue.min_score == 0.4


@pilot_test
async def test_accept_reject_and_accept_next_from_the_queue_then_undo(tmp_path: Path) -> None:
    app = suggest_app(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        queue = await open_screen(app, pilot, "Q", SuggestionQueueScreen)
        project = app.project
        first, second, third, fourth = queue.records[:4]
        await pilot.press("a")
        await settle(app, pilot)
        coding = project.coding(project.suggestion(first.id).coding_id)
        assert (coding.document_id, coding.start, coding.end, coding.code_id, coding.origin, coding.score) == (
            first.document_id, first.start, first.end, first.code_id, "suggestion", first.score)
        assert queue.records[0].status == "accepted" and queue.table.cursor_row == 0
        await pilot.press("a")  # already decided: a warning, nothing else
        assert [n.severity for n in app._notifications][-1] == "warning"
        await pilot.press("down", "X")
        await settle(app, pilot)
        assert project.suggestion(second.id).status == "rejected"
        await pilot.press("down", "A")
        await settle(app, pilot)
        assert project.suggestion(third.id).status == "accepted"
        assert queue.table.cursor_row == 3 and queue._current().id == fourth.id
        assert "2 accepted, 1 rejected" in str(queue.query_one("#queue-status").render())
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert project.suggestion(third.id).status == "pending"
        assert [r.status for r in queue.records[:4]] == ["accepted", "rejected", "pending", "pending"]
        assert len(project.codings()) == 1
        # back on the workbench: the accepted suggestion is a coding in the transcript, gone from the panel
        await pilot.press("escape")
        await settle(app, pilot)
        workbench = app.screen
        assert isinstance(workbench, Workbench) and workbench.document_id == first.document_id
        assert [c.id for c in workbench.transcript.model.codings] == [coding.id]
        assert first.id not in [r.id for r in workbench.turn_suggestions.records]


@pilot_test
async def test_bulk_accept_says_how_many_and_asks_first(tmp_path: Path) -> None:
    app = suggest_app(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        queue = await open_screen(app, pilot, "Q", SuggestionQueueScreen)
        project = app.project
        wanted = project.suggestions("pending", min_score=0.5)
        assert 0 < len(wanted) < len(queue.records)
        await pilot.press("B")
        await settle(app, pilot)
        await _type(app, pilot, "0.5")
        confirm = app.screen
        assert isinstance(confirm, ConfirmScreen)
        assert confirm.message.startswith(f"Accept {len(wanted)} suggestions scoring 0.50 or more?")
        await pilot.press("n")
        await settle(app, pilot)
        assert project.suggestions("accepted") == [] and project.codings() == []
        await pilot.press("B")
        await settle(app, pilot)
        await _type(app, pilot, "50%")
        await pilot.press("y")
        await settle(app, pilot)
        assert sorted(r.id for r in project.suggestions("accepted")) == sorted(r.id for r in wanted)
        assert sorted(c.origin for c in project.codings()) == ["suggestion"] * len(wanted)
        assert sum(r.status == "accepted" for r in queue.records) == len(wanted)
        await pilot.press("ctrl+z")  # one undo takes them all back
        await settle(app, pilot)
        assert project.suggestions("accepted") == [] and project.codings() == []
        assert all(r.status == "pending" for r in queue.records)


@pilot_test
async def test_enter_jumps_to_the_passage_in_its_transcript(tmp_path: Path) -> None:
    app = suggest_app(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        queue = await open_screen(app, pilot, "Q", SuggestionQueueScreen)
        target = next(r for r in queue.records if r.document == "C2-head")
        queue.table.cursor_row = queue.records.index(target)
        await pilot.press("enter")
        await settle(app, pilot)
        workbench = app.screen
        assert isinstance(workbench, Workbench)
        assert workbench.document_id == target.document_id
        assert workbench.transcript.cursor == target.start
        assert workbench.transcript.selection == (target.start, target.end)
        assert target.id in [r.id for r in workbench.suggestions_here()]


@pilot_test
async def test_palette_and_help_list_the_suggestion_keys(tmp_path: Path) -> None:
    app = suggest_app(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        titles = {title for title, _help, _callback in palette_actions(app.screen)}
        assert {k.description for k in keys.SUGGEST_PANEL} <= titles
        assert "Review queue: every pending suggestion, best first" in titles
        queue = await open_screen(app, pilot, "Q", SuggestionQueueScreen)
        titles = {title for title, _help, _callback in palette_actions(queue)}
        assert {k.description for k in keys.QUEUE} <= titles
        commands = {c.title: c for c in app.get_system_commands(queue)}
        await commands["Accept the suggestion: it becomes a coding"].callback()
        await settle(app, pilot)
        assert app.project.suggestion(queue.records[0].id).status == "accepted"
        assert ("Review queue (suggestions)", keys.QUEUE) in keys.GROUPS and ("Themes", keys.THEMES) in keys.GROUPS


def test_scores_are_typed_as_fractions_or_percentages() -> None:
    assert [parse_score(t) for t in ("0.7", ".7", "70", "70%", " 0 ", "1")] == [0.7, 0.7, 0.7, 0.7, 0.0, 1.0]
    assert [parse_score(t) for t in ("high", "-0.1", "150", "")] == [None, None, None, None]
