"""A person's whole training record: every enrolment with its result and certificate."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import Certificate, Course, Enrolment, Offering
from shahrtrain_desktop.models.enums import CertificateStatus, EnrolmentStatus, OutcomeResult


@dataclass(frozen=True)
class RecordLine:
    enrolment_id: int
    offering_code: str
    course_title: str
    start_date: date
    end_date: date
    hours: float
    status: EnrolmentStatus
    attended_hours: float | None
    final_score: float | None
    result: OutcomeResult | None
    certificate_number: str | None
    certificate_status: CertificateStatus | None


def training_record(session: Session, person_id: int) -> list[RecordLine]:
    """Newest first; a replaced certificate shows its latest issue."""
    query = (
        select(Enrolment, Offering, Course)
        .join(Offering, Offering.id == Enrolment.offering_id)
        .join(Course, Course.id == Offering.course_id)
        .where(Enrolment.person_id == person_id)
        .order_by(Offering.start_date.desc(), Enrolment.id.desc())
    )
    rows = list(session.execute(query))
    ids = [e.id for e, _o, _c in rows]
    certificates: dict[int, Certificate] = {}
    if ids:
        for issued in session.scalars(
            select(Certificate).where(Certificate.enrolment_id.in_(ids)).order_by(Certificate.id)
        ):
            certificates[issued.enrolment_id] = issued
    lines = []
    for enrolment, offering, course in rows:
        certificate = certificates.get(enrolment.id)
        lines.append(
            RecordLine(
                enrolment.id,
                offering.code,
                course.title,
                offering.start_date,
                offering.end_date,
                course.total_hours,
                enrolment.status,
                enrolment.attended_hours,
                enrolment.final_score,
                enrolment.result,
                certificate.number if certificate else None,
                certificate.status if certificate else None,
            )
        )
    return lines
