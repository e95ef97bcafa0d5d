"""The analysis reads (driver-level bulk reads included) and judgement storage on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from qual_si import Project

TEXT = """Interviewer: How do schools improve?

Participant 1: Heads visit each other's schools every term. Data is shared on one dashboard.
"""


def test_matrix_ratings_and_judgements_on_each_backend(project: Project, tmp_path: Path) -> None:
    (tmp_path / "T1-ceo.txt").write_text(TEXT, encoding="utf-8")
    project.import_documents([tmp_path / "T1-ceo.txt"])
    project.set_document_case("T1-ceo", "T1")
    project.set_attribute("T1", "schools", 5)
    for book in ("d003_four_ps", "d003_practice_consistency"):
        project.load_codebook(book)
    project.add_code("Peer review")
    project.add_code("Visits", parent="Peer review")
    text = project.text("T1-ceo")
    start = text.index("Heads visit")
    end = text.index("term.") + len("term.")
    project.add_coding("T1-ceo", start, end, "Visits")
    project.add_coding("T1-ceo", start, end - 6, "Peer review")
    table = project.matrix(codebook="project", depth=1)
    assert table.to_dict("index") == {"T1": {"Peer review": 1}}
    assert project.matrix(codebook="project", depth=1, coder="tester", origin="manual").at["T1", "Peer review"] == 1
    # Runs of two utterances start at each utterance: the answer lies in both runs that hold it.
    assert project.cooccurrence(codebook="project", mode="window", window=1).at["Peer review", "Visits"] == 2
    assert project.cooccurrence(codebook="project", mode="utterance").at["Peer review", "Visits"] == 1
    project.rate("T1", "4p.process", 4, rationale="written review cycle")
    assert project.rating_profile().at["T1", "Process"] == 4
    project.judge("T1", "consistency_level", "standardised", facet="Data")
    assert project.judgement_table("consistency_level").at["Data", "Standardised"] == 100
    project.set_cell_summary("T1", "Peer review", "Termly visits.")
    assert project.framework_matrix(codebook="project", depth=1).table.at["T1", "Peer review"].startswith("Termly")
