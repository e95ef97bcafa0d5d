"""Codebooks inside a project: loading with conflict strategies, and reshaping that codings follow."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from support import default_file_mode

from qual_si import Project
from qual_si.errors import CodebookError, ConflictError, InvalidOperation

TRANSCRIPT = (
    "Interviewer: How do schools share practice?\n"
    "Participant 1: Our heads meet every half term. We film lessons in trios and pick them apart.\n"
    "Interviewer: And assessment?\n"
    "Participant 1: All schools sit the same mock exam in January, so we compare like with like.\n"
)


@pytest.fixture
def coded(project: Project, tmp_path: Path) -> Project:
    source = tmp_path / "T01-ceo.txt"
    source.write_text(TRANSCRIPT, encoding="utf-8")
    assert project.import_documents([source]).ok
    project.load_codebook("d003_strategic_areas")
    text = project.text("T01-ceo")
    for phrase, code in [
        ("Our heads meet every half term.", "d003_strategic_areas.sa2_3"),
        ("We film lessons in trios and pick them apart.", "d003_strategic_areas.sa2_3c"),
        ("All schools sit the same mock exam in January", "d003_strategic_areas.sa3_1"),
        ("so we compare like with like.", "d003_strategic_areas.sa3_1"),
    ]:
        start = text.index(phrase)
        project.add_coding("T01-ceo", start, start + len(phrase), code)
    return project


def _spans(project: Project) -> list[tuple[int, int, int]]:
    return sorted((c.document_id, c.start, c.end) for c in project.codings())


def test_loading_keeps_framework_ids_and_groups(project: Project) -> None:
    report = project.load_codebook("d003_strategic_areas")
    assert "d003_strategic_areas.sa1_1" in report.added
    assert (
        project.code("d003_strategic_areas.sa1_1").parent_id
        == project.code("d003_strategic_areas.sa1").id
    )
    assert project.code("sa.sa1_1").id == project.code("d003_strategic_areas.sa1_1").id  # alias
    assert [b.key for b in project.codebooks()] == [
        "d003_strategic_areas",
        "project",
    ]  # own codes last


def test_loading_a_clashing_codebook_needs_a_strategy(project: Project) -> None:
    project.load_codebook("d003_four_ps")
    with pytest.raises(ConflictError, match="--on-conflict"):
        project.load_codebook("d003_four_ps")
    skipped = project.load_codebook("d003_four_ps", on_conflict="skip")
    assert skipped.added == [] and len(skipped.skipped) == 4
    renamed = project.load_codebook("d003_four_ps", on_conflict="rename")
    assert renamed.renamed["d003_four_ps.purpose"] == "d003_four_ps.purpose_2"
    assert project.code("d003_four_ps.purpose_2").scale["max"] == 5


def test_a_broken_codebook_is_never_half_loaded(project: Project, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "format: qual-si-codebook/1\nid: broken\ntitle: Broken\ncodes:\n"
        "  - id: a\n    name: A\n    definition: fine\n"
        "  - id: a\n    name: A again\n    definition: duplicate id\n",
        encoding="utf-8",
    )
    before = len(project.codes())
    with pytest.raises(CodebookError):
        project.load_codebook(broken)
    assert len(project.codes()) == before
    assert "broken" not in [b.key for b in project.codebooks()]


def test_undo_a_codebook_load(project: Project) -> None:
    project.load_codebook("d003_four_ps")
    project.undo()
    assert project.codes(codebook="d003_four_ps") == []


def test_merge_moves_codings_keeps_spans_and_undoes(coded: Project) -> None:
    spans_before, total = _spans(coded), len(coded.codings())
    moved = coded.merge_codes("d003_strategic_areas.sa2_3c", "d003_strategic_areas.sa2_3")
    assert moved == 1
    assert _spans(coded) == spans_before and len(coded.codings()) == total
    source = coded.code("d003_strategic_areas.sa2_3c")
    assert (
        source.status == "merged"
        and source.merged_into_id == coded.code("d003_strategic_areas.sa2_3").id
    )
    assert len(coded.codings(code="d003_strategic_areas.sa2_3")) == 2
    coded.undo()
    assert coded.code("d003_strategic_areas.sa2_3c").status == "active"
    assert len(coded.codings(code="d003_strategic_areas.sa2_3c")) == 1
    assert _spans(coded) == spans_before


def test_merge_into_own_descendant_is_refused(coded: Project) -> None:
    with pytest.raises(InvalidOperation, match="descendants"):
        coded.merge_codes("d003_strategic_areas.sa2", "d003_strategic_areas.sa2_3c")


def test_merge_moves_children_to_the_target(coded: Project) -> None:
    coded.merge_codes("d003_strategic_areas.sa2_3", "d003_strategic_areas.sa2_2")
    assert (
        coded.code("d003_strategic_areas.sa2_3c").parent_id
        == coded.code("d003_strategic_areas.sa2_2").id
    )


def test_split_reassigns_chosen_codings_and_undoes(coded: Project) -> None:
    spans_before, total = _spans(coded), len(coded.codings())
    mock, compare = coded.codings(code="d003_strategic_areas.sa3_1")
    new_codes = coded.split_code("d003_strategic_areas.sa3_1", {"Trust-wide mocks": [mock.id]})
    assert [c.name for c in new_codes] == ["Trust-wide mocks"]
    assert new_codes[0].parent_id == coded.code("d003_strategic_areas.sa3_1").id
    assert [c.id for c in coded.codings(code=new_codes[0].id)] == [mock.id]
    assert [c.id for c in coded.codings(code="d003_strategic_areas.sa3_1")] == [compare.id]
    assert _spans(coded) == spans_before and len(coded.codings()) == total
    coded.undo()
    assert len(coded.codings(code="d003_strategic_areas.sa3_1")) == 2
    assert all(c.name != "Trust-wide mocks" for c in coded.codes())
    assert _spans(coded) == spans_before


def test_split_refuses_codings_of_another_code(coded: Project) -> None:
    other = coded.codings(code="d003_strategic_areas.sa2_3")[0]
    with pytest.raises(InvalidOperation, match="not codings of this code"):
        coded.split_code("d003_strategic_areas.sa3_1", {"X": [other.id]})


def test_rename_move_recolour_edit_retire_each_undo(coded: Project) -> None:
    code = "d003_strategic_areas.sa3_1"
    original = coded.code(code)
    coded.rename_code(code, "Shared assessment")
    coded.move_code(code, "d003_strategic_areas.sa4")
    coded.recolour_code(code, "#123456")
    coded.edit_code(code, definition="new", keywords=["mock", "exam board"])
    coded.retire_code(code)
    changed = coded.code(code)
    assert (changed.name, changed.colour, changed.definition, changed.status) == (
        "Shared assessment",
        "#123456",
        "new",
        "retired",
    )
    assert changed.keywords == ("mock", "exam board")
    assert changed.parent_id == coded.code("d003_strategic_areas.sa4").id
    for _ in range(5):
        coded.undo()
    restored = coded.code(code)
    assert (restored.name, restored.parent_id, restored.definition, restored.status) == (
        original.name,
        original.parent_id,
        original.definition,
        "active",
    )
    assert len(coded.codings(code=code)) == 2  # retiring never dropped a coding


def test_move_under_own_descendant_is_refused(coded: Project) -> None:
    with pytest.raises(InvalidOperation):
        coded.move_code("d003_strategic_areas.sa3", "d003_strategic_areas.sa3_1")


def test_inductive_code_gets_a_project_id(coded: Project) -> None:
    created = coded.add_code("Covid recovery", definition="Talk about catch-up after lockdowns")
    assert created.qualified_id == "project.covid_recovery"
    assert coded.add_code("Covid recovery").qualified_id == "project.covid_recovery_2"


def test_export_reflects_the_project_state(coded: Project, tmp_path: Path) -> None:
    from qual_si.codebook import load_codebook

    coded.rename_code("d003_strategic_areas.sa3_1", "Shared assessment")
    path = coded.export_codebook("d003_strategic_areas", tmp_path / "sa.yaml")
    assert load_codebook(path).find("sa3_1").name == "Shared assessment"
    from qual_si.errors import OutputExists

    with pytest.raises(OutputExists):
        coded.export_codebook("d003_strategic_areas", tmp_path / "sa.yaml")


@pytest.mark.parametrize("name", ["x.yaml", "x.csv", "x.qdc", "x.docx"])
def test_written_codebook_gets_usual_mode_and_a_new_folder(tmp_path: Path, name: str) -> None:
    from qual_si.codebook.export import write_codebook
    from qual_si.codebook.spec import CodebookSpec, CodeSpec

    spec = CodebookSpec("b", "Book", codes=(CodeSpec("a", "A", "D"),))
    path = write_codebook(spec, tmp_path / "new" / "deeper" / name)
    assert path.is_file()
    assert stat.S_IMODE(path.stat().st_mode) == default_file_mode()  # not mkstemp's 0600
    assert [p.name for p in path.parent.iterdir()] == [name]


def test_codebook_is_not_written_over_a_folder(tmp_path: Path) -> None:
    from qual_si.codebook.export import write_codebook
    from qual_si.codebook.spec import CodebookSpec, CodeSpec
    from qual_si.errors import OutputExists

    spec = CodebookSpec("b", "Book", codes=(CodeSpec("a", "A", "D"),))
    (tmp_path / "x.yaml").mkdir()
    with pytest.raises(OutputExists):
        write_codebook(spec, tmp_path / "x.yaml", force=True)
    assert [p.name for p in tmp_path.iterdir()] == ["x.yaml"]


@pytest.mark.parametrize("name", ["x.yaml", "x.docx"])
def test_failed_codebook_write_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    from qual_si.codebook.export import write_codebook
    from qual_si.codebook.spec import CodebookSpec, CodeSpec

    spec = CodebookSpec("b", "Book", codes=(CodeSpec("a", "A", "D"),))
    earlier = tmp_path / name
    earlier.write_bytes(b"the earlier codebook")

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    # Fail at the last step, once the temporary file is written: the rename that publishes it.
    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError, match="No space left on device"):
        write_codebook(spec, earlier, force=True)
    assert earlier.read_bytes() == b"the earlier codebook"
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temporary file left behind
