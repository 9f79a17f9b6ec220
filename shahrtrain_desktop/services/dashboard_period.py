"""What the dashboard and its drill-downs share: the period, and the SQL that picks its
offerings, enrolments and attended hours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, and_, case, func, literal, select
from sqlalchemy.sql.elements import ColumnElement

from shahrtrain_desktop.models import Attendance, CourseSession, Enrolment, Offering
from shahrtrain_desktop.models.enums import OfferingStatus, PersonCategory
from shahrtrain_desktop.persian import (
    format_jalali_display,
    from_jalali,
    jalali_month_range,
    jalali_year_range,
    to_jalali,
    to_persian_digits,
)
from shahrtrain_desktop.services import settings
from shahrtrain_desktop.services.attendance import credited_hours_sql
from shahrtrain_desktop.services.listings.stages import ENROLLED, PRESENT

Query = Select[*tuple[Any, ...]]  # any SELECT, whatever its columns

HELD = (OfferingStatus.RUNNING, OfferingStatus.FINISHED, OfferingStatus.CLOSED)
COVERED_GROUPS = (PersonCategory.MAYOR, PersonCategory.COUNCIL_MEMBER, PersonCategory.STAFF)
MANAGERS = (PersonCategory.MAYOR, PersonCategory.COUNCIL_MEMBER)


@dataclass(frozen=True)
class Period:
    """Offerings starting in ``[start, end)``; ``year`` is set for a whole Jalali year."""

    start: date
    end: date
    year: int | None = None

    @classmethod
    def of_year(cls, year: int) -> Period:
        start, end = jalali_year_range(year)
        return cls(start, end, year)

    def title(self) -> str:
        if self.year is not None:
            return f"سال {to_persian_digits(self.year)}"
        last = date.fromordinal(self.end.toordinal() - 1)
        return f"از {format_jalali_display(self.start)} تا {format_jalali_display(last)}"

    def months(self) -> list[tuple[int, int, date, date]]:
        """(Jalali year, month, start, end) of every month the period touches, clipped."""
        year, month, _day = to_jalali(self.start)
        found: list[tuple[int, int, date, date]] = []
        while True:
            start, end = jalali_month_range(year, month)
            if start >= self.end:
                return found
            found.append((year, month, max(start, self.start), min(end, self.end)))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def in_period(period: Period) -> ColumnElement[bool]:
    return and_(Offering.start_date >= period.start, Offering.start_date < period.end)


def held_in(period: Period) -> ColumnElement[bool]:
    return and_(in_period(period), Offering.status.in_(HELD))


def enrolment_hours() -> Any:
    """Hours an enrolment attended: stage 5's figure once computed, else counted from the
    attendance grid (running offerings) through the enrolment's own index."""
    counted = (
        select(func.coalesce(func.sum(credited_hours_sql()), 0.0))
        .select_from(Attendance)
        .join(CourseSession, CourseSession.id == Attendance.session_id)
        .where(Attendance.enrolment_id == Enrolment.id, PRESENT)
        .scalar_subquery()
    )
    return func.coalesce(Enrolment.attended_hours, counted)


def trainee_rows(period: Period) -> Query:
    """Enrolments of offerings held in the period (join Person when you need it)."""
    return (
        select()
        .select_from(Enrolment)
        .join(Offering, Offering.id == Enrolment.offering_id)
        .where(held_in(period), ENROLLED)
    )


def month_index(period: Period, column: Any) -> Any:
    """The index (0…) of the period's month a date column falls in, as SQL."""
    months = period.months()
    whens = [(column < end, literal(i)) for i, (_y, _m, _s, end) in enumerate(months[:-1])]
    last = literal(len(months) - 1)
    return case(*whens, else_=last) if whens else last


def minimum_hours(conn: Connection) -> dict[PersonCategory, float]:
    from sqlalchemy.orm import Session

    with Session(bind=conn) as session:
        staff = float(settings.get_setting(session, settings.MIN_HOURS_STAFF) or 0)
        managers = float(settings.get_setting(session, settings.MIN_HOURS_MANAGERS) or 0)
    return {c: managers if c in MANAGERS else staff for c in COVERED_GROUPS}


def person_hours_in(period: Period) -> Any:
    """Per person: hours attended in the period."""
    return (
        trainee_rows(period)
        .add_columns(
            Enrolment.person_id.label("person_id"),
            func.sum(enrolment_hours()).label("hours"),
        )
        .group_by(Enrolment.person_id)
        .subquery("per_person")
    )


# --------------------------------------------------------------------------------------------


def current_period(today: date) -> Period:
    year = to_jalali(today)[0]
    return Period.of_year(year)


def parse_period(start_year: int, start_month: int, end_year: int, end_month: int) -> Period:
    """Whole months from one Jalali month to another (inclusive)."""
    start = from_jalali(start_year, start_month, 1)
    end = jalali_month_range(end_year, end_month)[1]
    return Period(start, end)
