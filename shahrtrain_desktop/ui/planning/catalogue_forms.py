"""Forms for one course (code, hours, syllabus, target groups, prerequisites, pass rules,
certificate wording), one instructor and one venue; and an instructor's teaching record."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import Course, Instructor, Venue
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import Education, PersonCategory
from shahrtrain_desktop.persian import format_jalali_display, to_persian_digits
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.catalogue import (
    CourseInput,
    InstructorInput,
    VenueInput,
    instructor_history,
    list_categories,
    list_courses,
    save_course,
    save_instructor,
    save_venue,
    target_groups_of,
)
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.ui.planning.common import (
    acting,
    attempt,
    fill_enum,
    fill_pairs,
    rtl,
    select_data,
)
from shahrtrain_desktop.ui.strings import ltr

COURSE_TITLE, INSTRUCTOR_TITLE, VENUE_TITLE = "دورهٔ آموزشی", "مدرس", "مکان برگزاری"
HISTORY_TITLE = "سوابق تدریس {name} — میانگین ارزیابی: {rating}"
HISTORY_HEADERS = ("کد دوره", "عنوان", "آغاز", "پایان", "وضعیت", "ساعت", "ارزیابی (۱ تا ۵)")
COURSE_ROWS = ("کد", "عنوان", "دسته", "ساعت نظری", "ساعت عملی", "گروه‌های هدف",
               "پیش‌نیازها", "حداقل درصد حضور", "حداقل نمره (از ۲۰)", "سرفصل‌ها",
               "متن گواهی‌نامه", "فعال")  # fmt: skip
INSTRUCTOR_ROWS = ("نام", "نام خانوادگی", "کد ملی", "رشته", "تحصیلات", "صلاحیت‌ها",
                   "تلفن همراه", "رایانامه", "سازمان", "فعال")  # fmt: skip
VENUE_ROWS = ("نام", "ظرفیت", "نشانی", "فعال")


class _Form(QDialog):
    """A form dialog: rows of (label, widget), Save runs ``store`` on behalf of the user."""

    def __init__(
        self, db: Database, user: SignedIn | None, title: str, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.db, self.user = db, user
        self.saved_id: int | None = None
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.form = QFormLayout(self)

    def finish(self, rows: tuple[str, ...], widgets: tuple[object, ...]) -> None:
        for text, widget in zip(rows, widgets, strict=True):
            self.form.addRow(text, widget)  # type: ignore[call-overload]
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.form.addRow(buttons)

    def store(self, session: Session) -> int:
        raise NotImplementedError

    def save(self) -> None:
        def run() -> int:
            with acting(self.db, self.user) as session:
                return self.store(session)

        saved = attempt(self, run)
        if saved is not None:
            self.saved_id = saved
            self.accept()


def _spin(maximum: float, value: float, step: float = 1) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(0, maximum)
    spin.setSingleStep(step)
    spin.setValue(value)
    return spin


def _checks(items: list[tuple[object, str]], chosen: set[object]) -> QListWidget:
    widget = QListWidget()
    widget.setMaximumHeight(110)
    for value, text in items:
        item = QListWidgetItem(text, widget)
        item.setData(Qt.ItemDataRole.UserRole, value)
        checked = value in chosen
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    return widget


def _checked(widget: QListWidget) -> tuple[object, ...]:
    return tuple(
        widget.item(r).data(Qt.ItemDataRole.UserRole)
        for r in range(widget.count())
        if widget.item(r).checkState() == Qt.CheckState.Checked
    )


class CourseDialog(_Form):
    def __init__(
        self,
        db: Database,
        user: SignedIn | None,
        course_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, user, COURSE_TITLE, parent)
        self.course_id = course_id
        with db.session() as session:
            course = session.get(Course, course_id) if course_id else None
            self.code = QLineEdit(course.code if course else "")
            self.code.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            self.title = QLineEdit(course.title if course else "")
            self.category = QComboBox()
            fill_pairs(self.category, ((c.id, c.name) for c in list_categories(session)), False)
            if course:
                select_data(self.category, course.category_id)
            self.theory = _spin(500, course.theory_hours if course else 8, 0.5)
            self.practice = _spin(500, course.practice_hours if course else 0, 0.5)
            groups = set(target_groups_of(course)) if course else set()
            self.groups = _checks([(g, label(g)) for g in PersonCategory], groups)  # type: ignore[arg-type]
            others = [(c.id, rtl(c.title)) for c in list_courses(session) if c.id != course_id]
            prerequisites = {p.id for p in course.prerequisites} if course else set()
            self.prerequisites = _checks(others, prerequisites)  # type: ignore[arg-type]
            self.attendance = _spin(100, course.min_attendance_pct if course else 80)
            self.score = _spin(20, course.min_score if course else 12, 0.25)
            self.syllabus = QPlainTextEdit(course.syllabus or "" if course else "")
            self.wording = QPlainTextEdit(course.certificate_wording or "" if course else "")
            for edit in (self.syllabus, self.wording):
                edit.setFixedHeight(60)
            self.active = QCheckBox()
            self.active.setChecked(course.active if course else True)
        self.finish(
            COURSE_ROWS,
            (self.code, self.title, self.category, self.theory, self.practice, self.groups,
             self.prerequisites, self.attendance, self.score, self.syllabus, self.wording,
             self.active),
        )  # fmt: skip

    def store(self, session: Session) -> int:
        data = CourseInput(
            code=self.code.text(),
            title=self.title.text(),
            category_id=self.category.currentData(),
            theory_hours=self.theory.value(),
            practice_hours=self.practice.value(),
            syllabus=self.syllabus.toPlainText(),
            target_groups=_checked(self.groups),  # type: ignore[arg-type]
            prerequisite_ids=_checked(self.prerequisites),  # type: ignore[arg-type]
            min_attendance_pct=self.attendance.value(),
            min_score=self.score.value(),
            certificate_wording=self.wording.toPlainText(),
            active=self.active.isChecked(),
        )
        return save_course(session, data, self.course_id).id


class InstructorDialog(_Form):
    def __init__(
        self,
        db: Database,
        user: SignedIn | None,
        instructor_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, user, INSTRUCTOR_TITLE, parent)
        self.instructor_id = instructor_id
        with db.session() as session:
            found = session.get(Instructor, instructor_id) if instructor_id else None
            t = found or Instructor(first_name="", last_name="", active=True)
            self.first, self.last = QLineEdit(t.first_name), QLineEdit(t.last_name)
            self.national_code = QLineEdit(t.national_code or "")
            self.field_edit = QLineEdit(t.field or "")
            self.education = QComboBox()
            fill_enum(self.education, Education, none=True)
            select_data(self.education, t.education)
            self.qualifications = QPlainTextEdit(t.qualifications or "")
            self.qualifications.setFixedHeight(60)
            self.mobile, self.email = QLineEdit(t.mobile or ""), QLineEdit(t.email or "")
            self.organisation = QLineEdit(t.organisation or "")
            self.active = QCheckBox()
            self.active.setChecked(t.active is not False)
        for edit in (self.national_code, self.mobile, self.email):
            edit.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.finish(
            INSTRUCTOR_ROWS,
            (self.first, self.last, self.national_code, self.field_edit, self.education,
             self.qualifications, self.mobile, self.email, self.organisation, self.active),
        )  # fmt: skip

    def store(self, session: Session) -> int:
        data = InstructorInput(
            self.first.text(),
            self.last.text(),
            self.national_code.text(),
            self.field_edit.text(),
            self.qualifications.toPlainText(),
            self.education.currentData(),
            self.mobile.text(),
            self.email.text(),
            self.organisation.text(),
            self.active.isChecked(),
        )
        return save_instructor(session, data, self.instructor_id).id


class VenueDialog(_Form):
    def __init__(
        self,
        db: Database,
        user: SignedIn | None,
        venue_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, user, VENUE_TITLE, parent)
        self.venue_id = venue_id
        with db.session() as session:
            venue = session.get(Venue, venue_id) if venue_id else None
            self.name = QLineEdit(venue.name if venue else "")
            self.capacity = QSpinBox()
            self.capacity.setRange(0, 5000)
            self.capacity.setValue(venue.capacity if venue else 30)
            self.address = QLineEdit(venue.address or "" if venue else "")
            self.active = QCheckBox()
            self.active.setChecked(venue.active if venue else True)
        self.finish(VENUE_ROWS, (self.name, self.capacity, self.address, self.active))

    def store(self, session: Session) -> int:
        data = VenueInput(
            self.name.text(), self.capacity.value(), None, self.address.text(),
            self.active.isChecked(),
        )  # fmt: skip
        return save_venue(session, data, self.venue_id).id


class InstructorHistoryDialog(QDialog):
    def __init__(self, db: Database, instructor_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.resize(860, 420)
        with db.session() as session:
            instructor = session.get(Instructor, instructor_id)
            history = instructor_history(session, instructor_id)
            name = instructor.full_name if instructor else ""
        rating = history.average_rating
        self.setWindowTitle(
            HISTORY_TITLE.format(
                name=name, rating="—" if rating is None else to_persian_digits(rating, decimals=2)
            )
        )
        rows = [
            [ltr(to_persian_digits(r.offering_code)), r.course_title,
             format_jalali_display(r.start_date), format_jalali_display(r.end_date),
             label(r.status),
             to_persian_digits(r.hours, decimals=1),
             "—" if r.rating is None else to_persian_digits(r.rating, decimals=2)]
            for r in history.records
        ]  # fmt: skip
        self.table = QTableWidget(len(rows), len(HISTORY_HEADERS), self)
        self.table.setHorizontalHeaderLabels(list(HISTORY_HEADERS))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
