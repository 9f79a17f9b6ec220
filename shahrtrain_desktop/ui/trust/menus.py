"""What the trust layer adds to the main window: the account and management menus (only what
the signed-in role may do) and the user and role in the status bar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.permissions import Permission, allowed
from shahrtrain_desktop.ui import strings
from shahrtrain_desktop.ui.strings import ltr
from shahrtrain_desktop.ui.trust import texts
from shahrtrain_desktop.ui.trust.audit_viewer import AuditViewer
from shahrtrain_desktop.ui.trust.backup_actions import choose_restore_file, start_backup
from shahrtrain_desktop.ui.trust.office_settings_dialog import OfficeSettingsDialog
from shahrtrain_desktop.ui.trust.password_dialog import ChangePasswordDialog
from shahrtrain_desktop.ui.trust.users_dialog import UsersDialog
from shahrtrain_desktop.ui.worker import Worker

STATUS_MESSAGE_MS = 8000
ACTION_QUESTIONNAIRE_ITEMS = "پرسش‌های پرسش‌نامهٔ واکنش…"
ACTION_CHECKLIST = "چک‌لیست نظارت حضوری…"


class TrustMenus(QObject):
    """Owned by the window. Signing out and restoring replace the window, so they are only
    requested here; the application's session controller answers them."""

    sign_out_requested = Signal()
    restore_requested = Signal(Path)

    def __init__(self, window: QMainWindow, db: Database, worker: Worker, user: SignedIn | None):
        super().__init__(window)
        self.window = window
        self.db = db
        self.worker = worker
        self.user = user
        self.actions: dict[str, QAction] = {}
        self.user_label = QLabel(window)
        if user is not None:
            self.user_label.setText(
                texts.STATUS_USER.format(name=user.full_name, role=label(user.role))
            )
            window.statusBar().insertPermanentWidget(0, self.user_label)
            self._build_menus(user)

    def _insert_menu(self, title: str) -> QMenu:
        bar = self.window.menuBar()
        menu = QMenu(title, bar)
        help_menu = next((a for a in bar.actions() if a.text() == strings.MENU_HELP), None)
        if help_menu is not None:
            bar.insertMenu(help_menu, menu)
        else:
            bar.addMenu(menu)
        return menu

    def _add(self, menu: QMenu, key: str, text: str, slot: Callable[[], object]) -> None:
        self.actions[key] = menu.addAction(text, slot)

    def _build_menus(self, user: SignedIn) -> None:
        account = self._insert_menu(texts.MENU_ACCOUNT)
        self._add(account, "change_password", texts.ACTION_CHANGE_PASSWORD, self.change_password)
        self._add(account, "sign_out", texts.ACTION_SIGN_OUT, self.sign_out_requested.emit)

        entries = [
            ("users", texts.ACTION_USERS, Permission.MANAGE_USERS, self.show_users),
            (
                "settings",
                texts.ACTION_OFFICE_SETTINGS,
                Permission.MANAGE_SETTINGS,
                self.show_settings,
            ),
            (
                "questionnaire_items",
                ACTION_QUESTIONNAIRE_ITEMS,
                Permission.MANAGE_SETTINGS,
                self.show_questionnaire_items,
            ),
            ("checklist", ACTION_CHECKLIST, Permission.MANAGE_SETTINGS, self.show_checklist),
            ("audit", texts.ACTION_AUDIT, Permission.VIEW_AUDIT, self.show_audit),
            ("backup", texts.ACTION_BACKUP, Permission.BACKUP_RESTORE, self.backup),
            ("restore", texts.ACTION_RESTORE, Permission.BACKUP_RESTORE, self.restore),
        ]
        visible = [entry for entry in entries if allowed(user.role, entry[2])]
        if not visible:
            return
        manage = self._insert_menu(texts.MENU_MANAGE)
        for key, text, _permission, slot in visible:
            if key == "backup" and manage.actions():
                manage.addSeparator()
            self._add(manage, key, text, slot)
        self.worker.busy_changed.connect(self._busy_changed)

    def _busy_changed(self, busy: bool) -> None:
        for key in ("backup", "restore"):
            if key in self.actions:
                self.actions[key].setEnabled(not busy)

    def change_password(self) -> None:
        assert self.user is not None
        dialog = ChangePasswordDialog(self.db, self.user, self.window)
        if dialog.exec():
            self.window.statusBar().showMessage(texts.PASSWORD_CHANGED, STATUS_MESSAGE_MS)

    def show_users(self) -> None:
        assert self.user is not None
        UsersDialog(self.db, self.user, self.window).exec()

    def show_settings(self) -> None:
        assert self.user is not None
        if OfficeSettingsDialog(self.db, self.user, self.window).exec():
            self.window.statusBar().showMessage(texts.SETTINGS_SAVED, STATUS_MESSAGE_MS)

    def show_questionnaire_items(self) -> None:
        # Imported when asked for: the window opens without the outcomes stage's modules.
        from shahrtrain_desktop.ui.outcomes.questionnaire_items_dialog import (
            QuestionnaireItemsDialog,
        )

        QuestionnaireItemsDialog(self.db, self.user, self.window).exec()

    def show_checklist(self) -> None:
        from shahrtrain_desktop.ui.monitoring.checklist_dialog import ChecklistDialog

        ChecklistDialog(self.db, self.user, self.window).exec()

    def show_audit(self) -> None:
        AuditViewer(self.db, self.worker, self.window).exec()

    def backup(self) -> None:
        assert self.user is not None
        start_backup(self.window, self.db, self.worker, self.user.actor, self._backed_up)

    def _backed_up(self, path: Path) -> None:
        self.window.statusBar().showMessage(
            texts.BACKUP_DONE.format(path=ltr(path)).replace("\n", " "), STATUS_MESSAGE_MS
        )

    def restore(self) -> None:
        chosen = choose_restore_file(self.window, self.db)
        if chosen is not None:
            self.restore_requested.emit(chosen)


def install_trust_menus(
    window: QMainWindow, db: Database, worker: Worker, user: SignedIn | None
) -> TrustMenus:
    """Called once by ``MainWindow``: the menus and status-bar label of the signed-in user."""
    return TrustMenus(window, db, worker, user)
