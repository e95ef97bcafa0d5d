"""``qual-si segment / suggest / suggestions / themes`` through the entry point."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from nlp_support import labelled_project

from qual_si import Project
from qual_si.cli import main

pytestmark = pytest.mark.usefixtures("no_network")


@pytest.fixture
def project_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "study.qsi"
    monkeypatch.setenv("QUAL_SI_PROJECT", str(path))
    monkeypatch.setenv("COLUMNS", "200")
    with Project.create(path, coder="tester") as project:
        labelled_project(project, tmp_path)
    return path


def test_segment_suggest_review_and_accept(project_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["segment"]) == 0
    assert "8 new segments in 2 document(s)" in capsys.readouterr().out
    assert main(["segment"]) == 0
    assert "Nothing new to segment" in capsys.readouterr().out
    assert main(["suggest", "--threshold", "0.1", "-c", "school"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"\d+ suggestions for 8 segments from 5 codes", out) and "school.workload" in out
    assert main(["suggestions", "--limit", "3"]) == 0
    listing = capsys.readouterr().out
    ids = [int(i) for i in re.findall(r"^\S\s*(\d+)\s", listing, flags=re.MULTILINE)]
    assert len(ids) == 3
    assert main(["suggestions", "--accept", str(ids[0]), "--reject", str(ids[1])]) == 0
    assert f"accepted {ids[0]}: coding" in capsys.readouterr().out
    assert main(["suggestions", "--accept-above", "0.45"]) == 0
    assert "suggestion(s) scoring 0.45 or more" in capsys.readouterr().out
    with Project.open(project_file) as project:
        assert {c.origin for c in project.codings()} == {"suggestion"}
        assert project.suggestion(ids[1]).status == "rejected"
    assert main(["suggestions", "--status", "maybe"]) == 2


def test_themes_print_and_promote(project_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["themes", "--seed", "1"]) == 0
    out = capsys.readouterr().out
    assert "too few to separate themes" in out and "keywords:" in out and "cases:" in out
    theme_id = int(re.search(r"id (\d+)", out).group(1))  # type: ignore[union-attr]
    assert main(["themes", "promote", str(theme_id), "--name", "Everything"]) == 0
    assert "created code Everything" in capsys.readouterr().out
    assert main(["themes", "runs"]) == 0
    assert "themes" in capsys.readouterr().out
    assert main(["themes", "--run", "999"]) == 1
    assert "no theme run 999" in capsys.readouterr().err


def test_errors_are_one_line_not_a_traceback(project_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["suggest", "--embedder", "word2vec"]) == 1
    err = capsys.readouterr().err
    assert "unknown embedder" in err and "Traceback" not in err
    assert main(["segment", "--spacy-model", "xx_no_such_pipeline"]) == 1
    assert "pip install" in capsys.readouterr().err
