"""The outcomes panel of one offering: scores and results, questionnaire, follow-ups, with the
status button, the override and the outcome report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import OfferingStatus, OutcomeResult
from shahrtrain_desktop.persian import to_persian_digits
from shahrtrain_desktop.services import outcomes
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.offering_status import offerings_in
from shahrtrain_desktop.services.permissions import Permission, allowed
from shahrtrain_desktop.services.reports.offering_outcome import write_outcome_report
from shahrtrain_desktop.ui.delivery.acting import act
from shahrtrain_desktop.ui.delivery.printing import ask_pdf_path, write_pdf_in_background
from shahrtrain_desktop.ui.delivery.status_actions import StatusActions
from shahrtrain_desktop.ui.outcomes.follow_ups_page import FollowUpsPage
from shahrtrain_desktop.ui.outcomes.override_dialog import OverrideDialog
from shahrtrain_desktop.ui.outcomes.questionnaire_page import QuestionnairePage
from shahrtrain_desktop.ui.outcomes.scores_model import PRE, ScoresModel
from shahrtrain_desktop.ui.outcomes.scores_view import ScoresView
from shahrtrain_desktop.ui.worker import Worker

OFFERING = "دوره:"
PAGES = ("نمره‌ها و نتیجه", "پرسش‌نامهٔ واکنش", "پیگیری اثربخشی")
OVERRIDE = "تغییر نتیجه…"
CLEAR_OVERRIDE = "بازگشت به نتیجهٔ قواعد"
REPORT = "گزارش برونداد (PDF)…"
REPORT_TITLE = "گزارش برونداد دوره"
REPORT_DONE = "گزارش برونداد در {path} ساخته شد."
SUMMARY = "فراگیران: {enrolled}   قبول: {passed}   مردود: {failed}   بی‌نتیجه: {pending}"
HINT = "نمره را در خانهٔ آن بنویسید (۱۸٫۵، ۱۸/۵ یا 18.5) و Enter بزنید؛ هر نمره همان‌جا ذخیره می‌شود."
SAVED = "ذخیره شد."
STATUSES = (OfferingStatus.RUNNING, OfferingStatus.FINISHED, OfferingStatus.CLOSED)


class OutcomesPanel(QWidget):
    changed = Signal()

    def __init__(
        self,
        db: Database,
        user: SignedIn | None,
        worker: Callable[[], Worker],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.user, self.worker = db, user, worker
        self.offering_id: int | None = None
        self.choose_path: Callable[[QWidget, str], Path | None] = ask_pdf_path
        self.ask_override: Callable[[OverrideDialog], bool] = lambda d: bool(
            d.exec() == QDialog.DialogCode.Accepted
        )
        self.offering = QComboBox(self)
        self.offering.currentIndexChanged.connect(self._picked)
        self.status = StatusActions(db, user, self)
        self.status.changed.connect(self._status_changed)
        self.override_button = QPushButton(OVERRIDE, self)
        self.override_button.clicked.connect(self.override)
        self.clear_button = QPushButton(CLEAR_OVERRIDE, self)
        self.clear_button.clicked.connect(self.clear_override)
        self.report_button = QPushButton(REPORT, self)
        self.report_button.clicked.connect(self.print_report)
        may_score = user is not None and allowed(user.role, Permission.ENTER_SCORES)
        self.override_button.setVisible(may_score)
        self.clear_button.setVisible(may_score)
        self.summary = QLabel(self)
        self.message = QLabel(self)
        self.model = ScoresModel(db, user, self)
        self.model.refused.connect(lambda text: self._say(text, error=True))
        self.model.saved.connect(self._scores_saved)
        self.view = ScoresView(self)
        self.view.setModel(self.model)
        self.questionnaire = QuestionnairePage(db, user, self)
        self.follow_ups = FollowUpsPage(db, user, self)
        scores_page = QWidget(self)
        scores_layout = QVBoxLayout(scores_page)
        scores_layout.addWidget(QLabel(HINT, scores_page))
        scores_layout.addWidget(self.view, 1)
        self.pages = QTabWidget(self)
        for page, title in zip(
            (scores_page, self.questionnaire, self.follow_ups), PAGES, strict=True
        ):
            self.pages.addTab(page, title)

        top = QHBoxLayout()
        top.addWidget(QLabel(OFFERING, self))
        top.addWidget(self.offering, 1)
        top.addWidget(self.status)
        actions = QHBoxLayout()
        actions.addWidget(self.override_button)
        actions.addWidget(self.clear_button)
        actions.addWidget(self.report_button)
        actions.addStretch(1)
        actions.addWidget(self.summary)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(self.pages, 1)

    @property
    def today(self) -> date | None:
        return self.status.today

    @today.setter
    def today(self, value: date | None) -> None:
        self.status.today = value

    # -- choosing the offering ---------------------------------------------------------------

    def _fill_choices(self) -> None:
        with self.db.session() as session:
            choices = offerings_in(session, STATUSES)
        self.offering.blockSignals(True)
        self.offering.clear()
        for offering_id, text in choices:
            self.offering.addItem(text, offering_id)
        self.offering.setCurrentIndex(-1)
        self.offering.blockSignals(False)

    def reload_offerings(self) -> None:
        """Re-read the offerings to choose from, keeping the one shown (else the first)."""
        keep = self.offering_id
        self._fill_choices()
        if keep is not None:
            self.show_offering(keep)
        elif self.offering.count():
            self.offering.setCurrentIndex(0)

    def show_offering(self, offering_id: int) -> None:
        if self.offering.findData(offering_id) < 0:
            self._fill_choices()
        index = self.offering.findData(offering_id)
        if index >= 0 and index != self.offering.currentIndex():
            self.offering.setCurrentIndex(index)  # _picked loads it
        else:
            self._load(offering_id)

    def _picked(self) -> None:
        data = self.offering.currentData()
        self._load(data if isinstance(data, int) else None)

    def _load(self, offering_id: int | None) -> None:
        self.offering_id = offering_id
        self.message.clear()
        self.status.set_offering(offering_id)
        self.model.load(offering_id)
        self.questionnaire.load(offering_id, [(r.enrolment_id, r.name) for r in self.model.rows])
        self.follow_ups.load(offering_id)
        self._summarise()
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, PRE))

    def _summarise(self) -> None:
        rows = self.model.rows
        passed = sum(1 for r in rows if r.result == OutcomeResult.PASSED)
        failed = sum(1 for r in rows if r.result == OutcomeResult.FAILED)
        self.summary.setText(
            SUMMARY.format(
                enrolled=to_persian_digits(len(rows)),
                passed=to_persian_digits(passed),
                failed=to_persian_digits(failed),
                pending=to_persian_digits(len(rows) - passed - failed),
            )
        )

    # -- actions -------------------------------------------------------------------------------

    def _scores_saved(self) -> None:
        self._say(SAVED)
        self._summarise()
        self.changed.emit()

    def _status_changed(self, offering_id: int) -> None:
        self._load(offering_id)
        self.changed.emit()

    def _current_row(self) -> outcomes.OutcomeRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def override(self) -> None:
        row = self._current_row()
        if row is None:
            return
        dialog = OverrideDialog(row.name, row.result, row.reason, self)
        if not self.ask_override(dialog):
            return
        result, reason = dialog.chosen_result(), dialog.reason_text()
        ok, _ = act(
            self,
            self.db,
            self.user,
            lambda s: outcomes.override_result(s, row.enrolment_id, result, reason),
        )
        if ok:
            self._after_result_change()

    def clear_override(self) -> None:
        row = self._current_row()
        if row is None or not row.override_reason:
            return
        ok, _ = act(
            self, self.db, self.user, lambda s: outcomes.clear_override(s, row.enrolment_id)
        )
        if ok:
            self._after_result_change()

    def _after_result_change(self) -> None:
        self.model.reload_rows()
        self._summarise()
        self.changed.emit()

    def print_report(self) -> None:
        if self.offering_id is None:
            return
        path = self.choose_path(self, f"outcome-{self.offering_id}.pdf")
        if path is None:
            return
        write_pdf_in_background(
            self.worker(),
            self,
            REPORT_TITLE,
            write_outcome_report,
            self.offering_id,
            path,
            lambda done: self._say(REPORT_DONE.format(path=done)),
        )

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "color: #2e7d32;")
        self.message.setText(text)
