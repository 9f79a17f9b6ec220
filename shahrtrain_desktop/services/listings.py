"""The main list of each stage tab, as SQL: columns, filters, ordered ids and display rows.

A listing is read in two steps so that a table of 100,000 rows stays cheap: ``ordered_ids``
returns only the ids for a filter and sort (sorting happens in SQL, aggregates included), and
``fetch_rows`` formats the display text of one batch of those ids. Jalali dates, Persian digits
and Persian labels are produced here, so the UI only shows strings. No Qt.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, TypeAlias

from sqlalchemy import (
    ColumnElement,
    Connection,
    FromClause,
    Select,
    and_,
    case,
    distinct,
    func,
    or_,
    select,
)
from sqlalchemy.orm import QueryableAttribute

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
from shahrtrain_desktop.persian import (
    format_jalali,
    jalali_year_range,
    search_key,
    to_persian_digits,
)
from shahrtrain_desktop.services.labels import label

# Persian texts of this module (headers and filter names).
STATUS = "وضعیت"
TITLE = "عنوان دوره"
CODE = "کد دوره"
NAME = "نام و نام خانوادگی"
NATIONAL_CODE = "کد ملی"
PERCENT_SIGN = "٪"

# A mapped attribute (Person.last_name) or any SQL expression (a correlated count).
Expr: TypeAlias = ColumnElement[Any] | QueryableAttribute[Any]


class Kind(StrEnum):
    """How a column's value is shown; every kind but TEXT and LABEL reads left to right."""

    TEXT = "text"
    LABEL = "label"  # an enum code shown with its Persian label
    CODE = "code"  # as stored (Latin letters and digits), e.g. 1405-QZ-000123
    DIGITS = "digits"  # a digit string shown with Persian digits: national code, mobile
    YEAR = "year"  # Persian digits without grouping
    INTEGER = "integer"  # Persian digits with ٬ between thousands
    DECIMAL = "decimal"  # at most two decimals: 17٫25
    PERCENT = "percent"  # 85٫3٪
    DATE = "date"  # Jalali ۱۴۰۵/۰۹/۰۴


LTR_KINDS = frozenset(Kind) - {Kind.TEXT, Kind.LABEL}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    expr: Expr
    kind: Kind = Kind.TEXT
    width: int = 12  # in average characters; a hint for the view
    sort: tuple[Expr, ...] = ()  # defaults to ``expr``

    @property
    def ltr(self) -> bool:
        return self.kind in LTR_KINDS

    @property
    def sort_exprs(self) -> tuple[Expr, ...]:
        return self.sort or (self.expr,)


@dataclass(frozen=True)
class Choice:
    """A filter on one enum column: the UI offers «all» plus ``values``."""

    key: str
    label: str
    expr: Expr
    values: tuple[StrEnum, ...]


@dataclass(frozen=True)
class ListingSpec:
    key: str
    id_expr: Expr
    source: FromClause
    columns: tuple[Column, ...]
    default_sort: str
    default_descending: bool = False
    where: tuple[ColumnElement[bool], ...] = ()
    search_expr: Expr | None = None  # a column holding persian.search_key text
    choices: tuple[Choice, ...] = ()
    year_expr: Expr | None = None  # Jalali year
    date_expr: Expr | None = None  # what the date-range filter compares

    def index(self, key: str) -> int:
        for i, column in enumerate(self.columns):
            if column.key == key:
                return i
        raise KeyError(key)

    def choice(self, key: str) -> Choice:
        return next(c for c in self.choices if c.key == key)


@dataclass
class Filters:
    text: str = ""
    choices: dict[str, str] = field(default_factory=dict)  # choice key -> enum value
    year: int | None = None
    date_from: date | None = None
    date_to: date | None = None


def _enum_order(expr: Expr, values: Iterable[StrEnum]) -> ColumnElement[int]:
    """Sort an enum column by its declared (workflow) order rather than by the code's spelling."""
    return case({v.value: i for i, v in enumerate(values)}, value=expr, else_=99)


def _label_column(key: str, header: str, expr: Any, enum: type[StrEnum], width: int = 10) -> Column:
    return Column(key, header, expr, Kind.LABEL, width, sort=(_enum_order(expr, enum),))


def _count(*where: ColumnElement[bool]) -> ColumnElement[int]:
    return select(func.count()).where(*where).scalar_subquery()


