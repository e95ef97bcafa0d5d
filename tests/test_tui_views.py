"""The facade's view methods the workbench is built on (``facade/views.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tui_support import FIXED_NOW, build_small_project

from qual_si import Project
from qual_si.errors import InvalidOperation


@pytest.fixture
def small(tmp_path: Path) -> Project:
    location = build_small_project(tmp_path)
    with Project.open(location, coder="tester") as opened:
        yield opened


def test_view_state_is_per_coder_and_not_an_event(small: Project, tmp_path: Path) -> None:
    events = small.info().events
    small.set_view_state("tree.expanded", [1, 2])
    small.set_view_state("tree.expanded", [3])
    assert small.view_state("tree.expanded") == [3]
    assert small.info().events == events
    with Project.open(tmp_path / "study.qsi", coder="someone else") as other:
        assert other.view_state("tree.expanded", "unset") == "unset"


def test_positions_last_document_and_favourites(small: Project) -> None:
    document = small.document("A02-director").id
    small.remember_position(document, 42)
    small.mark_opened(document, at=FIXED_NOW)
    assert small.position(document) == 42 and small.last_document() == document
    curriculum = small.code("Curriculum").id
    assert small.set_favourite(2, "Curriculum") == {2: curriculum}
    small.retire_code("Curriculum")
    assert small.favourites() == {}  # retired codes leave their slot
    with pytest.raises(InvalidOperation):
        small.set_favourite(10, curriculum)


def test_document_overview_counts_participant_speech_only(small: Project) -> None:
    rows = {r.name: r for r in small.document_overview()}
    assert set(rows) == {"A01-ceo", "A02-director", "A03-notes"}
    a01 = rows["A01-ceo"]
    assert (a01.case, a01.kind, a01.codings) == ("A01", "interview", 2)
    speech = sum(u.end - u.start for u in small.utterances("A01-ceo") if u.role == "participant")
    coded = sum(c.end - c.start for c in small.codings(document="A01-ceo"))
    assert a01.coded_percent == round(100 * coded / speech, 1)
    assert a01.last_opened == FIXED_NOW
    assert rows["A03-notes"].coded_percent == 0.0 and rows["A03-notes"].last_opened is None


def test_code_rows_have_depth_children_and_usage(small: Project) -> None:
    rows = {r.code.name: r for r in small.code_rows()}
    assert rows["Accountability"].children == 2 and rows["Supportive visits"].depth == 1
    assert (rows["Supportive visits"].codings, rows["Supportive visits"].documents) == (1, 1)
    assert small.code_usage("Curriculum") == (1, 1)


def test_document_view_has_text_turns_and_coloured_codings_with_memos(small: Project) -> None:
    coding = small.codings(document="A01-ceo", code="Autonomy")[0]
    small.set_memo("coding", coding.id, "a note")
    view = small.document_view("A01-ceo")
    assert view.text == small.text("A01-ceo") and len(view.utterances) == 6
    shown = {c.code: c for c in view.codings}
    assert shown["Supportive visits"].colour == "#d95f02"  # inherited from Accountability
    assert shown["Autonomy"].memos == (("tester", "a note"),)


def test_next_uncoded_participant_turn_wraps_and_filters_by_coder(small: Project) -> None:
    turns = small.utterances("A01-ceo")
    assert small.next_uncoded_utterance("A01-ceo") == turns[5]
    assert small.next_uncoded_utterance("A01-ceo", after=turns[5].start) == turns[5]
    assert small.next_uncoded_utterance("A01-ceo", after=turns[5].start, wrap=False) is None
    assert small.next_uncoded_utterance("A01-ceo", coder="nobody") == turns[1]


def test_next_uncoded_goes_on_to_the_next_document_and_round(small: Project) -> None:
    a_turns, b_turns = small.utterances("A01-ceo"), small.utterances("A02-director")
    assert small.next_uncoded_in_project("A01-ceo") == a_turns[5]
    after_a = small.next_uncoded_in_project("A01-ceo", after=a_turns[5].start)
    assert after_a == b_turns[3] and after_a is not None and after_a.document_id == b_turns[3].document_id
    # The field notes' paragraphs have no speaker and count as participant text.
    notes = small.utterances("A03-notes")
    assert small.next_uncoded_in_project("A02-director", after=b_turns[3].start) == notes[0]
    # From the last turn of the last document the search wraps round to the first document.
    assert small.next_uncoded_in_project("A03-notes", after=notes[-1].start) == a_turns[5]
    for turn in (a_turns[5], b_turns[3], *notes):
        small.add_coding(turn.document_id, turn.start, turn.end, "Autonomy")
    assert small.next_uncoded_in_project("A02-director") is None
    assert small.next_uncoded_in_project("A01-ceo", coder="nobody") == a_turns[1]


def test_add_code_and_coding_is_one_undoable_action(small: Project) -> None:
    text = small.text("A01-ceo")
    start = text.index("Now we are")
    code, coding = small.add_code_and_coding("  Growth   story ", "A01-ceo", start, start + 10)
    assert code.name == "Growth story" and coding.code_id == code.id
    assert small.undo() == "code.add_and_apply"
    assert small.codings(ids=[coding.id]) == [] and "Growth story" not in [c.name for c in small.codes()]
    with pytest.raises(InvalidOperation):
        small.add_code_and_coding("x", "A01-ceo", 5, 5)
    assert "x" not in [c.name for c in small.codes()]


def test_view_methods_on_each_backend(project: Project, tmp_path: Path) -> None:
    """SQLite and PostgreSQL (when a server is available): view state, overview, one document."""
    source = tmp_path / "one.txt"
    source.write_text("Interviewer: Why?\n\nParticipant 1: Because it works. (0:10)\n", encoding="utf-8")
    project.import_documents([source])
    text = project.text("one")
    start = text.index("Because")
    code, _coding = project.add_code_and_coding("Reasons", "one", start, start + 7)
    project.set_view_state("tree.expanded", [code.id])
    project.set_view_state("tree.expanded", [code.id, 0])
    project.mark_opened("one", at=FIXED_NOW)
    assert project.view_state("tree.expanded") == [code.id, 0]
    (row,) = project.document_overview()
    assert row.codings == 1 and row.last_opened == FIXED_NOW and 0 < row.coded_percent < 100
    assert [c.code for c in project.document_view("one").codings] == ["Reasons"]
    assert project.next_uncoded_utterance("one") is None
