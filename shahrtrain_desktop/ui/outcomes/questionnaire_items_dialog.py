"""Settings: the items of the reaction questionnaire — add, reword, reorder, retire.

Each change is saved at once through ``services.questionnaire`` (which asks for the settings
permission); a retired item keeps its past answers and leaves the form of every offering.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QWidget
from sqlalchemy.orm import Session

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import EvaluationTarget
from shahrtrain_desktop.persian import to_persian_digits
from shahrtrain_desktop.services import questionnaire
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.ui.item_list_dialog import ItemEditor, ItemListDialog, ListedItem

TITLE = "پرسش‌های پرسش‌نامهٔ واکنش"
HINT = (
    "پرسش‌های «دوره» یک بار و پرسش‌های «مدرس» برای هر مدرس دوره پرسیده می‌شوند. "
    "پرسش کنارگذاشته از فرم بیرون می‌رود و پاسخ‌های گذشته‌اش می‌ماند."
)
HEADERS = ("ردیف", "متن پرسش", "دربارهٔ", "وضعیت")
ACTIVE, RETIRED = "در فرم", "کنار گذاشته"
ITEM_TITLE = "پرسش"
TEXT = "متن پرسش:"
TARGET = "دربارهٔ:"
TEXT_COLUMN = 1

# What the officer typed for an item: (text, target), or None when cancelled.
ItemAnswer = tuple[str, EvaluationTarget] | None


class QuestionEditor(ItemEditor):
    """The text of one item, and (for a new one) whom it asks about."""

    def __init__(self, text: str = "", new: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(ITEM_TITLE, TEXT, text, parent)
        self.target = QComboBox(self)
        for target in EvaluationTarget:
            self.target.addItem(label(target), target)
        self.target.setEnabled(new)
        self.form.insertRow(1, TARGET, self.target)

    def answer(self) -> ItemAnswer:
        if not self.accepted_now():
            return None
        return self.text.text(), EvaluationTarget(self.target.currentData())


def ask_item(parent: QWidget, text: str, new: bool) -> ItemAnswer:
    return QuestionEditor(text, new, parent).answer()


class QuestionnaireItemsDialog(ItemListDialog):
    headers = HEADERS
    stretch_column = TEXT_COLUMN

    def __init__(self, db: Database, user: SignedIn | None, parent: QWidget | None = None) -> None:
        self.ask: Callable[[QWidget, str, bool], ItemAnswer] = ask_item  # tests replace it
        super().__init__(db, user, TITLE, HINT, parent)

    def load(self, session: Session) -> list[ListedItem]:
        return [
            ListedItem(
                item.id,
                (
                    to_persian_digits(number),
                    item.text,
                    label(item.target),
                    ACTIVE if item.active else RETIRED,
                ),
                item.active,
            )
            for number, item in enumerate(questionnaire.all_items(session), start=1)
        ]

    def add_item(self) -> bool:
        answer = self.ask(self, "", True)
        if answer is None:
            return False
        text, target = answer
        return self.save(lambda s: questionnaire.add_item(s, text, target))

    def edit_item(self, row: ListedItem) -> bool:
        answer = self.ask(self, row.cells[TEXT_COLUMN], False)
        if answer is None:
            return False
        text = answer[0]
        return self.save(lambda s: questionnaire.update_item(s, row.id, text=text), row.id)

    def move_item(self, session: Session, item_id: int, step: int) -> object:
        return questionnaire.move_item(session, item_id, step)

    def set_active(self, session: Session, item_id: int, active: bool) -> object:
        return questionnaire.update_item(session, item_id, active=active)
