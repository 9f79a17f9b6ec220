"""Changing a trainee's result against the rules: the new result and a written reason."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from shahrtrain_desktop.models.enums import OutcomeResult
from shahrtrain_desktop.services.labels import label

TITLE = "تغییر نتیجهٔ فراگیر"
PROMPT = "نتیجهٔ {name} طبق قواعد دوره: {result}\n{reason}"
REASON = "دلیل تغییر (الزامی؛ در دفتر رویدادها ثبت می‌شود):"


class OverrideDialog(QDialog):
    def __init__(
        self, name: str, result: OutcomeResult | None, reason: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        layout = QVBoxLayout(self)
        info = QLabel(PROMPT.format(name=name, result=label(result) or "—", reason=reason), self)
        info.setWordWrap(True)
        layout.addWidget(info)
        self.passed = QRadioButton(label(OutcomeResult.PASSED), self)
        self.failed = QRadioButton(label(OutcomeResult.FAILED), self)
        (self.failed if result == OutcomeResult.PASSED else self.passed).setChecked(True)
        layout.addWidget(self.passed)
        layout.addWidget(self.failed)
        layout.addWidget(QLabel(REASON, self))
        self.reason = QPlainTextEdit(self)
        layout.addWidget(self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason.textChanged.connect(self._enable)
        self._enable()
        self.resize(480, 320)

    def _enable(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.reason.toPlainText().strip()))

    def chosen_result(self) -> OutcomeResult:
        return OutcomeResult.PASSED if self.passed.isChecked() else OutcomeResult.FAILED

    def reason_text(self) -> str:
        return self.reason.toPlainText()
