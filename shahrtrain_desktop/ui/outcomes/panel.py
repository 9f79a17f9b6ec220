"""The outcomes panel of one offering: scores and results, questionnaire, follow-ups, with the
status button, the override and the outcome report."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shahrtrain_desktop.models.enums import OfferingStatus, OutcomeResult
from shahrtrain_desktop.persian import to_persian_digits
from shahrtrain_desktop.services import outcomes
from shahrtrain_desktop.services.permissions import Permission, allowed
from shahrtrain_desktop.services.reports.offering_outcome import write_outcome_report
from shahrtrain_desktop.ui.delivery.acting import act
from shahrtrain_desktop.ui.offering_panel import OfferingPanel
from shahrtrain_desktop.ui.outcomes.follow_ups_page import FollowUpsPage
from shahrtrain_desktop.ui.outcomes.override_dialog import OverrideDialog
from shahrtrain_desktop.ui.outcomes.questionnaire_items_dialog import QuestionnaireItemsDialog
from shahrtrain_desktop.ui.outcomes.questionnaire_page import QuestionnairePage
from shahrtrain_desktop.ui.outcomes.scores_model import PRE, ScoresModel
from shahrtrain_desktop.ui.outcomes.scores_view import ScoresView

PAGES = ("نمره‌ها و نتیجه", "پرسش‌نامهٔ واکنش", "پیگیری اثربخشی")
OVERRIDE = "تغییر نتیجه…"
CLEAR_OVERRIDE = "بازگشت به نتیجهٔ قواعد"
REPORT = "گزارش برونداد (PDF)…"
ITEMS = "پرسش‌های پرسش‌نامه…"
REPORT_TITLE = "گزارش برونداد دوره"
REPORT_DONE = "گزارش برونداد در {path} ساخته شد."
SUMMARY = "فراگیران: {enrolled}   قبول: {passed}   مردود: {failed}   بی‌نتیجه: {pending}"
HINT = "نمره را در خانهٔ آن بنویسید (۱۸٫۵، ۱۸/۵ یا 18.5) و Enter بزنید؛ هر نمره همان‌جا ذخیره می‌شود."
SAVED = "ذخیره شد."
STATUSES = (OfferingStatus.RUNNING, OfferingStatus.FINISHED, OfferingStatus.CLOSED)


class OutcomesPanel(OfferingPanel):
    pick_from = STATUSES

    def build(self) -> None:
        db, user = self.db, self.user
        self.ask_override: Callable[[OverrideDialog], bool] = lambda d: bool(
            d.exec() == QDialog.DialogCode.Accepted
        )
        self.edit_items: Callable[[QuestionnaireItemsDialog], object] = lambda d: d.exec()
        self.override_button = QPushButton(OVERRIDE, self)
        self.override_button.clicked.connect(self.override)
        self.clear_button = QPushButton(CLEAR_OVERRIDE, self)
        self.clear_button.clicked.connect(self.clear_override)
        self.report_button = QPushButton(REPORT, self)
        self.report_button.clicked.connect(self.print_report)
        self.items_button = QPushButton(ITEMS, self)
        self.items_button.clicked.connect(self.edit_questionnaire_items)
        may_score = user is not None and allowed(user.role, Permission.ENTER_SCORES)
        self.override_button.setVisible(may_score)
        self.clear_button.setVisible(may_score)
        self.items_button.setVisible(
            user is not None and allowed(user.role, Permission.MANAGE_SETTINGS)
        )
        self.summary = QLabel(self)
        self.model = ScoresModel(db, user, self)
        self.model.refused.connect(lambda text: self.say(text, error=True))
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
        self.pages.currentChanged.connect(self.message.clear)  # a message speaks of its page

        actions = QHBoxLayout()
        actions.addWidget(self.override_button)
        actions.addWidget(self.clear_button)
        actions.addWidget(self.report_button)
        actions.addWidget(self.items_button)
        actions.addStretch(1)
        actions.addWidget(self.summary)
        self.body.addLayout(actions)
        self.body.addWidget(self.message)
        self.body.addWidget(self.pages, 1)

    # -- the offering --------------------------------------------------------------------------

    def load_offering(self, offering_id: int | None) -> None:
        self.model.load(offering_id)
        self.questionnaire.load(offering_id, [(r.enrolment_id, r.name) for r in self.model.rows])
        self.follow_ups.load(offering_id)
        self._summarise()
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, PRE))

    def edit_views(self) -> list[QAbstractItemView]:
        return [self.view]

    def keep_other_edits(self) -> bool:
        return self.questionnaire.keep_typed()

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
        self.say(SAVED)
        self._summarise()
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
        self.print_pdf(REPORT_TITLE, write_outcome_report, "outcome", REPORT_DONE)

    def edit_questionnaire_items(self) -> None:
        """Edit the questionnaire's items, then show the offering's form as it now reads."""
        if not self.questionnaire.keep_typed():
            return
        dialog = QuestionnaireItemsDialog(self.db, self.user, self)
        self.edit_items(dialog)
        if dialog.changed and self.offering_id is not None:
            self.questionnaire.load(
                self.offering_id, [(r.enrolment_id, r.name) for r in self.model.rows]
            )
