"""The list behind each dashboard number: which offerings, people, certificates or visits.

``drill_down(conn, period, figure, key)`` names the figure with one of ``FIGURES``; ``key``
narrows a breakdown (a county id, a course-category id, a target group, a month index).
Rows are display text (Persian digits, Jalali dates) ready for a table or a sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, func, or_, select

from shahrtrain_desktop.models import (
    Certificate,
    County,
    Course,
    Enrolment,
    Offering,
    OrgUnit,
    Person,
    SupervisionVisit,
    User,
)
from shahrtrain_desktop.models.enums import (
    CertificateStatus,
    OfferingStatus,
    OutcomeResult,
    PersonCategory,
    VisitStatus,
)
from shahrtrain_desktop.persian import format_jalali_display, to_persian_digits
from shahrtrain_desktop.services.dashboard_period import (
    COVERED_GROUPS,
    HELD,
    Period,
    enrolment_hours,
    held_in,
    in_period,
    minimum_hours,
    month_index,
    person_hours_in,
    trainee_rows,
)
from shahrtrain_desktop.services.labels import label_of

FIGURES = {
    "planned": "دوره‌های برنامه‌ریزی‌شده",
    "held": "دوره‌های اجراشده",
    "cancelled": "دوره‌های لغوشده",
    "trainees": "فراگیران",
    "county": "فراگیران شهرستان",
    "org_unit": "فراگیران واحد سازمانی",
    "category": "فراگیران گروه دوره",
    "target_group": "فراگیران گروه هدف",
    "month": "فراگیران ماه",
    "untrained": "بدون آموزش در این دوره",
    "below_minimum": "کمتر از حداقل ساعت آموزش",
    "passed": "قبول‌شدگان",
    "failed": "مردودان",
    "certificates": "گواهی‌نامه‌های صادرشده",
    "visits": "بازدیدهای نظارتی",
}

OFFERING_HEADERS = ("کد دوره", "عنوان دوره", "شروع", "پایان", "شهرستان", "وضعیت")
PEOPLE_HEADERS = ("کد ملی", "نام و نام خانوادگی", "گروه هدف", "واحد سازمانی", "ساعت آموزش")
RESULT_HEADERS = ("کد ملی", "نام و نام خانوادگی", "کد دوره", "عنوان دوره", "نمرهٔ نهایی")
CERT_HEADERS = ("شمارهٔ گواهی‌نامه", "کد ملی", "نام و نام خانوادگی", "عنوان دوره", "تاریخ صدور")
VISIT_HEADERS = ("کد دوره", "عنوان دوره", "تاریخ برنامه", "تاریخ بازدید", "ناظر", "امتیاز", "وضعیت")

Query = Select[*tuple[Any, ...]]  # any SELECT, whatever its columns


@dataclass(frozen=True)
class DrillList:
    title: str
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]
    total: int  # rows there are (``rows`` may be cut at ``limit``)


def _digits(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return to_persian_digits(value, decimals=1)
    return to_persian_digits(value)


def drill_down(
    conn: Connection, period: Period, figure: str, key: Any = None, limit: int | None = 5000
) -> DrillList:
    if figure not in FIGURES:
        raise ValueError(f"unknown figure {figure!r}")
    headers: tuple[str, ...]
    if figure in ("planned", "held", "cancelled"):
        query, headers, shape = _offerings(period, figure), OFFERING_HEADERS, _offering_row
    elif figure in ("untrained", "below_minimum"):
        query, headers, shape = _coverage(conn, period, figure, key), PEOPLE_HEADERS, _person_row
    elif figure in ("passed", "failed"):
        query, headers, shape = _results(period, figure), RESULT_HEADERS, _result_row
    elif figure == "certificates":
        query, headers, shape = _certificates(period), CERT_HEADERS, _cert_row
    elif figure == "visits":
        query, headers, shape = _visits(period), VISIT_HEADERS, _visit_row
    else:
        query, headers, shape = _trainees(period, figure, key), PEOPLE_HEADERS, _person_row
    total = conn.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0
    if limit is not None:
        query = query.limit(limit)
    rows = [shape(row) for row in conn.execute(query)]
    return DrillList(FIGURES[figure], headers, rows, total)


def _offerings(period: Period, figure: str) -> Query:
    query = (
        select(
            Offering.code,
            Course.title,
            Offering.start_date,
            Offering.end_date,
            County.name,
            Offering.status,
        )
        .join(Course, Course.id == Offering.course_id)
        .outerjoin(County, County.id == Offering.county_id)
        .where(in_period(period))
        .order_by(Offering.start_date, Offering.code)
    )
    if figure == "held":
        query = query.where(Offering.status.in_(HELD))
    elif figure == "cancelled":
        query = query.where(Offering.status == OfferingStatus.CANCELLED)
    return query


def _offering_row(row: Any) -> tuple[str, ...]:
    code, title, start, end, county, status = row
    return (
        _digits(code),
        title,
        format_jalali_display(start),
        format_jalali_display(end),
        county or "",
        label_of(OfferingStatus, status),
    )


def _people_columns() -> tuple[Any, ...]:
    return (
        Person.national_code,
        Person.first_name,
        Person.last_name,
        Person.category,
        OrgUnit.name,
    )


def _trainees(period: Period, figure: str, key: Any) -> Query:
    query = (
        trainee_rows(period)
        .add_columns(*_people_columns(), func.sum(enrolment_hours()))
        .join(Person, Person.id == Enrolment.person_id)
        .outerjoin(OrgUnit, OrgUnit.id == Person.org_unit_id)
    )
    if figure == "county":
        query = query.where(
            OrgUnit.county_id.is_(None) if key is None else OrgUnit.county_id == key
        )
    elif figure == "org_unit":
        query = query.where(
            Person.org_unit_id.is_(None) if key is None else Person.org_unit_id == key
        )
    elif figure == "category":
        query = query.join(Course, Course.id == Offering.course_id).where(Course.category_id == key)
    elif figure == "target_group":
        query = query.where(Person.category == PersonCategory(key))
    elif figure == "month":
        query = query.where(month_index(period, Offering.start_date) == int(key))
    return query.group_by(Person.id, OrgUnit.name).order_by(Person.last_name, Person.first_name)


def _coverage(conn: Connection, period: Period, figure: str, key: Any) -> Query:
    per_person = person_hours_in(period)
    got = func.coalesce(per_person.c.hours, 0.0)
    groups = COVERED_GROUPS if key is None else (PersonCategory(key),)
    query = (
        select(*_people_columns(), got)
        .outerjoin(per_person, per_person.c.person_id == Person.id)
        .outerjoin(OrgUnit, OrgUnit.id == Person.org_unit_id)
        .where(Person.active.is_(True), Person.category.in_(groups))
        .order_by(Person.last_name, Person.first_name)
    )
    if figure == "untrained":
        return query.where(got <= 0)
    minimum = minimum_hours(conn)
    below = [(Person.category == c) & (got < minimum[c]) for c in groups]
    return query.where(or_(*below))


def _person_row(row: Any) -> tuple[str, ...]:
    code, first, last, category, unit, hours = row
    return (
        _digits(code),
        f"{first} {last}",
        label_of(PersonCategory, category),
        unit or "",
        _digits(float(hours or 0)),
    )


def _results(period: Period, figure: str) -> Query:
    wanted = OutcomeResult.PASSED if figure == "passed" else OutcomeResult.FAILED
    return (
        select(
            Person.national_code,
            Person.first_name,
            Person.last_name,
            Offering.code,
            Course.title,
            Enrolment.final_score,
        )
        .select_from(Enrolment)
        .join(Offering, Offering.id == Enrolment.offering_id)
        .join(Course, Course.id == Offering.course_id)
        .join(Person, Person.id == Enrolment.person_id)
        .where(held_in(period), Enrolment.result == wanted)
        .order_by(Offering.code, Person.last_name)
    )


def _result_row(row: Any) -> tuple[str, ...]:
    code, first, last, offering, title, score = row
    return (_digits(code), f"{first} {last}", _digits(offering), title, _digits(score))


def _certificates(period: Period) -> Query:
    return (
        select(
            Certificate.number,
            Person.national_code,
            Person.first_name,
            Person.last_name,
            Course.title,
            Certificate.issue_date,
        )
        .join(Enrolment, Enrolment.id == Certificate.enrolment_id)
        .join(Person, Person.id == Enrolment.person_id)
        .join(Offering, Offering.id == Enrolment.offering_id)
        .join(Course, Course.id == Offering.course_id)
        .where(
            Certificate.status == CertificateStatus.ISSUED,
            Certificate.issue_date >= period.start,
            Certificate.issue_date < period.end,
        )
        .order_by(Certificate.issue_date, Certificate.number)
    )


def _cert_row(row: Any) -> tuple[str, ...]:
    number, code, first, last, title, issued = row
    return (_digits(number), _digits(code), f"{first} {last}", title, format_jalali_display(issued))


def _visits(period: Period) -> Query:
    return (
        select(
            Offering.code,
            Course.title,
            SupervisionVisit.planned_date,
            SupervisionVisit.visit_date,
            User.full_name,
            SupervisionVisit.score,
            SupervisionVisit.status,
        )
        .join(Offering, Offering.id == SupervisionVisit.offering_id)
        .join(Course, Course.id == Offering.course_id)
        .outerjoin(User, User.id == SupervisionVisit.supervisor_id)
        .where(in_period(period))
        .order_by(SupervisionVisit.planned_date)
    )


def _visit_row(row: Any) -> tuple[str, ...]:
    code, title, planned, visited, who, score, status = row
    return (
        _digits(code),
        title,
        format_jalali_display(planned),
        format_jalali_display(visited),
        who or "",
        _digits(score),
        label_of(VisitStatus, status),
    )
