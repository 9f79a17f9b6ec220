"""The editable table of an offering's sessions: Jalali date, weekday, start, end, topic."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget, QTableWidgetItem, QWidget

from shahrtrain_desktop.persian import (
    InvalidField,
    format_jalali_display,
    parse_jalali,
    to_ascii_digits,
    to_persian_digits,
    weekday_name,
)
from shahrtrain_desktop.services.schedule import SessionInput

SESSION_HEADERS = ("تاریخ", "روز", "آغاز", "پایان", "موضوع")
DATE_COLUMN, DAY_COLUMN = 0, 1
READ_COLUMNS = (0, 2, 3, 4)  # date, start, end, topic
BAD_TIME = "جلسهٔ {row}: ساعت «{text}» خوانا نیست (مانند ۰۸:۳۰ بنویسید)."
UNKNOWN_DAY = "؟"


def parse_time(text: str, row: int) -> time:
    """«۰۸:۳۰», «8.30» or «8» typed in a session row; a Persian message names the row."""
    clean = to_ascii_digits(text.strip()).replace("٫", ":").replace(".", ":")
    try:
        hours, _, minutes = clean.partition(":")
        return time(int(hours), int(minutes or 0))
    except ValueError:
        raise InvalidField(
            "sessions", BAD_TIME.format(row=to_persian_digits(row), text=text)
        ) from None


class SessionTable(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(SESSION_HEADERS), parent)
        self.setHorizontalHeaderLabels(list(SESSION_HEADERS))
        self.horizontalHeader().setStretchLastSection(True)
        self.itemChanged.connect(self._date_edited)

    def set_sessions(self, sessions: list[SessionInput]) -> None:
        self.setRowCount(0)
        for item in sessions:
            self.append(item)

    def append(self, item: SessionInput) -> None:
        row = self.rowCount()
        self.insertRow(row)
        texts = (
            format_jalali_display(item.date),
            weekday_name(item.date),
            to_persian_digits(f"{item.start_time:%H:%M}"),
            to_persian_digits(f"{item.end_time:%H:%M}"),
            item.topic,
        )
        for column, text in enumerate(texts):
            cell = QTableWidgetItem(text)
            if column < 4:
                cell.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            if column == DAY_COLUMN:
                cell.setFlags(cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.setItem(row, column, cell)

    def _date_edited(self, cell: QTableWidgetItem) -> None:
        """Keep the weekday beside a date the officer retyped."""
        if cell.column() != DATE_COLUMN:
            return
        day = self.item(cell.row(), DAY_COLUMN)
        if day is None:
            return
        try:
            day.setText(weekday_name(parse_jalali(cell.text())))
        except InvalidField:
            day.setText(UNKNOWN_DAY)

    def text_at(self, row: int, column: int) -> str:
        item = self.item(row, column)
        return item.text() if item is not None else ""

    def sessions(self) -> list[SessionInput]:
        """The rows as typed; :class:`InvalidField` names the first unreadable one."""
        result = []
        for row in range(self.rowCount()):
            day, start, end, topic = (self.text_at(row, c) for c in READ_COLUMNS)
            result.append(
                SessionInput(
                    parse_jalali(day, f"session_{row + 1}"),
                    parse_time(start, row + 1),
                    parse_time(end, row + 1),
                    topic,
                )
            )
        return result
