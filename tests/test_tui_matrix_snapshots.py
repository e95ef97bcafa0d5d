"""Snapshots of the Matrix screen (case rows, grouped by band, framework mode) and the Ratings
screen at 80x24 and 160x48 (update with ``pytest --snapshot-update``). The project is built fresh
with fixed names and the app runs on a fixed clock."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from matrix_support import matrix_app
from tui_support import SIZES, choose, settle, snapshot_steps


@pytest.fixture
def app(tmp_path: Path) -> Any:
    return matrix_app(tmp_path)


def _then(*keys: str, cell: tuple[str, str] | None = None, group: str | None = None) -> Any:
    """Open the Matrix screen, press ``keys`` (``g`` then picks ``group``), rest on ``cell``."""

    async def pick_group(pilot: Any, key: str) -> None:
        if key == "g" and group is not None:
            await choose(pilot.app, pilot, (group, False))

    async def rest_on_cell(pilot: Any) -> None:
        if cell is None:
            return
        app = pilot.app
        view = app.screen.view
        app.screen.table.move_to(view.row_labels.index(cell[0]), view.column_labels.index(cell[1]))
        await pilot.pause(0.5)  # a framework cell reads its quotes once the cursor rests on it
        await settle(app, pilot)

    return snapshot_steps("M", *keys, after_key=pick_group, last=rest_on_cell)


@pytest.mark.parametrize("size", SIZES)
def test_matrix(snap_compare: Any, app: Any, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=_then(cell=("A01", "Accountability")))


@pytest.mark.parametrize("size", SIZES)
def test_matrix_grouped_by_band(snap_compare: Any, app: Any, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size,
                        run_before=_then("g", "p", group="schools band", cell=("3-6", "Curriculum")))


@pytest.mark.parametrize("size", SIZES)
def test_framework_matrix(snap_compare: Any, app: Any, size: tuple[int, int]) -> None:
    app.project.set_cell_summary("A02", "Curriculum", "Shared plans in maths and phonics; adapted elsewhere")
    assert snap_compare(app, terminal_size=size, run_before=_then("f", cell=("A02", "Curriculum")))


@pytest.mark.parametrize("size", SIZES)
def test_ratings(snap_compare: Any, app: Any, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=_then("R"))
