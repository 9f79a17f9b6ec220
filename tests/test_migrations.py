"""Schema upgrades: safe on existing data, refused when the database is newer than the program."""

from __future__ import annotations

import sqlite3
from datetime import date, time
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from shahrtrain_desktop.models import (
    Assessment,
    Attendance,
    Course,
    CourseCategory,
    CourseSession,
    Enrolment,
    Offering,
    OrgUnit,
    Person,
    migrate,
)
from shahrtrain_desktop.models.db import connect
from shahrtrain_desktop.models.enums import (
    AssessmentKind,
    AttendanceStatus,
    DeliveryMode,
    OrgUnitKind,
    PersonCategory,
)
from shahrtrain_desktop.models.migrate import SchemaError, head_revision, upgrade_database
from shahrtrain_desktop.services.database import open_database

REBUILD_PERSON = """
from alembic import op
import sqlalchemy as sa

revision = "9999_rebuild_enrolment"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade():
    # A typical batch migration: SQLite rebuilds the parent table by copy, drop and rename.
    # enrolment is the parent of attendance and assessment (ON DELETE CASCADE).
    with op.batch_alter_table("enrolment", recreate="always") as batch:
        batch.add_column(sa.Column("note", sa.String(40), nullable=True))


def downgrade():
    pass
"""


def _fill_parent_and_children(db_url: str) -> None:
    db = connect(db_url)
    with db.session() as s:
        unit = OrgUnit(kind=OrgUnitKind.MUNICIPALITY, name="شهرداری قزوین")
        category = s.scalars(select(CourseCategory)).first() or CourseCategory(name="عمومی")
        course = Course(code="C-1", title="قانون شهرداری‌ها", category=category)
        offering = Offering(
            code="1405-001",
            course=course,
            year=1405,
            start_date=date(2026, 5, 1),
            end_date=date(2026, 5, 10),
            mode=DeliveryMode.IN_PERSON,
        )
        people = [
            Person(
                national_code=f"00000000{i}{i}",
                first_name="علی",
                last_name=f"کریمی {i}",
                category=PersonCategory.STAFF,
                org_unit=unit,
            )
            for i in range(1, 4)
        ]
        s.add_all([unit, course, offering, *people])
        s.flush()
        session = CourseSession(
            offering_id=offering.id,
            number=1,
            date=date(2026, 5, 1),
            start_time=time(8),
            end_time=time(12),
            hours=4,
        )
        enrolments = [Enrolment(offering_id=offering.id, person_id=p.id) for p in people]
        s.add_all([session, *enrolments])
        s.flush()
        s.add_all(
            Attendance(session_id=session.id, enrolment_id=e.id, status=AttendanceStatus.PRESENT)
            for e in enrolments
        )
        s.add_all(
            Assessment(enrolment_id=e.id, kind=AssessmentKind.FINAL, score=17.5) for e in enrolments
        )
    db.dispose()


def _database_at(path: Path, revision: str) -> str:
    """A SQLite database made by an older revision of the schema; returns its URL."""
    from alembic import command

    url = f"sqlite:///{path}"
    db = connect(url)
    cfg = migrate.alembic_config()
    with db.engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        conn.commit()
    db.dispose()
    return url


def _count(db_url: str, model: type) -> int:
    db = connect(db_url)
    with db.session() as s:
        n = s.scalar(select(func.count()).select_from(model)) or 0
    db.dispose()
    return n


def _write_rebuild_migration(folder: Path) -> Path:
    folder.mkdir()
    (folder / "9999_rebuild_enrolment.py").write_text(
        REBUILD_PERSON.replace("{head}", head_revision()), encoding="utf-8"
    )
    return folder


