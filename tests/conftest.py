"""Shared fixtures: project locations on SQLite and PostgreSQL, fixtures folder, no network."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_FIXTURES = REPO.parent / "shared" / "fixtures"
PG_ENV = "QUAL_SI_TEST_PG_URL"

# Nothing in the test run may reach a model hub.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("QUAL_SI_CODER", "tester")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    del config
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(pytest.mark.xdist_group("postgres"))


@pytest.fixture
def fixtures_dir() -> Path:
    """The shared real-world fixtures; tests skip cleanly when the folder is absent."""
    if not SHARED_FIXTURES.is_dir():
        pytest.skip("../shared/fixtures is not present")
    return SHARED_FIXTURES


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any attempt to open a network connection fail loudly."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


# --- PostgreSQL -------------------------------------------------------------------------------


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    return None


def _start_private_postgres() -> tuple[str, Path] | None:
    """initdb + pg_ctl start in a temporary folder, listening on a unix socket only."""
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not (initdb and pg_ctl):
        return None
    base = Path(tempfile.mkdtemp(prefix="qsi-pg-"))
    data = base / "data"
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        shutil.chown(base, user="postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    port = 55000 + (os.getpid() % 5000)
    try:
        subprocess.run([*as_user, initdb, "-D", str(data), "-A", "trust", "-U", "postgres"],
                       check=True, capture_output=True, timeout=120)
        subprocess.run([*as_user, pg_ctl, "-D", str(data), "-w", "-l", str(base / "log"), "-o",
                        f"-p {port} -k {base} -c listen_addresses='' -c fsync=off", "start"],
                       check=True, capture_output=True, timeout=120)
    except (subprocess.SubprocessError, OSError, KeyError, LookupError):
        shutil.rmtree(base, ignore_errors=True)
        return None
    return f"postgresql+psycopg://postgres@/postgres?host={base}&port={port}", base


def _stop_private_postgres(base: Path) -> None:
    pg_ctl = _pg_bin("pg_ctl")
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if pg_ctl:
        subprocess.run([*as_user, pg_ctl, "-D", str(base / "data"), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_admin_url() -> Iterator[str]:
    """An admin URL to a PostgreSQL server: $QUAL_SI_TEST_PG_URL, or a private server started here.

    Locally the PostgreSQL tests skip when no server can be started; in CI they must run.
    """
    url = os.environ.get(PG_ENV)
    private: Path | None = None
    if not url:
        started = _start_private_postgres()
        if started:
            url, private = started
    if not url:
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"PostgreSQL is required in CI: set {PG_ENV} or install the postgresql package")
        pytest.skip("no PostgreSQL server available or startable (set QUAL_SI_TEST_PG_URL)")
    from sqlalchemy import create_engine, text

    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    deadline = time.monotonic() + 30
    while True:
        try:
            with engine.connect() as conn:
                conn.execute(text("select 1"))
            break
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)
    engine.dispose()
    yield url
    if private is not None:
        _stop_private_postgres(private)


def _database_url(admin_url: str, database: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(admin_url).set(database=database).render_as_string(hide_password=False)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def project_location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Where to create a project: a file, and a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "study.qsi")
        return
    admin_url = request.getfixturevalue("postgres_admin_url")
    from sqlalchemy import create_engine, text

    name = f"qsi_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield _database_url(admin_url, name)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def project(project_location: str) -> Iterator[object]:
    """A new empty project on each backend."""
    from qual_si import Project

    with Project.create(project_location, name="test", coder="tester") as created:
        yield created


@pytest.fixture
def sqlite_project(tmp_path: Path) -> Iterator[object]:
    """A new empty SQLite project (for tests where the backend does not matter)."""
    from qual_si import Project

    with Project.create(tmp_path / "study.qsi", name="test", coder="tester") as created:
        yield created
