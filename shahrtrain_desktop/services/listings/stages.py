"""The main list of each stage tab: one ListingSpec per tab, in tab order."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, case, distinct, func, select

from shahrtrain_desktop.models import (
    Assessment,
    Attendance,
    Certificate,
    County,
    Course,
    CourseCategory,
    CourseSession,
    Document,
    Enrolment,
    Need,
    Offering,
    OrgUnit,
    Person,
    SupervisionVisit,
    User,
)
from shahrtrain_desktop.models.enums import (
    AssessmentKind,
    AttendanceStatus,
    CertificateStatus,
    DeliveryMode,
    EnrolmentStatus,
    NeedSource,
    NeedStatus,
    OfferingStatus,
    OutcomeResult,
    PersonCategory,
    Priority,
    VisitStatus,
)
from shahrtrain_desktop.services.listings.base import Choice, Column, Expr, Kind, ListingSpec

# Persian headers and filter names used by several listings.
STATUS = "وضعیت"
TITLE = "عنوان دوره"
OFFERING_CODE = "کد دوره"
NAME = "نام و نام خانوادگی"
NATIONAL_CODE = "کد ملی"


def _enum_order(expr: Expr, values: Iterable[StrEnum]) -> ColumnElement[int]:
    """Sort an enum column by its declared (workflow) order rather than by the code's spelling."""
    return case({v.value: i for i, v in enumerate(values)}, value=expr, else_=99)


def _label_column(key: str, header: str, expr: Any, enum: type[StrEnum]) -> Column:
    return Column(key, header, expr, Kind.LABEL, sort=(_enum_order(expr, enum),), enum=enum)


def _count(*where: ColumnElement[bool]) -> ColumnElement[int]:
    return select(func.count()).where(*where).scalar_subquery()


# --------------------------------------------------------------------------------------------
# Shared expressions

_full_name = Person.first_name + " " + Person.last_name
_name_sort = (Person.last_name, Person.first_name)
# Who counts as a trainee, and which attendance counts as present (the headline uses both).
ENROLLED = Enrolment.status == EnrolmentStatus.ENROLLED
PRESENT = Attendance.status.in_([AttendanceStatus.PRESENT, AttendanceStatus.LATE])
_enrolled_count = _count(Enrolment.offering_id == Offering.id, ENROLLED)
_sessions_total = _count(CourseSession.offering_id == Offering.id)
_sessions_held = (
    select(func.count(distinct(CourseSession.id)))
    .join(Attendance, Attendance.session_id == CourseSession.id)
    .where(CourseSession.offering_id == Offering.id)
    .scalar_subquery()
)
_attendance_pct = (
    select(100.0 * func.sum(case((PRESENT, 1), else_=0)) / func.count())
    .join(CourseSession, CourseSession.id == Attendance.session_id)
    .where(CourseSession.offering_id == Offering.id)
    .scalar_subquery()
)


def _score(kind: AssessmentKind) -> ColumnElement[float]:
    return (
        select(Assessment.score)
        .where(Assessment.enrolment_id == Enrolment.id, Assessment.kind == kind)
        .scalar_subquery()
    )


def _offering_columns() -> tuple[Column, Column]:
    return (
        Column("code", OFFERING_CODE, Offering.code, Kind.DIGITS, 13),
        Column("title", TITLE, Course.title, width=30),
    )


_offering_status = Choice("status", STATUS, Offering.status, tuple(OfferingStatus))
_with_course = Offering.__table__.join(Course.__table__, Course.id == Offering.course_id)

# --------------------------------------------------------------------------------------------
# One spec per stage tab, in tab order

