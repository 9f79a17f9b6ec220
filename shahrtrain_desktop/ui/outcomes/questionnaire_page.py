"""The reaction questionnaire of one trainee: a value 1–5 per question, typed down the column.

Pick the trainee (the combo, or Page Up/Down), type digits, Ctrl+S saves (also the button);
moving to another trainee with unsaved answers asks first; leaving the page, changing the
offering or closing the window saves them (``keep_typed``), and answers that cannot be saved
are dropped only when the officer agrees.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.persian import to_ascii_digits, to_persian_digits
from shahrtrain_desktop.services import questionnaire
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.questionnaire import AnswerKey, Question
from shahrtrain_desktop.ui.delivery.acting import try_act
from shahrtrain_desktop.ui.offering_panel import may_drop, open_editor

TRAINEE = "فراگیر:"
HEADERS = ("پرسش", "مدرس", "پاسخ (۱ تا ۵)")
COMMENT = "نظر فراگیر:"
SAVE = "ذخیرهٔ پرسش‌نامه (Ctrl+S)"
SAVED = "پرسش‌نامهٔ {name} ذخیره شد."
BAD = "ردیف {row}: پاسخ باید عددی از ۱ تا ۵ باشد، نه «{text}»."
UNSAVED_TITLE = "پرسش‌نامهٔ ذخیره‌نشده"
UNSAVED = "پاسخ‌های این فراگیر ذخیره نشده است. ذخیره شود؟"
LEGEND = "۱ = کاملاً مخالفم   ۲ = مخالفم   ۳ = نظری ندارم   ۴ = موافقم   ۵ = کاملاً موافقم"
VALUE = 2


class QuestionnairePage(QWidget):
    def __init__(self, db: Database, user: SignedIn | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.user = db, user
        self.offering_id: int | None = None
        self.questions: list[Question] = []
        self.dirty = False
        self.trainee = QComboBox(self)
        self.trainee.currentIndexChanged.connect(self._trainee_changed)
        self._shown_enrolment: int | None = None
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.table.itemChanged.connect(self._edited)
        self.comment = QPlainTextEdit(self)
        self.comment.setMaximumHeight(70)
        self.comment.textChanged.connect(self._mark_dirty)
        self.save_button = QPushButton(SAVE, self)
        self.save_button.clicked.connect(self.save)
        self.message = QLabel(self)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        top = QHBoxLayout()
        top.addWidget(QLabel(TRAINEE, self))
        top.addWidget(self.trainee, 1)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(LEGEND, self))
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel(COMMENT, self))
        layout.addWidget(self.comment)
        layout.addWidget(self.message)

    def load(self, offering_id: int | None, trainees: list[tuple[int, str]]) -> None:
        self.offering_id = offering_id
        self.questions = []
        if offering_id is not None:
            with self.db.session() as session:
                self.questions = questionnaire.questions(session, offering_id)
        self.trainee.blockSignals(True)
        self.trainee.clear()
        for enrolment_id, name in trainees:
            self.trainee.addItem(name, enrolment_id)
        self.trainee.blockSignals(False)
        self._shown_enrolment = None
        self._trainee_changed()

    def current_enrolment(self) -> int | None:
        data = self.trainee.currentData()
        return data if isinstance(data, int) else None

    def _trainee_changed(self) -> None:
        if self.dirty and self._shown_enrolment is not None:
            answer = QMessageBox.question(self, UNSAVED_TITLE, UNSAVED)
            if answer == QMessageBox.StandardButton.Yes:
                self.save(self._shown_enrolment)
        self._show(self.current_enrolment())

    def _show(self, enrolment_id: int | None) -> None:
        self._shown_enrolment = enrolment_id
        answers = questionnaire.Answers({}, "")
        if enrolment_id is not None:
            with self.db.session() as session:
                answers = questionnaire.load_answers(session, enrolment_id)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.questions))
        for row, question in enumerate(self.questions):
            for col, text in enumerate((question.text, question.instructor_name)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, col, item)
            value = answers.values.get(question.key)
            item = QTableWidgetItem(to_persian_digits(value) if value else "")
            item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
            self.table.setItem(row, VALUE, item)
        self.table.blockSignals(False)
        self.comment.blockSignals(True)
        self.comment.setPlainText(answers.comment)
        self.comment.blockSignals(False)
        self.dirty = False
        if self.questions:
            self.table.setCurrentCell(0, VALUE)

    def hideEvent(self, event: QHideEvent) -> None:
        # Leaving the page or closing the window keeps what was typed.
        if self.dirty:
            self.save()
        super().hideEvent(event)

    def keep_typed(self) -> bool:
        """Save what is typed for the trainee shown, the cell still being typed in included.
        Answers that cannot be saved are dropped only if the officer agrees; False: stay."""
        editor = open_editor(self.table)
        if editor is not None:
            self.table.commitData(editor)
            if open_editor(self.table) is editor:
                self.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        if not self.dirty or self._shown_enrolment is None or self.save():
            return True
        if not may_drop(self, self.message.text()):
            self.table.setFocus()
            return False
        self._show(self._shown_enrolment)
        return True

    def _edited(self, item: QTableWidgetItem) -> None:
        if item.column() == VALUE:
            self._mark_dirty()
            below = item.row() + 1
            if below < self.table.rowCount():
                self.table.setCurrentCell(below, VALUE)

    def _mark_dirty(self) -> None:
        self.dirty = True

    def collected(self) -> tuple[dict[AnswerKey, int | None], str | None]:
        """The typed answers, or a message naming the first bad row."""
        values: dict[AnswerKey, int | None] = {}
        for row, question in enumerate(self.questions):
            item = self.table.item(row, VALUE)
            text = to_ascii_digits(item.text().strip()) if item else ""
            if not text:
                values[question.key] = None
            elif text.isdigit() and 1 <= int(text) <= 5:
                values[question.key] = int(text)
            else:
                return {}, BAD.format(
                    row=to_persian_digits(row + 1), text=item.text() if item else ""
                )
        return values, None

    def save(self, enrolment_id: int | None = None) -> bool:
        target = enrolment_id if isinstance(enrolment_id, int) else self._shown_enrolment
        if target is None:
            return False
        values, problem = self.collected()
        if problem is None:
            comment = self.comment.toPlainText()
            _answers, problem = try_act(
                self.db,
                self.user,
                lambda s: questionnaire.save_answers(s, target, values, comment),
            )
        if problem is not None:
            self.message.setStyleSheet("color: #b00020;")
            self.message.setText(problem)
            return False
        self.dirty = False
        self.message.setStyleSheet("color: #2e7d32;")
        self.message.setText(SAVED.format(name=self.trainee.currentText()))
        return True
