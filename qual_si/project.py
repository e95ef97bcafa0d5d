"""The ``Project`` facade: the one entry point the CLI, the TUI and notebooks use.

    project = Project.create("study.qsi", coder="alex")
    project.import_documents(["transcripts/"], kind="interview")
    project.import_cases("cases.csv", link_pattern=r"^(?P<case>T\\d+)-")

Every method that changes the project is one committed transaction that appends an ``events``
row (who, when, what); ``undo()``/``redo()`` replay those rows for the current coder.
"""

from __future__ import annotations

import getpass
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from .errors import InvalidOperation
from .facade.analysis import AnalysisMixin
from .facade.nlp import NlpMixin
from .facade.views import ViewsMixin
from .model import Event
from .store import Store
from .store import schema as s
from .store import undo as undo_log
from .store.engine import describe, is_url


def default_coder() -> str:
    """``QUAL_SI_CODER``, else the login name, else 'researcher'."""
    from_env = os.environ.get("QUAL_SI_CODER", "").strip()
    if from_env:
        return from_env
    try:
        return getpass.getuser() or "researcher"
    except Exception:  # no login name in some containers
        return "researcher"


@dataclass(frozen=True)
class ProjectInfo:
    name: str
    location: str
    backend: str
    schema_version: int
    created_at: str
    coder: str
    documents: int
    cases: int
    utterances: int
    words: int
    codes: int
    codings: int
    memos: int
    coders: int
    events: int


class Project(ViewsMixin, AnalysisMixin, NlpMixin):
    """A qual-si project: a ``.qsi`` file, or a PostgreSQL database for a team."""

    def __init__(self, store: Store, *, coder: str | None = None):
        self._store = store
        self._coder_name = (coder or default_coder()).strip()
        if not self._coder_name:
            raise InvalidOperation("the coder name is empty")
        self._coder_id = self._register_coder(self._coder_name)

    @classmethod
    def create(cls, location: str | Path, *, name: str | None = None, coder: str | None = None) -> Project:
        """Create a new project file (``study.qsi``) or initialise an empty PostgreSQL database."""
        if not is_url(location):
            location = Path(location)
            project_name = name or location.stem
        else:
            project_name = name or "qual-si project"
        store = Store.create(location, name=project_name)
        project = cls(store, coder=coder)
        with project._write("project.create", {"name": project_name}, undoable=False) as tx:
            tx.insert(s.codebooks, {
                "key": "project", "title": "Project codes", "description": "Codes created in this project",
                "position": 10_000, "loaded_by": tx.coder_id, "loaded_at": tx.now,
            }, record=False)
        return project

    @classmethod
    def open(cls, location: str | Path, *, coder: str | None = None, upgrade: bool = True) -> Project:
        """Open an existing project; older schemas are upgraded (a project file is backed up first)."""
        return cls(Store.open(location, upgrade=upgrade), coder=coder)

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _register_coder(self, name: str) -> int:
        with self._store.read() as conn:
            found = conn.execute(select(s.coders.c.id).where(s.coders.c.name == name)).scalar()
        if found is not None:
            return int(found)
        with self._store.write("coder.register", coder_id=None, payload={"coder": name}, undoable=False) as tx:
            found = tx.conn.execute(select(s.coders.c.id).where(s.coders.c.name == name)).scalar()
            if found is not None:  # registered by a teammate a moment ago
                return int(found)
            coder_id = tx.insert(s.coders, {"name": name, "guid": str(uuid.uuid4()), "created_at": tx.now},
                                 record=False)
            assert coder_id is not None
            tx.coder_id = coder_id
            return coder_id

    # -- identity ------------------------------------------------------------------------------

    @property
    def coder(self) -> str:
        return self._coder_name

    @property
    def location(self) -> str:
        return describe(self._store.location)

    @property
    def backend(self) -> str:
        return self._store.backend

    @property
    def store(self) -> Store:
        """The underlying store, for services and tests. Faces should not need it."""
        return self._store

    def info(self) -> ProjectInfo:
        meta = self._store.meta()

        def count(table: Any) -> int:
            return int(conn.execute(select(func.count()).select_from(table)).scalar_one())

        with self._read() as conn:
            words = conn.execute(select(func.coalesce(func.sum(s.documents.c.word_count), 0))).scalar_one()
            return ProjectInfo(
                name=meta.get("name", ""), location=self.location, backend=self.backend,
                schema_version=int(meta["schema_version"]), created_at=meta.get("created_at", ""),
                coder=self.coder, documents=count(s.documents), cases=count(s.cases),
                utterances=count(s.utterances), words=int(words),
                codes=int(conn.execute(select(func.count()).select_from(s.codes).where(
                    s.codes.c.status == "active")).scalar_one()),
                codings=count(s.codings), memos=count(s.memos), coders=count(s.coders), events=count(s.events),
            )

    # -- undo, redo, history -------------------------------------------------------------------

    def undo(self) -> str:
        """Undo this coder's last action (surviving restarts). Returns what was undone."""
        with self._write("undo", undoable=False) as tx:
            target = undo_log.undo(tx)
        return str(target["action"])

    def redo(self) -> str:
        """Redo the action this coder undid most recently. Returns what was redone."""
        with self._write("redo", undoable=False) as tx:
            target = undo_log.redo(tx)
        return str(target["action"])

    def can_undo(self) -> str | None:
        """The action an undo would revert now, or None."""
        with self._read() as conn:
            target = undo_log.undo_target(conn, self._coder_id)
        return None if target is None else str(target["action"])

    def can_redo(self) -> str | None:
        with self._read() as conn:
            target = undo_log.redo_target(conn, self._coder_id)
        return None if target is None else str(target["action"])

    def history(self, *, limit: int = 50, coder: str | None = None) -> list[Event]:
        """The audit trail, newest first."""
        e = s.events
        query = (
            select(e.c.id, e.c.at, s.coders.c.name.label("coder"), e.c.action, e.c.payload, e.c.undoable,
                   e.c.undone)
            .select_from(e.outerjoin(s.coders, s.coders.c.id == e.c.coder_id))
            .order_by(e.c.id.desc())
            .limit(limit)
        )
        if coder is not None:
            query = query.where(s.coders.c.name == coder)
        with self._read() as conn:
            return [
                Event(id=r.id, at=r.at, coder=r.coder or "", action=r.action, payload=r.payload or {},
                      undoable=bool(r.undoable), undone=bool(r.undone))
                for r in conn.execute(query)
            ]
