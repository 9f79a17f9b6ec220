"""The scores table of one offering: typed in place, saved as typed, with the result and why.

Pre-test, post-test and final-test cells are editable; a value is read with the same rules
as everywhere (``۱۸٫۵``, ``۱۸/۵``, ``18.5``), saved at once through ``outcomes.set_score`` and
the row re-read (hours, result and reason follow). A refused value keeps the old one and the
reason is reported.

The display texts are formatted once per (re)load: painting asks ``data`` for every role of
every visible cell, and formatting numbers on each ask cost more than the rest of the tab.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import AssessmentKind, OutcomeResult
from shahrtrain_desktop.persian import to_persian_digits
from shahrtrain_desktop.services import outcomes
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.outcomes import OutcomeRow
from shahrtrain_desktop.ui.delivery.acting import try_act

_Index = QModelIndex | QPersistentModelIndex

NAME, CODE, HOURS, PERCENT, PRE, POST, FINAL, RESULT, REASON = range(9)
HEADERS = (
    "نام و نام خانوادگی",
    "کد ملی",
    "ساعت حضور",
    "درصد حضور",
    "پیش‌آزمون",
    "پس‌آزمون",
    "نمرهٔ نهایی",
    "نتیجه",
    "دلیل",
)
EDITABLE = {
    PRE: AssessmentKind.PRE_TEST,
    POST: AssessmentKind.POST_TEST,
    FINAL: AssessmentKind.FINAL,
}
FROM_POST = "نمرهٔ نهایی وارد نشده؛ پس‌آزمون به‌جای آن به کار می‌رود."
OVERRIDDEN = "نتیجه به دست کارشناس تغییر کرده است: {reason}"
PASSED_COLOUR, FAILED_COLOUR, GREY = "#2e7d32", "#b00020", "#8a8a8a"


def score_text(value: float | None) -> str:
    return "" if value is None else to_persian_digits(value, decimals=2)


def display_texts(row: OutcomeRow) -> tuple[str, ...]:
    """What each column shows for this trainee, in column order."""
    return (
        row.name,
        to_persian_digits(row.national_code),
        to_persian_digits(row.attended_hours, decimals=2),
        f"{to_persian_digits(row.attendance_pct, decimals=1)}٪",
        score_text(row.pre),
        score_text(row.post),
        score_text(row.final_test if row.final_test is not None else row.final),
        label(row.result) + (" *" if row.override_reason else ""),
        row.reason,
    )


class ScoresModel(QAbstractTableModel):
    refused = Signal(str)
    saved = Signal()

    def __init__(self, db: Database, user: SignedIn | None, parent: Any = None) -> None:
        super().__init__(parent)
        self.db, self.user = db, user
        self.offering_id: int | None = None
        self.rows: list[OutcomeRow] = []
        self.texts: list[tuple[str, ...]] = []  # the display text of each row, by column

    def load(self, offering_id: int | None) -> None:
        self.beginResetModel()
        self.offering_id = offering_id
        rows = []
        if offering_id is not None:
            with self.db.session() as session:
                rows = outcomes.outcome_rows(session, offering_id)
        self._set_rows(rows)
        self.endResetModel()

    def reload_rows(self) -> None:
        if self.offering_id is None:
            return
        with self.db.session() as session:
            self._set_rows(outcomes.outcome_rows(session, self.offering_id))
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, REASON))

    def _set_rows(self, rows: list[OutcomeRow]) -> None:
        self.rows = rows
        self.texts = [display_texts(row) for row in rows]

    def row_at(self, row: int) -> OutcomeRow:
        return self.rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self.rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts[index.row()][col]
        if role == Qt.ItemDataRole.EditRole:
            return score_text(row.final_test) if col == FINAL else self.texts[index.row()][col]
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == FINAL and row.final_test is None:
                return QBrush(QColor(GREY))
            if col == RESULT and row.result is not None:
                colour = PASSED_COLOUR if row.result == OutcomeResult.PASSED else FAILED_COLOUR
                return QBrush(QColor(colour))
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == FINAL and row.final_test is None and row.post is not None:
                return FROM_POST
            if col in (RESULT, REASON) and row.override_reason:
                return OVERRIDDEN.format(reason=row.override_reason)
            if col == REASON and row.reason:
                return row.reason
        if role == Qt.ItemDataRole.TextAlignmentRole and col not in (NAME, REASON):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.isValid() and index.column() in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or index.column() not in EDITABLE:
            return False
        kind = EDITABLE[index.column()]
        enrolment_id = self.rows[index.row()].enrolment_id
        _score, message = try_act(
            self.db, self.user, lambda s: outcomes.set_score(s, enrolment_id, kind, value)
        )
        if message is not None:
            self.refused.emit(message)
            return False
        self.reload_rows()
        self.saved.emit()
        return True
