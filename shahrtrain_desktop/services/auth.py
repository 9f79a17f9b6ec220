"""Users and log-in: argon2id passwords, a growing lock-out after repeated failures, and the
account management only an admin may do (checked here, below the UI).

``authenticate`` commits its session before raising on a failed attempt: the failure count and
lock-out must survive the exception that a caller's ``with db.session()`` would roll back on.
Call it in a session of its own (the log-in dialog's).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from shahrtrain_desktop.models import User
from shahrtrain_desktop.models.base import utcnow
from shahrtrain_desktop.models.enums import AuditAction, Role
from shahrtrain_desktop.persian import normalize_text, to_persian_digits
from shahrtrain_desktop.services.audit import SYSTEM_ACTOR, Actor, act_as, record
from shahrtrain_desktop.services.passwords import hash_password, verify_password
from shahrtrain_desktop.services.permissions import Permission, require

MIN_PASSWORD_LENGTH = 8
MAX_USERNAME_LENGTH = 60
FAILURES_BEFORE_LOCK = 5
FIRST_LOCK = timedelta(seconds=30)
MAX_LOCK = timedelta(minutes=15)

WRONG_CREDENTIALS = "نام کاربری یا گذرواژه نادرست است."
ACCOUNT_DISABLED = "این حساب کاربری غیرفعال است؛ با مدیر سامانه تماس بگیرید."
WRONG_OLD_PASSWORD = "گذرواژهٔ فعلی نادرست است."
PASSWORD_TOO_SHORT = (
    f"گذرواژه باید دست‌کم {to_persian_digits(MIN_PASSWORD_LENGTH)} نویسه داشته باشد."
)
PASSWORD_UNCHANGED = "گذرواژهٔ تازه باید با گذرواژهٔ فعلی فرق داشته باشد."
PASSWORD_IS_USERNAME = "گذرواژه نباید با نام کاربری یکی باشد."
USERNAME_EMPTY = "نام کاربری را وارد کنید."
USERNAME_TOO_LONG = (
    f"نام کاربری حداکثر {to_persian_digits(MAX_USERNAME_LENGTH)} نویسه می‌تواند باشد."
)
USERNAME_TAKEN = "این نام کاربری قبلاً ثبت شده است."
FULL_NAME_EMPTY = "نام و نام خانوادگی کاربر را وارد کنید."
USERS_EXIST = "کاربر مدیر پیش‌تر تعریف شده است؛ برای افزودن کاربر با حساب مدیر وارد شوید."
NO_SUCH_USER = "این کاربر پیدا نشد."
CANNOT_DISABLE_SELF = "نمی‌توانید حساب کاربری خودتان را غیرفعال کنید."
LAST_ADMIN = "دست‌کم یک مدیر فعال باید در سامانه بماند."


class AuthError(Exception):
    """Log-in or account change refused; the message (Persian) is for the user."""


class AccountLockedError(AuthError):
    def __init__(self, remaining: timedelta) -> None:
        super().__init__(
            "به‌دلیل چند ورود نادرست پشت‌سرهم، این حساب موقتاً قفل است؛ "
            f"{duration_text(remaining)} دیگر دوباره تلاش کنید."
        )
        self.remaining = remaining


def duration_text(delta: timedelta) -> str:
    """«۳۰ ثانیه», «۲ دقیقه» — rounded up, never «۰»."""
    seconds = max(1, math.ceil(delta.total_seconds()))
    if seconds < 60:
        return f"{to_persian_digits(seconds)} ثانیه"
    return f"{to_persian_digits(math.ceil(seconds / 60))} دقیقه"


def lock_duration(failures: int) -> timedelta:
    """Nothing for the first four failures, then 30 s doubling with each further one, ≤ 15 min."""
    if failures < FAILURES_BEFORE_LOCK:
        return timedelta(0)
    doublings = min(failures - FAILURES_BEFORE_LOCK, 10)
    lock: timedelta = FIRST_LOCK * 2**doublings
    return min(lock, MAX_LOCK)


@cache
def _dummy_hash() -> str:
    # Verified against when the username is unknown, so both cases take the same time.
    return hash_password("not a real password, only for timing")


def actor_of(user: User) -> Actor:
    return Actor(user.id, user.username)


@dataclass(frozen=True)
class SignedIn:
    """Who is using the window: the actor services record, and the role the UI hides by."""

    actor: Actor
    role: Role
    full_name: str

    @classmethod
    def of(cls, user: User) -> SignedIn:
        return cls(actor_of(user), user.role, user.full_name)


def normalize_username(username: str) -> str:
    return username.strip().casefold()


def _naive_utc(now: datetime | None) -> datetime:
    if now is None:
        return utcnow()
    if now.tzinfo is not None:
        return now.astimezone(UTC).replace(tzinfo=None)
    return now


def _check_password_rules(password: str, username: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AuthError(PASSWORD_TOO_SHORT)
    if normalize_username(password) == normalize_username(username):
        raise AuthError(PASSWORD_IS_USERNAME)


def _user_by_name(session: Session, username: str) -> User | None:
    return session.scalars(
        select(User).where(User.username == normalize_username(username))
    ).one_or_none()


def _load(session: Session, user_id: int) -> User:
    user = session.get(User, user_id, populate_existing=True)
    if user is None:
        raise AuthError(NO_SUCH_USER)
    return user


def has_any_user(session: Session) -> bool:
    """False only on a brand-new database: the first-run wizard then creates the admin."""
    return bool(session.scalar(select(func.count()).select_from(User)))


def _new_user(session: Session, username: str, full_name: str, role: Role, password: str) -> User:
    name = normalize_username(username)
    if not name:
        raise AuthError(USERNAME_EMPTY)
    if len(name) > MAX_USERNAME_LENGTH:
        raise AuthError(USERNAME_TOO_LONG)
    full_name = normalize_text(full_name)
    if not full_name:
        raise AuthError(FULL_NAME_EMPTY)
    if _user_by_name(session, name) is not None:
        raise AuthError(USERNAME_TAKEN)
    _check_password_rules(password, name)
    user = User(
        username=name,
        full_name=full_name,
        role=role,
        password_hash=hash_password(password),
        active=True,
        failed_logins=0,
    )
    session.add(user)
    session.flush()
    return user


def create_first_admin(session: Session, username: str, full_name: str, password: str) -> User:
    """The first-run wizard's step: only on a database without any user (no take-over later)."""
    if has_any_user(session):
        raise AuthError(USERS_EXIST)
    act_as(session, SYSTEM_ACTOR)
    admin = _new_user(session, username, full_name, Role.ADMIN, password)
    # The wizard's next steps (office profile, signing key) are the new admin's.
    act_as(session, actor_of(admin))
    return admin


