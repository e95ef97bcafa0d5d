"""What the workbench shows: per-coder view state, list summaries and one document ready to draw.

View state (cursor positions, expanded codes, favourites, when a document was last opened) is
kept per coder in ``ui_state`` through untracked transactions: it is not project data, so it is
neither an event nor undoable. Everything else here is a read that returns plain records built
with a few queries and, for lists, without reading any document text.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, and_, func, select

from .. import spans
from ..errors import InvalidOperation
from ..model import Code, Coding, Document, Utterance
from ..store import schema as s
from .coding import CodingMixin
from .documents import DocumentsMixin, _document, _documents_query

FAVOURITE_SLOTS = range(1, 10)
#: Documents read per batch when the next uncoded turn is looked for across the project.
_WALK_BATCH = 100
_OPENED = "opened:"
_POSITION = "position:"


@dataclass(frozen=True)
class DocumentRow:
    """One line of the document list: no text, just what helps choose where to work next."""

    id: int
    name: str
    case: str | None
    kind: str
    words: int
    utterances: int
    codings: int
    #: Share of participant speech covered by at least one coding (0-100); of all text when a
    #: document has no speaker turns.
    coded_percent: float
    last_opened: datetime | None


@dataclass(frozen=True)
class CodeRow:
    """A code in tree order with its depth and how much it is used."""

    code: Code
    depth: int
    codings: int
    documents: int
    children: int
    #: Title of the code's codebook: each loaded framework is its own top-level group.
    codebook_title: str = ""


@dataclass(frozen=True)
class DocumentCoding:
    """A coding as the transcript draws it: its code's name and (inherited) colour, and memos."""

    id: int
    start: int
    end: int
    code_id: int
    code: str
    colour: str | None
    coder: str
    origin: str
    score: float | None
    #: (author, text) of every memo on this coding.
    memos: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class DocumentView:
    """One document with everything needed to draw it, read in one snapshot."""

    document: Document
    text: str
    utterances: list[Utterance]
    codings: list[DocumentCoding]


