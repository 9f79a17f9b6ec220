"""Who may do what: one table from role to permissions, checked in services, below the UI.

The role and the active flag are read fresh from the database on every check, so a user whose
role changed or who was disabled while logged in is refused on their next action. The UI only
hides what ``allowed`` says a role cannot do; the services call ``require`` regardless.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import Assessment, User
from shahrtrain_desktop.models.enums import Role
from shahrtrain_desktop.services.audit import SYSTEM_ACTOR, Actor


class Permission(StrEnum):
    MANAGE_USERS = "manage_users"
    MANAGE_KEYS = "manage_keys"
    MANAGE_SETTINGS = "manage_settings"
    EDIT_REGISTRY = "edit_registry"
    PLAN_OFFERINGS = "plan_offerings"
    RECORD_ATTENDANCE = "record_attendance"
    ENTER_SCORES = "enter_scores"
    REVIEW_CERTIFICATES = "review_certificates"
    APPROVE_CERTIFICATES = "approve_certificates"
    ISSUE_CERTIFICATES = "issue_certificates"
    PRINT_CERTIFICATES = "print_certificates"
    REVOKE_CERTIFICATES = "revoke_certificates"
    RECORD_SUPERVISION = "record_supervision"
    EXPORT_YEAR = "export_year"
    BACKUP_RESTORE = "backup_restore"
    VIEW_AUDIT = "view_audit"


# Reading lists and records needs no permission: every active user may look.
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.OFFICER: frozenset(
        {
            Permission.EDIT_REGISTRY,
            Permission.PLAN_OFFERINGS,
            Permission.RECORD_ATTENDANCE,
            Permission.ENTER_SCORES,
            Permission.REVIEW_CERTIFICATES,
            Permission.ISSUE_CERTIFICATES,
            Permission.PRINT_CERTIFICATES,
        }
    ),
    Role.APPROVER: frozenset({Permission.APPROVE_CERTIFICATES, Permission.VIEW_AUDIT}),
    Role.SUPERVISOR: frozenset({Permission.RECORD_SUPERVISION, Permission.VIEW_AUDIT}),
    Role.ADMIN: frozenset(Permission),
}

# Named in messages: «شما اجازهٔ <action> را ندارید».
ACTION_LABELS: dict[Permission, str] = {
    Permission.MANAGE_USERS: "مدیریت کاربران",
    Permission.MANAGE_KEYS: "مدیریت کلید امضای دفتر",
    Permission.MANAGE_SETTINGS: "تغییر تنظیمات دفتر",
    Permission.EDIT_REGISTRY: "ثبت و ویرایش اطلاعات پایه",
    Permission.PLAN_OFFERINGS: "برنامه‌ریزی دوره‌ها",
    Permission.RECORD_ATTENDANCE: "ثبت حضور و غیاب",
    Permission.ENTER_SCORES: "ثبت نمره",
    Permission.REVIEW_CERTIFICATES: "بررسی گواهی‌نامه",
    Permission.APPROVE_CERTIFICATES: "تأیید گواهی‌نامه",
    Permission.ISSUE_CERTIFICATES: "صدور گواهی‌نامه",
    Permission.PRINT_CERTIFICATES: "چاپ گواهی‌نامه",
    Permission.REVOKE_CERTIFICATES: "ابطال گواهی‌نامه",
    Permission.RECORD_SUPERVISION: "ثبت نظارت",
    Permission.EXPORT_YEAR: "برون‌بری سالانه",
    Permission.BACKUP_RESTORE: "پشتیبان‌گیری و بازگردانی",
    Permission.VIEW_AUDIT: "مشاهدهٔ دفتر رویدادها",
}

NOT_SIGNED_IN = "برای این کار باید با نام کاربری خود وارد شوید."
ACCOUNT_DISABLED = "حساب کاربری شما غیرفعال شده است؛ برای ادامه با مدیر سامانه تماس بگیرید."
OWN_SCORES = (
    "شما نمره‌های این فراگیر را ثبت کرده‌اید و نمی‌توانید گواهی‌نامهٔ او را تأیید کنید؛ "
    "تأیید باید به دست کاربر دیگری انجام شود."
)


class PermissionDenied(Exception):
    """The acting user may not do this; the message (Persian) names the action."""


class AccountDisabledError(PermissionDenied):
    """The acting user was disabled (perhaps while logged in): the UI returns to log-in."""


def denied_message(permission: Permission) -> str:
    return f"شما اجازهٔ «{ACTION_LABELS[permission]}» را ندارید."


def allowed(role: Role, permission: Permission) -> bool:
    """For the UI, to hide what a role cannot do. Services call ``require`` instead."""
    return permission in ROLE_PERMISSIONS[role]


@dataclass(frozen=True)
class Grant:
    """Who passed a check: ``user_id`` is None for the trusted headless system actor."""

    user_id: int | None
    role: Role


def _fresh_role(session: Session, user_id: int) -> Role:
    # A column query, not session.get(): the identity map may hold a stale User.
    row = session.execute(select(User.role, User.active).where(User.id == user_id)).one_or_none()
    if row is None or not row.active:
        raise AccountDisabledError(ACCOUNT_DISABLED)
    return Role(row.role)


def _actor_of(session: Session) -> Actor:
    actor: Actor | None = session.info.get("actor")
    if actor is None:
        # Fail closed: a session nobody signed in to may not change anything guarded.
        raise PermissionDenied(NOT_SIGNED_IN)
    return actor


def require(subject: Session | User, permission: Permission) -> Grant:
    """Raise ``PermissionDenied`` unless the acting user holds ``permission``.

    With a session, the actor is the one set by ``audit.act_as`` and is looked up afresh. The
    system actor (``SYSTEM_ACTOR``, set explicitly by headless tools such as the demo generator)
    holds every permission; a session with no actor at all holds none.
    """
    if isinstance(subject, User):
        if not subject.active:
            raise AccountDisabledError(ACCOUNT_DISABLED)
        user_id: int | None = subject.id
        role = subject.role
    else:
        actor = _actor_of(subject)
        if actor == SYSTEM_ACTOR:
            return Grant(None, Role.ADMIN)
        if actor.user_id is None:
            raise PermissionDenied(NOT_SIGNED_IN)
        user_id = actor.user_id
        role = _fresh_role(subject, actor.user_id)
    if not allowed(role, permission):
        raise PermissionDenied(denied_message(permission))
    return Grant(user_id, role)


def ensure_can_approve(actor: Actor, certificate_enrolment_id: int, session: Session) -> None:
    """Approval needs the permission and a second pair of eyes: nobody, admin included, may
    approve a certificate resting on scores they entered themselves."""
    if actor.user_id is None:
        raise PermissionDenied(NOT_SIGNED_IN)
    role = _fresh_role(session, actor.user_id)
    if not allowed(role, Permission.APPROVE_CERTIFICATES):
        raise PermissionDenied(denied_message(Permission.APPROVE_CERTIFICATES))
    entered_own = session.execute(
        select(Assessment.id)
        .where(Assessment.enrolment_id == certificate_enrolment_id)
        .where(Assessment.entered_by_id == actor.user_id)
        .limit(1)
    ).first()
    if entered_own is not None:
        raise PermissionDenied(OWN_SCORES)
