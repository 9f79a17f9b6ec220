"""«تغییر گذرواژه…»: the signed-in user changes their own password."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QWidget

from shahrtrain_desktop.models import User
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.services.auth import AuthError, SignedIn, change_password
from shahrtrain_desktop.services.db_errors import translating_database_errors
from shahrtrain_desktop.services.permissions import PermissionDenied
from shahrtrain_desktop.ui.trust import texts
from shahrtrain_desktop.ui.trust.events import reporting_account_disabled
from shahrtrain_desktop.ui.trust.widgets import ErrorLabel, ok_cancel, password_field


class ChangePasswordDialog(QDialog):
    def __init__(self, db: Database, user: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user
        self.setWindowTitle(texts.CHANGE_PASSWORD_TITLE)
        self.setMinimumWidth(420)
        self.old = password_field(self)
        self.new = password_field(self)
        self.repeat = password_field(self)
        self.error = ErrorLabel(self)
        buttons = ok_cancel(self, texts.SAVE)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(texts.OLD_PASSWORD, self.old)
        form.addRow(texts.NEW_PASSWORD, self.new)
        form.addRow(texts.REPEAT_PASSWORD, self.repeat)
        form.addRow(self.error)
        form.addRow(buttons)

    def save(self) -> None:
        if self.new.text() != self.repeat.text():
            self.error.show_message(texts.PASSWORDS_DIFFER)
            return
        try:
            with (
                translating_database_errors(),
                reporting_account_disabled(),
                self.db.session() as session,
            ):
                user = session.get(User, self.user.actor.user_id)
                if user is None:
                    raise AuthError("این کاربر پیدا نشد.")
                change_password(session, user, self.old.text(), self.new.text())
        except (AuthError, PermissionDenied, RuntimeError) as error:
            self.error.show_message(str(error))
            return
        self.accept()
