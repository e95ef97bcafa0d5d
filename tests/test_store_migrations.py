"""Versioned migrations: the migrated schema matches schema.py; later versions add, never rebuild."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import (
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    create_engine,
    insert,
    inspect,
    select,
)

from qual_si.store import Store, migrations
from qual_si.store import schema as s

FIRST_SCHEMA_DUMP = Path(__file__).parent / "data" / "project_schema1.sql"


def test_created_schema_matches_schema_py(project_location: str) -> None:
    store = Store.create(project_location, name="x")
    try:
        with store.engine.connect() as conn:
            found = inspect(conn)
            assert set(found.get_table_names()) == set(s.metadata.tables)
            for table in s.metadata.tables.values():
                assert {c["name"] for c in found.get_columns(table.name)} == set(table.c.keys()), table.name
                indexes = {i["name"] for i in found.get_indexes(table.name)}
                assert {i.name for i in table.indexes} <= indexes, table.name
            versions = conn.execute(select(s.schema_migrations.c.version)).scalars().all()
        assert versions == [m.version for m in migrations.MIGRATIONS]
    finally:
        store.close()


def _two_version_metadata() -> tuple[MetaData, migrations.Migration, migrations.Migration]:
    """A small schema whose version 2 adds a table and a column, with a data step."""
    meta = MetaData()
    Table("qualsi_meta", meta, Column("key", String(64), primary_key=True), Column("value", String, nullable=False))
    Table("schema_migrations", meta, *[c._copy() for c in s.schema_migrations.columns])
    Table(
        "notes", meta, Column("id", Integer, primary_key=True), Column("body", String, nullable=False),
        Column("words", Integer, nullable=True, info={"since": 2}),
    )
    Index("ix_notes_words", meta.tables["notes"].c.words, info={"since": 2})
    Table("tags", meta, Column("id", Integer, primary_key=True), Column("name", String), info={"since": 2})

    def count_words(conn: object) -> None:
        notes = meta.tables["notes"]
        for row in conn.execute(select(notes.c.id, notes.c.body)).all():  # type: ignore[attr-defined]
            conn.execute(notes.update().where(notes.c.id == row.id).values(words=len(row.body.split())))  # type: ignore[attr-defined]

    return meta, migrations.Migration(1, "first"), migrations.Migration(2, "second", (count_words,))


def test_upgrade_adds_tables_and_columns_and_keeps_data(tmp_path: Path) -> None:
    meta, first, second = _two_version_metadata()
    engine = create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    with engine.begin() as conn:
        migrations.apply_migration(conn, first, meta)
        conn.execute(insert(meta.tables["qualsi_meta"]).values(key="schema_version", value="1"))
        assert "words" not in {c["name"] for c in inspect(conn).get_columns("notes")}
        assert not inspect(conn).has_table("tags")
        assert inspect(conn).get_indexes("notes") == []
        conn.execute(insert(meta.tables["notes"]).values(id=1, body="three little words"))
    with engine.begin() as conn:
        migrations.apply_migration(conn, second, meta)
    with engine.connect() as conn:
        assert inspect(conn).has_table("tags")
        assert "ix_notes_words" in {i["name"] for i in inspect(conn).get_indexes("notes")}
        assert conn.execute(select(meta.tables["notes"].c.words)).scalar() == 3
        assert conn.execute(select(s.qualsi_meta.c.value).where(s.qualsi_meta.c.key == "schema_version")).scalar() == "2"


def test_a_failed_migration_leaves_the_previous_version(tmp_path: Path) -> None:
    meta, first, second = _two_version_metadata()

    def explode(conn: object) -> None:
        raise RuntimeError("boom")

    broken = migrations.Migration(2, "broken", (explode,))
    from qual_si.store.engine import sqlite_engine

    engine = sqlite_engine(tmp_path / "m.db")  # real BEGIN so DDL is transactional
    with engine.connect() as conn, conn.begin():
        migrations.apply_migration(conn, first, meta)
        conn.execute(insert(meta.tables["qualsi_meta"]).values(key="schema_version", value="1"))
    with pytest.raises(RuntimeError), engine.connect() as conn, conn.begin():
        migrations.apply_migration(conn, broken, meta)
    with engine.connect() as conn:
        assert not inspect(conn).has_table("tags")
        assert "words" not in {c["name"] for c in inspect(conn).get_columns("notes")}


@pytest.mark.skipif(not FIRST_SCHEMA_DUMP.exists(), reason="schema-1 project dump not generated")
def test_project_made_by_the_first_schema_opens_and_upgrades(tmp_path: Path) -> None:
    import sqlite3

    from qual_si import Project

    path = tmp_path / "old.qsi"
    with sqlite3.connect(path) as conn:
        conn.executescript(FIRST_SCHEMA_DUMP.read_text(encoding="utf-8"))
    with Project.open(path, coder="reader") as project:
        facts = project.info()
        assert facts.schema_version == s.SCHEMA_VERSION
        assert facts.documents == 1 and facts.cases == 1
        document = project.documents()[0]
        text = project.text(document.id)
        utterances = project.utterances(document.id)
        assert isinstance(utterances, list) and utterances
        assert all(text[u.start : u.end].strip() == text[u.start : u.end] for u in utterances)
        assert project.cases()[0].attributes["schools"] == 4.0
    assert s.SCHEMA_VERSION > 1
    assert (tmp_path / "old.qsi.schema1.bak").exists()  # the file as it was, before the upgrade
    with sqlite3.connect(path) as conn:
        versions = [v for (v,) in conn.execute("select version from schema_migrations order by version")]
        indexes = {name for (name,) in conn.execute("select name from sqlite_master where type = 'index'")}
    assert versions == list(range(1, s.SCHEMA_VERSION + 1))
    assert {"ix_suggestions_coding", "ix_segments_utterance"} <= indexes


def _constraints(conn: object, table: str) -> tuple[list[object], list[object], list[object]]:
    found = inspect(conn)
    foreign = sorted((fk["constrained_columns"], fk["referred_table"], fk["options"]) for fk in found.get_foreign_keys(table))
    unique = sorted((u["name"], u["column_names"]) for u in found.get_unique_constraints(table))
    indexes = sorted((i["name"], i["column_names"]) for i in found.get_indexes(table))
    return foreign, unique, indexes  # type: ignore[return-value]


def test_a_table_that_gains_a_column_later_keeps_its_constraints_at_earlier_versions(tmp_path: Path) -> None:
    # A later version adding a column to a table must not strip the table of its foreign keys,
    # unique constraints, indexes and AUTOINCREMENT when a project is created at version 1.
    meta = MetaData()
    for table in s.metadata.sorted_tables:
        table.to_metadata(meta)
    meta.tables["speakers"].append_column(Column("x", Integer, nullable=True, info={"since": 3}))
    meta.tables["codings"].append_column(Column("y", Integer, nullable=True, info={"since": 3}))
    assert meta.tables["speakers"].dialect_kwargs["sqlite_autoincrement"]

    snapshot = migrations._tables_at(1, meta)
    assert "x" not in snapshot.tables["speakers"].c and "y" not in snapshot.tables["codings"].c
    assert snapshot.tables["speakers"].dialect_kwargs.get("sqlite_autoincrement") is True
    reference = create_engine(f"sqlite:///{tmp_path / 'reference.db'}")
    versioned = create_engine(f"sqlite:///{tmp_path / 'versioned.db'}")
    with reference.begin() as conn:
        s.metadata.create_all(conn)
    with versioned.begin() as conn:
        migrations.apply_migration(conn, migrations.MIGRATIONS[0], meta)
        conn.execute(insert(s.qualsi_meta).values(key="schema_version", value="1"))
    with reference.connect() as want, versioned.connect() as got:
        for name in ("speakers", "codings"):  # neither has an index added after version 1
            expected = _constraints(want, name)
            assert expected[0] and (expected[1] or expected[2]), name  # the check means something
            assert _constraints(got, name) == expected, name

    with versioned.begin() as conn:
        for migration in [*migrations.MIGRATIONS[1:], migrations.Migration(3, "fake: add x and y")]:
            migrations.apply_migration(conn, migration, meta)
    with versioned.connect() as conn:
        assert "x" in {c["name"] for c in inspect(conn).get_columns("speakers")}
        assert "y" in {c["name"] for c in inspect(conn).get_columns("codings")}
        assert conn.execute(select(s.qualsi_meta.c.value).where(s.qualsi_meta.c.key == "schema_version")).scalar() == "3"
