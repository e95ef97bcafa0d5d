"""Ratings from the Matrix screen: rate a case with a rationale, refuse an off-scale value with a
notification, remove a rating, move between cases, see the typology portrait."""

from __future__ import annotations

from pathlib import Path

from matrix_support import OTHER_RATER, matrix_app, open_matrix
from tui_support import pilot_test, settle

from qual_si.tui.screens.matrix_ratings import RatingsScreen, scale_text


def _mine(project, case: str) -> dict[str, tuple[float, str]]:  # type: ignore[no-untyped-def]
    names = {c.id: c.name for c in project.rating_dimensions()}
    return {names[r.code_id]: (r.value, r.rationale) for r in project.ratings(case=case) if r.rater == project.coder}


@pilot_test
async def test_rate_a_case_and_refuse_an_off_scale_value(tmp_path: Path) -> None:
    app = matrix_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_matrix(app, pilot)
        await pilot.press("R")  # the cursor is on case A01
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, RatingsScreen) and screen.case == "A01"
        portrait = screen.query_one("#ratings-portrait").render().plain
        assert "Purpose-led" in portrait and "Purpose 4" in portrait  # from the other rater's four Ps
        await pilot.press("enter", "4", "enter", *"vision", "enter")
        await settle(app, pilot)
        project = app.project
        assert _mine(project, "A01") == {"Purpose": (4.0, "vision")}
        # off the 1-5 scale: refused, said so, nothing changed
        await pilot.press("enter", "ctrl+u", "9", "enter", "enter")
        await settle(app, pilot)
        last = app._notifications  # noqa: SLF001 - the notifications the user saw
        assert [n.severity for n in last][-1] == "error" and "outside the scale" in list(last)[-1].message
        assert _mine(project, "A01") == {"Purpose": (4.0, "vision")}
        await pilot.press("enter", "ctrl+u", *"abc", "enter", "enter")
        await settle(app, pilot)
        assert "not a number" in list(app._notifications)[-1].message  # noqa: SLF001
        # the table shows both raters
        row = screen.query_one("#ratings-table").rows[0]
        assert row[:4] == ("Purpose", "1-5", "4", f"4 ({OTHER_RATER})")


@pilot_test
async def test_ratings_change_the_portrait_and_can_be_removed_and_undone(tmp_path: Path) -> None:
    app = matrix_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_matrix(app, pilot)
        await pilot.press("R")
        await settle(app, pilot)
        screen = app.screen
        project = app.project

        def profile() -> str:  # the portrait line after its name: the mean of both raters per P
            return screen.query_one("#ratings-portrait").render().plain.split(" \u2014 ")[1]

        assert profile() == "Process 2 \u00b7 Purpose 4 \u00b7 Participation 2 \u00b7 Performance 3"  # the other rater's
        await pilot.press("down", "down", "down", "enter", "5", "enter", "enter")  # Process 5 (mean 3.5)
        await settle(app, pilot)
        assert _mine(project, "A01") == {"Process": (5.0, "")}
        assert "Purpose-led" in screen.query_one("#ratings-portrait").render().plain
        assert profile() == "Process 3.5 \u00b7 Purpose 4 \u00b7 Participation 2 \u00b7 Performance 3"
        await pilot.press("up", "up", "enter", "1", "enter", "enter")  # Performance 1: mean 2
        await settle(app, pilot)
        assert profile() == "Process 3.5 \u00b7 Purpose 4 \u00b7 Participation 2 \u00b7 Performance 2"
        await pilot.press("x")
        await settle(app, pilot)
        assert _mine(project, "A01") == {"Process": (5.0, "")}
        assert profile().endswith("Performance 3")
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert _mine(project, "A01") == {"Process": (5.0, ""), "Performance": (1.0, "")}
        assert screen.query_one("#ratings-table").rows[1][2] == "1"
        assert profile().endswith("Performance 2")


@pilot_test
async def test_next_case_desired_state_and_a_case_without_ratings(tmp_path: Path) -> None:
    app = matrix_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_matrix(app, pilot)
        await pilot.press("R", "n")
        await settle(app, pilot)
        screen = app.screen
        assert screen.case == "A02"
        assert "rate the four Ps" in screen.query_one("#ratings-portrait").render().plain
        await pilot.press("k", "enter", "2", "enter", "enter")
        await settle(app, pilot)
        ratings = app.project.ratings(case="A02")
        assert [(r.kind, r.value) for r in ratings] == [("desired", 2.0)]
        await pilot.press("escape")
        await settle(app, pilot)
        assert type(app.screen).__name__ == "MatrixScreen"


def test_scale_text() -> None:
    assert scale_text({"min": 1, "max": 5, "labels": {"1": "weak", "5": "strong"}}) == "1-5: 1 weak, 5 strong"
    assert scale_text(None) == "1-5"
