"""Snapshots of the main screens at 80x24 and 160x48 (update with ``pytest --snapshot-update``).

The project is built fresh with fixed names and the app runs on a fixed clock, so nothing on
screen depends on the day or the machine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from tui_support import SIZES, build_small_project, make_app, snapshot_steps


@pytest.fixture
def app(tmp_path: Path) -> Any:
    return make_app(build_small_project(tmp_path))


def _then(*keys: str, code: str | None = None) -> Any:
    """Press ``keys`` with ``code`` selected in the workbench's tree first."""

    def select(app: Any) -> None:
        app.screen.code_tree.select_code(app.project.code(code).id)

    return snapshot_steps(*keys, first=select if code is not None else None)


@pytest.mark.parametrize("size", SIZES)
def test_workbench(snap_compare: Any, app: Any, size: tuple[int, int]) -> None:
    # a coded turn under the cursor, a selection, the tree on a sub-code
    assert snap_compare(app, terminal_size=size, run_before=_then("u", "k", "k", "s", "V", code="Supportive visits"))


@pytest.mark.parametrize("size", SIZES)
def test_documents(snap_compare: Any, app: Any, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=_then("d", "down"))


@pytest.mark.parametrize("size", SIZES)
def test_retrieval(snap_compare: Any, app: Any, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=_then("r", code="Accountability"))


@pytest.mark.parametrize("size", SIZES)
def test_codebook(snap_compare: Any, app: Any, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=_then("B", code="Curriculum"))


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare: Any, app: Any, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=_then("question_mark"))
