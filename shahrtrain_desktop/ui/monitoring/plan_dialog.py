"""Planning a supervision visit: which running (or coming) offering, and on which day."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMessageBox,
    QWidget,
)
from sqlalchemy import select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import Course, Offering
from shahrtrain_desktop.persian import InvalidField, format_jalali_display, to_persian_digits
from shahrtrain_desktop.services import supervision
from shahrtrain_desktop.services.permissions import PermissionDenied
from shahrtrain_desktop.ui.date_edit import JalaliDateEdit
from shahrtrain_desktop.ui.monitoring import texts

SessionFactory = Callable[[], AbstractContextManager[Session]]


class PlanVisitDialog(QDialog):
    def __init__(self, session: SessionFactory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.visit_id: int | None = None
        self.setWindowTitle(texts.PLAN_TITLE)
        self.resize(620, 160)
        self.offering = QComboBox(self)
        with session() as s:
            rows = s.execute(
                select(Offering.id, Offering.code, Course.title, Offering.start_date)
                .join(Course, Course.id == Offering.course_id)
                .where(Offering.status.in_(supervision.VISITABLE))
                .order_by(Offering.start_date)
            ).all()
        self.starts: dict[int, date] = {}
        for offering_id, code, title, start in rows:
            self.offering.addItem(
                f"{to_persian_digits(code)} — {title} ({format_jalali_display(start)})", offering_id
            )
            self.starts[offering_id] = start
        self.day = JalaliDateEdit(rows[0][3] if rows else date.today(), self)
        self.offering.currentIndexChanged.connect(self._offering_changed)
        buttons = QDialogButtonBox(self)
        buttons.addButton(texts.SAVE, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(texts.CANCEL, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(texts.OFFERING, self.offering)
        form.addRow(texts.PLANNED_DATE, self.day)
        form.addRow(buttons)

    def _offering_changed(self) -> None:
        start = self.starts.get(int(self.offering.currentData() or 0))
        if start is not None:
            self.day.set_value(start)

    def save(self) -> None:
        if self.offering.count() == 0:
            QMessageBox.information(self, texts.PLAN_TITLE, texts.NO_OFFERINGS)
            return
        try:
            with self.session() as s:
                visit = supervision.plan_visit(
                    s, int(self.offering.currentData()), self.day.value()
                )
                self.visit_id = visit.id
        except (InvalidField, PermissionDenied) as error:
            QMessageBox.warning(self, texts.ERROR_TITLE, str(error))
            return
        self.accept()
