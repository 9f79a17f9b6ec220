"""What the enrol dialog lists: offerings taking enrolments, and an offering's roster."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import Course, Enrolment, Offering, OrgUnit, Person
from shahrtrain_desktop.models.enums import EnrolmentStatus, OfferingStatus, PersonCategory
from shahrtrain_desktop.services.enrolment import ACTIVE, OPEN_FOR_ENROLMENT


@dataclass(frozen=True)
class RosterLine:
    enrolment_id: int
    person_id: int
    national_code: str
    full_name: str
    father_name: str
    category: PersonCategory
    org_unit: str
    status: EnrolmentStatus
    waiting_position: int | None
    override_reason: str


def roster(session: Session, offering_id: int, include_withdrawn: bool = True) -> list[RosterLine]:
    """An offering's people: enrolled by name, then the waiting list in order, then withdrawn."""
    query = (
        select(Enrolment, Person, OrgUnit.name)
        .join(Person, Person.id == Enrolment.person_id)
        .outerjoin(OrgUnit, OrgUnit.id == Person.org_unit_id)
        .where(Enrolment.offering_id == offering_id)
    )
    if not include_withdrawn:
        query = query.where(Enrolment.status.in_(ACTIVE))
    order = {EnrolmentStatus.ENROLLED: 0, EnrolmentStatus.WAITING: 1, EnrolmentStatus.WITHDRAWN: 2}
    lines = [
        RosterLine(
            e.id,
            p.id,
            p.national_code,
            p.full_name,
            p.father_name or "",
            p.category,
            unit or "",
            e.status,
            e.waiting_position,
            e.eligibility_override_reason or "",
        )
        for e, p, unit in session.execute(query)
    ]
    lines.sort(key=lambda r: (order[r.status], r.waiting_position or 0, r.full_name))
    return lines


@dataclass(frozen=True)
class OfferingChoice:
    id: int
    code: str
    title: str
    start_date: date
    enrolled: int
    capacity: int
    status: OfferingStatus


def open_offerings(session: Session) -> list[OfferingChoice]:
    """Offerings that take enrolments, soonest first, with their head count."""
    enrolled = (
        select(func.count())
        .where(Enrolment.offering_id == Offering.id, Enrolment.status == EnrolmentStatus.ENROLLED)
        .scalar_subquery()
    )
    query = (
        select(Offering, Course.title, enrolled)
        .join(Course, Course.id == Offering.course_id)
        .where(Offering.status.in_(OPEN_FOR_ENROLMENT))
        .order_by(Offering.start_date, Offering.code)
    )
    return [
        OfferingChoice(o.id, o.code, title, o.start_date, count or 0, o.capacity, o.status)
        for o, title, count in session.execute(query)
    ]
