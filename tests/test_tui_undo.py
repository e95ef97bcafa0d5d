"""Undo and redo from the workbench: multi-level, for codings and code edits, across a restart."""

from __future__ import annotations

from pathlib import Path

from tui_support import (
    make_app,
    pilot_test,
    settle,
    small_project,  # noqa: F401  (the fixture location)
)

from qual_si import Project


@pilot_test
async def test_undo_and_redo_codings_several_levels(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        workbench = app.screen
        workbench.code_tree.select_code(app.project.code("Curriculum").id)
        await pilot.press("down", "down", "V", "enter", "s", "V", "enter")
        await settle(app, pilot)
        assert len(app.project.codings(code="Curriculum", document="A01-ceo")) == 2
        await pilot.press("ctrl+z", "ctrl+z")
        await settle(app, pilot)
        assert app.project.codings(code="Curriculum", document="A01-ceo") == []
        assert len(workbench.transcript.model.codings) == 2  # the two codings made when the project was built
        await pilot.press("ctrl+y")
        await settle(app, pilot)
        assert len(app.project.codings(code="Curriculum", document="A01-ceo")) == 1
        assert len(workbench.transcript.model.codings) == 3
        assert workbench.code_tree.rows[app.project.code("Curriculum").id].codings == 2


@pilot_test
async def test_undo_a_code_rename_made_in_the_codebook(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.screen.code_tree.select_code(app.project.code("Autonomy").id)
        await pilot.press("B", "R", "ctrl+u", *"Self-rule", "enter")
        await settle(app, pilot)
        assert app.project.code("Self-rule")
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert app.project.code("Autonomy").name == "Autonomy"
        assert "Autonomy" in [r.code.name for r in app.screen.code_tree.rows.values()]


@pilot_test
async def test_undo_survives_a_restart(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.screen.code_tree.select_code(app.project.code("Curriculum").id)
        await pilot.press("down", "down", "enter")
        await settle(app, pilot)
    app.project.close()
    assert len(Project.open(location, coder="tester").codings(code="Curriculum", document="A01-ceo")) == 1

    again = make_app(location)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(again, pilot)
        await pilot.press("ctrl+z")
        await settle(again, pilot)
        assert again.project.codings(code="Curriculum", document="A01-ceo") == []
        assert any("Undone: coding.add" in n.message for n in again._notifications)


@pilot_test
async def test_nothing_to_undo_is_a_notification(tmp_path: Path) -> None:
    location = tmp_path / "empty.qsi"
    Project.create(location, coder="tester").close()
    app = make_app(location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+z", "enter", "x", "r")  # nothing to undo, no document, no code: all refused
        await settle(app, pilot)
        assert any(n.severity == "error" and "nothing to undo" in n.message for n in app._notifications)
        assert app.is_running


@pilot_test
async def test_undo_on_another_screen_refreshes_the_workbench_on_return(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        workbench = app.screen
        workbench.code_tree.select_code(app.project.code("Curriculum").id)
        await pilot.press("down", "down", "enter", "r")
        await settle(app, pilot)
        assert len(workbench.transcript.model.codings) == 3
        await pilot.press("ctrl+z", "escape")
        await settle(app, pilot)
        assert app.screen is workbench
        assert len(workbench.transcript.model.codings) == 2
        assert workbench.code_tree.rows[app.project.code("Curriculum").id].codings == 1
