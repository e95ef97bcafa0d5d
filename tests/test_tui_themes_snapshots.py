"""Snapshots of the Themes screen at 80x24 and 160x48 (update with ``pytest --snapshot-update``):
a stored k-means run (seed 0) on a copy of a project built with fixed texts, on a fixed clock."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from suggest_support import suggest_app
from tui_support import settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]


@pytest.fixture
def app(tmp_path: Path) -> Any:
    return suggest_app(tmp_path, themes=True)


def _then(*keys: str) -> Any:
    async def run_before(pilot: Any) -> None:
        app = pilot.app
        await settle(app, pilot)
        for key in keys:
            await pilot.press(key)
            await settle(app, pilot)
        app.clear_notifications()
        await settle(app, pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_themes(snap_compare: Any, app: Any, size: tuple[int, int]) -> None:
    # the second theme, its quotes below
    assert snap_compare(app, terminal_size=size, run_before=_then("T", "down"))


@pytest.mark.parametrize("size", SIZES)
def test_theme_quote(snap_compare: Any, app: Any, size: tuple[int, int]) -> None:
    # a quote in full, ready to jump to
    assert snap_compare(app, terminal_size=size, run_before=_then("T", "enter", "down"))
