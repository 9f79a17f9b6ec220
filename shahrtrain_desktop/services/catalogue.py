"""Stage 3 reference data: the course catalogue (with prerequisites and pass rules),
instructors with their evaluation history, and venues."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import (
    Course,
    CourseCategory,
    CourseSession,
    Enrolment,
    EvaluationAnswer,
    Instructor,
    Offering,
    OfferingInstructor,
    Venue,
)
from shahrtrain_desktop.models.enums import Education, OfferingStatus, PersonCategory
from shahrtrain_desktop.persian import (
    InvalidField,
    normalize_multiline,
    normalize_text,
    to_ascii_digits,
    to_persian_digits,
    validate_mobile,
    validate_national_code,
)
from shahrtrain_desktop.services.permissions import Permission, require

MSG_CODE = "کد دوره را وارد کنید."
MSG_CODE_TAKEN = "کد دورهٔ {code} پیش‌تر برای «{title}» ثبت شده است."
MSG_TITLE = "عنوان دوره را وارد کنید."
MSG_CATEGORY = "دستهٔ دوره را انتخاب کنید."
MSG_HOURS = "ساعت‌های نظری و عملی نمی‌توانند منفی باشند و جمع آن‌ها باید بیش از صفر باشد."
MSG_ATTENDANCE = "حداقل درصد حضور باید میان ۰ و ۱۰۰ باشد."
MSG_SCORE = "حداقل نمرهٔ قبولی باید میان ۰ و ۲۰ باشد."
MSG_PREREQ_SELF = "دوره نمی‌تواند پیش‌نیاز خودش باشد."
MSG_PREREQ_CYCLE = "پیش‌نیاز «{title}» دوره‌ای می‌سازد که پیش‌نیاز خودش می‌شود."
MSG_NOT_FOUND = "{what} پیدا نشد؛ شاید کاربر دیگری آن را حذف کرده است."
MSG_NAME = "نام و نام خانوادگی مدرس را وارد کنید."
MSG_VENUE_NAME = "نام مکان برگزاری را وارد کنید."
MSG_VENUE_CAPACITY = "ظرفیت مکان باید عددی از ۱ تا ۵۰۰۰ باشد."
MSG_CATEGORY_NAME = "نام دسته را وارد کنید."
MSG_CATEGORY_TAKEN = "دستهٔ «{name}» پیش‌تر ثبت شده است."


# --------------------------------------------------------------------------------------------
# Courses


@dataclass(frozen=True)
class CourseInput:
    code: str
    title: str
    category_id: int | None
    theory_hours: float = 0
    practice_hours: float = 0
    syllabus: str = ""
    target_groups: tuple[PersonCategory, ...] = ()
    prerequisite_ids: tuple[int, ...] = ()
    min_attendance_pct: float = 80
    min_score: float = 12
    certificate_wording: str = ""
    active: bool = True


def _get(session: Session, model: type, item_id: int, what: str) -> object:
    found = session.get(model, item_id)
    if found is None:
        raise InvalidField(what, MSG_NOT_FOUND.format(what=what))
    return found


def target_groups_of(course: Course) -> tuple[PersonCategory, ...]:
    return tuple(PersonCategory(v) for v in course.target_groups.split(",") if v)


def _reaches(session: Session, start: Course, target_id: int) -> bool:
    """Whether ``target_id`` is ``start`` or among its prerequisites, transitively."""
    seen: set[int] = set()
    stack = [start]
    while stack:
        course = stack.pop()
        if course.id == target_id:
            return True
        if course.id in seen:
            continue
        seen.add(course.id)
        stack.extend(course.prerequisites)
    return False


def save_course(session: Session, data: CourseInput, course_id: int | None = None) -> Course:
    require(session, Permission.PLAN_OFFERINGS)
    code = to_ascii_digits(normalize_text(data.code)).upper()
    title = normalize_text(data.title)
    if not code:
        raise InvalidField("code", MSG_CODE)
    if not title:
        raise InvalidField("title", MSG_TITLE)
    if data.category_id is None or session.get(CourseCategory, data.category_id) is None:
        raise InvalidField("category", MSG_CATEGORY)
    if data.theory_hours < 0 or data.practice_hours < 0:
        raise InvalidField("theory_hours", MSG_HOURS)
    if data.theory_hours + data.practice_hours <= 0:
        raise InvalidField("theory_hours", MSG_HOURS)
    if not 0 <= data.min_attendance_pct <= 100:
        raise InvalidField("min_attendance_pct", MSG_ATTENDANCE)
    if not 0 <= data.min_score <= 20:
        raise InvalidField("min_score", MSG_SCORE)
    clash = session.scalars(select(Course).where(Course.code == code)).first()
    if clash is not None and clash.id != course_id:
        raise InvalidField(
            "code", MSG_CODE_TAKEN.format(code=to_persian_digits(code), title=clash.title)
        )
    if course_id is None:
        course = Course()  # added below, once filled: lookups here would autoflush it empty
    else:
        course = _get(session, Course, course_id, "دوره")  # type: ignore[assignment]
    prerequisites: list[Course] = []
    for prerequisite_id in dict.fromkeys(data.prerequisite_ids):
        if prerequisite_id == course_id:
            raise InvalidField("prerequisites", MSG_PREREQ_SELF)
        prerequisite: Course = _get(session, Course, prerequisite_id, "دورهٔ پیش‌نیاز")  # type: ignore[assignment]
        if course_id is not None and _reaches(session, prerequisite, course_id):
            raise InvalidField("prerequisites", MSG_PREREQ_CYCLE.format(title=prerequisite.title))
        prerequisites.append(prerequisite)
    course.code = code
    course.title = title
    course.category_id = data.category_id
    course.theory_hours = float(data.theory_hours)
    course.practice_hours = float(data.practice_hours)
    course.syllabus = normalize_multiline(data.syllabus) or None
    course.target_groups = ",".join(PersonCategory(g).value for g in data.target_groups)
    course.prerequisites = prerequisites
    course.min_attendance_pct = float(data.min_attendance_pct)
    course.min_score = float(data.min_score)
    course.certificate_wording = normalize_multiline(data.certificate_wording) or None
    course.active = data.active
    session.add(course)
    session.flush()
    return course


def list_courses(session: Session, active_only: bool = False) -> list[Course]:
    query = select(Course).order_by(Course.code)
    if active_only:
        query = query.where(Course.active.is_(True))
    return list(session.scalars(query))


def list_categories(session: Session) -> list[CourseCategory]:
    return list(
        session.scalars(
            select(CourseCategory).order_by(CourseCategory.sort_order, CourseCategory.id)
        )
    )


def add_category(session: Session, name: str) -> CourseCategory:
    require(session, Permission.PLAN_OFFERINGS)
    clean = normalize_text(name)
    if not clean:
        raise InvalidField("name", MSG_CATEGORY_NAME)
    if session.scalars(select(CourseCategory).where(CourseCategory.name == clean)).first():
        raise InvalidField("name", MSG_CATEGORY_TAKEN.format(name=clean))
    last = session.scalar(select(func.max(CourseCategory.sort_order))) or 0
    category = CourseCategory(name=clean, sort_order=last + 1)
    session.add(category)
    session.flush()
    return category


# --------------------------------------------------------------------------------------------
# Instructors


@dataclass(frozen=True)
class InstructorInput:
    first_name: str
    last_name: str
    national_code: str = ""
    field: str = ""
    qualifications: str = ""
    education: Education | None = None
    mobile: str = ""
    email: str = ""
    organisation: str = ""
    active: bool = True


def save_instructor(
    session: Session, data: InstructorInput, instructor_id: int | None = None
) -> Instructor:
    require(session, Permission.PLAN_OFFERINGS)
    first, last = normalize_text(data.first_name), normalize_text(data.last_name)
    if not first or not last:
        raise InvalidField("first_name" if not first else "last_name", MSG_NAME)
    code = (
        validate_national_code(data.national_code) if normalize_text(data.national_code) else None
    )
    mobile = validate_mobile(data.mobile) if normalize_text(data.mobile) else None
    if instructor_id is None:
        instructor = Instructor()
        session.add(instructor)
    else:
        instructor = _get(session, Instructor, instructor_id, "مدرس")  # type: ignore[assignment]
    instructor.first_name, instructor.last_name = first, last
    instructor.national_code = code
    instructor.field = normalize_text(data.field) or None
    instructor.qualifications = normalize_multiline(data.qualifications) or None
    instructor.education = data.education
    instructor.mobile = mobile
    instructor.email = normalize_text(data.email) or None
    instructor.organisation = normalize_text(data.organisation) or None
    instructor.active = data.active
    session.flush()
    return instructor


def list_instructors(session: Session, active_only: bool = False) -> list[Instructor]:
    query = select(Instructor).order_by(Instructor.last_name, Instructor.first_name)
    if active_only:
        query = query.where(Instructor.active.is_(True))
    return list(session.scalars(query))


@dataclass(frozen=True)
class TeachingRecord:
    """One offering an instructor taught, with the trainees' rating of them (Likert 1–5)."""

    offering_id: int
    offering_code: str
    course_title: str
    start_date: date
    end_date: date
    status: OfferingStatus
    hours: float
    rating: float | None
    answers: int


