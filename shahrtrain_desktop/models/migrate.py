"""Bring a database to the schema this version knows, safely.

An existing SQLite database is backed up (online backup API) before any upgrade; a database
whose schema is newer than this program is refused rather than touched.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from shahrtrain_desktop.paths import migrations_dir

if TYPE_CHECKING:
    from alembic.config import Config

# The newest revision in migrations/versions (a test keeps the two equal). Knowing it without
# Alembic lets an up-to-date database open without importing Alembic: a third of start-up.
SCHEMA_HEAD = "0003"

BackupFn = Callable[[], Path | None]


class SchemaError(RuntimeError):
    """The database cannot be opened by this version; the message is for the user (Persian)."""


@dataclass(frozen=True)
class MigrationReport:
    from_revision: str | None
    to_revision: str
    backup_path: Path | None

    @property
    def upgraded(self) -> bool:
        return self.from_revision != self.to_revision


def alembic_config(extra_version_locations: Sequence[Path] = ()) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    locations = [migrations_dir() / "versions", *extra_version_locations]
    cfg.set_main_option("version_locations", " ".join(str(p) for p in locations))
    cfg.set_main_option("path_separator", "space")
    return cfg


def head_revision(cfg: Config | None = None) -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(cfg or alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def _stored_revision(engine: Engine) -> str | None:
    """The revision the database says it has, read with plain SQL (None if it has none)."""
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except DBAPIError:
        return None
    return rows[0][0] if len(rows) == 1 else None


def _set_foreign_keys(connection: Connection, on: bool) -> None:
    # Straight to the driver: SQLAlchemy would open a transaction first, and SQLite ignores
    # this PRAGMA inside one.
    driver = connection.connection.driver_connection
    assert driver is not None
    driver.execute(f"PRAGMA foreign_keys={'ON' if on else 'OFF'}")


def upgrade_database(
    engine: Engine,
    backup: BackupFn | None = None,
    extra_version_locations: Sequence[Path] = (),
) -> MigrationReport:
    """Upgrade to head. ``backup`` is called (with no arguments) before touching existing data."""
    if not extra_version_locations and _stored_revision(engine) == SCHEMA_HEAD:
        return MigrationReport(SCHEMA_HEAD, SCHEMA_HEAD, None)
    from alembic import command
    from alembic.script import ScriptDirectory

    cfg = alembic_config(extra_version_locations)
    script = ScriptDirectory.from_config(cfg)
    head = script.get_current_head()
    assert head is not None
    with engine.connect() as connection:
        current = current_revision(connection)
        has_tables = bool(inspect(connection).get_table_names())
        connection.rollback()
    if current == head:
        return MigrationReport(current, head, None)
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        raise SchemaError(
            "این پایگاه داده با نسخهٔ جدیدتری از برنامه ساخته شده است "
            f"(نسخهٔ طرح‌واره {current}). لطفاً برنامه را به‌روز کنید؛ به پایگاه داده دست زده نشد."
        )
    if current is None and has_tables:
        raise SchemaError(
            "این فایل پایگاه دادهٔ شهرآموز نیست یا نسخهٔ طرح‌وارهٔ آن معلوم نیست؛ به آن دست زده نشد."
        )
    backup_path = backup() if (backup is not None and current is not None) else None
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        if sqlite:
            _set_foreign_keys(connection, on=False)
        try:
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")
            connection.commit()
        finally:
            if sqlite:
                connection.rollback()
                _set_foreign_keys(connection, on=True)
    return MigrationReport(current, head, backup_path)
