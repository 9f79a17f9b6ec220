"""Kirkpatrick level 3: a follow-up of each passer some months after the offering ends,
where a supervisor records what changed in their work."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import Course, Enrolment, FollowUp, Offering, Person
from shahrtrain_desktop.models.base import utcnow
from shahrtrain_desktop.models.enums import EnrolmentStatus, OutcomeResult
from shahrtrain_desktop.persian import InvalidField, normalize_multiline, normalize_text
from shahrtrain_desktop.services import settings
from shahrtrain_desktop.services.permissions import Permission, require

DAYS_PER_MONTH = 30
NO_SUCH_FOLLOW_UP = "این پیگیری پیدا نشد."
BAD_RATING = "امتیاز پیگیری باید عددی از ۱ تا ۵ باشد."
RESULT_REQUIRED = "نتیجهٔ پیگیری را بنویسید."


def due_date(session: Session, end: date) -> date:
    months = int(settings.get_setting(session, settings.FOLLOW_UP_MONTHS) or 3)
    return end + timedelta(days=DAYS_PER_MONTH * months)


def schedule_follow_ups(session: Session, offering_id: int) -> int:
    """One follow-up per passer of the offering (idempotent); returns how many were added."""
    offering = session.get(Offering, offering_id)
    if offering is None:
        return 0
    passers = session.scalars(
        select(Enrolment.id).where(
            Enrolment.offering_id == offering_id,
            Enrolment.status == EnrolmentStatus.ENROLLED,
            Enrolment.result == OutcomeResult.PASSED,
        )
    ).all()
    have = set(
        session.scalars(select(FollowUp.enrolment_id).where(FollowUp.enrolment_id.in_(passers)))
    )
    due = due_date(session, offering.end_date)
    added = [FollowUp(enrolment_id=e, due_date=due) for e in passers if e not in have]
    session.add_all(added)
    session.flush()
    return len(added)


@dataclass(frozen=True)
class FollowUpRow:
    id: int
    name: str
    national_code: str
    offering_code: str
    course_title: str
    due_date: date
    rating: int | None
    result: str
    method: str


def follow_up_rows(
    session: Session, offering_id: int | None = None, pending_only: bool = False
) -> list[FollowUpRow]:
    query = (
        select(FollowUp, Person, Offering.code, Course.title)
        .join(Enrolment, Enrolment.id == FollowUp.enrolment_id)
        .join(Person, Person.id == Enrolment.person_id)
        .join(Offering, Offering.id == Enrolment.offering_id)
        .join(Course, Course.id == Offering.course_id)
        .order_by(FollowUp.due_date, Person.last_name, FollowUp.id)
    )
    if offering_id is not None:
        query = query.where(Enrolment.offering_id == offering_id)
    if pending_only:
        query = query.where(FollowUp.recorded_at.is_(None))
    return [
        FollowUpRow(
            f.id,
            p.full_name,
            p.national_code,
            code,
            title,
            f.due_date,
            f.rating,
            f.result or "",
            f.method or "",
        )
        for f, p, code, title in session.execute(query)
    ]


def record_follow_up(
    session: Session, follow_up_id: int, rating: int, result: str, method: str = ""
) -> FollowUp:
    """The supervisor's finding: a 1–5 rating and what was observed."""
    grant = require(session, Permission.RECORD_SUPERVISION)
    follow_up = session.get(FollowUp, follow_up_id)
    if follow_up is None:
        raise InvalidField("follow_up", NO_SUCH_FOLLOW_UP)
    if isinstance(rating, bool) or rating not in (1, 2, 3, 4, 5):
        raise InvalidField("rating", BAD_RATING)
    text = normalize_multiline(result)
    if not text:
        raise InvalidField("result", RESULT_REQUIRED)
    follow_up.rating = rating
    follow_up.result = text
    follow_up.method = normalize_text(method)[:60] or None
    follow_up.recorded_by_id = grant.user_id
    follow_up.recorded_at = utcnow()
    session.flush()
    return follow_up
