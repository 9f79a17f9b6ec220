"""«کاربران…» (admins): list the users; add, disable/enable, set a new password, change role.
Every change goes through ``services.auth``, which checks the admin's permission afresh."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import User
from shahrtrain_desktop.models.base import utcnow
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import Role
from shahrtrain_desktop.persian import format_jalali_datetime, normalize_text, rtl_date_marks
from shahrtrain_desktop.services import auth
from shahrtrain_desktop.services.auth import AuthError, SignedIn
from shahrtrain_desktop.services.db_errors import translating_database_errors
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.locking import ConcurrentEditError, reporting_conflicts
from shahrtrain_desktop.services.permissions import PermissionDenied
from shahrtrain_desktop.ui.trust import texts
from shahrtrain_desktop.ui.trust.events import reporting_account_disabled
from shahrtrain_desktop.ui.trust.widgets import ErrorLabel, ok_cancel, password_field

USER_ID_ROLE = Qt.ItemDataRole.UserRole + 1
REFUSALS = (AuthError, PermissionDenied, ConcurrentEditError, RuntimeError)


def role_combo(parent: QWidget, current: Role = Role.OFFICER) -> QComboBox:
    combo = QComboBox(parent)
    for role in Role:
        combo.addItem(label(role), role.value)
    combo.setCurrentIndex(combo.findData(current.value))
    return combo


def _status_text(user: User) -> str:
    if not user.active:
        return texts.DISABLED
    if user.locked_until is not None and user.locked_until > utcnow():
        return texts.LOCKED.format(time=rtl_date_marks(format_jalali_datetime(user.locked_until)))
    return texts.ACTIVE


class NewUserDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(texts.NEW_USER_TITLE)
        self.setMinimumWidth(420)
        self.username = QLineEdit(self)
        self.username.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.full_name = QLineEdit(self)
        self.role = role_combo(self)
        self.password = password_field(self)
        self.repeat = password_field(self)
        self.error = ErrorLabel(self)
        self.buttons = ok_cancel(self)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(texts.USERNAME, self.username)
        form.addRow(texts.FULL_NAME, self.full_name)
        form.addRow(texts.ROLE, self.role)
        form.addRow(texts.PASSWORD, self.password)
        form.addRow(texts.REPEAT_PASSWORD, self.repeat)
        form.addRow(self.error)
        form.addRow(self.buttons)


class UsersDialog(QDialog):
    def __init__(self, db: Database, user: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user
        self.setWindowTitle(texts.USERS_TITLE)
        self.resize(860, 440)
        self.table = QTableWidget(0, len(texts.USERS_HEADERS), self)
        self.table.setHorizontalHeaderLabels(list(texts.USERS_HEADERS))
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.add_button = QPushButton(texts.ADD_USER, self)
        self.add_button.clicked.connect(self.add_user)
        self.toggle_button = QPushButton(texts.DISABLE_USER, self)
        self.toggle_button.clicked.connect(self.toggle_active)
        self.password_button = QPushButton(texts.RESET_PASSWORD, self)
        self.password_button.clicked.connect(self.reset_password)
        self.role_button = QPushButton(texts.CHANGE_ROLE, self)
        self.role_button.clicked.connect(self.change_role)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.button(QDialogButtonBox.StandardButton.Close).setText(texts.CLOSE)
        close.rejected.connect(self.reject)

        buttons = QHBoxLayout()
        for button in (self.add_button, self.toggle_button, self.password_button):
            buttons.addWidget(button)
        buttons.addWidget(self.role_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    # -- reading -------------------------------------------------------------------------

    def reload(self) -> None:
        selected = self.selected_id()
        with self.db.session() as session:
            users = list(session.scalars(select(User).order_by(User.username)))
            rows = [
                (
                    u.id,
                    u.username,
                    u.full_name,
                    label(u.role),
                    _status_text(u),
                    rtl_date_marks(format_jalali_datetime(u.last_login_at)),
                    u.active,
                )
                for u in users
            ]
        self.table.setRowCount(len(rows))
        for row, (user_id, *cells, active) in enumerate(rows):
            for column, text in enumerate(cells):
                item = QTableWidgetItem(str(text))
                item.setData(USER_ID_ROLE, user_id)
                if not active:
                    item.setForeground(Qt.GlobalColor.gray)
                self.table.setItem(row, column, item)
            if user_id == selected:
                self._select_row(row)
        self.table.resizeColumnsToContents()
        self._update_buttons()

    def selected_id(self) -> int | None:
        items = self.table.selectedItems()
        return int(items[0].data(USER_ID_ROLE)) if items else None

    def select_user(self, username: str) -> None:
        for row in range(self.table.rowCount()):
            if self._cell(row, 0) == username:
                self._select_row(row)

    def _cell(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""

    def _select_row(self, row: int) -> None:
        # Not selectRow(): that one follows the keyboard modifiers held at the moment.
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
            | QItemSelectionModel.SelectionFlag.Current
        )
        self.table.selectionModel().setCurrentIndex(self.table.model().index(row, 0), flags)

    def _selected_username(self) -> str:
        items = self.table.selectedItems()
        return self._cell(items[0].row(), 0) if items else ""

    def _selected_active(self) -> bool:
        items = self.table.selectedItems()
        return bool(items) and self._cell(items[0].row(), 3) != texts.DISABLED

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        for button in (self.toggle_button, self.password_button, self.role_button):
            button.setEnabled(chosen)
        self.toggle_button.setText(
            texts.DISABLE_USER if not chosen or self._selected_active() else texts.ENABLE_USER
        )

    # -- changing ------------------------------------------------------------------------

    def _run(self, change: Callable[[Session], Any]) -> bool:
        """Run one change in its own transaction as the signed-in admin; show a refusal."""
        try:
            with (
                translating_database_errors(),
                reporting_account_disabled(),
                reporting_conflicts(),
                self.db.session() as session,
            ):
                change(session)
        except REFUSALS as error:
            QMessageBox.warning(self, texts.USERS_TITLE, str(error))
            return False
        self.reload()
        return True

    def add_user(self) -> None:
        dialog = NewUserDialog(self)

        def create() -> None:
            if dialog.password.text() != dialog.repeat.text():
                dialog.error.show_message(texts.PASSWORDS_DIFFER)
                return
            try:
                with translating_database_errors(), self.db.session() as session:
                    auth.create_user(
                        session,
                        self.user.actor,
                        dialog.username.text(),
                        normalize_text(dialog.full_name.text()),
                        Role(dialog.role.currentData()),
                        dialog.password.text(),
                    )
            except REFUSALS as error:
                dialog.error.show_message(str(error))
                return
            dialog.accept()

        dialog.buttons.accepted.connect(create)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.reload()
            self.select_user(auth.normalize_username(dialog.username.text()))

    def toggle_active(self) -> None:
        user_id, name = self.selected_id(), self._selected_username()
        if user_id is None:
            return
        active = self._selected_active()
        if active:
            answer = QMessageBox.question(
                self, texts.USERS_TITLE, texts.CONFIRM_DISABLE.format(user=name)
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self._run(lambda s: auth.set_active(s, self.user.actor, user_id, not active))

    def reset_password(self) -> None:
        user_id, name = self.selected_id(), self._selected_username()
        if user_id is None:
            return
        password, ok = QInputDialog.getText(
            self,
            texts.RESET_PASSWORD_TITLE.format(user=name),
            texts.NEW_PASSWORD,
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        if self._run(lambda s: auth.reset_password(s, self.user.actor, user_id, password)):
            QMessageBox.information(
                self, texts.USERS_TITLE, texts.PASSWORD_RESET_DONE.format(user=name)
            )

    def change_role(self) -> None:
        user_id, name = self.selected_id(), self._selected_username()
        if user_id is None:
            return
        roles = [label(role) for role in Role]
        current = self._cell(self.table.currentRow(), 2)
        chosen, ok = QInputDialog.getItem(
            self,
            texts.CHANGE_ROLE_TITLE.format(user=name),
            texts.ROLE,
            roles,
            max(roles.index(current), 0) if current in roles else 0,
            False,
        )
        if ok:
            role = list(Role)[roles.index(chosen)]
            self._run(lambda s: auth.set_role(s, self.user.actor, user_id, role))
