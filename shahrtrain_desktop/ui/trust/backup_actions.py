"""Backups from the window: on demand (a save dialog, then the worker), the daily one at start,
and restoring a backup file over the open database (the caller reopens it afterwards)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.paths import backups_dir
from shahrtrain_desktop.services.audit import Actor, act_as
from shahrtrain_desktop.services.backup import (
    BackupError,
    RestoreReport,
    backup_sqlite,
    daily_backup_if_due,
    restore_sqlite,
)
from shahrtrain_desktop.services.permissions import Permission, require
from shahrtrain_desktop.ui.progress import Task
from shahrtrain_desktop.ui.strings import ltr
from shahrtrain_desktop.ui.trust import texts
from shahrtrain_desktop.ui.worker import Op, Worker, run_with_progress

MANUAL_PREFIX = "shahrtrain"


def _require_backup_permission(db: Database, actor: Actor) -> None:
    with db.session() as session:
        act_as(session, actor)
        require(session, Permission.BACKUP_RESTORE)


def _sqlite_path(db: Database) -> Path:
    path = db.sqlite_path
    if path is None:
        raise BackupError(texts.BACKUP_NEEDS_SQLITE)
    return path


def backup_op(destination: Path, actor: Actor) -> Op:
    def op(db: Database, task: Task) -> Path:
        task.report(texts.BACKUP_RUNNING)
        _require_backup_permission(db, actor)
        return backup_sqlite(_sqlite_path(db), destination)

    return op


def restore_op(backup_file: Path, actor: Actor, keep_copy_folder: Path | None = None) -> Op:
    """Check the permission, close every pooled connection, then restore all or nothing."""

    def op(db: Database, task: Task) -> RestoreReport:
        task.report(texts.RESTORE_TITLE)
        _require_backup_permission(db, actor)
        target = _sqlite_path(db)
        db.dispose()
        return restore_sqlite(backup_file, target, keep_copy_folder or backups_dir())

    return op


def daily_backup_op(folder: Path | None = None) -> Op:
    def op(db: Database, _task: Task) -> Path | None:
        return daily_backup_if_due(db, folder or backups_dir())

    return op


def suggested_backup_path() -> Path:
    return backups_dir() / f"{MANUAL_PREFIX}-{datetime.now():%Y%m%d-%H%M}.sqlite3"


def start_backup(
    parent: QWidget, db: Database, worker: Worker, actor: Actor, on_done: Callable[[Path], None]
) -> None:
    if not db.is_sqlite:
        QMessageBox.information(parent, texts.BACKUP_TITLE, texts.BACKUP_NEEDS_SQLITE)
        return
    chosen, _ = QFileDialog.getSaveFileName(
        parent, texts.BACKUP_TITLE, str(suggested_backup_path()), texts.BACKUP_FILTER
    )
    if not chosen:
        return
    run_with_progress(worker, parent, texts.BACKUP_TITLE, backup_op(Path(chosen), actor), on_done)


def choose_restore_file(parent: QWidget, db: Database) -> Path | None:
    """Ask for the backup file and confirm; None when the user stops."""
    if not db.is_sqlite:
        QMessageBox.information(parent, texts.RESTORE_TITLE, texts.BACKUP_NEEDS_SQLITE)
        return None
    chosen, _ = QFileDialog.getOpenFileName(
        parent, texts.RESTORE_TITLE, str(backups_dir()), texts.BACKUP_FILTER
    )
    if not chosen:
        return None
    answer = QMessageBox.warning(
        parent,
        texts.RESTORE_TITLE,
        texts.RESTORE_CONFIRM.format(path=ltr(chosen)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return Path(chosen) if answer == QMessageBox.StandardButton.Yes else None
