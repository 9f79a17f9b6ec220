"""An offering: course, Jalali dates, mode, venue, capacity, budget, instructors, a session
schedule generated from a weekly pattern and then editable, and the committee approvals.
Clashes are shown (and asked about) before anything is saved."""

from __future__ import annotations

from datetime import date, time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from shahrtrain_desktop.models import Course, Need, Offering
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import DeliveryMode, PersonCategory
from shahrtrain_desktop.persian import (
    to_persian_digits,
)
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.catalogue import list_courses, list_instructors, list_venues
from shahrtrain_desktop.services.organisations import counties
from shahrtrain_desktop.services.planning import (
    ApprovalsInput,
    OfferingInput,
    input_from_needs,
    preview_clashes,
    record_approvals,
    save_offering,
)
from shahrtrain_desktop.services.schedule import PERSIAN_WEEK, SessionInput, generate_sessions
from shahrtrain_desktop.ui.date_edit import JalaliDateEdit
from shahrtrain_desktop.ui.planning.common import (
    USER_ERRORS,
    acting,
    attempt,
    fill_enum,
    fill_pairs,
    rtl,
    select_data,
)
from shahrtrain_desktop.ui.planning.session_table import SessionTable
from shahrtrain_desktop.ui.strings import ltr

TITLE = "برنامه‌ریزی دوره"
WEEKDAYS = ("شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه")
GENERATE = "ساخت جلسه‌ها از الگو"
NEEDS = "پاسخ به نیازها"
ADD_ROW, REMOVE_ROW = "افزودن جلسه", "حذف جلسهٔ برگزیده"
CHECK = "بررسی تداخل‌ها"
NO_CLASHES = "تداخلی پیدا نشد."
CLASH_TITLE = "تداخل در برنامه"
CLASH_ASK = "{items}\n\nبا وجود این تداخل‌ها ذخیره شود؟"
GROUPS = ("مشخصات دوره", "الگوی جلسه‌ها", "جلسه‌ها", "مصوبات کمیته‌ها")
FIELDS = (
    "دوره از فهرست",
    "تاریخ آغاز",
    "تاریخ پایان",
    "شیوهٔ اجرا",
    "مکان برگزاری",
    "شهرستان",
    "گروه هدف",
    "ظرفیت (نفر)",
    "بودجه (ریال)",
    "مدرسان",
)
PATTERN = ("روزهای هفته", "ساعت آغاز", "ساعت هر جلسه", "جمع ساعت")
APPROVAL = (
    "شمارهٔ مصوبهٔ کمیتهٔ اجرایی",
    "تاریخ مصوبه",
    "تأیید کمیتهٔ راهبری",
    "شمارهٔ نامهٔ تأیید",
    "تاریخ تأیید",
)


