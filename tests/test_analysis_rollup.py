"""Roll-up without double counting, on hand-made frames (no project)."""

from __future__ import annotations

import pandas as pd
import pytest

from qual_si.analysis import rollup
from qual_si.spans import union

# P (top) has children A and B; A has child C; Q is a top-level code without children.
CODES = pd.DataFrame({"id": [1, 2, 4, 3, 5], "parent_id": [None, 1, 2, 1, None],
                      "label": ["P", "A", "C", "B", "Q"]})


def codings(*rows: tuple[int, int, int, int]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["document_id", "code_id", "start", "end"])


def test_depths_and_cuts() -> None:
    assert rollup.depths(CODES) == {1: 1, 2: 2, 4: 3, 3: 2, 5: 1}
    assert rollup.columns_at_depth(CODES, None) == [1, 2, 4, 3, 5]
    assert rollup.columns_at_depth(CODES, 1) == [1, 5]
    assert rollup.columns_at_depth(CODES, 2) == [2, 3, 5]
    assert rollup.columns_at_depth(CODES, 3) == [4, 3, 5]  # B and Q are leaves above the cut
    assert rollup.parents_above(CODES, 3) == [1, 2]
    with pytest.raises(Exception, match="depth starts at 1"):
        rollup.columns_at_depth(CODES, 0)


def test_parent_and_child_on_overlapping_spans_count_once() -> None:
    frame = codings((1, 2, 0, 10), (1, 3, 5, 15), (1, 1, 12, 20), (1, 4, 30, 40))
    segments = rollup.merge_segments(frame, rollup.column_map(CODES, [1, 5], nearest=True))
    assert segments[["column_id", "start", "end", "codings"]].values.tolist() == [[1, 0, 20, 3], [1, 30, 40, 1]]


def test_touching_spans_merge_like_spans_union() -> None:
    frame = codings((1, 2, 0, 10), (1, 2, 10, 20), (1, 2, 25, 30), (2, 2, 0, 10))
    segments = rollup.merge_segments(frame, rollup.column_map(CODES, [2]))
    assert segments[["document_id", "start", "end"]].values.tolist() == [[1, 0, 20], [1, 25, 30], [2, 0, 10]]
    assert [tuple(x) for x in segments.loc[segments.document_id == 1, ["start", "end"]].values] == union(
        [(0, 10), (10, 20), (25, 30)])


def test_documents_never_merge_with_each_other() -> None:
    frame = codings((1, 2, 0, 100), (2, 2, 0, 5), (3, 2, 50, 60))
    segments = rollup.merge_segments(frame, rollup.column_map(CODES, [2]))
    assert len(segments) == 3


def test_nested_explicit_columns_each_roll_up_their_subtree() -> None:
    frame = codings((1, 4, 0, 10), (1, 3, 20, 30))
    pairs = rollup.column_map(CODES, [1, 2])
    assert sorted(map(tuple, pairs.values.tolist())) == [(1, 1), (2, 1), (2, 2), (3, 1), (4, 1), (4, 2)]
    segments = rollup.merge_segments(frame, pairs)
    assert segments.groupby("column_id").size().to_dict() == {1: 2, 2: 1}


def test_nearest_mapping_puts_each_code_in_one_column() -> None:
    pairs = rollup.column_map(CODES, [1, 2, 4], nearest=True)
    assert dict(map(tuple, pairs.values.tolist())) == {1: 1, 2: 2, 4: 4, 3: 1}


def test_random_codings_agree_with_spans_union() -> None:
    import random

    rng = random.Random(7)
    rows = []
    for _ in range(400):
        start = rng.randrange(0, 500)
        rows.append((rng.randrange(1, 4), rng.choice([1, 2, 3, 4, 5]), start, start + rng.randrange(1, 40)))
    frame = codings(*rows)
    segments = rollup.merge_segments(frame, rollup.column_map(CODES, [1, 5], nearest=True))
    parent_of_top = {1: 1, 2: 1, 3: 1, 4: 1, 5: 5}
    for (document, column), group in segments.groupby(["document_id", "column_id"]):
        spans = [(s, e) for d, c, s, e in rows if d == document and parent_of_top[c] == column]
        assert [tuple(x) for x in group[["start", "end"]].values.tolist()] == union(spans)
        assert group["codings"].sum() == len(spans)


def test_empty_input_gives_empty_segments() -> None:
    segments = rollup.merge_segments(codings(), rollup.column_map(CODES, [1]))
    assert list(segments.columns) == rollup.SEGMENT_COLUMNS and segments.empty
