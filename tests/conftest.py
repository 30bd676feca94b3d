"""Fixtures that build real objects in real databases: an SQLite file and PostgreSQL.

Every test that takes `app` (or anything built on it) runs once per backend. PostgreSQL
gets one throw-away database per run (created here, dropped at the end); tables are
truncated between tests. If PostgreSQL cannot be reached the run fails, unless
TRACING_TEST_BACKENDS=sqlite is set explicitly for a quick local loop.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

os.environ.setdefault("TRACING_INSTANCE", str(Path(__file__).parent.parent / "build" / "test-instance"))

from sqlalchemy import text  # noqa: E402

PG_ADMIN_URL = os.environ.get("TRACING_TEST_PG_ADMIN", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
BACKENDS = [b for b in os.environ.get("TRACING_TEST_BACKENDS", "sqlite,postgresql").split(",") if b]
FACES_DIR = Path(os.environ.get("TRACING_FACES_DIR", Path(__file__).resolve().parents[2] / "shared" / "faces"))


def _pg_engine(url):
    from sqlalchemy import create_engine
    return create_engine(url, isolation_level="AUTOCOMMIT")


def _ensure_pg() -> None:
    from sqlalchemy.exc import OperationalError
    try:
        with _pg_engine(PG_ADMIN_URL).connect() as c:
            c.execute(text("select 1"))
        return
    except OperationalError:
        script = Path(__file__).parent.parent / "scripts" / "ensure-services.sh"
        subprocess.run(["bash", str(script)], check=False)
    with _pg_engine(PG_ADMIN_URL).connect() as c:   # raises: never silently skip PostgreSQL
        c.execute(text("select 1"))


@pytest.fixture(scope="session")
def pg_database_url():
    if "postgresql" not in BACKENDS:
        yield None
        return
    _ensure_pg()
    name = f"tracing_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = _pg_engine(PG_ADMIN_URL)
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    url = re.sub(r"/[^/]+$", f"/{name}", PG_ADMIN_URL)
    _migrate(url, None)
    yield url
    with admin.connect() as c:
        c.execute(text(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}' AND pid <> pg_backend_pid()"))
        c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


def _migrate(url: str, instance: Path | None) -> None:
    from tracing import create_app, migrate
    folder = instance or Path(os.environ["TRACING_INSTANCE"]) / f"migrate-{uuid.uuid4().hex[:6]}"
    app = create_app({"INSTANCE_PATH": str(folder), "DATABASE_URL": url, "SECRET_KEY": "test"})
    migrate.upgrade(app)
    app.extensions["db_engine"].dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory):
    """A migrated SQLite file, copied per test (migrating once keeps the suite fast)."""
    folder = tmp_path_factory.mktemp("sqlite-template")
    path = folder / "template.sqlite3"
    _migrate(f"sqlite:///{path}", folder)
    return path


@pytest.fixture(params=BACKENDS)
def backend(request):
    return request.param


@pytest.fixture
def app(backend, tmp_path, request):
    from tracing import create_app

    instance = tmp_path / "instance"
    instance.mkdir()
    if backend == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        db_file = instance / "tracing.sqlite3"
        shutil.copy(template, db_file)
        url = f"sqlite:///{db_file}"
    else:
        url = request.getfixturevalue("pg_database_url")
        _truncate_pg(url)
    app = create_app({"INSTANCE_PATH": str(instance), "DATABASE_URL": url, "SECRET_KEY": "test-secret",
                      "TESTING": True, "SESSION_COOKIE_SECURE": False, "TASKS_IMMEDIATE": True,
                      "MEDIA_PATH": str(instance / "media")})
    yield app
    app.extensions["db_engine"].dispose()


def _truncate_pg(url: str) -> None:
    engine = _pg_engine(url)
    with engine.connect() as c:
        tables = [r[0] for r in c.execute(text(
            "select tablename from pg_tables where schemaname = 'public' and tablename <> 'alembic_version'"))]
        if tables:
            c.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
    engine.dispose()


@pytest.fixture
def db(app):
    """A session for arranging and checking data directly (commits are real)."""
    # No app context is held open here: requests made by the test client must get their own `g`.
    # Autocommit: every statement sees the latest committed data and holds no lock between statements.
    from sqlalchemy.orm import Session
    engine = app.extensions["db_engine"].execution_options(isolation_level="AUTOCOMMIT")
    session = Session(engine, expire_on_commit=False)
    yield session
    session.close()


PASSWORD = "correct-horse-battery"


@pytest.fixture
def users(app, db):
    """One active user per role, all with PASSWORD."""
    from tracing.auth import create_user
    made = {}
    for role in ("admin", "staff", "volunteer", "publisher"):
        user, _ = create_user(db, role, role, PASSWORD, display_name=f"{role} user", actor="test")
        made[role] = user
    made["staff2"], _ = create_user(db, "staff2", "staff", PASSWORD, actor="test")
    db.commit()
    return made


class LoggedInClient:
    """Flask test client that logs in and carries the CSRF token into every POST."""

    def __init__(self, app, username):
        self.client = app.test_client()
        self.username = username
        self._csrf = None
        if username:
            resp = self.post("/login", data={"username": username, "password": PASSWORD})
            assert resp.status_code == 302, resp.get_data(as_text=True)[:500]

    def csrf(self):
        resp = self.client.get("/login")
        m = re.search(r'name="csrf_token" value="([^"]+)"', resp.get_data(as_text=True))
        return m.group(1)

    def get(self, url, **kw):
        return self.client.get(url, **kw)

    def post(self, url, data=None, **kw):
        data = dict(data or {})
        data.setdefault("csrf_token", self.csrf())
        return self.client.post(url, data=data, **kw)


@pytest.fixture
def login(app, users):
    def make(username):
        return LoggedInClient(app, username)
    return make


@pytest.fixture
def faces_dir():
    if not FACES_DIR.is_dir():
        pytest.fail(f"face photos not found at {FACES_DIR} (set TRACING_FACES_DIR)")
    return FACES_DIR
