"""Help, command palette, footer, status bar, errors as notifications, start-up imports, `qual-si open`."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.console import Console
from support import modules_loaded_by
from tui_support import (
    make_app,
    pilot_test,
    settle,
    small_project,  # noqa: F401  (the fixture location)
)

from qual_si.tui import keys
from qual_si.tui.commands import palette_actions
from qual_si.tui.screens.help import HelpScreen, help_table


@pilot_test
async def test_help_screen_lists_every_key(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=100, record=True)
        console.print(help_table())
        text = console.export_text()
        for _title, group in keys.GROUPS:
            for key in group:
                assert key.shown in text and key.description[:30] in text, key
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


@pilot_test
async def test_command_palette_offers_every_workbench_action(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        titles = {title for title, _help, _callback in palette_actions(app.screen)}
        wanted = {k.description for k in [*keys.WORKBENCH, *keys.SUGGEST_PANEL, *keys.TRANSCRIPT, *keys.APP]
                  if k.palette}
        assert wanted <= titles
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        await commands["Next uncoded participant turn (then the next document)"].callback()
        await settle(app, pilot)
        assert app.screen.transcript.cursor == app.project.utterances("A01-ceo")[5].start


@pilot_test
async def test_palette_command_applies_a_code(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "down", "ctrl+p", *"Apply code: Curriculum")
        await settle(app, pilot)
        await pilot.press("enter")
        await settle(app, pilot)
        assert len(app.project.codings(code="Curriculum", document="A01-ceo")) == 1


@pilot_test
async def test_footer_and_status_bar(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        footer_keys = {key for key, active in app.screen.active_bindings.items() if active.binding.show}
        assert {"v", "enter", "slash", "n", "x", "m", "u", "r", "c", "d", "ctrl+z", "question_mark", "q"} <= {
            k.split(",")[0] for k in footer_keys}
        status = app.screen.query_one("#status").render().plain
        assert "A01-ceo" in status and "case A01" in status and "coder tester" in status
        assert "2 codings" in status and "saved" in status and "unsaved" not in status
        app.screen.code_tree.select_code(app.project.code("Curriculum").id)
        await pilot.press("down", "down", "enter")
        await settle(app, pilot)
        status = app.screen.query_one("#status").render().plain
        assert "3 codings" in status and "coded \u201cCurriculum\u201d" in status


@pilot_test
async def test_coding_the_same_passage_twice_is_refused_with_a_notification(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        app.screen.code_tree.select_code(app.project.code("Curriculum").id)
        await pilot.press("down", "down", "enter", "enter")
        await settle(app, pilot)
        assert len(app.project.codings(code="Curriculum", document="A01-ceo")) == 1
        assert [n.severity for n in app._notifications][-1] == "error"
        assert app.is_running


@pilot_test
async def test_copy_quote_from_the_transcript(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "down", "s", "V", "c")
    assert app.clipboard == 'Participant 1: "Now we are six schools." (0:12)'


def test_workbench_start_up_does_not_import_nlp_or_pandas() -> None:
    loaded = modules_loaded_by("import qual_si.tui.app, qual_si.cli")
    assert not loaded & {"spacy", "bertopic", "torch", "sklearn", "pandas"}


def test_open_command_runs_the_workbench_on_the_project(location: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import qual_si.tui as tui
    from qual_si.cli import main

    opened: list[str] = []
    monkeypatch.setattr(tui, "run", lambda project: opened.append(project.info().name))
    assert main(["open", str(location)]) == 0
    assert opened == ["Workbench test"]
    assert main(["open", str(location.parent / "missing.qsi")]) == 1
