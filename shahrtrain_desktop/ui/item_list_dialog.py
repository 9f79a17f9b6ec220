"""A settings list of ordered items (checklist, questionnaire): add, edit, reorder, retire.

Each change is saved at once through the subclass's service call (which checks the settings
permission); a refusal is shown under the table in Persian and nothing is saved. Subclasses
say what a row shows and which service functions change it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.ui.delivery.acting import try_act

ADD = "افزودن…"
EDIT = "ویرایش…"
UP, DOWN = "بالا (Alt+↑)", "پایین (Alt+↓)"
RETIRE, RESTORE = "کنار گذاشتن", "بازگرداندن"
CLOSE = "بستن"
SAVED = "ذخیره شد."
ERROR_STYLE, DONE_STYLE = "color: #b00020;", "color: #2e7d32;"
RETIRED_COLOUR = "#8a8a8a"


class ItemEditor(QDialog):
    """One item's text with OK and Cancel; a subclass inserts its own rows below the text
    (``form.insertRow(1, …)``) and reads them in its ``answer``."""

    def __init__(self, title: str, caption: str, text: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.text = QLineEdit(text, self)
        self.text.setMinimumWidth(420)
        self.form.addRow(caption, self.text)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)

    def accepted_now(self) -> bool:
        return self.exec() == QDialog.DialogCode.Accepted


@dataclass(frozen=True)
class ListedItem:
    id: int
    cells: Sequence[str]  # what the row shows, one string per column
    active: bool


class ItemListDialog(QDialog):
    """Subclasses set ``headers`` and ``stretch_column`` and implement ``load``, ``add``,
    ``edit`` (through ``save``), ``move_item`` and ``set_active``."""

    headers: Sequence[str] = ()
    stretch_column = 1

    def __init__(
        self,
        db: Database,
        user: SignedIn | None,
        title: str,
        hint: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.user = db, user
        self.changed = False
        self.rows: list[ListedItem] = []
        self.setWindowTitle(title)
        self.resize(780, 480)
        note = QLabel(hint, self)
        note.setWordWrap(True)
        self.table = QTableWidget(0, len(self.headers), self)
        self.table.setHorizontalHeaderLabels(list(self.headers))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(self.stretch_column, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit_current())
        self.table.currentCellChanged.connect(lambda *_: self._enable())
        self.message = QLabel(self)
        self.message.setWordWrap(True)

        self.buttons: dict[str, QPushButton] = {}
        bar = QHBoxLayout()
        for key, text, slot in (
            ("add", ADD, self.add_item),
            ("edit", EDIT, self.edit_current),
            ("up", UP, lambda: self.move_current(-1)),
            ("down", DOWN, lambda: self.move_current(1)),
            ("retire", RETIRE, self.toggle_active),
        ):
            button = QPushButton(text, self)
            button.clicked.connect(slot)
            bar.addWidget(button)
            self.buttons[key] = button
        retire = self.buttons["retire"]  # wide enough for either of its texts
        retire.setMinimumWidth(
            max(retire.fontMetrics().horizontalAdvance(t) for t in (RETIRE, RESTORE)) + 32
        )
        bar.addStretch(1)
        close = QPushButton(CLOSE, self)
        close.clicked.connect(self.accept)
        bar.addWidget(close)
        QShortcut(QKeySequence("Alt+Up"), self, lambda: self.move_current(-1))
        QShortcut(QKeySequence("Alt+Down"), self, lambda: self.move_current(1))
        QShortcut(QKeySequence("Insert"), self, self.add_item)
        QShortcut(QKeySequence("F2"), self, self.edit_current)

        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(bar)
        self.reload()
        if self.rows:
            self.table.setCurrentCell(0, self.stretch_column)
        self.table.setFocus()

    # -- what subclasses provide ---------------------------------------------------------------

    def load(self, session: Session) -> list[ListedItem]:
        raise NotImplementedError

    def add_item(self) -> bool:
        raise NotImplementedError

    def edit_item(self, row: ListedItem) -> bool:
        raise NotImplementedError

    def move_item(self, session: Session, item_id: int, step: int) -> object:
        raise NotImplementedError

    def set_active(self, session: Session, item_id: int, active: bool) -> object:
        raise NotImplementedError

    # -- showing -------------------------------------------------------------------------------

    def reload(self, keep: int | None = None) -> None:
        with self.db.session() as session:
            self.rows = self.load(session)
        self.table.setRowCount(len(self.rows))
        for i, row in enumerate(self.rows):
            for col, text in enumerate(row.cells):
                cell = QTableWidgetItem(text)
                if not row.active:
                    cell.setForeground(QBrush(QColor(RETIRED_COLOUR)))
                self.table.setItem(i, col, cell)
        ids = [row.id for row in self.rows]
        if keep is not None and keep in ids:
            self.table.setCurrentCell(ids.index(keep), self.stretch_column)
        self._enable()

    def current(self) -> ListedItem | None:
        index = self.table.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def _enable(self) -> None:
        row = self.current()
        for key in ("edit", "up", "down", "retire"):
            self.buttons[key].setEnabled(row is not None)
        self.buttons["retire"].setText(RESTORE if row is not None and not row.active else RETIRE)

    # -- changing ------------------------------------------------------------------------------

    def save(self, change: Callable[[Session], object], keep: int | None = None) -> bool:
        """Save one change (``change`` returns the item, or its id); the row stays current."""

        def run(session: Session) -> int | None:
            result = change(session)
            return result if isinstance(result, int) else getattr(result, "id", keep)

        item_id, problem = try_act(self.db, self.user, run)
        if problem is not None:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.setText(problem)
            return False
        self.changed = True
        self.reload(item_id if item_id is not None else keep)
        self.message.setStyleSheet(DONE_STYLE)
        self.message.setText(SAVED)
        return True

    def edit_current(self) -> bool:
        row = self.current()
        return False if row is None else self.edit_item(row)

    def move_current(self, step: int) -> bool:
        row = self.current()
        if row is None:
            return False
        return self.save(lambda s: self.move_item(s, row.id, step), row.id)

    def toggle_active(self) -> bool:
        row = self.current()
        if row is None:
            return False
        return self.save(lambda s: self.set_active(s, row.id, not row.active), row.id)
