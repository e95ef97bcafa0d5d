"""Engines for a project file (SQLite) or a team database (PostgreSQL URL)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.pool import NullPool

from ..errors import MissingDependency, ProjectError

SQLITE_MAGIC = b"SQLite format 3\x00"


def is_url(location: str | Path) -> bool:
    """A database URL (``postgresql+psycopg://...``) rather than a file path."""
    return isinstance(location, str) and "://" in location


def describe(location: str | Path) -> str:
    """Where a project lives, for messages; hides any password in a URL."""
    if is_url(location):
        try:
            return make_url(str(location)).render_as_string(hide_password=True)
        except ArgumentError:
            return "<database url>"
    return str(location)


def sqlite_engine(path: Path) -> Engine:
    """SQLite with foreign keys, WAL, and transactions that really begin where we say.

    pysqlite's own transaction handling does not wrap DDL, so migrations would not be atomic;
    following SQLAlchemy's recipe we disable it and emit BEGIN ourselves. Writes use
    ``BEGIN IMMEDIATE`` so two processes never deadlock upgrading a read lock.
    """
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA journal_mode=WAL")
        # NORMAL in WAL mode: a committed transaction survives a killed process; only a power
        # cut may lose the last commits. That is the guarantee the TUI's kill test checks.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        write = conn.get_execution_options().get("qualsi_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def url_engine(url: str) -> Engine:
    try:
        parsed: URL = make_url(url)
    except ArgumentError as exc:
        raise ProjectError(f"not a valid database URL: {describe(url)} ({exc})") from None
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database:
            raise ProjectError("a sqlite URL needs a file path")
        return sqlite_engine(Path(parsed.database))
    if parsed.get_backend_name() != "postgresql":
        raise ProjectError(
            f"unsupported database {parsed.get_backend_name()!r}: use a .qsi file or postgresql+psycopg://"
        )
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        return create_engine(parsed, pool_pre_ping=True, isolation_level="READ COMMITTED")
    except ModuleNotFoundError:
        raise MissingDependency(
            "The PostgreSQL driver (psycopg)", "Install it with: pip install 'qual-si[postgres]'"
        ) from None


def make_engine(location: str | Path) -> Engine:
    if is_url(location):
        return url_engine(str(location))
    return sqlite_engine(Path(location))
