"""Suggestions in a project: known matches first, re-runs, accept/reject, undo, coded segments."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from nlp_support import LABELS, labelled_project

from qual_si import Project
from qual_si.errors import InvalidOperation, NotFound

pytestmark = pytest.mark.usefixtures("no_network")


@pytest.fixture
def labelled(sqlite_project: Any, tmp_path: Path) -> Project:
    return labelled_project(sqlite_project, tmp_path)


def _best_per_text(project: Project) -> dict[str, str]:
    best: dict[str, tuple[float, str]] = {}
    for row in project.suggestions():
        if row.text not in best or row.score > best[row.text][0]:
            best[row.text] = (row.score, row.code.split(".")[1])
    return {text: code for text, (_, code) in best.items()}


def test_known_matches_rank_first_and_interviewers_are_left_alone(labelled: Project) -> None:
    report = labelled.suggest(threshold=0.1)
    assert report.segments == len(LABELS) and report.codes == 5 and report.added > 0
    assert report.segmentation.segments_added == len(LABELS)  # suggest segments first
    assert _best_per_text(labelled) == LABELS
    assert all(row.text in LABELS for row in labelled.suggestions(None))
    assert sum(report.by_code.values()) == len(labelled.suggestions())


def test_evidence_and_one_query_per_document_in_text_order(labelled: Project) -> None:
    labelled.suggest(threshold=0.1)
    rows = labelled.suggestions(document="A02-head")
    assert [r.start for r in rows] == sorted(r.start for r in rows)
    assert {r.document for r in rows} == {"A02-head"}
    row = next(r for r in rows if r.code == "school.workload" and "exhausted" in r.text)
    assert "exhausted" in row.evidence["keywords"] and "workload" in row.evidence["keywords"]
    a, b = row.evidence["keyword_spans"][0]
    assert row.text[a:b].lower() in {"exhausted", "workload"}
    assert row.evidence["similar_text"] and row.evidence["similar_kind"] in {"definition", "example", "keywords"}
    assert set(row.evidence["components"]) <= {"keywords", "similarity", "turn"}
    assert {"keywords", "similarity"} <= set(row.evidence["components"])
    assert row.status == "pending" and row.source == "suggest" and 0 < row.score <= 1
    assert labelled.suggestion(row.id) == row
    counts = labelled.suggestion_counts()
    assert sum(counts.values()) == len(labelled.suggestions())


def test_a_rerun_updates_in_place_and_keeps_ids(labelled: Project) -> None:
    labelled.suggest(threshold=0.1)
    first = {(r.document, r.start, r.code): r.id for r in labelled.suggestions()}
    again = labelled.suggest(threshold=0.1)
    assert (again.added, again.removed, again.updated) == (0, 0, 0)  # nothing changed, nothing written
    assert {(r.document, r.start, r.code): r.id for r in labelled.suggestions()} == first
    labelled.edit_code("school.governance", examples=["Governors and trustees challenged the heads."])
    changed = labelled.suggest(threshold=0.1)
    assert changed.updated > 0
    now = {(r.document, r.start, r.code): r.id for r in labelled.suggestions()}
    assert now.keys() & first.keys() and all(now[k] == first[k] for k in now.keys() & first.keys())
    stricter = labelled.suggest(threshold=0.5)
    assert stricter.removed > 0 and len(labelled.suggestions()) == len(first) - stricter.removed
    assert all(r.score >= 0.5 for r in labelled.suggestions())


def test_rejected_suggestions_are_never_suggested_again_and_undo_restores(labelled: Project) -> None:
    labelled.suggest(threshold=0.1)
    target = labelled.suggestions(code="school.governance")[0]
    labelled.reject_suggestion(target.id)
    assert labelled.suggestion(target.id).status == "rejected"
    labelled.suggest(threshold=0.0)
    same_place = [r for r in labelled.suggestions(None, document=target.document_id)
                  if (r.start, r.code_id) == (target.start, target.code_id)]
    assert [r.status for r in same_place] == ["rejected"]
    assert labelled.undo() == "suggestion.reject"
    assert labelled.suggestion(target.id).status == "pending"
    labelled.accept_suggestion(target.id)
    with pytest.raises(InvalidOperation, match="already accepted"):
        labelled.reject_suggestion(target.id)


def test_accepting_creates_a_coding_with_origin_and_score_and_undo_removes_it(labelled: Project) -> None:
    labelled.suggest(threshold=0.1)
    target = max(labelled.suggestions(code="school.curriculum"), key=lambda r: r.score)
    coding = labelled.accept_suggestion(target.id)
    assert (coding.origin, coding.score, coding.code_id) == ("suggestion", target.score, target.code_id)
    assert (coding.start, coding.end, coding.snippet) == (target.start, target.end, target.text)
    accepted = labelled.suggestion(target.id)
    assert accepted.status == "accepted" and accepted.coding_id == coding.id
    labelled.suggest(threshold=0.1)  # an accepted suggestion is not offered again
    assert target.id not in {r.id for r in labelled.suggestions()}
    assert labelled.undo() == "suggestion.accept"
    assert labelled.codings() == [] and labelled.suggestion(target.id).status == "pending"


def test_bulk_accept_is_one_undoable_action(labelled: Project) -> None:
    labelled.suggest(threshold=0.1)
    strong = [r for r in labelled.suggestions() if r.score >= 0.4]
    assert strong
    created = labelled.accept_suggestions(0.4)
    assert len(created) == len(strong) and len(labelled.codings()) == len(strong)
    assert all(c.origin == "suggestion" for c in labelled.codings())
    assert labelled.undo() == "suggestion.accept_many"
    assert labelled.codings() == [] and len(labelled.suggestions()) >= len(strong)
    with pytest.raises(InvalidOperation, match="minimum score or the suggestion ids"):
        labelled.accept_suggestions()
    some = [r.id for r in labelled.suggestions()[:2]]
    assert labelled.reject_suggestions(some) == 2
    assert {labelled.suggestion(i).status for i in some} == {"rejected"}


def test_segments_coded_by_a_researcher_are_not_offered_that_code_or_its_parent(labelled: Project) -> None:
    sentence = "People were exhausted and the workload was simply not sustainable."
    text = labelled.text("A02-head")
    start = text.index(sentence)
    labelled.add_coding("A02-head", start, start + len(sentence), "school.workload")
    labelled.suggest(threshold=0.0)
    offered = {r.code for r in labelled.suggestions(document="A02-head") if r.start == start}
    assert "school.workload" not in offered and "school.areas" not in offered
    assert offered  # other codes may still be suggested there


def test_human_codings_count_as_examples_of_their_code(labelled: Project) -> None:
    # The code's own text shares no word with the interviews; only the researcher's coding links them.
    labelled.add_code("Residential trips", definition="Trips away from home with an overnight stay.")
    labelled.suggest(threshold=0.0, codebooks=["project"])
    before = max((r.score for r in labelled.suggestions(code="Residential trips")), default=0.0)
    text = labelled.text("A01-ceo")
    sentence = "The curriculum is sequenced so that knowledge builds from nursery to Year 6."
    start = text.index(sentence)
    labelled.add_coding("A01-ceo", start, start + len(sentence), "Residential trips")
    labelled.suggest(threshold=0.0, codebooks=["project"])
    rows = labelled.suggestions(code="Residential trips")
    assert rows[0].score > before
    assert rows[0].evidence["similar_coding"] == sentence and rows[0].evidence["codings"] == 1
    assert start not in {r.start for r in rows if r.document == "A01-ceo"}  # the coded sentence itself


def test_codebook_choice_and_bad_choices(labelled: Project) -> None:
    report = labelled.suggest(codebooks=["school"], threshold=0.1)
    assert report.codes == 5
    with pytest.raises(NotFound, match="no codebook 'nope'"):
        labelled.suggest(codebooks=["nope"])
    with pytest.raises(InvalidOperation, match="no active codes"):
        labelled.suggest(codebooks=["project"])
    with pytest.raises(InvalidOperation, match="status must be"):
        labelled.suggestions("maybe")