def create_user(
    session: Session, actor: Actor, username: str, full_name: str, role: Role, password: str
) -> User:
    act_as(session, actor)
    require(session, Permission.MANAGE_USERS)
    return _new_user(session, username, full_name, role, password)


def _refuse_after_failure(session: Session, user: User, now: datetime) -> AuthError:
    user.failed_logins = (user.failed_logins or 0) + 1
    lock = lock_duration(user.failed_logins)
    if lock:
        user.locked_until = now + lock
    record(session, AuditAction.EVENT, "login_failed", user.id, failures=user.failed_logins)
    try:
        session.commit()
    except StaleDataError:
        # Another desk counted a failure at the same moment; theirs stands.
        session.rollback()
    return AccountLockedError(lock) if lock else AuthError(WRONG_CREDENTIALS)


def authenticate(
    session: Session, username: str, password: str, now: datetime | None = None
) -> User:
    """Return the user, with ``last_login_at`` set and a LOGIN event recorded (not committed).

    Raises ``AuthError`` — the same message for an unknown name and a wrong password — or
    ``AccountLockedError`` saying how long to wait. A disabled user is told so only after giving
    the right password, so the message reveals nothing to someone guessing.
    """
    moment = _naive_utc(now)
    act_as(session, SYSTEM_ACTOR)
    user = _user_by_name(session, username)
    if user is None:
        verify_password(_dummy_hash(), password)
        raise AuthError(WRONG_CREDENTIALS)
    if user.locked_until is not None and moment < user.locked_until:
        raise AccountLockedError(user.locked_until - moment)
    if not verify_password(user.password_hash, password):
        raise _refuse_after_failure(session, user, moment)
    if not user.active:
        raise AuthError(ACCOUNT_DISABLED)
    act_as(session, actor_of(user))
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = moment
    record(session, AuditAction.LOGIN, "app_user", user.id)
    session.flush()
    return user


def current_user_still_active(session: Session, user_id: int) -> bool:
    """Read afresh (not from the identity map): a user disabled meanwhile gets False."""
    active = session.execute(select(User.active).where(User.id == user_id)).scalar_one_or_none()
    return bool(active)


def change_password(session: Session, user: User, old: str, new: str) -> None:
    """The signed-in user changes their own password."""
    current = _load(session, user.id)
    if not current.active:
        raise AuthError(ACCOUNT_DISABLED)
    act_as(session, actor_of(current))
    if not verify_password(current.password_hash, old):
        raise AuthError(WRONG_OLD_PASSWORD)
    if old == new:
        raise AuthError(PASSWORD_UNCHANGED)
    _check_password_rules(new, current.username)
    current.password_hash = hash_password(new)
    session.flush()


def reset_password(session: Session, actor: Actor, user_id: int, new: str) -> None:
    """An admin sets a new password for someone who forgot theirs; it also lifts a lock-out."""
    act_as(session, actor)
    require(session, Permission.MANAGE_USERS)
    user = _load(session, user_id)
    _check_password_rules(new, user.username)
    user.password_hash = hash_password(new)
    user.failed_logins = 0
    user.locked_until = None
    session.flush()


def _other_active_admins(session: Session, user_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(User)
            .where(User.role == Role.ADMIN, User.active.is_(True), User.id != user_id)
        )
        or 0
    )


def set_active(session: Session, actor: Actor, user_id: int, active: bool) -> User:
    act_as(session, actor)
    require(session, Permission.MANAGE_USERS)
    user = _load(session, user_id)
    if not active:
        if user_id == actor.user_id:
            raise AuthError(CANNOT_DISABLE_SELF)
        if user.role == Role.ADMIN and _other_active_admins(session, user_id) == 0:
            raise AuthError(LAST_ADMIN)
    user.active = active
    session.flush()
    return user


def set_role(session: Session, actor: Actor, user_id: int, role: Role) -> User:
    act_as(session, actor)
    require(session, Permission.MANAGE_USERS)
    user = _load(session, user_id)
    if (
        user.role == Role.ADMIN
        and role != Role.ADMIN
        and _other_active_admins(session, user_id) == 0
    ):
        raise AuthError(LAST_ADMIN)
    user.role = role
    session.flush()
    return user