@pytest.mark.sqlite_only
def test_batch_rebuild_of_parent_table_keeps_child_rows(db_url: str, tmp_path: Path) -> None:
    _fill_parent_and_children(db_url)
    extra = _write_rebuild_migration(tmp_path / "extra_versions")
    db = connect(db_url)

    report = upgrade_database(db.engine, extra_version_locations=[extra])

    assert report.to_revision == "9999_rebuild_enrolment"
    with db.engine.connect() as conn:
        assert "note" in {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(enrolment)")}
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.dispose()
    assert _count(db_url, Enrolment) == 3
    assert _count(db_url, Attendance) == 3
    assert _count(db_url, Assessment) == 3


@pytest.mark.sqlite_only
def test_without_switching_foreign_keys_off_the_rebuild_would_lose_children(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control: proves the test above guards something real."""
    _fill_parent_and_children(db_url)
    extra = _write_rebuild_migration(tmp_path / "extra_versions")
    monkeypatch.setattr(migrate, "_set_foreign_keys", lambda connection, on: None)
    db = connect(db_url)

    upgrade_database(db.engine, extra_version_locations=[extra])
    db.dispose()

    assert _count(db_url, Enrolment) == 3
    assert _count(db_url, Attendance) == 0


@pytest.mark.sqlite_only
def test_schema_newer_than_the_program_is_refused_untouched(db_url: str) -> None:
    db = connect(db_url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff_from_the_future'"))
    db.dispose()
    before = Path(db_url.removeprefix("sqlite:///")).read_bytes()

    with pytest.raises(SchemaError, match="نسخهٔ جدیدتری"):
        open_database(db_url)

    assert Path(db_url.removeprefix("sqlite:///")).read_bytes() == before


@pytest.mark.sqlite_only
def test_a_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE accounts (id INTEGER)")
    with pytest.raises(SchemaError, match="شهرآموز نیست"):
        open_database(str(path))


@pytest.mark.sqlite_only
def test_existing_database_is_backed_up_before_an_upgrade(db_url: str, tmp_path: Path) -> None:
    _fill_parent_and_children(db_url)
    extra = _write_rebuild_migration(tmp_path / "extra_versions")
    backups = tmp_path / "backups"
    db = connect(db_url)
    from shahrtrain_desktop.services.backup import backup_sqlite

    report = upgrade_database(
        db.engine,
        backup=lambda: backup_sqlite(db.sqlite_path, backups / "pre.sqlite3"),  # type: ignore[arg-type]
        extra_version_locations=[extra],
    )
    db.dispose()

    assert report.backup_path == backups / "pre.sqlite3"
    with sqlite3.connect(report.backup_path) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == (
            head_revision(),
        )
        assert copy.execute("SELECT count(*) FROM attendance").fetchone() == (3,)


@pytest.mark.sqlite_only
def test_new_database_is_created_with_safe_sqlite_settings(tmp_path: Path) -> None:
    opened = open_database(str(tmp_path / "fresh.sqlite3"))
    with opened.db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    assert opened.migration.from_revision is None
    assert opened.migration.backup_path is None
    with opened.db.session() as s:
        assert s.scalar(select(func.count()).select_from(CourseCategory)) == 5
    opened.db.dispose()


def test_database_location_comes_from_flag_then_environment_then_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, isolated_home: Path
) -> None:
    from shahrtrain_desktop.models.db import resolve_database_url

    default = tmp_path / "default.sqlite3"
    assert resolve_database_url(None, default) == f"sqlite:///{default}"
    monkeypatch.setenv("SHAHRTRAIN_DB", "postgresql+psycopg://u@h/db")
    assert resolve_database_url(None, default) == "postgresql+psycopg://u@h/db"
    assert resolve_database_url("sqlite:///x.db", default) == "sqlite:///x.db"


def test_the_fast_path_knows_the_newest_revision() -> None:
    """SCHEMA_HEAD lets an up-to-date database open without Alembic; it must name the head."""
    assert migrate.SCHEMA_HEAD == head_revision()


@pytest.mark.sqlite_only
def test_a_database_made_by_the_first_revision_upgrades_with_its_data(tmp_path: Path) -> None:
    url = _database_at(tmp_path / "old.sqlite3", "0001")
    _fill_parent_and_children(url)

    opened = open_database(url, backup_folder=tmp_path / "backups")

    assert opened.migration.from_revision == "0001"
    assert opened.migration.to_revision == head_revision()
    assert opened.migration.backup_path is not None and opened.migration.backup_path.exists()
    opened.db.dispose()
    assert (_count(url, Enrolment), _count(url, Attendance), _count(url, Assessment)) == (3, 3, 3)


@pytest.mark.sqlite_only
def test_a_database_made_by_0002_gains_the_monitoring_indexes_and_keeps_visit_items(
    tmp_path: Path,
) -> None:
    """0003: covering indexes for the dashboard, and past visit scores keep their item."""
    path = tmp_path / "old.sqlite3"
    url = _database_at(path, "0002")
    _fill_parent_and_children(url)
    raw = sqlite3.connect(path)
    with raw:
        raw.execute(
            "INSERT INTO checklist_item (id, text, weight, sort_order, active, version)"
            " VALUES (1, 'مکان آماده بود', 2.5, 1, 1, 1)"
        )
        raw.execute(
            "INSERT INTO supervision_visit (id, offering_id, planned_date, status, version,"
            " created_at, updated_at) SELECT 1, id, start_date, 'done', 1, '2026-05-02',"
            " '2026-05-02' FROM offering"
        )
        raw.execute(
            "INSERT INTO visit_checklist_score (id, visit_id, item_id, value) VALUES (1, 1, 1, 3)"
        )
    raw.close()

    opened = open_database(url, backup_folder=tmp_path / "backups")
    assert (opened.migration.from_revision, opened.migration.to_revision) == ("0002", "0003")
    opened.db.dispose()

    raw = sqlite3.connect(path)
    indexes = {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    snapshot = raw.execute(
        "SELECT item_text, item_weight, value FROM visit_checklist_score"
    ).fetchall()
    raw.close()
    assert {
        "ix_enrolment_offering_trainee",
        "ix_certificate_status_issue_date",
        "ix_evaluation_answer_enrolment_value",
        "ix_enrolment_offering_status",
    } <= indexes
    assert snapshot == [("مکان آماده بود", 2.5, 3)]
    assert (_count(url, Enrolment), _count(url, Attendance), _count(url, Assessment)) == (3, 3, 3)
