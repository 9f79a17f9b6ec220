"""A need: source and its letter, topic, target group, estimated people and priority."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from shahrtrain_desktop.models import Need
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import NeedSource, PersonCategory, Priority
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.catalogue import list_courses
from shahrtrain_desktop.services.documents import document_caption, list_documents
from shahrtrain_desktop.services.needs import NeedInput, save_need
from shahrtrain_desktop.services.organisations import org_unit_choices
from shahrtrain_desktop.ui.planning.common import (
    acting,
    attempt,
    fill_enum,
    fill_pairs,
    rtl,
    select_data,
)
from shahrtrain_desktop.ui.planning.document_dialog import DocumentDialog

TITLE = "نیاز آموزشی"
NEW_LETTER = "نامهٔ تازه…"
SHOW_LETTER = "نمایش نامه…"
ROWS = (
    "سال",
    "منبع",
    "نامهٔ منبع",
    "موضوع",
    "دورهٔ پیشنهادی",
    "گروه هدف",
    "پست",
    "واحد سازمانی",
    "تعداد برآوردی",
    "اولویت",
    "یادداشت",
)


class NeedDialog(QDialog):
    def __init__(
        self,
        db: Database,
        user: SignedIn | None,
        year: int,
        need_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.user, self.need_id = db, user, need_id
        self.saved_id: int | None = None
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(560)
        self.year = QSpinBox(self)
        self.year.setRange(1390, 1500)
        self.year.setValue(year)
        self.source = QComboBox(self)
        fill_enum(self.source, NeedSource, none=True)
        self.document = QComboBox(self)
        new_letter = QPushButton(NEW_LETTER, self)
        new_letter.clicked.connect(self.new_letter)
        show_letter = QPushButton(SHOW_LETTER, self)
        show_letter.clicked.connect(self.show_letter)
        letter_row = QHBoxLayout()
        letter_row.addWidget(self.document, 1)
        letter_row.addWidget(show_letter)
        letter_row.addWidget(new_letter)
        self.topic = QLineEdit(self)
        self.course = QComboBox(self)
        self.target = QComboBox(self)
        fill_enum(self.target, PersonCategory, none=True)
        self.post = QLineEdit(self)
        self.org_unit = QComboBox(self)
        self.count = QSpinBox(self)
        self.count.setRange(0, 100_000)
        self.priority = QComboBox(self)
        fill_enum(self.priority, Priority)
        select_data(self.priority, Priority.MEDIUM)
        self.notes = QPlainTextEdit(self)
        self.notes.setFixedHeight(60)
        self._fill_lists()
        form = QFormLayout(self)
        widgets = (
            self.year,
            self.source,
            letter_row,
            self.topic,
            self.course,
            self.target,
            self.post,
            self.org_unit,
            self.count,
            self.priority,
            self.notes,
        )
        for text, widget in zip(ROWS, widgets, strict=True):
            form.addRow(text, widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        if need_id is not None:
            self._load(need_id)

    def _fill_lists(self, select_document: int | None = None) -> None:
        with self.db.session() as session:
            fill_pairs(
                self.document, ((d.id, document_caption(d)) for d in list_documents(session))
            )
            fill_pairs(
                self.course,
                ((c.id, rtl(f"{c.title} ({c.code})")) for c in list_courses(session, True)),
            )
            fill_pairs(self.org_unit, ((u.id, u.display) for u in org_unit_choices(session)))
        if select_document is not None:
            select_data(self.document, select_document)

    def _load(self, need_id: int) -> None:
        with self.db.session() as session:
            need = session.get(Need, need_id)
            if need is None:
                return
            self.year.setValue(need.year)
            select_data(self.source, need.source)
            select_data(self.document, need.document_id)
            self.topic.setText(need.topic)
            select_data(self.course, need.course_id)
            select_data(self.target, need.target_group)
            self.post.setText(need.post or "")
            select_data(self.org_unit, need.org_unit_id)
            self.count.setValue(need.estimated_count)
            select_data(self.priority, need.priority)
            self.notes.setPlainText(need.notes or "")

    def new_letter(self) -> None:
        dialog = DocumentDialog(self.db, self.user, parent=self)
        if dialog.exec() and dialog.saved_id is not None:
            self._fill_lists(dialog.saved_id)

    def show_letter(self) -> None:
        """The chosen letter, with its attachment to open (and correct, if need be)."""
        document_id = self.document.currentData()
        if document_id is None:
            return
        dialog = DocumentDialog(self.db, self.user, document_id, parent=self)
        if dialog.exec() and dialog.saved_id is not None:
            self._fill_lists(dialog.saved_id)

    def value(self) -> NeedInput:
        return NeedInput(
            year=self.year.value(),
            source=self.source.currentData(),
            topic=self.topic.text(),
            target_group=self.target.currentData(),
            estimated_count=self.count.value(),
            priority=self.priority.currentData(),
            document_id=self.document.currentData(),
            course_id=self.course.currentData(),
            post=self.post.text(),
            org_unit_id=self.org_unit.currentData(),
            notes=self.notes.toPlainText(),
        )

    def save(self) -> None:
        def run() -> int:
            with acting(self.db, self.user) as session:
                return save_need(session, self.value(), self.need_id).id

        saved = attempt(self, run)
        if saved is not None:
            self.saved_id = saved
            self.accept()
