"""Hand-checked case x code matrices on a tiny project: measures, roll-up, filters, grouping.

The project is the ``hand_checked`` fixture in conftest.py (other analysis tests use it too).
"""

from __future__ import annotations

import pytest

from qual_si import Project
from qual_si.errors import InvalidOperation
from qual_si.facade.importing import count_words


def test_depth_one_segments_count_each_passage_once(hand_checked: Project) -> None:
    table = hand_checked.matrix(depth=1)
    assert list(table.columns) == ["Collaboration", "Data"]
    assert table.to_dict("index") == {
        "C1": {"Collaboration": 2, "Data": 2}, "C2": {"Collaboration": 2, "Data": 1},
        "C3": {"Collaboration": 0, "Data": 0}, "(no case)": {"Collaboration": 0, "Data": 1},
    }


def test_codes_as_coded_without_roll_up(hand_checked: Project) -> None:
    table = hand_checked.matrix()
    assert table.loc["C1"].to_dict() == {"Collaboration": 1, "Sharing practice": 2, "Meetings": 1, "Data": 2}


def test_depth_two_keeps_a_parents_own_coding_in_an_itself_column(hand_checked: Project) -> None:
    table = hand_checked.matrix(depth=2)
    assert list(table.columns) == ["Collaboration (itself)", "Sharing practice", "Meetings", "Data"]
    assert table.loc["C1"].tolist() == [1, 2, 1, 2]
    assert table.to_numpy().sum() == hand_checked.matrix().to_numpy().sum()


def test_documents_participants_and_presence(hand_checked: Project) -> None:
    assert hand_checked.matrix(depth=1, measure="documents").loc["C1"].to_dict() == {"Collaboration": 2, "Data": 1}
    assert hand_checked.matrix(depth=1, measure="participants").loc["C1"].to_dict() == {"Collaboration": 2, "Data": 1}
    presence = hand_checked.matrix(depth=1, measure="presence")
    assert presence.loc[["C1", "C2", "C3"], "Collaboration"].tolist() == [1, 1, 0]
    by_participant = hand_checked.matrix(rows="participant", depth=1)
    assert by_participant.loc["A1: Participant 1"].to_dict() == {"Collaboration": 1, "Data": 2}
    assert by_participant.loc["A2: Participant 2", "Collaboration"] == 1
    by_document = hand_checked.matrix(rows="document", depth=1)
    assert by_document.loc["B1"].to_dict() == {"Collaboration": 2, "Data": 1}


def test_share_of_participant_words(hand_checked: Project) -> None:
    table = hand_checked.matrix(depth=1, measure="share")
    participant_words = sum(count_words(u) for u in (
        "We share practice across all the schools. Heads meet every week to plan.",
        "Data is standardised everywhere. Marking is left to each school.",
        "Our maths leads share practice with the other schools every term."))
    coded = count_words("We share practice across all the schools. Heads meet every week to plan.") + count_words(
        "Our maths leads share practice")
    assert table.at["C1", "Collaboration"] == round(coded / participant_words * 100, 1)
    assert table.at["C3", "Collaboration"] == 0


def test_filters_by_coder_origin_and_attribute(hand_checked: Project) -> None:
    assert hand_checked.matrix(depth=1, coder="alex").at["C2", "Collaboration"] == 1
    assert hand_checked.matrix(depth=1, origin="manual").at["C2", "Data"] == 0
    filtered = hand_checked.matrix(depth=1, where=["schools>=10"])
    assert list(filtered.index) == ["C2"]
    assert hand_checked.matrix(depth=1, where={"size band": "3-6"}).index.tolist() == ["C1"]


def test_empty_selection_is_an_empty_table_with_headers(hand_checked: Project) -> None:
    table = hand_checked.matrix(depth=1, where=["schools>1000"])
    assert table.empty and list(table.columns) == ["Collaboration", "Data"]
    grouped = hand_checked.grouped_matrix("size band", depth=1, where=["schools>1000"])
    assert list(grouped.counts.columns) == ["cases", "Collaboration", "Data"]
    assert grouped.counts.loc["Total"].tolist() == [0, 0, 0]


