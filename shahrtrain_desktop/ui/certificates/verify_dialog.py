"""Verifying a certificate at the desk from the text its QR code scans to."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.services.certificate_verification import Verification, verify_text
from shahrtrain_desktop.services.db_errors import (
    DatabaseUnavailableError,
    translating_database_errors,
)
from shahrtrain_desktop.ui.certificates import texts

GENUINE_STYLE = "background: #e6f4ea; color: #0d652d; border-radius: 4px; padding: 8px;"
FAILED_STYLE = "background: #fce8e6; color: #a50e0e; border-radius: 4px; padding: 8px;"


class VerifyDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(texts.VERIFY_TITLE)
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        prompt = QLabel(texts.VERIFY_PROMPT, self)
        prompt.setWordWrap(True)
        layout.addWidget(prompt)
        self.scanned = QPlainTextEdit(self)
        self.scanned.setMaximumHeight(90)
        self.scanned.setLayoutDirection(self.scanned.layoutDirection().LeftToRight)
        layout.addWidget(self.scanned)
        self.verdict = QLabel("", self)
        self.verdict.setWordWrap(True)
        layout.addWidget(self.verdict)
        self.details = QLabel("", self)
        self.details.setWordWrap(True)
        layout.addWidget(self.details, 1)
        row = QHBoxLayout()
        check = QPushButton(texts.VERIFY_BUTTON, self)
        check.setDefault(True)
        check.clicked.connect(self.verify)
        close = QPushButton(texts.CLOSE, self)
        close.clicked.connect(self.accept)
        row.addWidget(check)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)

    def verify(self) -> Verification | None:
        try:
            with translating_database_errors(), self.db.session() as session:
                answer = verify_text(session, self.scanned.toPlainText())
        except DatabaseUnavailableError as error:
            self.verdict.setText(str(error))
            self.verdict.setStyleSheet(FAILED_STYLE)
            return None
        heading = texts.GENUINE if answer.genuine else texts.NOT_GENUINE
        self.verdict.setText(f"<b>{heading}</b> — {answer.message}".replace("\n", "<br>"))
        self.verdict.setStyleSheet(GENUINE_STYLE if answer.genuine else FAILED_STYLE)
        self.details.setText("<br>".join(f"<b>{k}:</b> \u2068{v}\u2069" for k, v in answer.details))
        return answer
