"""Backups: rotation keeps the right files, daily backups, and restore — identical data back,
anything that is not a good ShahrTrain backup refused with the current database untouched."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
from contextlib import closing
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text

from shahrtrain_desktop.models import Person, User
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import PersonCategory, Role
from shahrtrain_desktop.models.migrate import head_revision
from shahrtrain_desktop.services import backup
from shahrtrain_desktop.services.audit import Actor, act_as, verify_chain
from shahrtrain_desktop.services.backup import (
    BackupError,
    backup_sqlite,
    daily_backup_if_due,
    restore_sqlite,
    rotate_backups,
    select_backups_to_keep,
    timestamped_name,
)
from shahrtrain_desktop.services.database import open_database

NOW = datetime(2026, 3, 18, 9, 0)  # a Wednesday


def _days(first: date, last: date, hour: int = 3) -> list[datetime]:
    """One backup stamp a day, ``first`` to ``last`` inclusive."""
    count = (last - first).days + 1
    return [datetime.combine(first + timedelta(days=i), time(hour)) for i in range(count)]


# --- rotation (pure) -----------------------------------------------------------------------


def test_rotation_keeps_7_daily_4_weekly_12_monthly() -> None:
    stamps = _days(date(2025, 1, 1), date(2026, 3, 18))
    kept = {s.date() for s in select_backups_to_keep(stamps, NOW)}
    daily = {date(2026, 3, d) for d in range(12, 19)}
    weekly = {date(2026, 3, 18), date(2026, 3, 15), date(2026, 3, 8), date(2026, 3, 1)}
    monthly = {date(2026, 3, 18), date(2026, 2, 28), date(2026, 1, 31)} | {
        date(2025, 12, 31), date(2025, 11, 30), date(2025, 10, 31), date(2025, 9, 30),
        date(2025, 8, 31), date(2025, 7, 31), date(2025, 6, 30), date(2025, 5, 31),
        date(2025, 4, 30),
    }  # fmt: skip
    assert kept == daily | weekly | monthly
    assert len(kept) == 20


def test_rotation_keeps_the_newest_of_each_day() -> None:
    stamps = [datetime(2026, 3, 18, h) for h in (1, 8, 9)] + [datetime(2026, 3, 17, 23)]
    assert select_backups_to_keep(stamps, NOW, keep_daily=2, keep_weekly=0, keep_monthly=0) == {
        datetime(2026, 3, 18, 9),
        datetime(2026, 3, 17, 23),
    }


def test_a_pc_switched_off_for_months_keeps_its_last_dailies() -> None:
    stamps = _days(date(2025, 11, 1), date(2025, 11, 30))
    kept = select_backups_to_keep(stamps, NOW)
    assert {s.day for s in kept if s.month == 11} >= set(range(24, 31))


def test_backups_dated_in_the_future_are_kept_and_take_no_slot() -> None:
    future = datetime(2031, 1, 1)
    stamps = [*_days(date(2026, 3, 1), date(2026, 3, 18)), future]
    kept = select_backups_to_keep(stamps, NOW, keep_daily=3, keep_weekly=0, keep_monthly=0)
    assert kept == {future, *_days(date(2026, 3, 16), date(2026, 3, 18))}


def test_rotate_deletes_only_old_daily_backups(tmp_path: Path) -> None:
    for stamp in _days(date(2026, 1, 1), date(2026, 3, 18)):
        (tmp_path / timestamped_name("daily", stamp)).write_bytes(b"x")
    others = [
        tmp_path / timestamped_name("pre-migration", datetime(2025, 1, 1)),
        tmp_path / timestamped_name("before-restore", datetime(2025, 1, 1)),
        tmp_path / "my-own-copy.sqlite3",
    ]
    for path in others:
        path.write_bytes(b"x")

    deleted = rotate_backups(tmp_path, NOW)

    left = sorted(p.name for p in tmp_path.glob("daily-*"))
    assert left == sorted(
        timestamped_name("daily", s)
        for s in select_backups_to_keep(_days(date(2026, 1, 1), date(2026, 3, 18)), NOW)
    )
    assert len(left) + len(deleted) == 77 and len(left) == 11
    assert all(p.exists() for p in others)


# --- daily backups -------------------------------------------------------------------------


@pytest.mark.sqlite_only
def test_daily_backup_runs_once_a_day_and_rotates(db: Database, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    for stamp in _days(date(2024, 1, 1), date(2024, 1, 10)):  # from before a long break
        (folder / timestamped_name("daily", stamp)).write_bytes(b"old")

    first = daily_backup_if_due(db, folder, NOW)
    assert first is not None and first.name == "daily-20260318-090000.sqlite3"
    assert backup.integrity_ok(first)
    assert daily_backup_if_due(db, folder, NOW + timedelta(hours=8)) is None
    # 7 newest days (today, 10–5 Jan) ∪ newest of 3 weeks ∪ newest of 2 months.
    assert sorted(p.name for p in folder.iterdir()) == [
        *(timestamped_name("daily", s) for s in _days(date(2024, 1, 5), date(2024, 1, 10))),
        first.name,
    ]
    second = daily_backup_if_due(db, folder, NOW + timedelta(days=1))
    assert second is not None and second.exists()
    assert not (folder / timestamped_name("daily", datetime(2024, 1, 5, 3))).exists()


def test_backing_up_a_missing_file_fails_instead_of_copying_an_empty_one(tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="پیدا نشد"):
        backup_sqlite(tmp_path / "gone.sqlite3", tmp_path / "copy.sqlite3")
    assert not (tmp_path / "gone.sqlite3").exists() and not (tmp_path / "copy.sqlite3").exists()


def test_no_daily_file_backup_for_a_server_database(tmp_path: Path) -> None:
    class ServerDb:
        sqlite_path = None

    assert daily_backup_if_due(ServerDb(), tmp_path, NOW) is None  # type: ignore[arg-type]


# --- restore -------------------------------------------------------------------------------


def _tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    with closing(sqlite3.connect(path)) as conn:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        return {
            name: conn.execute(f'SELECT * FROM "{name}" ORDER BY 1').fetchall() for name in names
        }


def _fill(db: Database, first: int, count: int) -> None:
    with db.session() as s:
        user = s.scalars(select(User)).first()
        if user is None:
            user = User(username="admin", full_name="مدیر", role=Role.ADMIN, password_hash="-")
            s.add(user)
            s.flush()
        act_as(s, Actor(user.id, user.username))
        s.add_all(
            Person(
                national_code=f"{first + i:010d}",
                first_name="رضا",
                last_name=f"نوری {i}",
                category=PersonCategory.STAFF,
            )
            for i in range(count)
        )


def _fingerprint(path: Path) -> tuple[str, set[str]]:
    """The target's bytes and which sidecar files exist beside it."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return digest, {p.name for p in path.parent.iterdir() if p.name.startswith(path.name)}


