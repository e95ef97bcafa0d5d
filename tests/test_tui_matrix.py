"""The Matrix screen: measures, depth, rows, grouping by bands, filters, drilling into a cell and
jumping to the passage, framework summaries (edited and undone). Asserts on the project's state."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from matrix_support import matrix_app, open_matrix
from tui_support import choose, pilot_test, settle

from qual_si.tui import keys
from qual_si.tui.commands import palette_actions
from qual_si.tui.screens.matrix_cell import CellQuotesScreen
from qual_si.tui.screens.workbench import Workbench


def cell(screen: Any, row: str, column: str) -> float:
    view = screen.view
    return view.values[view.row_labels.index(row)][view.column_labels.index(column)]


def go_to(screen: Any, row: str, column: str) -> None:
    view = screen.view
    screen.table.move_to(view.row_labels.index(row), view.column_labels.index(column))


@pilot_test
async def test_switch_measure_and_depth(tmp_path: Path) -> None:
    app = matrix_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_matrix(app, pilot)
        project = app.project
        assert screen.view.row_labels == ["A01", "A02", "A03"]
        assert cell(screen, "A01", "Accountability") == 2  # two sub-code passages rolled up to depth 1
        await pilot.press("d")
        await settle(app, pilot)
        assert screen.settings.depth == 2
        expected = project.matrix(depth=2)
        assert screen.view.column_labels == list(expected.columns)
        assert cell(screen, "A01", "Use of data") == expected.loc["A01", "Use of data"] == 1
        await pilot.press("d", "d")  # codes as coded, then back to depth 1
        await settle(app, pilot)
        assert screen.settings.depth == 1
        await pilot.press("m")
        await settle(app, pilot)
        assert screen.settings.measure == "documents"
        assert cell(screen, "A01", "Accountability") == 1  # both passages are in one document
        assert cell(screen, "A01", "Curriculum") == 1
        assert project.view_state("matrix.settings")["measure"] == "documents"  # remembered for this coder
        await pilot.press("escape")
        screen = await open_matrix(app, pilot)
        assert screen.settings.measure == "documents" and cell(screen, "A01", "Accountability") == 1


@pilot_test
async def test_a_failing_computation_is_a_notification_not_a_crash(tmp_path: Path) -> None:
    app = matrix_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_matrix(app, pilot)

        def broken(**_options: Any) -> None:
            raise RuntimeError("disk on fire")

        app.project.matrix = broken
        await pilot.press("m")
        await settle(app, pilot)
        assert list(app._notifications)[-1].message == "Unexpected error: RuntimeError: disk on fire"
        assert app.is_running and screen.loaded and screen.view.row_labels == ["A01", "A02", "A03"]


@pilot_test
async def test_rows_by_document_and_participant(tmp_path: Path) -> None:
    app = matrix_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_matrix(app, pilot)
        await pilot.press("r")
        await settle(app, pilot)
        assert screen.view.row_labels == ["A01-ceo", "A02-director", "A03-notes"]
        assert cell(screen, "A03-notes", "Curriculum") == 1
        await pilot.press("r")
        await settle(app, pilot)
        assert screen.view.row_labels == ["A01-ceo: Participant 1", "A02-director: Participant 2"]
        go_to(screen, "A02-director: Participant 2", "Curriculum")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, CellQuotesScreen)
        assert [p["document"] for p in app.screen.passages] == ["A02-director", "A02-director"]


@pilot_test
async def test_group_by_band_with_row_percent_and_totals(tmp_path: Path) -> None:
    app = matrix_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_matrix(app, pilot)
        await pilot.press("g")
        await settle(app, pilot)
        await choose(app, pilot, ("schools band", False))
        view = screen.view
        assert view.row_labels == ["3-6", "7-14", "15+", "Total"]
        assert [row[0] for row in view.values] == [1, 1, 1, 3]  # the cases column
        assert cell(screen, "Total", "Accountability") == 2
        await pilot.press("p")
        await settle(app, pilot)
        expected = app.project.grouped_matrix("schools band", measure="segments", percent="row", depth=1).percent
        assert screen.view.column_labels == list(expected.columns)
        assert cell(screen, "3-6", "Curriculum") == expected.loc["3-6", "Curriculum"] == 25
        assert cell(screen, "Total", "Total") == 100
        go_to(screen, "Total", "Curriculum")  # the Total row drills into the whole column
        await pilot.press("enter")
        await settle(app, pilot)
        assert sorted(p["document"] for p in app.screen.passages) == ["A02-director", "A02-director", "A03-notes"]
        await pilot.press("escape")
        await settle(app, pilot)
        # ad-hoc bands of a number, typed as cut-points
        await pilot.press("g")
        await settle(app, pilot)
        await choose(app, pilot, ("schools", True))
        await pilot.press("ctrl+u", *"5, 10", "enter")
        await settle(app, pilot)
        assert screen.settings.cuts == (5.0, 10.0)
        assert screen.view.row_labels == ["below 5", "5-9", "10+", "Total"]
        go_to(screen, "5-9", "Curriculum")
        await pilot.press("enter")
        await settle(app, pilot)
        assert {p["case"] for p in app.screen.passages} == {"A02"}
        assert len(app.screen.passages) == 2


@pilot_test
async def test_filters_by_attribute_coder_and_origin(tmp_path: Path) -> None:
    app = matrix_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_matrix(app, pilot)
        await pilot.press("ctrl+f", *"phase=secondary", "enter")
        await settle(app, pilot)
        assert screen.view.row_labels == ["A02"]
        for text, rows in (("coder=nobody", ["A01", "A02", "A03"]), ("origin=manual; schools>=5", ["A02", "A03"])):
            screen.query_one("#matrix-filter").value = text
            await pilot.press("ctrl+f", "enter")
            await settle(app, pilot)
            assert screen.view.row_labels == rows
            if text == "coder=nobody":
                assert not any(any(row) for row in screen.view.values)
        assert cell(screen, "A02", "Curriculum") == 2
        screen.query_one("#matrix-filter").value = "region=north"
        await pilot.press("ctrl+f", "enter")
        await settle(app, pilot)
        assert [n.severity for n in app._notifications][-1] == "error"
        assert app.is_running and screen.view.row_labels == ["A02", "A03"]  # the last good table stays


@pilot_test
async def test_drill_into_a_cell_and_jump_to_the_passage(tmp_path: Path) -> None:
    app = matrix_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_matrix(app, pilot)
        go_to(screen, "A01", "Accountability")
        await pilot.press("enter")
        await settle(app, pilot)
        quotes = app.screen
        assert isinstance(quotes, CellQuotesScreen)
        assert [p["quote"] for p in quotes.passages] == [
            'Participant 1: "The visits are supportive rather than punitive." (1:40)',
            'Participant 1: "We look at assessment data twice a year" (2:55)',
        ]
        await pilot.press("c")
        assert app.clipboard == quotes.passages[0]["quote"]
        await pilot.press("down", "enter")
        await settle(app, pilot)
        coding = app.project.codings(code="Use of data")[0]
        workbench = app.screen
        assert isinstance(workbench, Workbench)
        assert workbench.document_id == coding.document_id
        assert workbench.transcript.cursor == coding.start
        assert workbench.transcript.selection == (coding.start, coding.end)


@pilot_test
async def test_framework_summary_is_saved_and_undone(tmp_path: Path) -> None:
    app = matrix_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_matrix(app, pilot)
        project = app.project
        await pilot.press("f")
        await settle(app, pilot)
        assert screen.settings.framework and cell(screen, "A02", "Curriculum") == 2  # two quotes
        go_to(screen, "A02", "Curriculum")
        await pilot.pause(0.5)  # the cursor rests on the cell: its quotes are read
        await settle(app, pilot)
        position = (screen.view.row_labels.index("A02"), screen.view.column_labels.index("Curriculum"))
        assert [q.split("  [")[0] for q in screen.view.quotes[position]] == [
            'Participant 2: "Curriculum leads meet every half term across the schools. We share plans and '
            'moderate work together." (0:09)', 'Participant 2: "In maths and phonics, yes." (1:20)']
        assert "In maths and phonics" in screen.query_one("#matrix-detail").render().plain
        await pilot.press("e", *"Shared", "ctrl+s")
        await settle(app, pilot)
        stored = project.cell_summaries()
        assert list(stored["summary"]) == ["Shared"]
        assert stored["code_id"].iloc[0] == project.code("Curriculum").id and stored["case"].iloc[0] == "A02"
        assert screen.view.summaries == {position: "Shared"}
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert project.cell_summaries().empty
        assert screen.view.summaries == {}
        assert (screen.table.cursor_row, screen.table.cursor_column) == position  # the cursor stayed
        # from the passages screen too: the matrix underneath refreshes on return
        await pilot.press("enter", "e", *"Two", "ctrl+s")
        await settle(app, pilot)
        assert "Two" in app.screen.query_one("#cell-summary").render().plain
        await pilot.press("escape")
        await settle(app, pilot)
        assert screen.view.summaries == {position: "Two"}


@pilot_test
async def test_summary_written_earlier_is_in_the_editor_of_a_counts_table(tmp_path: Path) -> None:
    """Outside the framework mode the table does not hold the summaries: the editor reads it."""
    from qual_si.tui.screens.dialogs import MemoScreen

    app = matrix_app(tmp_path)
    app.project.set_cell_summary("A02", "Curriculum", "Shared plans")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_matrix(app, pilot)
        assert not screen.settings.framework and screen.settings.row_kind == "case"
        go_to(screen, "A02", "Curriculum")
        await pilot.press("e")
        await settle(app, pilot)
        assert isinstance(app.screen, MemoScreen) and app.screen.text == "Shared plans"


@pilot_test
async def test_summary_needs_a_case_row(tmp_path: Path) -> None:
    app = matrix_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_matrix(app, pilot)
        await pilot.press("r", "e")
        await settle(app, pilot)
        assert [n.severity for n in app._notifications][-1] == "warning"
        assert app.project.cell_summaries().empty


@pilot_test
async def test_palette_and_help_list_the_matrix_keys(tmp_path: Path) -> None:
    app = matrix_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        titles = {title for title, _help, _callback in palette_actions(app.screen)}
        assert "Matrix: cases x codes, framework summaries, ratings" in titles
        screen = await open_matrix(app, pilot)
        titles = {title for title, _help, _callback in palette_actions(screen)}
        assert {k.description for k in keys.MATRIX} <= titles
        commands = {c.title: c for c in app.get_system_commands(screen)}
        await commands[next(k.description for k in keys.MATRIX if k.action == "cycle_measure")].callback()
        await settle(app, pilot)
        assert screen.settings.measure == "documents"
        assert ("Matrix", keys.MATRIX) in keys.GROUPS and ("Ratings", keys.RATINGS) in keys.GROUPS


@pytest.mark.parametrize("text", ["phase=primary; coder=a|b; origin=manual", "fsm<10, region=North West"])
def test_parse_filters_splits_case_conditions_from_coding_filters(text: str) -> None:
    from qual_si.tui.screens.matrix_model import parse_filters

    parsed = parse_filters(text)
    if "coder" in text:
        assert (parsed.where, parsed.coder, parsed.origin) == (["phase=primary"], ["a", "b"], ["manual"])
    else:
        assert (parsed.where, parsed.coder, parsed.origin) == (["fsm<10", "region=North West"], None, None)


def test_parse_filters_refuses_words_without_a_condition() -> None:
    from qual_si.errors import InvalidOperation
    from qual_si.tui.screens.matrix_model import MatrixSettings, parse_filters

    with pytest.raises(InvalidOperation):
        parse_filters("primary")
    assert MatrixSettings.from_state({"rows": "nonsense"}) == MatrixSettings()
    settings = MatrixSettings(group="schools", cuts=(5.0, 10.0), percent="row")
    assert MatrixSettings.from_state(settings.to_state()) == settings
