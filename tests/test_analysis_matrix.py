"""Hand-checked case x code matrices on a tiny project: measures, roll-up, filters, grouping."""

from __future__ import annotations

from pathlib import Path

import pytest

from qual_si import Project
from qual_si.errors import InvalidOperation
from qual_si.facade.importing import count_words

A1 = """Interviewer: How do the schools work together?

Participant 1: We share practice across all the schools. Heads meet every week to plan.

Interviewer: And what about data?

Participant 1: Data is standardised everywhere. Marking is left to each school.
"""
A2 = """Interviewer: Tell me about sharing.

Participant 2: Our maths leads share practice with the other schools every term.
"""
B1 = """Interviewer: What do you share?

Participant 1: We share practice in clusters. Data is all ours, though.

Interviewer: And meetings?

Participant 1: Heads meet once a month.
"""
U1 = """Interviewer: Anything else?

Participant 1: Data drives everything we do.
"""


def code(project: Project, document: str, phrase: str, ref: str, **options: object) -> None:
    text = project.text(document)
    start = text.index(phrase)
    project.add_coding(document, start, start + len(phrase), ref, **options)  # type: ignore[arg-type]


@pytest.fixture
def small(tmp_path: Path):  # type: ignore[no-untyped-def]
    for name, text in {"A1": A1, "A2": A2, "B1": B1, "U1": U1}.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    project = Project.create(tmp_path / "study.qsi", coder="alex")
    project.import_documents([tmp_path / f"{n}.txt" for n in ("A1", "A2", "B1", "U1")])
    for document, case in (("A1", "C1"), ("A2", "C1"), ("B1", "C2")):
        project.set_document_case(document, case)
    project.create_case("C3")
    project.set_attribute("C1", "schools", 4)
    project.set_attribute("C2", "schools", 20)
    project.define_band("schools", [3, 7, 15], labels=["3-6", "7-14", "15+"], name="size band")
    project.add_code("Collaboration")
    project.add_code("Sharing practice", parent="Collaboration")
    project.add_code("Meetings", parent="Collaboration")
    project.add_code("Data")
    code(project, "A1", "We share practice across all the schools.", "Sharing practice")
    code(project, "A1", "Heads meet every week to plan.", "Meetings")
    code(project, "A1", "We share practice across all the schools. Heads meet every week to plan.", "Collaboration")
    code(project, "A1", "Data is standardised everywhere.", "Data")
    code(project, "A1", "Marking is left to each school.", "Data")
    code(project, "A2", "Our maths leads share practice", "Sharing practice")
    code(project, "B1", "We share practice in clusters.", "Sharing practice")
    code(project, "B1", "Data is all ours, though.", "Data", origin="suggestion")
    code(project, "U1", "Data drives everything we do.", "Data")
    project.close()
    other = Project.open(tmp_path / "study.qsi", coder="sam")
    code(other, "B1", "Heads meet once a month.", "Meetings")
    yield other
    other.close()


def test_depth_one_segments_count_each_passage_once(small: Project) -> None:
    table = small.matrix(depth=1)
    assert list(table.columns) == ["Collaboration", "Data"]
    assert table.to_dict("index") == {
        "C1": {"Collaboration": 2, "Data": 2}, "C2": {"Collaboration": 2, "Data": 1},
        "C3": {"Collaboration": 0, "Data": 0}, "(no case)": {"Collaboration": 0, "Data": 1},
    }


def test_codes_as_coded_without_roll_up(small: Project) -> None:
    table = small.matrix()
    assert table.loc["C1"].to_dict() == {"Collaboration": 1, "Sharing practice": 2, "Meetings": 1, "Data": 2}


def test_depth_two_keeps_a_parents_own_coding_in_an_itself_column(small: Project) -> None:
    table = small.matrix(depth=2)
    assert list(table.columns) == ["Collaboration (itself)", "Sharing practice", "Meetings", "Data"]
    assert table.loc["C1"].tolist() == [1, 2, 1, 2]
    assert table.to_numpy().sum() == small.matrix().to_numpy().sum()