@pytest.fixture
def live(db: Database, tmp_path: Path) -> tuple[Database, Path, Path]:
    """A filled database, a verified backup of it, and the folder for safety copies."""
    assert db.sqlite_path is not None
    _fill(db, 1000, 25)
    made = backup_sqlite(db.sqlite_path, tmp_path / "backups" / "manual.sqlite3")
    return db, made, tmp_path / "kept"


def _crashed_copy(db: Database) -> Path:
    """The database as an app killed mid-work leaves it: recent commits only in its WAL."""
    target = db.sqlite_path
    assert target is not None
    crashed = target.with_name("crashed.sqlite3")
    with db.engine.connect() as conn:  # an open connection keeps the WAL un-checkpointed
        conn.exec_driver_sql("SELECT count(*) FROM person").all()
        shutil.copyfile(target, crashed)
        shutil.copyfile(f"{target}-wal", f"{crashed}-wal")
    db.dispose()
    assert Path(f"{crashed}-wal").stat().st_size > 0
    return crashed


@pytest.mark.sqlite_only
def test_a_backup_restores_to_identical_data(live: tuple[Database, Path, Path]) -> None:
    db, made, kept = live
    expected = _tables(made)
    _fill(db, 5000, 10)  # work after the backup
    with db.session() as s:
        s.execute(text("DELETE FROM person WHERE national_code = '0000001000'"))
    before_restore = _tables(db.sqlite_path or Path())
    target = _crashed_copy(db)

    report = restore_sqlite(made, target, kept)

    assert _tables(target) == expected
    assert report.revision == head_revision()
    assert not Path(f"{target}-wal").exists() and not Path(f"{target}-shm").exists()
    assert report.safety_copy is not None and report.safety_copy.parent == kept
    assert _tables(report.safety_copy) == before_restore  # what was replaced, WAL and all
    reopened = open_database(f"sqlite:///{target}").db
    with reopened.session() as s:
        assert s.scalar(select(Person).where(Person.national_code == "0000001000")) is not None
        assert verify_chain(s).ok
    reopened.dispose()
    assert not list(target.parent.glob(".restore-*"))


