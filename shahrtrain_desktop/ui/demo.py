"""The «ساخت دادهٔ نمونه…» action: ask how many people, then build demo data in the background."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QSpinBox, QWidget

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.ui import strings
from shahrtrain_desktop.ui.progress import Task
from shahrtrain_desktop.ui.worker import Op

DEFAULT_PEOPLE = 300
MIN_PEOPLE = 10
MAX_PEOPLE = 200_000
SEED = 1  # as the command line's default: the same data as `shahrtrain demo`


def ask_people_count(parent: QWidget | None) -> int | None:
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(strings.DEMO_TITLE)
    dialog.setLabelText(strings.DEMO_PROMPT)
    dialog.setInputMode(QInputDialog.InputMode.IntInput)
    dialog.setIntRange(MIN_PEOPLE, MAX_PEOPLE)
    dialog.setIntStep(100)
    dialog.setIntValue(DEFAULT_PEOPLE)
    dialog.setOkButtonText(strings.DEMO_OK)
    dialog.setCancelButtonText(strings.DEMO_CANCEL)
    spin = dialog.findChild(QSpinBox)
    if spin is not None:  # the number starts at the right, as the prompt above it does
        spin.setAlignment(Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignRight)
        spin.setGroupSeparatorShown(True)
    if not dialog.exec():
        return None
    return dialog.intValue()


def demo_op(people: int, seed: int = SEED) -> Op:
    """The background op; it fills an empty database (the generator refuses any other)."""

    def op(db: Database, task: Task) -> Any:
        # Imported here: the generator (and reportlab behind the signing key) is not needed
        # to open the window.
        from shahrtrain_desktop.services.demo import generate_demo as generate

        def progress(label: str, done: int, total: int) -> bool:
            # Raises Cancelled once the user cancels: the generator's transaction rolls back.
            task.report(label, done, total)
            return True

        task.report(strings.DEMO_PROGRESS)
        return generate(db, people=people, seed=seed, progress=progress)

    return op


def show_summary(parent: QWidget, summary: Any) -> None:
    lines = summary.lines() if hasattr(summary, "lines") else [strings.STATUS_DEMO_DONE]
    QMessageBox.information(parent, strings.DEMO_TITLE, "\n".join(lines))