# --------------------------------------------------------------------------------------------
# Shared expressions

_full_name = Person.first_name + " " + Person.last_name
_name_sort = (Person.last_name, Person.first_name)
_enrolled = Enrolment.status == EnrolmentStatus.ENROLLED
_enrolled_count = _count(Enrolment.offering_id == Offering.id, _enrolled)
_sessions_total = _count(CourseSession.offering_id == Offering.id)
_sessions_held = (
    select(func.count(distinct(CourseSession.id)))
    .join(Attendance, Attendance.session_id == CourseSession.id)
    .where(CourseSession.offering_id == Offering.id)
    .scalar_subquery()
)
_present = Attendance.status.in_([AttendanceStatus.PRESENT, AttendanceStatus.LATE])
_attendance_pct = (
    select(100.0 * func.sum(case((_present, 1), else_=0)) / func.count())
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
    return Column("code", CODE, Offering.code, Kind.CODE, 13), Column(
        "title", TITLE, Course.title, width=30
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
        _label_column("priority", "اولویت", Need.priority, Priority, 7),
        _label_column("status", STATUS, Need.status, NeedStatus),
        _label_column("source", "منبع", Need.source, NeedSource, 12),
        Column("document_number", "شمارهٔ نامه", Document.number, Kind.CODE, 12),
        Column("document_date", "تاریخ نامه", Document.date, Kind.DATE, 9),
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
        _label_column("category", "گروه", Person.category, PersonCategory, 9),
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
        Column("start", "تاریخ شروع", Offering.start_date, Kind.DATE, 9),
        Column("end", "تاریخ پایان", Offering.end_date, Kind.DATE, 9),
        _label_column("mode", "شیوهٔ اجرا", Offering.mode, DeliveryMode, 7),
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
        Column("start", "تاریخ شروع", Offering.start_date, Kind.DATE, 9),
        Column("end", "تاریخ پایان", Offering.end_date, Kind.DATE, 9),
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
        _label_column("result", "نتیجه", Enrolment.result, OutcomeResult, 6),
    ),
    default_sort="code",
    default_descending=True,
    where=(
        Offering.status.in_([OfferingStatus.FINISHED, OfferingStatus.CLOSED]),
        _enrolled,
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
        Column("number", "شمارهٔ گواهی‌نامه", Certificate.number, Kind.CODE, 15),
        Column("holder", "دارنده", _full_name, width=18, sort=_name_sort),
        Column("national_code", NATIONAL_CODE, Person.national_code, Kind.DIGITS, 10),
        Column("title", TITLE, Course.title, width=28),
        _label_column("status", STATUS, Certificate.status, CertificateStatus, 9),
        Column("issue_date", "تاریخ صدور", Certificate.issue_date, Kind.DATE, 9),
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
        Column("planned", "تاریخ برنامه", SupervisionVisit.planned_date, Kind.DATE, 9),
        Column("visited", "تاریخ بازدید", SupervisionVisit.visit_date, Kind.DATE, 9),
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


# --------------------------------------------------------------------------------------------
# Queries


def conditions(spec: ListingSpec, filters: Filters) -> list[ColumnElement[bool]]:
    where = list(spec.where)
    if spec.search_expr is not None:
        # Each word on its own, so «علی رضایی» finds a key however first and last name are joined.
        for word in filters.text.split():
            key = search_key(word)
            if key:
                where.append(spec.search_expr.contains(key, autoescape=True))
    for choice in spec.choices:
        value = filters.choices.get(choice.key)
        if value:
            where.append(choice.expr == value)
    if spec.year_expr is not None and filters.year is not None:
        where.append(spec.year_expr == filters.year)
    if spec.date_expr is not None:
        if filters.date_from is not None:
            where.append(spec.date_expr >= filters.date_from)
        if filters.date_to is not None:
            where.append(spec.date_expr <= filters.date_to)
    return where


def ids_query(
    spec: ListingSpec, filters: Filters, sort: str | None = None, descending: bool | None = None
) -> Select[Any]:
    column = spec.columns[spec.index(sort or spec.default_sort)]
    desc = spec.default_descending if descending is None else descending
    order = [e.desc() if desc else e.asc() for e in column.sort_exprs]
    order.append(spec.id_expr.desc() if desc else spec.id_expr.asc())
    return (
        select(spec.id_expr)
        .select_from(spec.source)
        .where(and_(True, *conditions(spec, filters)))
        .order_by(*order)
    )


def ordered_ids(
    conn: Connection,
    spec: ListingSpec,
    filters: Filters | None = None,
    sort: str | None = None,
    descending: bool | None = None,
) -> list[int]:
    """The ids of every row matching ``filters``, in display order (sorted in SQL)."""
    return list(conn.scalars(ids_query(spec, filters or Filters(), sort, descending)))


def format_value(kind: Kind, value: Any) -> str:
    if value is None or value == "":
        return ""
    match kind:
        case Kind.TEXT | Kind.CODE:
            return str(value)
        case Kind.LABEL:
            return label(value) if isinstance(value, StrEnum) else str(value)
        case Kind.DIGITS | Kind.YEAR:
            return to_persian_digits(str(value))
        case Kind.INTEGER:
            return to_persian_digits(int(value), grouping=True)
        case Kind.DECIMAL:
            return to_persian_digits(float(value), decimals=2)
        case Kind.PERCENT:
            return to_persian_digits(float(value), decimals=1) + PERCENT_SIGN
        case Kind.DATE:
            return format_jalali(value)
    raise ValueError(kind)


def fetch_rows(
    conn: Connection, spec: ListingSpec, ids: Sequence[int]
) -> dict[int, tuple[str, ...]]:
    """Display text of the rows with these ids (one query, whatever their number)."""
    if not ids:
        return {}
    query = (
        select(spec.id_expr, *(c.expr for c in spec.columns))
        .select_from(spec.source)
        .where(spec.id_expr.in_(ids))
    )
    kinds = [c.kind for c in spec.columns]
    return {
        row[0]: tuple(format_value(k, v) for k, v in zip(kinds, row[1:], strict=True))
        for row in conn.execute(query)
    }


def available_years(conn: Connection, spec: ListingSpec) -> list[int]:
    """Jalali years present in the listing, newest first, for the year filter."""
    if spec.year_expr is None:
        return []
    query = (
        select(distinct(spec.year_expr))
        .select_from(spec.source)
        .where(and_(True, *spec.where), spec.year_expr.is_not(None))
        .order_by(spec.year_expr.desc())
    )
    return [int(y) for y in conn.scalars(query)]


# --------------------------------------------------------------------------------------------
# Headline figures of the supervision tab

HEADLINE_LABELS = ("نفر-ساعت آموزش", "فراگیران", "دوره‌های اجراشده", "گواهی‌نامه‌های صادرشده")
_HELD = (OfferingStatus.RUNNING, OfferingStatus.FINISHED, OfferingStatus.CLOSED)


@dataclass(frozen=True)
class Headline:
    year: int
    person_hours: float
    trainees: int
    offerings_held: int
    certificates_issued: int

    def items(self) -> list[tuple[str, str]]:
        """(label, value) pairs with Persian digits, in display order."""
        values = (self.person_hours, self.trainees, self.offerings_held, self.certificates_issued)
        return [
            (name, to_persian_digits(value, grouping=True, decimals=0))
            for name, value in zip(HEADLINE_LABELS, values, strict=True)
        ]


def headline(conn: Connection, year: int) -> Headline:
    """Person-hours (trainees × attended hours), trainees, offerings and certificates of a year."""
    in_year = and_(Offering.year == year, Offering.status.in_(_HELD))
    person_hours = conn.scalar(
        select(func.coalesce(func.sum(CourseSession.hours), 0.0))
        .select_from(Attendance)
        .join(CourseSession, CourseSession.id == Attendance.session_id)
        .join(Offering, Offering.id == CourseSession.offering_id)
        .where(in_year, _present)
    )
    trainees = conn.scalar(
        select(func.count(distinct(Enrolment.person_id)))
        .join(Offering, Offering.id == Enrolment.offering_id)
        .where(in_year, _enrolled)
    )
    held = conn.scalar(select(func.count()).select_from(Offering).where(in_year))
    start, end = jalali_year_range(year)
    issued = conn.scalar(
        select(func.count())
        .select_from(Certificate)
        .where(
            Certificate.status == CertificateStatus.ISSUED,
            or_(
                and_(Certificate.issue_date >= start, Certificate.issue_date < end),
                and_(Certificate.issue_date.is_(None), Certificate.year == year),
            ),
        )
    )
    return Headline(year, float(person_hours or 0), trainees or 0, held or 0, issued or 0)
