"""Open, create and upgrade a project database; hand out read connections and write transactions."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert, inspect, select
from sqlalchemy.exc import DatabaseError, OperationalError

from .. import __version__
from ..errors import NotAProject, ProjectError, ProjectExists, SchemaTooNew
from . import schema
from .engine import SQLITE_MAGIC, describe, is_url, make_engine
from .migrations import Migration, apply_migration, pending
from .tx import Tx

PROJECT_FORMAT = "qual-si-project"


def _meta(conn: Connection) -> dict[str, str]:
    """The project's identity rows (format, schema version, name, ...)."""
    return dict(conn.execute(select(schema.qualsi_meta.c.key, schema.qualsi_meta.c.value)).all())


class Store:
    """One project database. Use :meth:`read` for queries and :meth:`write` for every mutation."""

    def __init__(self, engine: Engine, location: str | Path):
        self.engine = engine
        self.location = location
        self.backend = engine.dialect.name

    # -- lifecycle -----------------------------------------------------------------------------

    @classmethod
    def create(cls, location: str | Path, *, name: str) -> Store:
        """Make a new, empty project at ``location`` (a file path or a database URL)."""
        if not is_url(location):
            path = Path(location)
            if path.exists():
                raise ProjectExists(f"{path} already exists; open it, or choose another file name")
            if not path.parent.exists():
                raise ProjectError(f"folder {path.parent} does not exist")
        engine = make_engine(location)
        store = cls(engine, location)
        try:
            with engine.connect().execution_options(qualsi_write=True) as conn, conn.begin():
                if inspect(conn).has_table("qualsi_meta"):
                    raise ProjectExists(f"{describe(location)} already holds a qual-si project")
                first, *rest = pending(0)
                apply_migration(conn, first)
                now = datetime.now(UTC).isoformat()
                conn.execute(insert(schema.qualsi_meta), [
                    {"key": "format", "value": PROJECT_FORMAT},
                    {"key": "schema_version", "value": str(first.version)},
                    {"key": "name", "value": name},
                    {"key": "created_at", "value": now},
                    {"key": "created_with", "value": f"qual-si {__version__}"},
                ])
                for migration in rest:
                    apply_migration(conn, migration)
        except OperationalError as exc:
            engine.dispose()
            raise ProjectError(f"cannot create a project at {describe(location)}: {exc.orig}") from None
        except BaseException:
            engine.dispose()
            raise
        return store

    @classmethod
    def open(cls, location: str | Path, *, upgrade: bool = True) -> Store:
        """Open an existing project, refusing anything that is not one, upgrading older schemas."""
        if not is_url(location):
            path = Path(location)
            if not path.exists():
                raise ProjectError(f"no project at {path} (create one with: qual-si init {path})")
            if path.is_dir():
                raise NotAProject(f"{path} is a folder, not a qual-si project file")
            with path.open("rb") as handle:
                if handle.read(16) != SQLITE_MAGIC:
                    raise NotAProject(f"{path} is not a qual-si project (not an SQLite database)")
        engine = make_engine(location)
        store = cls(engine, location)
        try:
            version = store._check_identity()
            if version > schema.SCHEMA_VERSION:
                raise SchemaTooNew(
                    f"{describe(location)} was written by a newer qual-si (schema {version}); this "
                    f"qual-si {__version__} reads schema {schema.SCHEMA_VERSION} or older. Upgrade qual-si."
                )
            steps = pending(version)
            if steps:
                if not upgrade:
                    raise ProjectError(
                        f"{describe(location)} uses schema {version}; open it with upgrade allowed to migrate"
                    )
                store._upgrade(version, steps)
        except BaseException:
            engine.dispose()
            raise
        return store

    def close(self) -> None:
        self.engine.dispose()

    def _check_identity(self) -> int:
        try:
            with self.engine.connect() as conn:
                if not inspect(conn).has_table("qualsi_meta"):
                    raise NotAProject(f"{describe(self.location)} is not a qual-si project (no project table)")
                meta = _meta(conn)
        except DatabaseError as exc:
            raise NotAProject(f"{describe(self.location)} is not a qual-si project ({exc.orig})") from None
        if meta.get("format") != PROJECT_FORMAT:
            raise NotAProject(f"{describe(self.location)} is not a qual-si project (format {meta.get('format')!r})")
        try:
            return int(meta["schema_version"])
        except (KeyError, ValueError):
            raise NotAProject(f"{describe(self.location)} has no valid schema version") from None

    def _upgrade(self, version: int, steps: list[Migration]) -> None:
        # Keep a copy of a project file before changing its schema: upgrades must never lose work.
        if not is_url(self.location):
            path = Path(self.location)
            backup = path.with_name(f"{path.name}.schema{version}.bak")
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            if not backup.exists():
                shutil.copy2(path, backup)
        for migration in steps:
            with self.engine.connect().execution_options(qualsi_write=True) as conn, conn.begin():
                apply_migration(conn, migration)

    # -- access --------------------------------------------------------------------------------

    def meta(self) -> dict[str, str]:
        with self.read() as conn:
            return _meta(conn)

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for queries, inside one transaction (a consistent snapshot)."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def write(
        self,
        action: str,
        *,
        coder_id: int | None,
        payload: dict[str, Any] | None = None,
        undoable: bool = True,
    ) -> Iterator[Tx]:
        """One committed transaction that appends exactly one ``events`` row.

        If the body raises, nothing is written: neither the change nor the event.
        """
        with self.engine.connect().execution_options(qualsi_write=True) as conn, conn.begin():
            tx = Tx(conn, coder_id=coder_id, action=action, payload=payload, undoable=undoable)
            yield tx
            tx.append_event()

    @contextmanager
    def untracked(self) -> Iterator[Connection]:
        """A write transaction that is not an event: view state only (cursor positions, panel layout)."""
        with self.engine.connect().execution_options(qualsi_write=True) as conn, conn.begin():
            yield conn
