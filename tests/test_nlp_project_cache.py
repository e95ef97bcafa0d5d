"""The embedding cache: vectors stored by (text hash, embedder id), corrupt ones recomputed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from nlp_support import add_late_interview, labelled_project
from sqlalchemy import select, update

from qual_si import Project
from qual_si.nlp.vectors import pack_vector, text_hash, unpack_vector
from qual_si.store import schema as s

pytestmark = pytest.mark.usefixtures("no_network")


@pytest.fixture
def labelled(sqlite_project: Any, tmp_path: Path) -> Project:
    return labelled_project(sqlite_project, tmp_path)


def _vectors(project: Project) -> dict[tuple[str, str], bytes]:
    with project.store.read() as conn:
        return {(r.embedder_id, r.text_hash): r.vector for r in conn.execute(select(s.embeddings))}


def _scores(project: Project) -> list[tuple[int, int, int, float]]:
    return sorted((r.document_id, r.start, r.code_id, r.score) for r in project.suggestions())


def _dimension(project: Project, embedder_id: str) -> int:
    with project.store.read() as conn:
        return int(conn.execute(select(s.embeddings.c.dim).where(s.embeddings.c.embedder_id == embedder_id)).first()[0])


def test_vectors_are_cached_and_reused(labelled: Project) -> None:
    report = labelled.suggest(threshold=0.1)
    cached = _vectors(labelled)
    assert {embedder for embedder, _ in cached} == {report.embedder}
    assert {text_hash(g.text) for g in labelled.segments()} <= {h for _, h in cached}
    events = len([e for e in labelled.history(limit=500) if e.action == "nlp.embed"])
    labelled.suggest(threshold=0.1)
    assert len([e for e in labelled.history(limit=500) if e.action == "nlp.embed"]) == events  # nothing new
    assert _vectors(labelled) == cached


def test_a_corrupt_cached_vector_is_recomputed_and_replaced(labelled: Project) -> None:
    report = labelled.suggest(threshold=0.1)
    expected = _scores(labelled)
    segments = labelled.segments()
    damaged = {
        text_hash(segments[0].text): b"\x00\x01garbage",  # undecodable
        text_hash(segments[1].text): pack_vector(np.full(3, 0.5)),  # wrong length
        text_hash(segments[2].text): pack_vector(np.full(_dimension(labelled, report.embedder), np.nan)),
    }
    with labelled.store.write("test.damage", coder_id=None, undoable=False) as tx:
        for key, blob in damaged.items():
            tx.conn.execute(update(s.embeddings).where(s.embeddings.c.text_hash == key).values(vector=blob))
    labelled.suggest(threshold=0.1)
    assert _scores(labelled) == expected
    repaired = _vectors(labelled)
    for key in damaged:
        vector = unpack_vector(repaired[(report.embedder, key)])
        assert vector is not None and np.all(np.isfinite(vector)) and len(vector) > 3


def test_a_new_document_refits_lsa_under_a_new_id_and_old_vectors_go(labelled: Project, tmp_path: Path) -> None:
    first = labelled.suggest(threshold=0.1).embedder
    add_late_interview(labelled, tmp_path)
    second = labelled.suggest(threshold=0.1).embedder
    assert first != second and first.startswith("lsa-v1:") and second.startswith("lsa-v1:")
    assert {embedder for embedder, _ in _vectors(labelled)} == {second}


def test_a_bad_embedder_spec_is_a_clear_error(labelled: Project, tmp_path: Path) -> None:
    from qual_si.errors import InvalidOperation, UnreadableFile

    with pytest.raises(InvalidOperation, match="unknown embedder"):
        labelled.suggest(embedder="word2vec")
    with pytest.raises(UnreadableFile, match="no such folder"):
        labelled.suggest(embedder=f"st:{tmp_path / 'no-model'}")
