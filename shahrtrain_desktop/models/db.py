"""Engine and session set-up: which database, and SQLite configured for safety."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

DB_ENV_VAR = "SHAHRTRAIN_DB"
SQLITE_BUSY_TIMEOUT_MS = 10_000


def resolve_database_url(cli_value: str | None, default_path: Path) -> str:
    """``--db`` wins, then ``SHAHRTRAIN_DB``, then the SQLite file in the user's data folder.

    A bare file path is accepted and turned into a SQLite URL.
    """
    value = cli_value or os.environ.get(DB_ENV_VAR) or str(default_path)
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser().resolve()}"
    return value


def sqlite_file_of(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _configure_sqlite_connection(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy (not the driver) decide where transactions start, so DDL is transactional.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def make_engine(url: str, **kwargs: Any) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_file_of(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _configure_sqlite_connection)

        @event.listens_for(engine, "begin")
        def _begin(conn: Any) -> None:
            conn.exec_driver_sql("BEGIN")

        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


@dataclass
class Database:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        return sqlite_file_of(self.url)

    def display_name(self) -> str:
        """What the status bar shows: the file, or the server without the password."""
        path = self.sqlite_path
        if path is not None:
            return str(path)
        return make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose transaction commits on success and rolls back on any error."""
        with self.sessions() as session, session.begin():
            yield session

    def dispose(self) -> None:
        if self.is_sqlite:
            # SQLite's advice for long-lived connections: refresh planner statistics on close.
            with contextlib.suppress(exc.DBAPIError), self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA optimize")
        self.engine.dispose()


def connect(url: str) -> Database:
    engine = make_engine(url)
    return Database(url=url, engine=engine, sessions=sessionmaker(engine, expire_on_commit=False))
