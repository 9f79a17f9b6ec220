"""Consistent copies of a live SQLite database (online backup API, never a file copy), their
daily rotation, and restoring one without ever leaving a half-replaced database.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.migrate import alembic_config

SQLITE_HEADER = b"SQLite format 3\x00"
DAILY_PREFIX = "daily"
SAFETY_PREFIX = "before-restore"
STAMP_FORMAT = "%Y%m%d-%H%M%S"
_STAMPED = re.compile(r"^(?P<prefix>[a-z-]+)-(?P<stamp>\d{8}-\d{6})(?:-\d+)?\.sqlite3$")

NOT_SQLITE = "این فایل نسخهٔ پشتیبان شهرآموز نیست (فایل پایگاه دادهٔ SQLite نیست)."
NOT_SHAHRTRAIN = "این فایل نسخهٔ پشتیبان شهرآموز نیست (جدول نسخهٔ طرح‌واره را ندارد)."
CORRUPT = "فایل پشتیبان آسیب دیده است و در بررسی سلامت (integrity_check) رد شد."
NEWER = (
    "این نسخهٔ پشتیبان با نسخهٔ جدیدتری از برنامه ساخته شده است (طرح‌وارهٔ {revision}); "
    "ابتدا برنامه را به‌روز کنید."
)
IN_USE = (
    "پایگاه داده هنوز در برنامهٔ دیگری باز است؛ همهٔ پنجره‌های برنامه را ببندید و دوباره تلاش کنید."
)
NOTHING_CHANGED = " پایگاه دادهٔ فعلی دست نخورد."


class BackupError(RuntimeError):
    """A backup could not be made, or a restore was refused (message in Persian)."""


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
    if not Path(source).is_file():
        # sqlite3.connect would create an empty database and "back it up" without complaint.
        raise BackupError(f"پشتیبان‌گیری انجام نشد: فایل پایگاه داده پیدا نشد ({source}).")
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
    stamp = (now or datetime.now()).strftime(STAMP_FORMAT)
    return f"{prefix}-{stamp}.sqlite3"


def _unused(path: Path) -> Path:
    """``path``, or ``name-2.sqlite3`` … when two backups fall in the same second."""
    candidate, n = path, 1
    while candidate.exists():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


# --- rotation ------------------------------------------------------------------------------


def stamped_backups(folder: Path, prefix: str = DAILY_PREFIX) -> dict[Path, datetime]:
    """The backups in ``folder`` named ``<prefix>-YYYYmmdd-HHMMSS.sqlite3``, with their time."""
    found: dict[Path, datetime] = {}
    if not folder.is_dir():
        return found
    for path in folder.iterdir():
        match = _STAMPED.match(path.name)
        if match and match["prefix"] == prefix and path.is_file():
            try:
                found[path] = datetime.strptime(match["stamp"], STAMP_FORMAT)
            except ValueError:
                continue
    return found


def select_backups_to_keep(
    stamps: Iterable[datetime],
    now: datetime,
    keep_daily: int = 7,
    keep_weekly: int = 4,
    keep_monthly: int = 12,
) -> set[datetime]:
    """Grandfather-father-son: the newest backup of each of the newest ``keep_daily`` days,
    ``keep_weekly`` ISO weeks and ``keep_monthly`` months that have one.

    Periods are counted among existing backups rather than back from ``now``, so a PC switched
    off for a summer still keeps its last week of dailies. Backups stamped after ``now`` (a
    clock set wrong) are kept and do not take a period's place.
    """
    ordered = sorted(set(stamps), reverse=True)
    keep = {s for s in ordered if s > now}
    past = [s for s in ordered if s <= now]
    periods = (
        (keep_daily, lambda s: s.date()),
        (keep_weekly, lambda s: s.isocalendar()[:2]),
        (keep_monthly, lambda s: (s.year, s.month)),
    )
    for count, period_of in periods:
        seen: set[object] = set()
        for stamp in past:  # newest first: the first one met is the period's newest
            period = period_of(stamp)
            if period in seen:
                continue
            if len(seen) >= count:
                break
            seen.add(period)
            keep.add(stamp)
    return keep


def rotate_backups(
    folder: Path,
    now: datetime,
    keep_daily: int = 7,
    keep_weekly: int = 4,
    keep_monthly: int = 12,
    prefix: str = DAILY_PREFIX,
) -> list[Path]:
    """Delete the daily backups the rotation no longer keeps; return what was deleted.

    Only files named like our daily backups are considered: pre-migration and pre-restore
    copies, and anything the user put in the folder, are never touched.
    """
    found = stamped_backups(folder, prefix)
    keep = select_backups_to_keep(found.values(), now, keep_daily, keep_weekly, keep_monthly)
    deleted = []
    for path, stamp in sorted(found.items(), key=lambda item: item[1]):
        if stamp not in keep:
            path.unlink(missing_ok=True)
            deleted.append(path)
    return deleted


def daily_backup_if_due(db: Database, folder: Path, now: datetime | None = None) -> Path | None:
    """At start: back up once per (local) day, then rotate. None when not due or not SQLite."""
    source = db.sqlite_path
    if source is None or not source.exists():
        return None
    moment = now or datetime.now()
    if any(stamp.date() == moment.date() for stamp in stamped_backups(folder).values()):
        return None
    path = backup_sqlite(source, _unused(folder / timestamped_name(DAILY_PREFIX, moment)))
    rotate_backups(folder, moment)
    return path


# --- restore -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RestoreReport:
    restored_from: Path
    revision: str
    safety_copy: Path | None  # what was replaced, kept in ``keep_copy_folder``


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory  # only restores need it: keep start-up light

    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def _sidecars(path: Path) -> tuple[Path, Path]:
    return Path(f"{path}-wal"), Path(f"{path}-shm")


def _has_sqlite_header(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _validate_staged(staged: Path) -> str:
    """Check the staged copy and make it one self-contained file; return its revision."""
    try:
        conn = sqlite3.connect(str(staged), isolation_level=None)
        try:
            if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
                raise BackupError(CORRUPT)
            has_version = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if not has_version:
                raise BackupError(NOT_SHAHRTRAIN)
            rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
            if len(rows) != 1:
                raise BackupError(NOT_SHAHRTRAIN)
            revision = str(rows[0][0])
            if revision not in known_revisions():
                raise BackupError(NEWER.format(revision=revision))
            # Folds any WAL the backup came with into the file and removes the WAL.
            conn.execute("PRAGMA journal_mode=DELETE")
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(CORRUPT) from exc
    return revision


def _stage(backup_file: Path, folder: Path) -> Path:
    """Copy the backup (and a WAL beside it, if any) next to the target under a temporary name."""
    staged = folder / f".restore-{uuid.uuid4().hex}.sqlite3"
    shutil.copyfile(backup_file, staged)
    wal, _ = _sidecars(backup_file)
    if wal.exists():
        shutil.copyfile(wal, _sidecars(staged)[0])
    return staged


def _remove_staged(staged: Path) -> None:
    for path in (staged, *_sidecars(staged), Path(f"{staged}-journal")):
        path.unlink(missing_ok=True)


def _fsync(path: Path, directory: bool = False) -> None:
    if directory and os.name == "nt":
        return  # Windows cannot open a folder for fsync; NTFS journals the rename.
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _quiesce_target(target: Path) -> bool:
    """Fold the target's WAL into its file and leave it in rollback-journal mode.

    Returns False when the target is too damaged to open. Raises when another connection still
    has it open (leaving WAL mode needs to be the only one), because replacing a file under a
    live connection would send that connection's writes to a file nobody reads.
    """
    try:
        conn = sqlite3.connect(str(target), timeout=0.5, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode=DELETE").fetchall()
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise BackupError(IN_USE + NOTHING_CHANGED) from exc
        return False
    except sqlite3.DatabaseError:
        return False
    return True


def _keep_current(target: Path, keep_copy_folder: Path, now: datetime) -> Path:
    name = timestamped_name(SAFETY_PREFIX, now)
    if _quiesce_target(target):
        try:
            return backup_sqlite(target, _unused(keep_copy_folder / name))
        except BackupError:
            pass  # damaged: fall through to a raw copy
    # Too damaged for an online backup: keep its files as they are, byte for byte.
    raw = _unused(keep_copy_folder / (name + ".damaged"))
    keep_copy_folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(target, raw)
    wal, _ = _sidecars(target)
    if wal.exists():
        shutil.copyfile(wal, Path(f"{raw}-wal"))
    return raw


def restore_sqlite(
    backup_file: Path, target_db_path: Path, keep_copy_folder: Path, now: datetime | None = None
) -> RestoreReport:
    """Replace the database at ``target_db_path`` with ``backup_file``, all or nothing.

    Every engine on the target must be disposed first. The backup is checked (SQLite header,
    ``integrity_check``, a schema revision this program knows) on a copy staged beside the
    target; a refused file raises ``BackupError`` and changes nothing. The current database is
    then backed up into ``keep_copy_folder`` and the staged copy renamed over it (atomic).
    A backup from an older version is upgraded by the next ``open_database``.
    """
    moment = now or datetime.now()
    if not backup_file.is_file() or not _has_sqlite_header(backup_file):
        raise BackupError(NOT_SQLITE + NOTHING_CHANGED)
    target_db_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        staged = _stage(backup_file, target_db_path.parent)
    except OSError as exc:
        raise BackupError(f"فایل پشتیبان خوانده یا کپی نشد: {exc}.{NOTHING_CHANGED}") from exc
    try:
        try:
            revision = _validate_staged(staged)
        except BackupError as exc:
            raise BackupError(str(exc) + NOTHING_CHANGED) from exc
        safety = None
        if target_db_path.exists():
            safety = _keep_current(target_db_path, keep_copy_folder, moment)
        # A WAL left beside the new file would be replayed into it: remove it *before*.
        for sidecar in _sidecars(target_db_path):
            sidecar.unlink(missing_ok=True)
        _fsync(staged)
        os.replace(staged, target_db_path)
        _fsync(target_db_path.parent, directory=True)
    except OSError as exc:
        raise BackupError(f"بازگردانی انجام نشد: {exc}.{NOTHING_CHANGED}") from exc
    finally:
        _remove_staged(staged)
    return RestoreReport(restored_from=backup_file, revision=revision, safety_copy=safety)
