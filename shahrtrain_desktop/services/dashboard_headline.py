"""The supervision tab's headline strip: the year in person-hours, trainees, offerings held and
certificates issued, counted as the dashboard counts them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, and_, distinct, func, or_, select

from shahrtrain_desktop.models import Certificate, Enrolment, Offering
from shahrtrain_desktop.models.enums import CertificateStatus, OfferingStatus
from shahrtrain_desktop.persian import jalali_year_range, to_persian_digits
from shahrtrain_desktop.services.dashboard_period import Period, enrolment_hours, trainee_rows
from shahrtrain_desktop.services.listings.stages import ENROLLED

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
    # The dashboard's own definition, so the strip and the dashboard never disagree.
    person_hours = conn.scalar(
        trainee_rows(Period.of_year(year)).with_only_columns(
            func.coalesce(func.sum(enrolment_hours()), 0.0)
        )
    )
    trainees = conn.scalar(
        select(func.count(distinct(Enrolment.person_id)))
        .join(Offering, Offering.id == Enrolment.offering_id)
        .where(in_year, ENROLLED)
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
