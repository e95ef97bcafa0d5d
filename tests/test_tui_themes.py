"""The Themes screen on a small project (k-means: 40 segments, a second once loaded): the list,
quotes and the jump to a passage, finding themes in a worker with honest progress text, residual
themes, promotion to a code and its undo, a failing run as a notification."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from suggest_support import suggest_app
from tui_support import open_screen, pilot_test, settle

from qual_si.errors import InvalidOperation, NotFound
from qual_si.tui.screens.dialogs import PromptScreen
from qual_si.tui.screens.themes import ThemesScreen
from qual_si.tui.screens.themes_view import EMPTY, promotion_name, quote_rows, theme_rows
from qual_si.tui.screens.workbench import Workbench

pytestmark = pytest.mark.usefixtures("no_network")


def _text(screen: Any, selector: str) -> str:
    rendered = screen.query_one(selector).render()
    return str(getattr(rendered, "plain", rendered))


@pilot_test
async def test_themes_with_spread_and_quotes_and_a_jump_to_the_passage(tmp_path: Path) -> None:
    app = suggest_app(tmp_path, themes=True)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_screen(app, pilot, "T", ThemesScreen)
        expected = app.project.themes()
        assert len(expected) >= 3
        assert [t.id for t in screen.themes] == [t.id for t in expected]
        assert screen.theme_table.rows == theme_rows(expected, {})
        assert "k-means" in _text(screen, "#themes-title") and "40 segments" in _text(screen, "#themes-title")
        await pilot.press("down")
        await settle(app, pilot)
        theme = expected[1]
        assert screen.quote_table.rows == quote_rows(theme) and len(theme.quotes) == 5
        detail = _text(screen, "#theme-detail")
        assert "keywords: " + ", ".join(theme.keywords[:3]) in detail
        assert f"cases ({len(theme.cases)})" in detail and f"people ({len(theme.participants)})" in detail
        await pilot.press("enter")  # into the quotes
        await settle(app, pilot)
        assert screen.quote_table.has_focus
        await pilot.press("down", "c")
        quote = theme.quotes[1]
        assert app.clipboard == quote.attribution
        assert quote.text in _text(screen, "#theme-detail")  # the detail shows the quote in full
        await pilot.press("enter")
        await settle(app, pilot)
        workbench = app.screen
        assert isinstance(workbench, Workbench)
        assert workbench.document_id == quote.document_id
        assert workbench.transcript.cursor == quote.start
        assert workbench.transcript.selection == (quote.start, quote.end)


@pilot_test
async def test_find_themes_in_a_worker_says_which_clustering_it_uses(tmp_path: Path) -> None:
    app = suggest_app(tmp_path)  # suggestions, no themes yet
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_screen(app, pilot, "T", ThemesScreen)
        assert screen.run is None and _text(screen, "#themes-status") == EMPTY[False]
        seen: list[str | None] = []
        show = screen.show_job
        screen.show_job = lambda job: (seen.append(job.text if job else None), show(job))
        await pilot.press("F")
        await settle(app, pilot)
        assert any("Finding themes: clustering" in t and "k-means on 40 segments" in t for t in seen if t), seen
        assert seen[0] is not None and seen[-1] is None  # shown while running, gone after
        run = app.project.theme_run()
        assert screen.run is not None and screen.run.id == run.id and run.parameters["method"] == "kmeans"
        assert [t.id for t in screen.themes] == [t.id for t in run.themes]
        assert any(n.title == "Themes ready" for n in app._notifications)
        # residual themes: their own list, found the same way
        await pilot.press("r")
        await settle(app, pilot)
        assert screen.residual and screen.run is None and _text(screen, "#themes-status") == EMPTY[True]
        await pilot.press("F")
        await settle(app, pilot)
        residual = app.project.theme_run(residual=True)
        assert screen.run.id == residual.id and residual.kind == "residual"
        assert _text(screen, "#themes-title").startswith("Residual themes:")
        await pilot.press("r")
        await settle(app, pilot)
        assert not screen.residual and screen.run.id == run.id


@pilot_test
async def test_promote_a_theme_to_a_code_and_undo_it(tmp_path: Path) -> None:
    app = suggest_app(tmp_path, themes=True)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_screen(app, pilot, "T", ThemesScreen)
        project = app.project
        theme = screen.current_theme()
        await pilot.press("P")
        await settle(app, pilot)
        prompt = app.screen
        assert isinstance(prompt, PromptScreen) and prompt.value == promotion_name(theme)
        assert f"queues its {theme.size} passages as suggestions" in prompt.hint
        await pilot.press("ctrl+u", *"Board oversight", "enter")
        await settle(app, pilot)
        code = project.code("Board oversight")
        assert code.origin == "theme" and code.keywords
        queued = project.suggestions("pending", code=code.id)
        assert len(queued) == theme.size and {r.source for r in queued} == {"topic"}
        assert screen.current_theme().promoted_code_id == code.id
        assert screen.theme_table.rows[0][4] == "Board oversight"
        await pilot.press("P")  # once is enough
        assert "Already promoted" in list(app._notifications)[-1].message
        # the workbench's tree re-reads the codes on return: the new code is there
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, Workbench)
        assert "Board oversight" in [r.code.name for r in app.screen.code_tree.rows.values()]
        screen = await open_screen(app, pilot, "T", ThemesScreen)
        assert screen.current_theme().id == theme.id
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        with pytest.raises(NotFound):
            project.code("Board oversight")
        assert project.suggestions(None, source="topic") == []
        assert screen.current_theme().promoted_code_id is None and screen.theme_table.rows[0][4] == ""
        # and after the undo, gone
        await pilot.press("escape")
        await settle(app, pilot)
        assert "Board oversight" not in [r.code.name for r in app.screen.code_tree.rows.values()]


@pilot_test
async def test_a_failing_themes_run_is_a_notification(tmp_path: Path) -> None:
    app = suggest_app(tmp_path, themes=True)

    def refuse(**_options: Any) -> None:
        raise InvalidOperation("every segment is coded or scores at least 0.5 on some code")

    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_screen(app, pilot, "T", ThemesScreen)
        before = screen.run.id
        app.project.find_themes = refuse
        await pilot.press("F")
        await settle(app, pilot)
        last = list(app._notifications)[-1]
        assert (last.title, last.severity) == ("Themes", "error")
        assert last.message == "every segment is coded or scores at least 0.5 on some code"
        assert app.is_running and app.nlp_job is None and screen.run.id == before
