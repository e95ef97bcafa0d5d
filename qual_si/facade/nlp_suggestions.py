"""Deductive suggestions in a project: generate, list, accept (as codings) and reject.

``suggest()`` scores every participant segment against the active codes of the chosen codebooks
and stores the best few per codebook as *pending* suggestions, with their evidence. A re-run
updates pending suggestions in place (their ids stay valid for an open review queue), adds new
ones and removes pending ones that no longer qualify. A (document, span, code) that was rejected
is never suggested again, and a segment already coded with a code (or a sub-code of it) is not
offered that code. Accepting creates a coding with origin ``suggestion`` (or ``topic`` for a
promoted theme) and the score; accepting and rejecting are undoable, one by one or in bulk.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, bindparam, delete, func, select, update

from ..errors import ConflictError, InvalidOperation, NotFound
from ..model import Code, Coding, Suggestion
from ..store import Tx
from ..store import schema as s
from .nlp_segments import (
    NlpProgress,
    NlpProgressCallback,
    NlpSegmentsMixin,
    SegmentInfo,
    SegmentReport,
)

DEFAULT_THRESHOLD = 0.3
SUGGESTION_STATUSES = ("pending", "accepted", "rejected")


@dataclass(frozen=True)
class SuggestionRecord(Suggestion):
    """A stored suggestion with what a review screen shows next to it."""

    source: str = "suggest"
    segment_id: int | None = None
    document: str = ""
    code: str = ""  # qualified id, e.g. d003_strategic_areas.sa1_1
    code_name: str = ""
    text: str = ""
    coding_id: int | None = None
    created_at: datetime | None = None


@dataclass(frozen=True)
class SuggestReport:
    embedder: str
    segmentation: SegmentReport
    segments: int
    codes: int
    #: codes that could not be scored, with the reason
    skipped_codes: list[str]
    added: int
    #: pending suggestions whose score changed (the others are kept as they are)
    updated: int
    removed: int
    #: pending suggestions from this run per code id
    by_code: dict[int, int]
    threshold: float
    top_k: int


class NlpSuggestionsMixin(NlpSegmentsMixin):
    def suggest(
        self, *, codebooks: Sequence[str] | None = None, embedder: str = "lsa", threshold: float | None = None,
        top_k: int = 3, documents: Sequence[int | str] | None = None, spacy_model: str | None = None,
        include_interviewers: bool = False, progress: NlpProgressCallback | None = None,
    ) -> SuggestReport:
        """Suggest codes of ``codebooks`` (default: all loaded) for the participant segments.

        Segments new documents first. ``threshold`` defaults to the project setting
        ``suggestion_threshold`` or 0.3; ``top_k`` is per codebook. Audited, not undoable: the
        decisions on the suggestions are what is undone.
        """
        from ..nlp.context import CONTEXT_WEIGHT, with_context
        from ..nlp.coverage import covered_codes
        from ..nlp.suggest import SuggestionScorer, turn_batches

        if threshold is None:
            threshold = float(self.get_setting("suggestion_threshold", DEFAULT_THRESHOLD))
        segmentation, every_segment, texts = self._segments_or_fail(spacy_model, include_interviewers, progress)
        all_codes, chosen = self._suggestion_codes(codebooks)
        with self._read() as conn:
            scope_ids = self._document_ids(conn, documents)
        segments = [g for g in every_segment if scope_ids is None or g.document_id in scope_ids]
        cached, corrupt = self._prepared_embedder(embedder, every_segment, all_codes, progress)
        own, in_turn = self._segment_and_turn_vectors(cached, segments, texts)
        vectors = with_context(own, in_turn, CONTEXT_WEIGHT)
        codings = self._coding_spans([c.id for c in chosen])
        coded_texts: dict[int, list[str]] = {}
        for _, _, _, code_id, snippet in codings:
            coded_texts.setdefault(code_id, []).append(snippet)
        scorer = SuggestionScorer(top_k=top_k, threshold=threshold).fit(chosen, cached, coded_texts)
        decided = self._decided_keys([c.id for c in chosen])
        covered = covered_codes([(g.document_id, g.start, g.end) for g in segments],
                                [c[:4] for c in codings], {c.id: c.parent_id for c in all_codes})
        exclude = [covered[i] | decided.get((g.document_id, g.start, g.end), set()) for i, g in enumerate(segments)]
        hits = []
        # a code's score draws on the other sentences of the same turn (segments come in text order)
        turns = [(g.document_id, g.turn_start) for g in segments]
        for start, stop in turn_batches(len(segments), turns, 2048):
            if progress:
                progress(NlpProgress("scoring", start, len(segments)))
            hits.extend(scorer.score([g.text for g in segments[start:stop]], vectors[start:stop], exclude[start:stop],
                                     turns[start:stop]))
        if progress:
            progress(NlpProgress("saving", 0, 1))
        self._store_vectors(cached, corrupt)
        added, updated, removed, by_code = self._save_suggestions(
            segments, hits, [c.id for c in chosen], scope_ids,
            {"embedder": cached.id, "codebooks": sorted({c.codebook or "" for c in chosen}),
             "threshold": threshold, "top_k": top_k},
        )
        if progress:
            progress(NlpProgress("saving", 1, 1))
        return SuggestReport(
            embedder=cached.id, segmentation=segmentation, segments=len(segments), codes=len(scorer.profiles_),
            skipped_codes=[reason for _, reason in scorer.skipped_], added=added, updated=updated,
            removed=removed, by_code=by_code, threshold=threshold, top_k=top_k,
        )

    def _suggestion_codes(self, codebooks: Sequence[str] | None) -> tuple[list[Code], list[Code]]:
        """Every active code (the embedder learns from all of them) and those to suggest."""
        with self._read() as conn:
            all_codes = self._codes(conn)
            loaded = {key for (key,) in conn.execute(select(s.codebooks.c.key))}
        if codebooks is not None:
            unknown = [key for key in codebooks if key not in loaded]
            if unknown:
                raise NotFound(f"no codebook {unknown[0]!r} in this project; loaded: {', '.join(sorted(loaded))}")
        chosen = [c for c in all_codes if codebooks is None or c.codebook in codebooks]
        if not chosen:
            raise InvalidOperation(
                "there are no codes to suggest: load a codebook first (qual-si codebook load ...)"
                if codebooks is None else f"codebook(s) {', '.join(codebooks)} have no active codes"
            )
        return all_codes, chosen

    def _coding_spans(self, code_ids: Collection[int] | None = None) -> list[tuple[int, int, int, int, str]]:
        """(document, start, end, code, snippet) of the codings (of ``code_ids``), oldest first."""
        c = s.codings
        query = select(c.c.document_id, c.c.start, c.c.end, c.c.code_id, c.c.snippet).order_by(c.c.id)
        wanted = None if code_ids is None else set(code_ids)
        with self._read() as conn:
            return [(r.document_id, r.start, r.end, r.code_id, r.snippet) for r in conn.execute(query)
                    if wanted is None or r.code_id in wanted]

    def _decided_keys(self, code_ids: Collection[int]) -> dict[tuple[int, int, int], set[int]]:
        """(document, start, end) -> codes already accepted or rejected there (never re-suggested)."""
        sg = s.suggestions
        found: dict[tuple[int, int, int], set[int]] = {}
        code_ids = set(code_ids)
        with self._read() as conn:
            for d, a, b, code in conn.execute(select(sg.c.document_id, sg.c.start, sg.c.end, sg.c.code_id)
                                              .where(sg.c.status != "pending")):
                if code in code_ids:
                    found.setdefault((d, a, b), set()).add(code)
        return found

    def _save_suggestions(
        self, segments: Sequence[SegmentInfo], hits: Sequence[Sequence[Any]], code_ids: Sequence[int],
        scope_ids: Sequence[int] | None, payload: dict[str, Any],
    ) -> tuple[int, int, int, dict[int, int]]:
        sg = s.suggestions
        wanted_codes = set(code_ids)
        scope = None if scope_ids is None else set(scope_ids)
        with self._write("suggestions.generate", payload, undoable=False) as tx:
            existing: dict[tuple[int, int, int, int], tuple[int, str, str, float, int | None]] = {}
            for row in tx.conn.execute(select(sg.c.id, sg.c.document_id, sg.c.start, sg.c.end, sg.c.code_id,
                                              sg.c.status, sg.c.source, sg.c.score, sg.c.segment_id)):
                if row.code_id in wanted_codes and (scope is None or row.document_id in scope):
                    existing[(row.document_id, row.start, row.end, row.code_id)] = (
                        row.id, row.status, row.source, row.score, row.segment_id)
            inserts: list[dict[str, Any]] = []
            updates: list[dict[str, Any]] = []
            seen: set[tuple[int, int, int, int]] = set()
            by_code: Counter[int] = Counter()
            for segment, found in zip(segments, hits, strict=True):
                for hit in found:
                    key = (segment.document_id, segment.start, segment.end, hit.code_id)
                    if key in seen:
                        continue
                    seen.add(key)
                    if key in existing:
                        suggestion_id, status, source, score, segment_id = existing[key]
                        if status != "pending" or source != "suggest":
                            continue
                        # the same score from the same segment means the same evidence: skip the write
                        if score != hit.score or segment_id != segment.id:
                            updates.append({"_id": suggestion_id, "_score": hit.score, "_evidence": hit.evidence,
                                            "_segment": segment.id})
                    else:
                        inserts.append({"document_id": segment.document_id, "segment_id": segment.id,
                                        "code_id": hit.code_id, "start": segment.start, "end": segment.end,
                                        "score": hit.score, "evidence": hit.evidence, "status": "pending",
                                        "source": "suggest", "created_at": tx.now})
                    by_code[hit.code_id] += 1
            stale = [i for key, (i, status, source, _, _) in existing.items()
                     if status == "pending" and source == "suggest" and key not in seen]
            for step in range(0, len(stale), 500):
                tx.conn.execute(delete(sg).where(sg.c.id.in_(stale[step : step + 500])))
            if updates:
                tx.conn.execute(
                    update(sg).where(sg.c.id == bindparam("_id")).values(
                        score=bindparam("_score"), evidence=bindparam("_evidence", type_=sg.c.evidence.type),
                        segment_id=bindparam("_segment")),
                    updates,
                )
            tx.insert_many(sg, inserts)
            tx.payload.update({"added": len(inserts), "updated": len(updates), "removed": len(stale)})
        return len(inserts), len(updates), len(stale), dict(by_code)

    # -- reading -------------------------------------------------------------------------------

    def suggestions(
        self, status: str | None = "pending", document: int | str | None = None, code: int | str | None = None,
        limit: int | None = None, *, source: str | None = None, min_score: float | None = None,
        include_children: bool = False, ids: Sequence[int] | None = None,
    ) -> list[SuggestionRecord]:
        """Suggestions (``status`` None = all), best first; for one ``document``, in text order.

        One query, texts included, so a review screen can show a whole document's suggestions.
        """
        if status is not None and status not in SUGGESTION_STATUSES:
            raise InvalidOperation(f"status must be one of {', '.join(SUGGESTION_STATUSES)}, not {status!r}")
        sg, c, b, d, t = s.suggestions, s.codes, s.codebooks, s.documents, s.document_texts
        query = (
            select(sg, d.c.name.label("document"), b.c.key.label("codebook"), c.c.key.label("code_key"),
                   c.c.name.label("code_name"),
                   func.substr(t.c.text, sg.c.start + 1, sg.c.end - sg.c.start).label("text"))
            .select_from(sg.join(c, c.c.id == sg.c.code_id).join(b, b.c.id == c.c.codebook_id)
                         .join(d, d.c.id == sg.c.document_id).join(t, t.c.document_id == sg.c.document_id))
        )
        with self._read() as conn:
            if status is not None:
                query = query.where(sg.c.status == status)
            if document is not None:
                query = query.where(sg.c.document_id == self._document_row(conn, document)["id"])
                query = query.order_by(sg.c.start, sg.c.score.desc(), sg.c.id)
            else:
                query = query.order_by(sg.c.score.desc(), sg.c.document_id, sg.c.start, sg.c.id)
            if code is not None:
                query = query.where(sg.c.code_id.in_(self._code_ids(conn, code, include_children)))
            if source is not None:
                query = query.where(sg.c.source == source)
            if min_score is not None:
                query = query.where(sg.c.score >= min_score)
            if ids is not None:
                query = query.where(sg.c.id.in_(list(ids)))
            if limit is not None:
                query = query.limit(limit)
            rows = conn.execute(query).all()
        return [
            SuggestionRecord(
                id=r.id, document_id=r.document_id, start=r.start, end=r.end, code_id=r.code_id, score=r.score,
                evidence=r.evidence or {}, status=r.status, source=r.source, segment_id=r.segment_id,
                document=r.document, code=f"{r.codebook}.{r.code_key}", code_name=r.code_name, text=r.text or "",
                coding_id=r.coding_id, created_at=r.created_at,
            )
            for r in rows
        ]

    def suggestion(self, suggestion_id: int) -> SuggestionRecord:
        found = self.suggestions(None, ids=[suggestion_id])
        if not found:
            raise NotFound(f"no suggestion with id {suggestion_id}")
        return found[0]

    def suggestion_counts(self) -> dict[int, int]:
        """Code id -> pending suggestions (for the code tree's badges)."""
        sg = s.suggestions
        with self._read() as conn:
            rows = conn.execute(select(sg.c.code_id, func.count()).where(sg.c.status == "pending")
                                .group_by(sg.c.code_id)).all()
        return {code_id: n for code_id, n in rows}

    # -- deciding ------------------------------------------------------------------------------

    def accept_suggestion(self, suggestion_id: int) -> Coding:
        """Turn a pending suggestion into a coding (origin ``suggestion``, with its score). Undoable."""
        with self._write("suggestion.accept", {"suggestion": suggestion_id}) as tx:
            coding_id = self._accept(tx, suggestion_id, {})
        return self.coding(coding_id)

    def accept_suggestions(
        self, min_score: float | None = None, *, ids: Sequence[int] | None = None,
        document: int | str | None = None, code: int | str | None = None,
    ) -> list[int]:
        """Accept every pending suggestion scoring at least ``min_score`` (and/or listed in ``ids``,
        of ``document``, of ``code``) as one undoable action. Returns the coding ids."""
        if min_score is None and ids is None:
            raise InvalidOperation("give a minimum score or the suggestion ids to accept")
        chosen = [r.id for r in self.suggestions("pending", document, code, min_score=min_score, ids=ids)]
        created: list[int] = []
        lookups: dict[tuple[str, int | str], Any] = {}
        with self._write("suggestion.accept_many", {"min_score": min_score}) as tx:
            for suggestion_id in chosen:
                created.append(self._accept(tx, suggestion_id, lookups))
            tx.payload = {"min_score": min_score, "accepted": len(created)}
        return created

    def reject_suggestion(self, suggestion_id: int) -> None:
        """Reject a pending suggestion: it is never suggested again. Undoable."""
        with self._write("suggestion.reject", {"suggestion": suggestion_id}) as tx:
            self._decide(tx, suggestion_id, "rejected")

    def reject_suggestions(self, ids: Sequence[int]) -> int:
        """Reject several pending suggestions as one undoable action. Returns how many."""
        with self._write("suggestion.reject_many", {"suggestions": len(ids)}) as tx:
            for suggestion_id in ids:
                self._decide(tx, suggestion_id, "rejected")
        return len(ids)

    def _decide(self, tx: Tx, suggestion_id: int, status: str, coding_id: int | None = None,
                row: dict[str, Any] | None = None) -> dict[str, Any]:
        """Mark a pending suggestion decided; ``row`` is the suggestion when the caller read it already."""
        row = tx.get(s.suggestions, suggestion_id) if row is None else row
        if row is None:
            raise NotFound(f"no suggestion with id {suggestion_id}")
        if row["status"] != "pending":
            raise InvalidOperation(f"suggestion {suggestion_id} is already {row['status']}")
        values: dict[str, Any] = {"status": status, "decided_by": tx.coder_id, "decided_at": tx.now}
        if coding_id is not None:
            values["coding_id"] = coding_id
        tx.update(s.suggestions, suggestion_id, values)
        return row

    def _accept(self, tx: Tx, suggestion_id: int, lookups: dict[tuple[str, int | str], Any]) -> int:
        row = tx.get(s.suggestions, suggestion_id)
        if row is None:
            raise NotFound(f"no suggestion with id {suggestion_id}")
        origin = "topic" if row["source"] == "topic" else "suggestion"
        try:
            coding_id = self._add_coding(tx, row["document_id"], row["start"], row["end"], row["code_id"],
                                         origin=origin, score=row["score"], lookups=lookups)
        except ConflictError:  # the coder already coded exactly this: link the suggestion to it
            c = s.codings
            coding_id = int(tx.conn.execute(select(c.c.id).where(and_(
                c.c.document_id == row["document_id"], c.c.code_id == row["code_id"], c.c.start == row["start"],
                c.c.end == row["end"], c.c.coder_id == tx.coder_id))).scalar_one())
        self._decide(tx, suggestion_id, "accepted", coding_id, row)
        return coding_id
