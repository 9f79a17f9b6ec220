"""Level-3 follow-ups of one offering; a supervisor records the result of each."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.persian import format_jalali_display, to_persian_digits
from shahrtrain_desktop.services import follow_ups
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.follow_ups import FollowUpRow
from shahrtrain_desktop.services.permissions import Permission, allowed
from shahrtrain_desktop.ui.delivery.acting import act

HEADERS = ("نام و نام خانوادگی", "کد ملی", "موعد پیگیری", "امتیاز", "روش", "نتیجه")
RECORD = "ثبت نتیجهٔ پیگیری…"
EMPTY = "پیگیری‌ها هنگام بستن پروندهٔ دوره برای قبول‌شدگان برنامه‌ریزی می‌شوند."
DIALOG_TITLE = "نتیجهٔ پیگیری اثربخشی"
RATING = "امتیاز (۱ تا ۵)"
METHOD = "روش پیگیری"
RESULT = "آنچه دیده شد"


class FollowUpDialog(QDialog):
    def __init__(self, row: FollowUpRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(DIALOG_TITLE)
        form = QFormLayout(self)
        form.addRow(QLabel(f"{row.name} — {row.course_title}", self))
        self.rating = QSpinBox(self)
        self.rating.setRange(1, 5)
        self.rating.setValue(row.rating or 3)
        self.method = QLineEdit(row.method, self)
        self.result_text = QPlainTextEdit(row.result, self)
        form.addRow(RATING, self.rating)
        form.addRow(METHOD, self.method)
        form.addRow(RESULT, self.result_text)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(460, 280)


class FollowUpsPage(QWidget):
    def __init__(self, db: Database, user: SignedIn | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.user = db, user
        self.rows: list[FollowUpRow] = []
        self.offering_id: int | None = None
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _index: self.record())
        self.record_button = QPushButton(RECORD, self)
        self.record_button.clicked.connect(self.record)
        self.record_button.setVisible(
            user is not None and allowed(user.role, Permission.RECORD_SUPERVISION)
        )
        self.empty = QLabel(EMPTY, self)
        bar = QHBoxLayout()
        bar.addWidget(self.empty, 1)
        bar.addWidget(self.record_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        self.ask: Callable[[FollowUpRow], tuple[int, str, str] | None] = self._ask

    def load(self, offering_id: int | None) -> None:
        self.offering_id = offering_id
        self.rows = []
        if offering_id is not None:
            with self.db.session() as session:
                self.rows = follow_ups.follow_up_rows(session, offering_id)
        self.table.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            cells = (
                row.name,
                to_persian_digits(row.national_code),
                format_jalali_display(row.due_date),
                to_persian_digits(row.rating) if row.rating else "",
                row.method,
                row.result,
            )
            for col, text in enumerate(cells):
                self.table.setItem(i, col, QTableWidgetItem(text))
        self.empty.setVisible(not self.rows)

    def _ask(self, row: FollowUpRow) -> tuple[int, str, str] | None:
        dialog = FollowUpDialog(row, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.rating.value(), dialog.result_text.toPlainText(), dialog.method.text()

    def record(self) -> None:
        index = self.table.currentRow()
        if not 0 <= index < len(self.rows):
            return
        row = self.rows[index]
        answer = self.ask(row)
        if answer is None:
            return
        rating, result, method = answer
        ok, _saved = act(
            self,
            self.db,
            self.user,
            lambda s: follow_ups.record_follow_up(s, row.id, rating, result, method),
        )
        if ok:
            self.load(self.offering_id)
            self.table.selectRow(index)
