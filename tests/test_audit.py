"""The audit trail records every change in the same transaction and catches tampering."""

from __future__ import annotations

import json

from sqlalchemy import select, text

from shahrtrain_desktop.models import AuditEvent, OrgUnit, Person, User
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import AuditAction, OrgUnitKind, PersonCategory, Role
from shahrtrain_desktop.services.audit import Actor, act_as, record, verify_chain


def _person(code: str) -> Person:
    return Person(
        national_code=code, first_name="زهرا", last_name="رضایی", category=PersonCategory.STAFF
    )


def _events(db: Database) -> list[AuditEvent]:
    with db.session() as s:
        return list(s.scalars(select(AuditEvent).order_by(AuditEvent.id)))


def _users(db: Database) -> tuple[Actor, Actor]:
    with db.session() as s:
        officer = User(
            username="officer", full_name="کارشناس", role=Role.OFFICER, password_hash="x"
        )
        admin = User(username="admin", full_name="مدیر", role=Role.ADMIN, password_hash="x")
        s.add_all([officer, admin])
    return Actor(officer.id, "officer"), Actor(admin.id, "admin")


def test_insert_update_delete_are_recorded_with_actor_and_before_after(db: Database) -> None:
    officer, admin = _users(db)
    start = len(_events(db))
    with db.session() as s:
        act_as(s, officer)
        person = _person("0012345679")
        s.add(person)
    with db.session() as s:
        act_as(s, officer)
        loaded = s.get(Person, person.id)
        assert loaded is not None
        loaded.last_name = "رضایی‌نژاد"
    with db.session() as s:
        act_as(s, admin)
        s.delete(s.get(Person, person.id))

    events = [e for e in _events(db)[start:] if e.entity == "person"]
    assert [(e.action, e.entity, e.username) for e in events] == [
        (AuditAction.INSERT, "person", "officer"),
        (AuditAction.UPDATE, "person", "officer"),
        (AuditAction.DELETE, "person", "admin"),
    ]
    assert json.loads(events[0].after or "")["national_code"] == "0012345679"
    assert json.loads(events[1].before or "") == {"last_name": "رضایی"}
    assert json.loads(events[1].after or "") == {"last_name": "رضایی‌نژاد"}
    assert {e.entity_id for e in events} == {str(person.id)}


def test_a_rolled_back_change_leaves_no_audit_row(db: Database) -> None:
    start = len(_events(db))
    try:
        with db.session() as s:
            s.add(OrgUnit(kind=OrgUnitKind.MUNICIPALITY, name="شهرداری آبیک"))
            s.flush()
            raise RuntimeError("power cut")
    except RuntimeError:
        pass
    assert len(_events(db)) == start


def _chain_with_five_events(db: Database) -> list[int]:
    with db.session() as s:
        for i in range(5):
            record(s, AuditAction.EVENT, "print_run", i, pages=i)
    return [e.id for e in _events(db)]


def test_untouched_chain_verifies(db: Database) -> None:
    ids = _chain_with_five_events(db)
    with db.session() as s:
        check = verify_chain(s)
    assert check.ok and check.checked == len(ids)


def test_an_edited_row_is_named(db: Database) -> None:
    ids = _chain_with_five_events(db)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE audit_event SET username='x' WHERE id=:id"), {"id": ids[-3]})
    with db.session() as s:
        check = verify_chain(s)
    assert not check.ok and check.first_broken_id == ids[-3]


def test_a_removed_row_is_caught_at_the_next_one(db: Database) -> None:
    ids = _chain_with_five_events(db)
    with db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_event WHERE id=:id"), {"id": ids[-2]})
    with db.session() as s:
        check = verify_chain(s)
    assert not check.ok and check.first_broken_id == ids[-1]
