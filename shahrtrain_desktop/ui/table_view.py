"""The table view every stage listing uses, and the delegate that keeps codes left to right."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFontMetrics, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.listings import Column, Kind
from shahrtrain_desktop.ui.table_model import TEXT_DIRECTION_ROLE, ListingTableModel

ROW_HEIGHT_FACTOR = 1.9  # of the font's line height
CELL_PADDING_PX = 24  # the item padding of the style sheet, and some air
SORT_INDICATOR_PX = 20
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"


class DirectionDelegate(QStyledItemDelegate):
    """Draws each cell in the text direction the model gives it.

    In a right-to-left view a code such as ``1405-QZ-000123`` would otherwise be reordered
    by the bidi algorithm into ``QZ-000123-1405``.
    """

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        direction = index.data(TEXT_DIRECTION_ROLE)
        if direction is not None:
            option.direction = Qt.LayoutDirection(direction)


def _content_width(metrics: QFontMetrics, column: Column) -> int:
    if column.enum is not None:  # the longest Persian label the column can show
        return max(metrics.horizontalAdvance(label(value)) for value in column.enum)
    if column.ltr or column.kind == Kind.DATE:  # codes, numbers, dates: in the widest digit
        return max(metrics.horizontalAdvance(d) for d in PERSIAN_DIGITS) * column.width
    return metrics.averageCharWidth() * column.width


class ListingView(QTableView):
    """Read-only, row-selecting, SQL-sorted table with fixed row heights (cheap at 100k rows)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setItemDelegate(DirectionDelegate(self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = self.verticalHeader()
        vertical.setVisible(False)
        # Fixed heights: the view never measures rows, so it never asks for rows it won't show.
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(int(self.fontMetrics().height() * ROW_HEIGHT_FACTOR))
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionsMovable(False)
        header.setStretchLastSection(False)

    def paintEvent(self, event: QPaintEvent) -> None:
        # Painting asks the model for each role of each visible cell: about a thousand calls
        # into Python. Made from C++, each call takes the interpreter lock anew, and while a
        # worker thread runs Python (a certificate batch) each take waits for it: a repaint
        # froze the window ~150 ms. Entered from Python, the paint holds the lock throughout
        # (tests/test_ui_never_frozen.py).
        super().paintEvent(event)

    def column_width(self, column: Column) -> int:
        """Wide enough for the column's longest expected text and for its header."""
        metrics = self.fontMetrics()
        title = metrics.horizontalAdvance(column.header) + SORT_INDICATOR_PX
        return max(_content_width(metrics, column), title) + CELL_PADDING_PX

    def set_listing_model(self, model: ListingTableModel) -> None:
        self.setModel(model)
        header = self.horizontalHeader()
        for i, column in enumerate(model.spec.columns):
            header.resizeSection(i, self.column_width(column))
        # Spare width goes to the widest text column (a title or a name), not to the last one.
        widest = max(
            (i for i, c in enumerate(model.spec.columns) if c.kind == Kind.TEXT),
            key=lambda i: model.spec.columns[i].width,
            default=len(model.spec.columns) - 1,
        )
        header.setSectionResizeMode(widest, QHeaderView.ResizeMode.Stretch)
        # Show the model's own order before enabling sorting (which calls model.sort()).
        header.setSortIndicator(model.sort_column(), model.sort_order())
        self.setSortingEnabled(True)
