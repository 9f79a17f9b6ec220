"""First run: on a database without any user, create the admin, the office profile and the
office's signing key — all in one transaction, so a failed step leaves nothing half made."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.persian import InvalidField, normalize_text
from shahrtrain_desktop.services import settings
from shahrtrain_desktop.services.auth import AuthError, create_first_admin
from shahrtrain_desktop.services.db_errors import translating_database_errors
from shahrtrain_desktop.services.keys import ensure_office_key
from shahrtrain_desktop.services.settings import save_settings
from shahrtrain_desktop.ui.trust import texts
from shahrtrain_desktop.ui.trust.office_profile import OfficeForm, SignatoriesForm
from shahrtrain_desktop.ui.trust.widgets import ErrorLabel, password_field


class _Rollback(Exception):
    """Raised inside a session to undo a dry run."""


def _text_page(title: str, body: str) -> QWizardPage:
    page = QWizardPage()
    page.setTitle(title)
    label = QLabel(body, page)
    label.setWordWrap(True)
    QVBoxLayout(page).addWidget(label)
    return page


class AdminPage(QWizardPage):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setTitle(texts.SETUP_ADMIN_TITLE)
        self.setSubTitle(texts.SETUP_ADMIN_SUBTITLE)
        self.username = QLineEdit(self)
        self.full_name = QLineEdit(self)
        self.password = password_field(self)
        self.repeat = password_field(self)
        self.error = ErrorLabel(self)
        form = QFormLayout(self)
        form.addRow(texts.USERNAME, self.username)
        form.addRow(texts.FULL_NAME, self.full_name)
        form.addRow(texts.PASSWORD, self.password)
        form.addRow(texts.REPEAT_PASSWORD, self.repeat)
        form.addRow(self.error)

    def credentials(self) -> tuple[str, str, str]:
        return self.username.text(), normalize_text(self.full_name.text()), self.password.text()

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        if self.password.text() != self.repeat.text():
            self.error.show_message(texts.PASSWORDS_DIFFER)
            return False
        # A dry run through the service: the same rules and messages as the real step.
        try:
            with translating_database_errors(), self.db.session() as session:
                create_first_admin(session, *self.credentials())
                raise _Rollback
        except _Rollback:
            pass
        except (AuthError, RuntimeError) as error:
            self.error.show_message(str(error))
            return False
        self.error.show_message("")
        return True


class FormPage(QWizardPage):
    """A page around an office-profile form; it may not be left with an invalid value."""

    def __init__(self, title: str, subtitle: str, form: OfficeForm | SignatoriesForm) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.form = form
        self.error = ErrorLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(form)
        layout.addWidget(self.error)

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        try:
            self.form.values()
        except InvalidField as error:
            self.error.show_message(error.message)
            return False
        self.error.show_message("")
        return True


class SetupWizard(QWizard):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.admin_username = ""
        self.setWindowTitle(texts.SETUP_TITLE)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(640, 480)
        self.setButtonText(QWizard.WizardButton.NextButton, "بعدی")
        self.setButtonText(QWizard.WizardButton.BackButton, "قبلی")
        self.setButtonText(QWizard.WizardButton.FinishButton, "پایان و ساخت")
        self.setButtonText(QWizard.WizardButton.CancelButton, texts.CANCEL)

        self.admin_page = AdminPage(db)
        self.office_form = OfficeForm()
        self.signatories_form = SignatoriesForm()
        defaults = dict(settings.DEFAULTS)
        self.office_form.load(defaults)
        self.signatories_form.load(defaults)
        self.addPage(_text_page(texts.SETUP_WELCOME_TITLE, texts.SETUP_WELCOME))
        self.addPage(self.admin_page)
        self.office_page = FormPage(
            texts.SETUP_OFFICE_TITLE, texts.SETUP_OFFICE_SUBTITLE, self.office_form
        )
        self.addPage(self.office_page)
        self.signatories_page = FormPage(
            texts.SETUP_SIGNATORIES_TITLE, texts.SETUP_SIGNATORIES_SUBTITLE, self.signatories_form
        )
        self.addPage(self.signatories_page)
        self.addPage(_text_page(texts.SETUP_KEY_TITLE, texts.SETUP_KEY))

    def profile_values(self) -> dict[str, Any]:
        return {**self.office_form.values(), **self.signatories_form.values()}

    def accept(self) -> None:
        page = self.admin_page
        try:
            with translating_database_errors(), self.db.session() as session:
                create_first_admin(session, *page.credentials())
                save_settings(session, self.profile_values())
                ensure_office_key(session)
        except (AuthError, InvalidField, RuntimeError, OSError) as error:
            QMessageBox.critical(self, texts.SETUP_TITLE, texts.SETUP_FAILED.format(error=error))
            return
        self.admin_username = page.username.text().strip().casefold()
        super().accept()
