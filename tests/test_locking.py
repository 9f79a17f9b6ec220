"""Optimistic locking on both backends: a desk saving a stale record gets a Persian «reload»
message and the other desk's edit stands. (PostgreSQL-only races: test_concurrency_pg.py.)"""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from shahrtrain_desktop.models import AuditEvent, Person
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import PersonCategory
from shahrtrain_desktop.services.locking import (
    CONFLICT_MESSAGE,
    ConcurrentEditError,
    reporting_conflicts,
    save_or_conflict,
)


def _person(db: Database) -> int:
    with db.session() as s:
        person = Person(
            national_code="0012345679",
            first_name="علی",
            last_name="محمدی",
            category=PersonCategory.STAFF,
        )
        s.add(person)
        s.flush()
        return person.id


def _load(db: Database, person_id: int) -> Person:
    """What a desk's form holds: the record as read, detached from its session."""
    with db.session() as s:
        person = s.get(Person, person_id)
        assert person is not None
        return person


def test_the_second_save_of_a_stale_record_is_refused(db: Database) -> None:
    person_id = _person(db)
    desk_a, desk_b = _load(db, person_id), _load(db, person_id)

    desk_a.first_name = "علیرضا"
    with db.session() as s:
        s.add(desk_a)
        save_or_conflict(s)

    desk_b.last_name = "محمدی‌نژاد"
    with pytest.raises(ConcurrentEditError) as conflict, db.session() as s:
        s.add(desk_b)
        save_or_conflict(s)
    assert str(conflict.value) == CONFLICT_MESSAGE
    assert "کاربر دیگری تغییر داده است" in CONFLICT_MESSAGE
    assert isinstance(conflict.value.__cause__, StaleDataError)

    stored = _load(db, person_id)
    assert (stored.first_name, stored.last_name, stored.version) == ("علیرضا", "محمدی", 2)


def test_a_conflict_at_commit_is_reported_too_and_leaves_no_audit_row(db: Database) -> None:
    person_id = _person(db)
    desk_a, desk_b = _load(db, person_id), _load(db, person_id)
    desk_a.mobile = "09121234567"
    with reporting_conflicts(), db.session() as s:
        s.add(desk_a)
    with db.session() as s:
        events_before = len(s.scalars(select(AuditEvent)).all())

    desk_b.mobile = "09350000000"
    with pytest.raises(ConcurrentEditError), reporting_conflicts(), db.session() as s:
        s.add(desk_b)  # flushed by the commit on leaving the block

    with db.session() as s:
        assert len(s.scalars(select(AuditEvent)).all()) == events_before
    assert _load(db, person_id).mobile == "09121234567"


def test_a_stale_delete_is_refused(db: Database) -> None:
    person_id = _person(db)
    desk_a, desk_b = _load(db, person_id), _load(db, person_id)
    desk_a.notes = "نشانی تغییر کرد"
    with db.session() as s:
        s.add(desk_a)
    with pytest.raises(ConcurrentEditError), reporting_conflicts(), db.session() as s:
        s.add(desk_b)
        s.delete(desk_b)
    assert _load(db, person_id).notes == "نشانی تغییر کرد"


def test_after_reloading_the_save_goes_through(db: Database) -> None:
    person_id = _person(db)
    desk_a, desk_b = _load(db, person_id), _load(db, person_id)
    desk_a.first_name = "حسن"
    with db.session() as s:
        s.add(desk_a)
    desk_b.first_name = "حسین"
    with pytest.raises(ConcurrentEditError), reporting_conflicts(), db.session() as s:
        s.add(desk_b)

    reloaded = _load(db, person_id)
    reloaded.first_name = "حسین"
    with reporting_conflicts(), db.session() as s:
        s.add(reloaded)
    assert _load(db, person_id).first_name == "حسین"
