"""Editing the certificate template (title, wording, signatories, logo) with a live preview."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shahrtrain_desktop.certificates import CertificateError, CertificateFields, render_preview
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.services import certificate_template as template_service
from shahrtrain_desktop.services.audit import Actor, act_as
from shahrtrain_desktop.services.permissions import PermissionDenied
from shahrtrain_desktop.ui.certificates import texts

PREVIEW_DELAY_MS = 400
PREVIEW_WIDTH = 620
SAMPLE = CertificateFields(
    holder_name="سیدمحمدحسین اسماعیلی‌پور",
    father_name="علی",
    national_code="0012345679",
    category="عضو شورای اسلامی شهر",
    org_unit="شورای اسلامی شهر بوئین‌زهرا",
    course_title="آشنایی با قانون «شهرداری‌ها» (اصلاحیه ۱۴۰۲)",
    course_code="QZ-C07",
    hours=24,
    start_date=date(2026, 9, 23),
    end_date=date(2026, 10, 18),
    number="1405-QZ-000123",
    issue_date=date(2026, 11, 20),
    score=17.5,
)


class PathField(QWidget):
    def __init__(self, value: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(value, self)
        self.edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        choose = QPushButton(texts.CHOOSE, self)
        choose.clicked.connect(self._choose)
        row.addWidget(self.edit, 1)
        row.addWidget(choose)

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, texts.CHOOSE, "", texts.IMAGE_FILTER)
        if path:
            self.edit.setText(path)


class TemplateDialog(QDialog):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.actor = db, actor
        self.setWindowTitle(texts.TEMPLATE_TITLE)
        self._folder = tempfile.TemporaryDirectory(prefix="shahrtrain-template-")
        with db.session() as session:
            values = template_service.template_settings(session)
            self.base = template_service.office_template(session)

        layout = QHBoxLayout(self)
        form_box = QVBoxLayout()
        form = QFormLayout()
        self.title_edit = QLineEdit(values.title, self)
        form.addRow(texts.TEMPLATE_TITLE_FIELD, self.title_edit)
        self.wording: dict[str, QLineEdit | QPlainTextEdit] = {}
        for key, label in (
            ("intro", texts.TEMPLATE_INTRO),
            ("course_intro", texts.TEMPLATE_COURSE_INTRO),
        ):
            edit = QLineEdit(values.wording.get(key, ""), self)
            self.wording[key] = edit
            form.addRow(label, edit)
        completion = QPlainTextEdit(values.wording.get("completion", ""), self)
        completion.setMaximumHeight(70)
        self.wording["completion"] = completion
        form.addRow(texts.TEMPLATE_COMPLETION, completion)
        self.signatories: list[tuple[QLineEdit, QLineEdit, PathField]] = []
        for n, signatory in enumerate((values.signatories + [{}, {}])[:2], start=1):
            name = QLineEdit(signatory.get("name", ""), self)
            title = QLineEdit(signatory.get("title", ""), self)
            image = PathField(signatory.get("signature_path", ""), self)
            number = "اول" if n == 1 else "دوم"
            form.addRow(texts.SIGNATORY_NAME.format(n=number), name)
            form.addRow(texts.SIGNATORY_TITLE.format(n=number), title)
            form.addRow(texts.SIGNATURE_IMAGE.format(n=number), image)
            self.signatories.append((name, title, image))
        self.logo = PathField(values.logo_path, self)
        form.addRow(texts.LOGO, self.logo)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form_box.addLayout(form)
        self.error = QLabel("", self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        form_box.addWidget(self.error)
        buttons = QDialogButtonBox(self)
        buttons.addButton(texts.SAVE, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(texts.CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form_box.addWidget(buttons)
        form_widget_width = 380
        for widget in (self.title_edit, *self.wording.values()):
            widget.setMinimumWidth(form_widget_width)
        layout.addLayout(form_box, 1)

        self.preview = QLabel(self)
        self.preview.setFixedSize(QSize(PREVIEW_WIDTH, round(PREVIEW_WIDTH * 595 / 842)))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: #777; border: 1px solid #555;")
        layout.addWidget(self.preview)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.render_preview)
        edits: list[QLineEdit | QPlainTextEdit] = [
            self.title_edit,
            self.logo.edit,
            *self.wording.values(),
        ]
        for name, title, image in self.signatories:
            edits += [name, title, image.edit]
        for widget in edits:
            widget.textChanged.connect(self._timer.start)
        self.render_preview()

    def values(self) -> template_service.TemplateSettings:
        def text_of(edit: QLineEdit | QPlainTextEdit) -> str:
            return edit.text() if isinstance(edit, QLineEdit) else edit.toPlainText()

        return template_service.TemplateSettings(
            title=self.title_edit.text(),
            wording={key: text_of(edit) for key, edit in self.wording.items()},
            signatories=[
                {"name": n.text(), "title": t.text(), "signature_path": i.edit.text()}
                for n, t, i in self.signatories
            ],
            logo_path=self.logo.edit.text(),
        )

    def render_preview(self) -> None:
        path = Path(self._folder.name) / "preview.pdf"
        try:
            template = template_service.template_from(self.values(), self.base)
            render_preview(SAMPLE, path, template)
        except CertificateError as error:
            self.error.setText(texts.PREVIEW_FAILED.format(error=error))
            return
        self.error.setText("")
        document = QPdfDocument()
        document.load(str(path))
        image = document.render(0, self.preview.size())
        document.close()
        page = QPixmap(self.preview.size())
        page.fill(Qt.GlobalColor.white)  # the rendered page is transparent where nothing is drawn
        painter = QPainter(page)
        painter.drawImage(0, 0, image)
        painter.end()
        self.preview.setPixmap(page)

    def save(self) -> None:
        try:
            with self.db.session() as session:
                act_as(session, self.actor)
                template_service.save_template(session, self.values())
        except PermissionDenied as error:
            QMessageBox.warning(self, texts.TEMPLATE_TITLE, str(error))
            return
        self.accept()

    def done(self, result: int) -> None:
        self._timer.stop()
        super().done(result)
        self._folder.cleanup()