@dataclass
class InstructorHistory:
    records: list[TeachingRecord] = field(default_factory=list)

    @property
    def average_rating(self) -> float | None:
        rated = [(r.rating, r.answers) for r in self.records if r.rating is not None]
        total = sum(n for _, n in rated)
        return sum(v * n for v, n in rated) / total if total else None

    @property
    def total_hours(self) -> float:
        return sum(r.hours for r in self.records)


def instructor_history(session: Session, instructor_id: int) -> InstructorHistory:
    """Every offering the instructor taught (assigned, or named on a session), newest first."""
    assigned = select(OfferingInstructor.offering_id).where(
        OfferingInstructor.instructor_id == instructor_id
    )
    on_session = select(CourseSession.offering_id).where(
        CourseSession.instructor_id == instructor_id
    )
    offerings = session.scalars(
        select(Offering)
        .where(Offering.id.in_(assigned.union(on_session).scalar_subquery()))
        .order_by(Offering.start_date.desc())
    ).all()
    ratings = dict(
        (row[0], (row[1], row[2]))
        for row in session.execute(
            select(Enrolment.offering_id, func.avg(EvaluationAnswer.value), func.count())
            .join(Enrolment, Enrolment.id == EvaluationAnswer.enrolment_id)
            .where(EvaluationAnswer.instructor_id == instructor_id)
            .group_by(Enrolment.offering_id)
        )
    )
    history = InstructorHistory()
    for offering in offerings:
        own = [s.hours for s in offering.sessions if s.instructor_id == instructor_id]
        link = next((i for i in offering.instructors if i.instructor_id == instructor_id), None)
        hours = sum(own) if own else (link.hours if link else 0.0)
        rating, answers = ratings.get(offering.id, (None, 0))
        history.records.append(
            TeachingRecord(
                offering.id,
                offering.code,
                offering.course.title,
                offering.start_date,
                offering.end_date,
                offering.status,
                float(hours),
                float(rating) if rating is not None else None,
                int(answers),
            )
        )
    return history


