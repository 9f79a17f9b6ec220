"""Consistent copies of a live SQLite database (online backup API, never a file copy)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path


class BackupError(RuntimeError):
    """A backup could not be made or failed its integrity check (message in Persian)."""


def integrity_ok(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return False
    return rows == [("ok",)]


def backup_sqlite(source: Path, destination: Path) -> Path:
    """Copy ``source`` to ``destination`` through SQLite's online backup and verify the copy.

    Written to a temporary name first, so a failed backup never leaves a file that looks good.
    """
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        src = sqlite3.connect(str(source))
        dst = sqlite3.connect(str(partial))
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
            src.close()
    except sqlite3.Error as exc:
        partial.unlink(missing_ok=True)
        raise BackupError(f"پشتیبان‌گیری انجام نشد: {exc}") from exc
    if not integrity_ok(partial):
        partial.unlink(missing_ok=True)
        raise BackupError("نسخهٔ پشتیبان در بررسی سلامت (integrity_check) رد شد.")
    partial.replace(destination)
    return destination


def timestamped_name(prefix: str, now: datetime | None = None) -> str:
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return f"{prefix}-{stamp}.sqlite3"
