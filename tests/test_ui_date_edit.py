"""The Jalali date field reads ۱۴۰۵/۰۹/۰۴ even inside a right-to-left window."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import QCalendar, Qt
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from shahrtrain_desktop.ui.app import create_application
from shahrtrain_desktop.ui.date_edit import JalaliDateEdit

AZAR_4_1405 = date(2026, 11, 25)


@pytest.fixture
def edit(qtbot: QtBot) -> Iterator[JalaliDateEdit]:
    """The edit inside a right-to-left window (the window is held until the test ends)."""
    create_application()
    window = QWidget()
    window.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    field = JalaliDateEdit(AZAR_4_1405, window)
    QHBoxLayout(window).addWidget(field)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield field
    window.close()


def test_reads_year_month_day_in_persian_digits(edit: JalaliDateEdit) -> None:
    assert edit.text() == "۱۴۰۵/۰۹/۰۴"
    assert edit.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert edit.parentWidget().layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert edit.value() == AZAR_4_1405
    assert edit.jalali() == (1405, 9, 4)


def test_calendar_and_popup_are_jalali(edit: JalaliDateEdit) -> None:
    assert edit.calendar().name() == QCalendar(QCalendar.System.Jalali).name()
    popup = edit.calendarWidget()
    assert popup.calendar().name() == edit.calendar().name()
    assert popup.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert popup.firstDayOfWeek() == Qt.DayOfWeek.Saturday


def test_set_value_round_trips(edit: JalaliDateEdit) -> None:
    edit.set_value(date(2027, 3, 20))  # 29 Esfand 1405
    assert edit.text() == "۱۴۰۵/۱۲/۲۹"


def test_grab_draws_the_day_at_the_right_end(edit: JalaliDateEdit) -> None:
    """Read as ۱۴۰۵/۰۹/۰۴: the day is the right-hand group, the year the left-hand one.

    Changing only the day must change pixels right of the text's centre; in a mirrored edit
    (۰۴/۰۹/۱۴۰۵) they would change on the left.
    """
    line = edit.findChild(QLineEdit)
    assert line is not None
    edit.clearFocus()  # no caret, no selected section
    before = line.grab().toImage()
    edit.set_value(AZAR_4_1405 + timedelta(days=1))
    assert edit.text() == "۱۴۰۵/۰۹/۰۵"
    after = line.grab().toImage()
    changed = [
        x
        for x in range(before.width())
        if any(before.pixel(x, y) != after.pixel(x, y) for y in range(before.height()))
    ]
    assert changed
    assert min(changed) > before.width() / 2
