"""A person's training record (سوابق آموزشی): who they are, every course they enrolled in with
hours, score, result and certificate, and their hours per Jalali year against the minimum.
``report person NATIONAL_CODE --out F.pdf``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import Person
from shahrtrain_desktop.models.enums import CertificateStatus, EnrolmentStatus, OutcomeResult
from shahrtrain_desktop.pdf.report import Column, ReportDocument
from shahrtrain_desktop.pdf.rtl import embed_ltr
from shahrtrain_desktop.persian import (
    TEHRAN,
    InvalidField,
    format_jalali,
    jalali_year_of,
    to_persian_digits,
    validate_national_code,
)
from shahrtrain_desktop.services import settings
from shahrtrain_desktop.services.dashboard_period import MANAGERS
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.person_record import RecordLine, training_record

TITLE = "سوابق آموزشی"
COURSE_HEADERS = (
    "کد دوره",
    "عنوان دوره",
    "آغاز",
    "پایان",
    "ساعت حضور",
    "نمرهٔ نهایی",
    "نتیجه",
    "شمارهٔ گواهی‌نامه",
)
YEAR_HEADERS = ("سال", "دوره‌ها", "ساعت آموزش", "حداقل سالانه", "وضعیت")


@dataclass(frozen=True)
class PersonRecord:
    person: Person
    lines: list[RecordLine]  # the record the person window shows, newest first
    minimum_hours: float

    def hours_by_year(self) -> dict[int, tuple[int, float]]:
        years: dict[int, tuple[int, float]] = {}
        for line in self.lines:
            if line.status != EnrolmentStatus.ENROLLED:
                continue
            year = jalali_year_of(line.start_date)
            count, hours = years.get(year, (0, 0.0))
            years[year] = (count + 1, hours + (line.attended_hours or 0))
        return dict(sorted(years.items(), reverse=True))


def person_record(session: Session, national_code: str) -> PersonRecord:
    code = validate_national_code(national_code)
    person = session.scalars(select(Person).where(Person.national_code == code)).one_or_none()
    if person is None:
        raise InvalidField(
            "national_code", f"فردی با کد ملی {to_persian_digits(code)} ثبت نشده است."
        )
    key = settings.MIN_HOURS_MANAGERS if person.category in MANAGERS else settings.MIN_HOURS_STAFF
    minimum = float(settings.get_setting(session, key) or 0)
    return PersonRecord(person, training_record(session, person.id), minimum)


def _n(value: float | None, decimals: int = 1) -> str:
    return "—" if value is None else to_persian_digits(value, grouping=True, decimals=decimals)


def write_person_record(session: Session, national_code: str, path: Path) -> PersonRecord:
    if path.suffix.lower() != ".pdf":
        raise InvalidField("out", "پروندهٔ خروجی باید ‎.pdf‎ باشد.")
    record = person_record(session, national_code)
    p = record.person
    doc = ReportDocument(
        path,
        f"{TITLE} — {p.full_name}",
        settings.get_setting(session, settings.OFFICE_NAME),
        subtitle=f"کد ملی {to_persian_digits(p.national_code)}",
        printed_on=format_jalali(datetime.now(TEHRAN).date()),
    )
    try:
        unit = p.org_unit.name if p.org_unit else "—"
        doc.figures(
            [
                ("گروه هدف", label(p.category)),
                ("واحد سازمانی", unit),
                ("نام پدر", p.father_name or "—"),
                ("سمت", p.post or "—"),
            ]
        )
        enrolled = [line for line in record.lines if line.status == EnrolmentStatus.ENROLLED]
        doc.figures(
            [
                ("دوره‌ها", _n(len(enrolled), 0)),
                ("مجموع ساعت آموزش", _n(sum(line.attended_hours or 0 for line in enrolled))),
                ("قبول", _n(sum(line.result == OutcomeResult.PASSED for line in enrolled), 0)),
                ("گواهی‌نامه‌ها", _n(sum(_issued(line) is not None for line in enrolled), 0)),
            ]
        )
        doc.heading("ساعت آموزش در هر سال")
        year_rows = []
        for year, (count, hours) in record.hours_by_year().items():
            ok = hours >= record.minimum_hours
            year_rows.append(
                [
                    to_persian_digits(year),
                    _n(count, 0),
                    _n(hours),
                    _n(record.minimum_hours, 0),
                    "به حداقل رسیده" if ok else "کمتر از حداقل",
                ]
            )
        if year_rows:
            doc.table([Column(h, 1.0, align="center") for h in YEAR_HEADERS], year_rows)
        else:
            doc.paragraph("این فرد هنوز در دوره‌ای شرکت نکرده است.")
        doc.heading("دوره‌ها")
        if record.lines:
            doc.table(
                [
                    Column(COURSE_HEADERS[0], 1.5, align="center", code=True),
                    Column(COURSE_HEADERS[1], 3.6),
                    Column(COURSE_HEADERS[2], 1.2, align="center", date=True),
                    Column(COURSE_HEADERS[3], 1.2, align="center", date=True),
                    Column(COURSE_HEADERS[4], 0.9, align="center"),
                    Column(COURSE_HEADERS[5], 0.9, align="center"),
                    Column(COURSE_HEADERS[6], 1.1, align="center"),
                    Column(COURSE_HEADERS[7], 1.8, align="center", code=True),
                ],
                [_course_row(line) for line in record.lines],
            )
        doc.save()
    except BaseException:
        doc.discard()
        raise
    return record


def _issued(line: RecordLine) -> str | None:
    """The number of the enrolment's certificate if it stands issued (not revoked, not pending)."""
    return line.certificate_number if line.certificate_status == CertificateStatus.ISSUED else None


def _course_row(line: RecordLine) -> list[str]:
    if line.status != EnrolmentStatus.ENROLLED:
        result = label(line.status)
    else:
        result = label(line.result) or "در جریان"
    certificate = _issued(line)
    return [
        embed_ltr(to_persian_digits(line.offering_code)),
        line.course_title,
        format_jalali(line.start_date),
        format_jalali(line.end_date),
        _n(line.attended_hours),
        _n(line.final_score, 2),
        result,
        embed_ltr(to_persian_digits(certificate)) if certificate else "—",
    ]