def _refused(target: Path, kept: Path, bad: Path, message: str) -> None:
    before = _fingerprint(target)
    with pytest.raises(BackupError, match=message) as refused:
        restore_sqlite(bad, target, kept)
    assert "دست نخورد" in str(refused.value)
    assert _fingerprint(target) == before
    assert not kept.exists() or not any(kept.iterdir())
    assert not list(target.parent.glob(".restore-*"))


@pytest.mark.sqlite_only
def test_a_file_that_is_not_sqlite_is_refused(
    live: tuple[Database, Path, Path], tmp_path: Path
) -> None:
    db, _, kept = live
    db.dispose()
    bad = tmp_path / "letter.sqlite3"
    bad.write_text("نامهٔ اداری، نه پایگاه داده", encoding="utf-8")
    _refused(db.sqlite_path or Path(), kept, bad, "SQLite نیست")
    _refused(db.sqlite_path or Path(), kept, tmp_path / "missing.sqlite3", "SQLite نیست")


@pytest.mark.sqlite_only
def test_a_corrupt_backup_is_refused(live: tuple[Database, Path, Path], tmp_path: Path) -> None:
    db, made, kept = live
    db.dispose()
    data = bytearray(made.read_bytes())
    page = 4096
    assert len(data) > 12 * page
    data[10 * page : 11 * page] = bytes((i * 7) & 0xFF for i in range(page))
    bad = tmp_path / "corrupt.sqlite3"
    bad.write_bytes(bytes(data))
    _refused(db.sqlite_path or Path(), kept, bad, "آسیب دیده")
    truncated = tmp_path / "truncated.sqlite3"
    truncated.write_bytes(made.read_bytes()[: 5 * page])
    _refused(db.sqlite_path or Path(), kept, truncated, "آسیب دیده")


@pytest.mark.sqlite_only
def test_a_foreign_sqlite_file_is_refused(
    live: tuple[Database, Path, Path], tmp_path: Path
) -> None:
    db, _, kept = live
    db.dispose()
    foreign = tmp_path / "accounts.sqlite3"
    with closing(sqlite3.connect(foreign)) as conn, conn:
        conn.execute("CREATE TABLE accounts (id INTEGER)")
    _refused(db.sqlite_path or Path(), kept, foreign, "نسخهٔ پشتیبان شهرآموز نیست")


@pytest.mark.sqlite_only
def test_a_backup_from_a_newer_program_is_refused(
    live: tuple[Database, Path, Path], tmp_path: Path
) -> None:
    db, made, kept = live
    db.dispose()
    newer = tmp_path / "newer.sqlite3"
    newer.write_bytes(made.read_bytes())
    with closing(sqlite3.connect(newer)) as conn, conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    _refused(db.sqlite_path or Path(), kept, newer, "نسخهٔ جدیدتری")


@pytest.mark.sqlite_only
def test_a_database_still_open_is_not_replaced(live: tuple[Database, Path, Path]) -> None:
    db, made, kept = live
    target = db.sqlite_path or Path()
    with db.engine.connect() as conn:  # another window still has it open
        conn.exec_driver_sql("SELECT 1")
        with pytest.raises(BackupError, match="هنوز در برنامهٔ دیگری باز است"):
            restore_sqlite(made, target, kept)
    db.dispose()
    assert not list(target.parent.glob(".restore-*"))


@pytest.mark.sqlite_only
def test_a_failure_at_the_last_step_leaves_the_old_database_whole(
    live: tuple[Database, Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, made, kept = live
    target = db.sqlite_path or Path()
    _fill(db, 7000, 3)
    db.dispose()
    before = _tables(target)

    def disk_full(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(BackupError, match="بازگردانی انجام نشد"):
        restore_sqlite(made, target, kept)
    monkeypatch.undo()

    assert _tables(target) == before
    assert backup.integrity_ok(target)
    assert not list(target.parent.glob(".restore-*"))


@pytest.mark.sqlite_only
def test_a_damaged_database_can_still_be_replaced_and_is_kept_raw(
    live: tuple[Database, Path, Path],
) -> None:
    db, made, kept = live
    target = db.sqlite_path or Path()
    db.dispose()
    damaged = bytearray(target.read_bytes())
    damaged[100:4096] = b"\xff" * (4096 - 100)  # the schema page
    target.write_bytes(bytes(damaged))

    report = restore_sqlite(made, target, kept)

    assert report.safety_copy is not None and report.safety_copy.name.endswith(".damaged")
    assert report.safety_copy.read_bytes()[100:4096] == bytes(damaged[100:4096])
    assert _tables(target) == _tables(made)
