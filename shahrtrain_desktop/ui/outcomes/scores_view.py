"""The scores table's view: type a score, Enter saves it and moves to the next trainee."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QTableView, QWidget

from shahrtrain_desktop.ui.delivery.column_widths import ColumnFitter
from shahrtrain_desktop.ui.outcomes.scores_model import REASON, ScoresModel


class ScoresView(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.verticalHeader().setVisible(False)
        # Every column but the reason (the last, it stretches) fits its widest text.
        self.columns = ColumnFitter(self, self._texts, lambda: REASON)
        self.horizontalHeader().setStretchLastSection(True)
        self.setWordWrap(False)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        super().setModel(model)
        if model is not None:
            self.columns.watch(model)

    def _texts(self) -> list[tuple[str, ...]]:
        model = self.model()
        return model.texts if isinstance(model, ScoresModel) else []

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            index = self.currentIndex()
            below = index.sibling(index.row() + 1, index.column())
            if below.isValid():
                self.setCurrentIndex(below)
