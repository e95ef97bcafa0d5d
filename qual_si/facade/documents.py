"""Documents: import, list, read text and utterances, speaker roles and who each speaker is."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, func, select

from ..errors import InvalidOperation, NotFound, QualSiError
from ..ingest import ReadOptions
from ..model import DOCUMENT_KINDS, ROLES, Document, Utterance
from ..store import schema as s
from .base import ProjectBase
from .importing import (
    FileResult,
    ImportProgress,
    ImportReport,
    ProgressCallback,
    existing_hashes,
    expand_paths,
    payload_for,
    read_one,
    result_for,
    roles_for,
    sha256_of,
    store_document,
)

if TYPE_CHECKING:
    import pandas as pd


def _document(row: Any) -> Document:
    return Document(
        id=row.id,
        name=row.name,
        kind=row.kind,
        case_id=row.case_id,
        case_name=row.case_name,
        source_name=row.source_name,
        source_format=row.source_format,
        encoding=row.encoding,
        sha256=row.sha256,
        imported_at=row.imported_at,
        word_count=row.word_count,
        char_count=row.char_count,
        utterance_count=row.utterance_count,
    )


def _documents_query() -> Any:
    d = s.documents
    return (
        select(
            d.c.id, d.c.name, d.c.kind, d.c.case_id, s.cases.c.name.label("case_name"), d.c.source_name,
            d.c.source_format, d.c.encoding, d.c.sha256, d.c.imported_at, d.c.word_count, d.c.char_count,
            d.c.utterance_count,
        )
        .select_from(d.outerjoin(s.cases, s.cases.c.id == d.c.case_id))
        .order_by(d.c.name)
    )


class DocumentsMixin(ProjectBase):
    # -- import --------------------------------------------------------------------------------

    def import_documents(
        self,
        paths: Iterable[str | Path] | str | Path,
        *,
        case: str | None = None,
        kind: str = "interview",
        options: ReadOptions | None = None,
        speaker_map: dict[str, str] | None = None,
        progress: ProgressCallback | None = None,
    ) -> ImportReport:
        """Import files or folders (recursively). Each file is its own transaction.

        A file that fails (unreadable, corrupt, duplicate) is reported and leaves the project
        unchanged, while the rest of the batch goes on. ``speaker_map`` maps speaker labels to
        roles (interviewer / participant / other) and overrides the automatic guess.
        """
        if kind not in DOCUMENT_KINDS:
            raise InvalidOperation(f"unknown document kind {kind!r}; choose one of {', '.join(DOCUMENT_KINDS)}")
        if isinstance(paths, str | Path):
            paths = [paths]
        speaker_map = {**self._project_speaker_map(), **(speaker_map or {})}
        for role in speaker_map.values():
            if role not in ROLES:
                raise InvalidOperation(f"unknown role {role!r} in speaker map; use {', '.join(ROLES)}")
        files, missing = expand_paths(paths)
        report = ImportReport(files=list(missing))
        seen: dict[str, str] = {}
        for done, path in enumerate(files):
            if progress:
                progress(ImportProgress(done, len(files), str(path)))
            report.files.append(self._import_one(path, case, kind, options, speaker_map, seen))
        if progress:
            progress(ImportProgress(len(files), len(files), ""))
        return report

    def _import_one(
        self,
        path: Path,
        case: str | None,
        kind: str,
        options: ReadOptions | None,
        speaker_map: dict[str, str],
        seen: dict[str, str],
    ) -> FileResult:
        try:
            sha = sha256_of(path)
            with self._read() as conn:
                earlier = existing_hashes(conn, [sha]).get(sha)
            earlier = earlier or seen.get(sha)
            if earlier:
                return FileResult(str(path), "duplicate", document=earlier,
                                  error=f"same content as document {earlier!r} (sha256), skipped")
            parsed = read_one(path, options)
            roles = roles_for(parsed, speaker_map)
            with self._write("document.import", undoable=False) as tx:
                case_id = self._ensure_case(tx, case) if case else None
                document_id, name, words = store_document(
                    tx, path=path, parsed=parsed, sha256=sha, case_id=case_id, kind=kind, roles=roles
                )
                result = result_for(path, name, parsed, roles, words)
                tx.payload = {**payload_for(result), "document_id": document_id, "sha256": sha}
            seen[sha] = name
            return result
        except QualSiError as exc:
            return FileResult(str(path), "failed", error=str(exc))

    def _project_speaker_map(self) -> dict[str, str]:
        value = self.get_setting("speaker_roles")
        return dict(value) if isinstance(value, dict) else {}

    # -- reading -------------------------------------------------------------------------------

    def documents(self) -> list[Document]:
        """Every document, by name. Never reads document text."""
        with self._read() as conn:
            return [_document(row) for row in conn.execute(_documents_query())]

    def documents_frame(self) -> pd.DataFrame:
        import pandas as pd

        rows = [vars(d) for d in self.documents()]
        return pd.DataFrame(rows, columns=list(Document.__dataclass_fields__))

    def document(self, ref: int | str) -> Document:
        with self._read() as conn:
            row = self._document_row(conn, ref)
            found = conn.execute(_documents_query().where(s.documents.c.id == row["id"])).first()
        return _document(found)

    def text(self, ref: int | str) -> str:
        """The document's immutable text (what every offset points into)."""
        with self._read() as conn:
            document_id = self._document_row(conn, ref)["id"]
            return str(conn.execute(
                select(s.document_texts.c.text).where(s.document_texts.c.document_id == document_id)
            ).scalar_one())

    def utterances(self, ref: int | str, *, as_frame: bool = False) -> list[Utterance] | pd.DataFrame:
        """Utterances in order, with speaker and role; ``as_frame`` adds each utterance's text."""
        with self._read() as conn:
            document_id = self._document_row(conn, ref)["id"]
            items = self._utterances(conn, document_id)
            if not as_frame:
                return items
            text = conn.execute(
                select(s.document_texts.c.text).where(s.document_texts.c.document_id == document_id)
            ).scalar_one()
        import pandas as pd

        frame = pd.DataFrame([vars(u) for u in items], columns=list(Utterance.__dataclass_fields__))
        frame["text"] = [text[u.start : u.end] for u in items]
        return frame

    @staticmethod
    def _utterances(conn: Connection, document_id: int) -> list[Utterance]:
        return DocumentsMixin._utterances_of(conn, [document_id]).get(document_id, [])

    @staticmethod
    def _utterances_of(conn: Connection, document_ids: Sequence[int]) -> dict[int, list[Utterance]]:
        """Utterances of several documents in one query: document id -> its utterances in order
        (a document without utterances is left out)."""
        u, sp = s.utterances, s.speakers
        rows = conn.execute(
            select(u, sp.c.name.label("speaker"), sp.c.role, sp.c.participant_id)
            .select_from(u.outerjoin(sp, sp.c.id == u.c.speaker_id))
            .where(u.c.document_id.in_(list(document_ids)))
            .order_by(u.c.document_id, u.c.idx)
        )
        found: dict[int, list[Utterance]] = {}
        for r in rows:
            found.setdefault(r.document_id, []).append(Utterance(
                id=r.id, document_id=r.document_id, index=r.idx, speaker=r.speaker, role=r.role or "participant",
                start=r.start, end=r.end, start_s=r.start_s, end_s=r.end_s, participant_id=r.participant_id,
            ))
        return found

    def speakers(self, ref: int | str) -> dict[str, str]:
        """Speaker label -> role for one document, in order of first turn."""
        with self._read() as conn:
            speakers = self._speakers(conn, self._document_row(conn, ref)["id"])
        return {name: role for name, role, _ in speakers}

    @staticmethod
    def _speakers(conn: Connection, document_id: int) -> list[tuple[str, str, str | None]]:
        """(label, role, linked participant) of a document's speakers, in order of first turn
        (the import inserts them in that order)."""
        sp, p = s.speakers, s.participants
        return [(name, role, participant) for name, role, participant in conn.execute(
            select(sp.c.name, sp.c.role, p.c.name).select_from(sp.outerjoin(p, p.c.id == sp.c.participant_id))
            .where(sp.c.document_id == document_id).order_by(sp.c.id))]

    def _speaker_names(self, conn: Connection, document_id: int) -> list[str]:
        return [name for name, _, _ in self._speakers(conn, document_id)]

    # -- changing ------------------------------------------------------------------------------

    def set_speaker_roles(self, ref: int | str | None, roles: dict[str, str]) -> int:
        """Set speaker roles in one document, or in every document when ``ref`` is None.

        With ``ref=None`` the map is also kept as the project's default for future imports.
        Returns the number of speakers changed. Undoable.
        """
        for role in roles.values():
            if role not in ROLES:
                raise InvalidOperation(f"unknown role {role!r}; use {', '.join(ROLES)}")
        with self._write("speakers.set_roles", {"document": ref, "roles": roles}) as tx:
            query = select(s.speakers.c.id, s.speakers.c.name, s.speakers.c.role).where(
                s.speakers.c.name.in_(list(roles))
            )
            document_id = None if ref is None else int(self._document_row(tx.conn, ref)["id"])
            if document_id is not None:
                query = query.where(s.speakers.c.document_id == document_id)
            else:
                current = self._setting_in(tx, "speaker_roles") or {}
                self._set_setting_in(tx, "speaker_roles", {**current, **roles})
            changed = 0
            for speaker_id, name, role in tx.conn.execute(query).all():
                if role != roles[name]:
                    tx.update(s.speakers, speaker_id, {"role": roles[name]})
                    changed += 1
            if (document_id is not None and changed == 0
                    and not set(roles) & set(self._speaker_names(tx.conn, document_id))):
                raise NotFound(f"none of {', '.join(roles)} speaks in document {ref!r}")
            return changed

    def link_speaker(self, ref: int | str, speaker: str, participant: str | None, *, case: str | None = None) -> None:
        """Say who a speaker label is. Labels are per document (``Participant 1`` in one interview
        is not ``Participant 1`` in the next); linking labels of several documents to one
        participant makes them one row in participant matrices, retrieval and ratings, e.g. a head
        interviewed twice. The participant (created if new) belongs to ``case``, by default the
        document's case. ``None`` unlinks. Undoable."""
        with self._write("speaker.link", {"document": str(ref), "speaker": speaker, "participant": participant,
                                          "case": case}) as tx:
            row = self._document_row(tx.conn, ref)
            speaker_id = tx.conn.execute(select(s.speakers.c.id).where(and_(
                s.speakers.c.document_id == row["id"], s.speakers.c.name == speaker))).scalar()
            if speaker_id is None:
                raise NotFound(f"{speaker!r} does not speak in document {row['name']!r}; speakers: "
                               f"{', '.join(self._speaker_names(tx.conn, row['id'])) or 'none'}")
            participant_id = None
            if participant is not None:
                name = " ".join(participant.split())
                if not name:
                    raise InvalidOperation("a participant needs a name")
                case_id = int(self._case_row(tx.conn, case)["id"]) if case else row["case_id"]
                participant_id = self._ensure_participant(tx, name, case_id)
            tx.update(s.speakers, int(speaker_id), {"participant_id": participant_id})

    def speaker_participants(self, ref: int | str) -> dict[str, str | None]:
        """Speaker label -> the participant it is linked to (None when not linked), for one document."""
        with self._read() as conn:
            speakers = self._speakers(conn, self._document_row(conn, ref)["id"])
        return {name: participant for name, _, participant in speakers}

    def set_document_case(self, ref: int | str, case: str | None) -> None:
        """Link a document to a case (created if new), or unlink with None. Undoable."""
        with self._write("document.set_case", {"document": ref, "case": case}) as tx:
            row = self._document_row(tx.conn, ref)
            case_id = self._ensure_case(tx, case) if case else None
            tx.update(s.documents, row["id"], {"case_id": case_id})

    def remove_document(self, ref: int | str) -> None:
        """Delete a document with its codings and memos. Recorded in the audit trail, not undoable."""
        with self._write("document.remove", undoable=False) as tx:
            row = self._document_row(tx.conn, ref)
            coded = tx.conn.execute(
                select(func.count()).select_from(s.codings).where(s.codings.c.document_id == row["id"])
            ).scalar_one()
            tx.payload = {"document": row["name"], "sha256": row["sha256"], "codings": coded}
            coding_ids = select(s.codings.c.id).where(s.codings.c.document_id == row["id"])
            tx.conn.execute(s.memos.delete().where(
                ((s.memos.c.target_type == "document") & (s.memos.c.target_id == row["id"]))
                | ((s.memos.c.target_type == "coding") & s.memos.c.target_id.in_(coding_ids))
            ))
            tx.conn.execute(s.suggestions.delete().where(s.suggestions.c.document_id == row["id"]))
            tx.delete(s.documents, row["id"], record=False)
