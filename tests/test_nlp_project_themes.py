"""Themes in a project: stored runs, quotes with attribution, spread, residual runs, promotion."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from nlp_support import write_interview

from qual_si import Project
from qual_si.codebook.spec import CodebookSpec, CodeSpec
from qual_si.errors import InvalidOperation, NotFound

pytestmark = pytest.mark.usefixtures("no_network")

TOPICS = {
    "governance": ["trustees", "governors", "committee", "delegation", "board", "clerk"],
    "assessment": ["moderation", "exams", "marking", "mocks", "grades", "tests"],
    "wellbeing": ["workload", "wellbeing", "stress", "exhaustion", "hours", "burnout"],
}
OPENERS = ["Honestly", "This year", "Across the schools", "In our trust", "Last term", "For us"]


def _sentences(per_topic: int, seed: int) -> list[tuple[str, str]]:
    rng = np.random.default_rng(seed)
    found = []
    for number in range(per_topic):
        for topic, words in TOPICS.items():
            a, b, c = rng.choice(words, size=3, replace=False)
            found.append((topic, f"{OPENERS[number % len(OPENERS)]} we talked about {a} and {b}, then {c} number {number}."))
    return found


@pytest.fixture
def themed(sqlite_project: Any, tmp_path: Path) -> Project:
    """Three interviews in three cases, 45 participant sentences on three planted topics."""
    project: Project = sqlite_project
    sentences = _sentences(15, seed=1)
    for number, case in enumerate(("C1", "C2", "C3")):
        mine = sentences[number::3]
        turns: list[tuple[str, str]] = []
        for start in range(0, len(mine), 3):
            turns.append(("Interviewer", "Could you say more?"))
            turns.append((f"Leader {number + 1}", " ".join(text for _, text in mine[start : start + 3])))
        path = write_interview(tmp_path, f"{case}-leader", turns)
        assert project.import_documents([path], case=case, speaker_map={"Interviewer": "interviewer"}).ok
    project.load_codebook(CodebookSpec(id="frame", title="Frame", codes=(
        CodeSpec(id="gov", name="Governance", definition="Trustees, governors and the board committee.",
                 keywords=("trustees", "governors", "committee", "board")),
        CodeSpec(id="assess", name="Assessment", definition="Exams, marking, moderation and grades.",
                 keywords=("moderation", "exams", "marking", "grades")),
        CodeSpec(id="curr", name="Curriculum", definition="What is taught.", keywords=("curriculum",)),
    )))
    return project


def test_themes_are_stored_with_quotes_attribution_and_spread(themed: Project) -> None:
    run = themed.find_themes(seed=0)
    assert run.kind == "themes" and run.n_segments == 45 and run.embedder.startswith("lsa-v1:")
    assert run.metrics["themes"] == len(run.themes) >= 2 and "npmi" in run.metrics
    assert sum(t.size for t in run.themes) + run.n_outliers == 45
    for theme in run.themes:
        assert theme.label and theme.keywords and 1 <= len(theme.quotes) <= 5
        assert sum(theme.cases.values()) == theme.size == sum(theme.participants.values())
        assert set(theme.cases) <= {"C1", "C2", "C3"}
        for quote in theme.quotes:
            assert quote.attribution.startswith(f"{quote.speaker}: \"")
            assert themed.text(quote.document_id)[quote.start : quote.end] == quote.text
        if len(theme.cases) == 3:  # quotes are spread over the cases before repeating one
            assert len({q.case for q in theme.quotes[:3]}) == 3
    assert themed.themes() == run.themes and themed.theme_run(run.id).themes == run.themes
    assert [r.id for r in themed.theme_runs()] == [run.id]
    members = themed.theme_segments(run.themes[0].id)
    assert len(members) == run.themes[0].size


def test_a_fixed_seed_gives_the_same_themes(themed: Project) -> None:
    first, second = themed.find_themes(seed=3), themed.find_themes(seed=3)
    assert first.id != second.id
    assert [(t.label, t.keywords, t.size) for t in first.themes] == [(t.label, t.keywords, t.size) for t in second.themes]
    assert [[q.segment_id for q in t.quotes] for t in first.themes] == [[q.segment_id for q in t.quotes]
                                                                        for t in second.themes]


def test_residual_themes_leave_out_coded_and_well_explained_segments(themed: Project) -> None:
    themed.segment()
    coded = themed.segments()[:5]
    for g in coded:
        themed.add_coding(g.document_id, g.start, g.end, "frame.curr")
    everything = themed.find_themes(residual=True, residual_threshold=1.01)
    assert everything.kind == "residual" and everything.n_segments == 45 - 5
    assert everything.metrics["residual_threshold"] == 1.01
    some = themed.find_themes(residual=True, residual_threshold=0.45)
    assert some.n_segments < everything.n_segments
    with pytest.raises(InvalidOperation, match="nothing is left"):
        themed.find_themes(residual=True, residual_threshold=0.0)
    assert themed.theme_run(residual=True).id == some.id == themed.theme_run().id
    with pytest.raises(NotFound, match="no themes yet"):
        themed.theme_run(residual=False)


def test_promoting_a_theme_creates_a_code_and_queues_its_segments(themed: Project) -> None:
    theme = themed.find_themes(seed=0).themes[0]
    code = themed.promote_theme(theme.id)
    assert code.origin == "theme" and code.codebook == "project"
    assert code.keywords == theme.keywords[:8] and theme.keywords[0] in code.definition
    assert len(code.examples) == min(3, len(theme.quotes))
    queued = themed.suggestions(code=code.id)
    assert len(queued) == theme.size and {r.source for r in queued} == {"topic"}
    assert all(0 <= r.score <= 1 and r.evidence["topic"] == theme.id for r in queued)
    assert themed.themes()[0].promoted_code_id == code.id
    coding = themed.accept_suggestion(queued[0].id)
    assert coding.origin == "topic"
    with pytest.raises(InvalidOperation, match="already promoted"):
        themed.promote_theme(theme.id)
    themed.undo()  # the acceptance
    assert themed.undo() == "theme.promote"
    assert themed.suggestions(None, source="topic") == [] and themed.themes()[0].promoted_code_id is None
    with pytest.raises(NotFound):
        themed.code(code.id)
    named = themed.promote_theme(theme.id, name="Board oversight")
    assert named.name == "Board oversight"


def test_a_handful_of_segments_gives_one_theme_with_a_note(sqlite_project: Project, tmp_path: Path) -> None:
    path = write_interview(tmp_path, "tiny", [("Interviewer", "Hello?"), ("Ann", "We moderate writing. Trustees meet."),
                                              ("Interviewer", "More?"), ("Ann", "Staff are tired. Exams went well.")])
    assert sqlite_project.import_documents([path], speaker_map={"Interviewer": "interviewer"}).ok
    run = sqlite_project.find_themes()
    assert len(run.themes) == 1 and run.themes[0].size == 4 and run.note and "too few" in run.note


def test_no_themes_yet_is_a_clear_message(themed: Project) -> None:
    with pytest.raises(NotFound, match="no themes yet"):
        themed.themes()
    with pytest.raises(NotFound, match="no theme with id"):
        themed.promote_theme(12345)