# --------------------------------------------------------------------------------------------
# Venues


@dataclass(frozen=True)
class VenueInput:
    name: str
    capacity: int
    county_id: int | None = None
    address: str = ""
    active: bool = True


def save_venue(session: Session, data: VenueInput, venue_id: int | None = None) -> Venue:
    require(session, Permission.PLAN_OFFERINGS)
    name = normalize_text(data.name)
    if not name:
        raise InvalidField("name", MSG_VENUE_NAME)
    if not 1 <= int(data.capacity) <= 5000:
        raise InvalidField("capacity", MSG_VENUE_CAPACITY)
    if venue_id is None:
        venue = Venue()
        session.add(venue)
    else:
        venue = _get(session, Venue, venue_id, "مکان")  # type: ignore[assignment]
    venue.name = name
    venue.capacity = int(data.capacity)
    venue.county_id = data.county_id
    venue.address = normalize_text(data.address) or None
    venue.active = data.active
    session.flush()
    return venue


def list_venues(session: Session, active_only: bool = False) -> list[Venue]:
    query = select(Venue).order_by(Venue.name)
    if active_only:
        query = query.where(Venue.active.is_(True))
    return list(session.scalars(query))


def courses_by_id(session: Session, ids: Sequence[int]) -> list[Course]:
    return [c for c in (session.get(Course, i) for i in ids) if c is not None]
