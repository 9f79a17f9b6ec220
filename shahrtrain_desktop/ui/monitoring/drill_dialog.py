"""The list behind a dashboard number, in a plain right-to-left table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shahrtrain_desktop.persian import to_persian_digits
from shahrtrain_desktop.services.dashboard_drill import DrillList
from shahrtrain_desktop.ui.monitoring import texts


class DrillDialog(QDialog):
    def __init__(self, drill: DrillList, subtitle: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{drill.title} — {subtitle}" if subtitle else drill.title)
        self.resize(900, 560)
        self.table = QTableWidget(len(drill.rows), len(drill.headers), self)
        self.table.setHorizontalHeaderLabels(list(drill.headers))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        for r, row in enumerate(drill.rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        count = QLabel(
            texts.DRILL_TOTAL.format(
                shown=to_persian_digits(len(drill.rows)), total=to_persian_digits(drill.total)
            ),
            self,
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(count)
        layout.addWidget(buttons)
