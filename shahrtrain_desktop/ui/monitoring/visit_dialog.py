"""Recording a supervision visit: the checklist rated 0–4 with a live weighted score, findings,
corrective actions, and optionally a training need raised from what was seen. Everything is
saved in one transaction when the supervisor presses «ثبت» — nothing half-saved."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import SupervisionVisit
from shahrtrain_desktop.models.enums import PersonCategory
from shahrtrain_desktop.persian import InvalidField, format_jalali_display, to_persian_digits
from shahrtrain_desktop.services import supervision
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.permissions import PermissionDenied
from shahrtrain_desktop.ui.date_edit import JalaliDateEdit
from shahrtrain_desktop.ui.monitoring import texts
from shahrtrain_desktop.ui.strings import ltr

SessionFactory = Callable[[], AbstractContextManager[Session]]


@dataclass(frozen=True)
class PendingAction:
    description: str
    owner: str
    due: date | None


class VisitDialog(QDialog):
    def __init__(
        self, session: SessionFactory, visit_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.visit_id = visit_id
        self.pending: list[PendingAction] = []
        self.saved_score: float | None = None
        with session() as s:
            visit = s.get(SupervisionVisit, visit_id)
            if visit is None:
                raise InvalidField("visit", supervision.NOT_FOUND.format(id=visit_id))
            offering = visit.offering
            self.items = [(i.id, i.text, i.weight) for i in supervision.checklist(s)]
            existing = {score.item_id: (score.value, score.note) for score in visit.scores}
            actions = [(a.description, a.owner, a.due_date, a.status) for a in visit.actions]
            heading = f"{offering.course.title} — {ltr(to_persian_digits(offering.code))}"
            start = visit.visit_date or visit.planned_date
            findings = visit.findings or ""
        self.setWindowTitle(texts.VISIT_TITLE.format(code=ltr(to_persian_digits(offering.code))))
        self.resize(860, 880)

        self.visit_date = JalaliDateEdit(start, self)
        self.table = QTableWidget(len(self.items), 4, self)
        self.table.setHorizontalHeaderLabels([texts.ITEM, texts.WEIGHT, texts.RATING, texts.NOTE])
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(250)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.ratings: list[QComboBox] = []
        self.notes: list[QLineEdit] = []
        for row, (item_id, text, weight) in enumerate(self.items):
            self.table.setItem(row, 0, QTableWidgetItem(text))
            self.table.setItem(row, 1, QTableWidgetItem(to_persian_digits(weight)))
            combo = QComboBox(self.table)
            for value, name in enumerate(supervision.VALUE_LABELS):
                combo.addItem(f"{to_persian_digits(value)} — {name}", value)
            value, note = existing.get(item_id, (supervision.MAX_VALUE, None))
            combo.setCurrentIndex(value)
            combo.currentIndexChanged.connect(self.update_score)
            edit = QLineEdit(note or "", self.table)
            self.table.setCellWidget(row, 2, combo)
            self.table.setCellWidget(row, 3, edit)
            self.ratings.append(combo)
            self.notes.append(edit)
        self.score_label = QLabel(self)
        self.score_label.setObjectName("visitScore")
        self.findings = QPlainTextEdit(findings, self)
        self.findings.setMaximumHeight(90)

        self.actions_table = QTableWidget(0, 4, self)
        self.actions_table.setHorizontalHeaderLabels(
            [texts.ACTION_DESCRIPTION, texts.ACTION_OWNER, texts.ACTION_DUE, texts.ACTION_STATUS]
        )
        self.actions_table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        self.actions_table.verticalHeader().setVisible(False)
        self.actions_table.setMinimumHeight(110)
        self.actions_table.setMaximumHeight(150)
        for description, owner, due, status in actions:
            self._add_action_row(description, owner, due, label(status))
        self.action_text = QLineEdit(self)
        self.action_text.setPlaceholderText(texts.ACTION_DESCRIPTION)
        self.action_owner = QLineEdit(self)
        self.action_owner.setPlaceholderText(texts.ACTION_OWNER)
        self.action_due = JalaliDateEdit(start, self)
        add = QPushButton(texts.ADD_ACTION, self)
        add.clicked.connect(self.add_action)
        action_row = QHBoxLayout()
        action_row.addWidget(self.action_text, 3)
        action_row.addWidget(self.action_owner, 1)
        action_row.addWidget(self.action_due)
        action_row.addWidget(add)

        self.need_box = QGroupBox(texts.RAISE_NEED, self)
        self.need_box.setCheckable(True)
        self.need_box.setChecked(False)
        self.need_topic = QLineEdit(self.need_box)
        self.need_group = QComboBox(self.need_box)
        for category in PersonCategory:
            self.need_group.addItem(label(category), category.value)
        self.need_count = QSpinBox(self.need_box)
        self.need_count.setRange(1, 10_000)
        self.need_count.setValue(10)
        need_form = QFormLayout(self.need_box)
        need_form.addRow(texts.NEED_TOPIC, self.need_topic)
        need_form.addRow(texts.NEED_GROUP, self.need_group)
        need_form.addRow(texts.NEED_COUNT, self.need_count)

        buttons = QDialogButtonBox(self)
        buttons.addButton(texts.SAVE, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(texts.CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        top = QFormLayout()
        top.addRow(QLabel(heading, self))
        top.addRow(texts.VISIT_DATE, self.visit_date)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(QLabel(texts.CHECKLIST, self))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.score_label)
        layout.addWidget(QLabel(texts.FINDINGS, self))
        layout.addWidget(self.findings)
        layout.addWidget(QLabel(texts.ACTIONS, self))
        layout.addWidget(self.actions_table)
        layout.addLayout(action_row)
        layout.addWidget(self.need_box)
        layout.addWidget(buttons)
        self.update_score()

    # -- state ---------------------------------------------------------------------------

    def ratings_given(self) -> list[supervision.ChecklistRating]:
        return [
            supervision.ChecklistRating(item_id, int(combo.currentData()), note.text())
            for (item_id, _t, _w), combo, note in zip(
                self.items, self.ratings, self.notes, strict=True
            )
        ]

    def score(self) -> float:
        return supervision.weighted_score(
            [
                (w, int(c.currentData()))
                for (_i, _t, w), c in zip(self.items, self.ratings, strict=True)
            ]
        )

    def update_score(self) -> None:
        self.score_label.setText(
            texts.SCORE.format(score=to_persian_digits(self.score(), decimals=1))
        )

    def _add_action_row(self, description: str, owner: str, due: date | None, status: str) -> None:
        row = self.actions_table.rowCount()
        self.actions_table.insertRow(row)
        for column, text in enumerate((description, owner, format_jalali_display(due), status)):
            self.actions_table.setItem(row, column, QTableWidgetItem(text))

    def add_action(self) -> None:
        description, owner = self.action_text.text().strip(), self.action_owner.text().strip()
        if not description or not owner:
            QMessageBox.warning(
                self,
                texts.ERROR_TITLE,
                f"{texts.ACTION_DESCRIPTION} و {texts.ACTION_OWNER} را بنویسید.",
            )
            return
        action = PendingAction(description, owner, self.action_due.value())
        self.pending.append(action)
        self._add_action_row(action.description, action.owner, action.due, "—")
        self.action_text.clear()
        self.action_owner.clear()

    # -- saving --------------------------------------------------------------------------

    def save(self) -> None:
        try:
            with self.session() as s:
                visit = supervision.record_visit(
                    s,
                    self.visit_id,
                    self.visit_date.value(),
                    self.ratings_given(),
                    self.findings.toPlainText(),
                )
                for action in self.pending:
                    supervision.add_action(
                        s, self.visit_id, action.description, action.owner, action.due
                    )
                if self.need_box.isChecked():
                    supervision.raise_need(
                        s,
                        self.visit_id,
                        self.need_topic.text(),
                        PersonCategory(self.need_group.currentData()),
                        self.need_count.value(),
                    )
                self.saved_score = visit.score
        except (InvalidField, PermissionDenied) as error:
            QMessageBox.warning(self, texts.ERROR_TITLE, str(error))
            return
        self.accept()