class ViewsMixin(DocumentsMixin, CodingMixin):
    """View state (cursor positions, expanded codes, favourites) and list summaries for the faces."""

    # -- per-coder view state ------------------------------------------------------------------

    def view_state(self, key: str, default: Any = None) -> Any:
        """This coder's stored view value for ``key`` (e.g. ``tree.expanded``), or ``default``."""
        with self._read() as conn:
            row = conn.execute(select(s.ui_state.c.value).where(and_(
                s.ui_state.c.coder_id == self._coder_id, s.ui_state.c.key == key))).first()
        return default if row is None or row[0] is None else row[0]

    def set_view_state(self, key: str, value: Any) -> None:
        """Remember a view value for this coder. Not an event: view state is not project data."""
        self._put_view_states({key: value})

    def _put_view_states(self, values: dict[str, Any]) -> None:
        u = s.ui_state
        with self._store.untracked() as conn:
            for key, value in values.items():
                where = and_(u.c.coder_id == self._coder_id, u.c.key == key)
                if conn.execute(select(u.c.key).where(where)).first() is None:
                    conn.execute(u.insert().values(coder_id=self._coder_id, key=key, value=value))
                else:
                    conn.execute(u.update().where(where).values(value=value))

    def mark_opened(self, document: int | str, *, at: datetime | None = None) -> None:
        """Record that this coder opened a document now (shown as 'last opened')."""
        with self._read() as conn:
            document_id = int(self._document_row(conn, document)["id"])
        stamp = (at or datetime.now(UTC)).isoformat()
        self._put_view_states({f"{_OPENED}{document_id}": stamp, "last_document": document_id})

    def last_document(self) -> int | None:
        """The document this coder opened most recently, if it still exists."""
        document_id = self.view_state("last_document")
        if document_id is None:
            return None
        with self._read() as conn:
            found = conn.execute(select(s.documents.c.id).where(s.documents.c.id == int(document_id))).first()
        return None if found is None else int(document_id)

    def remember_position(self, document: int, offset: int) -> None:
        """Where this coder's cursor was in a document, restored when it is opened again."""
        self.set_view_state(f"{_POSITION}{int(document)}", int(offset))

    def position(self, document: int) -> int | None:
        value = self.view_state(f"{_POSITION}{int(document)}")
        return None if value is None else int(value)

    def favourites(self) -> dict[int, int]:
        """Favourite slot (1-9) -> code id, for this coder; codes no longer active are dropped."""
        stored = self.view_state("favourites", {}) or {}
        slots = {int(slot): int(code_id) for slot, code_id in stored.items()}
        if not slots:
            return {}
        with self._read() as conn:
            active = set(conn.execute(select(s.codes.c.id).where(and_(
                s.codes.c.id.in_(list(slots.values())), s.codes.c.status == "active"))).scalars())
        return {slot: code_id for slot, code_id in sorted(slots.items()) if code_id in active}

    def set_favourite(self, slot: int, code: int | str | None) -> dict[int, int]:
        """Put a code in a favourite slot 1-9 (None empties it). Returns the new slots."""
        if slot not in FAVOURITE_SLOTS:
            raise InvalidOperation(f"favourite slots are 1 to 9, not {slot}")
        stored = {str(k): v for k, v in (self.view_state("favourites", {}) or {}).items()}
        if code is None:
            stored.pop(str(slot), None)
        else:
            with self._read() as conn:
                stored[str(slot)] = self._code_id(conn, code)
        self.set_view_state("favourites", stored)
        return self.favourites()

    # -- lists ---------------------------------------------------------------------------------

    def coders(self) -> list[str]:
        with self._read() as conn:
            return list(conn.execute(select(s.coders.c.name).order_by(s.coders.c.name)).scalars())

    def code_rows(self, *, include_inactive: bool = False) -> list[CodeRow]:
        """Codes in tree order with depth, child count, and counts of codings and documents."""
        with self._read() as conn:
            codes = self._codes(conn, include_inactive=include_inactive)
            titles = dict(conn.execute(select(s.codebooks.c.key, s.codebooks.c.title)).all())
            counts = self._code_counts(conn)
        shown = {c.id for c in codes}
        depth: dict[int, int] = {}
        children: dict[int, int] = defaultdict(int)
        for code in codes:  # tree order: a parent always comes before its children
            parent = code.parent_id if code.parent_id in shown else None
            depth[code.id] = 0 if parent is None else depth[parent] + 1
            if parent is not None:
                children[parent] += 1
        return [CodeRow(code=c, depth=depth[c.id], codings=counts.get(c.id, (0, 0))[0],
                        documents=counts.get(c.id, (0, 0))[1], children=children[c.id],
                        codebook_title=titles.get(c.codebook or "", "")) for c in codes]

    def code_usage(self, code: int | str) -> tuple[int, int]:
        """(codings, documents) of one code, to refresh one tree row after an action."""
        c = s.codings
        with self._read() as conn:
            code_id = self._code_id(conn, code)
            n, docs = conn.execute(select(func.count(), func.count(c.c.document_id.distinct()))
                                   .where(c.c.code_id == code_id)).one()
        return int(n), int(docs)

    def document_overview(self) -> list[DocumentRow]:
        """Every document with case, kind, words, % of participant speech coded, codings and when
        this coder last opened it. Three queries over spans; no document text is read."""
        documents = self.documents()
        coded: dict[int, list[tuple[int, int]]] = defaultdict(list)
        speech: dict[int, list[tuple[int, int]]] = defaultdict(list)
        has_turns: set[int] = set()
        u, sp = s.utterances, s.speakers
        with self._read() as conn:
            for document_id, start, end in conn.execute(
                    select(s.codings.c.document_id, s.codings.c.start, s.codings.c.end)):
                coded[document_id].append((start, end))
            for document_id, start, end, role in conn.execute(
                    select(u.c.document_id, u.c.start, u.c.end, sp.c.role)
                    .select_from(u.outerjoin(sp, sp.c.id == u.c.speaker_id))):
                has_turns.add(document_id)
                if (role or "participant") == "participant":
                    speech[document_id].append((start, end))
            opened = {
                int(key[len(_OPENED):]): value for key, value in conn.execute(
                    select(s.ui_state.c.key, s.ui_state.c.value).where(and_(
                        s.ui_state.c.coder_id == self._coder_id, s.ui_state.c.key.startswith(_OPENED))))
            }
        rows = []
        for d in documents:
            basis = speech[d.id] if d.id in has_turns else [(0, d.char_count)]
            total = sum(end - start for start, end in basis)
            covered = spans.intersection_length(basis, coded[d.id]) if total else 0
            stamp = opened.get(d.id)
            rows.append(DocumentRow(
                id=d.id, name=d.name, case=d.case_name, kind=d.kind, words=d.word_count,
                utterances=d.utterance_count, codings=len(coded[d.id]),
                coded_percent=round(100.0 * covered / total, 1) if total else 0.0,
                last_opened=datetime.fromisoformat(stamp) if isinstance(stamp, str) else None,
            ))
        return rows

    # -- one document --------------------------------------------------------------------------

    def document_view(self, ref: int | str) -> DocumentView:
        """Text, utterances and codings (with code colours and memos) of one document, in one read."""
        with self._read() as conn:
            row = self._document_row(conn, ref)
            text = str(conn.execute(select(s.document_texts.c.text).where(
                s.document_texts.c.document_id == row["id"])).scalar_one())
            utterances = self._utterances(conn, row["id"])
            codings = self._document_codings(conn, row["id"])
            document = _document(conn.execute(_documents_query().where(s.documents.c.id == row["id"])).one())
        return DocumentView(document=document, text=text, utterances=utterances, codings=codings)

    def document_codings(self, ref: int | str) -> list[DocumentCoding]:
        """The codings of one document in start order, ready to draw."""
        with self._read() as conn:
            return self._document_codings(conn, self._document_row(conn, ref)["id"])

    def _document_codings(self, conn: Any, document_id: int) -> list[DocumentCoding]:
        c, m = s.codings, s.memos
        colours = {code.id: code.colour for code in self._codes(conn, include_inactive=True)}
        rows = conn.execute(
            select(c.c.id, c.c.start, c.c.end, c.c.code_id, s.codes.c.name.label("code"),
                   s.coders.c.name.label("coder"), c.c.origin, c.c.score)
            .select_from(c.join(s.codes, s.codes.c.id == c.c.code_id).join(s.coders, s.coders.c.id == c.c.coder_id))
            .where(c.c.document_id == document_id).order_by(c.c.start, c.c.end, c.c.id)
        ).all()
        memos: dict[int, list[tuple[str, str]]] = defaultdict(list)
        ids = [r.id for r in rows]
        for chunk in range(0, len(ids), 500):
            for target_id, author, text in conn.execute(
                select(m.c.target_id, s.coders.c.name, m.c.text)
                .select_from(m.join(s.coders, s.coders.c.id == m.c.author_id))
                .where(and_(m.c.target_type == "coding", m.c.target_id.in_(ids[chunk:chunk + 500])))
            ):
                memos[target_id].append((author, text))
        return [DocumentCoding(id=r.id, start=r.start, end=r.end, code_id=r.code_id, code=r.code,
                               colour=colours.get(r.code_id), coder=r.coder, origin=r.origin, score=r.score,
                               memos=tuple(memos.get(r.id, ()))) for r in rows]

    def next_uncoded_utterance(
        self, document: int | str, after: int = -1, *, coder: str | None = None, wrap: bool = True,
    ) -> Utterance | None:
        """The first participant utterance starting after offset ``after`` that no coding touches
        (only ``coder``'s codings count when given); wraps to the top unless ``wrap`` is False."""
        with self._read() as conn:
            document_id = int(self._document_row(conn, document)["id"])
            uncoded = self._uncoded_turns(conn, [document_id], coder)[document_id]
        later = [t for t in uncoded if t.start > after]
        if later:
            return later[0]
        return uncoded[0] if wrap and uncoded else None

    def next_uncoded_in_project(
        self, document: int | str, after: int = -1, *, coder: str | None = None,
    ) -> Utterance | None:
        """Like :meth:`next_uncoded_utterance`, but when ``document`` has no uncoded participant
        turn after ``after`` it goes on through the following documents (in list order), then
        round to the start of the list and finally the top of ``document`` itself. ``None`` when
        every participant turn in the project is coded. Its ``document_id`` says where it is."""
        with self._read() as conn:
            current = int(self._document_row(conn, document)["id"])
            here = self._uncoded_turns(conn, [current], coder)[current]
            later = [t for t in here if t.start > after]
            if later:
                return later[0]
            # the order of documents(): by name
            ids = list(conn.execute(select(s.documents.c.id).order_by(s.documents.c.name)).scalars())
            position = ids.index(current)
            others = ids[position + 1:] + ids[:position]
            # a batch of documents per pair of queries: few statements, yet no need to read the
            # whole project when the next document has an uncoded turn
            for batch in range(0, len(others), _WALK_BATCH):
                chunk = others[batch : batch + _WALK_BATCH]
                uncoded = self._uncoded_turns(conn, chunk, coder)
                for document_id in chunk:
                    if uncoded[document_id]:
                        return uncoded[document_id][0]
        return here[0] if here else None

    def _uncoded_turns(
        self, conn: Connection, document_ids: Sequence[int], coder: str | None,
    ) -> dict[int, list[Utterance]]:
        """Document id -> its participant turns that no coding touches (only ``coder``'s codings
        count when given), in order; two queries for all of ``document_ids``."""
        c = s.codings
        query = select(c.c.document_id, c.c.start, c.c.end).where(c.c.document_id.in_(list(document_ids)))
        if coder is not None:
            query = query.join(s.coders, s.coders.c.id == c.c.coder_id).where(s.coders.c.name == coder)
        coded: dict[int, list[spans.Span]] = defaultdict(list)
        for document_id, start, end in conn.execute(query):
            coded[document_id].append((start, end))
        utterances = self._utterances_of(conn, document_ids)
        uncoded: dict[int, list[Utterance]] = {}
        for document_id in document_ids:
            index = spans.SpanIndex(spans.union(coded[document_id]))
            uncoded[document_id] = [
                t for t in utterances.get(document_id, [])
                if t.role == "participant" and t.end > t.start and not index.overlapping((t.start, t.end))
            ]
        return uncoded

    # -- compound actions the workbench offers as one undoable step ----------------------------

    def add_code_and_coding(
        self, name: str, document: int | str, start: int, end: int, *, parent: int | str | None = None,
        definition: str = "", origin: str = "inductive",
    ) -> tuple[Code, Coding]:
        """Create a code (e.g. in vivo, named with the selected words) and code the span with it,
        as one transaction and one undoable action."""
        name = " ".join(name.split())
        if not name:
            raise InvalidOperation("a code needs a name")
        with self._write("code.add_and_apply", {"name": name, "document": str(document), "start": start,
                                                "end": end}) as tx:
            code_id = self._add_code(tx, name, parent=parent, codebook=None, key=None, definition=definition,
                                     origin=origin)
            coding_id = self._add_coding(tx, document, start, end, code_id)
            tx.payload["code"] = code_id
        return self.code(code_id), self.coding(coding_id)
