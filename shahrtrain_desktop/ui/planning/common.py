"""What the planning dialogs share: acting on behalf of the user, showing refusals, combos."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from typing import Any, TypeVar

from PySide6.QtWidgets import QComboBox, QMessageBox, QWidget
from sqlalchemy.orm import Session

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.persian import RLM, InvalidField
from shahrtrain_desktop.services.audit import Actor, act_as
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.db_errors import translating_database_errors
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.locking import ConcurrentEditError, reporting_conflicts
from shahrtrain_desktop.services.permissions import PermissionDenied
from shahrtrain_desktop.ui.trust.events import reporting_account_disabled

T = TypeVar("T")
NOT_SAVED_TITLE = "ذخیره نشد"
NONE_CHOICE = "—"
USER_ERRORS = (InvalidField, PermissionDenied, ConcurrentEditError)


def rtl(text: str) -> str:
    """Text read right to left even when it starts with Latin («ICDL سطح ۲»): Qt takes a
    label's direction from its first strong letter."""
    return RLM + text


@contextmanager
def acting(db: Database, user: SignedIn | None) -> Iterator[Session]:
    """A transaction on behalf of the signed-in user (as ``BaseTab.session``)."""
    with translating_database_errors(), reporting_account_disabled(), reporting_conflicts():
        with db.session() as session:
            act_as(session, user.actor if user else Actor(None, ""))
            yield session


def attempt(parent: QWidget, action: Callable[[], T]) -> T | None:
    """Run ``action``; a refusal (bad field, permission, conflict) is shown and gives None."""
    try:
        return action()
    except USER_ERRORS as error:
        QMessageBox.warning(parent, NOT_SAVED_TITLE, str(error))
        return None


def fill_enum(combo: QComboBox, values: Iterable[StrEnum], none: bool = False) -> None:
    combo.clear()
    if none:
        combo.addItem(NONE_CHOICE, None)
    for value in values:
        combo.addItem(label(value), value)


def fill_pairs(combo: QComboBox, pairs: Iterable[tuple[Any, str]], none: bool = True) -> None:
    combo.clear()
    if none:
        combo.addItem(NONE_CHOICE, None)
    for value, text in pairs:
        combo.addItem(text, value)


def select_data(combo: QComboBox, value: Any) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))
