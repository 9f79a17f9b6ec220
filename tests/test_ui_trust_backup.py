"""Backup and restore from the window: on the worker, all or nothing, a new log-in after."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from test_ui_trust_support import ADMIN_PASSWORD, OFFICER_PASSWORD, Desk, make_users, when_modal

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.services import settings
from shahrtrain_desktop.services.backup import integrity_ok
from shahrtrain_desktop.ui.app import create_application
from shahrtrain_desktop.ui.trust.app_session import AppSession
from shahrtrain_desktop.ui.trust.backup_actions import backup_op, daily_backup_op
from shahrtrain_desktop.ui.trust.login_dialog import LoginDialog

pytestmark = pytest.mark.sqlite_only
_sessions: list[AppSession] = []


@pytest.fixture
def desk(db: Database) -> Desk:
    create_application()
    return make_users(db)


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []

    def record(_parent: object, _title: str, message: str, *_args: object) -> object:
        shown.append(message)
        return QMessageBox.StandardButton.Yes

    for name in ("critical", "warning", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(record))
    return shown


def _signed_in_session(
    qtbot: QtBot, db: Database, db_url: str, username: str, password: str
) -> AppSession:
    session = AppSession(db, db_url)
    _sessions.append(session)

    def answer(dialog: LoginDialog) -> None:
        dialog.username.setText(username)
        dialog.password.setText(password)
        dialog.login_button.click()

    when_modal(answer, LoginDialog)
    assert session.start()
    return session


@pytest.fixture(autouse=True)
def _close_windows() -> Iterator[None]:
    yield
    while _sessions:
        window = _sessions.pop().window
        if window is not None:
            window.close()


def _province(db: Database) -> str:
    with db.session() as s:
        return str(settings.get_setting(s, settings.OFFICE_PROVINCE))


def _set_province(db: Database, value: str) -> None:
    with db.session() as s:
        settings.set_setting(s, settings.OFFICE_PROVINCE, value)


def _run(qtbot: QtBot, session: AppSession, op: object) -> list[object]:
    window = session.window
    assert window is not None
    results: list[object] = []
    window.worker.run(op, results.append, results.append)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    return results


def test_backup_runs_on_the_worker_and_is_checked(
    qtbot: QtBot, db: Database, db_url: str, desk: Desk, tmp_path: Path
) -> None:
    session = _signed_in_session(qtbot, db, db_url, "admin", ADMIN_PASSWORD)
    target = tmp_path / "out" / "copy.sqlite3"
    [result] = _run(qtbot, session, backup_op(target, desk.admin.actor))
    assert result == target and integrity_ok(target)
    # Only a role allowed to back up may: the officer's op is refused below the UI.
    [refused] = _run(qtbot, session, backup_op(tmp_path / "o.sqlite3", desk.officer.actor))
    assert "پشتیبان‌گیری و بازگردانی" in str(refused)
    assert not (tmp_path / "o.sqlite3").exists()


def test_daily_backup_once_a_day(qtbot: QtBot, db: Database, db_url: str, desk: Desk) -> None:
    session = _signed_in_session(qtbot, db, db_url, "admin", ADMIN_PASSWORD)
    folder = Path(db.sqlite_path or "").parent / "daily"
    [first] = _run(qtbot, session, daily_backup_op(folder))
    [second] = _run(qtbot, session, daily_backup_op(folder))
    assert isinstance(first, Path) and first.exists() and second is None


def test_restore_replaces_data_keeps_a_copy_and_asks_to_log_in_again(
    qtbot: QtBot,
    db: Database,
    db_url: str,
    desk: Desk,
    tmp_path: Path,
    isolated_home: Path,
    messages: list[str],
) -> None:
    session = _signed_in_session(qtbot, db, db_url, "admin", ADMIN_PASSWORD)
    backup = tmp_path / "before.sqlite3"
    _run(qtbot, session, backup_op(backup, desk.admin.actor))
    _set_province(db, "زنجان")
    old_window = session.window
    assert old_window is not None

    seen: list[str] = []

    def answer(dialog: LoginDialog) -> None:
        seen.append(dialog.error.text())
        dialog.username.setText("officer")
        dialog.password.setText(OFFICER_PASSWORD)
        dialog.login_button.click()

    when_modal(answer, LoginDialog)
    old_window.trust.restore_requested.emit(backup)
    qtbot.waitUntil(lambda: session.window is not old_window, timeout=10000)
    assert session.window is not None and session.window.user is not None
    assert session.window.user.actor.username == "officer"
    assert session.db is not db
    assert _province(session.db) == "قزوین"
    assert seen and "بازگردانی انجام شد" in seen[0]
    kept = list((isolated_home / "backups").glob("before-restore-*.sqlite3"))
    assert len(kept) == 1
    from shahrtrain_desktop.models.db import connect

    copy = connect(f"sqlite:///{kept[0]}")
    try:
        assert _province(copy) == "زنجان"  # what the restore replaced
    finally:
        copy.dispose()


def test_a_file_that_is_not_a_backup_changes_nothing(
    qtbot: QtBot, db: Database, db_url: str, desk: Desk, tmp_path: Path, messages: list[str]
) -> None:
    session = _signed_in_session(qtbot, db, db_url, "admin", ADMIN_PASSWORD)
    _set_province(db, "زنجان")
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("not a database", encoding="utf-8")
    window = session.window
    assert window is not None
    window.trust.restore_requested.emit(bogus)
    qtbot.waitUntil(lambda: bool(messages), timeout=10000)
    assert "نسخهٔ پشتیبان شهرآموز نیست" in messages[0] and "دست نخورد" in messages[0]
    assert session.window is window and window.isVisible()
    assert _province(db) == "زنجان"
