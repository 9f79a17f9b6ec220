"""Menus by role, users, office settings, change password, and the audit viewer."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select, text
from test_ui_trust_support import (
    OFFICER_PASSWORD,
    Desk,
    make_users,
    when_modal,
)

from shahrtrain_desktop.models import AuditEvent, User
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import AuditAction, Role
from shahrtrain_desktop.persian import RLM
from shahrtrain_desktop.services import auth, settings
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.ui.app import create_application
from shahrtrain_desktop.ui.main_window import MainWindow
from shahrtrain_desktop.ui.trust import texts
from shahrtrain_desktop.ui.trust.audit_viewer import AuditViewer
from shahrtrain_desktop.ui.trust.office_settings_dialog import OfficeSettingsDialog
from shahrtrain_desktop.ui.trust.password_dialog import ChangePasswordDialog
from shahrtrain_desktop.ui.trust.users_dialog import NewUserDialog, UsersDialog


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

    for name in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(record))
    return shown


def _window(qtbot: QtBot, db: Database, user: SignedIn) -> MainWindow:
    window = MainWindow(db, user)
    qtbot.addWidget(window)
    return window


def test_menus_show_only_what_the_role_may_do(qtbot: QtBot, db: Database, desk: Desk) -> None:
    admin = _window(qtbot, db, desk.admin).trust.actions
    officer = _window(qtbot, db, desk.officer).trust.actions
    approver = _window(qtbot, db, desk.approver).trust.actions
    assert set(admin) >= {"users", "settings", "audit", "backup", "restore", "sign_out"}
    assert set(officer) == {"change_password", "sign_out"}
    assert set(approver) == {"change_password", "sign_out", "audit"}


def test_status_bar_names_user_and_role(qtbot: QtBot, db: Database, desk: Desk) -> None:
    window = _window(qtbot, db, desk.approver)
    assert window.trust.user_label.text() == "کاربر: علی رضایی (تأییدکننده)"


def test_change_password(qtbot: QtBot, db: Database, desk: Desk) -> None:
    dialog = ChangePasswordDialog(db, desk.officer)
    qtbot.addWidget(dialog)
    dialog.old.setText("wrong-old-password")
    dialog.new.setText("a-new-password-1")
    dialog.repeat.setText("a-new-password-1")
    dialog.save()
    assert dialog.error.text() == auth.WRONG_OLD_PASSWORD
    dialog.old.setText(OFFICER_PASSWORD)
    dialog.repeat.setText("typo")
    dialog.save()
    assert dialog.error.text() == texts.PASSWORDS_DIFFER
    dialog.repeat.setText("a-new-password-1")
    dialog.save()
    assert dialog.result() == ChangePasswordDialog.DialogCode.Accepted
    with db.session() as s:
        assert auth.authenticate(s, "officer", "a-new-password-1").role == Role.OFFICER


def _row_of(dialog: UsersDialog, username: str) -> int:
    for row in range(dialog.table.rowCount()):
        if dialog.table.item(row, 0).text() == username:
            return row
    raise AssertionError(username)


def test_users_dialog_adds_disables_and_changes_role(
    qtbot: QtBot, db: Database, desk: Desk, messages: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = UsersDialog(db, desk.admin)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 3

    def fill(new: NewUserDialog) -> None:
        new.username.setText("Supervisor1")
        new.full_name.setText("كاظم نوري")
        new.role.setCurrentIndex(new.role.findData(Role.SUPERVISOR.value))
        new.password.setText("supervisor-pass")
        new.repeat.setText("supervisor-pass")
        new.buttons.accepted.emit()

    when_modal(fill, NewUserDialog)
    dialog.add_user()
    row = _row_of(dialog, "supervisor1")
    assert dialog.table.item(row, 1).text() == "کاظم نوری"
    assert dialog.table.item(row, 2).text() == "ناظر"

    dialog.select_user("officer")
    dialog.toggle_active()  # confirmed by the patched question box
    assert dialog.table.item(_row_of(dialog, "officer"), 3).text() == texts.DISABLED
    assert dialog.toggle_button.text() == texts.ENABLE_USER

    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: ("تأییدکننده", True))
    dialog.select_user("officer")
    dialog.change_role()
    with db.session() as s:
        officer = s.scalars(select(User).where(User.username == "officer")).one()
        assert (officer.active, officer.role) == (False, Role.APPROVER)

    # The service's refusals are shown, not raised: the last admin stays an admin.
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: ("ناظر", True))
    dialog.select_user("admin")
    dialog.change_role()
    assert messages[-1] == auth.LAST_ADMIN

    monkeypatch.setattr(QInputDialog, "getText", lambda *a: ("fresh-password-9", True))
    dialog.select_user("approver")
    dialog.reset_password()
    with db.session() as s:
        assert auth.authenticate(s, "approver", "fresh-password-9").role == Role.APPROVER


def test_office_settings_are_saved_normalised(qtbot: QtBot, db: Database, desk: Desk) -> None:
    dialog = OfficeSettingsDialog(db, desk.admin)
    qtbot.addWidget(dialog)
    assert dialog.office.office_code.text() == "QZ"
    dialog.office.province.setText("زنجان")
    dialog.office.office_code.setText("zn")
    dialog.signatories.names[0].setText("حسن  موسوي")
    dialog.signatories.names[1].setText("رضا کاظمی")
    dialog.rules.min_score.setValue(14)
    dialog.rules.hours_managers.setValue(80)
    dialog.rules.require_steering.setChecked(False)
    dialog.save()
    assert dialog.result() == OfficeSettingsDialog.DialogCode.Accepted
    with db.session() as s:
        values = settings.all_settings(s)
    assert values[settings.OFFICE_PROVINCE] == "زنجان"
    assert values[settings.OFFICE_CODE] == "ZN"
    assert values[settings.SIGNATORIES][0]["name"] == "حسن موسوی"
    assert values[settings.PASS_MIN_SCORE] == 14
    assert values[settings.MIN_HOURS_MANAGERS] == 80
    assert values[settings.REQUIRE_STEERING_APPROVAL] is False


def test_office_settings_refuse_bad_input_and_non_admins(
    qtbot: QtBot, db: Database, desk: Desk
) -> None:
    dialog = OfficeSettingsDialog(db, desk.admin)
    qtbot.addWidget(dialog)
    dialog.signatories.names[0].setText("حسن موسوی")
    dialog.signatories.names[1].setText("رضا کاظمی")
    dialog.office.office_name.setText("   ")
    dialog.save()
    assert dialog.error.text() == "«نام دفتر» را وارد کنید."
    assert dialog.pages.currentWidget() is dialog.office
    dialog.office.office_name.setText("دفتر")
    dialog.signatories.images[1].set_path("/nowhere/sign.png")
    dialog.save()
    assert "امضاکنندهٔ ۲" in dialog.error.text() and "پیدا نشد" in dialog.error.text()

    officer = OfficeSettingsDialog(db, desk.officer)
    qtbot.addWidget(officer)
    officer.signatories.names[0].setText("حسن موسوی")
    officer.signatories.names[1].setText("رضا کاظمی")
    officer.office.province.setText("زنجان")
    officer.save()
    assert officer.error.text() == "شما اجازهٔ «تغییر تنظیمات دفتر» را ندارید."
    with db.session() as s:
        assert settings.get_setting(s, settings.OFFICE_PROVINCE) == "قزوین"
        assert settings.get_setting(s, settings.OFFICE_NAME) != "دفتر"


def _viewer(qtbot: QtBot, db: Database, desk: Desk) -> AuditViewer:
    window = _window(qtbot, db, desk.admin)
    viewer = AuditViewer(db, window.worker, window)
    qtbot.addWidget(viewer)
    return viewer


def test_audit_viewer_filters_and_shows_before_after(
    qtbot: QtBot, db: Database, desk: Desk
) -> None:
    with db.session() as s:
        auth.authenticate(s, "officer", OFFICER_PASSWORD)
    viewer = _viewer(qtbot, db, desk)
    with db.session() as s:
        total = len(s.scalars(select(AuditEvent.id)).all())
        logins = s.scalars(
            select(AuditEvent.id).where(AuditEvent.action == AuditAction.LOGIN)
        ).all()
    assert viewer.model.rowCount() == total
    viewer.action_combo.setCurrentIndex(viewer.action_combo.findData(AuditAction.LOGIN.value))
    assert viewer.model.rowCount() == len(logins) == 1
    assert viewer.model.row_texts(0)[3] == "ورود"
    assert viewer.model.row_texts(0)[2] == "officer"
    assert viewer.model.row_texts(0)[1].startswith(RLM + "۱۴")  # a Jalali year, at the right
    viewer.action_combo.setCurrentIndex(0)
    viewer.user_combo.setCurrentIndex(viewer.user_combo.findData("admin"))
    admin_rows = viewer.model.rowCount()
    assert 0 < admin_rows < total
    # A date range that ends before today hides everything.
    viewer.date_range.to_edit.set_value(viewer.date_range.from_edit.value())
    viewer.date_range.to_check.setChecked(True)
    assert viewer.model.rowCount() == 0
    viewer.date_range.to_check.setChecked(False)
    viewer.view.setCurrentIndex(viewer.model.index(0, 0))
    assert texts.AFTER in viewer.details.toPlainText()


def test_verify_chain_names_the_first_edited_row(
    qtbot: QtBot, db: Database, desk: Desk, messages: list[str]
) -> None:
    viewer = _viewer(qtbot, db, desk)
    viewer.verify()
    qtbot.waitUntil(lambda: viewer.last_check is not None, timeout=5000)
    assert viewer.last_check is not None and viewer.last_check.ok
    assert "سالم" in messages[-1]

    with db.session() as s:
        victim = s.scalars(select(AuditEvent.id).order_by(AuditEvent.id).offset(2)).first()
        s.execute(text("UPDATE audit_event SET username = 'mallory' WHERE id = :i"), {"i": victim})
    viewer.last_check = None
    viewer.verify()
    qtbot.waitUntil(lambda: viewer.last_check is not None, timeout=5000)
    assert viewer.last_check is not None and viewer.last_check.first_broken_id == victim
    assert f"شمارهٔ {victim}".translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in messages[-1]
    selected = viewer.view.currentIndex()
    assert viewer.model.row_id(selected.row()) == victim
