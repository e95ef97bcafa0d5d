"""The heat table widget on a 500 x 300 matrix (only what is visible is drawn), heat levels, and
the start-up import rule: pandas loads when the Matrix screen opens, not when the workbench starts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from matrix_support import build_matrix_project
from textual.app import App, ComposeResult
from tui_support import pilot_test

from qual_si.tui.widgets.matrix_table import HEAT_STYLES, MatrixTable, heat_level

ROWS, COLUMNS = 500, 300


class TableApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.highlighted: list[tuple[int, int]] = []

    def compose(self) -> ComposeResult:
        yield MatrixTable(id="table")

    def on_matrix_table_cell_highlighted(self, message: MatrixTable.CellHighlighted) -> None:
        self.highlighted.append((message.row, message.column))


def _text(strip: Any) -> str:
    return "".join(segment.text for segment in strip)


@pilot_test
async def test_a_500_by_300_table_scrolls_both_ways_and_draws_only_visible_cells() -> None:
    app = TableApp()
    async with app.run_test(size=(80, 24)) as pilot:
        table = app.query_one(MatrixTable)
        table.focus()
        values = [[float((r * c) % 7) for c in range(COLUMNS)] for r in range(ROWS)]
        table.set_table([f"case {r}" for r in range(ROWS)], [f"code {c}" for c in range(COLUMNS)], values,
                        corner="case")
        await pilot.pause()
        header = _text(table.render_line(0))
        assert header.startswith("case") and "code 0" in header and "code 299" not in header
        await pilot.press("ctrl+end")
        await pilot.pause()
        assert (table.cursor_row, table.cursor_column) == (ROWS - 1, COLUMNS - 1)
        assert app.highlighted[-1] == (ROWS - 1, COLUMNS - 1)
        header = _text(table.render_line(0))
        assert "code 299" in header and "code 0 " not in header  # the header scrolled with the body
        last_row = _text(table.render_line(table.scrollable_content_region.height - 1))
        assert last_row.startswith("case 499")  # the row labels stayed on the left
        assert len(last_row) == table.scrollable_content_region.width
        await pilot.press("home", "up")
        await pilot.pause()
        assert (table.cursor_row, table.cursor_column) == (ROWS - 2, 0)
        assert "code 0" in _text(table.render_line(0))


@pilot_test
async def test_plain_rows_do_not_set_the_heat_scale_and_text_replaces_numbers() -> None:
    app = TableApp()
    async with app.run_test(size=(60, 10)) as pilot:
        table = app.query_one(MatrixTable)
        table.set_table(["a", "b", "Total"], ["x", "y"], [[1, 4], [0, 2], [1, 6]], plain_rows={2},
                        texts={(1, 0): "a summary"}, decimals=0, column_width=12)
        await pilot.pause()
        assert table.top == 4
        assert "a summary" in _text(table.render_line(2))
        assert "\u00b7" not in _text(table.render_line(2))  # the text, not the zero dot
        assert _text(table.render_line(1)).split()[1:] == ["1", "4"]


def test_heat_levels() -> None:
    assert heat_level(0, 10) is None and heat_level(5, 0) is None and heat_level(float("nan"), 3) is None
    assert heat_level(10, 10) == len(HEAT_STYLES) - 1
    assert heat_level(1, 10) == 0
    assert heat_level(5, 10) == 2


def test_pandas_loads_when_the_matrix_opens_not_at_start_up(tmp_path: Path) -> None:
    location = build_matrix_project(tmp_path)
    script = f"""
import asyncio, sys
from qual_si import Project
from qual_si.tui.app import QualSiApp

async def main():
    app = QualSiApp(Project.open({str(location)!r}, coder="tester"))
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        print("workbench", "pandas" in sys.modules)
        await pilot.press("M")
        await app.workers.wait_for_complete()
        await pilot.pause()
        print("matrix", "pandas" in sys.modules, type(app.screen).__name__, app.screen.loaded)

asyncio.run(main())
"""
    out = subprocess.run([sys.executable, "-c", script], check=True, capture_output=True, text=True).stdout
    assert out.split("\n")[:2] == ["workbench False", "matrix True MatrixScreen True"]
