"""The delivery panel of one offering: status, legend, the attendance grid and its actions."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from shahrtrain_desktop.models import Offering
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.persian import to_persian_digits
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.permissions import Permission, allowed
from shahrtrain_desktop.services.reports.attendance_sheet import write_attendance_sheet
from shahrtrain_desktop.ui.delivery.grid_model import AttendanceGridModel
from shahrtrain_desktop.ui.delivery.grid_view import LEGEND, AttendanceGridView
from shahrtrain_desktop.ui.delivery.printing import ask_pdf_path, write_pdf_in_background
from shahrtrain_desktop.ui.delivery.status_actions import StatusActions
from shahrtrain_desktop.ui.worker import Worker

PICK = "یک دوره را از فهرست بالا برگزینید تا جدول حضور و غیاب آن باز شود."
HEADING = "{code} — {title}"
ALL_PRESENT = "همه حاضر (این جلسه)"
PRINT_SHEET = "چاپ فهرست امضا…"
SHEET_TITLE = "فهرست حضور و غیاب"
SHEET_DONE = "فهرست حضور و غیاب در {path} ساخته شد."
FILLED = "{count} خانهٔ خالی این جلسه «حاضر» شد."
SAVED = "ذخیره شد."
ALL_PRESENT_KEY = "Ctrl+Shift+H"


class AttendancePanel(QWidget):
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
        self.heading = QLabel(PICK, self)
        self.heading.setObjectName("panelHeading")
        self.status = StatusActions(db, user, self)
        self.status.changed.connect(self._status_changed)
        self.all_present_button = QPushButton(ALL_PRESENT, self)
        self.all_present_button.clicked.connect(self.all_present)
        self.print_button = QPushButton(PRINT_SHEET, self)
        self.print_button.clicked.connect(self.print_sheet)
        self.legend = QLabel(LEGEND, self)
        self.legend.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("panelMessage")
        self.model = AttendanceGridModel(db, user, self)
        self.model.refused.connect(self._refused)
        self.model.saved.connect(lambda _id: self._say(SAVED))
        self.view = AttendanceGridView(self)
        self.view.setModel(self.model)
        QShortcut(QKeySequence(ALL_PRESENT_KEY), self, self.all_present)

        actions = QHBoxLayout()
        actions.addWidget(self.status)
        actions.addWidget(self.all_present_button)
        actions.addWidget(self.print_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(actions)
        layout.addWidget(self.legend)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        self._enable()

    @property
    def today(self) -> date | None:
        return self.model.today

    @today.setter
    def today(self, value: date | None) -> None:
        self.model.today = value
        self.status.today = value

    def _enable(self) -> None:
        has = self.offering_id is not None
        may = self.user is not None and allowed(self.user.role, Permission.RECORD_ATTENDANCE)
        self.all_present_button.setEnabled(has and may)
        self.print_button.setEnabled(has)

    def show_offering(self, offering_id: int | None) -> None:
        self.offering_id = offering_id
        self.message.clear()
        if offering_id is None:
            self.heading.setText(PICK)
        else:
            with self.db.session() as session:
                offering = session.get(Offering, offering_id)
                if offering is not None:
                    self.heading.setText(
                        HEADING.format(code=offering.code, title=offering.course.title)
                    )
        self.status.set_offering(offering_id)
        self.model.load(offering_id)
        self.view.first_blank_cell()
        self._enable()

    def all_present(self) -> None:
        column = self.view.currentIndex().column()
        filled = self.model.all_present(column)
        if filled:
            self._say(FILLED.format(count=to_persian_digits(filled)))
            self.changed.emit()

    def print_sheet(self) -> None:
        if self.offering_id is None:
            return
        path = self.choose_path(self, f"attendance-{self.offering_id}.pdf")
        if path is None:
            return
        write_pdf_in_background(
            self.worker(),
            self,
            SHEET_TITLE,
            write_attendance_sheet,
            self.offering_id,
            path,
            lambda done: self._say(SHEET_DONE.format(path=done)),
        )

    def _status_changed(self, offering_id: int) -> None:
        current = self.view.currentIndex()
        self.model.load(offering_id)
        if current.isValid():
            self.view.selectionModel().setCurrentIndex(
                self.model.index(current.row(), current.column()),
                QItemSelectionModel.SelectionFlag.ClearAndSelect,
            )
        self.changed.emit()

    def _refused(self, message: str) -> None:
        self._say(message, error=True)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "color: #2e7d32;")
        self.message.setText(text)
