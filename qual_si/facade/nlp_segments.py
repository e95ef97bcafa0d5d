"""Segments and embeddings in a project: incremental sentence segmentation and the vector cache.

- ``segment()`` splits utterances into sentences with spaCy and stores them in ``segments`` with
  their offsets, text hash and the segmenter's id. It only touches utterances that have no
  segments from that segmenter yet, so a second run costs a query unless documents were added.
  Interviewer turns are left out unless asked for; roles are read again at every analysis, so a
  speaker later marked as interviewer drops out of suggestions and themes without re-segmenting.
- Vectors are cached in ``embeddings`` by (text hash, embedder id). The LSA embedder is fitted on
  the project's participant segments plus the text of every active code; its id names the fit,
  so vectors from an older fit are never mixed in (they are deleted when a new fit is stored).
  A cached vector that does not decode (wrong length, bad checksum, NaN) is computed again and
  replaced.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, delete, func, or_, select

from ..errors import InvalidOperation
from ..model import Code
from ..store import schema as s
from .coding import CodingMixin
from .documents import DocumentsMixin

if TYPE_CHECKING:
    import numpy as np

    from ..nlp.cache import CachedEmbedder
    from ..nlp.embed import Embedder
    from ..nlp.segment import Segmenter

#: how many documents are split between two progress reports
_DOCUMENTS_PER_STEP = 25


@dataclass(frozen=True)
class NlpProgress:
    """Where a long NLP action is: ``stage`` (segmenting, embedding, scoring, saving, themes)."""

    stage: str
    done: int
    total: int


NlpProgressCallback = Callable[[NlpProgress], None]


@dataclass(frozen=True)
class SegmentReport:
    segmenter: str
    #: names of the documents that got new segments in this run
    documents: list[str]
    segments_added: int
    #: every segment from this segmenter in the project after the run
    segments_total: int


@dataclass(frozen=True)
class SegmentInfo:
    """One sentence segment with what is needed to quote it."""

    id: int
    document_id: int
    document: str
    case: str | None
    utterance_id: int | None
    speaker: str | None
    role: str
    participant: str
    start: int
    end: int
    start_s: float | None
    text: str
    #: the turn (utterance) the sentence belongs to, as offsets into the document
    turn_start: int
    turn_end: int


class NlpSegmentsMixin(DocumentsMixin, CodingMixin):
    """Segmentation and the embedding cache, shared by suggestions and themes."""

    # -- segmentation --------------------------------------------------------------------------

    def segment(
        self, documents: Sequence[int | str] | None = None, *, spacy_model: str | None = None,
        include_interviewers: bool = False, progress: NlpProgressCallback | None = None,
    ) -> SegmentReport:
        """Split the utterances of ``documents`` (default: all) into sentence segments.

        Incremental: only utterances without segments from this segmenter are split. The spaCy
        pipeline is ``spacy_model``, else the project setting ``spacy_model``, else the built-in
        sentence splitter. Audited, not undoable (segments are derived data).
        """
        segmenter = self._segmenter(spacy_model)
        segmenter_id = segmenter.id
        with self._read() as conn:
            document_ids = self._document_ids(conn, documents)
            done = {u for (u,) in conn.execute(
                select(s.segments.c.utterance_id).distinct().where(s.segments.c.segmenter == segmenter_id))}
            query = (
                select(s.utterances.c.id, s.utterances.c.document_id, s.utterances.c.start, s.utterances.c.end)
                .select_from(s.utterances.outerjoin(s.speakers, s.speakers.c.id == s.utterances.c.speaker_id))
                .order_by(s.utterances.c.document_id, s.utterances.c.start)
            )
            if not include_interviewers:
                query = query.where(or_(s.speakers.c.role.is_(None), s.speakers.c.role != "interviewer"))
            if document_ids is not None:
                query = query.where(s.utterances.c.document_id.in_(document_ids))
            todo: dict[int, list[tuple[int, int, int]]] = {}
            for utterance_id, document_id, start, end in conn.execute(query):
                if utterance_id not in done and end > start:
                    todo.setdefault(document_id, []).append((utterance_id, start, end))
        rows = self._split(segmenter, todo, progress)
        touched = sorted({row["document_id"] for row in rows})
        if rows:
            with self._write("nlp.segment", {"segmenter": segmenter_id}, undoable=False) as tx:
                tx.insert_many(s.segments, rows)
                tx.payload.update({"documents": len(touched), "segments": len(rows)})
        with self._read() as conn:
            names = dict(conn.execute(select(s.documents.c.id, s.documents.c.name)
                                      .where(s.documents.c.id.in_(touched))).all()) if touched else {}
            total = int(conn.execute(select(func.count()).select_from(s.segments)
                                     .where(s.segments.c.segmenter == segmenter_id)).scalar_one())
        return SegmentReport(segmenter_id, [names[d] for d in touched], len(rows), total)

    def _split(
        self, segmenter: Segmenter, todo: dict[int, list[tuple[int, int, int]]],
        progress: NlpProgressCallback | None,
    ) -> list[dict[str, Any]]:
        from ..nlp.vectors import text_hash

        rows: list[dict[str, Any]] = []
        documents = sorted(todo)
        for step in range(0, len(documents), _DOCUMENTS_PER_STEP):
            if progress:
                progress(NlpProgress("segmenting", step, len(documents)))
            chunk = documents[step : step + _DOCUMENTS_PER_STEP]
            texts = self._document_texts(chunk)
            # one utterance at a time, so every sentence knows its utterance
            items = [(texts[d], [(a, b)]) for d in chunk for _, a, b in todo[d]]
            owners = [(d, u) for d in chunk for u, _, _ in todo[d]]
            for (document_id, utterance_id), spans in zip(owners, segmenter.split_many(items), strict=True):
                text = texts[document_id]
                rows.extend(
                    {"document_id": document_id, "utterance_id": utterance_id, "start": a, "end": b,
                     "text_hash": text_hash(text[a:b]), "segmenter": segmenter.id}
                    for a, b in spans
                )
        if progress:
            progress(NlpProgress("segmenting", len(documents), len(documents)))
        return rows

    def _segmenter(self, spacy_model: str | None) -> Segmenter:
        from ..nlp.segment import Segmenter

        model = spacy_model or self.get_setting("spacy_model") or None
        memo = self._nlp_memo()
        key = ("segmenter", model)
        if key not in memo:
            memo[key] = Segmenter(model)
        segmenter: Segmenter = memo[key]
        return segmenter

    def _nlp_memo(self) -> dict[Any, Any]:
        """Per-project cache of loaded pipelines and fitted embedders (they cost seconds to build)."""
        memo: dict[Any, Any] | None = getattr(self, "_nlp_memo_store", None)
        if memo is None:
            memo = {}
            self._nlp_memo_store = memo
        return memo

    def _document_ids(self, conn: Connection, documents: Sequence[int | str] | None) -> list[int] | None:
        if documents is None:
            return None
        if isinstance(documents, str | int):
            documents = [documents]
        return [int(self._document_row(conn, ref)["id"]) for ref in documents]

    def _document_texts(self, document_ids: Sequence[int]) -> dict[int, str]:
        texts: dict[int, str] = {}
        with self._read() as conn:
            for step in range(0, len(document_ids), 200):
                chunk = list(document_ids[step : step + 200])
                texts.update(conn.execute(select(s.document_texts.c.document_id, s.document_texts.c.text)
                                          .where(s.document_texts.c.document_id.in_(chunk))).all())
        return texts

    # -- reading segments ----------------------------------------------------------------------

    def segments(
        self, document: int | str | None = None, *, include_interviewers: bool = False,
        spacy_model: str | None = None,
    ) -> list[SegmentInfo]:
        """The stored sentence segments (of one document, or all), in document order."""
        segmenter_id = self._segmenter(spacy_model).id
        with self._read() as conn:
            ids = self._document_ids(conn, None if document is None else [document])
        return self._analysis_segments(segmenter_id, include_interviewers, ids)

    def _analysis_segments(
        self, segmenter_id: str, include_interviewers: bool, document_ids: Sequence[int] | None = None,
    ) -> list[SegmentInfo]:
        return self._segments_and_texts(segmenter_id, include_interviewers, document_ids)[0]

    def _segments_and_texts(
        self, segmenter_id: str, include_interviewers: bool, document_ids: Sequence[int] | None = None,
    ) -> tuple[list[SegmentInfo], dict[int, str]]:
        """The segments, and the texts of their documents (their turns are read from them later)."""
        g, d, u, sp = s.segments, s.documents, s.utterances, s.speakers
        query = (
            select(g.c.id, g.c.document_id, d.c.name.label("document"), s.cases.c.name.label("case"),
                   g.c.utterance_id, sp.c.name.label("speaker"), sp.c.role, s.participants.c.name.label("participant"),
                   g.c.start, g.c.end, u.c.start_s, u.c.start.label("turn_start"), u.c.end.label("turn_end"))
            .select_from(
                g.join(d, d.c.id == g.c.document_id).outerjoin(s.cases, s.cases.c.id == d.c.case_id)
                .outerjoin(u, u.c.id == g.c.utterance_id).outerjoin(sp, sp.c.id == u.c.speaker_id)
                .outerjoin(s.participants, s.participants.c.id == sp.c.participant_id)
            )
            .where(g.c.segmenter == segmenter_id)
            .order_by(g.c.document_id, g.c.start, g.c.id)
        )
        if not include_interviewers:
            query = query.where(or_(sp.c.role.is_(None), sp.c.role != "interviewer"))
        if document_ids is not None:
            query = query.where(g.c.document_id.in_(list(document_ids)))
        with self._read() as conn:
            rows = conn.execute(query).all()
        texts = self._document_texts(sorted({r.document_id for r in rows}))
        return [
            SegmentInfo(
                id=r.id, document_id=r.document_id, document=r.document, case=r.case, utterance_id=r.utterance_id,
                speaker=r.speaker, role=r.role or "participant",
                participant=r.participant or (f"{r.speaker} ({r.document})" if r.speaker else r.document),
                start=r.start, end=r.end, start_s=r.start_s, text=texts[r.document_id][r.start : r.end],
                turn_start=r.start if r.turn_start is None else r.turn_start,
                turn_end=r.end if r.turn_end is None else r.turn_end,
            )
            for r in rows
        ], texts

    def _segments_or_fail(
        self, spacy_model: str | None, include_interviewers: bool, progress: NlpProgressCallback | None,
    ) -> tuple[SegmentReport, list[SegmentInfo], dict[int, str]]:
        """Segment what is new, then every analysis segment (with its documents' texts); a clear
        error when there are none."""
        report = self.segment(spacy_model=spacy_model, include_interviewers=include_interviewers, progress=progress)
        found, texts = self._segments_and_texts(report.segmenter, include_interviewers)
        if not found:
            has_documents = bool(self.documents())
            raise InvalidOperation(
                "there is no participant speech to work on: every turn is an interviewer's "
                "(check the speaker roles)" if has_documents else
                "the project has no documents yet: import interviews first (qual-si import)"
            )
        return report, found, texts

    # -- embeddings ----------------------------------------------------------------------------

    def _fitted_embedder(self, spec: str, texts: Sequence[str], codes: Sequence[Code]) -> Embedder:
        """``spec`` (lsa, lsa:N, st:PATH) ready to use; LSA is fitted on ``texts`` + the codes' text."""
        from ..nlp.embed import LsaEmbedder, make_embedder
        from ..nlp.suggest import codebook_texts

        embedder = make_embedder(spec)
        memo = self._nlp_memo()
        if isinstance(embedder, LsaEmbedder):
            training = list(texts) + codebook_texts(codes)
            digest = hashlib.sha256("\x1e".join(training).encode("utf-8")).hexdigest()
            key: tuple[str, ...] = ("embedder", spec, digest)
            if key not in memo:
                for stale in [k for k in memo if k[:2] == ("embedder", spec)]:
                    del memo[stale]  # an older fit of this project: its texts have changed
                memo[key] = embedder.fit(training)
        else:
            key = ("embedder", spec)
            if key not in memo:
                memo[key] = embedder.fit([])  # pre-trained: loads the model and checks it
        fitted: Embedder = memo[key]
        return fitted

    def _cached_embedder(self, embedder: Embedder) -> tuple[CachedEmbedder, set[str]]:
        """``embedder`` with its cached vectors (segments and code texts alike: an embedder id
        belongs to one project's fit or model); also the hashes whose blobs were corrupt."""
        from ..nlp.cache import CachedEmbedder
        from ..nlp.vectors import unpack_vector

        e = s.embeddings
        query = select(e.c.text_hash, e.c.dim, e.c.vector).where(e.c.embedder_id == embedder.id)
        known: dict[str, np.ndarray] = {}
        corrupt: set[str] = set()
        dimension = embedder.dimension
        with self._read() as conn:
            for key, dim, blob in conn.execute(query):
                vector = unpack_vector(blob, dimension) if dim == dimension else None
                if vector is None:
                    corrupt.add(key)
                else:
                    known[key] = vector
        return CachedEmbedder(embedder, known), corrupt

    def _store_vectors(self, cached: CachedEmbedder, corrupt: set[str]) -> None:
        """Write the vectors ``cached`` computed; replace corrupt ones; drop other LSA fits' vectors."""
        from ..nlp.embed import LsaEmbedder
        from ..nlp.vectors import pack_vector

        e = s.embeddings
        embedder_id = cached.id
        stale: list[str] = []
        if isinstance(cached.inner, LsaEmbedder):
            with self._read() as conn:
                stale = [i for (i,) in conn.execute(select(e.c.embedder_id).distinct().where(
                    e.c.embedder_id.like(f"{LsaEmbedder.version}:%"))) if i != embedder_id]
        if not (cached.new_ or stale):
            return
        with self._write("nlp.embed", {"embedder": embedder_id}, undoable=False) as tx:
            for old in stale:
                tx.conn.execute(delete(e).where(e.c.embedder_id == old))
            replaced = sorted(corrupt & set(cached.new_))
            for step in range(0, len(replaced), 500):
                tx.conn.execute(delete(e).where(and_(e.c.embedder_id == embedder_id,
                                                     e.c.text_hash.in_(replaced[step : step + 500]))))
            fresh = sorted(cached.new_)
            present: set[str] = set()  # written meanwhile by another process or window
            for step in range(0, len(fresh), 500):
                present.update(tx.conn.execute(select(e.c.text_hash).where(and_(
                    e.c.embedder_id == embedder_id, e.c.text_hash.in_(fresh[step : step + 500])))).scalars())
            tx.insert_many(e, ({"text_hash": key, "embedder_id": embedder_id, "dim": len(cached.new_[key]),
                                "vector": pack_vector(cached.new_[key]), "created_at": tx.now}
                               for key in fresh if key not in present))
            tx.payload.update({"vectors": len(cached.new_), "replaced": len(replaced), "dropped_fits": len(stale)})
        cached.new_.clear()

    @staticmethod
    def _segment_and_turn_vectors(
        cached: CachedEmbedder, segments: Sequence[SegmentInfo], texts: dict[int, str],
    ) -> tuple[np.ndarray, np.ndarray]:
        """Vectors of ``segments`` and of their turns (``texts``: their documents' texts), to blend
        with ``nlp.context.with_context`` at whichever weight a use needs."""
        turns = [texts[g.document_id][g.turn_start : g.turn_end] for g in segments]
        return cached.transform([g.text for g in segments]), cached.transform(turns)

    def _prepared_embedder(
        self, embedder_spec: str, segments: Sequence[SegmentInfo], codes: Sequence[Code],
        progress: NlpProgressCallback | None,
    ) -> tuple[CachedEmbedder, set[str]]:
        """The embedder for this project state (fitted on ``segments`` and ``codes`` for LSA) with
        its cached vectors, and the hashes of corrupt cached vectors to replace."""
        if progress:
            progress(NlpProgress("embedding", 0, 1))
        fitted = self._fitted_embedder(embedder_spec, [g.text for g in segments], codes)
        cached, corrupt = self._cached_embedder(fitted)
        if progress:
            progress(NlpProgress("embedding", 1, 1))
        return cached, corrupt
