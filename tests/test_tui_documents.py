"""The document list (loaded in a worker) and switching documents with positions remembered."""

from __future__ import annotations

from pathlib import Path

from tui_support import (
    FIXED_NOW,
    make_app,
    pilot_test,
    settle,
    small_project,  # noqa: F401  (the fixture location)
)

from qual_si.tui.screens.documents import DocumentsScreen, ago
from qual_si.tui.screens.workbench import Workbench


@pilot_test
async def test_document_list_shows_overview_and_opens_a_document(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("d")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, DocumentsScreen) and screen.loaded
        table = screen.query_one("#documents-table")
        assert table.row_count == 3
        first = [str(cell) for cell in table.get_row_at(0)]
        assert first[:4] == ["A01-ceo", "A01", "interview", f"{app.project.document('A01-ceo').word_count:,}"]
        assert first[6] == "just now"  # opened by the fixture and by this session, on the fixed clock
        await pilot.press(*"director", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, Workbench)
        assert app.screen.document_id == app.project.document("A02-director").id
        assert app.project.last_document() == app.project.document("A02-director").id


@pilot_test
async def test_an_unexpected_error_reading_the_list_is_a_notification_not_a_crash(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)

        def broken() -> None:
            raise RuntimeError("disk on fire")

        app.project.document_overview = broken
        await pilot.press("d")
        await settle(app, pilot)
        last = list(app._notifications)[-1]
        assert (last.title, last.message) == ("Documents", "Unexpected error: RuntimeError: disk on fire")
        assert app.is_running and isinstance(app.screen, DocumentsScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, Workbench)


@pilot_test
async def test_position_is_restored_when_a_document_is_reopened(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "down", "down", "down", "w")
        where = app.screen.transcript.cursor
        await pilot.press("d", *"notes", "enter")
        await settle(app, pilot)
        assert app.screen.document_name == "A03-notes"
        await pilot.press("d", *"ceo", "enter")
        await settle(app, pilot)
        assert app.screen.transcript.cursor == where
        await pilot.press("down")
        where = app.screen.transcript.cursor
    app.project.close()

    again = make_app(location)  # a new session opens the last document where the cursor was
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(again, pilot)
        assert again.screen.document_name == "A01-ceo"
        assert again.screen.transcript.cursor == where


def test_last_opened_is_relative_to_the_app_clock() -> None:
    from datetime import timedelta

    assert ago(None, FIXED_NOW) == "-"
    assert ago(FIXED_NOW - timedelta(minutes=5), FIXED_NOW) == "5 min ago"
    assert ago(FIXED_NOW - timedelta(hours=3), FIXED_NOW) == "3 h ago"
    assert ago(FIXED_NOW - timedelta(days=2), FIXED_NOW) == "2 days ago"
    assert ago(FIXED_NOW - timedelta(days=30), FIXED_NOW) == "2026-01-31"
