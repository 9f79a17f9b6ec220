"""A row of buttons above a stage tab's listing, hidden for roles that may not plan."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.permissions import Permission, allowed


def can_plan(user: SignedIn | None) -> bool:
    return user is not None and allowed(user.role, Permission.PLAN_OFFERINGS)


def action_row(
    parent: QWidget,
    user: SignedIn | None,
    actions: list[tuple[str, Callable[[], None], bool]],
) -> tuple[QHBoxLayout, dict[str, QPushButton]]:
    """(text, slot, needs the planning permission) → a button row; buttons by text."""
    row = QHBoxLayout()
    buttons: dict[str, QPushButton] = {}
    for text, slot, guarded in actions:
        button = QPushButton(text, parent)
        button.clicked.connect(slot)
        button.setVisible(not guarded or can_plan(user))
        row.addWidget(button)
        buttons[text] = button
    row.addStretch(1)
    return row, buttons
