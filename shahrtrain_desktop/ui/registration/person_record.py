"""A person's record: who they are, then every course they enrolled in, its result and
certificate."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.persian import format_jalali_display, to_persian_digits
from shahrtrain_desktop.services import registry
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.person_record import training_record
from shahrtrain_desktop.services.registry import FIELD_LABELS
from shahrtrain_desktop.ui.table_model import TEXT_DIRECTION_ROLE
from shahrtrain_desktop.ui.table_view import DirectionDelegate

TITLE = "پروندهٔ آموزشی «{name}»"
HEADERS = (
    "کد دوره",
    "عنوان دوره",
    "شروع",
    "پایان",
    "ساعت",
    "وضعیت ثبت‌نام",
    "ساعت حضور",
    "نمره",
    "نتیجه",
    "گواهی‌نامه",
    "وضعیت گواهی‌نامه",
)
LTR_COLUMNS = {0, 4, 6, 7, 9}
DATE_COLUMNS = {2, 3}  # right to left, centred: the year at the right end
NO_COURSES = "این فرد هنوز در هیچ دوره‌ای ثبت‌نام نکرده است."
TOTALS = "{count} دوره؛ {passed} قبول؛ {hours} ساعت حضور"


class PersonRecordDialog(QDialog):
    def __init__(self, db: Database, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.resize(1100, 560)
        with db.session() as session:
            person = registry.get_person(session, person_id)
            unit = person.org_unit.name if person.org_unit else ""
            facts = [
                ("national_code", to_persian_digits(person.national_code)),
                ("first_name", person.first_name),
                ("last_name", person.last_name),
                ("father_name", person.father_name or ""),
                ("birth_date", format_jalali_display(person.birth_date)),
                ("mobile", to_persian_digits(person.mobile or "")),
                ("category", label(person.category)),
                ("post", person.post or ""),
                ("org_unit", unit),
            ]
            self.setWindowTitle(TITLE.format(name=person.full_name))
            lines = training_record(session, person_id)
        form = QFormLayout()
        for key, value in facts:
            text = QLabel(value)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            # Digits alone would make the label left to right and push it to the far edge.
            text.setAlignment(
                Qt.AlignmentFlag.AlignAbsolute
                | Qt.AlignmentFlag.AlignRight
                | Qt.AlignmentFlag.AlignVCenter
            )
            form.addRow(FIELD_LABELS[key], text)
        self.table = QTableWidget(len(lines), len(HEADERS))
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.verticalHeader().setVisible(False)
        self.table.setItemDelegate(DirectionDelegate(self.table))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        for row, line in enumerate(lines):
            values = (
                to_persian_digits(line.offering_code),
                line.course_title,
                format_jalali_display(line.start_date),
                format_jalali_display(line.end_date),
                to_persian_digits(line.hours),
                label(line.status),
                to_persian_digits(line.attended_hours, decimals=1),
                to_persian_digits(line.final_score, decimals=2),
                label(line.result),
                line.certificate_number or "",
                label(line.certificate_status),
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column in LTR_COLUMNS | DATE_COLUMNS:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if column in LTR_COLUMNS:
                    item.setData(TEXT_DIRECTION_ROLE, Qt.LayoutDirection.LeftToRight)
                self.table.setItem(row, column, item)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        passed = sum(
            1 for line in lines if line.result is not None and line.result.value == "passed"
        )
        hours = sum(line.attended_hours or 0 for line in lines)
        self.totals = QLabel(
            TOTALS.format(
                count=to_persian_digits(len(lines)),
                passed=to_persian_digits(passed),
                hours=to_persian_digits(hours, decimals=1),
            )
            if lines
            else NO_COURSES
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.totals)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
