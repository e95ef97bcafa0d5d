"""The qual_si.ingest package surface: cheap to import, dispatch by extension."""

from __future__ import annotations

from pathlib import Path

from support import modules_loaded_by

import qual_si.ingest as ingest
from qual_si.ingest import SUPPORTED_EXTENSIONS, read_document


def test_public_names() -> None:
    for name in (
        "read_document",
        "decode_bytes",
        "normalise_text",
        "parse_transcript",
        "guess_roles",
    ):
        assert callable(getattr(ingest, name))
    assert {".txt", ".md", ".docx", ".odt", ".vtt", ".srt", ".csv", ".xlsx"} == SUPPORTED_EXTENSIONS


def test_importing_ingest_loads_no_heavy_packages() -> None:
    heavy = {"docx", "openpyxl", "defusedxml", "lxml", "pandas", "spacy", "textual", "sklearn"}
    assert not modules_loaded_by("import qual_si.ingest") & heavy


def test_markdown_and_otter_text_files(tmp_path: Path) -> None:
    data = Path(__file__).resolve().parent / "data" / "ingest"
    otter = read_document(data / "otter.txt")
    assert [(u.speaker, otter.text[u.start : u.end], u.start_s) for u in otter.utterances] == [
        ("Sam Whitley", "Could you say a bit about how the central team supports reading?", 3.0),
        (
            "Priya Raman",
            "We have a reading lead who visits every school each half term.\n"
            "She models lessons rather than inspecting them.",
            11.0,
        ),
        ("Sam Whitley", "And how do heads respond to that?", 62.0),
        ("Priya Raman", "Mostly well.", 69.0),
    ]
    assert "Transcribed by" in otter.text  # kept in the stored text, outside every utterance
    notes = tmp_path / "notes.MD"
    notes.write_text("# Visit notes\n\n**Interviewer:** Hi.\n\n**Participant 1:** Hello.\n")
    document = read_document(notes)
    assert document.source_format == "md"
    assert document.speakers == ["Interviewer", "Participant 1"]