NEEDS = ListingSpec(
    key="needs",
    id_expr=Need.id,
    source=Need.__table__.outerjoin(Document.__table__, Document.id == Need.document_id),
    columns=(
        Column("year", "سال", Need.year, Kind.YEAR, 5),
        Column("topic", "موضوع نیاز", Need.topic, width=30),
        _label_column("target_group", "گروه هدف", Need.target_group, PersonCategory),
        Column("count", "تعداد برآوردی", Need.estimated_count, Kind.INTEGER, 8),
        _label_column("priority", "اولویت", Need.priority, Priority),
        _label_column("status", STATUS, Need.status, NeedStatus),
        _label_column("source", "منبع", Need.source, NeedSource),
        Column("document_number", "شمارهٔ نامه", Document.number, Kind.DIGITS, 14),
        Column("document_date", "تاریخ نامه", Document.date, Kind.DATE, 10),
    ),
    default_sort="year",
    default_descending=True,
    choices=(
        Choice("status", STATUS, Need.status, tuple(NeedStatus)),
        Choice("target_group", "گروه هدف", Need.target_group, tuple(PersonCategory)),
    ),
    year_expr=Need.year,
)

PEOPLE = ListingSpec(
    key="people",
    id_expr=Person.id,
    source=Person.__table__.outerjoin(
        OrgUnit.__table__, OrgUnit.id == Person.org_unit_id
    ).outerjoin(County.__table__, County.id == OrgUnit.county_id),
    columns=(
        Column("national_code", NATIONAL_CODE, Person.national_code, Kind.DIGITS, 10),
        Column("name", NAME, _full_name, width=20, sort=_name_sort),
        Column("father_name", "نام پدر", Person.father_name, width=10),
        _label_column("category", "گروه", Person.category, PersonCategory),
        Column("org_unit", "واحد سازمانی", OrgUnit.name, width=22),
        Column("county", "شهرستان", County.name, width=10),
        Column("mobile", "تلفن همراه", Person.mobile, Kind.DIGITS, 11),
    ),
    default_sort="name",
    search_expr=Person.search_key,
    choices=(Choice("category", "گروه", Person.category, tuple(PersonCategory)),),
)

OFFERINGS = ListingSpec(
    key="offerings",
    id_expr=Offering.id,
    source=_with_course.join(CourseCategory.__table__, CourseCategory.id == Course.category_id),
    columns=(
        *_offering_columns(),
        Column("category", "نوع دوره", CourseCategory.name, width=11),
        Column("start", "تاریخ شروع", Offering.start_date, Kind.DATE, 10),
        Column("end", "تاریخ پایان", Offering.end_date, Kind.DATE, 10),
        _label_column("mode", "شیوهٔ اجرا", Offering.mode, DeliveryMode),
        Column("capacity", "ظرفیت", Offering.capacity, Kind.INTEGER, 5),
        Column("enrolled", "ثبت‌نام‌شده", _enrolled_count, Kind.INTEGER, 7),
        _label_column("status", STATUS, Offering.status, OfferingStatus),
    ),
    default_sort="start",
    default_descending=True,
    choices=(_offering_status,),
    year_expr=Offering.year,
    date_expr=Offering.start_date,
)

_DELIVERY_STATUSES = (OfferingStatus.RUNNING, OfferingStatus.FINISHED)
DELIVERY = ListingSpec(
    key="delivery",
    id_expr=Offering.id,
    source=_with_course,
    columns=(
        *_offering_columns(),
        Column("start", "تاریخ شروع", Offering.start_date, Kind.DATE, 10),
        Column("end", "تاریخ پایان", Offering.end_date, Kind.DATE, 10),
        Column("enrolled", "فراگیران", _enrolled_count, Kind.INTEGER, 6),
        Column("sessions_held", "جلسات برگزارشده", _sessions_held, Kind.INTEGER, 9),
        Column("sessions_total", "کل جلسات", _sessions_total, Kind.INTEGER, 6),
        Column("attendance", "درصد حضور", _attendance_pct, Kind.PERCENT, 7),
        _label_column("status", STATUS, Offering.status, OfferingStatus),
    ),
    default_sort="start",
    default_descending=True,
    where=(Offering.status.in_(_DELIVERY_STATUSES),),
    choices=(Choice("status", STATUS, Offering.status, _DELIVERY_STATUSES),),
    year_expr=Offering.year,
)

