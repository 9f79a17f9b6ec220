"""«تنظیمات دفتر…» (admins): office profile, signatories, pass-rule defaults, committee
approvals required and the yearly minimum hours of training (coverage)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.persian import InvalidField
from shahrtrain_desktop.services import settings
from shahrtrain_desktop.services.audit import act_as
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.db_errors import translating_database_errors
from shahrtrain_desktop.services.locking import ConcurrentEditError, reporting_conflicts
from shahrtrain_desktop.services.permissions import PermissionDenied
from shahrtrain_desktop.services.settings import save_settings
from shahrtrain_desktop.ui.trust import texts
from shahrtrain_desktop.ui.trust.events import reporting_account_disabled
from shahrtrain_desktop.ui.trust.office_profile import OfficeForm, SignatoriesForm
from shahrtrain_desktop.ui.trust.widgets import ErrorLabel, ok_cancel


class RulesForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.min_attendance = QSpinBox(self)
        self.min_attendance.setRange(0, 100)
        self.min_attendance.setSuffix(texts.PERCENT_SUFFIX)
        self.min_score = QDoubleSpinBox(self)
        self.min_score.setRange(0, 20)
        self.min_score.setDecimals(2)
        self.min_score.setSingleStep(0.5)
        self.require_executive = QCheckBox(texts.REQUIRE_EXECUTIVE, self)
        self.require_steering = QCheckBox(texts.REQUIRE_STEERING, self)
        self.hours_staff = QSpinBox(self)
        self.hours_managers = QSpinBox(self)
        for box in (self.hours_staff, self.hours_managers):
            box.setRange(0, 1000)
            box.setSuffix(texts.HOURS_SUFFIX)
        form = QFormLayout(self)
        form.addRow(texts.MIN_ATTENDANCE, self.min_attendance)
        form.addRow(texts.MIN_SCORE, self.min_score)
        form.addRow(self.require_executive)
        form.addRow(self.require_steering)
        form.addRow(texts.MIN_HOURS_STAFF, self.hours_staff)
        form.addRow(texts.MIN_HOURS_MANAGERS, self.hours_managers)

    def load(self, values: dict[str, Any]) -> None:
        self.min_attendance.setValue(int(values[settings.PASS_MIN_ATTENDANCE_PCT]))
        self.min_score.setValue(float(values[settings.PASS_MIN_SCORE]))
        self.require_executive.setChecked(bool(values[settings.REQUIRE_EXECUTIVE_APPROVAL]))
        self.require_steering.setChecked(bool(values[settings.REQUIRE_STEERING_APPROVAL]))
        self.hours_staff.setValue(int(values[settings.MIN_HOURS_STAFF]))
        self.hours_managers.setValue(int(values[settings.MIN_HOURS_MANAGERS]))

    def values(self) -> dict[str, Any]:
        score = self.min_score.value()
        return {
            settings.PASS_MIN_ATTENDANCE_PCT: self.min_attendance.value(),
            settings.PASS_MIN_SCORE: int(score) if score.is_integer() else score,
            settings.REQUIRE_EXECUTIVE_APPROVAL: self.require_executive.isChecked(),
            settings.REQUIRE_STEERING_APPROVAL: self.require_steering.isChecked(),
            settings.MIN_HOURS_STAFF: self.hours_staff.value(),
            settings.MIN_HOURS_MANAGERS: self.hours_managers.value(),
        }


class OfficeSettingsDialog(QDialog):
    def __init__(self, db: Database, user: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.user = user
        self.setWindowTitle(texts.SETTINGS_TITLE)
        self.setMinimumSize(620, 460)
        self.office = OfficeForm(self)
        self.signatories = SignatoriesForm(self)
        self.rules = RulesForm(self)
        self.pages = QTabWidget(self)
        self.pages.addTab(self.office, texts.TAB_PROFILE)
        self.pages.addTab(self.signatories, texts.TAB_SIGNATORIES)
        self.pages.addTab(self.rules, texts.TAB_RULES)
        self.error = ErrorLabel(self)
        buttons = ok_cancel(self, texts.SAVE)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        with self.db.session() as session:
            values = settings.all_settings(session)
        for form in (self.office, self.signatories, self.rules):
            form.load(values)

    def values(self) -> dict[str, Any]:
        """Every setting of the dialog; ``InvalidField`` shows the page of the bad field."""
        collected: dict[str, Any] = {}
        for page in (self.office, self.signatories, self.rules):
            try:
                collected.update(page.values())
            except InvalidField:
                self.pages.setCurrentWidget(page)
                raise
        return collected

    def save(self) -> None:
        try:
            values = self.values()
            with (
                translating_database_errors(),
                reporting_account_disabled(),
                reporting_conflicts(),
                self.db.session() as session,
            ):
                act_as(session, self.user.actor)
                save_settings(session, values)
        except InvalidField as error:
            self.error.show_message(error.message)
            return
        except (PermissionDenied, ConcurrentEditError, RuntimeError) as error:
            self.error.show_message(str(error))
            return
        self.accept()
