"""Creating and opening projects; refusing what is not one."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import update

from qual_si import Project
from qual_si.errors import NotAProject, ProjectError, ProjectExists, SchemaTooNew
from qual_si.store import Store
from qual_si.store import schema as s


def test_create_then_open_keeps_name_and_version(project_location: str) -> None:
    with Project.create(project_location, name="Trust study", coder="ana") as created:
        assert created.info().name == "Trust study"
    with Project.open(project_location, coder="ben") as reopened:
        facts = reopened.info()
        assert facts.schema_version == s.SCHEMA_VERSION
        assert facts.coders == 2  # ana created it, ben opened it


def test_create_refuses_existing_project(project_location: str) -> None:
    Project.create(project_location, coder="ana").close()
    with pytest.raises(ProjectExists):
        Project.create(project_location, coder="ana")


def test_open_refuses_a_newer_schema(project_location: str) -> None:
    store = Store.create(project_location, name="x")
    with store.engine.begin() as conn:
        conn.execute(update(s.qualsi_meta).where(s.qualsi_meta.c.key == "schema_version").values(value="999"))
    store.close()
    with pytest.raises(SchemaTooNew, match="newer qual-si"):
        Project.open(project_location)


def test_open_refuses_a_text_file(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.qsi"
    bogus.write_text("hello")
    with pytest.raises(NotAProject, match="not a qual-si project"):
        Project.open(bogus)


def test_open_refuses_a_foreign_sqlite_database(tmp_path: Path) -> None:
    import sqlite3

    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("create table things (id integer)")
    with pytest.raises(NotAProject, match="not a qual-si project"):
        Project.open(other)


def test_open_missing_file_says_how_to_create(tmp_path: Path) -> None:
    with pytest.raises(ProjectError, match="qual-si init"):
        Project.open(tmp_path / "nope.qsi")


def test_sqlite_project_uses_wal_and_foreign_keys(tmp_path: Path) -> None:
    with Project.create(tmp_path / "s.qsi") as project, project.store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_coder_defaults_to_environment(project_location: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUAL_SI_CODER", "from-env")
    with Project.create(project_location) as project:
        assert project.coder == "from-env"
