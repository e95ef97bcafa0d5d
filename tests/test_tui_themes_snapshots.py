"""Snapshots of the Themes screen at 80x24 and 160x48 (update with ``pytest --snapshot-update``):
a stored k-means run (seed 0) on a copy of a project built with fixed texts, on a fixed clock."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from suggest_support import suggest_app
from tui_support import SIZES, snapshot_steps


@pytest.fixture
def app(tmp_path: Path) -> Any:
    return suggest_app(tmp_path, themes=True)


@pytest.mark.parametrize("size", SIZES)
def test_themes(snap_compare: Any, app: Any, size: tuple[int, int]) -> None:
    # the second theme, its quotes below
    assert snap_compare(app, terminal_size=size, run_before=snapshot_steps("T", "down"))


@pytest.mark.parametrize("size", SIZES)
def test_theme_quote(snap_compare: Any, app: Any, size: tuple[int, int]) -> None:
    # a quote in full, ready to jump to
    assert snap_compare(app, terminal_size=size, run_before=snapshot_steps("T", "enter", "down"))
