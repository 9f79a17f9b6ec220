"""Settings: the office's supervision checklist — items with weights; add, edit, reorder, retire.

Saved through ``services.supervision`` (settings permission; weights checked there, with Persian
messages). Visits already recorded keep the item texts and weights they were scored on.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget
from sqlalchemy.orm import Session

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.persian import to_persian_digits
from shahrtrain_desktop.services import supervision
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.ui.item_list_dialog import ItemEditor, ItemListDialog, ListedItem

TITLE = "چک‌لیست نظارت حضوری"
HINT = (
    "هر بند در بازدید از ۰ تا ۴ ارزیابی می‌شود و وزنش سهم آن را در امتیاز بازدید (از ۱۰۰) "
    "تعیین می‌کند.\nبند کنارگذاشته در بازدیدهای بعدی نمی‌آید؛ "
    "بازدیدهای ثبت‌شده با همان متن و وزنی که داشتند می‌مانند."
)
HEADERS = ("ردیف", "بند چک‌لیست", "وزن", "سهم از امتیاز", "وضعیت")
ACTIVE, RETIRED = "در چک‌لیست", "کنار گذاشته"
ITEM_TITLE = "بند چک‌لیست"
TEXT = "متن بند:"
WEIGHT = "وزن (بیشتر از ۰ تا ۱۰):"
TEXT_COLUMN = 1

# What the officer typed: (text, weight as typed), or None when cancelled.
ItemAnswer = tuple[str, str] | None


class ChecklistItemEditor(ItemEditor):
    def __init__(self, text: str, weight: str, parent: QWidget | None = None) -> None:
        super().__init__(ITEM_TITLE, TEXT, text, parent)
        self.weight = QLineEdit(weight, self)
        self.weight.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.weight.setMaximumWidth(90)
        self.form.insertRow(1, WEIGHT, self.weight)

    def answer(self) -> ItemAnswer:
        if not self.accepted_now():
            return None
        return self.text.text(), self.weight.text()


def ask_item(parent: QWidget, text: str, weight: str) -> ItemAnswer:
    return ChecklistItemEditor(text, weight, parent).answer()


class ChecklistDialog(ItemListDialog):
    headers = HEADERS
    stretch_column = TEXT_COLUMN

    def __init__(self, db: Database, user: SignedIn | None, parent: QWidget | None = None) -> None:
        self.ask: Callable[[QWidget, str, str], ItemAnswer] = ask_item  # tests replace it
        self.weights: dict[int, float] = {}
        super().__init__(db, user, TITLE, HINT, parent)

    def load(self, session: Session) -> list[ListedItem]:
        items = supervision.checklist(session, include_inactive=True)
        total = sum(item.weight for item in items if item.active)
        self.weights = {item.id: item.weight for item in items}
        rows = []
        for number, item in enumerate(items, start=1):
            share = 100 * item.weight / total if item.active and total else None
            rows.append(
                ListedItem(
                    item.id,
                    (
                        to_persian_digits(number),
                        item.text,
                        to_persian_digits(item.weight, decimals=None),
                        "—" if share is None else f"{to_persian_digits(share, decimals=1)}٪",
                        ACTIVE if item.active else RETIRED,
                    ),
                    item.active,
                )
            )
        return rows

    def add_item(self) -> bool:
        answer = self.ask(self, "", to_persian_digits(1))
        if answer is None:
            return False
        text, weight = answer
        return self.save(lambda s: supervision.save_checklist_item(s, text, weight))

    def edit_item(self, row: ListedItem) -> bool:
        answer = self.ask(self, row.cells[TEXT_COLUMN], row.cells[2])
        if answer is None:
            return False
        text, weight = answer
        return self.save(
            lambda s: supervision.save_checklist_item(s, text, weight, row.id, row.active),
            row.id,
        )

    def move_item(self, session: Session, item_id: int, step: int) -> object:
        return supervision.move_checklist_item(session, item_id, step)

    def set_active(self, session: Session, item_id: int, active: bool) -> object:
        return supervision.set_checklist_item_active(session, item_id, active)
