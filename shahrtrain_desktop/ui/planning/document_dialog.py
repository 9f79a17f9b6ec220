"""A letter or notice: number, Jalali date, issuer, subject and an attached file to open."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from shahrtrain_desktop.models import Document
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import DocumentKind
from shahrtrain_desktop.persian import TEHRAN
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.documents import DocumentInput, attached_file, save_document
from shahrtrain_desktop.ui.date_edit import JalaliDateEdit
from shahrtrain_desktop.ui.planning.common import acting, attempt, fill_enum, select_data

TITLE = "نامه و ابلاغیه"
KIND, NUMBER, DATE, ISSUER, SUBJECT, FILE = (
    "نوع",
    "شماره",
    "تاریخ",
    "صادرکننده",
    "موضوع",
    "پیوست",
)
CHOOSE = "انتخاب پرونده…"
OPEN = "باز کردن پیوست"
NO_FILE = "بدون پیوست"


class DocumentDialog(QDialog):
    def __init__(
        self,
        db: Database,
        user: SignedIn | None,
        document_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.user, self.document_id = db, user, document_id
        self.saved_id: int | None = None
        self.attach: Path | None = None
        self.stored: Path | None = None
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(520)
        form = QFormLayout(self)
        self.kind = QComboBox(self)
        fill_enum(self.kind, DocumentKind)
        self.number = QLineEdit(self)
        self.date = JalaliDateEdit(datetime.now(TEHRAN).date(), self)
        self.issuer = QLineEdit(self)
        self.subject = QLineEdit(self)
        self.file_label = QLabel(NO_FILE, self)
        choose = QPushButton(CHOOSE, self)
        choose.clicked.connect(self.choose_file)
        self.open_button = QPushButton(OPEN, self)
        self.open_button.clicked.connect(self.open_file)
        self.open_button.setEnabled(False)
        files = QHBoxLayout()
        files.addWidget(self.file_label, 1)
        files.addWidget(choose)
        files.addWidget(self.open_button)
        for text, widget in (
            (KIND, self.kind),
            (NUMBER, self.number),
            (DATE, self.date),
            (ISSUER, self.issuer),
            (SUBJECT, self.subject),
        ):
            form.addRow(text, widget)
        form.addRow(FILE, files)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        if document_id is not None:
            self._load(document_id)

    def _load(self, document_id: int) -> None:
        with self.db.session() as session:
            document = session.get(Document, document_id)
            if document is None:
                return
            select_data(self.kind, document.kind)
            self.number.setText(document.number)
            self.date.set_value(document.date)
            self.issuer.setText(document.issuer)
            self.subject.setText(document.subject)
            self.stored = attached_file(document)
            if document.file_name:
                self.file_label.setText(document.file_name)
        self.open_button.setEnabled(self.stored is not None)

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, CHOOSE)
        if name:
            self.attach = Path(name)
            self.file_label.setText(self.attach.name)
            self.open_button.setEnabled(True)

    def open_file(self) -> None:
        target = self.attach or self.stored
        if target is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def value(self) -> DocumentInput:
        return DocumentInput(
            self.kind.currentData(),
            self.number.text(),
            self.date.value(),
            self.issuer.text(),
            self.subject.text(),
        )

    def save(self) -> None:
        def run() -> int:
            with acting(self.db, self.user) as session:
                document = save_document(session, self.value(), self.document_id, self.attach)
                return document.id

        saved = attempt(self, run)
        if saved is not None:
            self.saved_id = saved
            self.accept()
