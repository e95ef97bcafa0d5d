"""Real files made by QualCoder (../shared/fixtures/qualcoder-examples); skipped when absent."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from qual_si.ingest import guess_roles, read_document
from qual_si.ingest.cases import read_cases_table


@pytest.fixture
def examples(fixtures_dir: Path) -> Path:
    folder = fixtures_dir / "qualcoder-examples"
    if not folder.is_dir():
        pytest.skip("qualcoder-examples fixtures are not present")
    return folder


def test_qualcoder_transcript_with_bracket_ids(examples: Path) -> None:
    document = read_document(examples / "transcript.txt")
    assert document.speakers == ["id1", "id2", "id3"]
    assert [u.speaker for u in document.utterances] == [
        "id1",
        "id2",
        "id3",
        "id1",
        "id3",
        "id1",
        "id2",
    ]
    first = document.text[document.utterances[0].start : document.utterances[0].end]
    assert first.startswith("hello, I like the course.") and not first.startswith("[")
    assert document.text[document.utterances[-1].start : document.utterances[-1].end].endswith(
        "struggling."
    )
    assert document.warnings == []
    # Nobody asks questions and no name says "interviewer": all are participants.
    assert set(guess_roles(document.text, document.utterances).values()) == {"participant"}


def test_qualcoder_docx(examples: Path) -> None:
    document = read_document(examples / "ID1.docx")
    spoken = [document.text[u.start : u.end] for u in document.utterances]
    assert len(spoken) == 3
    assert spoken[0].startswith("I really like learning new things.")
    assert spoken[2].endswith("I'm happy to pay €200.")
    assert document.warnings == ["no speaker labels found"]
    assert document.source_format == "docx"


def test_qualcoder_odt(examples: Path) -> None:
    document = read_document(examples / "ID2.odt")
    spoken = [document.text[u.start : u.end] for u in document.utterances]
    assert len(spoken) == 3
    assert spoken[0].startswith("I have not studied much before, but my father Joe Bloggs")
    assert spoken[2] == "The course cost €200.00 and I do not want to waste my money."


def test_qualcoder_cases_csv(examples: Path) -> None:
    table = read_cases_table(examples / "cases123.csv")
    assert table.case_column == "case"
    assert table.columns == ["Age", "gender", "interest"]
    assert table.types == {"Age": "number", "gender": "category", "interest": "text"}
    assert table.rows[0] == {"case": "ID1", "Age": 20.0, "gender": "f", "interest": "science"}
    assert [row["case"] for row in table.rows] == ["ID1", "ID2", "ID3"]


def test_qualcoder_cases_xlsx(examples: Path) -> None:
    table = read_cases_table(examples / "cases456.xlsx")
    assert [row["case"] for row in table.rows] == ["ID4", "ID5", "ID6"]
    assert table.rows[1]["Age"] == 73.0 and table.types["Age"] == "number"
    assert not any(isinstance(value, date) for row in table.rows for value in row.values())