def test_documents_participants_and_presence(small: Project) -> None:
    assert small.matrix(depth=1, measure="documents").loc["C1"].to_dict() == {"Collaboration": 2, "Data": 1}
    assert small.matrix(depth=1, measure="participants").loc["C1"].to_dict() == {"Collaboration": 2, "Data": 1}
    presence = small.matrix(depth=1, measure="presence")
    assert presence.loc[["C1", "C2", "C3"], "Collaboration"].tolist() == [1, 1, 0]
    by_participant = small.matrix(rows="participant", depth=1)
    assert by_participant.loc["A1: Participant 1"].to_dict() == {"Collaboration": 1, "Data": 2}
    assert by_participant.loc["A2: Participant 2", "Collaboration"] == 1
    by_document = small.matrix(rows="document", depth=1)
    assert by_document.loc["B1"].to_dict() == {"Collaboration": 2, "Data": 1}


def test_share_of_participant_words(small: Project) -> None:
    table = small.matrix(depth=1, measure="share")
    participant_words = sum(count_words(u) for u in (
        "We share practice across all the schools. Heads meet every week to plan.",
        "Data is standardised everywhere. Marking is left to each school.",
        "Our maths leads share practice with the other schools every term."))
    coded = count_words("We share practice across all the schools. Heads meet every week to plan.") + count_words(
        "Our maths leads share practice")
    assert table.at["C1", "Collaboration"] == round(coded / participant_words * 100, 1)
    assert table.at["C3", "Collaboration"] == 0


def test_filters_by_coder_origin_and_attribute(small: Project) -> None:
    assert small.matrix(depth=1, coder="alex").at["C2", "Collaboration"] == 1
    assert small.matrix(depth=1, origin="manual").at["C2", "Data"] == 0
    filtered = small.matrix(depth=1, where=["schools>=10"])
    assert list(filtered.index) == ["C2"]
    assert small.matrix(depth=1, where={"size band": "3-6"}).index.tolist() == ["C1"]


def test_empty_selection_is_an_empty_table_with_headers(small: Project) -> None:
    table = small.matrix(depth=1, where=["schools>1000"])
    assert table.empty and list(table.columns) == ["Collaboration", "Data"]
    grouped = small.grouped_matrix("size band", depth=1, where=["schools>1000"])
    assert list(grouped.counts.columns) == ["cases", "Collaboration", "Data"]
    assert grouped.counts.loc["Total"].tolist() == [0, 0, 0]


def test_grouping_by_band_has_a_missing_row_counts_percent_and_totals(small: Project) -> None:
    grouped = small.grouped_matrix("size band", depth=1)
    counts, percent = grouped.counts, grouped.percent
    assert list(counts.index) == ["3-6", "15+", "missing", "Total"]
    assert counts["cases"].tolist() == [1, 1, 1, 3]
    assert counts["Collaboration"].tolist() == [1, 1, 0, 2]
    assert percent["Collaboration"].tolist() == [100, 100, 0, 67]
    summed = small.grouped_matrix("size band", depth=1, measure="segments")
    assert summed.counts["Data"].tolist() == [2, 1, 0, 3]
    assert summed.percent.loc["3-6"].tolist() == [1, 50, 50, 100]  # cases, row % ..., Total
    adhoc = small.grouped_matrix("schools", cuts=[10], labels=["under 10", "10+"], depth=1)
    assert list(adhoc.counts.index) == ["under 10", "10+", "missing", "Total"]


def test_bad_options_are_refused(small: Project) -> None:
    with pytest.raises(InvalidOperation, match="unknown measure"):
        small.matrix(measure="weight")
    with pytest.raises(InvalidOperation, match="no attribute 'colour'"):
        small.grouped_matrix("colour")
    with pytest.raises(InvalidOperation, match="cannot read the condition"):
        small.matrix(where=["schools"])


def test_cell_quotes_for_drill_down(small: Project) -> None:
    quotes = small.cell_quotes("C1", "Collaboration", depth=1)
    assert quotes["text"].tolist() == [
        "We share practice across all the schools. Heads meet every week to plan.",
        "Our maths leads share practice"]
    assert quotes["quote"].iloc[1] == 'Participant 2: "Our maths leads share practice"'
    first = quotes.iloc[0]
    assert small.text(int(first["document_id"]))[first["start"]:first["end"]] == first["text"]


def test_matrix_choices_for_the_workbench(small: Project) -> None:
    choices = small.matrix_choices()
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
