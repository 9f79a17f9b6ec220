"""Roles are enforced in services, below the UI: who may approve, who manages users and keys."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import (
    Assessment,
    Course,
    CourseCategory,
    Enrolment,
    Offering,
    Person,
    User,
)
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import AssessmentKind, DeliveryMode, PersonCategory, Role
from shahrtrain_desktop.services.audit import SYSTEM_ACTOR, Actor, act_as
from shahrtrain_desktop.services.permissions import (
    ROLE_PERMISSIONS,
    AccountDisabledError,
    Permission,
    PermissionDenied,
    allowed,
    ensure_can_approve,
    require,
)

P = Permission


def _add_users(db: Database) -> dict[Role, Actor]:
    with db.session() as s:
        users = {
            role: User(username=role.value, full_name=f"کاربر {role.value}", role=role,
                       password_hash="-")
            for role in Role
        }  # fmt: skip
        s.add_all(users.values())
        s.flush()
        return {role: Actor(user.id, user.username) for role, user in users.items()}


def _enrolment_scored_by(db: Database, scorer: Actor) -> int:
    with db.session() as s:
        category = s.scalars(select(CourseCategory)).first()
        course = Course(code="C-7", title="مدیریت پسماند شهری", category=category)
        offering = Offering(
            code="1405-007",
            course=course,
            year=1405,
            start_date=date(2026, 5, 1),
            end_date=date(2026, 5, 3),
            mode=DeliveryMode.IN_PERSON,
        )
        person = Person(
            national_code="0012345679",
            first_name="مریم",
            last_name="احمدی",
            category=PersonCategory.STAFF,
        )
        s.add_all([course, offering, person])
        s.flush()
        enrolment = Enrolment(offering_id=offering.id, person_id=person.id)
        s.add(enrolment)
        s.flush()
        s.add(
            Assessment(
                enrolment_id=enrolment.id,
                kind=AssessmentKind.FINAL,
                score=18,
                entered_by_id=scorer.user_id,
            )
        )
        return enrolment.id


def test_the_role_table_matches_the_office_rules() -> None:
    assert ROLE_PERMISSIONS[Role.OFFICER] == {
        P.EDIT_REGISTRY,
        P.PLAN_OFFERINGS,
        P.RECORD_ATTENDANCE,
        P.ENTER_SCORES,
        P.REVIEW_CERTIFICATES,
        P.ISSUE_CERTIFICATES,
        P.PRINT_CERTIFICATES,
    }
    assert ROLE_PERMISSIONS[Role.APPROVER] == {P.APPROVE_CERTIFICATES, P.VIEW_AUDIT}
    assert ROLE_PERMISSIONS[Role.SUPERVISOR] == {P.RECORD_SUPERVISION, P.VIEW_AUDIT}
    assert ROLE_PERMISSIONS[Role.ADMIN] == set(Permission)


@pytest.mark.parametrize("permission", [P.MANAGE_USERS, P.MANAGE_KEYS, P.BACKUP_RESTORE])
def test_only_an_admin_manages_users_keys_and_backups(db: Database, permission: P) -> None:
    actors = _add_users(db)
    for role, actor in actors.items():
        with db.session() as s:
            act_as(s, actor)
            if role == Role.ADMIN:
                require(s, permission)
            else:
                with pytest.raises(PermissionDenied, match="را ندارید"):
                    require(s, permission)


def test_an_officer_cannot_approve_a_certificate(db: Database) -> None:
    actors = _add_users(db)
    enrolment_id = _enrolment_scored_by(db, actors[Role.ADMIN])
    with db.session() as s:
        act_as(s, actors[Role.OFFICER])
        with pytest.raises(PermissionDenied, match="«تأیید گواهی‌نامه» را ندارید"):
            require(s, P.APPROVE_CERTIFICATES)
        with pytest.raises(PermissionDenied, match="تأیید گواهی‌نامه"):
            ensure_can_approve(actors[Role.OFFICER], enrolment_id, s)


def test_an_approver_cannot_approve_for_scores_they_entered(db: Database) -> None:
    actors = _add_users(db)
    with db.session() as s:
        # The admin makes the approver's colleague, who also approves.
        second = User(username="approver2", full_name="تأییدکنندهٔ دوم", role=Role.APPROVER,
                      password_hash="-")  # fmt: skip
        s.add(second)
        s.flush()
        other_approver = Actor(second.id, second.username)
    enrolment_id = _enrolment_scored_by(db, actors[Role.APPROVER])

    with db.session() as s:
        with pytest.raises(PermissionDenied, match="نمره‌های این فراگیر را ثبت کرده‌اید"):
            ensure_can_approve(actors[Role.APPROVER], enrolment_id, s)
        ensure_can_approve(other_approver, enrolment_id, s)


def test_even_an_admin_cannot_approve_over_their_own_scores(db: Database) -> None:
    actors = _add_users(db)
    enrolment_id = _enrolment_scored_by(db, actors[Role.ADMIN])
    with db.session() as s:
        with pytest.raises(PermissionDenied, match="نمره‌های این فراگیر"):
            ensure_can_approve(actors[Role.ADMIN], enrolment_id, s)
        ensure_can_approve(actors[Role.APPROVER], enrolment_id, s)


def test_the_system_actor_cannot_approve() -> None:
    with pytest.raises(PermissionDenied):
        ensure_can_approve(SYSTEM_ACTOR, 1, Session())


def test_role_and_active_flag_are_read_afresh_on_every_check(db: Database) -> None:
    """The desk keeps the Actor from its log-in; each action is a new session."""
    actors = _add_users(db)
    officer = actors[Role.OFFICER]

    def action(permission: P) -> None:
        with db.session() as desk:
            act_as(desk, officer)
            require(desk, permission)

    action(P.EDIT_REGISTRY)
    with db.session() as admin_desk:
        promoted = admin_desk.get(User, officer.user_id)
        assert promoted is not None
        promoted.role = Role.SUPERVISOR
    with pytest.raises(PermissionDenied, match="ثبت و ویرایش"):
        action(P.EDIT_REGISTRY)
    action(P.RECORD_SUPERVISION)

    with db.session() as admin_desk:
        disabled = admin_desk.get(User, officer.user_id)
        assert disabled is not None
        disabled.active = False
    with pytest.raises(AccountDisabledError, match="غیرفعال"):
        action(P.RECORD_SUPERVISION)


def test_a_cached_user_in_the_session_does_not_hide_a_change(db: Database) -> None:
    actors = _add_users(db)
    with db.session() as desk:
        act_as(desk, actors[Role.OFFICER])
        cached = desk.get(User, actors[Role.OFFICER].user_id)
        assert cached is not None
        # Changed by the same transaction through Core, behind the identity map's back.
        desk.execute(User.__table__.update().where(User.id == cached.id).values(active=False))
        assert cached.active  # the cached object is stale …
        with pytest.raises(AccountDisabledError):  # … the check is not
            require(desk, P.EDIT_REGISTRY)


def test_a_session_nobody_signed_in_to_holds_no_permission(db: Database) -> None:
    with db.session() as s:
        with pytest.raises(PermissionDenied, match="وارد شوید"):
            require(s, P.EDIT_REGISTRY)
        act_as(s, SYSTEM_ACTOR)  # headless tools (demo data) act as the system, explicitly
        assert require(s, P.EDIT_REGISTRY).user_id is None


def test_require_accepts_a_user_object() -> None:
    approver = User(username="a", full_name="a", role=Role.APPROVER, password_hash="-", active=True)
    require(approver, P.APPROVE_CERTIFICATES)
    with pytest.raises(PermissionDenied):
        require(approver, P.ISSUE_CERTIFICATES)
    approver.active = False
    with pytest.raises(AccountDisabledError):
        require(approver, P.APPROVE_CERTIFICATES)


def test_the_ui_can_ask_what_to_hide() -> None:
    assert allowed(Role.OFFICER, P.PRINT_CERTIFICATES)
    assert not allowed(Role.OFFICER, P.APPROVE_CERTIFICATES)
    assert not allowed(Role.SUPERVISOR, P.ENTER_SCORES)
