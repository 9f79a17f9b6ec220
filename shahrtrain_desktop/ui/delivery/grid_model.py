"""The attendance grid as a Qt model: trainees × sessions, then attended hours and percent.

The model holds the service's ``Grid``; an edit goes to ``attendance.record_marks`` in its own
transaction at once (nothing waits for a «save»), and the row's hours are recomputed from the
saved marks. A refused edit leaves the cell as it was and reports the reason. The display
texts are formatted once per load or edit, not on each of painting's many asks.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import AttendanceStatus
from shahrtrain_desktop.persian import format_jalali_display, to_persian_digits
from shahrtrain_desktop.services import attendance
from shahrtrain_desktop.services.attendance import Grid, Mark, SessionColumn, TraineeRow
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.ui.delivery.acting import try_act

_Index = QModelIndex | QPersistentModelIndex

NAME, CODE = 0, 1
FIRST_SESSION = 2
SHORT = {
    AttendanceStatus.PRESENT: "ح",
    AttendanceStatus.ABSENT: "غ",
    AttendanceStatus.LATE: "ت",
    AttendanceStatus.EXCUSED: "م",
}
COLOURS = {
    AttendanceStatus.PRESENT: "#e3f2e1",
    AttendanceStatus.ABSENT: "#f9dede",
    AttendanceStatus.LATE: "#fff1cc",
    AttendanceStatus.EXCUSED: "#e3ecf7",
}
WITHDRAWN_COLOUR = "#eeeeee"
HEADERS = ("نام و نام خانوادگی", "کد ملی")
HOURS, PERCENT = "ساعت حضور", "درصد حضور"
WITHDRAWN = "انصراف"
NOT_HELD = "برگزار نشده"


def session_header(column: SessionColumn) -> str:
    return f"جلسهٔ {to_persian_digits(column.number)}\n{format_jalali_display(column.date)}"


def cell_text(mark: tuple[AttendanceStatus, int] | None) -> str:
    if mark is None:
        return ""
    status, minutes = mark
    if status == AttendanceStatus.LATE and minutes:
        return f"{SHORT[status]} {to_persian_digits(minutes)}"
    return SHORT[status]


def row_texts(row: TraineeRow, sessions: list[SessionColumn]) -> tuple[str, ...]:
    """What each column shows for this trainee, in column order."""
    return (
        f"{row.name} ({WITHDRAWN})" if row.withdrawn else row.name,
        to_persian_digits(row.national_code),
        *(cell_text(row.marks.get(column.id)) for column in sessions),
        to_persian_digits(row.attended_hours, decimals=2),
        f"{to_persian_digits(row.attendance_pct, decimals=1)}٪",
    )


class AttendanceGridModel(QAbstractTableModel):
    refused = Signal(str)  # a Persian message
    saved = Signal(int)  # enrolment id whose marks changed

    def __init__(self, db: Database, user: SignedIn | None, parent: Any = None) -> None:
        super().__init__(parent)
        self.db, self.user = db, user
        self.grid: Grid | None = None
        self.today: date | None = None
        self.texts: list[tuple[str, ...]] = []  # the display text of each row, by column

    # -- loading ---------------------------------------------------------------------------

    def load(self, offering_id: int | None) -> None:
        self.beginResetModel()
        if offering_id is None:
            self.grid = None
        else:
            with self.db.session() as session:
                self.grid = attendance.load_grid(session, offering_id, self.today)
        self._format()
        self.endResetModel()

    def _format(self) -> None:
        sessions = self.sessions
        self.texts = [row_texts(row, sessions) for row in self.grid.rows] if self.grid else []

    @property
    def sessions(self) -> list[SessionColumn]:
        return self.grid.sessions if self.grid else []

    def session_at(self, column: int) -> SessionColumn | None:
        index = column - FIRST_SESSION
        return self.sessions[index] if 0 <= index < len(self.sessions) else None

    def row_at(self, row: int) -> TraineeRow:
        assert self.grid is not None
        return self.grid.rows[row]

    # -- Qt --------------------------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.grid is None else len(self.grid.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.grid is None else len(self.sessions) + 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section < FIRST_SESSION:
            return HEADERS[section]
        column = self.session_at(section)
        if column is not None:
            return session_header(column)
        return HOURS if section == FIRST_SESSION + len(self.sessions) else PERCENT

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or self.grid is None:
            return None
        row = self.grid.rows[index.row()]
        col = index.column()
        column = self.session_at(col)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts[index.row()][col]
        if role == Qt.ItemDataRole.ToolTipRole and column is not None:
            mark = row.marks.get(column.id)
            if not column.held:
                return NOT_HELD
            return label(mark[0]) if mark else None
        if role == Qt.ItemDataRole.TextAlignmentRole and col != NAME:
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.withdrawn:
                return QBrush(QColor(WITHDRAWN_COLOUR))
            if column is not None:
                mark = row.marks.get(column.id)
                if mark is not None:
                    return QBrush(QColor(COLOURS[mark[0]]))
                if not column.held:
                    return QBrush(QColor(WITHDRAWN_COLOUR))
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # -- editing ---------------------------------------------------------------------------

    def write(self, marks: list[Mark]) -> bool:
        """Save marks now; on success update the rows they touch, else report the refusal."""
        if self.grid is None or not marks:
            return False
        offering_id, today = self.grid.offering_id, self.today
        _hours, message = try_act(
            self.db,
            self.user,
            lambda s: attendance.record_marks(s, offering_id, marks, today),
        )
        if message is not None:
            self.refused.emit(message)
            return False
        rows = {r.enrolment_id: i for i, r in enumerate(self.grid.rows)}
        for mark in marks:
            row = self.grid.rows[rows[mark.enrolment_id]]
            if mark.status is None:
                row.marks.pop(mark.session_id, None)
            else:
                minutes = mark.minutes_late if mark.status == AttendanceStatus.LATE else 0
                row.marks[mark.session_id] = (mark.status, minutes)
        self.grid.recompute()
        self._format()
        for enrolment_id in {m.enrolment_id for m in marks}:
            i = rows[enrolment_id]
            self.dataChanged.emit(self.index(i, 0), self.index(i, self.columnCount() - 1))
            self.saved.emit(enrolment_id)
        return True

    def set_cell(
        self, row: int, column: int, status: AttendanceStatus | None, minutes: int = 0
    ) -> bool:
        session = self.session_at(column)
        if self.grid is None or session is None:
            return False
        return self.write([Mark(self.grid.rows[row].enrolment_id, session.id, status, minutes)])

    def all_present(self, column: int) -> int:
        """Fill the blank cells of a session column with «present»; returns how many."""
        session = self.session_at(column)
        if self.grid is None or session is None:
            return 0
        marks = [
            Mark(r.enrolment_id, session.id, AttendanceStatus.PRESENT)
            for r in self.grid.rows
            if not r.withdrawn and session.id not in r.marks
        ]
        return len(marks) if marks and self.write(marks) else 0
