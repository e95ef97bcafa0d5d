"""The codebook screen: edit and reshape codes; confirmations say how many codings move."""

from __future__ import annotations

from pathlib import Path

from tui_support import (
    make_app,
    open_screen,
    pilot_test,
    settle,
    small_project,  # noqa: F401  (the fixture location)
)

from qual_si import Project
from qual_si.tui.screens.codebook import CodebookScreen
from qual_si.tui.screens.dialogs import ConfirmScreen
from qual_si.tui.widgets.code_tree import group_node_id


async def _open_codebook_on(app, pilot, code: str) -> None:  # type: ignore[no-untyped-def]
    screen = await open_screen(app, pilot, "B", CodebookScreen, code=code)
    assert screen.code_tree.selected_code_id == app.project.code(code).id


@pilot_test
async def test_rename_and_edit_definition(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_codebook_on(app, pilot, "Autonomy")
        await pilot.press("R", "ctrl+u", *"Local autonomy", "enter")
        await settle(app, pilot)
        assert app.project.code("Local autonomy").definition == "Heads decide for their own school."
        app.screen.query_one("#field-definition").text = "Heads decide alone."
        app.screen.query_one("#field-keywords").value = "decide, own school"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        code = app.project.code("Local autonomy")
        assert code.definition == "Heads decide alone." and code.keywords == ("decide", "own school")


@pilot_test
async def test_merge_confirms_how_many_codings_move(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_codebook_on(app, pilot, "Autonomy")
        autonomy = app.project.code("Autonomy").id
        await pilot.press("G", *"curric", "enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "1 codings move" in app.screen.message
        await pilot.press("y")
        await settle(app, pilot)
        assert app.project.code(autonomy).status == "merged"
        assert len(app.project.codings(code="Curriculum")) == 2


@pilot_test
async def test_move_under_another_code_and_back_to_top(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_codebook_on(app, pilot, "Autonomy")
        await pilot.press("M", *"accountab", "enter")
        await settle(app, pilot)
        assert "1 codings move with it" in app.screen.message
        await pilot.press("y")
        await settle(app, pilot)
        assert app.project.code("Autonomy").parent_id == app.project.code("Accountability").id
        await pilot.press("M", "enter", "y")  # first entry: the top level
        await settle(app, pilot)
        assert app.project.code("Autonomy").parent_id is None


@pilot_test
async def test_split_moves_the_ticked_codings_to_a_new_sub_code(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_codebook_on(app, pilot, "Curriculum")
        await pilot.press("P", *"Shared plans", "tab", "space", "ctrl+s")
        await settle(app, pilot)
        assert "1 of 1 codings move" in app.screen.message
        await pilot.press("y")
        await settle(app, pilot)
        shared = app.project.code("Shared plans")
        assert shared.parent_id == app.project.code("Curriculum").id
        assert len(app.project.codings(code="Shared plans")) == 1
        assert app.project.codings(code="Curriculum") == []


@pilot_test
async def test_split_into_several_sub_codes_at_once(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_codebook_on(app, pilot, "Accountability")
        project = app.project
        text = project.text("A01-ceo")
        for words in ("We visit every school each term.", "We look at assessment data twice a year"):
            start = text.index(words)
            project.add_coding("A01-ceo", start, start + len(words), "Accountability")
        visits, data = (c.id for c in sorted(project.codings(code="Accountability"), key=lambda c: c.start))
        await pilot.press("P", *"Termly visits", "tab", "space", "ctrl+n")  # first coding -> first part
        await settle(app, pilot)
        assert app.screen.parts == {"Termly visits": [visits]}
        await pilot.press(*"Data twice yearly", "tab", "space", "ctrl+s")  # the one left -> second part
        await settle(app, pilot)
        assert "2 of 2 codings move to them" in app.screen.message
        await pilot.press("y")
        await settle(app, pilot)
        assert [c.id for c in project.codings(code="Termly visits")] == [visits]
        assert [c.id for c in project.codings(code="Data twice yearly")] == [data]
        assert {project.code(n).parent_id for n in ("Termly visits", "Data twice yearly")} == {
            project.code("Accountability").id}
        assert project.undo() == "code.split"  # one undoable action for both parts
        assert sorted(c.id for c in project.codings(code="Accountability")) == sorted([visits, data])


@pilot_test
async def test_retire_keeps_codings_and_hides_the_code(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_codebook_on(app, pilot, "Curriculum")
        await pilot.press("X")
        assert "Its 1 codings are kept" in app.screen.message
        await pilot.press("y")
        await settle(app, pilot)
        assert app.project.code("Curriculum").status == "retired"
        assert len(app.project.codings(code="Curriculum")) == 1
        assert app.project.code("Curriculum").id not in app.screen.code_tree.rows
        await pilot.press("U", "enter")  # the only retired code
        await settle(app, pilot)
        assert app.project.code("Curriculum").status == "active"
        assert app.project.code("Curriculum").id in app.screen.code_tree.rows


@pilot_test
async def test_add_a_sub_code_and_load_a_shipped_codebook(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_codebook_on(app, pilot, "Accountability")
        await pilot.press("a", *"Peer review", "enter")
        await settle(app, pilot)
        assert app.project.code("Peer review").parent_id == app.project.code("Accountability").id
        await pilot.press("L", *"d002_seven_pillars", "enter")
        await settle(app, pilot)
        assert "d002_seven_pillars" in [b.key for b in app.project.codebooks()]
        assert any(r.code.codebook == "d002_seven_pillars" for r in app.screen.code_tree.rows.values())


@pilot_test
async def test_a_refused_operation_is_a_notification_not_a_crash(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open_codebook_on(app, pilot, "Accountability")
        await pilot.press("G", *"supportive", "enter", "y")  # into its own sub-code: refused
        await settle(app, pilot)
        assert app.project.code("Accountability").status == "active"
        assert any(n.severity == "error" for n in app._notifications)
        assert app.is_running


@pilot_test
async def test_a_framework_group_opened_stays_open_after_an_edit(location: Path) -> None:
    with Project.open(location, coder="tester") as project:
        project.load_codebook("d002_seven_pillars")  # the first group: open on the first visit anyway
        project.load_codebook("d003_four_ps")
    app = make_app(location)
    group = group_node_id("d003_four_ps")

    def group_node():  # type: ignore[no-untyped-def]
        return next(n for n in app.screen.code_tree.root.children if n.data == group)

    async with app.run_test(size=(100, 30)) as pilot:
        await _open_codebook_on(app, pilot, "Autonomy")
        group_node().expand()
        await settle(app, pilot)
        assert group in app.screen.code_tree.expanded_codes
        await pilot.press("R", "ctrl+u", *"Local autonomy", "enter")  # saved, then the tree is read again
        await settle(app, pilot)
        assert app.project.code("Local autonomy").status == "active"
        assert group_node().is_expanded
