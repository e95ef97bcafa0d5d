"""Bad input to suggestions and themes: clear messages or a sensible degraded result."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from nlp_support import CODEBOOK, write_interview

from qual_si import Project
from qual_si.codebook.spec import CodebookSpec, CodeSpec
from qual_si.errors import InvalidOperation, QualSiError

pytestmark = pytest.mark.usefixtures("no_network")


def _import(project: Any, folder: Path, name: str, turns: list[tuple[str, str]]) -> None:
    path = write_interview(folder, name, turns)
    assert project.import_documents([path], speaker_map={"Interviewer": "interviewer"}).ok


def test_an_empty_project_says_to_import_first(sqlite_project: Project) -> None:
    sqlite_project.load_codebook(CODEBOOK)
    with pytest.raises(InvalidOperation, match="no documents yet"):
        sqlite_project.suggest()
    with pytest.raises(InvalidOperation, match="no documents yet"):
        sqlite_project.find_themes()


def test_no_codebook_or_codes_without_content_say_what_to_add(sqlite_project: Project, tmp_path: Path) -> None:
    _import(sqlite_project, tmp_path, "one", [("Interviewer", "Hi?"), ("Ann", "We moderate writing together."),
                                               ("Interviewer", "And?"), ("Ann", "The trustees meet monthly.")])
    with pytest.raises(InvalidOperation, match="load a codebook first"):
        sqlite_project.suggest()
    sqlite_project.load_codebook(CodebookSpec(id="bare", title="Bare", codes=(
        CodeSpec(id="a", name="A"), CodeSpec(id="b", name="B"))))
    with pytest.raises(InvalidOperation, match="no keywords, definitions or examples"):
        sqlite_project.suggest(codebooks=["bare"])
    sqlite_project.find_themes()  # themes need no codebook


def test_only_interviewer_turns_is_explained(sqlite_project: Project, tmp_path: Path) -> None:
    sqlite_project.load_codebook(CODEBOOK)
    _import(sqlite_project, tmp_path, "questions", [("Interviewer", "How are the trustees?"),
                                                     ("Interviewer", "And the curriculum?")])
    with pytest.raises(InvalidOperation, match="interviewer"):
        sqlite_project.suggest()


def test_five_segments_and_non_english_text_degrade_without_a_traceback(
    sqlite_project: Project, tmp_path: Path,
) -> None:
    sqlite_project.load_codebook(CODEBOOK)
    _import(sqlite_project, tmp_path, "fr", [
        ("Interviewer", "Comment ça va ?"),
        ("Zoé", "Les enseignants corrigent les copies ensemble. Le conseil d'administration se réunit."),
        ("Interviewer", "Et encore ?"),
        ("Zoé", "La charge de travail est lourde. 我们的学校很好。 Ölçme ve değerlendirme zor."),
    ])
    assert sqlite_project.segment().segments_added == 5
    try:
        report = sqlite_project.suggest()
    except QualSiError as error:  # a clear message is acceptable, a traceback is not
        assert str(error)
    else:
        assert report.segments == 5
        assert all(0 <= r.score <= 1 for r in sqlite_project.suggestions())
    run = sqlite_project.find_themes()
    assert len(run.themes) == 1 and run.note


def test_symbols_only_text_gives_a_clear_message(sqlite_project: Project, tmp_path: Path) -> None:
    _import(sqlite_project, tmp_path, "symbols", [("Interviewer", "?"), ("Bo", "1 2 3."), ("Interviewer", "?"),
                                                   ("Bo", "4 5 6.")])
    with pytest.raises(QualSiError):
        sqlite_project.find_themes()
