"""CodebookSpec helpers, id allocation and the in-memory rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from qual_si.codebook.rules import check_spec
from qual_si.codebook.spec import CodebookSpec, CodeSpec, IdAllocator, Scale, snake_id

DATA = Path(__file__).parent / "data" / "codebook"


def _tree() -> CodebookSpec:
    leaf_a = CodeSpec("a1", "A one", "Def.", keywords=("k",))
    leaf_b = CodeSpec("a2", "A two", "Def.", colour="#000000", keywords=("k",))
    group = CodeSpec("a", "A", "Group.", colour="#ffffff", children=(leaf_a, leaf_b))
    return CodebookSpec("book", "Book", codes=(group, CodeSpec("b", "B", "Def.", keywords=("k",))))


def test_walk_is_preorder_with_parent_and_depth() -> None:
    walked = [(code.id, parent, depth) for code, parent, depth in _tree().walk()]
    assert walked == [("a", None, 0), ("a1", "a", 1), ("a2", "a", 1), ("b", None, 0)]


def test_find_qualified_and_leaves() -> None:
    spec = _tree()
    assert spec.find("a2").name == "A two"
    assert spec.find("book.a2").name == "A two"
    assert spec.qualified("a1") == "book.a1"
    assert [code.id for code in spec.leaves()] == ["a1", "a2", "b"]
    assert "a1" in spec and "zz" not in spec
    assert spec.parent_of("a1") == "a"
    with pytest.raises(KeyError):
        spec.qualified("missing")


def test_effective_colours_inherit_from_the_nearest_ancestor() -> None:
    colours = _tree().effective_colours()
    assert colours == {"a": "#ffffff", "a1": "#ffffff", "a2": "#000000", "b": None}


def test_path_is_not_part_of_identity() -> None:
    assert _tree().with_path(Path("x.yaml")) == _tree()


def test_scale_problems_and_dict_shape() -> None:
    scale = Scale.from_mapping(1, 5, {5: "strong", 1: "weak"})
    assert scale.labels == ((1, "weak"), (5, "strong"))
    assert scale.as_dict() == {"min": 1, "max": 5, "labels": {1: "weak", 5: "strong"}}
    assert scale.problems() == []
    assert "less than" in Scale(3, 3).problems()[0]
    assert "outside" in Scale.from_mapping(1, 3, {7: "x"}).problems()[0]


def test_snake_id_and_allocator_deduplicate() -> None:
    assert snake_id("Négativ / Aufgeregt (2)") == "negativ_aufgeregt_2"
    assert snake_id("情绪") == ""
    ids = IdAllocator()
    assert [ids.allocate(n) for n in ("Trust", "trust", "TRUST!")] == [
        "trust",
        "trust_2",
        "trust_3",
    ]
    assert ids.allocate("情绪", fallback="code_1a2b") == "code_1a2b"


def test_check_spec_finds_rule_breaks_by_code_id() -> None:
    bad = CodebookSpec(
        "Bad Id",
        "",
        codes=(
            CodeSpec("x", "X", "", colour="blue"),
            CodeSpec("x", "", "Def", scale=Scale(5, 1), dimension="nodot"),
        ),
    )
    report = check_spec(bad)
    reasons = " | ".join(reason for _where, reason in report.errors)
    for expected in (
        "codebook id",
        "missing title",
        "colour 'blue'",
        "duplicate code id",
        "missing name",
        "missing definition",
        "scale min",
        "dimension",
    ):
        assert expected in reasons
    relaxed = check_spec(bad, require_definitions=False)
    assert all("definition" not in reason for _w, reason in relaxed.errors)
    assert ("x", "missing definition") in relaxed.warnings


def test_check_spec_accepts_the_sample() -> None:
    from qual_si.codebook.yaml_io import load_codebook

    assert check_spec(load_codebook(DATA / "sample_feedback.yaml")).errors == []
