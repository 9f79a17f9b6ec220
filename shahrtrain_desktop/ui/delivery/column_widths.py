"""Columns as wide as their widest text, for the offering panels' tables.

``QHeaderView.ResizeToContents`` gives that, but it asks the model for every role of every
row (up to a thousand), and again on each layout: ~28,000 calls into Python for one offering's
scores, longer than the rest of the outcomes tab. The models keep their display texts; here
the widest text of each column is found from them and only that one cell is measured.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractItemModel, QObject, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

Texts = Sequence[Sequence[str]]  # display texts by row, then column


def fit_columns(view: QTableView, texts: Texts, columns: int) -> None:
    """Size the first ``columns`` columns to their header or widest text, as ResizeToContents
    would."""
    model, header, metrics = view.model(), view.horizontalHeader(), view.fontMetrics()
    grid = 1 if view.showGrid() else 0
    for column in range(columns):
        width = header.sectionSizeHint(column)
        row_of = {row[column]: i for i, row in enumerate(texts)}  # each distinct text once
        if row_of:
            widest = max(row_of, key=metrics.horizontalAdvance)
            cell = view.sizeHintForIndex(model.index(row_of[widest], column))
            width = max(width, cell.width() + grid)
        header.resizeSection(column, width)


class ColumnFitter(QObject):
    """Keeps a view's columns fitted to its model's texts: at once when the model is reset,
    and once per turn of the event loop after edits (filling a column changes every row)."""

    def __init__(
        self, view: QTableView, texts: Callable[[], Texts], columns: Callable[[], int]
    ) -> None:
        super().__init__(view)
        self.view, self.texts, self.columns = view, texts, columns
        self._pending = False
        # Neither rows nor columns are measured by the view itself.
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

    def watch(self, model: QAbstractItemModel) -> None:
        model.modelReset.connect(self.fit)
        model.dataChanged.connect(self.fit_soon)
        self.fit()

    def fit(self) -> None:
        self._pending = False
        fit_columns(self.view, self.texts(), self.columns())

    def fit_soon(self) -> None:
        if not self._pending:
            self._pending = True
            QTimer.singleShot(0, self, self.fit)
