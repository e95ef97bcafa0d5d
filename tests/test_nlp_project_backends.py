"""The whole NLP round trip on SQLite and PostgreSQL: segments, cache, suggestions, decisions, themes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from nlp_support import LABELS, labelled_project

pytestmark = pytest.mark.usefixtures("no_network")


def test_suggest_review_and_themes_on_each_backend(project: Any, tmp_path: Path) -> None:
    labelled_project(project, tmp_path)
    report = project.suggest(threshold=0.1)
    assert report.segments == len(LABELS) and report.added > 0
    rows = project.suggestions(document="A01-ceo")
    assert rows and all(project.text("A01-ceo")[r.start : r.end] == r.text for r in rows)
    assert project.suggest(threshold=0.1).added == 0  # cached vectors, stable suggestions
    coding = project.accept_suggestion(rows[0].id)
    assert coding.origin == "suggestion" and coding.score == rows[0].score
    project.reject_suggestion(rows[1].id)
    assert project.undo() == "suggestion.reject" and project.undo() == "suggestion.accept"
    assert project.codings() == [] and project.suggestion(rows[0].id).status == "pending"
    run = project.find_themes(seed=0)
    assert len(run.themes) == 1 and run.themes[0].size == len(LABELS)
    code = project.promote_theme(run.themes[0].id, name="Everything")
    assert len(project.suggestions(code=code.id)) == len(LABELS)
    assert project.undo() == "theme.promote" and project.suggestions(None, source="topic") == []
