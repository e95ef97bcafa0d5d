"""Coding from the keyboard: every action is checked on the project's state, not only the screen."""

from __future__ import annotations

from pathlib import Path

from tui_support import (
    make_app,
    pilot_test,
    settle,
    small_project,  # noqa: F401  (the fixture location)
)

from qual_si import Project


def _codings(location: Path, code: str, document: str = "A01-ceo") -> list[tuple[int, int, str]]:
    with Project.open(location, coder="tester") as project:
        return [(c.start, c.end, c.snippet) for c in project.codings(document=document, code=code)]


@pilot_test
async def test_enter_applies_the_tree_code_to_the_turn_under_the_cursor(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        workbench = app.screen
        workbench.code_tree.select_code(app.project.code("Curriculum").id)
        await pilot.press("down", "down", "enter")  # heading -> interviewer -> participant turn
        await settle(app, pilot)
        turn = app.project.utterances("A01-ceo")[1]
    assert _codings(location, "Curriculum") == [(turn.start, turn.end, app.project.text("A01-ceo")[turn.start:turn.end])]
    assert "coded" in workbench.last_action


@pilot_test
async def test_sentence_selection_extended_by_words_is_what_gets_coded(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.screen.code_tree.select_code(app.project.code("Autonomy").id)
        await pilot.press("down", "down", "V", "shift+down", "shift+right", "enter")
        await settle(app, pilot)
    (coded,) = [c for c in _codings(location, "Autonomy") if c[2].startswith("We began")]
    assert coded[2] == ("We began as two primary schools sharing a maths lead. Now we are six schools. The")


@pilot_test
async def test_word_and_sentence_motions_then_select_turn(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        transcript = app.screen.transcript
        await pilot.press("down", "down", "w", "w")
        text = transcript.model.text
        assert text[transcript.cursor:].startswith("as two primary")
        await pilot.press("s")
        assert text[transcript.cursor:].startswith("Now we are six")
        await pilot.press("S", "w")
        assert text[transcript.cursor:].startswith("began as two")
        await pilot.press("v")
        assert text[slice(*transcript.selection)].startswith("We began") and transcript.selection[1] > transcript.cursor
        await pilot.press("escape")
        assert transcript.selection is None


@pilot_test
async def test_favourite_slots_assign_and_apply(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        curriculum = app.project.code("Curriculum").id
        app.screen.code_tree.select_code(curriculum)
        await pilot.press("f", "3")
        assert app.project.favourites() == {3: curriculum}
        await pilot.press("ctrl+t", "down", "down", "V", "3")
        await settle(app, pilot)
    assert [c[2] for c in _codings(location, "Curriculum")] == ["We began as two primary schools sharing a maths lead."]


@pilot_test
async def test_code_palette_matches_name_and_definition(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "down", "V", "slash", *"curric", "enter")
        await settle(app, pilot)
        await pilot.press("s", "V", "slash", *"judgement", "enter")  # only in the definition of Supportive visits
        await settle(app, pilot)
    assert [c[2] for c in _codings(location, "Curriculum")] == ["We began as two primary schools sharing a maths lead."]
    assert "Now we are six schools." in [c[2] for c in _codings(location, "Supportive visits")]


@pilot_test
async def test_new_code_from_selection_is_one_undoable_action(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "down", "V", "n", *"Growth story", "enter")
        await settle(app, pilot)
        assert [c[2] for c in _codings(location, "Growth story")] == [
            "We began as two primary schools sharing a maths lead."]
        assert app.project.can_undo() == "code.add_and_apply"
        assert app.screen.code_tree.selected_code_id == app.project.code("Growth story").id


@pilot_test
async def test_in_vivo_code_is_named_with_the_selected_words(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "down", "s", "V", "N", "enter")
        await settle(app, pilot)
        names = [c.name for c in app.project.codes(codebook="project")]
        assert [c.snippet for c in app.project.codings(code="Now we are six schools")] == ["Now we are six schools."]
    assert "Now we are six schools" in names


@pilot_test
async def test_remove_coding_under_the_cursor(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        text = app.project.text("A01-ceo")
        app.screen.transcript.goto(text.index("heads still decide"))
        await pilot.press("x")
        await settle(app, pilot)
        assert app.screen.code_tree.rows[app.project.code("Autonomy").id].codings == 0
    assert _codings(location, "Autonomy") == []


@pilot_test
async def test_memo_on_a_coding_and_on_the_document(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        text = app.project.text("A01-ceo")
        app.screen.transcript.goto(text.index("heads still decide"))
        await pilot.press("m", "enter", *"small team", "ctrl+s")  # first choice: the coding here
        await settle(app, pilot)
        await pilot.press("m", "down", "enter", *"rich interview", "ctrl+s")  # then the document
        await settle(app, pilot)
        coding = app.project.codings(document="A01-ceo", code="Autonomy")[0]
        assert [m.text for m in app.project.memos("coding", coding.id)] == ["small team"]
        assert [m.text for m in app.project.memos("document", "A01-ceo")] == ["rich interview"]
        shown = app.screen.query_one("#detail").text.plain
        assert "small team" in shown and "DOCUMENT MEMO" in shown and "rich interview" in shown


@pilot_test
async def test_memo_on_the_tree_code_and_on_the_case(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.screen.code_tree.select_code(app.project.code("Curriculum").id)
        await pilot.press("m", "down", "enter", *"needs a sharper definition", "ctrl+s")  # document, code, case
        await settle(app, pilot)
        await pilot.press("m", "down", "down", "enter", *"six schools", "ctrl+s")
        await settle(app, pilot)
        assert [m.text for m in app.project.memos("code", "Curriculum")] == ["needs a sharper definition"]
        assert [m.text for m in app.project.memos("case", "A01")] == ["six schools"]
        shown = app.screen.query_one("#detail").text.plain
        assert "needs a sharper definition" in shown
        assert "CASE MEMO" in shown and "six schools" in shown  # the case's memo is shown, not only stored


@pilot_test
async def test_next_uncoded_participant_turn(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        turns = app.project.utterances("A01-ceo")
        await pilot.press("u")  # turn 1 has a coding (Autonomy), turn 3 too: the first uncoded is turn 5
        assert app.screen.transcript.cursor == turns[5].start
        await pilot.press("u")  # none left here: on to the next document with an uncoded turn
        await settle(app, pilot)
        assert app.screen.document_name == "A02-director"
        assert app.screen.transcript.cursor == app.project.utterances("A02-director")[3].start
        await pilot.press("u", "u", "u")  # the three paragraphs of the field notes
        await settle(app, pilot)
        assert app.screen.document_name == "A03-notes"
        assert app.screen.transcript.cursor == app.project.utterances("A03-notes")[2].start
        await pilot.press("u")  # and round to the first document again
        await settle(app, pilot)
        assert app.screen.document_name == "A01-ceo"
        assert app.screen.transcript.cursor == turns[5].start


@pilot_test
async def test_next_uncoded_after_an_error_shows_only_the_error(location: Path) -> None:
    from qual_si.errors import NotFound

    app = make_app(location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)

        def broken(*_args: object) -> None:
            raise NotFound("no document 99")

        app.project.next_uncoded_in_project = broken
        await pilot.press("u")
        await settle(app, pilot)
        messages = [n.message for n in app._notifications]
        assert "no document 99" in messages
        assert not any("Every participant turn" in m for m in messages)


@pilot_test
async def test_link_the_speaker_of_a_turn_to_a_participant_and_unlink(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "down", "p", *"Head of Oak", "enter")  # on Participant 1's first turn
        await settle(app, pilot)
        assert app.project.speaker_participants("A01-ceo")["Participant 1"] == "Head of Oak"
        assert app.project.participants_frame()["participant"].tolist() == ["A02-director: Participant 2",
                                                                            "Head of Oak"]
        assert "Participant 1 is Head of Oak" in app.screen.last_action
        await pilot.press("p")
        await settle(app, pilot)
        assert app.screen.query_one("#prompt-input").value == "Head of Oak"  # the current link is offered
        app.screen.query_one("#prompt-input").value = ""
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.project.speaker_participants("A01-ceo")["Participant 1"] is None
        await pilot.press("home", "p")  # the heading has no speaker: a warning, no dialog
        await settle(app, pilot)
        assert any("speaker label" in n.message for n in app._notifications)


@pilot_test
async def test_interviewer_turns_shown_dimmed_hidden_and_remembered(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        transcript = app.screen.transcript
        shown_rows = len(transcript.model.layout(40).rows)
        await pilot.press("i")
        assert transcript.interviewer_mode == "dimmed"
        await pilot.press("i")
        assert transcript.interviewer_mode == "hidden"
        assert all(transcript.model.blocks[i].role != "interviewer" for i in transcript.model.visible)
        assert len(transcript.model.layout(40).rows) < shown_rows
        assert app.project.view_state("interviewer_mode") == "hidden"


@pilot_test
async def test_mouse_drag_selects_whole_words(location: Path) -> None:
    app = make_app(location)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        transcript = app.screen.transcript
        text = transcript.model.text
        app.screen.code_tree.select_code(app.project.code("Curriculum").id)
        layout = transcript.model.layout(transcript._geometry.text)
        row = next(i for i, r in enumerate(layout.rows) if text[r.start:r.end].startswith("We began"))
        x0 = transcript._geometry.gutter + transcript._geometry.bars + 1
        await pilot.mouse_down(transcript, offset=(x0 + 1, row))  # inside "We"
        await pilot.hover(transcript, offset=(x0 + 16, row))  # inside "primary"
        await pilot.mouse_up(transcript, offset=(x0 + 16, row))
        assert text[slice(*transcript.selection)] == "We began as two primary"
        await pilot.press("enter")
        await settle(app, pilot)
    assert [c[2] for c in _codings(location, "Curriculum")] == ["We began as two primary"]
