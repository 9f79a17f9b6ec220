"""Log-in dialog, first-run wizard and the application's sign-in flow."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from test_ui_trust_support import ADMIN_PASSWORD, OFFICER_PASSWORD, make_users, when_modal

from shahrtrain_desktop.models import AuditEvent, SigningKey, User
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import AuditAction, Role
from shahrtrain_desktop.services import auth, settings
from shahrtrain_desktop.services.keys import secret_path
from shahrtrain_desktop.ui.app import create_application
from shahrtrain_desktop.ui.main_window import MainWindow
from shahrtrain_desktop.ui.trust import texts
from shahrtrain_desktop.ui.trust.app_session import AppSession
from shahrtrain_desktop.ui.trust.login_dialog import LoginDialog
from shahrtrain_desktop.ui.trust.setup_wizard import SetupWizard


@pytest.fixture(autouse=True)
def _app() -> None:
    create_application()


def _login_dialog(qtbot: QtBot, db: Database) -> LoginDialog:
    dialog = LoginDialog(db)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _type_and_submit(dialog: LoginDialog, username: str, password: str) -> None:
    dialog.username.setText(username)
    dialog.password.setText(password)
    dialog.login_button.click()


def test_right_password_signs_in_with_the_users_role(qtbot: QtBot, db: Database) -> None:
    make_users(db)
    dialog = _login_dialog(qtbot, db)
    _type_and_submit(dialog, "  Officer ", OFFICER_PASSWORD)
    assert dialog.result() == LoginDialog.DialogCode.Accepted
    assert dialog.signed_in is not None
    assert dialog.signed_in.role == Role.OFFICER
    assert dialog.signed_in.actor.username == "officer"


def test_wrong_password_is_refused_in_persian_and_cleared(qtbot: QtBot, db: Database) -> None:
    make_users(db)
    dialog = _login_dialog(qtbot, db)
    _type_and_submit(dialog, "officer", "not-the-password")
    assert dialog.signed_in is None
    assert dialog.isVisible()
    assert dialog.error.text() == auth.WRONG_CREDENTIALS
    assert dialog.password.text() == ""


def test_repeated_failures_lock_the_account_and_show_the_delay(qtbot: QtBot, db: Database) -> None:
    make_users(db)
    dialog = _login_dialog(qtbot, db)
    for _ in range(auth.FAILURES_BEFORE_LOCK):
        _type_and_submit(dialog, "officer", "wrong-password")
    assert "قفل" in dialog.error.text() and "۳۰ ثانیه" in dialog.error.text()
    assert not dialog.login_button.isEnabled()
    # Even the right password waits for the lock-out to end.
    dialog.password.setText(OFFICER_PASSWORD)
    dialog.try_login()
    assert dialog.signed_in is None


def test_a_disabled_account_is_told_so(qtbot: QtBot, db: Database) -> None:
    desk = make_users(db)
    with db.session() as s:
        auth.set_active(s, desk.admin.actor, desk.officer.actor.user_id or 0, False)
    dialog = _login_dialog(qtbot, db)
    _type_and_submit(dialog, "officer", OFFICER_PASSWORD)
    assert dialog.signed_in is None
    assert dialog.error.text() == auth.ACCOUNT_DISABLED


def _fill_wizard(wizard: SetupWizard, tmp_path: Path, repeat: str = ADMIN_PASSWORD) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"\x89PNG\r\n")
    wizard.next()  # welcome
    page = wizard.admin_page
    page.username.setText("Admin")
    page.full_name.setText("مريم احمدي")  # Arabic yeh, as pasted from an old document
    page.password.setText(ADMIN_PASSWORD)
    page.repeat.setText(repeat)
    wizard.next()
    if wizard.currentPage() is page:
        return
    office = wizard.office_form
    office.province.setText("قزوین")
    office.office_name.setText("دفتر امور شهری و شوراهای استانداری قزوین")
    office.office_code.setText("qz")
    office.logo.set_path(str(logo))
    wizard.next()
    for index, name in enumerate(("حسن موسوی", "رضا کاظمی")):
        wizard.signatories_form.names[index].setText(name)
    wizard.next()


def test_setup_wizard_creates_admin_profile_and_signing_key(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    wizard = SetupWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    _fill_wizard(wizard, tmp_path)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.result() == SetupWizard.DialogCode.Accepted
    with db.session() as s:
        admin = s.scalars(select(User)).one()
        assert (admin.username, admin.role, admin.full_name) == ("admin", Role.ADMIN, "مریم احمدی")
        assert settings.get_setting(s, settings.OFFICE_CODE) == "QZ"
        assert settings.get_setting(s, settings.OFFICE_LOGO) == str(tmp_path / "logo.png")
        signatories = settings.get_setting(s, settings.SIGNATORIES)
        assert [x["name"] for x in signatories] == ["حسن موسوی", "رضا کاظمی"]
        key = s.scalars(select(SigningKey)).one()
        assert secret_path(key.key_id).is_file()
    with db.session() as s:
        assert auth.authenticate(s, "admin", ADMIN_PASSWORD).role == Role.ADMIN


def test_setup_wizard_refuses_bad_input_on_the_page_that_has_it(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    wizard = SetupWizard(db)
    qtbot.addWidget(wizard)
    wizard.show()
    _fill_wizard(wizard, tmp_path, repeat="something else")
    assert wizard.currentPage() is wizard.admin_page
    assert wizard.admin_page.error.text() == texts.PASSWORDS_DIFFER
    wizard.admin_page.repeat.setText(ADMIN_PASSWORD)
    wizard.admin_page.password.setText("short")
    wizard.admin_page.repeat.setText("short")
    wizard.next()
    assert wizard.currentPage() is wizard.admin_page
    assert wizard.admin_page.error.text() == auth.PASSWORD_TOO_SHORT
    wizard.admin_page.password.setText(ADMIN_PASSWORD)
    wizard.admin_page.repeat.setText(ADMIN_PASSWORD)
    wizard.next()
    wizard.office_form.office_code.setText("قزوین")
    wizard.next()
    assert wizard.currentPage() is wizard.office_page
    assert wizard.office_page.error.text() == texts.OFFICE_CODE_INVALID
    with db.session() as s:
        assert not auth.has_any_user(s)  # the dry run left nothing behind


def _answer_login(username: str, password: str) -> None:
    def answer(dialog: LoginDialog) -> None:  # type: ignore[type-arg]
        dialog.username.setText(username)
        dialog.password.setText(password)
        dialog.login_button.click()

    when_modal(answer, LoginDialog)  # type: ignore[arg-type]


def test_session_signs_in_and_shows_user_and_role(qtbot: QtBot, db: Database) -> None:
    make_users(db)
    session = AppSession(db, None)
    _answer_login("officer", OFFICER_PASSWORD)
    assert session.start()
    window = session.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.user is not None and window.user.role == Role.OFFICER
    assert window.trust.user_label.text() == "کاربر: زهرا کریمی (کارشناس آموزش)"
    titles = [a.text() for a in window.menuBar().actions()]
    assert texts.MENU_ACCOUNT in titles and texts.MENU_MANAGE not in titles


def test_sign_out_asks_again_and_a_new_user_gets_a_new_window(qtbot: QtBot, db: Database) -> None:
    make_users(db)
    session = AppSession(db, None)
    _answer_login("officer", OFFICER_PASSWORD)
    assert session.start()
    first = session.window
    assert first is not None
    _answer_login("admin", ADMIN_PASSWORD)
    first.trust.actions["sign_out"].trigger()
    second = session.window
    assert second is not None and second is not first
    qtbot.addWidget(second)
    assert second.user is not None and second.user.role == Role.ADMIN
    assert second.isVisible() and not first.isVisible()
    with db.session() as s:
        logout = s.scalars(select(AuditEvent).where(AuditEvent.entity == "logout")).one()
        login = s.scalars(
            select(AuditEvent).where(AuditEvent.action == AuditAction.LOGIN).order_by(AuditEvent.id)
        ).all()[-1]
    # The officer's sign-out, then the admin's log-in, are in the trail.
    assert logout.username == "officer" and login.username == "admin"
    assert logout.id < login.id


def test_disabled_account_waits_for_the_open_message_before_asking_to_log_in(
    qtbot: QtBot, db: Database
) -> None:
    make_users(db)
    session = AppSession(db, None)
    _answer_login("officer", OFFICER_PASSWORD)
    assert session.start()
    window = session.window
    assert window is not None
    qtbot.addWidget(window)
    box = QMessageBox(QMessageBox.Icon.Critical, "خطا", "حساب غیرفعال شد", parent=window)
    box.setWindowModality(Qt.WindowModality.ApplicationModal)
    box.show()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is box)
    asked: list[str] = []

    def answer(dialog: LoginDialog) -> None:  # type: ignore[type-arg]
        asked.append(dialog.error.text())
        dialog.reject()

    session.account_disabled("حساب شما غیرفعال شده است")
    qtbot.wait(400)
    assert not asked and window.isVisible()  # the message is still being read
    when_modal(answer, LoginDialog)  # type: ignore[arg-type]
    box.close()
    qtbot.waitUntil(lambda: bool(asked), timeout=3000)
    assert asked == ["حساب شما غیرفعال شده است"]


def test_user_disabled_while_signed_in_is_sent_back_to_log_in(
    qtbot: QtBot, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk = make_users(db)
    session = AppSession(db, None)
    _answer_login("officer", OFFICER_PASSWORD)
    assert session.start()
    window = session.window
    assert window is not None
    qtbot.addWidget(window)
    with db.session() as s:
        auth.set_active(s, desk.admin.actor, desk.officer.actor.user_id or 0, False)

    shown: list[str] = []

    def answer(dialog: LoginDialog) -> None:  # type: ignore[type-arg]
        shown.append(dialog.error.text())
        dialog.reject()

    when_modal(answer, LoginDialog)  # type: ignore[arg-type]
    from shahrtrain_desktop.services.permissions import (
        AccountDisabledError,
        Permission,
        require,
    )

    tab = window.stage_tabs[1]
    with pytest.raises(AccountDisabledError), tab.session() as s:
        require(s, Permission.EDIT_REGISTRY)
    qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    assert "غیرفعال" in shown[0]
    assert session.window is None and not window.isVisible()


def test_first_run_then_log_in_through_run_gui(
    qtbot: QtBot,
    db_url: str,
    tmp_path: Path,
    isolated_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from shahrtrain_desktop.ui.app import run_gui

    shown: list[MainWindow] = []
    original_show = MainWindow.show

    def show(window: MainWindow) -> None:
        shown.append(window)
        original_show(window)
        QTimer.singleShot(300, window.close)  # after the daily backup has been queued
        QTimer.singleShot(400, QApplication.quit)

    monkeypatch.setattr(MainWindow, "show", show)

    def finish_wizard(wizard: SetupWizard) -> None:  # type: ignore[type-arg]
        _fill_wizard(wizard, tmp_path)
        _answer_login("admin", ADMIN_PASSWORD)
        wizard.button(QWizard.WizardButton.FinishButton).click()

    when_modal(finish_wizard, SetupWizard)  # type: ignore[arg-type]
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: pytest.fail(str(a)))
    assert run_gui(db_url) == 0
    assert len(shown) == 1 and shown[0].user is not None
    assert shown[0].user.role == Role.ADMIN
    assert shown[0].layoutDirection() == Qt.LayoutDirection.RightToLeft
    # The daily backup ran at start, off the GUI thread (PostgreSQL: pg_dump, not the app).
    if db_url.startswith("sqlite"):
        assert len(list((isolated_home / "backups").glob("daily-*.sqlite3"))) == 1
