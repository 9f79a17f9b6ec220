"""``report offerings``: a Jalali year's offerings, as a table for people or ids for scripts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import Course, Enrolment, Offering
from shahrtrain_desktop.models.enums import EnrolmentStatus, OfferingStatus
from shahrtrain_desktop.persian import format_jalali, to_persian_digits
from shahrtrain_desktop.services.labels import label

HEADERS = ("شناسه", "کد دوره", "وضعیت", "شروع", "پایان", "فراگیران", "عنوان دوره")


@dataclass(frozen=True)
class OfferingLine:
    id: int
    code: str
    status: OfferingStatus
    start: date
    end: date
    enrolled: int
    title: str


def list_offerings(
    session: Session, year: int, status: OfferingStatus | None = None
) -> list[OfferingLine]:
    """Offerings whose Jalali year is ``year`` (the year of their start), by start date."""
    enrolled = (
        select(func.count())
        .where(Enrolment.offering_id == Offering.id, Enrolment.status == EnrolmentStatus.ENROLLED)
        .scalar_subquery()
    )
    query = (
        select(Offering, Course.title, enrolled)
        .join(Course, Course.id == Offering.course_id)
        .where(Offering.year == year)
        .order_by(Offering.start_date, Offering.code)
    )
    if status is not None:
        query = query.where(Offering.status == status)
    return [
        OfferingLine(o.id, o.code, o.status, o.start_date, o.end_date, count, title)
        for o, title, count in session.execute(query)
    ]


def format_ids(lines: list[OfferingLine]) -> str:
    return "".join(f"{line.id}\n" for line in lines)


def format_table(lines: list[OfferingLine]) -> str:
    """Tab-separated (a terminal or a spreadsheet paste keeps the columns); ids and codes stay
    ASCII for scripts, dates are Jalali with Persian digits."""
    rows = ["\t".join(HEADERS)]
    for line in lines:
        rows.append(
            "\t".join(
                (
                    str(line.id),
                    line.code,
                    label(line.status),
                    format_jalali(line.start),
                    format_jalali(line.end),
                    to_persian_digits(line.enrolled),
                    line.title,
                )
            )
        )
    rows.append(f"تعداد: {to_persian_digits(len(lines))}")
    return "\n".join(rows) + "\n"
