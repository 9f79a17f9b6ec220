"""The attendance grid's view: filled from the keyboard.

A single key marks the current cell and moves down the column, so a session is typed in one
pass from top to bottom (as the paper sheet reads). Persian and Latin keys both work:
ح/P present, غ/A absent, ت/L late (asks for the minutes), م/E excused; Delete clears.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QInputDialog, QTableView, QWidget

from shahrtrain_desktop.models.enums import AttendanceStatus
from shahrtrain_desktop.ui.delivery.column_widths import ColumnFitter
from shahrtrain_desktop.ui.delivery.grid_model import FIRST_SESSION, AttendanceGridModel

KEYS: dict[str, AttendanceStatus] = {
    "ح": AttendanceStatus.PRESENT,
    "p": AttendanceStatus.PRESENT,
    "غ": AttendanceStatus.ABSENT,
    "a": AttendanceStatus.ABSENT,
    "ت": AttendanceStatus.LATE,
    "l": AttendanceStatus.LATE,
    "م": AttendanceStatus.EXCUSED,
    "e": AttendanceStatus.EXCUSED,
}
LEGEND = (
    "کلیدها: ح یا P = حاضر   غ یا A = غایب   ت یا L = با تأخیر   م یا E = غیبت موجه   "
    "Delete = پاک کردن   پیکان‌ها = جابه‌جایی   Ctrl+Shift+H = همه حاضر در این جلسه"
)
MINUTES_TITLE = "تأخیر"
MINUTES_PROMPT = "چند دقیقه تأخیر؟"
DEFAULT_MINUTES = 15


class AttendanceGridView(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.columns = ColumnFitter(  # every column fits its header or widest text
            self, lambda: self.grid_model().texts, lambda: self.grid_model().columnCount()
        )
        self.ask_minutes = self._ask_minutes  # tests replace it

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is not None:
            self.columns.watch(model)

    def grid_model(self) -> AttendanceGridModel:
        model = self.model()
        assert isinstance(model, AttendanceGridModel)
        return model

    def _ask_minutes(self) -> int | None:
        minutes, ok = QInputDialog.getInt(
            self, MINUTES_TITLE, MINUTES_PROMPT, DEFAULT_MINUTES, 1, 600
        )
        return minutes if ok else None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        model = self.grid_model()
        on_session = index.isValid() and model.session_at(index.column()) is not None
        key_text = event.text().lower()
        if on_session and key_text in KEYS:
            status = KEYS[key_text]
            minutes = 0
            if status == AttendanceStatus.LATE:
                asked = self.ask_minutes()
                if asked is None:
                    return
                minutes = asked
            if model.set_cell(index.row(), index.column(), status, minutes):
                self._step_down()
            return
        if on_session and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            model.set_cell(index.row(), index.column(), None)
            return
        super().keyPressEvent(event)

    def _step_down(self) -> None:
        """To the next trainee below who can be marked (withdrawn ones are skipped)."""
        index = self.currentIndex()
        model = self.grid_model()
        for row in range(index.row() + 1, model.rowCount()):
            if not model.row_at(row).withdrawn:
                self.setCurrentIndex(index.sibling(row, index.column()))
                return

    def first_blank_cell(self) -> None:
        """Put the cursor where typing should start: the first session column with blanks."""
        model = self.grid_model()
        for column in range(FIRST_SESSION, FIRST_SESSION + len(model.sessions)):
            session = model.session_at(column)
            if session is None or not session.held:
                continue
            for row in range(model.rowCount()):
                trainee = model.row_at(row)
                if not trainee.withdrawn and session.id not in trainee.marks:
                    self.setCurrentIndex(model.index(row, column))
                    return
        if model.rowCount():
            self.setCurrentIndex(model.index(0, FIRST_SESSION))