def test_grouping_by_band_has_a_missing_row_counts_percent_and_totals(hand_checked: Project) -> None:
    grouped = hand_checked.grouped_matrix("size band", depth=1)
    counts, percent = grouped.counts, grouped.percent
    assert list(counts.index) == ["3-6", "15+", "missing", "Total"]
    assert counts["cases"].tolist() == [1, 1, 1, 3]
    assert counts["Collaboration"].tolist() == [1, 1, 0, 2]
    assert percent["Collaboration"].tolist() == [100, 100, 0, 67]
    summed = hand_checked.grouped_matrix("size band", depth=1, measure="segments")
    assert summed.counts["Data"].tolist() == [2, 1, 0, 3]
    assert summed.percent.loc["3-6"].tolist() == [1, 50, 50, 100]  # cases, row % ..., Total
    adhoc = hand_checked.grouped_matrix("schools", cuts=[10], labels=["under 10", "10+"], depth=1)
    assert list(adhoc.counts.index) == ["under 10", "10+", "missing", "Total"]


def test_ad_hoc_bands_put_below_first_and_name_it_like_a_stored_band(hand_checked: Project) -> None:
    hand_checked.set_attribute("C2", "schools", 2_500_000)
    grouped = hand_checked.grouped_matrix("schools", cuts=[1_000_000, 2_000_000], depth=1)
    assert list(grouped.counts.index) == ["below 1000000", "2000000+", "missing", "Total"]
    with pytest.raises(InvalidOperation, match="3 cut-points need 3 labels"):
        hand_checked.grouped_matrix("schools", cuts=[3, 7, 15], labels=["small"], depth=1)


def test_band_series_maps_numbers_and_orders_every_band() -> None:
    import pandas as pd

    from qual_si.attributes import band_series

    bands, order = band_series(pd.Series([2, 12, None, "n/a", 25.0], dtype=object), [10, 20])
    assert [b if isinstance(b, str) else None for b in bands] == ["below 10", "10-19", None, None, "20+"]
    assert order == ["below 10", "10-19", "20+"]
    assert band_series(pd.Series([5]), [10], ["small", "large"])[1] == ["small", "large"]


def test_bad_options_are_refused(hand_checked: Project) -> None:
    with pytest.raises(InvalidOperation, match="unknown measure"):
        hand_checked.matrix(measure="weight")
    with pytest.raises(InvalidOperation, match="no attribute 'colour'"):
        hand_checked.grouped_matrix("colour")
    with pytest.raises(InvalidOperation, match="cannot read the condition"):
        hand_checked.matrix(where=["schools"])


def test_cell_quotes_for_drill_down(hand_checked: Project) -> None:
    quotes = hand_checked.cell_quotes("C1", "Collaboration", depth=1)
    assert quotes["text"].tolist() == [
        "We share practice across all the schools. Heads meet every week to plan.",
        "Our maths leads share practice"]
    assert quotes["quote"].iloc[1] == 'Participant 2: "Our maths leads share practice"'
    first = quotes.iloc[0]
    assert hand_checked.text(int(first["document_id"]))[first["start"]:first["end"]] == first["text"]


def test_matrix_choices_for_the_workbench(hand_checked: Project) -> None:
    choices = hand_checked.matrix_choices()
    assert choices["measures"] == ["segments", "documents", "participants", "cases", "presence", "share"]
    assert choices["rows"][:3] == ["case", "document", "participant"] and "size band" in choices["rows"]
    assert choices["codebooks"] == {"project": 2}
    assert "window" in choices["cooccurrence_modes"]


def test_every_measure_on_a_project_without_documents_is_an_empty_table(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from qual_si import Project

    with Project.create(tmp_path / "empty.qsi") as project:
        project.load_codebook("d003_four_ps")
        for rows in ("case", "document", "participant"):
            for measure in ("segments", "documents", "participants", "presence", "share"):
                frame = project.matrix(rows=rows, measure=measure)
                assert len(frame) == 0, (rows, measure)