OUTCOMES = ListingSpec(
    key="outcomes",
    id_expr=Enrolment.id,
    source=Enrolment.__table__.join(Person.__table__, Person.id == Enrolment.person_id)
    .join(Offering.__table__, Offering.id == Enrolment.offering_id)
    .join(Course.__table__, Course.id == Offering.course_id),
    columns=(
        Column("national_code", NATIONAL_CODE, Person.national_code, Kind.DIGITS, 10),
        Column("name", NAME, _full_name, width=18, sort=_name_sort),
        *_offering_columns(),
        Column("pre", "پیش‌آزمون", _score(AssessmentKind.PRE_TEST), Kind.DECIMAL, 6),
        Column("post", "پس‌آزمون", _score(AssessmentKind.POST_TEST), Kind.DECIMAL, 6),
        Column("final", "نمرهٔ نهایی", Enrolment.final_score, Kind.DECIMAL, 6),
        Column("hours", "ساعت حضور", Enrolment.attended_hours, Kind.DECIMAL, 6),
        _label_column("result", "نتیجه", Enrolment.result, OutcomeResult),
    ),
    default_sort="code",
    default_descending=True,
    where=(
        Offering.status.in_([OfferingStatus.FINISHED, OfferingStatus.CLOSED]),
        ENROLLED,
    ),
    search_expr=Person.search_key,
    choices=(Choice("result", "نتیجه", Enrolment.result, tuple(OutcomeResult)),),
    year_expr=Offering.year,
)

CERTIFICATES = ListingSpec(
    key="certificates",
    id_expr=Certificate.id,
    source=Certificate.__table__.join(Enrolment.__table__, Enrolment.id == Certificate.enrolment_id)
    .join(Person.__table__, Person.id == Enrolment.person_id)
    .join(Offering.__table__, Offering.id == Enrolment.offering_id)
    .join(Course.__table__, Course.id == Offering.course_id),
    columns=(
        Column("number", "شمارهٔ گواهی‌نامه", Certificate.number, Kind.CODE, 14),
        Column("holder", "دارنده", _full_name, width=18, sort=_name_sort),
        Column("national_code", NATIONAL_CODE, Person.national_code, Kind.DIGITS, 10),
        Column("title", TITLE, Course.title, width=28),
        _label_column("status", STATUS, Certificate.status, CertificateStatus),
        Column("issue_date", "تاریخ صدور", Certificate.issue_date, Kind.DATE, 10),
        Column("print_count", "دفعات چاپ", Certificate.print_count, Kind.INTEGER, 6),
    ),
    default_sort="number",
    default_descending=True,
    search_expr=Person.search_key,
    choices=(Choice("status", STATUS, Certificate.status, tuple(CertificateStatus)),),
    year_expr=Offering.year,
)

SUPERVISION = ListingSpec(
    key="supervision",
    id_expr=SupervisionVisit.id,
    source=SupervisionVisit.__table__.join(
        Offering.__table__, Offering.id == SupervisionVisit.offering_id
    )
    .join(Course.__table__, Course.id == Offering.course_id)
    .outerjoin(User.__table__, User.id == SupervisionVisit.supervisor_id),
    columns=(
        *_offering_columns(),
        Column("planned", "تاریخ برنامه", SupervisionVisit.planned_date, Kind.DATE, 10),
        Column("visited", "تاریخ بازدید", SupervisionVisit.visit_date, Kind.DATE, 10),
        Column("supervisor", "ناظر", User.full_name, width=16),
        Column("score", "امتیاز", SupervisionVisit.score, Kind.DECIMAL, 6),
        _label_column("status", STATUS, SupervisionVisit.status, VisitStatus),
    ),
    default_sort="planned",
    default_descending=True,
    choices=(Choice("status", STATUS, SupervisionVisit.status, tuple(VisitStatus)),),
    year_expr=Offering.year,
)

SPECS: tuple[ListingSpec, ...] = (
    NEEDS,
    PEOPLE,
    OFFERINGS,
    DELIVERY,
    OUTCOMES,
    CERTIFICATES,
    SUPERVISION,
)
