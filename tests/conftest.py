"""Shared fixtures: project locations on SQLite and PostgreSQL, the demo and hand-checked
projects, the fixtures folder and its REFI-QDA schema, no network."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

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


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """The shared real-world fixtures; tests skip cleanly when the folder is absent."""
    if not SHARED_FIXTURES.is_dir():
        pytest.skip("../shared/fixtures is not present")
    return SHARED_FIXTURES


@pytest.fixture(scope="session")
def qdc_schema(fixtures_dir: Path) -> Callable[[bytes], Any]:
    """Check an exported .qdc against the REFI-QDA Codebook.xsd; gives back the parsed root.

    Parsed once per run; tests skip cleanly without lxml or the schema file.
    """
    etree = pytest.importorskip("lxml.etree")
    xsd = fixtures_dir / "refi-qda-schema" / "Codebook.xsd"
    if not xsd.is_file():
        pytest.skip("REFI-QDA Codebook.xsd fixture not present")
    schema = etree.XMLSchema(etree.parse(str(xsd)))

    def validated(xml: bytes) -> Any:
        root = etree.fromstring(xml)
        assert schema.validate(root), schema.error_log
        return root

    return validated


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any attempt to open a network connection fail loudly."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


# --- Shared projects ----------------------------------------------------------------------------


def _fingerprint(project: Any) -> tuple[int, int]:
    """What any change to a project would move: its event log and its codings."""
    return len(project.history(limit=1_000_000)), len(project.codings())


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo project, built once per run and closed; copy it before changing anything."""
    from qual_si.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.qsi"
    build_demo(path).close()
    return path


@pytest.fixture(scope="session")
def demo_project(demo_file: Path) -> Iterator[Any]:
    """The demo project, open, shared by the whole run: read it, export from it, never change it.

    Tests that change the demo work on their own copy of ``demo_file``; the check at the end
    catches one that forgot.
    """
    from qual_si import Project
    from qual_si.demo import DEMO_CODER

    project = Project.open(demo_file, coder=DEMO_CODER)
    before = _fingerprint(project)
    yield project
    after = _fingerprint(project)
    project.close()
    assert after == before, "a test changed the shared demo project; give it its own copy"


HAND_CHECKED_TEXTS = {
    "A1": """Interviewer: How do the schools work together?

Participant 1: We share practice across all the schools. Heads meet every week to plan.

Interviewer: And what about data?

Participant 1: Data is standardised everywhere. Marking is left to each school.
""",
    "A2": """Interviewer: Tell me about sharing.

Participant 2: Our maths leads share practice with the other schools every term.
""",
    "B1": """Interviewer: What do you share?

Participant 1: We share practice in clusters. Data is all ours, though.

Interviewer: And meetings?

Participant 1: Heads meet once a month.
""",
    "U1": """Interviewer: Anything else?

Participant 1: Data drives everything we do.
""",
}


def _code(project: Any, document: str, phrase: str, ref: str, **options: object) -> None:
    text = project.text(document)
    start = text.index(phrase)
    project.add_coding(document, start, start + len(phrase), ref, **options)


@pytest.fixture
def hand_checked(tmp_path: Path) -> Iterator[Any]:
    """A tiny project whose matrices are worked out by hand (tests/test_analysis_matrix.py).

    Four documents in cases C1 (A1, A2) and C2 (B1), U1 without a case, C3 without documents;
    two coders (alex, then sam, who stays the current coder). Function-scoped: tests change it.
    """
    from qual_si import Project

    for name, text in HAND_CHECKED_TEXTS.items():
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
    project = Project.create(tmp_path / "study.qsi", coder="alex")
    project.import_documents([tmp_path / f"{name}.txt" for name in HAND_CHECKED_TEXTS])
    for document, case in (("A1", "C1"), ("A2", "C1"), ("B1", "C2")):
        project.set_document_case(document, case)
    project.create_case("C3")
    project.set_attribute("C1", "schools", 4)
    project.set_attribute("C2", "schools", 20)
    project.define_band("schools", [3, 7, 15], labels=["3-6", "7-14", "15+"], name="size band")
    project.add_code("Collaboration")
    project.add_code("Sharing practice", parent="Collaboration")
    project.add_code("Meetings", parent="Collaboration")
    project.add_code("Data")
    _code(project, "A1", "We share practice across all the schools.", "Sharing practice")
    _code(project, "A1", "Heads meet every week to plan.", "Meetings")
    _code(project, "A1", "We share practice across all the schools. Heads meet every week to plan.",
          "Collaboration")
    _code(project, "A1", "Data is standardised everywhere.", "Data")
    _code(project, "A1", "Marking is left to each school.", "Data")
    _code(project, "A2", "Our maths leads share practice", "Sharing practice")
    _code(project, "B1", "We share practice in clusters.", "Sharing practice")
    _code(project, "B1", "Data is all ours, though.", "Data", origin="suggestion")
    _code(project, "U1", "Data drives everything we do.", "Data")
    project.close()
    other = Project.open(tmp_path / "study.qsi", coder="sam")
    _code(other, "B1", "Heads meet once a month.", "Meetings")
    yield other
    other.close()


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
