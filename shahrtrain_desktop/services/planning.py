"""Stage 3, design and planning: offerings of catalogue courses (or of accepted needs) with
dates, sessions, instructors, venue, mode, capacity, budget and committee approvals.

``save_offering`` validates everything first and writes nothing if any field is wrong; clashes
(instructor, venue, overlapping sessions, trainees) are warnings: without
``accept_clashes=True`` it raises :class:`ClashesFound` listing them, so the UI can show them
and ask before saving.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import (
    Course,
    CourseSession,
    Enrolment,
    Instructor,
    Need,
    Offering,
    OfferingInstructor,
    Venue,
)
from shahrtrain_desktop.models.enums import (
    DeliveryMode,
    EnrolmentStatus,
    OfferingStatus,
    PersonCategory,
)
from shahrtrain_desktop.persian import (
    InvalidField,
    format_jalali_display,
    jalali_year_of,
    normalize_multiline,
    normalize_text,
    parse_decimal,
    to_ascii_digits,
    to_persian_digits,
)
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.needs import link_needs
from shahrtrain_desktop.services.permissions import Permission, require
from shahrtrain_desktop.services.schedule import (
    Clash,
    SessionInput,
    check_sessions,
    find_clashes,
    shown_code,
)
from shahrtrain_desktop.services.settings import (
    REQUIRE_EXECUTIVE_APPROVAL,
    REQUIRE_STEERING_APPROVAL,
    get_setting,
)

MAX_BUDGET = 10**15
EDITABLE = (OfferingStatus.DRAFT, OfferingStatus.APPROVED, OfferingStatus.OPEN)

MSG_COURSE = "دورهٔ آموزشی را از فهرست دوره‌ها انتخاب کنید."
MSG_DATES = "تاریخ پایان دوره ({end}) پیش از تاریخ آغاز آن ({start}) است."
MSG_CAPACITY = "ظرفیت دوره باید دست‌کم ۱ نفر باشد."
MSG_CAPACITY_ENROLLED = "ظرفیت ({capacity}) کمتر از شمار ثبت‌نام‌شدگان این دوره ({enrolled} نفر) است."
MSG_BUDGET = "بودجه باید مبلغی به ریال، صفر یا بیشتر، باشد."
MSG_VENUE = "برای دورهٔ حضوری یا ترکیبی مکان برگزاری را انتخاب کنید."
MSG_NOT_FOUND = "دوره پیدا نشد؛ شاید کاربر دیگری آن را حذف کرده است."
MSG_NOT_EDITABLE = "دورهٔ {code} در وضعیت «{status}» است و برنامه‌اش دیگر تغییر نمی‌کند."
MSG_INSTRUCTOR_GONE = "مدرس برگزیده پیدا نشد."
MSG_RESOLUTION_NUMBER = "شمارهٔ مصوبهٔ کمیتهٔ اجرایی را وارد کنید."
MSG_RESOLUTION_DATE = "تاریخ مصوبهٔ کمیتهٔ اجرایی را وارد کنید."
MSG_MISSING_EXECUTIVE = "مصوبهٔ کمیتهٔ اجرایی آموزش استان (شماره و تاریخ) ثبت نشده است."
MSG_MISSING_STEERING = "تأیید کمیتهٔ راهبری سازمان شهرداری‌ها و دهیاری‌ها ثبت نشده است."
MSG_NO_SESSIONS = "هنوز هیچ جلسه‌ای برای این دوره برنامه‌ریزی نشده است."
MSG_CANNOT_OPEN = "دورهٔ {code} را نمی‌توان برای ثبت‌نام گشود:\n{reasons}"
MSG_CANNOT_APPROVE = "دورهٔ {code} هنوز مصوب نیست:\n{reasons}"
MSG_WRONG_STATUS = "دورهٔ {code} در وضعیت «{status}» است؛ فقط دورهٔ پیش‌نویس یا مصوب گشوده می‌شود."
MSG_CLASHES = "برنامهٔ این دوره با برنامه‌های دیگر تداخل دارد:\n{items}"


class ClashesFound(Exception):
    """Saving would create clashes; nothing was written. ``clashes`` lists them."""

    def __init__(self, clashes: Sequence[Clash]) -> None:
        self.clashes = list(clashes)
        items = "\n".join(f"• {c.message}" for c in self.clashes)
        super().__init__(MSG_CLASHES.format(items=items))


@dataclass(frozen=True)
class OfferingInput:
    course_id: int | None
    start_date: date
    end_date: date
    mode: DeliveryMode = DeliveryMode.IN_PERSON
    capacity: int = 30
    budget_rial: int | str = 0
    venue_id: int | None = None
    county_id: int | None = None
    target_group: PersonCategory | None = None
    instructor_ids: tuple[int, ...] = ()
    sessions: tuple[SessionInput, ...] = ()
    need_ids: tuple[int, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class ApprovalsInput:
    executive_resolution_number: str = ""
    executive_resolution_date: date | None = None
    steering_approved: bool = False
    steering_approval_reference: str = ""
    steering_approval_date: date | None = None


def parse_rial(value: object) -> int:
    """A Rial amount typed with or without thousands separators (٬ , or spaces)."""
    if isinstance(value, int) and not isinstance(value, bool):
        amount = value
    else:
        text = to_ascii_digits(normalize_text(value)).replace("٬", "").replace(",", "")
        number = parse_decimal(text.replace(" ", ""), "budget_rial")
        if number is None:
            return 0
        if number != int(number):
            raise InvalidField("budget_rial", MSG_BUDGET)
        amount = int(number)
    if not 0 <= amount <= MAX_BUDGET:
        raise InvalidField("budget_rial", MSG_BUDGET)
    return amount


def enrolled_count(session: Session, offering_id: int) -> int:
    return int(
        session.scalar(
            select(func.count())
            .select_from(Enrolment)
            .where(
                Enrolment.offering_id == offering_id,
                Enrolment.status == EnrolmentStatus.ENROLLED,
            )
        )
        or 0
    )


def _get(session: Session, offering_id: int) -> Offering:
    offering = session.get(Offering, offering_id)
    if offering is None:
        raise InvalidField("offering", MSG_NOT_FOUND)
    return offering


def _validate(session: Session, data: OfferingInput, offering_id: int | None) -> tuple[Course, int]:
    if data.course_id is None:
        raise InvalidField("course", MSG_COURSE)
    course = session.get(Course, data.course_id)
    if course is None:
        raise InvalidField("course", MSG_COURSE)
    if data.end_date < data.start_date:
        raise InvalidField(
            "end_date",
            MSG_DATES.format(
                start=format_jalali_display(data.start_date),
                end=format_jalali_display(data.end_date),
            ),
        )
    if int(data.capacity) < 1:
        raise InvalidField("capacity", MSG_CAPACITY)
    if offering_id is not None:
        enrolled = enrolled_count(session, offering_id)
        if int(data.capacity) < enrolled:
            raise InvalidField(
                "capacity",
                MSG_CAPACITY_ENROLLED.format(
                    capacity=to_persian_digits(int(data.capacity)),
                    enrolled=to_persian_digits(enrolled),
                ),
            )
    budget = parse_rial(data.budget_rial)
    if data.mode != DeliveryMode.ONLINE and data.venue_id is None:
        raise InvalidField("venue", MSG_VENUE)
    for instructor_id in data.instructor_ids:
        if session.get(Instructor, instructor_id) is None:
            raise InvalidField("instructors", MSG_INSTRUCTOR_GONE)
    check_sessions(data.sessions, data.start_date, data.end_date)
    return course, budget


def next_offering_code(session: Session, year: int, course: Course) -> str:
    """«1405-1004-003»: year, course code and a serial per course and year."""
    prefix = f"{year}-{course.code}-"
    codes = session.scalars(select(Offering.code).where(Offering.code.like(f"{prefix}%"))).all()
    serials = [int(c[len(prefix) :]) for c in codes if c[len(prefix) :].isdigit()]
    return f"{prefix}{max(serials, default=0) + 1:03d}"


def preview_clashes(
    session: Session, data: OfferingInput, offering_id: int | None = None
) -> list[Clash]:
    """The warnings ``save_offering`` would raise, for the dialog to show as the user edits."""
    venue = data.venue_id if data.mode != DeliveryMode.ONLINE else None
    return find_clashes(session, data.sessions, data.instructor_ids, venue, offering_id)


def save_offering(
    session: Session,
    data: OfferingInput,
    offering_id: int | None = None,
    accept_clashes: bool = False,
) -> Offering:
    """Create or update an offering with its sessions, instructors and needs."""
    require(session, Permission.PLAN_OFFERINGS)
    existing = _get(session, offering_id) if offering_id is not None else None
    if existing is not None and existing.status not in EDITABLE:
        raise InvalidField(
            "status",
            MSG_NOT_EDITABLE.format(code=shown_code(existing.code), status=label(existing.status)),
        )
    course, budget = _validate(session, data, offering_id)
    clashes = preview_clashes(session, data, offering_id)
    if clashes and not accept_clashes:
        raise ClashesFound(clashes)
    year = jalali_year_of(data.start_date)
    if existing is None:
        offering = Offering(
            code=next_offering_code(session, year, course), status=OfferingStatus.DRAFT
        )
        session.add(offering)
    else:
        offering = existing
    offering.course_id = course.id
    offering.course = course
    offering.year = year
    offering.start_date = data.start_date
    offering.end_date = data.end_date
    offering.mode = DeliveryMode(data.mode)
    offering.venue_id = data.venue_id if data.mode != DeliveryMode.ONLINE else None
    offering.county_id = data.county_id
    offering.capacity = int(data.capacity)
    offering.budget_rial = budget
    offering.target_group = data.target_group
    offering.notes = normalize_multiline(data.notes) or None
    _replace_sessions(session, offering, data.sessions)
    _replace_instructors(offering, data)
    session.flush()
    link_needs(session, offering, data.need_ids)
    return offering


def _replace_sessions(
    session: Session, offering: Offering, sessions: Sequence[SessionInput]
) -> None:
    """Keep session rows (and the attendance hanging on them) where the number matches."""
    current = {s.number: s for s in offering.sessions}
    for number, item in enumerate(sessions, start=1):
        row = current.pop(number, None)
        if row is None:
            row = CourseSession(number=number)
            offering.sessions.append(row)
        row.date = item.date
        row.start_time = item.start_time
        row.end_time = item.end_time
        row.hours = item.hours
        row.topic = normalize_text(item.topic) or None
        row.instructor_id = item.instructor_id
        row.venue_id = item.venue_id
    for row in current.values():
        offering.sessions.remove(row)
    session.flush()


def _replace_instructors(offering: Offering, data: OfferingInput) -> None:
    wanted = list(dict.fromkeys(data.instructor_ids))
    hours: dict[int, float] = {i: 0.0 for i in wanted}
    for item in data.sessions:
        if item.instructor_id in hours:
            hours[item.instructor_id] += item.hours
    if len(wanted) == 1 and not hours[wanted[0]]:
        hours[wanted[0]] = sum(s.hours for s in data.sessions)
    links = {link.instructor_id: link for link in offering.instructors}
    for instructor_id in list(links):
        if instructor_id not in hours:
            offering.instructors.remove(links[instructor_id])
    for instructor_id in wanted:
        link = links.get(instructor_id)
        if link is None:
            link = OfferingInstructor(instructor_id=instructor_id)
            offering.instructors.append(link)
        link.hours = hours[instructor_id]


def input_from_needs(
    session: Session, need_ids: Sequence[int], start: date, end: date
) -> OfferingInput:
    """A starting point for an offering answering these needs: their course (if named), target
    group, and as many places as people estimated (30 if none)."""
    needs = [n for n in (session.get(Need, i) for i in need_ids) if n is not None]
    course_id = next((n.course_id for n in needs if n.course_id), None)
    groups = {n.target_group for n in needs}
    people = sum(n.estimated_count for n in needs)
    return OfferingInput(
        course_id=course_id,
        start_date=start,
        end_date=end,
        capacity=people if 0 < people <= 200 else 30,
        target_group=groups.pop() if len(groups) == 1 else None,
        need_ids=tuple(n.id for n in needs),
    )


# --------------------------------------------------------------------------------------------
# Approvals and opening for registration


def record_approvals(session: Session, offering_id: int, data: ApprovalsInput) -> Offering:
    require(session, Permission.PLAN_OFFERINGS)
    offering = _get(session, offering_id)
    number = to_ascii_digits(normalize_text(data.executive_resolution_number))
    if number and data.executive_resolution_date is None:
        raise InvalidField("executive_resolution_date", MSG_RESOLUTION_DATE)
    if data.executive_resolution_date is not None and not number:
        raise InvalidField("executive_resolution_number", MSG_RESOLUTION_NUMBER)
    offering.executive_resolution_number = number or None
    offering.executive_resolution_date = data.executive_resolution_date
    offering.steering_approved = bool(data.steering_approved)
    reference = to_ascii_digits(normalize_text(data.steering_approval_reference))
    offering.steering_approval_reference = reference or None if data.steering_approved else None
    offering.steering_approval_date = (
        data.steering_approval_date if data.steering_approved else None
    )
    session.flush()
    return offering


@dataclass(frozen=True)
class Readiness:
    problems: list[str] = field(default_factory=list)

    @property
    def ready(self) -> bool:
        return not self.problems


def approvals_missing(session: Session, offering: Offering) -> list[str]:
    """The approvals the settings require that this offering lacks (Persian sentences)."""
    missing = []
    if get_setting(session, REQUIRE_EXECUTIVE_APPROVAL) and not (
        offering.executive_resolution_number and offering.executive_resolution_date
    ):
        missing.append(MSG_MISSING_EXECUTIVE)
    if get_setting(session, REQUIRE_STEERING_APPROVAL) and not offering.steering_approved:
        missing.append(MSG_MISSING_STEERING)
    return missing


def readiness(session: Session, offering: Offering) -> Readiness:
    problems = approvals_missing(session, offering)
    if not offering.sessions:
        problems.append(MSG_NO_SESSIONS)
    return Readiness(problems)


def open_for_registration(session: Session, offering_id: int) -> Offering:
    """draft/approved → open, only once the required approvals and sessions are recorded."""
    require(session, Permission.PLAN_OFFERINGS)
    offering = _get(session, offering_id)
    code = shown_code(offering.code)
    if offering.status not in (OfferingStatus.DRAFT, OfferingStatus.APPROVED):
        raise InvalidField(
            "status", MSG_WRONG_STATUS.format(code=code, status=label(offering.status))
        )
    state = readiness(session, offering)
    if not state.ready:
        reasons = "\n".join(f"• {p}" for p in state.problems)
        raise InvalidField("approvals", MSG_CANNOT_OPEN.format(code=code, reasons=reasons))
    offering.status = OfferingStatus.OPEN
    session.flush()
    return offering


def mark_approved(session: Session, offering_id: int) -> Offering:
    """draft → approved once the required approvals are recorded."""
    require(session, Permission.PLAN_OFFERINGS)
    offering = _get(session, offering_id)
    missing = approvals_missing(session, offering)
    if missing:
        reasons = "\n".join(f"• {p}" for p in missing)
        raise InvalidField(
            "approvals",
            MSG_CANNOT_APPROVE.format(code=shown_code(offering.code), reasons=reasons),
        )
    if offering.status == OfferingStatus.DRAFT:
        offering.status = OfferingStatus.APPROVED
    session.flush()
    return offering


def venue_capacity_warning(session: Session, data: OfferingInput) -> str | None:
    """A venue smaller than the offering's capacity (a warning, not an error)."""
    if data.venue_id is None or data.mode == DeliveryMode.ONLINE:
        return None
    venue = session.get(Venue, data.venue_id)
    if venue is not None and venue.capacity < int(data.capacity):
        return (
            f"ظرفیت مکان «{venue.name}» {to_persian_digits(venue.capacity)} نفر است و "
            f"ظرفیت دوره {to_persian_digits(int(data.capacity))} نفر."
        )
    return None
