"""The tables of the end-of-year export: their columns (documented in docs/export-format.md)
and the streaming query behind each. The year is offerings starting in
``[1 Farvardin Y, 1 Farvardin Y+1)``; people, courses, certificates and visits follow them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import lru_cache
from typing import Any, Literal

from sqlalchemy import Select, and_, case, func, select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import (
    Assessment,
    Attendance,
    Certificate,
    CorrectiveAction,
    County,
    Course,
    CourseCategory,
    CourseSession,
    Enrolment,
    Offering,
    OrgUnit,
    Person,
    SupervisionVisit,
)
from shahrtrain_desktop.models.enums import (
    ActionStatus,
    AssessmentKind,
    AttendanceStatus,
    CertificateStatus,
)
from shahrtrain_desktop.persian import format_jalali

Kind = Literal["text", "code", "integer", "decimal", "date", "boolean"]

Query = Select[*tuple[Any, ...]]  # any SELECT, whatever its columns


@dataclass(frozen=True)
class ExportColumn:
    name: str  # CSV header (stable English)
    title: str  # xlsx header (Persian)
    kind: Kind
    width: float = 14

    @property
    def as_text(self) -> bool:
        return self.kind in ("code", "date", "text")


@dataclass(frozen=True)
class ExportTable:
    name: str  # csv/<name>.csv and the sheet order
    title: str  # sheet title (Persian)
    columns: tuple[ExportColumn, ...]
    query: Callable[[date, date], Query]


def _in_year(start: date, end: date) -> Any:
    return and_(Offering.start_date >= start, Offering.start_date < end)


def _year_offering_ids(start: date, end: date) -> Any:
    return select(Offering.id).where(_in_year(start, end))


def _courses(start: date, end: date) -> Query:
    used = select(Offering.course_id).where(_in_year(start, end))
    return (
        select(
            Course.code,
            Course.title,
            CourseCategory.name,
            Course.theory_hours,
            Course.practice_hours,
            Course.target_groups,
            Course.min_attendance_pct,
            Course.min_score,
        )
        .join(CourseCategory, CourseCategory.id == Course.category_id)
        .where(Course.id.in_(used))
        .order_by(Course.code)
    )


def _offerings(start: date, end: date) -> Query:
    return (
        select(
            Offering.code,
            Course.code,
            Offering.start_date,
            Offering.end_date,
            Offering.mode,
            Offering.status,
            County.name,
            Offering.target_group,
            Offering.capacity,
            select(func.coalesce(func.sum(CourseSession.hours), 0.0))
            .where(CourseSession.offering_id == Offering.id)
            .scalar_subquery(),
            Offering.budget_rial,
            Offering.executive_resolution_number,
            Offering.executive_resolution_date,
            Offering.steering_approved,
        )
        .join(Course, Course.id == Offering.course_id)
        .outerjoin(County, County.id == Offering.county_id)
        .where(_in_year(start, end))
        .order_by(Offering.code)
    )


def _people(start: date, end: date) -> Query:
    enrolled = select(Enrolment.person_id).where(
        Enrolment.offering_id.in_(_year_offering_ids(start, end))
    )
    return (
        select(
            Person.national_code,
            Person.first_name,
            Person.last_name,
            Person.father_name,
            Person.gender,
            Person.birth_date,
            Person.mobile,
            Person.education,
            Person.post,
            Person.category,
            OrgUnit.name,
            OrgUnit.kind,
            County.name,
        )
        .outerjoin(OrgUnit, OrgUnit.id == Person.org_unit_id)
        .outerjoin(County, County.id == OrgUnit.county_id)
        .where(Person.id.in_(enrolled))
        .order_by(Person.national_code)
    )


def _enrolment_base(*columns: Any) -> Query:
    return (
        select(Offering.code, Person.national_code, *columns)
        .select_from(Enrolment)
        .join(Offering, Offering.id == Enrolment.offering_id)
        .join(Person, Person.id == Enrolment.person_id)
    )


def _enrolments(start: date, end: date) -> Query:
    return (
        _enrolment_base(
            Enrolment.status,
            Enrolment.waiting_position,
            Enrolment.enrolled_on,
            Enrolment.withdrawn_on,
        )
        .where(_in_year(start, end))
        .order_by(Offering.code, Person.national_code)
    )


def _count_status(*statuses: AttendanceStatus) -> Any:
    return func.sum(case((Attendance.status.in_(statuses), 1), else_=0))


def _attendance(start: date, end: date) -> Query:
    present = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)
    summary = (
        select(
            Attendance.enrolment_id.label("enrolment_id"),
            func.count().label("sessions"),
            _count_status(AttendanceStatus.PRESENT).label("present"),
            _count_status(AttendanceStatus.LATE).label("late"),
            _count_status(AttendanceStatus.ABSENT).label("absent"),
            _count_status(AttendanceStatus.EXCUSED).label("excused"),
            func.sum(case((Attendance.status.in_(present), CourseSession.hours), else_=0.0)).label(
                "hours"
            ),
        )
        .join(CourseSession, CourseSession.id == Attendance.session_id)
        .where(CourseSession.offering_id.in_(_year_offering_ids(start, end)))
        .group_by(Attendance.enrolment_id)
        .subquery("summary")
    )
    return (
        _enrolment_base(
            summary.c.sessions,
            summary.c.present,
            summary.c.late,
            summary.c.absent,
            summary.c.excused,
            summary.c.hours,
        )
        .join(summary, summary.c.enrolment_id == Enrolment.id)
        .order_by(Offering.code, Person.national_code)
    )


def _score_of(kind: AssessmentKind) -> Any:
    return func.max(case((Assessment.kind == kind, Assessment.score)))


def _scores(start: date, end: date) -> Query:
    scores = (
        select(
            Assessment.enrolment_id.label("enrolment_id"),
            _score_of(AssessmentKind.PRE_TEST).label("pre"),
            _score_of(AssessmentKind.POST_TEST).label("post"),
        )
        .group_by(Assessment.enrolment_id)
        .subquery("scores")
    )
    return (
        _enrolment_base(
            scores.c.pre,
            scores.c.post,
            Enrolment.final_score,
            Enrolment.attended_hours,
            Enrolment.result,
        )  # fmt: skip
        .outerjoin(scores, scores.c.enrolment_id == Enrolment.id)
        .where(
            _in_year(start, end),
            (Enrolment.result.is_not(None)) | (scores.c.enrolment_id.is_not(None)),
        )
        .order_by(Offering.code, Person.national_code)
    )


def _certificates(start: date, end: date) -> Query:
    return (
        select(
            Certificate.number,
            Offering.code,
            Person.national_code,
            Certificate.status,
            Certificate.issue_date,
            Certificate.hours,
            Certificate.score,
            Certificate.print_count,
            Certificate.duplicate_count,
            func.date(Certificate.revoked_at),
            Certificate.revoke_reason,
        )
        .join(Enrolment, Enrolment.id == Certificate.enrolment_id)
        .join(Offering, Offering.id == Enrolment.offering_id)
        .join(Person, Person.id == Enrolment.person_id)
        .where(
            _in_year(start, end),
            Certificate.status.in_((CertificateStatus.ISSUED, CertificateStatus.REVOKED)),
        )
        .order_by(Certificate.number)
    )


def _supervision(start: date, end: date) -> Query:
    def actions(*where: Any) -> Any:
        return (
            select(func.count())
            .where(CorrectiveAction.visit_id == SupervisionVisit.id, *where)
            .scalar_subquery()
        )

    return (
        select(
            SupervisionVisit.id,
            Offering.code,
            SupervisionVisit.planned_date,
            SupervisionVisit.visit_date,
            SupervisionVisit.status,
            SupervisionVisit.score,
            SupervisionVisit.findings,
            actions(),
            actions(CorrectiveAction.status == ActionStatus.OPEN),
        )
        .join(Offering, Offering.id == SupervisionVisit.offering_id)
        .where(_in_year(start, end))
        .order_by(SupervisionVisit.planned_date, SupervisionVisit.id)
    )


def _col(name: str, title: str, kind: Kind, width: float = 14) -> ExportColumn:
    return ExportColumn(name, title, kind, width)


OFFERING = _col("offering_code", "کد دوره", "code", 16)
NATIONAL_CODE = _col("national_code", "کد ملی", "code", 13)

TABLES: tuple[ExportTable, ...] = (
    ExportTable("courses", "دوره‌های آموزشی", (
        _col("course_code", "کد درس", "code"), _col("title", "عنوان", "text", 40),
        _col("category", "گروه دوره", "text", 16), _col("theory_hours", "ساعت نظری", "decimal"),
        _col("practice_hours", "ساعت عملی", "decimal"),
        _col("target_groups", "گروه‌های هدف", "code", 24),
        _col("min_attendance_pct", "حداقل حضور (درصد)", "decimal"),
        _col("min_score", "حداقل نمره", "decimal"),
    ), _courses),
    ExportTable("offerings", "اجرای دوره‌ها", (
        OFFERING, _col("course_code", "کد درس", "code"), _col("start_date", "شروع", "date"),
        _col("end_date", "پایان", "date"), _col("mode", "شیوهٔ اجرا", "code"),
        _col("status", "وضعیت", "code"), _col("county", "شهرستان", "text"),
        _col("target_group", "گروه هدف", "code"), _col("capacity", "ظرفیت", "integer"),
        _col("hours", "ساعت دوره", "decimal"), _col("budget_rial", "بودجه (ریال)", "integer"),
        _col("executive_resolution_number", "شمارهٔ مصوبهٔ کمیتهٔ اجرایی", "code", 18),
        _col("executive_resolution_date", "تاریخ مصوبه", "date"),
        _col("steering_approved", "تأیید کمیتهٔ راهبری", "boolean"),
    ), _offerings),
    ExportTable("people", "فراگیران", (
        NATIONAL_CODE, _col("first_name", "نام", "text"), _col("last_name", "نام خانوادگی", "text"),
        _col("father_name", "نام پدر", "text"), _col("gender", "جنسیت", "code"),
        _col("birth_date", "تاریخ تولد", "date"), _col("mobile", "تلفن همراه", "code"),
        _col("education", "تحصیلات", "code"), _col("post", "سمت", "text", 20),
        _col("category", "گروه هدف", "code"), _col("org_unit", "واحد سازمانی", "text", 28),
        _col("org_unit_kind", "نوع واحد", "code"), _col("county", "شهرستان", "text"),
    ), _people),
    ExportTable("enrolments", "ثبت‌نام‌ها", (
        OFFERING, NATIONAL_CODE, _col("status", "وضعیت", "code"),
        _col("waiting_position", "نوبت انتظار", "integer"),
        _col("enrolled_on", "تاریخ ثبت‌نام", "date"), _col("withdrawn_on", "تاریخ انصراف", "date"),
    ), _enrolments),
    ExportTable("attendance_summary", "خلاصهٔ حضور", (
        OFFERING, NATIONAL_CODE, _col("sessions", "جلسه‌های ثبت‌شده", "integer"),
        _col("present", "حاضر", "integer"), _col("late", "با تأخیر", "integer"),
        _col("absent", "غایب", "integer"), _col("excused", "غیبت موجه", "integer"),
        _col("attended_hours", "ساعت حضور", "decimal"),
    ), _attendance),
    ExportTable("scores", "نمره‌ها و نتیجه", (
        OFFERING, NATIONAL_CODE, _col("pre_test", "پیش‌آزمون", "decimal"),
        _col("post_test", "پس‌آزمون", "decimal"), _col("final_score", "نمرهٔ نهایی", "decimal"),
        _col("attended_hours", "ساعت حضور", "decimal"), _col("result", "نتیجه", "code"),
    ), _scores),
    ExportTable("certificates", "گواهی‌نامه‌ها", (
        _col("certificate_number", "شمارهٔ گواهی‌نامه", "code", 18), OFFERING, NATIONAL_CODE,
        _col("status", "وضعیت", "code"), _col("issue_date", "تاریخ صدور", "date"),
        _col("hours", "ساعت", "decimal"), _col("score", "نمره", "decimal"),
        _col("print_count", "دفعات چاپ", "integer"),
        _col("duplicate_count", "دفعات المثنی", "integer"),
        _col("revoked_on", "تاریخ ابطال", "date"), _col("revoke_reason", "دلیل ابطال", "text", 24),
    ), _certificates),
    ExportTable("supervision", "نظارت", (
        _col("visit_id", "شمارهٔ بازدید", "integer"), OFFERING,
        _col("planned_date", "تاریخ برنامه", "date"), _col("visit_date", "تاریخ بازدید", "date"),
        _col("status", "وضعیت", "code"), _col("score", "امتیاز (از ۱۰۰)", "decimal"),
        _col("findings", "یافته‌ها", "text", 40), _col("actions", "اقدام‌های اصلاحی", "integer"),
        _col("open_actions", "اقدام‌های باز", "integer"),
    ), _supervision),
)  # fmt: skip


@lru_cache(maxsize=4096)
def _jalali(value: date) -> str:
    # A year's rows repeat a few hundred dates: convert each once.
    return format_jalali(value, persian_digits=False)


def _as_date(value: Any) -> str:
    if isinstance(value, str):  # func.date() on SQLite answers text
        value = date.fromisoformat(value[:10])
    return _jalali(value)


def _as_decimal(value: Any) -> Any:
    number = float(value)
    return int(number) if number.is_integer() else round(number, 2)


def _as_code(value: Any) -> str:
    return value.value if isinstance(value, Enum) else str(value)


_CONVERTERS: dict[Kind, Callable[[Any], Any]] = {
    "date": _as_date,
    "boolean": bool,
    "decimal": _as_decimal,
    "integer": int,
    "code": _as_code,
    "text": _as_code,
}


def table_rows(session: Session, table: ExportTable, start: date, end: date) -> Iterator[list[Any]]:
    """The table's rows as export values (Jalali dates, codes as text), streamed."""
    convert = [_CONVERTERS[column.kind] for column in table.columns]
    result = session.connection().execute(table.query(start, end).execution_options(yield_per=5000))
    for row in result:
        yield [None if v is None else c(v) for v, c in zip(row, convert, strict=True)]
