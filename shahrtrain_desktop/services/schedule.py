"""An offering's session schedule: generated from a weekly pattern, checked for clashes.

Pure functions over plain values, so the dialog can show the generated table and the clash
warnings before anything is saved.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from sqlalchemy import select, true
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import CourseSession, Enrolment, Instructor, Offering, Venue
from shahrtrain_desktop.models.enums import EnrolmentStatus, OfferingStatus
from shahrtrain_desktop.persian import (
    InvalidField,
    format_jalali_display,
    to_persian_digits,
    weekday_name,
)

# Python's date.weekday(): Monday = 0 … Sunday = 6; the Persian week starts on Saturday.
PERSIAN_WEEK = (5, 6, 0, 1, 2, 3, 4)
MAX_SESSIONS = 200

MSG_NO_DAYS = "دست‌کم یک روز هفته را برای جلسه‌ها انتخاب کنید."
MSG_SESSION_HOURS = "ساعت هر جلسه باید میان ۰٫۵ و ۱۰ باشد."
MSG_TOTAL_HOURS = "جمع ساعت دوره باید بیش از صفر باشد."
MSG_PATTERN_SHORT = (
    "با این الگو تا تاریخ پایان دوره فقط {fits} ساعت از {total} ساعت جا می‌شود؛ "
    "روزهای بیشتری انتخاب کنید یا تاریخ پایان را عقب‌تر ببرید."
)
MSG_PAST_MIDNIGHT = "جلسه‌ای که ساعت {start} آغاز شود و {hours} ساعت طول بکشد، از نیمه‌شب می‌گذرد."
MSG_SESSION_TIMES = "جلسهٔ {number}: ساعت پایان باید پس از ساعت آغاز باشد."
MSG_SESSION_OUTSIDE = "جلسهٔ {number} در تاریخ {date} بیرون از تاریخ‌های دوره ({start} تا {end}) است."
MSG_TOO_MANY = "یک دوره بیش از ۲۰۰ جلسه نمی‌تواند داشته باشد."

CLASH_INSTRUCTOR = "مدرس «{name}» روز {day} {date} ساعت {times} در دورهٔ {code} ({title}) درس دارد."
CLASH_VENUE = (
    "مکان «{name}» روز {day} {date} ساعت {times} برای دورهٔ {code} ({title}) گرفته شده است."
)
CLASH_OVERLAP = "جلسه‌های {a} و {b} این دوره در {date} هم‌زمان‌اند."
CLASH_TRAINEES = (
    "{count} نفر از ثبت‌نام‌شدگان این دوره در {date} ساعت {times} در دورهٔ {code} ({title}) "
    "کلاس دارند."
)


def shown_code(code: str) -> str:
    """An offering code for a Persian sentence: Persian digits kept in typed order
    (left-to-right embedding), or «۱۴۰۵-۵۰۰۸-۰۰۱» shows as ۰۰۱-۵۰۰۸-۱۴۰۵ after Persian words."""
    return f"\u202a{to_persian_digits(code)}\u202c"


@dataclass(frozen=True)
class SessionInput:
    date: date
    start_time: time
    end_time: time
    topic: str = ""
    instructor_id: int | None = None
    venue_id: int | None = None

    @property
    def hours(self) -> float:
        start = datetime.combine(self.date, self.start_time)
        end = datetime.combine(self.date, self.end_time)
        return round((end - start).total_seconds() / 3600, 2)


def _time_text(value: time) -> str:
    return to_persian_digits(f"{value:%H:%M}")


def _times_text(start: time, end: time) -> str:
    return f"{_time_text(start)} تا {_time_text(end)}"


def generate_sessions(
    start: date,
    end: date,
    weekdays: Iterable[int],
    start_time: time,
    hours_per_session: float,
    total_hours: float,
) -> list[SessionInput]:
    """Sessions on the chosen weekdays from ``start``, each ``hours_per_session`` long (the last
    one shorter if that is all that remains), until ``total_hours`` are placed.

    Raises :class:`InvalidField` when the pattern cannot place all the hours by ``end``.
    """
    days = set(weekdays)
    if not days:
        raise InvalidField("weekdays", MSG_NO_DAYS)
    if not 0.5 <= hours_per_session <= 10:
        raise InvalidField("hours_per_session", MSG_SESSION_HOURS)
    if total_hours <= 0:
        raise InvalidField("total_hours", MSG_TOTAL_HOURS)
    if end < start:
        raise InvalidField("end_date", "تاریخ پایان دوره پیش از تاریخ آغاز آن است.")
    begin = datetime.combine(start, start_time)
    if (begin + timedelta(hours=hours_per_session)).date() != start:
        raise InvalidField(
            "start_time",
            MSG_PAST_MIDNIGHT.format(
                start=_time_text(start_time), hours=to_persian_digits(hours_per_session)
            ),
        )
    sessions: list[SessionInput] = []
    remaining = round(total_hours, 2)
    day = start
    while day <= end and remaining > 0:
        if day.weekday() in days:
            length = min(hours_per_session, remaining)
            finish = (datetime.combine(day, start_time) + timedelta(hours=length)).time()
            sessions.append(SessionInput(day, start_time, finish))
            remaining = round(remaining - length, 2)
            if len(sessions) > MAX_SESSIONS:
                raise InvalidField("sessions", MSG_TOO_MANY)
        day += timedelta(days=1)
    if remaining > 0:
        fits = round(total_hours - remaining, 2)
        raise InvalidField(
            "weekdays",
            MSG_PATTERN_SHORT.format(
                fits=to_persian_digits(fits), total=to_persian_digits(total_hours)
            ),
        )
    return sessions


def check_sessions(sessions: Sequence[SessionInput], start: date, end: date) -> None:
    """Refuse sessions with end before start or outside the offering's dates."""
    if len(sessions) > MAX_SESSIONS:
        raise InvalidField("sessions", MSG_TOO_MANY)
    for number, item in enumerate(sessions, start=1):
        if item.end_time <= item.start_time:
            raise InvalidField(
                "sessions", MSG_SESSION_TIMES.format(number=to_persian_digits(number))
            )
        if not start <= item.date <= end:
            raise InvalidField(
                "sessions",
                MSG_SESSION_OUTSIDE.format(
                    number=to_persian_digits(number),
                    date=format_jalali_display(item.date),
                    start=format_jalali_display(start),
                    end=format_jalali_display(end),
                ),
            )


