"""Asking for the written reason of a rejection, revocation or correction."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from shahrtrain_desktop.persian import normalize_text
from shahrtrain_desktop.ui.certificates import texts


class ReasonDialog(QDialog):
    def __init__(self, title: str, prompt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        label = QLabel(prompt, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        self.editor = QPlainTextEdit(self)
        self.editor.setTabChangesFocus(True)
        layout.addWidget(self.editor)
        self.error = QLabel("", self)
        self.error.setStyleSheet("color: #b00020")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(self)
        buttons.addButton(texts.OK, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(texts.CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def reason(self) -> str:
        return normalize_text(self.editor.toPlainText())

    def accept(self) -> None:
        if not self.reason():
            self.error.setText(texts.REASON_EMPTY)
            return
        super().accept()


def ask_reason(parent: QWidget, title: str, prompt: str) -> str | None:
    dialog = ReasonDialog(title, prompt, parent)
    return dialog.reason() if dialog.exec() == QDialog.DialogCode.Accepted else None
