"""Framework matrix: quotes with attribution per case and code, and analysts' summaries in the project."""

from __future__ import annotations

from qual_si import Project


def test_cells_hold_summary_then_quotes(hand_checked: Project) -> None:
    hand_checked.set_cell_summary("C1", "Collaboration", "Heads plan together weekly; practice shared by subject.")
    result = hand_checked.framework_matrix(depth=1)
    assert list(result.table.columns) == ["Collaboration", "Data"]
    assert list(result.table.index) == ["C1", "C2", "C3"]
    cell = result.table.at["C1", "Collaboration"]
    assert cell.splitlines()[0] == "Heads plan together weekly; practice shared by subject."
    assert 'Participant 2: "Our maths leads share practice" [A2]' in cell
    assert result.table.at["C3", "Data"] == ""
    quotes = result.quotes
    assert set(quotes.columns) >= {"case", "code", "document", "speaker", "start_s", "text", "quote"}
    assert quotes[quotes["case"] == "C1"]["code"].tolist() == ["Collaboration", "Collaboration", "Data", "Data"]


def test_summaries_are_undoable_and_empty_text_removes_them(hand_checked: Project) -> None:
    hand_checked.set_cell_summary("C2", "Data", "Data kept by schools.")
    hand_checked.set_cell_summary("C2", "Data", "Data kept by schools, pooled termly.")
    hand_checked.undo()
    assert hand_checked.cell_summaries()["summary"].tolist() == ["Data kept by schools."]
    hand_checked.set_cell_summary("C2", "Data", "")
    assert hand_checked.cell_summaries().empty


def test_quote_limit_per_cell(hand_checked: Project) -> None:
    table = hand_checked.framework_matrix(depth=1, max_quotes=1).table
    assert table.at["C1", "Data"].endswith("(+1 more)")
