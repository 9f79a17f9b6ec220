"""The import preview as a Qt table: one line per spreadsheet row, its action and problems."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from shahrtrain_desktop.persian import format_jalali_display, rtl_date_marks, to_persian_digits
from shahrtrain_desktop.services.importing import ACTION_LABELS, ImportPreview, RowAction
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.ui.table_model import TEXT_DIRECTION_ROLE

HEADERS = (
    "ردیف Excel",
    "نتیجه",
    "کد ملی",
    "نام",
    "نام خانوادگی",
    "نام پدر",
    "گروه",
    "تاریخ تولد",
    "مشکل‌ها و هشدارها",
)
ROW, ACTION, CODE, FIRST, LAST, FATHER, CATEGORY, BIRTH, NOTES = range(len(HEADERS))
LTR = {ROW, CODE}
DATES = {BIRTH}  # right to left, centred: the year at the right end
COLOURS = {
    RowAction.INVALID: QColor("#fde2e1"),
    RowAction.SKIP_EXISTING: QColor("#eeeeee"),
    RowAction.UPDATE: QColor("#fff4d6"),
}
WARNING_COLOUR = QColor("#fff9e6")

_Index = QModelIndex | QPersistentModelIndex


class PreviewModel(QAbstractTableModel):
    def __init__(self, preview: ImportPreview, parent: Any = None) -> None:
        super().__init__(parent)
        self.preview = preview
        self.update_existing = False
        self.only_problems = False
        self._rows = list(preview.rows)

    def set_options(self, update_existing: bool, only_problems: bool) -> None:
        self.beginResetModel()
        self.update_existing, self.only_problems = update_existing, only_problems
        rows = self.preview.rows
        self._rows = [r for r in rows if r.problems or r.warnings] if only_problems else list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def _text(self, row_index: int, column: int) -> str:
        row = self._rows[row_index]
        data, cells = row.data, row.cells
        if column == ROW:
            return to_persian_digits(row.excel_row)
        if column == ACTION:
            return ACTION_LABELS[row.action(self.update_existing)]
        if column == NOTES:
            notes = [*row.problems, *row.warnings]
            return "؛ ".join(
                f"ستون {n.column}: {n.message}" if n.column else n.message for n in notes
            )
        if data is None:
            raw = {
                CODE: "national_code",
                FIRST: "first_name",
                LAST: "last_name",
                FATHER: "father_name",
                CATEGORY: "category",
                BIRTH: "birth_date",
            }[column]
            text = cells.get(raw, "")
            if column in DATES:  # as typed, in the order every date on screen reads
                return rtl_date_marks(to_persian_digits(text))
            return to_persian_digits(text) if column in LTR else text
        values = {
            CODE: to_persian_digits(data.national_code),
            FIRST: data.first_name,
            LAST: data.last_name,
            FATHER: data.father_name or "",
            CATEGORY: label(data.category),
            BIRTH: format_jalali_display(data.birth_date),
        }
        return values[column]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(index.row(), index.column())
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = COLOURS.get(row.action(self.update_existing))
            if colour is None and row.warnings:
                colour = WARNING_COLOUR
            return QBrush(colour) if colour is not None else None
        if role == TEXT_DIRECTION_ROLE and index.column() in LTR:
            return Qt.LayoutDirection.LeftToRight
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in LTR | DATES:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def excel_row(self, row: int) -> int:
        return self._rows[row].excel_row
