"""Shared fixtures: offscreen Qt, an isolated data folder, a fresh migrated database per test.

By default every test database is SQLite. With ``SHAHRTRAIN_TEST_PG`` set to a server URL
(``postgresql+psycopg://shahrtrain@127.0.0.1:5432/postgres``; the role needs CREATEDB), each
test gets a fresh PostgreSQL database instead, created from a template migrated once per run.
Tests marked ``sqlite_only`` (pragmas, database files, crash safety) skip themselves then; they
still run in the SQLite pass.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SHARED_DIR = Path(__file__).resolve().parents[1].parent / "shared"
PG_ENV_VAR = "SHAHRTRAIN_TEST_PG"
PG_SERVER = os.environ.get(PG_ENV_VAR) or None
SQLITE_ONLY_REASON = (
    "SQLite-specific (database file, PRAGMA or crash behaviour); runs in the SQLite pass"
)

_database_numbers = itertools.count(1)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "sqlite_only: tests SQLite file behaviour; skipped when SHAHRTRAIN_TEST_PG is set",
    )
    config.addinivalue_line(
        "markers", "postgres_only: needs a PostgreSQL server (SHAHRTRAIN_TEST_PG)"
    )


def pytest_report_header(config: pytest.Config) -> str:
    if PG_SERVER is None:
        return "test databases: SQLite"
    from sqlalchemy.engine import make_url

    return f"test databases: PostgreSQL at {make_url(PG_SERVER).render_as_string()}"


def pytest_runtest_setup(item: pytest.Item) -> None:
    if PG_SERVER is not None and item.get_closest_marker("sqlite_only"):
        pytest.skip(SQLITE_ONLY_REASON)
    if PG_SERVER is None and item.get_closest_marker("postgres_only"):
        pytest.skip(f"needs a PostgreSQL server: set {PG_ENV_VAR} (as .ci/run does)")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder and no database override from the environment."""
    home = tmp_path / "home"
    monkeypatch.setenv("SHAHRTRAIN_HOME", str(home))
    monkeypatch.delenv("SHAHRTRAIN_DB", raising=False)
    return home


# --- PostgreSQL --------------------------------------------------------------------------


def _pg_url(database: str) -> str:
    from sqlalchemy.engine import make_url

    assert PG_SERVER is not None
    return make_url(PG_SERVER).set(database=database).render_as_string(hide_password=False)


def _pg_admin(statement: str) -> None:
    """Run CREATE/DROP DATABASE (they refuse to run inside a transaction)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.pool import NullPool

    assert PG_SERVER is not None
    engine = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with engine.connect() as conn:
            conn.execute(text(statement))
    finally:
        engine.dispose()


def _pg_drop(database: str) -> None:
    _pg_admin(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A PostgreSQL database migrated and seeded once per run; CREATE DATABASE … TEMPLATE
    copies it in milliseconds."""
    from shahrtrain_desktop.services.database import open_database

    name = f"shahrtrain_tpl_{os.getpid()}"
    _pg_drop(name)
    _pg_admin(f"CREATE DATABASE \"{name}\" ENCODING 'UTF8'")
    opened = open_database(_pg_url(name))
    opened.db.dispose()  # a template must have no connections when it is copied
    yield name
    _pg_drop(name)


# --- the database each test gets ---------------------------------------------------------


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite database migrated once per run, copied for each test (migrating each time is
    slow). With SHAHRTRAIN_TEST_PG set, ``db_url`` uses ``pg_template`` instead."""
    from shahrtrain_desktop.services.database import open_database

    folder = tmp_path_factory.mktemp("template")
    path = folder / "template.sqlite3"
    opened = open_database(f"sqlite:///{path}")
    opened.db.dispose()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    return str(path)


@pytest.fixture
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, migrated, seeded database for this test: a SQLite file, or a PostgreSQL
    database dropped afterwards."""
    if PG_SERVER is None:
        template: str = request.getfixturevalue("migrated_template")
        path = tmp_path / "test.sqlite3"
        shutil.copyfile(template, path)
        yield f"sqlite:///{path}"
        return
    pg_template_name: str = request.getfixturevalue("pg_template")
    name = f"shahrtrain_t{os.getpid()}_{next(_database_numbers)}"
    _pg_admin(f'CREATE DATABASE "{name}" TEMPLATE "{pg_template_name}"')
    try:
        yield _pg_url(name)
    finally:
        _pg_drop(name)


@pytest.fixture
def db(db_url: str) -> Iterator[object]:
    """A fresh, migrated, seeded ``Database`` for this test."""
    from shahrtrain_desktop.services.database import open_database

    opened = open_database(db_url)
    yield opened.db
    opened.db.dispose()
