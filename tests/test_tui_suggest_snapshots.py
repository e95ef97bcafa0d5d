"""Snapshots of the review queue and of the workbench's suggestion panel at 80x24 and 160x48
(update with ``pytest --snapshot-update``). The project is a copy of one built with fixed texts,
seed and threshold, and the app runs on a fixed clock."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from suggest_support import sentence, suggest_app
from tui_support import settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]


@pytest.fixture
def app(tmp_path: Path) -> Any:
    return suggest_app(tmp_path)


def _then(*keys: str, at: str | None = None) -> Any:
    async def run_before(pilot: Any) -> None:
        app = pilot.app
        await settle(app, pilot)
        if at is not None:
            app.screen.transcript.goto(sentence(app.project, "C1-ceo", at)[0])
            await settle(app, pilot)
        for key in keys:
            await pilot.press(key)
            await settle(app, pilot)
        app.clear_notifications()
        await settle(app, pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_review_queue(snap_compare: Any, app: Any, size: tuple[int, int]) -> None:
    # the best suggestion accepted, the cursor on the next one
    assert snap_compare(app, terminal_size=size, run_before=_then("Q", "A"))


@pytest.mark.parametrize("size", SIZES)
def test_workbench_with_suggestions(snap_compare: Any, app: Any, size: tuple[int, int]) -> None:
    # the turn that touches every topic: more suggestions than the panel shows at first
    assert snap_compare(app, terminal_size=size, run_before=_then(at="Governors asked about workload"))
