"""Open the application's database: resolve where it is, back up, migrate, seed defaults."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from shahrtrain_desktop.models.db import Database, connect, resolve_database_url
from shahrtrain_desktop.models.migrate import MigrationReport, upgrade_database
from shahrtrain_desktop.paths import backups_dir, default_database_path
from shahrtrain_desktop.services.audit import install_audit_trail
from shahrtrain_desktop.services.backup import backup_sqlite, timestamped_name
from shahrtrain_desktop.services.reference_data import seed_reference_data


@dataclass(frozen=True)
class OpenedDatabase:
    db: Database
    migration: MigrationReport


def open_database(url: str | None = None, backup_folder: Path | None = None) -> OpenedDatabase:
    """Open (creating if needed) and upgrade the database named by ``--db``/env/default.

    Raises ``models.migrate.SchemaError`` for a database newer than this program.
    """
    install_audit_trail()
    resolved = resolve_database_url(url, default_database_path())
    db = connect(resolved)

    def backup_before_migration() -> Path | None:
        path = db.sqlite_path
        if path is None or not path.exists():
            return None
        folder = backup_folder or backups_dir()
        return backup_sqlite(path, folder / timestamped_name("pre-migration"))

    try:
        report = upgrade_database(db.engine, backup=backup_before_migration)
        with db.session() as session:
            seed_reference_data(session)
    except BaseException:
        db.dispose()
        raise
    return OpenedDatabase(db=db, migration=report)
