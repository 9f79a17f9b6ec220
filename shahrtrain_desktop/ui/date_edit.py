"""A Jalali date field that reads ۱۴۰۵/۰۹/۰۴ year first from the right, as in a Persian letter."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCalendar, QDate, QLocale, Qt
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import QCalendarWidget, QDateEdit, QWidget

from shahrtrain_desktop.persian import rtl_date_marks, to_jalali

# Year, month, day in logical order (typed in that order), with the marks that draw the year at
# the right end: the same marks as every other date in the window and on paper.
DISPLAY_FORMAT = rtl_date_marks("yyyy/MM/dd")


def jalali_calendar() -> QCalendar:
    return QCalendar(QCalendar.System.Jalali)


def persian_locale() -> QLocale:
    return QLocale(QLocale.Language.Persian, QLocale.Country.Iran)


class JalaliDateEdit(QDateEdit):
    """QDateEdit on Qt's Jalali calendar with Persian digits and a Jalali popup.

    The year section is on the right, the month in the middle, the day on the left; typing
    fills the year first, then the month, then the day. Qt's own right-to-left date edit
    reverses the sections (the day would be typed first), so the edit keeps the sections in
    logical order (its layout is left to right while the format is set) and right-to-left marks
    around each section (:func:`rtl_date_marks`) put them in right-to-left order on screen.
    ``text()`` therefore carries those marks; read the date with :meth:`value`. The popup
    calendar is right to left, Saturday first.
    """

    def __init__(self, value: date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Before setDisplayFormat: QDateTimeEdit reverses the sections of the format it is given
        # when the widget is right to left at that moment, and the year must stay section 0.
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        calendar = jalali_calendar()
        self.setCalendar(calendar)
        self.setLocale(persian_locale())
        self.setDisplayFormat(DISPLAY_FORMAT)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCalendarPopup(True)
        popup = QCalendarWidget(self)
        popup.setCalendar(calendar)
        popup.setLocale(persian_locale())
        popup.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        popup.setFirstDayOfWeek(Qt.DayOfWeek.Saturday)
        popup.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        # Friday is the weekend; Qt marks Saturday and Sunday red by default.
        weekend = popup.weekdayTextFormat(Qt.DayOfWeek.Sunday)
        popup.setWeekdayTextFormat(Qt.DayOfWeek.Saturday, QTextCharFormat())
        popup.setWeekdayTextFormat(Qt.DayOfWeek.Sunday, QTextCharFormat())
        popup.setWeekdayTextFormat(Qt.DayOfWeek.Friday, weekend)
        self.setCalendarWidget(popup)
        if value is not None:
            self.set_value(value)

    def value(self) -> date:
        """The shown date as a Gregorian ``date`` (what the database stores)."""
        result: date = self.date().toPython()
        return result

    def set_value(self, value: date) -> None:
        self.setDate(QDate(value.year, value.month, value.day))

    def jalali(self) -> tuple[int, int, int]:
        return to_jalali(self.value())
