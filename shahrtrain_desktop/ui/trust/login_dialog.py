"""The log-in dialog: username and password, the service's Persian refusals, and a count-down
while the account is locked after repeated failures."""

from __future__ import annotations

import time
from datetime import timedelta

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from shahrtrain_desktop.models import User
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.services.auth import (
    AccountLockedError,
    AuthError,
    SignedIn,
    authenticate,
    duration_text,
)
from shahrtrain_desktop.services.db_errors import DatabaseUnavailableError, message_for
from shahrtrain_desktop.ui.trust import texts
from shahrtrain_desktop.ui.trust.widgets import ErrorLabel, ok_cancel, password_field


class LoginDialog(QDialog):
    """``exec()`` returns Accepted with ``signed_in`` set, or Rejected when the user gives up."""

    def __init__(self, db: Database, parent: QWidget | None = None, message: str = "") -> None:
        super().__init__(parent)
        self.db = db
        self.user: User | None = None
        self.signed_in: SignedIn | None = None
        self._locked_until = 0.0  # time.monotonic() when the lock-out ends
        self.setWindowTitle(texts.LOGIN_TITLE)
        self.setMinimumWidth(420)

        self.username = QLineEdit(self)
        self.password = password_field(self)
        self.error = ErrorLabel(self)
        self.buttons = ok_cancel(self, texts.LOGIN_BUTTON)
        self.buttons.accepted.connect(self.try_login)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout(self)
        heading = QLabel(texts.LOGIN_HEADING, self)
        heading.setWordWrap(True)
        form.addRow(heading)
        form.addRow(texts.USERNAME, self.username)
        form.addRow(texts.PASSWORD, self.password)
        form.addRow(self.error)
        form.addRow(self.buttons)

        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self.error.show_message(message)

    @property
    def login_button(self) -> QWidget:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def try_login(self) -> None:
        if time.monotonic() < self._locked_until:
            return
        try:
            with self.db.session() as session:
                user = authenticate(session, self.username.text(), self.password.text())
        except AccountLockedError as error:
            self.password.clear()
            self._lock_for(error.remaining.total_seconds())
            self.error.show_message(str(error))
            return
        except AuthError as error:
            self.password.clear()
            self.password.setFocus()
            self.error.show_message(str(error))
            return
        except Exception as error:  # noqa: BLE001 - a database failure is a sentence here
            sentence = message_for(error)
            if sentence is None:
                raise
            self.error.show_message(str(DatabaseUnavailableError(sentence)))
            return
        self.user = user
        self.signed_in = SignedIn.of(user)
        self.accept()

    def _lock_for(self, seconds: float) -> None:
        self._locked_until = time.monotonic() + seconds
        self.login_button.setEnabled(False)
        self._countdown.start()

    def _tick(self) -> None:
        remaining = self._locked_until - time.monotonic()
        if remaining <= 0:
            self._countdown.stop()
            self.login_button.setEnabled(True)
            self.error.show_message("")
            return
        self.error.show_message(
            texts.LOCKED_WAIT.format(duration=duration_text(timedelta(seconds=remaining)))
        )
