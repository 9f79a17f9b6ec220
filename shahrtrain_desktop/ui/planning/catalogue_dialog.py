"""«فهرست دوره‌ها…»: the catalogue's courses, instructors (with their teaching record and
rating) and venues; add and edit them while planning."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.persian import to_persian_digits
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.catalogue import (
    instructor_history,
    list_courses,
    list_instructors,
    list_venues,
    target_groups_of,
)
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.ui.planning.catalogue_forms import (
    CourseDialog,
    InstructorDialog,
    InstructorHistoryDialog,
    VenueDialog,
)
from shahrtrain_desktop.ui.planning.common import rtl
from shahrtrain_desktop.ui.planning.tab_actions import action_row

TITLE = "فهرست دوره‌ها، مدرسان و مکان‌ها"
TABS = ("دوره‌ها", "مدرسان", "مکان‌ها")
NEW, EDIT, HISTORY = "تازه…", "ویرایش…", "سوابق تدریس…"
COURSE_HEADERS = ("کد", "عنوان", "دسته", "ساعت نظری", "ساعت عملی", "گروه‌های هدف",
                  "پیش‌نیازها", "حداقل حضور", "حداقل نمره")  # fmt: skip
INSTRUCTOR_HEADERS = ("نام", "رشته", "تلفن همراه", "دوره‌های تدریس", "ساعت تدریس",
                      "میانگین ارزیابی")  # fmt: skip
VENUE_HEADERS = ("نام", "ظرفیت", "نشانی")

Rows = list[tuple[int, list[str]]]


def _n(value: float | None) -> str:
    return "—" if value is None else to_persian_digits(value, decimals=1)


def course_rows(session: Session) -> Rows:
    return [
        (c.id, [to_persian_digits(c.code), c.title, c.category.name, _n(c.theory_hours),
                _n(c.practice_hours), "، ".join(label(g) for g in target_groups_of(c)) or "همه",
                "، ".join(p.title for p in c.prerequisites), f"{_n(c.min_attendance_pct)}٪",
                _n(c.min_score)])
        for c in list_courses(session)
    ]  # fmt: skip


def instructor_rows(session: Session) -> Rows:
    rows: Rows = []
    for teacher in list_instructors(session):
        history = instructor_history(session, teacher.id)
        mobile = to_persian_digits(teacher.mobile or "")
        rows.append(
            (teacher.id, [teacher.full_name, teacher.field or "", mobile,
                          _n(len(history.records)), _n(history.total_hours),
                          _n(history.average_rating)])
        )  # fmt: skip
    return rows


def venue_rows(session: Session) -> Rows:
    return [(v.id, [v.name, _n(v.capacity), v.address or ""]) for v in list_venues(session)]


class _Page(QWidget):
    """One tab: a read-only table of rows with ids, and its buttons."""

    def __init__(
        self,
        db: Database,
        headers: tuple[str, ...],
        read: Callable[[Session], Rows],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.db, self.read = db, read
        self.ids: list[int] = []
        self.table = QTableWidget(0, len(headers), self)
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.layout_ = QVBoxLayout(self)
        self.reload()

    def finish(self, buttons: object) -> None:
        self.layout_.addLayout(buttons)  # type: ignore[arg-type]
        self.layout_.addWidget(self.table)

    def reload(self) -> None:
        with self.db.session() as session:
            rows = self.read(session)
        self.ids = [row_id for row_id, _ in rows]
        self.table.setRowCount(len(rows))
        for r, (_id, texts) in enumerate(rows):
            for c, text in enumerate(texts):
                self.table.setItem(r, c, QTableWidgetItem(rtl(text)))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def selected(self) -> int | None:
        row = self.table.currentRow()
        return self.ids[row] if 0 <= row < len(self.ids) else None


class CatalogueDialog(QDialog):
    def __init__(self, db: Database, user: SignedIn | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db, self.user = db, user
        self.setWindowTitle(TITLE)
        self.resize(1100, 640)
        self.tabs = QTabWidget(self)
        self.pages: list[_Page] = []
        forms = (CourseDialog, InstructorDialog, VenueDialog)
        reads = (course_rows, instructor_rows, venue_rows)
        headers = (COURSE_HEADERS, INSTRUCTOR_HEADERS, VENUE_HEADERS)
        for title, form, read, header in zip(TABS, forms, reads, headers, strict=True):
            page = _Page(db, header, read, self.tabs)
            actions: list[tuple[str, Callable[[], None], bool]] = [
                (NEW, lambda p=page, f=form: self.edit(p, f, None), True),
                (EDIT, lambda p=page, f=form: self.edit_selected(p, f), True),
            ]
            if form is InstructorDialog:
                actions.append((HISTORY, lambda p=page: self.history(p), False))
            row, _buttons = action_row(page, user, actions)
            page.finish(row)
            self.tabs.addTab(page, title)
            self.pages.append(page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def edit(self, page: _Page, form: type, item_id: int | None) -> None:
        dialog = form(self.db, self.user, item_id, self)
        if dialog.exec():
            page.reload()

    def edit_selected(self, page: _Page, form: type) -> None:
        item_id = page.selected()
        if item_id is not None:
            self.edit(page, form, item_id)

    def history(self, page: _Page) -> None:
        instructor_id = page.selected()
        if instructor_id is not None:
            InstructorHistoryDialog(self.db, instructor_id, self).exec()
