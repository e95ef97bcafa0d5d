"""Retrieval: segments of a code across documents, filters, sorting, jump and quote copy."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_support import (
    make_app,
    open_screen,
    pilot_test,
    settle,
    small_project,  # noqa: F401  (the fixture location)
)

from qual_si.tui.screens.retrieval import RetrievalScreen, parse_filter
from qual_si.tui.screens.workbench import Workbench


async def _retrieve(app, pilot, code: str) -> RetrievalScreen:  # type: ignore[no-untyped-def]
    screen: RetrievalScreen = await open_screen(app, pilot, "r", RetrievalScreen, code=code)
    return screen


@pilot_test
async def test_retrieval_lists_segments_of_sub_codes_and_copies_a_quote(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _retrieve(app, pilot, "Accountability")
        assert [s.text for s in screen.segments] == ["The visits are supportive rather than punitive."]
        assert screen.query_one("#retrieval-table").row_count == 1
        await pilot.press("c")
        assert app.clipboard == 'Participant 1: "The visits are supportive rather than punitive." (1:40)'
        await pilot.press("h")  # this code only: the coding is on the sub-code
        await settle(app, pilot)
        assert screen.segments == []


@pilot_test
async def test_filter_by_case_attribute_and_coder_then_sort_by_case(location: Path) -> None:
    app = make_app(location)
    app.project.add_coding("A02-director", 0, 9, "Supportive visits")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _retrieve(app, pilot, "Accountability")
        assert len(screen.segments) == 2
        screen.query_one("#retrieval-filter").value = "phase=secondary"
        await pilot.press("ctrl+f", "enter")
        await settle(app, pilot)
        assert [s.case for s in screen.segments] == ["A02"]
        screen.query_one("#retrieval-filter").value = "coder=nobody"
        await pilot.press("ctrl+f", "enter")
        await settle(app, pilot)
        assert screen.segments == []
        screen.query_one("#retrieval-filter").value = ""
        await pilot.press("ctrl+f", "enter", "o")
        await settle(app, pilot)
        assert screen.sort == "case" and [s.case for s in screen.segments] == ["A01", "A02"]


@pilot_test
async def test_enter_jumps_to_the_segment_in_its_transcript(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _retrieve(app, pilot, "Curriculum")
        segment = screen.segments[0]
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, Workbench)
        assert app.screen.document_id == segment.document_id
        assert app.screen.transcript.selection == (segment.start, segment.end)


def test_parse_filter_types_values_and_refuses_unknown_attributes() -> None:
    from qual_si.errors import InvalidOperation
    from qual_si.model import Attribute

    attributes = [Attribute(1, "phase", "category"), Attribute(2, "schools", "number"), Attribute(3, "diocesan", "boolean")]
    assert parse_filter("phase=primary; phase=secondary, schools=4; diocesan=yes; coder=alex", attributes) == (
        {"phase": ["primary", "secondary"], "schools": 4.0, "diocesan": True}, "alex")
    assert parse_filter("", attributes) == ({}, None)
    with pytest.raises(InvalidOperation):
        parse_filter("region=north", attributes)
    with pytest.raises(InvalidOperation):
        parse_filter("primary", attributes)


def test_filter_values_are_typed_as_the_facade_stores_them(location: Path) -> None:
    """A date filter matches (the facade compares dates); a value that is not yes/no is refused."""
    from datetime import date

    from qual_si import Project
    from qual_si.errors import InvalidOperation

    with Project.open(location, coder="tester") as project:
        project.set_attribute("A01", "joined", date(2019, 9, 1))
        project.set_attribute("A02", "joined", date(2021, 9, 1))
        project.set_attribute("A01", "diocesan", True)
        attributes = project.attributes()
        where, _ = parse_filter("joined=2021-09-01", attributes)
        assert where == {"joined": date(2021, 9, 1)}
        assert [s.case for s in project.retrieve("Curriculum", where=where)] == ["A02"]
        with pytest.raises(InvalidOperation, match="diocesan"):
            parse_filter("diocesan=maybe", attributes)


@pilot_test
async def test_an_unexpected_error_reading_segments_is_a_notification(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _retrieve(app, pilot, "Accountability")

        def broken(*_args: object, **_options: object) -> None:
            raise RuntimeError("disk on fire")

        app.project.retrieve = broken
        await pilot.press("o")  # sort by case: read again
        await settle(app, pilot)
        last = list(app._notifications)[-1]
        assert (last.message, last.severity) == ("Unexpected error: RuntimeError: disk on fire", "error")
        assert app.is_running and app.screen is screen and screen.loaded


@pilot_test
async def test_filters_picked_from_a_list_of_attribute_values_and_coders(location: Path) -> None:
    from qual_si.tui.screens.dialogs import ChoiceScreen

    app = make_app(location)
    app.project.add_coding("A02-director", 0, 9, "Supportive visits")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _retrieve(app, pilot, "Accountability")
        await pilot.press("f")
        await settle(app, pilot)
        assert isinstance(app.screen, ChoiceScreen)
        offered = [label for label, _ in app.screen.choices]
        assert offered == ["(clear the filter)", "phase = primary", "phase = secondary", "coder = tester"]
        await pilot.press("down", "down", "enter")  # phase = secondary
        await settle(app, pilot)
        assert screen.query_one("#retrieval-filter").value == "phase=secondary"
        assert [s.case for s in screen.segments] == ["A02"]
        await pilot.press("f", "down", "down", "down", "enter")  # and coder = tester, added to it
        await settle(app, pilot)
        assert screen.query_one("#retrieval-filter").value == "phase=secondary; coder=tester"
        assert [s.case for s in screen.segments] == ["A02"]
        await pilot.press("f", "enter")  # clear
        await settle(app, pilot)
        assert screen.query_one("#retrieval-filter").value == "" and len(screen.segments) == 2
