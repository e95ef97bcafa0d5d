"""Validation of codebook files: every rule, each problem with its line, nothing half-loaded."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from qual_si.codebook.yaml_io import inspect_codebook, load_codebook, validate_codebook_file
from qual_si.errors import CodebookError

HEADER = """\
format: qual-si-codebook/1
id: book
title: Test book
source: Test.
version: "1"
description: For validation tests.
exclusive: false
codes:
"""  # codes start on line 9


def _write(tmp_path: Path, codes: str, header: str = HEADER) -> Path:
    path = tmp_path / "book.yaml"
    path.write_text(header + textwrap.dedent(codes), encoding="utf-8")
    return path


GOOD_CODE = """\
- id: a
  name: A
  definition: Fine.
  keywords: [k]
"""

# (codes block, expected line, words the message must contain)
CASES = [
    (
        "- id: a\n  name: A\n  definition: D\n  keywords: [k]\n  colr: '#000000'\n",
        13,
        "unknown code key 'colr' (did you mean 'colour'?)",
    ),
    ("- name: A\n  definition: D\n", 9, "missing code id"),
    ("- id: Bad-Id\n  name: A\n  definition: D\n", 9, "not snake_case"),
    ("- id: a\n  definition: D\n", 9, "missing name"),
    ("- id: a\n  name: A\n", 9, "missing definition"),
    ("- id: a\n  name: A\n  definition: ''\n", 11, "missing definition"),
    ("- id: a\n  name: A\n  definition: D\n  colour: '#12345'\n", 12, "#RRGGBB"),
    (
        "- id: a\n  name: A\n  definition: D\n  colour: #123456\n",
        12,
        "unquoted # starts a YAML comment",
    ),
    (
        "- id: a\n  name: A\n  definition: D\n  exclusive: maybe\n",
        12,
        "exclusive must be true or false",
    ),
    ("- id: a\n  name: A\n  definition: D\n  keywords: vision\n", 12, "keywords must be a list"),
    (
        "- id: a\n  name: A\n  definition: D\n  examples: [ok, [nested]]\n",
        12,
        "every item must be a non-empty string",
    ),
    (
        "- id: a\n  name: A\n  definition: D\n  scale: {min: 5, max: 1}\n",
        12,
        "must be less than max",
    ),
    (
        "- id: a\n  name: A\n  definition: D\n  scale: {min: 1, max: 5, labels: {9: huge}}\n",
        12,
        "outside 1..5",
    ),
    (
        "- id: a\n  name: A\n  definition: D\n  scale: {min: one, max: 5}\n",
        12,
        "scale min must be a whole number",
    ),
    ("- id: a\n  name: A\n  definition: D\n  scale: {max: 5}\n", 12, "scale is missing min"),
    ("- id: a\n  name: A\n  definition: D\n  dimension: four_ps\n", 12, "not a qualified id"),
    (
        "- id: a\n  name: A\n  definition: D\n  name: B\n",
        12,
        "duplicate key 'name' (first on line 10)",
    ),
    (
        GOOD_CODE + "- id: a\n  name: A2\n  definition: D\n",
        13,
        "duplicate code id 'a' (first defined on line 9)",
    ),
    (
        GOOD_CODE + "- id: b\n  parent: nowhere\n  name: B\n  definition: D\n",
        14,
        "unknown parent 'nowhere'",
    ),
    (GOOD_CODE + "- id: b\n  parent: b\n  name: B\n  definition: D\n", 14, "is its own parent"),
    (
        "- id: a\n  name: A\n  definition: D\n  codes:\n    - id: b\n      parent: a\n      name: B\n      definition: D\n",
        14,
        "parent is only allowed on top-level codes",
    ),
    ("- just a string\n", 9, "each code must be a mapping"),
]


@pytest.mark.parametrize(("codes", "line", "message"), CASES)
def test_each_rule_names_its_line(tmp_path: Path, codes: str, line: int, message: str) -> None:
    problems = validate_codebook_file(_write(tmp_path, codes))
    assert (str(line), message) in problems or any(
        where == str(line) and message in why for where, why in problems
    ), problems


def test_parent_cycle_through_flat_codes(tmp_path: Path) -> None:
    codes = (
        "- id: a\n  parent: b\n  name: A\n  definition: D\n"  # parent on line 10
        "- id: b\n  parent: a\n  name: B\n  definition: D\n"
    )
    problems = validate_codebook_file(_write(tmp_path, codes))
    assert problems == [("10", "parent cycle: a -> b -> a")]


def test_cycle_through_a_nested_descendant(tmp_path: Path) -> None:
    codes = (
        "- id: a\n  parent: c\n  name: A\n  definition: D\n"
        "  codes:\n    - id: c\n      name: C\n      definition: D\n"
    )
    problems = validate_codebook_file(_write(tmp_path, codes))
    assert problems == [("10", "parent cycle: 'a' has parent 'c', which is nested inside it")]


@pytest.mark.parametrize(
    ("header", "line", "message"),
    [
        (
            HEADER.replace("qual-si-codebook/1", "qual-si-codebook/2"),
            1,
            "is not 'qual-si-codebook/1'",
        ),
        (HEADER.replace("id: book", "id: Book"), 2, "codebook id 'Book' is not snake_case"),
        (HEADER.replace("title: Test book", "title: ''"), 3, "missing title"),
        (
            HEADER.replace("exclusive: false", "exclusive: 'no'"),
            7,
            "exclusive must be true or false",
        ),
        (HEADER.replace("source: Test.", "sourse: Test."), 4, "unknown codebook key 'sourse'"),
        (HEADER.replace("format: qual-si-codebook/1\n", ""), 1, "missing format"),
    ],
)
def test_top_level_rules(tmp_path: Path, header: str, line: int, message: str) -> None:
    problems = validate_codebook_file(_write(tmp_path, GOOD_CODE, header=header))
    assert any(where == str(line) and message in why for where, why in problems), problems


def test_every_problem_is_reported_and_nothing_is_half_loaded(tmp_path: Path) -> None:
    codes = (
        GOOD_CODE
        + "- id: b\n  name: B\n  colour: red\n"  # line 13: no definition; 15: bad colour
        + "- id: a\n  name: again\n  definition: D\n"  # line 16: duplicate
    )
    path = _write(tmp_path, codes)
    with pytest.raises(CodebookError) as caught:
        load_codebook(path)
    error = caught.value
    assert [where for where, _why in error.problems] == ["13", "15", "16"]
    assert str(error).startswith(f"{path}:13: code 'b': missing definition (and 2 more problems)")
    assert error.lines()[1] == f"{path}:15: colour 'red' is not #RRGGBB (e.g. \"#1b9e77\")"
    assert inspect_codebook(path).spec is None


def test_leaf_without_keywords_is_a_warning_not_an_error(tmp_path: Path) -> None:
    report = inspect_codebook(_write(tmp_path, "- id: a\n  name: A\n  definition: D\n"))
    assert report.errors == []
    assert report.warnings == [("9", "leaf code 'a' has no keywords")]
    assert report.spec is not None
    assert report.lines() == [f"{tmp_path / 'book.yaml'}:9: warning: leaf code 'a' has no keywords"]


def test_file_name_differing_from_id_is_a_warning(tmp_path: Path) -> None:
    path = _write(tmp_path, GOOD_CODE)
    renamed = path.rename(tmp_path / "other.yaml")
    report = inspect_codebook(renamed)
    assert report.ok and "differs from the file name" in report.warnings[0][1]


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (b"", None, "the file is empty"),
        (b"format: [unclosed\nid: x\n", 2, "not valid YAML"),
        (b"- a\n- b\n", 1, "must be a mapping"),
        (b"format: qual-si-codebook/1\ntitle: caf\xe9\n", 2, "not UTF-8"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, line: int | None, message: str) -> None:
    path = tmp_path / "book.yaml"
    path.write_bytes(content)
    with pytest.raises(CodebookError) as caught:
        load_codebook(path)
    location, reason = caught.value.problems[0]
    assert location == (None if line is None else str(line))
    assert message in reason


def test_yaml_aliases_for_codes_are_refused(tmp_path: Path) -> None:
    codes = "- &one\n  id: a\n  name: A\n  definition: D\n- *one\n"
    problems = validate_codebook_file(_write(tmp_path, codes))
    assert any("aliases" in why for _where, why in problems)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(CodebookError, match="cannot read the file"):
        load_codebook(tmp_path / "nope.yaml")
