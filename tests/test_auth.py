"""Users and log-in: argon2id, one message for wrong name or password, a growing lock-out that
survives the caller's rollback, disabled users, and account management by the admin only."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from shahrtrain_desktop.models import AuditEvent, User
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import AuditAction, Role
from shahrtrain_desktop.services import auth
from shahrtrain_desktop.services.audit import Actor, act_as
from shahrtrain_desktop.services.auth import (
    AccountLockedError,
    AuthError,
    actor_of,
    authenticate,
    change_password,
    create_first_admin,
    create_user,
    current_user_still_active,
    has_any_user,
    lock_duration,
    reset_password,
    set_active,
    set_role,
)
from shahrtrain_desktop.services.permissions import (
    AccountDisabledError,
    Permission,
    PermissionDenied,
    require,
)

T0 = datetime(2026, 3, 1, 8, 0, 0)  # naive UTC, as stored
ADMIN_PASSWORD = "مدیر-قزوین-۱۴۰۵"
OFFICER_PASSWORD = "officer-pass-1"


@pytest.fixture
def admin(db: Database) -> Actor:
    with db.session() as s:
        assert not has_any_user(s)
        user = create_first_admin(s, "Admin ", "مدیر سامانه", ADMIN_PASSWORD)
        return actor_of(user)


@pytest.fixture
def officer(db: Database, admin: Actor) -> Actor:
    with db.session() as s:
        user = create_user(s, admin, "officer", "زهرا کریمی", Role.OFFICER, OFFICER_PASSWORD)
        return actor_of(user)


def _login(db: Database, username: str, password: str, now: datetime = T0) -> User:
    with db.session() as s:
        return authenticate(s, username, password, now=now)


def _user(db: Database, user_id: int | None) -> User:
    with db.session() as s:
        user = s.get(User, user_id)
        assert user is not None
        return user


# --- first run and creating users ---------------------------------------------------------


def test_the_first_admin_is_created_once(db: Database, admin: Actor) -> None:
    with db.session() as s:
        assert has_any_user(s)
        with pytest.raises(AuthError, match="پیش‌تر تعریف شده"):
            create_first_admin(s, "intruder", "مهاجم", "another-password")
    stored = _user(db, admin.user_id)
    assert stored.username == "admin" and stored.role == Role.ADMIN
    assert stored.password_hash.startswith("$argon2id$")


def test_only_an_admin_creates_users(db: Database, admin: Actor, officer: Actor) -> None:
    with db.session() as s, pytest.raises(PermissionDenied, match="«مدیریت کاربران» را ندارید"):
        create_user(s, officer, "approver", "تأییدکننده", Role.APPROVER, "password-1234")
    with db.session() as s:
        assert s.scalars(select(User).where(User.username == "approver")).first() is None
        create_user(s, admin, "approver", "تأییدکننده", Role.APPROVER, "password-1234")


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("officer", "password-1234", "قبلاً ثبت شده"),
        ("  ", "password-1234", "نام کاربری را وارد کنید"),
        ("newuser", "short", "دست‌کم ۸ نویسه"),
        ("longpassword", "LongPassword", "با نام کاربری یکی"),
    ],
)
def test_bad_new_users_are_refused(
    db: Database, admin: Actor, officer: Actor, username: str, password: str, message: str
) -> None:
    with db.session() as s, pytest.raises(AuthError, match=message):
        create_user(s, admin, username, "نام", Role.OFFICER, password)


def test_no_password_hash_reaches_the_audit_trail(db: Database, officer: Actor) -> None:
    with db.session() as s:
        hashes = {u.password_hash for u in s.scalars(select(User))}
        texts = [(e.before or "") + (e.after or "") for e in s.scalars(select(AuditEvent))]
    assert texts and not any(h in t for h in hashes for t in texts)


# --- log-in --------------------------------------------------------------------------------


def test_a_good_login_records_the_time_and_an_audit_event(db: Database, officer: Actor) -> None:
    user = _login(db, "  OFFICER", OFFICER_PASSWORD)
    assert user.id == officer.user_id
    assert _user(db, officer.user_id).last_login_at == T0
    with db.session() as s:
        last = s.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert last is not None
    assert (last.action, last.username, last.entity_id) == (
        AuditAction.LOGIN,
        "officer",
        str(officer.user_id),
    )


def test_wrong_password_and_unknown_user_get_the_same_message(db: Database, officer: Actor) -> None:
    with pytest.raises(AuthError) as wrong_password:
        _login(db, "officer", "not-the-password")
    with pytest.raises(AuthError) as unknown_user:
        _login(db, "nobody", OFFICER_PASSWORD)
    assert str(wrong_password.value) == str(unknown_user.value) == auth.WRONG_CREDENTIALS
    assert "نادرست" in auth.WRONG_CREDENTIALS


def test_five_failures_lock_the_account_even_though_the_caller_rolls_back(
    db: Database, officer: Actor
) -> None:
    for i in range(4):
        with pytest.raises(AuthError) as failure:
            _login(db, "officer", f"guess-{i}", T0 + timedelta(seconds=i))
        assert not isinstance(failure.value, AccountLockedError)
    with pytest.raises(AccountLockedError, match="۳۰ ثانیه دیگر"):
        _login(db, "officer", "guess-5", T0 + timedelta(seconds=4))

    stored = _user(db, officer.user_id)
    assert stored.failed_logins == 5
    assert stored.locked_until == T0 + timedelta(seconds=34)
    # Locked: even the right password is refused, and says how long is left.
    with pytest.raises(AccountLockedError, match="۲۰ ثانیه دیگر"):
        _login(db, "officer", OFFICER_PASSWORD, T0 + timedelta(seconds=14))
    # Once the lock has passed, the right password works and the count starts again.
    _login(db, "officer", OFFICER_PASSWORD, T0 + timedelta(seconds=35))
    stored = _user(db, officer.user_id)
    assert stored.failed_logins == 0 and stored.locked_until is None


def test_each_further_failure_doubles_the_lock(db: Database, officer: Actor) -> None:
    now = T0
    for i in range(5):
        with pytest.raises(AuthError):
            _login(db, "officer", f"guess-{i}", now)
    now += timedelta(seconds=31)
    with pytest.raises(AccountLockedError, match="۱ دقیقه دیگر"):
        _login(db, "officer", "guess-6", now)
    now += timedelta(seconds=61)
    with pytest.raises(AccountLockedError, match="۲ دقیقه دیگر"):
        _login(db, "officer", "guess-7", now)


def test_the_lock_grows_from_30_seconds_to_at_most_15_minutes() -> None:
    assert [lock_duration(n).total_seconds() for n in range(1, 12)] == [
        0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900,
    ]  # fmt: skip
    assert lock_duration(10_000) == timedelta(minutes=15)


def test_a_disabled_user_is_told_so_only_with_the_right_password(
    db: Database, admin: Actor, officer: Actor
) -> None:
    with db.session() as s:
        set_active(s, admin, officer.user_id or 0, False)
    with pytest.raises(AuthError, match="غیرفعال"):
        _login(db, "officer", OFFICER_PASSWORD)
    with pytest.raises(AuthError) as guess:
        _login(db, "officer", "a-guess-123")
    assert str(guess.value) == auth.WRONG_CREDENTIALS


def test_a_user_disabled_while_logged_in_is_refused_on_the_next_action(
    db: Database, admin: Actor, officer: Actor
) -> None:
    signed_in = actor_of(_login(db, "officer", OFFICER_PASSWORD))
    with db.session() as s:
        assert current_user_still_active(s, officer.user_id or 0)
        set_active(s, admin, officer.user_id or 0, False)
    with db.session() as s:
        assert not current_user_still_active(s, officer.user_id or 0)
        act_as(s, signed_in)
        with pytest.raises(AccountDisabledError):
            require(s, Permission.EDIT_REGISTRY)


# --- managing accounts ---------------------------------------------------------------------


def test_change_password(db: Database, officer: Actor) -> None:
    user = _user(db, officer.user_id)
    with db.session() as s, pytest.raises(AuthError, match="گذرواژهٔ فعلی نادرست"):
        change_password(s, user, "wrong-old-password", "new-password-1")
    with db.session() as s, pytest.raises(AuthError, match="دست‌کم"):
        change_password(s, user, OFFICER_PASSWORD, "short")
    with db.session() as s:
        change_password(s, user, OFFICER_PASSWORD, "new-password-1")
    _login(db, "officer", "new-password-1")
    with pytest.raises(AuthError):
        _login(db, "officer", OFFICER_PASSWORD)


def test_only_an_admin_disables_resets_or_changes_roles(
    db: Database, admin: Actor, officer: Actor
) -> None:
    target = admin.user_id or 0
    with db.session() as s, pytest.raises(PermissionDenied):
        set_active(s, officer, target, False)
    with db.session() as s, pytest.raises(PermissionDenied):
        set_role(s, officer, officer.user_id or 0, Role.ADMIN)
    with db.session() as s, pytest.raises(PermissionDenied):
        reset_password(s, officer, target, "taken-over-123")
    assert _user(db, admin.user_id).active
    assert _user(db, officer.user_id).role == Role.OFFICER


def test_an_admin_reset_lifts_a_lock(db: Database, admin: Actor, officer: Actor) -> None:
    for i in range(5):
        with pytest.raises(AuthError):
            _login(db, "officer", f"guess-{i}")
    with db.session() as s:
        reset_password(s, admin, officer.user_id or 0, "fresh-password-9")
    _login(db, "officer", "fresh-password-9")


def test_the_office_never_loses_its_last_admin(db: Database, admin: Actor, officer: Actor) -> None:
    with db.session() as s, pytest.raises(AuthError, match="خودتان"):
        set_active(s, admin, admin.user_id or 0, False)
    with db.session() as s, pytest.raises(AuthError, match="دست‌کم یک مدیر"):
        set_role(s, admin, admin.user_id or 0, Role.OFFICER)
    with db.session() as s:
        set_role(s, admin, officer.user_id or 0, Role.ADMIN)
    with db.session() as s:  # now there is another admin
        set_role(s, admin, admin.user_id or 0, Role.APPROVER)
    assert _user(db, admin.user_id).role == Role.APPROVER


def test_full_names_are_stored_normalised(db: Database, admin: Actor) -> None:
    with db.session() as s:
        user = create_user(s, admin, "approver", "  علي   كريمي ", Role.APPROVER, OFFICER_PASSWORD)
    assert _user(db, user.id).full_name == "علی کریمی"


def test_only_a_settings_manager_saves_office_settings(
    db: Database, admin: Actor, officer: Actor
) -> None:
    from shahrtrain_desktop.services import settings

    with db.session() as s:
        act_as(s, officer)
        with pytest.raises(PermissionDenied):
            settings.save_settings(s, {settings.OFFICE_CODE: "ZZ"})
    with db.session() as s:
        act_as(s, admin)
        settings.save_settings(s, {settings.OFFICE_CODE: "QZ2"})
    with db.session() as s:
        assert settings.get_setting(s, settings.OFFICE_CODE) == "QZ2"