class OfferingDialog(QDialog):
    def __init__(
        self,
        db: Database,
        user: SignedIn | None,
        offering_id: int | None = None,
        need_ids: tuple[int, ...] = (),
        start: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.db, self.user, self.offering_id = db, user, offering_id
        self.need_ids = need_ids
        self.saved_id: int | None = None
        self.setWindowTitle(TITLE)
        self.resize(980, 760)
        first = start or date.today()
        self.course = QComboBox(self)
        self.start = JalaliDateEdit(first, self)
        self.end = JalaliDateEdit(first + timedelta(days=14), self)
        self.mode = QComboBox(self)
        fill_enum(self.mode, DeliveryMode)
        self.venue = QComboBox(self)
        self.county = QComboBox(self)
        self.target = QComboBox(self)
        fill_enum(self.target, PersonCategory, none=True)
        self.capacity = QSpinBox(self)
        self.capacity.setRange(1, 5000)
        self.capacity.setValue(30)
        self.budget = QLineEdit("0", self)
        self.budget.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.needs_label = QLabel("", self)
        self.needs_label.setWordWrap(True)
        self.instructors = QListWidget(self)
        self.instructors.setMaximumHeight(90)
        self._fill_lists()

        details = QGroupBox(GROUPS[0], self)
        form = QFormLayout(details)
        for text, widget in zip(
            FIELDS,
            (self.course, self.start, self.end, self.mode, self.venue, self.county, self.target,
             self.capacity, self.budget, self.instructors),
            strict=True,
        ):  # fmt: skip
            form.addRow(text, widget)
        form.addRow(NEEDS, self.needs_label)

        pattern = QGroupBox(GROUPS[1], self)
        grid = QGridLayout(pattern)
        days = QHBoxLayout()
        self.day_boxes: dict[int, QCheckBox] = {}
        for name, weekday in zip(WEEKDAYS, PERSIAN_WEEK, strict=True):
            box = QCheckBox(name, pattern)
            self.day_boxes[weekday] = box
            days.addWidget(box)
        self.day_boxes[PERSIAN_WEEK[0]].setChecked(True)
        self.day_boxes[PERSIAN_WEEK[2]].setChecked(True)
        self.start_time = QTimeEdit(time(8, 0), pattern)
        # A time reads ۰۸:۰۰ left to right. Before setDisplayFormat: a right-to-left edit
        # reverses the sections of the format it is given and would show ۰۰:۰۸.
        self.start_time.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.start_time.setDisplayFormat("HH:mm")
        self.session_hours = QDoubleSpinBox(pattern)
        self.session_hours.setRange(0.5, 10)
        self.session_hours.setSingleStep(0.5)
        self.session_hours.setValue(4)
        self.total_hours = QDoubleSpinBox(pattern)
        self.total_hours.setRange(0.5, 500)
        generate = QPushButton(GENERATE, pattern)
        generate.clicked.connect(self.generate)
        grid.addWidget(QLabel(PATTERN[0]), 0, 0)
        grid.addLayout(days, 0, 1, 1, 5)
        for column, (text, widget) in enumerate(
            zip(PATTERN[1:], (self.start_time, self.session_hours, self.total_hours), strict=True)
        ):
            grid.addWidget(QLabel(text), 1, column * 2)
            grid.addWidget(widget, 1, column * 2 + 1)
        grid.addWidget(generate, 1, 6)

        sessions = QGroupBox(GROUPS[2], self)
        session_box = QVBoxLayout(sessions)
        self.table = SessionTable(sessions)
        session_box.addWidget(self.table)
        row_buttons = QHBoxLayout()
        for text, slot in ((ADD_ROW, self.add_row), (REMOVE_ROW, self.remove_row),
                           (CHECK, self.show_clashes)):  # fmt: skip
            button = QPushButton(text, sessions)
            button.clicked.connect(slot)
            row_buttons.addWidget(button)
        row_buttons.addStretch(1)
        session_box.addLayout(row_buttons)
        self.clash_label = QLabel("", sessions)
        self.clash_label.setWordWrap(True)
        self.clash_label.setObjectName("clashWarnings")
        session_box.addWidget(self.clash_label)

        approvals = QGroupBox(GROUPS[3], self)
        approvals_form = QFormLayout(approvals)
        self.resolution_number = QLineEdit(approvals)
        self.has_resolution_date = QCheckBox(approvals)
        self.resolution_date = JalaliDateEdit(first, approvals)
        self.steering = QCheckBox(approvals)
        self.steering_reference = QLineEdit(approvals)
        self.steering_date = JalaliDateEdit(first, approvals)
        resolution_row = QHBoxLayout()
        resolution_row.addWidget(self.has_resolution_date)
        resolution_row.addWidget(self.resolution_date, 1)
        for text, widget in zip(
            APPROVAL,
            (self.resolution_number, resolution_row, self.steering, self.steering_reference,
             self.steering_date),
            strict=True,
        ):  # fmt: skip
            approvals_form.addRow(text, widget)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(details, 3)
        top.addWidget(approvals, 2)
        layout.addLayout(top)
        layout.addWidget(pattern)
        layout.addWidget(sessions, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.course.currentIndexChanged.connect(self._course_changed)
        self.venue.currentIndexChanged.connect(self._venue_changed)
        if offering_id is not None:
            self._load(offering_id)
        elif need_ids:
            self._from_needs(first)
        self._course_changed()
        self._show_needs()

    # -- filling -------------------------------------------------------------------------

    def _fill_lists(self) -> None:
        with self.db.session() as session:
            self.course_hours = {c.id: c.total_hours for c in list_courses(session)}
            fill_pairs(
                self.course,
                (
                    (c.id, rtl(f"{c.title} ({to_persian_digits(c.code)})"))
                    for c in list_courses(session)
                ),
            )
            venues = list_venues(session, True)
            self.venue_counties = {v.id: v.county_id for v in venues}
            fill_pairs(self.venue, ((v.id, v.name) for v in venues))
            fill_pairs(self.county, counties(session))
            self.instructors.clear()
            for instructor in list_instructors(session, True):
                item = QListWidgetItem(instructor.full_name, self.instructors)
                item.setData(Qt.ItemDataRole.UserRole, instructor.id)
                item.setCheckState(Qt.CheckState.Unchecked)

    def _show_needs(self) -> None:
        with self.db.session() as session:
            topics = [n.topic for n in (session.get(Need, i) for i in self.need_ids) if n]
        self.needs_label.setText(rtl("، ".join(topics) or "—"))

    def _venue_changed(self) -> None:
        county = self.venue_counties.get(self.venue.currentData() or 0)
        if county is not None and self.county.currentData() is None:
            select_data(self.county, county)

    def _course_changed(self) -> None:
        hours = self.course_hours.get(self.course.currentData() or 0)
        if hours and not self.table.rowCount():
            self.total_hours.setValue(hours)

    def _from_needs(self, start: date) -> None:
        with self.db.session() as session:
            draft = input_from_needs(session, self.need_ids, start, self.end.value())
        select_data(self.course, draft.course_id)
        select_data(self.target, draft.target_group)
        self.capacity.setValue(draft.capacity)

    def _load(self, offering_id: int) -> None:
        with self.db.session() as session:
            offering = session.get(Offering, offering_id)
            if offering is None:
                return
            self.need_ids = tuple(n.id for n in offering.needs)
            select_data(self.course, offering.course_id)
            self.start.set_value(offering.start_date)
            self.end.set_value(offering.end_date)
            select_data(self.mode, offering.mode)
            select_data(self.venue, offering.venue_id)
            select_data(self.county, offering.county_id)
            select_data(self.target, offering.target_group)
            self.capacity.setValue(offering.capacity)
            self.budget.setText(to_persian_digits(offering.budget_rial, grouping=True))
            chosen = {link.instructor_id for link in offering.instructors}
            for row in range(self.instructors.count()):
                item = self.instructors.item(row)
                if item.data(Qt.ItemDataRole.UserRole) in chosen:
                    item.setCheckState(Qt.CheckState.Checked)
            self.table.set_sessions(
                [SessionInput(s.date, s.start_time, s.end_time, s.topic or "",
                              s.instructor_id, s.venue_id) for s in offering.sessions]
            )  # fmt: skip
            self.resolution_number.setText(offering.executive_resolution_number or "")
            if offering.executive_resolution_date:
                self.has_resolution_date.setChecked(True)
                self.resolution_date.set_value(offering.executive_resolution_date)
            self.steering.setChecked(offering.steering_approved)
            self.steering_reference.setText(offering.steering_approval_reference or "")
            if offering.steering_approval_date:
                self.steering_date.set_value(offering.steering_approval_date)
            course = session.get(Course, offering.course_id)
            code = ltr(to_persian_digits(offering.code))
            self.setWindowTitle(f"{TITLE} — {code} {course.title if course else ''}")

    # -- sessions ------------------------------------------------------------------------

    def generate(self) -> None:
        days = [d for d, box in self.day_boxes.items() if box.isChecked()]
        made = attempt(
            self,
            lambda: generate_sessions(
                self.start.value(),
                self.end.value(),
                days,
                self.start_time.time().toPython(),
                self.session_hours.value(),
                self.total_hours.value(),
            ),
        )
        if made is not None:
            self.table.set_sessions(made)
            self.show_clashes()

    def add_row(self) -> None:
        last = self.table.sessions()[-1:] if self.table.rowCount() else []
        day = last[0].date + timedelta(days=1) if last else self.start.value()
        start = self.start_time.time().toPython()
        self.table.append(SessionInput(day, start, time(min(start.hour + 4, 23), start.minute)))

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    # -- saving --------------------------------------------------------------------------

    def value(self) -> OfferingInput:
        chosen = tuple(
            self.instructors.item(r).data(Qt.ItemDataRole.UserRole)
            for r in range(self.instructors.count())
            if self.instructors.item(r).checkState() == Qt.CheckState.Checked
        )
        return OfferingInput(
            course_id=self.course.currentData(),
            start_date=self.start.value(),
            end_date=self.end.value(),
            mode=self.mode.currentData(),
            capacity=self.capacity.value(),
            budget_rial=self.budget.text(),
            venue_id=self.venue.currentData(),
            county_id=self.county.currentData(),
            target_group=self.target.currentData(),
            instructor_ids=chosen,
            sessions=tuple(self.table.sessions()),
            need_ids=self.need_ids,
        )

    def approvals(self) -> ApprovalsInput:
        return ApprovalsInput(
            self.resolution_number.text(),
            self.resolution_date.value() if self.has_resolution_date.isChecked() else None,
            self.steering.isChecked(),
            self.steering_reference.text(),
            self.steering_date.value() if self.steering.isChecked() else None,
        )

    def clash_messages(self) -> list[str]:
        data = self.value()
        with self.db.session() as session:
            return [c.message for c in preview_clashes(session, data, self.offering_id)]

    def show_clashes(self) -> None:
        messages = attempt(self, self.clash_messages)
        if messages is None:
            return
        self.clash_label.setText("\n".join(f"⚠ {m}" for m in messages) or NO_CLASHES)

    def save(self) -> None:
        try:
            data = self.value()
            messages = self.clash_messages()
        except USER_ERRORS as error:
            QMessageBox.warning(self, TITLE, str(error))
            return
        if messages:
            self.clash_label.setText("\n".join(f"⚠ {m}" for m in messages))
            items = "\n".join(f"• {m}" for m in messages)
            answer = QMessageBox.question(self, CLASH_TITLE, CLASH_ASK.format(items=items))
            if answer != QMessageBox.StandardButton.Yes:
                return

        def run() -> int:
            with acting(self.db, self.user) as session:
                offering = save_offering(session, data, self.offering_id, accept_clashes=True)
                record_approvals(session, offering.id, self.approvals())
                return offering.id

        saved = attempt(self, run)
        if saved is not None:
            self.saved_id = saved
            self.accept()
