"""The demo corpus and its answer key, and the demo project built from them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from qual_si import Project
from qual_si.codebook.registry import list_shipped
from qual_si.demo import PRECODED, answer_key, corpus_dir
from qual_si.ingest import read_document

SUB_AREAS = {f"d003_strategic_areas.sa{a}_{b}" for a in range(1, 6) for b in range(1, 4)}


def test_corpus_has_mixed_formats_and_interview_lengths() -> None:
    transcripts = sorted((corpus_dir() / "transcripts").iterdir())
    assert len(transcripts) >= 12
    assert {p.suffix for p in transcripts} == {".docx", ".vtt", ".txt"}
    for path in transcripts:
        parsed = read_document(path)
        words = sum(len(parsed.text[u.start : u.end].split()) for u in parsed.utterances)
        assert 1500 <= words <= 4000, (path.name, words)
        assert len(parsed.speakers) == 2, path.name


def test_answer_key_is_large_honest_and_resolves() -> None:
    key = answer_key()
    assert len(key) >= 150
    primaries = Counter(p["primary"] for p in key)
    assert set(primaries) == SUB_AREAS
    assert min(primaries.values()) >= 5
    known = {f"{spec.id}.{code.id}" for spec in list_shipped() for code, _parent, _depth in spec.walk()}
    for passage in key:
        assert passage["primary"] == passage["codes"][0]
        assert set(passage["codes"]) <= known, passage["id"]


def test_answer_key_spans_slice_the_imported_text(demo_project: Project) -> None:
    texts = {d.name: demo_project.text(d.id) for d in demo_project.documents()}
    for passage in answer_key():
        assert texts[passage["document"]][passage["start"] : passage["end"]] == passage["text"], passage["id"]


def test_answer_key_passages_lie_inside_participant_utterances(demo_project: Project) -> None:
    by_document: dict[str, list[tuple[int, int, str]]] = {}
    for document in demo_project.documents():
        utterances = demo_project.utterances(document.id)
        assert isinstance(utterances, list)
        by_document[document.name] = [(u.start, u.end, u.role) for u in utterances]
    for passage in answer_key():
        holders = [u for u in by_document[passage["document"]] if u[0] <= passage["start"] and passage["end"] <= u[1]]
        assert len(holders) == 1 and holders[0][2] == "participant", passage["id"]


def test_demo_project_is_ready_to_explore(demo_project: Project) -> None:
    facts = demo_project.info()
    assert facts.documents == 14 and facts.cases == 8
    assert all(d.case_name == d.name.split("-")[0] for d in demo_project.documents())
    assert {c.name: c.attributes["size band"] for c in demo_project.cases()}["T03"] == "15+"
    precoded = {p["document"] for p in answer_key() if p["document"] in PRECODED}
    coded_documents = {c.document_id for c in demo_project.codings()}
    assert len(coded_documents) == len(precoded) == len(PRECODED)
    assert all(c.origin == "import" for c in demo_project.codings())
    hidden = [a.name for a in demo_project.attributes() if a.hidden]
    assert hidden == ["performance_band"]


def test_corpus_readme_says_it_is_fictional() -> None:
    readme = (corpus_dir() / "README.md").read_text(encoding="utf-8")
    assert "fiction" in readme.lower()
    assert Path(corpus_dir() / "cases.csv").exists()
