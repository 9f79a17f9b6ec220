"""The attendance grid of one offering: trainees × sessions, read and written cell by cell.

The same API serves the live grid and the re-entry of ticks from the paper sign-in sheet.
A present trainee earns the session's hours, a late one the hours less the minutes late, an
absent or excused one nothing; the attendance percentage is attended hours over the
offering's total hours (what the course's pass rule compares with its minimum).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, case, select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import Attendance, CourseSession, Enrolment, Offering, Person
from shahrtrain_desktop.models.enums import AttendanceStatus, EnrolmentStatus, OfferingStatus
from shahrtrain_desktop.persian import InvalidField, format_jalali_display, to_persian_digits
from shahrtrain_desktop.services.permissions import Permission, require

MAX_MINUTES_LATE = 600
RECORDABLE = (OfferingStatus.RUNNING, OfferingStatus.FINISHED)

NO_SUCH_OFFERING = "این دوره پیدا نشد."
NOT_RECORDABLE = "حضور و غیاب فقط برای دورهٔ در حال برگزاری یا پایان‌یافته ثبت می‌شود."
FUTURE_SESSION = "جلسهٔ {number} ({date}) هنوز برگزار نشده است؛ حضور آن را نمی‌توان ثبت کرد."
WITHDRAWN = "{name} از دوره انصراف داده است؛ حضور او ثبت نمی‌شود."
NOT_ENROLLED = "این فراگیر در این دوره ثبت‌نام قطعی ندارد."
UNKNOWN_SESSION = "این جلسه از جلسات این دوره نیست."
BAD_MINUTES = f"دقیقهٔ تأخیر باید عددی بین ۱ و {to_persian_digits(MAX_MINUTES_LATE)} باشد."


@dataclass(frozen=True)
class Mark:
    """One cell to write; ``status=None`` clears it."""

    enrolment_id: int
    session_id: int
    status: AttendanceStatus | None
    minutes_late: int = 0


@dataclass(frozen=True)
class SessionColumn:
    id: int
    number: int
    date: date
    hours: float
    held: bool  # on or before today: attendance may be recorded


@dataclass
class TraineeRow:
    enrolment_id: int
    name: str
    national_code: str
    withdrawn: bool
    marks: dict[int, tuple[AttendanceStatus, int]] = field(default_factory=dict)
    attended_hours: float = 0.0
    attendance_pct: float = 0.0


@dataclass
class Grid:
    offering_id: int
    total_hours: float
    sessions: list[SessionColumn]
    rows: list[TraineeRow]

    def recompute(self) -> None:
        """Hours and percentages from the marks (also used by the UI after each edit)."""
        hours = {s.id: s.hours for s in self.sessions}
        for row in self.rows:
            row.attended_hours = attended_hours(row.marks.items(), hours)
            row.attendance_pct = percent(row.attended_hours, self.total_hours)


def credited_hours(status: AttendanceStatus, minutes_late: int, session_hours: float) -> float:
    """Hours one tick earns: the whole session if present, less the minutes late if late."""
    if status == AttendanceStatus.PRESENT:
        return session_hours
    if status == AttendanceStatus.LATE:
        return max(0.0, session_hours - minutes_late / 60)
    return 0.0


def credited_hours_sql() -> ColumnElement[float]:
    """``credited_hours`` as SQL over Attendance joined to CourseSession: every report that
    counts person-hours from the grid sums this, so all of them agree."""
    late_hours = CourseSession.hours - Attendance.minutes_late / 60.0
    return case(
        (Attendance.status == AttendanceStatus.PRESENT, CourseSession.hours),
        (
            Attendance.status == AttendanceStatus.LATE,
            case((late_hours > 0, late_hours), else_=0.0),
        ),
        else_=0.0,
    )


def attended_hours(
    marks: Iterable[tuple[int, tuple[AttendanceStatus, int]]], hours: dict[int, float]
) -> float:
    total = sum(
        credited_hours(status, minutes, hours.get(session_id, 0.0))
        for session_id, (status, minutes) in marks
    )
    return round(total, 2)


def percent(part: float, whole: float) -> float:
    return round(100 * part / whole, 1) if whole else 0.0


def _offering(session: Session, offering_id: int) -> Offering:
    offering = session.get(Offering, offering_id)
    if offering is None:
        raise InvalidField("offering", NO_SUCH_OFFERING)
    return offering


def load_grid(session: Session, offering_id: int, today: date | None = None) -> Grid:
    """Everyone enrolled or withdrawn (waiting-list people are not trainees), by last name."""
    offering = _offering(session, offering_id)
    day = today or date.today()
    columns = [
        SessionColumn(s.id, s.number, s.date, s.hours, s.date <= day) for s in offering.sessions
    ]
    people = session.execute(
        select(Enrolment.id, Enrolment.status, Person.first_name, Person.last_name)
        .add_columns(Person.national_code)
        .join(Person, Person.id == Enrolment.person_id)
        .where(
            Enrolment.offering_id == offering_id,
            Enrolment.status != EnrolmentStatus.WAITING,
        )
        .order_by(Person.last_name, Person.first_name, Enrolment.id)
    ).all()
    rows = {
        r.id: TraineeRow(
            r.id,
            f"{r.first_name} {r.last_name}",
            r.national_code,
            r.status == EnrolmentStatus.WITHDRAWN,
        )
        for r in people
    }
    ticks = session.execute(
        select(
            Attendance.enrolment_id,
            Attendance.session_id,
            Attendance.status,
            Attendance.minutes_late,
        )
        .join(CourseSession, CourseSession.id == Attendance.session_id)
        .where(CourseSession.offering_id == offering_id)
    )
    for enrolment_id, session_id, status, minutes in ticks:
        if enrolment_id in rows:
            rows[enrolment_id].marks[session_id] = (AttendanceStatus(status), minutes or 0)
    total = sum(s.hours for s in offering.sessions)
    grid = Grid(offering_id, total, columns, list(rows.values()))
    grid.recompute()
    return grid


def _check(
    offering: Offering,
    sessions: dict[int, CourseSession],
    enrolments: dict[int, Enrolment],
    mark: Mark,
    day: date,
) -> None:
    course_session = sessions.get(mark.session_id)
    if course_session is None:
        raise InvalidField("session", UNKNOWN_SESSION)
    if mark.status is not None and course_session.date > day:
        raise InvalidField(
            "session",
            FUTURE_SESSION.format(
                number=to_persian_digits(course_session.number),
                date=format_jalali_display(course_session.date),
            ),
        )
    enrolment = enrolments.get(mark.enrolment_id)
    if enrolment is None or enrolment.offering_id != offering.id:
        raise InvalidField("enrolment", NOT_ENROLLED)
    if enrolment.status == EnrolmentStatus.WITHDRAWN:
        raise InvalidField("enrolment", WITHDRAWN.format(name=enrolment.person.full_name))
    if enrolment.status != EnrolmentStatus.ENROLLED:
        raise InvalidField("enrolment", NOT_ENROLLED)
    if mark.status == AttendanceStatus.LATE and not 1 <= mark.minutes_late <= MAX_MINUTES_LATE:
        raise InvalidField("minutes_late", BAD_MINUTES)


def record_marks(
    session: Session, offering_id: int, marks: Iterable[Mark], today: date | None = None
) -> dict[int, float]:
    """Write cells (all or none); returns the updated attended hours per enrolment touched.

    Refuses sessions after ``today``, withdrawn or waiting trainees, and offerings that are not
    running or finished. ``Enrolment.attended_hours`` is kept up to date.
    """
    grant = require(session, Permission.RECORD_ATTENDANCE)
    offering = _offering(session, offering_id)
    if offering.status not in RECORDABLE:
        raise InvalidField("offering", NOT_RECORDABLE)
    marks = list(marks)
    day = today or date.today()
    sessions = {s.id: s for s in offering.sessions}
    wanted = {m.enrolment_id for m in marks}
    enrolments = {
        e.id: e for e in session.scalars(select(Enrolment).where(Enrolment.id.in_(wanted)))
    }
    for mark in marks:
        _check(offering, sessions, enrolments, mark, day)
    existing = {
        (a.enrolment_id, a.session_id): a
        for a in session.scalars(
            select(Attendance).where(
                Attendance.enrolment_id.in_(wanted),
                Attendance.session_id.in_(list(sessions)),
            )
        )
    }
    for mark in marks:
        key = (mark.enrolment_id, mark.session_id)
        tick = existing.get(key)
        minutes = mark.minutes_late if mark.status == AttendanceStatus.LATE else 0
        if mark.status is None:
            if tick is not None:
                session.delete(tick)
                del existing[key]
        elif tick is None:
            existing[key] = tick = Attendance(
                session_id=mark.session_id,
                enrolment_id=mark.enrolment_id,
                status=mark.status,
                minutes_late=minutes,
                recorded_by_id=grant.user_id,
            )
            session.add(tick)
        elif (tick.status, tick.minutes_late) != (mark.status, minutes):
            tick.status, tick.minutes_late = mark.status, minutes
            tick.recorded_by_id = grant.user_id
    session.flush()
    return update_attended_hours(session, offering, wanted)


def update_attended_hours(
    session: Session, offering: Offering, enrolment_ids: Iterable[int] | None = None
) -> dict[int, float]:
    """Recompute ``Enrolment.attended_hours`` from the ticks (all enrolled when ids is None)."""
    hours = {s.id: s.hours for s in offering.sessions}
    query = select(Enrolment).where(
        Enrolment.offering_id == offering.id, Enrolment.status == EnrolmentStatus.ENROLLED
    )
    if enrolment_ids is not None:
        query = query.where(Enrolment.id.in_(list(enrolment_ids)))
    enrolments = list(session.scalars(query))
    marks: dict[int, list[tuple[int, tuple[AttendanceStatus, int]]]] = {
        e.id: [] for e in enrolments
    }
    for enrolment_id, session_id, status, minutes in session.execute(
        select(
            Attendance.enrolment_id,
            Attendance.session_id,
            Attendance.status,
            Attendance.minutes_late,
        ).where(Attendance.enrolment_id.in_(list(marks)))
    ):
        marks[enrolment_id].append((session_id, (AttendanceStatus(status), minutes or 0)))
    result = {}
    for enrolment in enrolments:
        value = attended_hours(marks[enrolment.id], hours)
        if enrolment.attended_hours != value:
            enrolment.attended_hours = value
        result[enrolment.id] = value
    session.flush()
    return result


def mark_all_present(
    session: Session, offering_id: int, session_id: int, today: date | None = None
) -> int:
    """Fill the blank cells of one session with «present» (marks already made are kept);
    returns how many cells were filled."""
    grid = load_grid(session, offering_id, today)
    marks = [
        Mark(row.enrolment_id, session_id, AttendanceStatus.PRESENT)
        for row in grid.rows
        if not row.withdrawn and session_id not in row.marks
    ]
    if marks:
        record_marks(session, offering_id, marks, today)
    return len(marks)
