"""Every mutation is one transaction with one event; undo and redo replay events."""

from __future__ import annotations

import pytest

from qual_si import Project
from qual_si.errors import ConflictError, InvalidOperation, NothingToUndo


def test_each_mutation_appends_one_event_with_coder_and_payload(project: Project) -> None:
    before = project.info().events
    project.create_case("T01")
    project.set_attribute("T01", "schools", 4)
    events = project.history(limit=2)
    assert project.info().events == before + 2
    assert [e.action for e in events] == ["attribute.set", "case.create"]
    assert all(e.coder == "tester" for e in events)
    assert events[1].payload == {"case": "T01"}


def test_a_failed_action_writes_nothing(project: Project) -> None:
    project.create_case("T01")
    project.set_attribute("T01", "schools", 4)
    before = project.info().events
    with pytest.raises(InvalidOperation):
        project.set_attribute("T01", "schools", "many")
    assert project.info().events == before
    assert project.case("T01").attributes["schools"] == 4.0


def test_undo_redo_multi_level(project: Project) -> None:
    project.create_case("T01")
    project.set_attribute("T01", "schools", 4)
    project.set_attribute("T01", "schools", 9)
    assert project.undo() == "attribute.set"
    assert project.case("T01").attributes["schools"] == 4.0
    assert project.undo() == "attribute.set"
    assert "schools" not in project.case("T01").attributes
    assert project.redo() == "attribute.set"
    assert project.case("T01").attributes["schools"] == 4.0
    assert project.redo() == "attribute.set"
    assert project.case("T01").attributes["schools"] == 9.0
    with pytest.raises(NothingToUndo):
        project.redo()


def test_new_action_ends_the_redo_chain(project: Project) -> None:
    project.create_case("T01")
    project.undo()
    project.create_case("T02")
    assert project.can_redo() is None
    with pytest.raises(NothingToUndo):
        project.redo()


def test_undo_survives_reopening(project_location: str) -> None:
    with Project.create(project_location, coder="ana") as project:
        project.create_case("T01")
    with Project.open(project_location, coder="ana") as project:
        assert project.can_undo() == "case.create"
        project.undo()
        assert project.cases() == []


def test_undo_is_per_coder(project_location: str) -> None:
    with Project.create(project_location, coder="ana") as ana:
        ana.create_case("T01")
    with Project.open(project_location, coder="ben") as ben, pytest.raises(NothingToUndo):
        ben.undo()


def test_undo_refuses_when_someone_changed_the_row_since(project_location: str) -> None:
    with Project.create(project_location, coder="ana") as ana:
        ana.create_case("T01")
        ana.set_attribute("T01", "schools", 4)
    with Project.open(project_location, coder="ben") as ben:
        ben.set_attribute("T01", "schools", 5)
    with Project.open(project_location, coder="ana") as ana:
        with pytest.raises(ConflictError, match="changed since"):
            ana.undo()
        assert ana.case("T01").attributes["schools"] == 5.0


def test_undone_event_stays_in_the_audit_trail(project: Project) -> None:
    project.create_case("T01")
    project.undo()
    actions = [(e.action, e.undone) for e in project.history(limit=2)]
    assert actions == [("undo", False), ("case.create", True)]
