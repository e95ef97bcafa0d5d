"""Coding: apply and remove codes on spans, memos, and retrieval of coded segments."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, select

from .. import spans
from ..errors import ConflictError, InvalidOperation, NotFound
from ..model import Coding, Memo
from ..store import Tx
from ..store import schema as s
from .cases import CasesMixin
from .codebook import CodebookMixin

if TYPE_CHECKING:
    import pandas as pd

MEMO_TARGETS = ("project", "document", "case", "code", "coding")


@dataclass(frozen=True)
class Segment:
    """A coded passage with everything needed to quote and find it."""

    coding_id: int
    document_id: int
    document: str
    case: str | None
    code_id: int
    code: str
    start: int
    end: int
    text: str
    speaker: str | None
    role: str | None
    start_s: float | None
    coder: str
    origin: str


def _coding(row: Any) -> Coding:
    return Coding(id=row.id, document_id=row.document_id, start=row.start, end=row.end, code_id=row.code_id,
                  coder=row.coder, created_at=row.created_at, origin=row.origin, score=row.score,
                  snippet=row.snippet)


class CodingMixin(CodebookMixin, CasesMixin):
    """Coding needs code and case resolution, so it builds on those mixins."""

    # -- applying codes ------------------------------------------------------------------------

    def add_coding(
        self, document: int | str, start: int, end: int, code: int | str, *, origin: str = "manual",
        score: float | None = None, memo: str | None = None,
    ) -> Coding:
        """Code ``text[start:end]`` of a document. One transaction; undoable."""
        with self._write("coding.add", {"document": str(document), "code": str(code), "start": start, "end": end}) as tx:
            coding_id = self._add_coding(tx, document, start, end, code, origin=origin, score=score, memo=memo)
        return self.coding(coding_id)

    def add_codings(
        self, items: Sequence[tuple[int | str, int, int, int | str]], *, origin: str = "manual",
    ) -> list[int]:
        """Apply many (document, start, end, code) codings as one undoable action.

        Exact duplicates of the coder's existing codings are skipped. Returns the new coding ids.
        """
        created: list[int] = []
        lookups: dict[tuple[str, int | str], Any] = {}
        with self._write("coding.add_many", {"origin": origin}) as tx:
            for document, start, end, code in items:
                try:
                    created.append(self._add_coding(tx, document, start, end, code, origin=origin, lookups=lookups))
                except ConflictError:
                    continue
            tx.payload = {"origin": origin, "codings": len(created)}
        return created

    def _add_coding(
        self, tx: Tx, document: int | str, start: int, end: int, code: int | str, *, origin: str = "manual",
        score: float | None = None, memo: str | None = None, lookups: dict[tuple[str, int | str], Any] | None = None,
    ) -> int:
        """Insert one coding inside ``tx``. ``lookups`` caches resolved documents, texts and codes
        across the calls of one bulk action (a document's text is read once, not per coding)."""
        conn = tx.conn
        cache = {} if lookups is None else lookups
        if ("doc", document) not in cache:
            row = self._document_row(conn, document)
            text = conn.execute(
                select(s.document_texts.c.text).where(s.document_texts.c.document_id == row["id"])
            ).scalar_one()
            cache["doc", document] = (row, text)
        doc, text = cache["doc", document]
        if ("code", code) not in cache:
            code_id = self._code_id(conn, code)
            status = conn.execute(select(s.codes.c.status).where(s.codes.c.id == code_id)).scalar_one()
            if status != "active":
                raise InvalidOperation(f"code {code!r} is {status}; codings go on active codes")
            cache["code", code] = code_id
        code_id = cache["code", code]
        spans.validate(start, end, len(text))
        duplicate = conn.execute(select(s.codings.c.id).where(and_(
            s.codings.c.document_id == doc["id"], s.codings.c.code_id == code_id, s.codings.c.start == start,
            s.codings.c.end == end, s.codings.c.coder_id == tx.coder_id,
        ))).first()
        if duplicate is not None:
            raise ConflictError("this passage already has this code from you")
        coding_id = tx.insert(s.codings, {
            "document_id": doc["id"], "code_id": code_id, "start": start, "end": end, "coder_id": tx.coder_id,
            "origin": origin, "score": score, "snippet": text[start:end], "guid": str(uuid.uuid4()),
            "created_at": tx.now,
        })
        assert coding_id is not None
        tx.payload.update({"coding": coding_id, "document": doc["name"]})
        if memo:
            self._put_memo(tx, "coding", coding_id, memo)
        return coding_id

    def remove_coding(self, coding_id: int) -> None:
        """Remove a coding and its memos. Undoable."""
        with self._write("coding.remove", {"coding": coding_id}) as tx:
            row = tx.get(s.codings, coding_id)
            if row is None:
                raise NotFound(f"no coding with id {coding_id}")
            for memo_id in tx.conn.execute(select(s.memos.c.id).where(and_(
                s.memos.c.target_type == "coding", s.memos.c.target_id == coding_id))).scalars().all():
                tx.delete(s.memos, memo_id)
            for suggestion_id in tx.conn.execute(select(s.suggestions.c.id).where(
                    s.suggestions.c.coding_id == coding_id)).scalars().all():
                tx.update(s.suggestions, suggestion_id, {"coding_id": None})
            tx.delete(s.codings, coding_id)
            tx.payload.update({"code": row["code_id"], "snippet": row["snippet"][:80]})

    # -- reading codings -----------------------------------------------------------------------

    def coding(self, coding_id: int) -> Coding:
        found = self.codings(ids=[coding_id])
        if not found:
            raise NotFound(f"no coding with id {coding_id}")
        return found[0]

    def codings(
        self, *, document: int | str | None = None, code: int | str | None = None, coder: str | None = None,
        include_children: bool = False, ids: Sequence[int] | None = None,
    ) -> list[Coding]:
        """Codings in document order, optionally for one document, code (and its sub-codes) or coder."""
        with self._read() as conn:
            query = self._codings_query(conn, document=document, code=code, coder=coder,
                                        include_children=include_children)
            if ids is not None:
                query = query.where(s.codings.c.id.in_(list(ids)))
            return [_coding(r) for r in conn.execute(query)]

    def _codings_query(
        self, conn: Connection, *, document: int | str | None, code: int | str | None, coder: str | None,
        include_children: bool,
    ) -> Any:
        c = s.codings
        query = (
            select(c.c.id, c.c.document_id, c.c.start, c.c.end, c.c.code_id, s.coders.c.name.label("coder"),
                   c.c.created_at, c.c.origin, c.c.score, c.c.snippet)
            .select_from(c.join(s.coders, s.coders.c.id == c.c.coder_id))
            .order_by(c.c.document_id, c.c.start, c.c.id)
        )
        if document is not None:
            query = query.where(c.c.document_id == self._document_row(conn, document)["id"])
        if code is not None:
            query = query.where(c.c.code_id.in_(self._code_ids(conn, code, include_children)))
        if coder is not None:
            query = query.where(s.coders.c.name == coder)
        return query

    def codings_frame(self, *, coder: str | None = None) -> pd.DataFrame:
        """Every coding with document, case and code ids: the input of the analysis functions."""
        import pandas as pd

        c, d = s.codings, s.documents
        query = (
            select(c.c.id.label("coding_id"), c.c.document_id, d.c.name.label("document"), d.c.case_id,
                   c.c.code_id, c.c.start, c.c.end, s.coders.c.name.label("coder"), c.c.origin, c.c.score)
            .select_from(c.join(d, d.c.id == c.c.document_id).join(s.coders, s.coders.c.id == c.c.coder_id))
            .order_by(c.c.id)
        )
        if coder is not None:
            query = query.where(s.coders.c.name == coder)
        with self._read() as conn:
            rows = conn.execute(query).all()
        return pd.DataFrame(rows, columns=["coding_id", "document_id", "document", "case_id", "code_id", "start",
                                           "end", "coder", "origin", "score"])

    # -- retrieval -----------------------------------------------------------------------------

    def retrieve(
        self, code: int | str, *, include_children: bool = True, coder: str | None = None,
        where: Mapping[str, Any] | None = None, sort: str = "document",
    ) -> list[Segment]:
        """Every segment coded with ``code`` across documents, with participant, case and time.

        ``where`` filters by case attribute values (``{"phase": "primary"}``; a list means any of).
        ``sort`` is ``document`` or ``case``.
        """
        c, d = s.codings, s.documents
        with self._read() as conn:
            code_ids = self._code_ids(conn, code, include_children)
            query = (
                select(c.c.id, c.c.document_id, d.c.name.label("document"), s.cases.c.name.label("case"),
                       d.c.case_id, c.c.code_id, s.codes.c.name.label("code"), c.c.start, c.c.end, c.c.snippet,
                       s.coders.c.name.label("coder"), c.c.origin)
                .select_from(
                    c.join(d, d.c.id == c.c.document_id).join(s.codes, s.codes.c.id == c.c.code_id)
                    .join(s.coders, s.coders.c.id == c.c.coder_id).outerjoin(s.cases, s.cases.c.id == d.c.case_id)
                )
                .where(c.c.code_id.in_(code_ids))
            )
            if coder is not None:
                query = query.where(s.coders.c.name == coder)
            rows = conn.execute(query).all()
            allowed = self._cases_matching(conn, where) if where else None
            rows = [r for r in rows if allowed is None or r.case_id in allowed]
            located = self._locate(conn, [(r.document_id, r.start) for r in rows])
        segments = [
            Segment(coding_id=r.id, document_id=r.document_id, document=r.document, case=r.case, code_id=r.code_id,
                    code=r.code, start=r.start, end=r.end, text=r.snippet, coder=r.coder, origin=r.origin,
                    **located.get((r.document_id, r.start), {"speaker": None, "role": None, "start_s": None}))
            for r in rows
        ]
        order = (lambda g: (g.case or "\uffff", g.document, g.start)) if sort == "case" else (lambda g: (g.document, g.start))
        return sorted(segments, key=order)

    @staticmethod
    def _locate(conn: Connection, points: Sequence[tuple[int, int]]) -> dict[tuple[int, int], dict[str, Any]]:
        """Speaker, role and time of the utterance holding each (document, offset)."""
        found: dict[tuple[int, int], dict[str, Any]] = {}
        documents = sorted({d for d, _ in points})
        u, sp = s.utterances, s.speakers
        for chunk_start in range(0, len(documents), 500):
            chunk = documents[chunk_start : chunk_start + 500]
            rows: dict[int, list[Any]] = {}
            for row in conn.execute(
                select(u.c.document_id, u.c.start, u.c.end, u.c.start_s, sp.c.name, sp.c.role)
                .select_from(u.outerjoin(sp, sp.c.id == u.c.speaker_id))
                .where(u.c.document_id.in_(chunk)).order_by(u.c.document_id, u.c.start)
            ):
                rows.setdefault(row.document_id, []).append(row)
            # a zero-length utterance still holds the offset it starts at
            indexes = {document_id: spans.SpanIndex([(r.start, max(r.end, r.start + 1)) for r in turns])
                       for document_id, turns in rows.items()}
            for document_id, offset in points:
                i = indexes[document_id].find(offset) if document_id in indexes else None
                if i is not None:
                    holder = rows[document_id][i]
                    found[(document_id, offset)] = {"speaker": holder.name, "role": holder.role,
                                                    "start_s": holder.start_s}
        return found

    def _cases_matching(self, conn: Connection, where: Mapping[str, Any]) -> set[int]:
        values = self._case_values(conn)
        allowed = set()
        for case_id, attributes in values.items():
            if all(
                attributes.get(name) in (wanted if isinstance(wanted, list | tuple | set) else [wanted])
                for name, wanted in where.items()
            ):
                allowed.add(case_id)
        return allowed

    # -- memos ---------------------------------------------------------------------------------

    def set_memo(self, target_type: str, target: int | str | None, text: str) -> Memo | None:
        """Write this coder's memo on a project, document, case, code or coding (empty text deletes it). Undoable."""
        if target_type not in MEMO_TARGETS:
            raise InvalidOperation(f"memos go on {', '.join(MEMO_TARGETS)}, not {target_type!r}")
        with self._write("memo.set", {"target": target_type, "id": str(target)}) as tx:
            target_id = self._memo_target_id(tx.conn, target_type, target)
            memo_id = self._put_memo(tx, target_type, target_id, text)
        return None if memo_id is None else self.memos(ids=[memo_id])[0]

    def _memo_target_id(self, conn: Connection, target_type: str, target: int | str | None) -> int | None:
        if target_type == "project":
            return None
        if target is None:
            raise InvalidOperation(f"a {target_type} memo needs its {target_type}")
        if target_type == "document":
            return int(self._document_row(conn, target)["id"])
        if target_type == "case":
            return int(self._case_row(conn, target)["id"])
        if target_type == "code":
            return self._code_id(conn, target)
        if conn.execute(select(s.codings.c.id).where(s.codings.c.id == int(target))).first() is None:
            raise NotFound(f"no coding with id {target}")
        return int(target)

    def _put_memo(self, tx: Tx, target_type: str, target_id: int | None, text: str) -> int | None:
        m = s.memos
        target_clause = m.c.target_id.is_(None) if target_id is None else m.c.target_id == target_id
        existing = tx.conn.execute(select(m.c.id).where(and_(
            m.c.target_type == target_type, target_clause, m.c.author_id == tx.coder_id))).scalar()
        if not text.strip():
            if existing is not None:
                tx.delete(m, existing)
            return None
        if existing is not None:
            tx.update(m, existing, {"text": text, "updated_at": tx.now})
            return int(existing)
        return tx.insert(m, {"target_type": target_type, "target_id": target_id, "text": text,
                             "author_id": tx.coder_id, "guid": str(uuid.uuid4()), "created_at": tx.now,
                             "updated_at": tx.now})

    def memos(
        self, target_type: str | None = None, target: int | str | None = None, *, ids: Sequence[int] | None = None
    ) -> list[Memo]:
        m = s.memos
        query = (select(m, s.coders.c.name.label("author")).select_from(m.join(s.coders, s.coders.c.id == m.c.author_id))
                 .order_by(m.c.updated_at.desc()))
        with self._read() as conn:
            if target_type is not None:
                query = query.where(m.c.target_type == target_type)
                if target is not None or target_type == "project":
                    target_id = self._memo_target_id(conn, target_type, target)
                    query = query.where(m.c.target_id.is_(None) if target_id is None else m.c.target_id == target_id)
            if ids is not None:
                query = query.where(m.c.id.in_(list(ids)))
            return [Memo(id=r.id, target_type=r.target_type, target_id=r.target_id, text=r.text, author=r.author,
                         created_at=r.created_at, updated_at=r.updated_at) for r in conn.execute(query)]