# --------------------------------------------------------------------------------------------
# Clashes: warnings shown before saving


class ClashKind(StrEnum):
    INSTRUCTOR = "instructor"
    VENUE = "venue"
    OVERLAP = "overlap"
    TRAINEES = "trainees"


@dataclass(frozen=True)
class Clash:
    kind: ClashKind
    message: str


def _overlaps(a: SessionInput, other: CourseSession) -> bool:
    return a.start_time < other.end_time and other.start_time < a.end_time


def find_clashes(
    session: Session,
    sessions: Sequence[SessionInput],
    instructor_ids: Sequence[int],
    venue_id: int | None,
    offering_id: int | None = None,
) -> list[Clash]:
    """Instructor or venue booked elsewhere at the same time, sessions of this offering that
    overlap each other, and enrolled trainees who have another class then."""
    clashes: list[Clash] = []
    for i, a in enumerate(sessions):
        for j in range(i + 1, len(sessions)):
            b = sessions[j]
            if a.date == b.date and a.start_time < b.end_time and b.start_time < a.end_time:
                clashes.append(
                    Clash(
                        ClashKind.OVERLAP,
                        CLASH_OVERLAP.format(
                            a=to_persian_digits(i + 1),
                            b=to_persian_digits(j + 1),
                            date=format_jalali_display(a.date),
                        ),
                    )
                )
    dates = sorted({s.date for s in sessions})
    if not dates:
        return clashes
    others = session.scalars(
        select(CourseSession)
        .join(Offering, Offering.id == CourseSession.offering_id)
        .where(CourseSession.date.in_(dates), Offering.status != OfferingStatus.CANCELLED)
        .where(Offering.id != offering_id if offering_id is not None else true())
    ).all()
    if not others:
        return clashes
    trainees = _trainees_elsewhere(session, offering_id)
    seen: set[tuple[ClashKind, int, int]] = set()
    for mine in sessions:
        own_instructors = {mine.instructor_id} if mine.instructor_id else set(instructor_ids)
        own_venue = mine.venue_id or venue_id
        for other in others:
            if other.date != mine.date or not _overlaps(mine, other):
                continue
            offering = other.offering
            other_instructors = (
                {other.instructor_id}
                if other.instructor_id
                else {link.instructor_id for link in offering.instructors}
            )
            for instructor_id in sorted(own_instructors & other_instructors):
                key = (ClashKind.INSTRUCTOR, instructor_id, other.id)
                if key not in seen:
                    seen.add(key)
                    instructor = session.get(Instructor, instructor_id)
                    name = instructor.full_name if instructor else ""
                    clashes.append(
                        Clash(ClashKind.INSTRUCTOR, _format(CLASH_INSTRUCTOR, other, name=name))
                    )
            other_venue = other.venue_id or offering.venue_id
            if own_venue is not None and own_venue == other_venue:
                key = (ClashKind.VENUE, own_venue, other.id)
                if key not in seen:
                    seen.add(key)
                    venue = session.get(Venue, own_venue)
                    clashes.append(
                        Clash(
                            ClashKind.VENUE,
                            _format(CLASH_VENUE, other, name=venue.name if venue else ""),
                        )
                    )
            count = trainees.get(offering.id, 0)
            key = (ClashKind.TRAINEES, 0, other.id)
            if count and key not in seen:
                seen.add(key)
                clashes.append(
                    Clash(
                        ClashKind.TRAINEES,
                        _format(CLASH_TRAINEES, other, count=to_persian_digits(count)),
                    )
                )
    return clashes


def _format(template: str, other: CourseSession, **extra: str) -> str:
    return template.format(
        day=weekday_name(other.date),
        date=format_jalali_display(other.date),
        times=_times_text(other.start_time, other.end_time),
        code=shown_code(other.offering.code),
        title=other.offering.course.title,
        **extra,
    )


def _trainees_elsewhere(session: Session, offering_id: int | None) -> dict[int, int]:
    """For each other offering, how many of this offering's enrolled trainees it also has."""
    if offering_id is None:
        return {}
    mine = select(Enrolment.person_id).where(
        Enrolment.offering_id == offering_id, Enrolment.status == EnrolmentStatus.ENROLLED
    )
    rows = session.execute(
        select(Enrolment.offering_id, Enrolment.person_id).where(
            Enrolment.person_id.in_(mine.scalar_subquery()),
            Enrolment.offering_id != offering_id,
            Enrolment.status == EnrolmentStatus.ENROLLED,
        )
    ).all()
    counts: dict[int, int] = {}
    for other_offering, _person in rows:
        counts[other_offering] = counts.get(other_offering, 0) + 1
    return counts
