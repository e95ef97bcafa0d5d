"""The crosswalk between frameworks: loading, equivalents, and ids that must exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from qual_si.codebook.crosswalk import load_crosswalk
from qual_si.codebook.registry import CROSSWALK_FILE, codebooks_dir, list_shipped
from qual_si.codebook.yaml_io import load_codebook
from qual_si.errors import CodebookError

DATA = Path(__file__).parent / "data" / "codebook"


def test_equivalents_and_concepts() -> None:
    crosswalk = load_crosswalk(DATA / "crosswalks" / "sample_crosswalk.yaml")
    assert crosswalk.title == "Test crosswalk"
    assert [c.concept for c in crosswalk.concepts] == ["Feedback in writing", "Group structure"]
    assert crosswalk.equivalents("flat_parents.group_a") == [
        "sample_feedback.written_feedback",
        "sample_feedback.feedback_stance",
    ]
    assert crosswalk.equivalents("nobody.nothing") == []
    assert crosswalk.concepts_for("sample_feedback.feedback_stance")[0].line == 8


def test_unknown_codes_are_found() -> None:
    crosswalk = load_crosswalk(DATA / "crosswalks" / "sample_crosswalk.yaml")
    books = [load_codebook(DATA / "sample_feedback.yaml")]
    assert crosswalk.unknown_codes(books) == [
        (5, "flat_parents.group_a"),
        (8, "flat_parents.group_a"),
    ]
    books.append(load_codebook(DATA / "flat_parents.yaml"))
    assert crosswalk.unknown_codes(books) == []


def test_bad_crosswalk_lists_problems_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "crosswalk.yaml"
    path.write_text(
        "format: qual-si-crosswalk/1\ntitle: x\nconcepts:\n"
        "  - concept: A\n    codes: [not_qualified]\n"
        "  - concept: B\n    cods: [a.b]\n",
        encoding="utf-8",
    )
    with pytest.raises(CodebookError) as caught:
        load_crosswalk(path)
    assert [where for where, _why in caught.value.problems] == ["5", "7", "6"]


def test_shipped_crosswalk_names_only_existing_codes() -> None:
    path = codebooks_dir() / CROSSWALK_FILE
    if not path.is_file():
        pytest.skip("codebooks/crosswalk.yaml not written yet")
    crosswalk = load_crosswalk()
    assert crosswalk.concepts
    assert crosswalk.unknown_codes(list_shipped()) == []


def test_duplicate_key_is_an_error_not_a_silent_overwrite(tmp_path: Path) -> None:
    path = tmp_path / "crosswalk.yaml"
    path.write_text(
        "format: qual-si-crosswalk/1\ntitle: x\nconcepts:\n"
        "  - concept: A\n    codes: [a.b, c.d]\n    codes: [e.f]\n",
        encoding="utf-8",
    )
    with pytest.raises(CodebookError) as caught:
        load_crosswalk(path)
    assert caught.value.problems == [("6", "duplicate key 'codes' (first on line 5)")]


def test_unreadable_crosswalk_reports_the_yaml_line(tmp_path: Path) -> None:
    path = tmp_path / "crosswalk.yaml"
    path.write_text("format: qual-si-crosswalk/1\nconcepts: [\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="not valid YAML") as caught:
        load_crosswalk(path)
    assert caught.value.problems and caught.value.problems[0][0] == "3"
