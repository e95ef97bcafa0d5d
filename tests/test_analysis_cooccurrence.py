"""Code co-occurrence: overlapping passages, same utterance, within N utterances; counts and Jaccard."""

from __future__ import annotations

import pytest

from qual_si import Project
from qual_si.errors import InvalidOperation

S1 = "We share practice across all the schools."
S2 = "Heads meet every week to plan."


def test_overlap_counts_pairs_of_passages(hand_checked: Project) -> None:
    table = hand_checked.cooccurrence(mode="overlap")
    assert table.at["Collaboration", "Sharing practice"] == 1
    assert table.at["Collaboration", "Meetings"] == 1
    assert table.at["Sharing practice", "Meetings"] == 0  # a space apart: no shared character
    assert table.at["Data", "Data"] == 4  # the diagonal: passages of the code
    assert (table.to_numpy() == table.to_numpy().T).all()


def test_overlap_jaccard_is_measured_in_characters(hand_checked: Project) -> None:
    table = hand_checked.cooccurrence(mode="overlap", jaccard=True)
    collaboration = len(S1) + 1 + len(S2)
    # A1's "Sharing practice" passage lies inside the Collaboration one; A2's and B1's stand alone.
    union = collaboration + len("Our maths leads share practice") + len("We share practice in clusters.")
    assert table.at["Collaboration", "Sharing practice"] == pytest.approx(round(len(S1) / union, 3))
    assert table.at["Data", "Data"] == 1.0


def test_same_utterance_and_windows(hand_checked: Project) -> None:
    same = hand_checked.cooccurrence(mode="utterance")
    assert same.at["Sharing practice", "Data"] == 1  # B1: one participant turn holds both
    assert same.at["Sharing practice", "Meetings"] == 1  # A1's second turn
    near = hand_checked.cooccurrence(mode="window", window=1)
    assert near.at["Meetings", "Data"] == 0  # two turns apart in B1, three in A1
    wider = hand_checked.cooccurrence(mode="window", window=2)
    assert wider.at["Meetings", "Data"] >= 2
    assert hand_checked.cooccurrence(mode="window", window=0).equals(same)
    jaccard = hand_checked.cooccurrence(mode="utterance", jaccard=True)
    assert 0 < jaccard.at["Sharing practice", "Data"] < 1


def test_depth_and_bad_modes(hand_checked: Project) -> None:
    table = hand_checked.cooccurrence(depth=1)
    assert list(table.columns) == ["Collaboration", "Data"]
    assert table.at["Collaboration", "Data"] == 0
    with pytest.raises(InvalidOperation, match="unknown co-occurrence mode"):
        hand_checked.cooccurrence(mode="sentence")
