"""The code tree: filter as you type, counts that follow coding, expanded codes remembered."""

from __future__ import annotations

from pathlib import Path

from tui_support import (
    make_app,
    pilot_test,
    settle,
    small_project,  # noqa: F401  (the fixture location)
)


def _shown(tree) -> list[str]:  # type: ignore[no-untyped-def]
    names = []
    line = 0
    while (node := tree.get_node_at_line(line)) is not None:
        names.append(tree.rows[node.data].code.name)
        line += 1
    return names


@pilot_test
async def test_filter_as_you_type_keeps_ancestors_and_enter_applies(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        tree = app.screen.code_tree
        assert _shown(tree) == ["Accountability", "Curriculum", "Autonomy"]  # collapsed at first
        await pilot.press("ctrl+f", *"judgement")  # in the definition of Supportive visits only
        await settle(app, pilot)
        assert _shown(tree) == ["Accountability", "Supportive visits"]
        assert tree.selected_code_id == app.project.code("Supportive visits").id
        await pilot.press("enter")  # to the tree
        assert app.focused is tree
        await pilot.press("ctrl+t", "down", "down", "t", "enter")  # code the participant turn from the tree
        await settle(app, pilot)
        assert len(app.project.codings(code="Supportive visits")) == 2
        row = tree.rows[app.project.code("Supportive visits").id]
        assert (row.codings, row.documents) == (2, 1)
        assert "2\u00b71" in str(tree.get_node_at_line(1).label)


@pilot_test
async def test_expanded_codes_are_remembered_across_sessions(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("t", "space")  # expand Accountability
        await settle(app, pilot)
        assert _shown(app.screen.code_tree)[:2] == ["Accountability", "Supportive visits"]
    app.project.close()
    again = make_app(location)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(again, pilot)
        assert _shown(again.screen.code_tree) == ["Accountability", "Supportive visits", "Use of data",
                                                  "Curriculum", "Autonomy"]
        assert again.project.view_state("tree.expanded") == [again.project.code("Accountability").id]
