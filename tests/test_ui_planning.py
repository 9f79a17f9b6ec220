"""The planning screens with an officer signed in: record a need, plan an offering for an
unmet need with a generated schedule and approvals, open it, and print the year's plan."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import time
from pathlib import Path

import pytest
from planning_fixtures import YEAR, fill
from PySide6.QtCore import QTime
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from shahrtrain_desktop.models import Need, Offering, User
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import NeedStatus, OfferingStatus, PersonCategory
from shahrtrain_desktop.persian import from_jalali, to_ascii_digits
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.needs import unplanned_needs
from shahrtrain_desktop.ui.app import create_application
from shahrtrain_desktop.ui.planning import common
from shahrtrain_desktop.ui.planning.annual_plan_view import AnnualPlanDialog
from shahrtrain_desktop.ui.planning.catalogue_dialog import CatalogueDialog
from shahrtrain_desktop.ui.planning.need_dialog import NeedDialog
from shahrtrain_desktop.ui.planning.needs_summary import NeedsSummaryDialog
from shahrtrain_desktop.ui.planning.offering_dialog import OfferingDialog
from shahrtrain_desktop.ui.tabs import NeedsTab, OfferingsTab
from shahrtrain_desktop.ui.worker import Worker

SHOTS = os.environ.get("SHAHRTRAIN_SHOTS")  # a folder: save screenshots there too


def _shot(widget: object, name: str) -> None:
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / name))  # type: ignore[attr-defined]


@pytest.fixture
def officer(db: Database) -> Iterator[SignedIn]:
    create_application()
    fill(db)
    with db.session() as s:
        user = s.scalars(select(User).where(User.username == "officer")).one()
        yield SignedIn.of(user)


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(common.QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    return shown


def test_need_without_a_source_is_refused_then_saved(
    db: Database, officer: SignedIn, qtbot: QtBot, warnings: list[str]
) -> None:
    dialog = NeedDialog(db, officer, YEAR)
    qtbot.addWidget(dialog)
    dialog.topic.setText("مدیریت پسماند شهری")
    common.select_data(dialog.target, PersonCategory.STAFF)
    dialog.count.setValue(40)
    dialog.save()
    assert warnings and "منبع نیاز" in warnings[0]
    assert dialog.saved_id is None
    dialog.source.setCurrentIndex(dialog.source.findText("پیمایش"))
    _shot(dialog, "issue4-need-dialog.png")
    dialog.save()
    assert dialog.saved_id is not None
    with db.session() as s:
        need = s.get(Need, dialog.saved_id)
        assert need is not None and need.status == NeedStatus.NEW


def test_plan_an_unmet_need_schedule_approve_and_open(
    db: Database,
    officer: SignedIn,
    qtbot: QtBot,
    warnings: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        "shahrtrain_desktop.ui.planning.offering_dialog.QMessageBox.question",
        lambda *_a: QMessageBox.StandardButton.Yes,
    )
    with db.session() as s:
        need = unplanned_needs(s, YEAR)[0]
        need_id = need.id
    start = from_jalali(1405, 11, 4)
    dialog = OfferingDialog(db, officer, need_ids=(need_id,), start=start)
    qtbot.addWidget(dialog)
    dialog.end.set_value(from_jalali(1405, 11, 25))
    if dialog.course.currentData() is None:
        dialog.course.setCurrentIndex(1)
    dialog.venue.setCurrentIndex(1)
    dialog.instructors.item(0).setCheckState(dialog.instructors.item(0).checkState().Checked)
    dialog.start_time.setTime(QTime(9, 0))
    assert to_ascii_digits(dialog.start_time.text()) == "09:00"  # hours first, not 00:09
    dialog.session_hours.setValue(3)
    dialog.total_hours.setValue(12)
    dialog.budget.setText("۴۵٬۰۰۰٬۰۰۰")
    dialog.generate()
    assert dialog.table.rowCount() == 4
    assert dialog.table.sessions()[0].start_time == time(9, 0)
    assert {dialog.table.item(r, 1).text() for r in range(4)} == {"شنبه", "دوشنبه"}
    dialog.resolution_number.setText("۱۸/۱۴۰۵")
    dialog.has_resolution_date.setChecked(True)
    dialog.resolution_date.set_value(from_jalali(1405, 10, 28))
    dialog.steering.setChecked(True)
    dialog.steering_reference.setText("۷۷۱۲/س")
    dialog.show()
    _shot(dialog, "issue4-offering-dialog.png")
    # a session moved outside the dates is refused, nothing saved
    dialog.table.item(3, 0).setText("1405/12/10")
    dialog.save()
    assert dialog.saved_id is None and "بیرون از تاریخ‌های دوره" in warnings[-1]
    dialog.table.removeRow(3)
    dialog.save()
    assert dialog.saved_id is not None, warnings
    with db.session() as s:
        offering = s.get(Offering, dialog.saved_id)
        assert offering is not None
        assert offering.budget_rial == 45_000_000
        assert offering.executive_resolution_number == "18/1405"
        assert [n.id for n in offering.needs] == [need_id]
        offering_id = offering.id

    tab = OfferingsTab(db, officer)
    qtbot.addWidget(tab)
    tab.populate()
    monkeypatch.setattr(tab, "selected_id", lambda: offering_id)
    monkeypatch.setattr(
        "shahrtrain_desktop.ui.tabs.offerings.QMessageBox.information", lambda *_a: None
    )
    tab.open_selected()
    with db.session() as s:
        assert s.get(Offering, offering_id).status == OfferingStatus.OPEN  # type: ignore[union-attr]


def test_open_without_approvals_says_what_is_missing(
    db: Database,
    officer: SignedIn,
    qtbot: QtBot,
    warnings: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with db.session() as s:
        draft = s.scalars(
            select(Offering).where(
                Offering.status == OfferingStatus.DRAFT,
                Offering.executive_resolution_number.is_(None),
            )
        ).first()
        assert draft is not None
        draft_id = draft.id
    tab = OfferingsTab(db, officer)
    qtbot.addWidget(tab)
    monkeypatch.setattr(tab, "selected_id", lambda: draft_id)
    tab.open_selected()
    assert "کمیتهٔ اجرایی" in warnings[-1]


def test_annual_plan_view_and_print(
    db: Database, officer: SignedIn, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "shahrtrain_desktop.ui.planning.annual_plan_view.QMessageBox.information",
        lambda *_a: None,
    )
    worker = Worker(db)
    dialog = AnnualPlanDialog(db, worker, YEAR)
    qtbot.addWidget(dialog)
    with db.session() as s:
        count = s.scalar(
            select(func.count())
            .select_from(Offering)
            .where(Offering.year == YEAR, Offering.status != OfferingStatus.CANCELLED)
        )
    assert dialog.gantt.rowCount() == count
    assert dialog.summary.columnCount() == 12
    assert dialog.gantt.horizontalHeaderItem(1).text() == "فروردین"
    dialog.show()
    _shot(dialog, "issue4-annual-plan.png")
    dialog.group.setCurrentIndex(dialog.group.findText("شهردار"))
    assert 0 < dialog.gantt.rowCount() < (count or 0)
    out = tmp_path / "plan.pdf"
    dialog.export_to(out)
    qtbot.waitUntil(lambda: getattr(dialog, "last_saved", None) == out, timeout=20000)
    assert out.stat().st_size > 5000


def test_needs_tab_summary_and_catalogue_open(
    db: Database, officer: SignedIn, qtbot: QtBot
) -> None:
    tab = NeedsTab(db, officer)
    qtbot.addWidget(tab)
    tab.populate()
    assert tab.buttons["نیاز تازه…"].isVisibleTo(tab)
    summary = NeedsSummaryDialog(db, YEAR)
    qtbot.addWidget(summary)
    assert summary.table.rowCount() > 3
    catalogue = CatalogueDialog(db, officer)
    qtbot.addWidget(catalogue)
    _shot(summary, "issue4-needs-summary.png")


def test_supervisor_sees_no_planning_buttons(db: Database, qtbot: QtBot) -> None:
    create_application()
    fill(db)
    with db.session() as s:
        user = s.scalars(select(User).where(User.username == "supervisor")).one()
        supervisor = SignedIn.of(user)
    tab = NeedsTab(db, supervisor)
    qtbot.addWidget(tab)
    assert not tab.buttons["نیاز تازه…"].isVisibleTo(tab)
    assert tab.buttons["خلاصهٔ نیازها…"].isVisibleTo(tab)


def test_catalogue_course_form_saves_and_shows_history(
    db: Database, officer: SignedIn, qtbot: QtBot, warnings: list[str]
) -> None:
    from shahrtrain_desktop.models import Course
    from shahrtrain_desktop.ui.planning.catalogue_forms import (
        CourseDialog,
        InstructorHistoryDialog,
    )

    catalogue = CatalogueDialog(db, officer)
    qtbot.addWidget(catalogue)
    courses, instructors, _venues = catalogue.pages
    before = courses.table.rowCount()
    form = CourseDialog(db, officer)
    qtbot.addWidget(form)
    form.code.setText("۹۹۰۱")
    form.title.setText("")
    form.save()
    assert "عنوان دوره" in warnings[-1] and form.saved_id is None
    form.title.setText("مدیریت پسماند شهری")
    form.prerequisites.item(0).setCheckState(form.prerequisites.item(0).checkState().Checked)
    _shot(form, "issue4-course-form.png")
    form.save()
    assert form.saved_id is not None
    with db.session() as s:
        course = s.get(Course, form.saved_id)
        assert course is not None and course.code == "9901" and len(course.prerequisites) == 1
    courses.reload()
    assert courses.table.rowCount() == before + 1
    instructors.table.selectRow(0)
    history = InstructorHistoryDialog(db, instructors.ids[0])
    qtbot.addWidget(history)
    assert history.table.rowCount() > 0
    assert "میانگین ارزیابی" in history.windowTitle()


def test_clash_is_shown_and_asked_about_before_saving(
    db: Database, officer: SignedIn, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from shahrtrain_desktop.models import CourseSession
    from shahrtrain_desktop.services.schedule import SessionInput

    asked: list[str] = []

    def refuse(_parent: object, _title: str, text: str) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(
        "shahrtrain_desktop.ui.planning.offering_dialog.QMessageBox.question", refuse
    )
    with db.session() as s:
        busy = s.scalars(
            select(CourseSession).where(CourseSession.instructor_id.is_not(None))
        ).first()
        assert busy is not None
        day, start, end, teacher = busy.date, busy.start_time, busy.end_time, busy.instructor_id
        before = s.scalar(select(func.count()).select_from(Offering))
    dialog = OfferingDialog(db, officer, start=day)
    qtbot.addWidget(dialog)
    dialog.end.set_value(day)
    dialog.course.setCurrentIndex(1)
    dialog.venue.setCurrentIndex(1)
    for row in range(dialog.instructors.count()):
        item = dialog.instructors.item(row)
        if item.data(0x0100) == teacher:
            item.setCheckState(item.checkState().Checked)
    dialog.table.set_sessions([SessionInput(day, start, end)])
    dialog.show_clashes()
    assert "درس دارد" in dialog.clash_label.text()
    dialog.show()
    _shot(dialog, "issue4-clash-warning.png")
    dialog.save()
    assert asked and "درس دارد" in asked[0]
    assert dialog.saved_id is None
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Offering)) == before
