"""Emerging themes in a project: find them, read them with attributed quotes, promote one to a code.

``find_themes()`` clusters the participant segments (BERTopic over the cached embeddings, see
``nlp.themes``) and stores a run: ``topic_runs`` (parameters, quality metrics), ``topics`` (label,
keywords, size, representative segment ids) and ``topic_assignments`` (every segment's theme and
its similarity to the theme's centre). ``residual=True`` clusters only the segments the codebook
does not explain: not coded, and no code scoring ``residual_threshold`` or more. Runs are audited
and kept; ``themes()`` reads the latest (or a given) run back with quotes and spread.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, select

from ..errors import InvalidOperation, NotFound
from ..model import Code, Topic
from ..quotes import quote_with_attribution
from ..store import schema as s
from .nlp_segments import NlpProgress, NlpProgressCallback, SegmentInfo
from .nlp_suggestions import NlpSuggestionsMixin

if TYPE_CHECKING:
    import numpy as np

#: a segment whose best code scores below this is "not explained by the codebook"
DEFAULT_RESIDUAL_THRESHOLD = 0.5
NO_CASE = "(no case)"


@dataclass(frozen=True)
class Quote:
    """A segment as a quote: the words, who said them, where and when."""

    segment_id: int
    document_id: int
    document: str
    case: str | None
    speaker: str | None
    participant: str
    start: int
    end: int
    start_s: float | None
    text: str

    @property
    def attribution(self) -> str:
        """``Speaker: "words" (3:04)`` as a report quotes it."""
        return quote_with_attribution(self.text, self.speaker, self.start_s)


@dataclass(frozen=True)
class ThemeView(Topic):
    """A stored theme with its quotes and how it spreads over cases and participants."""

    quotes: tuple[Quote, ...] = ()
    #: case name (or "(no case)") -> segments of the theme, largest first
    cases: dict[str, int] = field(default_factory=dict)
    #: participant -> segments of the theme, largest first
    participants: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ThemeRun:
    id: int
    kind: str  # themes | residual
    embedder: str
    seed: int
    created_at: datetime
    n_segments: int
    n_outliers: int
    parameters: dict[str, Any]
    metrics: dict[str, Any]
    themes: list[ThemeView] = field(default_factory=list)

    @property
    def note(self) -> str | None:
        """Why the result is degraded (too few segments...), if it is."""
        note = self.metrics.get("note")
        return str(note) if note else None

    @property
    def outlier_share(self) -> float:
        return self.n_outliers / self.n_segments if self.n_segments else 0.0


class NlpThemesMixin(NlpSuggestionsMixin):
    def find_themes(
        self, *, residual: bool = False, seed: int = 0, embedder: str = "lsa", progress: NlpProgressCallback | None = None,
        codebooks: Sequence[str] | None = None, residual_threshold: float | None = None,
        spacy_model: str | None = None, include_interviewers: bool = False,
    ) -> ThemeRun:
        """Find emerging themes in the participant segments (or, ``residual``, in what the codes of
        ``codebooks`` do not explain). Deterministic for a fixed ``seed``. Audited, not undoable."""
        from ..nlp.context import CONTEXT_WEIGHT, THEME_CONTEXT_WEIGHT, with_context
        from ..nlp.themes import ThemeFinder

        _, segments, documents = self._segments_or_fail(spacy_model, include_interviewers, progress)
        with self._read() as conn:
            all_codes = self._codes(conn)
        cached, corrupt = self._prepared_embedder(embedder, segments, all_codes, progress)
        own, turns = self._segment_and_turn_vectors(cached, segments, documents)
        # themes read a sentence with more of its turn than code scores do (see nlp.context)
        vectors = with_context(own, turns, THEME_CONTEXT_WEIGHT)
        metrics: dict[str, Any] = {"context_weight": THEME_CONTEXT_WEIGHT}
        if residual:
            threshold = float(residual_threshold if residual_threshold is not None
                              else self.get_setting("residual_threshold", DEFAULT_RESIDUAL_THRESHOLD))
            keep = self._unexplained(segments, with_context(own, turns, CONTEXT_WEIGHT), cached, codebooks,
                                     threshold)
            metrics.update({"residual_threshold": threshold, "residual_share": round(float(keep.mean()), 3)})
            if not keep.any():
                raise InvalidOperation(
                    f"every segment is coded or scores at least {threshold} on some code: nothing is left "
                    "unexplained. Lower the residual threshold to look further."
                )
            segments = [g for g, k in zip(segments, keep, strict=True) if k]
            vectors = vectors[keep]
        if progress:
            progress(NlpProgress("themes", 0, 1))
        texts = [g.text for g in segments]
        result = ThemeFinder(seed=seed).fit(texts, vectors, groups=[(g.case, g.participant) for g in segments])
        if progress:
            progress(NlpProgress("themes", 1, 1))
        metrics.update(_theme_metrics(result, texts))
        self._store_vectors(cached, corrupt)
        run_id = self._save_run(result, segments, "residual" if residual else "themes", cached.id, seed, metrics)
        return self.theme_run(run_id)

    def _unexplained(
        self, segments: Sequence[SegmentInfo], vectors: np.ndarray, embedder: Any,
        codebooks: Sequence[str] | None, threshold: float,
    ) -> np.ndarray:
        """True for segments no code explains: not coded, and every code scores below ``threshold``."""
        import numpy as np

        from ..nlp.coverage import covered_codes
        from ..nlp.suggest import SuggestionScorer
        from ..nlp.themes import residual_mask

        all_codes, chosen = self._suggestion_codes(codebooks)
        codings = self._coding_spans()
        coded_texts: dict[int, list[str]] = {}
        for _, _, _, code_id, snippet in codings:
            coded_texts.setdefault(code_id, []).append(snippet)
        scorer = SuggestionScorer(threshold=0.0).fit(chosen, embedder, coded_texts)
        best = scorer.score_matrix([g.text for g in segments], vectors).max(axis=1)
        covered = covered_codes([(g.document_id, g.start, g.end) for g in segments], [c[:4] for c in codings])
        coded = np.array([bool(c) for c in covered], dtype=bool)
        result: np.ndarray = residual_mask(best, threshold) & ~coded
        return result

    def _save_run(
        self, result: Any, segments: Sequence[SegmentInfo], kind: str, embedder_id: str, seed: int,
        metrics: dict[str, Any],
    ) -> int:
        import math

        with self._write("themes.find", {"kind": kind, "embedder": embedder_id, "seed": seed}, undoable=False) as tx:
            run_id = tx.insert(s.topic_runs, {
                "kind": kind, "embedder_id": embedder_id, "params": _jsonable(result.parameters),
                "metrics": metrics, "n_segments": len(segments), "n_outliers": len(result.outliers),
                "seed": seed, "created_by": tx.coder_id, "created_at": tx.now,
            }, record=False)
            assert run_id is not None
            for theme in result.themes:
                tx.insert(s.topics, {
                    "run_id": run_id, "number": theme.number, "label": theme.label, "keywords": list(theme.keywords),
                    "size": theme.size, "representative": [segments[i].id for i in theme.representatives],
                }, record=False)
            similarity = result.similarity
            tx.insert_many(s.topic_assignments, (
                {"run_id": run_id, "segment_id": g.id, "topic_number": int(result.assignments[i]),
                 "probability": None if similarity is None or math.isnan(similarity[i]) else round(float(similarity[i]), 4)}
                for i, g in enumerate(segments)
            ))
            tx.payload.update({"run": run_id, "themes": len(result.themes), "segments": len(segments)})
        return run_id

    # -- reading -------------------------------------------------------------------------------

    def theme_runs(self) -> list[ThemeRun]:
        """Every stored run, newest first, without its themes."""
        with self._read() as conn:
            rows = conn.execute(select(s.topic_runs).order_by(s.topic_runs.c.id.desc())).mappings().all()
        return [_run(r) for r in rows]

    def theme_run(self, run_id: int | None = None, *, residual: bool | None = None) -> ThemeRun:
        """A run with its themes: ``run_id``, else the newest (of that kind when ``residual`` is given)."""
        tr = s.topic_runs
        query = select(tr).order_by(tr.c.id.desc()).limit(1)
        if run_id is not None:
            query = select(tr).where(tr.c.id == run_id)
        elif residual is not None:
            query = query.where(tr.c.kind == ("residual" if residual else "themes"))
        with self._read() as conn:
            row = conn.execute(query).mappings().first()
        if row is None:
            raise NotFound(f"no theme run {run_id}" if run_id is not None else
                           "no themes yet: find them first (qual-si themes)")
        return _run(row, self._theme_views(row["id"], row["kind"] == "residual"))

    def themes(self, run_id: int | None = None, *, residual: bool | None = None) -> list[ThemeView]:
        """The themes of a run (default: the newest), each with 5 quotes and its spread."""
        return self.theme_run(run_id, residual=residual).themes

    def theme_segments(self, topic_id: int) -> list[Quote]:
        """Every segment of a theme as a quote, most central first."""
        with self._read() as conn:
            members = self._theme_members(conn, topic_id)
        return self._member_quotes(members)

    @staticmethod
    def _theme_members(conn: Connection, topic_id: int) -> list[tuple[int, float | None]]:
        """(segment id, similarity to the theme's centre) of a theme's segments, most central first."""
        ta = s.topic_assignments
        topic = conn.execute(select(s.topics.c.run_id, s.topics.c.number).where(s.topics.c.id == topic_id)).first()
        if topic is None:
            raise NotFound(f"no theme with id {topic_id}")
        members = conn.execute(select(ta.c.segment_id, ta.c.probability).where(and_(
            ta.c.run_id == topic.run_id, ta.c.topic_number == topic.number))).all()
        ordered = sorted(members, key=lambda m: (-(m.probability or 0.0), m.segment_id))
        return [(int(m.segment_id), m.probability) for m in ordered]

    def _member_quotes(self, members: Sequence[tuple[int, float | None]]) -> list[Quote]:
        order = [segment_id for segment_id, _ in members]
        quotes = self._quotes(order)
        return [quotes[i] for i in order if i in quotes]

    def _theme_views(self, run_id: int, residual: bool) -> list[ThemeView]:
        ta = s.topic_assignments
        with self._read() as conn:
            topics = conn.execute(select(s.topics).where(s.topics.c.run_id == run_id)
                                  .order_by(s.topics.c.number)).mappings().all()
            assigned = conn.execute(select(ta.c.segment_id, ta.c.topic_number).where(ta.c.run_id == run_id)).all()
        wanted = [i for t in topics for i in (t["representative"] or [])]
        places = self._segment_places(run_id)
        quotes = self._quotes(wanted)
        cases: dict[int, Counter[str]] = {}
        participants: dict[int, Counter[str]] = {}
        for segment_id, number in assigned:
            case, participant = places.get(segment_id, (None, "?"))
            cases.setdefault(number, Counter())[case or NO_CASE] += 1
            participants.setdefault(number, Counter())[participant] += 1
        return [
            ThemeView(
                id=t["id"], run_id=run_id, number=t["number"], label=t["label"], keywords=tuple(t["keywords"] or ()),
                size=t["size"], residual=residual, promoted_code_id=t["promoted_code_id"],
                quotes=tuple(quotes[i] for i in (t["representative"] or []) if i in quotes),
                cases=dict(cases.get(t["number"], Counter()).most_common()),
                participants=dict(participants.get(t["number"], Counter()).most_common()),
            )
            for t in topics
        ]

    def _segment_places(self, run_id: int) -> dict[int, tuple[str | None, str]]:
        """Segment id -> (case, participant) for the segments of a run, without reading any text."""
        g, d, u, sp, ta = s.segments, s.documents, s.utterances, s.speakers, s.topic_assignments
        query = (
            select(g.c.id, d.c.name.label("document"), s.cases.c.name.label("case"), sp.c.name.label("speaker"),
                   s.participants.c.name.label("participant"))
            .select_from(ta.join(g, g.c.id == ta.c.segment_id).join(d, d.c.id == g.c.document_id)
                         .outerjoin(s.cases, s.cases.c.id == d.c.case_id)
                         .outerjoin(u, u.c.id == g.c.utterance_id).outerjoin(sp, sp.c.id == u.c.speaker_id)
                         .outerjoin(s.participants, s.participants.c.id == sp.c.participant_id))
            .where(ta.c.run_id == run_id)
        )
        with self._read() as conn:
            return {
                r.id: (r.case, r.participant or (f"{r.speaker} ({r.document})" if r.speaker else r.document))
                for r in conn.execute(query)
            }

    def _quotes(self, segment_ids: Sequence[int]) -> dict[int, Quote]:
        if not segment_ids:
            return {}
        g = s.segments
        with self._read() as conn:
            rows = conn.execute(select(g.c.document_id, g.c.segmenter).where(g.c.id.in_(list(segment_ids)))).all()
        found: dict[int, Quote] = {}
        wanted = set(segment_ids)
        for segmenter in {r.segmenter for r in rows}:
            documents = sorted({r.document_id for r in rows if r.segmenter == segmenter})
            for info in self._analysis_segments(segmenter, True, documents):
                if info.id in wanted:
                    found[info.id] = Quote(info.id, info.document_id, info.document, info.case, info.speaker,
                                           info.participant, info.start, info.end, info.start_s, info.text)
        return found

    # -- promoting -----------------------------------------------------------------------------

    def promote_theme(self, topic_id: int, name: str | None = None) -> Code:
        """Create a code from a theme (origin ``theme``; definition drafted from its keywords) and
        queue its segments as pending suggestions of that code (source ``topic``). Undoable."""
        from ..nlp.themes import Theme, draft_code_from_theme

        # The segments and their quotes are read before the write: quotes need the documents'
        # texts, and a stored run's assignments never change. Only the promotion check is inside.
        with self._read() as conn:
            assigned = self._theme_members(conn, topic_id)  # also checks the theme exists
        members = self._member_quotes(assigned)
        similarity = {segment_id: float(p) for segment_id, p in assigned if p is not None}
        with self._write("theme.promote", {"topic": topic_id}) as tx:
            topic = tx.get(s.topics, topic_id)
            assert topic is not None
            if topic["promoted_code_id"] is not None:
                raise InvalidOperation(f"theme {topic_id} was already promoted to code {topic['promoted_code_id']}")
            by_id = {q.segment_id: q for q in members}
            examples = [by_id[i].text for i in (topic["representative"] or []) if i in by_id]
            theme = Theme(topic["number"], topic["label"], tuple(topic["keywords"] or ()), tuple(range(len(members))),
                          tuple(range(len(examples))))
            draft = draft_code_from_theme(theme, examples)
            code_id = self._add_code(tx, (name or draft.name).strip() or draft.name, parent=None, codebook=None,
                                     key=None, definition=draft.definition, keywords=draft.keywords,
                                     examples=draft.examples, origin="theme")
            for quote in members:
                tx.insert(s.suggestions, {
                    "document_id": quote.document_id, "segment_id": quote.segment_id, "code_id": code_id,
                    "start": quote.start, "end": quote.end,
                    "score": min(max(similarity.get(quote.segment_id, 0.5), 0.0), 1.0),
                    "evidence": {"theme": topic["label"], "topic": topic_id, "run": topic["run_id"],
                                 "keywords": list(topic["keywords"] or ()),
                                 "similarity": similarity.get(quote.segment_id)},
                    "status": "pending", "source": "topic", "created_at": tx.now,
                })
            tx.update(s.topics, topic_id, {"promoted_code_id": code_id})
            tx.payload.update({"code": code_id, "suggestions": len(members)})
        return self.code(code_id)


def _run(row: Any, themes: list[ThemeView] | None = None) -> ThemeRun:
    return ThemeRun(
        id=row["id"], kind=row["kind"], embedder=row["embedder_id"], seed=row["seed"], created_at=row["created_at"],
        n_segments=row["n_segments"], n_outliers=row["n_outliers"], parameters=row["params"] or {},
        metrics=row["metrics"] or {}, themes=themes or [],
    )


def _theme_metrics(result: Any, texts: Sequence[str]) -> dict[str, Any]:
    from ..nlp import quality

    keywords = [theme.keywords for theme in result.themes]
    metrics: dict[str, Any] = {
        "themes": len(result.themes),
        "outlier_share": round(result.outlier_share, 3),
        "npmi": round(quality.npmi_coherence(keywords, texts), 3),
        "diversity": round(quality.topic_diversity(keywords), 3),
    }
    if result.note:
        metrics["note"] = result.note
    return metrics


def _jsonable(value: Any) -> Any:
    """Parameters as plain JSON (numpy numbers become Python numbers)."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "item"):
        return value.item()
    return value
