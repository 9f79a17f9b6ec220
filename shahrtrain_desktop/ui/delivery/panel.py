"""The delivery panel of one offering: status, legend, the attendance grid and its actions.

Each key in the grid is saved at once (``AttendanceGridModel``), so nothing waits in an editor.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton

from shahrtrain_desktop.persian import to_persian_digits
from shahrtrain_desktop.services.permissions import Permission, allowed
from shahrtrain_desktop.services.reports.attendance_sheet import write_attendance_sheet
from shahrtrain_desktop.ui.delivery.grid_model import AttendanceGridModel
from shahrtrain_desktop.ui.delivery.grid_view import LEGEND, AttendanceGridView
from shahrtrain_desktop.ui.offering_panel import OfferingPanel

PICK = "یک دوره را از فهرست بالا برگزینید تا جدول حضور و غیاب آن باز شود."
ALL_PRESENT = "همه حاضر (این جلسه)"
PRINT_SHEET = "چاپ فهرست امضا…"
SHEET_TITLE = "فهرست حضور و غیاب"
SHEET_DONE = "فهرست حضور و غیاب در {path} ساخته شد."
FILLED = "{count} خانهٔ خالی این جلسه «حاضر» شد."
SAVED = "ذخیره شد."
ALL_PRESENT_KEY = "Ctrl+Shift+H"


class AttendancePanel(OfferingPanel):
    pick_text = PICK

    def build(self) -> None:
        db, user = self.db, self.user
        self.all_present_button = QPushButton(ALL_PRESENT, self)
        self.all_present_button.clicked.connect(self.all_present)
        self.print_button = QPushButton(PRINT_SHEET, self)
        self.print_button.clicked.connect(self.print_sheet)
        self.legend = QLabel(LEGEND, self)
        self.legend.setWordWrap(True)
        self.model = AttendanceGridModel(db, user, self)
        self.model.refused.connect(lambda text: self.say(text, error=True))
        self.model.saved.connect(lambda _id: self.say(SAVED))
        self.view = AttendanceGridView(self)
        self.view.setModel(self.model)
        QShortcut(QKeySequence(ALL_PRESENT_KEY), self, self.all_present)

        actions = QHBoxLayout()
        actions.addWidget(self.all_present_button)
        actions.addWidget(self.print_button)
        actions.addStretch(1)
        self.body.addLayout(actions)
        self.body.addWidget(self.legend)
        self.body.addWidget(self.message)
        self.body.addWidget(self.view, 1)
        self._enable()

    def set_today(self, day: date | None) -> None:
        super().set_today(day)
        self.model.today = day

    def _enable(self) -> None:
        has = self.offering_id is not None
        may = self.user is not None and allowed(self.user.role, Permission.RECORD_ATTENDANCE)
        self.all_present_button.setEnabled(has and may)
        self.print_button.setEnabled(has)

    def load_offering(self, offering_id: int | None) -> None:
        self.model.load(offering_id)
        self.view.first_blank_cell()
        self._enable()

    def all_present(self) -> None:
        column = self.view.currentIndex().column()
        filled = self.model.all_present(column)
        if filled:
            self.say(FILLED.format(count=to_persian_digits(filled)))
            self.changed.emit()

    def print_sheet(self) -> None:
        self.print_pdf(SHEET_TITLE, write_attendance_sheet, "attendance", SHEET_DONE)

    def reload_after_status(self, offering_id: int) -> None:
        """Re-read the grid (the guards may now allow more) and keep the cursor where it was."""
        current = self.view.currentIndex()
        self.model.load(offering_id)
        if current.isValid():
            self.view.selectionModel().setCurrentIndex(
                self.model.index(current.row(), current.column()),
                QItemSelectionModel.SelectionFlag.ClearAndSelect,
            )
