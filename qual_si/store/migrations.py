"""Versioned, transactional schema migrations derived from ``schema.py``.

Version N of the schema is every table, column, constraint and index whose ``info["since"]`` is
<= N (default 1); a constraint or index also needs all its columns to exist at N. Upgrading from
N-1 to N creates the tables introduced in N, adds the columns and indexes introduced in N to older
tables, then runs any data step registered for N. Each version is applied in its own transaction
together with its ``schema_migrations`` row, on SQLite and PostgreSQL alike (both have
transactional DDL), so a failed upgrade leaves the project at the previous version.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Column, Connection, Constraint, Index, MetaData, Table, insert, text
from sqlalchemy.schema import ColumnCollectionConstraint, CreateColumn

from . import schema

DataStep = Callable[[Connection], None]


def since(item: Table | Column | Index | Constraint) -> int:
    return int(item.info.get("since", 1))


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    data_steps: tuple[DataStep, ...] = field(default=())


#: One entry per schema version. Add a new entry (and ``since`` annotations) to change the schema.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema: cases, attributes, documents, utterances, codes, codings, memos, "
              "ratings, judgements, suggestions, topics, coders, events"),
    Migration(2, "indexes on the columns that foreign keys search when a row is deleted "
              "(undoing a bulk accept of suggestions scanned the suggestions table per coding)"),
)


def _exists_at(version: int, item: Index | Constraint, columns: set[str]) -> bool:
    """An index or constraint exists at ``version`` when it and every column it names do."""
    named = item.columns if isinstance(item, Index | ColumnCollectionConstraint) else ()
    return since(item) <= version and all(c.name in columns for c in named)


def _table_at(table: Table, version: int, snapshot: MetaData) -> Table:
    """A copy of ``table`` in ``snapshot`` as it was at ``version``.

    Like ``Table.to_metadata`` (whose copying this follows), but leaving out the columns added
    later and every constraint and index that names one of them or is itself later: a new table
    must get its foreign keys, unique constraints, indexes and dialect options (SQLite's
    AUTOINCREMENT) even when a later version adds a column to it.
    """
    kept = [c for c in table.columns if since(c) <= version]
    names = {c.name for c in kept}
    copy = Table(table.name, snapshot, *[c._copy() for c in kept], comment=table.comment,
                 info=dict(table.info), **table.dialect_kwargs)
    for constraint in table.constraints:
        # type-bound constraints (Enum, Boolean checks) and column-flag ones (unique=True) come
        # with the copied columns
        if constraint._type_bound or constraint._column_flag or not _exists_at(version, constraint, names):
            continue
        copy.append_constraint(constraint._copy(target_table=copy))
    for index in table.indexes:
        if index._column_flag or not _exists_at(version, index, names):
            continue
        if len(index.expressions) != len(index.columns):
            raise NotImplementedError(f"index {index.name}: only indexes on plain columns are versioned")
        Index(index.name, *[copy.c[c.name] for c in index.columns], unique=index.unique,
              info=dict(index.info), **index.dialect_kwargs)
    return copy


def _tables_at(version: int, metadata: MetaData) -> MetaData:
    """A MetaData holding the tables introduced exactly at ``version``, as they were then."""
    snapshot = MetaData()
    for table in metadata.sorted_tables:
        if since(table) == version:
            _table_at(table, version, snapshot)
    return snapshot


def _indexes_added_at(version: int, metadata: MetaData) -> list[Index]:
    return [
        index
        for table in metadata.sorted_tables
        if since(table) < version
        for index in table.indexes
        if since(index) == version
    ]


def _columns_added_at(version: int, metadata: MetaData) -> list[tuple[Table, Column]]:
    return [
        (table, column)
        for table in metadata.sorted_tables
        if since(table) < version
        for column in table.columns
        if since(column) == version
    ]


def apply_migration(conn: Connection, migration: Migration, metadata: MetaData = schema.metadata) -> None:
    """Bring a database at ``migration.version - 1`` to ``migration.version`` (inside ``conn``'s transaction)."""
    _tables_at(migration.version, metadata).create_all(conn)
    for table, column in _columns_added_at(migration.version, metadata):
        ddl = CreateColumn(column).compile(dialect=conn.dialect)
        conn.execute(text(f"ALTER TABLE {conn.dialect.identifier_preparer.quote(table.name)} ADD COLUMN {ddl}"))
    for index in _indexes_added_at(migration.version, metadata):
        index.create(conn)
    for step in migration.data_steps:
        step(conn)
    conn.execute(
        insert(schema.schema_migrations).values(
            version=migration.version, description=migration.description, applied_at=datetime.now(UTC)
        )
    )
    conn.execute(
        schema.qualsi_meta.update()
        .where(schema.qualsi_meta.c.key == "schema_version")
        .values(value=str(migration.version))
    )


def pending(current_version: int) -> list[Migration]:
    return [m for m in MIGRATIONS if current_version < m.version <= schema.SCHEMA_VERSION]
