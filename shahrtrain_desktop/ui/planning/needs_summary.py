"""Needs of a year by topic × target group: how many needs and people, and what is unplanned."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.persian import to_persian_digits
from shahrtrain_desktop.services.needs import needs_summary

TITLE = "خلاصهٔ نیازهای سال {year} (موضوع × گروه هدف)"


class NeedsSummaryDialog(QDialog):
    def __init__(self, db: Database, year: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE.format(year=to_persian_digits(year)))
        self.resize(900, 560)
        with db.session() as session:
            header, rows = needs_summary(session, year).table()
        self.table = QTableWidget(len(rows), len(header), self)
        self.table.setHorizontalHeaderLabels(header)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
