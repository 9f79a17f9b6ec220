"""The Jalali date field reads ۱۴۰۵/۰۹/۰۴ year first from the right, as a Persian letter does."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from pixels import differing_columns
from PySide6.QtCore import QCalendar, Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QDateTimeEdit, QHBoxLayout, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from shahrtrain_desktop.persian import from_jalali, normalize_text, rtl_date_marks
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
    assert edit.text() == rtl_date_marks("۱۴۰۵/۰۹/۰۴")
    assert normalize_text(edit.text()) == "۱۴۰۵/۰۹/۰۴"  # what a copy pasted back reads
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
    assert edit.text() == rtl_date_marks("۱۴۰۵/۱۲/۲۹")
    assert edit.value() == date(2027, 3, 20)


def _changed_columns(edit: JalaliDateEdit, value: date) -> list[int]:
    """The x positions of the edit's text field whose pixels change when *value* is shown."""
    line = edit.findChild(QLineEdit)
    assert line is not None
    edit.clearFocus()  # no caret, no selected section
    before = line.grab().toImage()
    edit.set_value(value)
    after = line.grab().toImage()
    return differing_columns(before, after)


def test_grab_draws_the_year_at_the_right_end(edit: JalaliDateEdit) -> None:
    """Read as ۱۴۰۷/۰۹/۰۷ from the right: the year is the right-hand group, the day the left.

    Changing only the day must change pixels left of the text's centre, changing only the
    year pixels right of it; a left-to-right run (year on the left) fails both. ۷ and ۸ are
    equally wide, so the centred text does not move when one becomes the other.
    """
    metrics = QFontMetricsF(edit.font())
    assert metrics.horizontalAdvance("۷") == metrics.horizontalAdvance("۸")
    edit.setMinimumWidth(240)
    edit.window().adjustSize()
    width = edit.findChild(QLineEdit).width()
    edit.set_value(from_jalali(1407, 9, 7))
    day = _changed_columns(edit, from_jalali(1407, 9, 8))
    assert edit.text() == rtl_date_marks("۱۴۰۷/۰۹/۰۸")
    assert day
    assert max(day) < width / 2
    year = _changed_columns(edit, from_jalali(1408, 9, 8))
    assert edit.text() == rtl_date_marks("۱۴۰۸/۰۹/۰۸")
    assert year
    assert min(year) > width / 2


def test_typing_fills_year_then_month_then_day(edit: JalaliDateEdit, qtbot: QtBot) -> None:
    edit.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(edit.hasFocus)
    assert edit.currentSection() == QDateTimeEdit.Section.YearSection  # where a tab lands
    assert edit.findChild(QLineEdit).selectedText() == "۱۴۰۵"  # typing replaces the year
    qtbot.keyClicks(edit, "14041203")
    edit.clearFocus()
    assert edit.jalali() == (1404, 12, 3)
    assert edit.text() == rtl_date_marks("۱۴۰۴/۱۲/۰۳")
