"""The annual training plan: the Jalali year as twelve months with every offering placed on it,
planned vs held counts and person-hours per month, filtered by category, county and group.

Planned person-hours are places (enrolled, else capacity) × scheduled hours; actual
person-hours are the hours each tick earns (``attendance.credited_hours_sql``), as in every
report.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import (
    Attendance,
    County,
    Course,
    CourseCategory,
    CourseSession,
    Enrolment,
    Need,
    Offering,
    offering_need,
)
from shahrtrain_desktop.models.enums import (
    AttendanceStatus,
    EnrolmentStatus,
    OfferingStatus,
    PersonCategory,
)
from shahrtrain_desktop.persian import MONTH_NAMES, jalali_year_range, to_jalali
from shahrtrain_desktop.services.attendance import credited_hours_sql
from shahrtrain_desktop.services.needs import unplanned_needs

HELD = (OfferingStatus.RUNNING, OfferingStatus.FINISHED, OfferingStatus.CLOSED)
PRESENT = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


@dataclass(frozen=True)
class PlanFilters:
    category_id: int | None = None
    county_id: int | None = None
    target_group: PersonCategory | None = None


@dataclass(frozen=True)
class PlanOffering:
    id: int
    code: str
    title: str
    category: str
    county: str
    target_group: PersonCategory | None
    status: OfferingStatus
    start_date: date
    end_date: date
    start_month: int  # 1–12 within the plan's year
    end_month: int
    hours: float
    capacity: int
    enrolled: int
    planned_person_hours: float
    actual_person_hours: float
    needs: tuple[str, ...]  # topics of the needs this offering answers

    @property
    def held(self) -> bool:
        return self.status in HELD


@dataclass
class PlanMonth:
    month: int
    name: str
    planned: int = 0
    held: int = 0
    planned_person_hours: float = 0.0
    actual_person_hours: float = 0.0
    offerings: list[PlanOffering] = field(default_factory=list)


@dataclass
class AnnualPlan:
    year: int
    filters: PlanFilters
    months: list[PlanMonth]
    offerings: list[PlanOffering]
    unplanned: list[Need] = field(default_factory=list)  # accepted needs nothing answers yet

    @property
    def planned(self) -> int:
        return sum(m.planned for m in self.months)

    @property
    def held(self) -> int:
        return sum(m.held for m in self.months)

    @property
    def planned_person_hours(self) -> float:
        return sum(m.planned_person_hours for m in self.months)

    @property
    def actual_person_hours(self) -> float:
        return sum(m.actual_person_hours for m in self.months)


def _month_in_year(d: date, year: int) -> int:
    y, m, _ = to_jalali(d)
    if y < year:
        return 1
    if y > year:
        return 12
    return m


def annual_plan(session: Session, year: int, filters: PlanFilters | None = None) -> AnnualPlan:
    """Offerings of a Jalali year (cancelled ones left out), each in the month it starts."""
    filters = filters or PlanFilters()
    start, end = jalali_year_range(year)
    query = (
        select(Offering, Course.title, CourseCategory.name, County.name)
        .join(Course, Course.id == Offering.course_id)
        .join(CourseCategory, CourseCategory.id == Course.category_id)
        .outerjoin(County, County.id == Offering.county_id)
        .where(
            Offering.start_date >= start,
            Offering.start_date < end,
            Offering.status != OfferingStatus.CANCELLED,
        )
        .order_by(Offering.start_date, Offering.code)
    )
    if filters.category_id is not None:
        query = query.where(Course.category_id == filters.category_id)
    if filters.county_id is not None:
        query = query.where(Offering.county_id == filters.county_id)
    if filters.target_group is not None:
        query = query.where(Offering.target_group == filters.target_group)
    rows = session.execute(query).all()
    ids = [row[0].id for row in rows]
    hours = _scheduled_hours(session, ids)
    enrolled = _enrolled(session, ids)
    actual = _actual_by_month(session, ids, year)
    needs = _needs(session, ids)
    months = [PlanMonth(m, MONTH_NAMES[m - 1]) for m in range(1, 13)]
    offerings: list[PlanOffering] = []
    for offering, title, category, county in rows:
        scheduled = float(hours.get(offering.id, 0.0))
        places = enrolled.get(offering.id) or offering.capacity
        item = PlanOffering(
            id=offering.id,
            code=offering.code,
            title=title,
            category=category,
            county=county or "",
            target_group=offering.target_group,
            status=offering.status,
            start_date=offering.start_date,
            end_date=offering.end_date,
            start_month=_month_in_year(offering.start_date, year),
            end_month=_month_in_year(offering.end_date, year),
            hours=scheduled,
            capacity=offering.capacity,
            enrolled=enrolled.get(offering.id, 0),
            planned_person_hours=places * scheduled,
            actual_person_hours=sum(actual.get(offering.id, {}).values()),
            needs=tuple(needs.get(offering.id, ())),
        )
        offerings.append(item)
        month = months[item.start_month - 1]
        month.offerings.append(item)
        month.planned += 1
        month.held += int(item.held)
        month.planned_person_hours += item.planned_person_hours
        for month_number, value in actual.get(offering.id, {}).items():
            months[month_number - 1].actual_person_hours += value
    unplanned = [
        n
        for n in unplanned_needs(session, year)
        if filters.target_group is None or n.target_group == filters.target_group
    ]
    return AnnualPlan(year, filters, months, offerings, unplanned)


def _scheduled_hours(session: Session, ids: list[int]) -> dict[int, float]:
    if not ids:
        return {}
    rows = session.execute(
        select(CourseSession.offering_id, func.sum(CourseSession.hours))
        .where(CourseSession.offering_id.in_(ids))
        .group_by(CourseSession.offering_id)
    ).all()
    return {int(k): float(v or 0) for k, v in rows}


def _enrolled(session: Session, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    rows = session.execute(
        select(Enrolment.offering_id, func.count())
        .where(Enrolment.offering_id.in_(ids), Enrolment.status == EnrolmentStatus.ENROLLED)
        .group_by(Enrolment.offering_id)
    ).all()
    return {int(k): int(v) for k, v in rows}


def _actual_by_month(session: Session, ids: list[int], year: int) -> dict[int, dict[int, float]]:
    """offering id -> plan month -> attended person-hours (sessions placed by their own date)."""
    if not ids:
        return {}
    rows = session.execute(
        select(CourseSession.offering_id, CourseSession.date, func.sum(credited_hours_sql()))
        .join(Attendance, Attendance.session_id == CourseSession.id)
        .where(CourseSession.offering_id.in_(ids), Attendance.status.in_(PRESENT))
        .group_by(CourseSession.offering_id, CourseSession.date)
    ).all()
    result: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
    for offering_id, day, value in rows:
        result[int(offering_id)][_month_in_year(day, year)] += float(value or 0)
    return result


def _needs(session: Session, ids: list[int]) -> dict[int, list[str]]:
    if not ids:
        return {}
    rows = session.execute(
        select(offering_need.c.offering_id, Need.topic)
        .join(Need, Need.id == offering_need.c.need_id)
        .where(offering_need.c.offering_id.in_(ids))
        .order_by(Need.id)
    ).all()
    topics: dict[int, list[str]] = defaultdict(list)
    for offering_id, topic in rows:
        topics[int(offering_id)].append(topic)
    return topics


def filter_choices(session: Session) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(category id, name) and (county id, name) pairs for the plan's filter combos."""
    categories = session.execute(
        select(CourseCategory.id, CourseCategory.name).order_by(CourseCategory.sort_order)
    ).all()
    counties = session.execute(select(County.id, County.name).order_by(County.name)).all()
    return [(int(i), n) for i, n in categories], [(int(i), n) for i, n in counties]
