"""``qual-si import`` through the entry point: per-file report, bad input, exit status."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from qual_si import Project
from qual_si.cli import main

GOOD = "Interviewer: How did it start?\nParticipant 1: With a phone call from the diocese. (3:04)\n"


@pytest.fixture
def project_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "study.qsi"
    monkeypatch.setenv("QUAL_SI_PROJECT", str(path))
    assert main(["init"]) == 0
    return path


def _bad_files(folder: Path) -> dict[str, Path]:
    folder.mkdir()
    files = {
        "empty": folder / "empty.txt",
        "binary": folder / "binary.txt",
        "controls": folder / "controls.txt",
        "corrupt": folder / "corrupt.docx",
        "encrypted": folder / "locked.docx",
        "vtt": folder / "broken.vtt",
        "notdocx": folder / "zip.docx",
    }
    files["empty"].write_bytes(b"")
    files["binary"].write_bytes(bytes(range(256)) * 20)
    # No NUL byte: only the share of control characters gives this one away.
    files["controls"].write_bytes(bytes(range(1, 32)) * 50)
    files["corrupt"].write_bytes(b"PK\x03\x04 this is not really a zip")
    files["encrypted"].write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    files["vtt"].write_text("WEBVTT\n\n00:00:01.000 -> nonsense\nHello\n", encoding="utf-8")
    with zipfile.ZipFile(files["notdocx"], "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    return files


def test_good_file_reports_utterances_speakers_and_timestamps(
    project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "T01-ceo.txt"
    source.write_text(GOOD, encoding="utf-8")
    assert main(["import", str(source)]) == 0
    out = capsys.readouterr().out
    assert "T01-ceo: 2 utterances" in out
    assert "Interviewer (interviewer)" in out and "Participant 1 (participant)" in out
    assert "timestamps: 1" in out
    assert "1 imported, 0 duplicate(s) skipped, 0 failed" in out


def test_bad_files_fail_one_line_each_while_the_batch_goes_on(
    project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _bad_files(tmp_path / "bad")
    good = tmp_path / "bad" / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    missing = tmp_path / "missing.txt"
    status = main(["import", str(tmp_path / "bad"), str(missing)])
    captured = capsys.readouterr()
    assert status == 1
    errors = [line for line in captured.err.splitlines() if line.startswith("failed")]
    assert len(errors) == len(bad) + 1
    reasons = "\n".join(errors)
    assert "empty.txt: file is empty" in reasons
    assert "binary.txt: looks like a binary file, not text" in reasons
    assert "controls.txt: looks like a binary file, not text" in reasons
    assert "corrupt.docx" in reasons and "not a valid .docx" in reasons
    assert "locked.docx" in reasons and "password-protected" in reasons
    assert "broken.vtt:line 3" in reasons
    assert "missing.txt: no such file or folder" in reasons
    assert "Traceback" not in captured.err + captured.out
    assert "1 imported, 0 duplicate(s) skipped, 8 failed" in captured.out
    with Project.open(project_file) as project:
        assert [d.name for d in project.documents()] == ["good"]


def test_duplicate_content_is_skipped_and_said(
    project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "a.txt"
    first.write_text(GOOD, encoding="utf-8")
    copy = tmp_path / "b.txt"
    copy.write_text(GOOD, encoding="utf-8")
    assert main(["import", str(first), str(copy)]) == 0
    out = capsys.readouterr().out
    assert "skipped" in out and "same content as document 'a'" in out
    with Project.open(project_file) as project:
        assert len(project.documents()) == 1


def test_unknown_encoding_is_refused_per_file(
    project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "x.txt"
    source.write_text(GOOD, encoding="utf-8")
    assert main(["import", "--encoding", "klingon-8", str(source)]) == 1
    assert "klingon-8" in capsys.readouterr().err


def test_speaker_map_option_sets_roles(project_file: Path, tmp_path: Path) -> None:
    source = tmp_path / "focus.txt"
    source.write_text("Alex: Hello there?\nSam: Hi.\nAlex: How are you?\nSam: Fine.\n", encoding="utf-8")
    assert main(["import", "--speaker-map", "Sam=interviewer,Alex=participant", str(source)]) == 0
    with Project.open(project_file) as project:
        assert project.speakers("focus") == {"Alex": "participant", "Sam": "interviewer"}


@pytest.fixture
def one_interview(project_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The project with ``T01-ceo`` imported (and the import's output swallowed)."""
    source = tmp_path / "T01-ceo.txt"
    source.write_text(GOOD, encoding="utf-8")
    assert main(["import", str(source)]) == 0
    capsys.readouterr()
    return project_file


def test_speakers_links_a_label_to_a_participant(one_interview: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["speakers", "T01-ceo", "--participant", "Participant 1=Head of Oak School"]) == 0
    assert "Participant 1: participant = Head of Oak School" in capsys.readouterr().out
    with Project.open(one_interview) as project:
        assert project.participants_frame()["participant"].tolist() == ["Head of Oak School"]
    assert main(["speakers", "T01-ceo", "-p", "Participant 9=Sam"]) == 1
    assert "does not speak in document" in capsys.readouterr().err
    assert main(["speakers", "-p", "Participant 1=Sam"]) == 2


def test_show_prints_speaker_and_timestamp(one_interview: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["show", "T01"]) == 0
    out = capsys.readouterr().out
    assert "3:04" in out and "Participant 1" in out and "With a phone call from the diocese." in out


def test_a_non_project_file_is_refused_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "notes.qsi"
    bogus.write_text("just notes")
    assert main(["--project", str(bogus), "info"]) == 1
    err = capsys.readouterr().err
    assert "not a qual-si project" in err and "Traceback" not in err


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    import typer.main

    from qual_si.cli import app

    group = typer.main.get_command(app)
    names: list[list[str]] = []
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        names.append([name])
        for sub in getattr(command, "commands", {}):
            names.append([name, sub])
    assert len(names) > 20
    for path in names:
        assert main([*path, "--help"]) == 0, path
        assert "Usage" in capsys.readouterr().out


def test_console_script_runs(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = Path(sys.executable).parent / "qual-si"
    if not script.exists():
        pytest.skip("qual-si console script not installed")
    done = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=True)
    assert done.stdout.startswith("qual-si ")
