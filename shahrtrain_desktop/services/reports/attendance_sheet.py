"""The sign-in sheet of one offering: the paper fallback of the attendance grid.

One row per enrolled trainee (by last name, as in the grid, so ticks can be typed back in row
by row), one signature box per session headed by its number and Jalali date. Sessions are
printed in groups that fit the landscape page width; each group starts on its own table.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from shahrtrain_desktop.models import Offering
from shahrtrain_desktop.pdf.report import Column, ReportDocument
from shahrtrain_desktop.pdf.rtl import embed_ltr, rtl_date
from shahrtrain_desktop.persian import InvalidField, format_jalali, to_persian_digits
from shahrtrain_desktop.persian.jalali import today_jalali_text
from shahrtrain_desktop.services import settings
from shahrtrain_desktop.services.attendance import load_grid
from shahrtrain_desktop.services.labels import label

SESSIONS_PER_TABLE = 6
TITLE = "فهرست حضور و غیاب (امضای فراگیران)"
NO_SUCH_OFFERING = "این دوره پیدا نشد."


@dataclass(frozen=True)
class SheetSession:
    number: int
    date: str  # Jalali, Persian digits


@dataclass(frozen=True)
class Sheet:
    office: str
    offering_code: str
    course_title: str
    dates: str
    venue: str
    instructors: str
    sessions: list[SheetSession]
    trainees: list[tuple[str, str]]  # (name, national code)


def prepare_sheet(session: Session, offering_id: int) -> Sheet:
    """Everything the sheet prints, read in one go (pure data; no PDF yet)."""
    offering = session.get(Offering, offering_id)
    if offering is None:
        raise InvalidField("offering", NO_SUCH_OFFERING)
    grid = load_grid(session, offering_id)
    teachers = "، ".join(oi.instructor.full_name for oi in offering.instructors)
    venue = offering.venue.name if offering.venue else label(offering.mode)
    return Sheet(
        office=str(settings.get_setting(session, settings.OFFICE_NAME)),
        offering_code=offering.code,
        course_title=offering.course.title,
        dates=f"{format_jalali(offering.start_date)} تا {format_jalali(offering.end_date)}",
        venue=venue,
        instructors=teachers,
        sessions=[SheetSession(s.number, format_jalali(s.date)) for s in grid.sessions],
        trainees=[(r.name, r.national_code) for r in grid.rows if not r.withdrawn],
    )


def render_sheet(sheet: Sheet, path: Path) -> Path:
    doc = ReportDocument(
        path,
        TITLE,
        sheet.office,
        subtitle=f"{sheet.course_title} — کد دوره {embed_ltr(sheet.offering_code)}",
        printed_on=today_jalali_text(),
        wide=True,
    )
    try:
        doc.figures(
            [
                ("تاریخ برگزاری", rtl_date(sheet.dates)),
                ("محل برگزاری", sheet.venue or "—"),
                ("مدرس", sheet.instructors or "—"),
                ("تعداد فراگیران", to_persian_digits(len(sheet.trainees))),
            ]
        )
        groups = [
            sheet.sessions[i : i + SESSIONS_PER_TABLE]
            for i in range(0, len(sheet.sessions), SESSIONS_PER_TABLE)
        ] or [[]]
        for group in groups:
            if len(groups) > 1:
                first, last = group[0].number, group[-1].number
                doc.heading(f"جلسه‌های {to_persian_digits(first)} تا {to_persian_digits(last)}")
            columns = [
                Column("ردیف", 0.7, "center"),
                Column("نام و نام خانوادگی", 2.6),
                Column("کد ملی", 1.4, "center"),
                *(
                    Column(f"جلسهٔ {to_persian_digits(s.number)} {s.date}", 1.5, date=True)
                    for s in group
                ),
            ]
            rows = [
                (to_persian_digits(i), name, to_persian_digits(code), *([""] * len(group)))
                for i, (name, code) in enumerate(sheet.trainees, 1)
            ]
            doc.table(columns, rows, size=11)
        doc.paragraph(
            "نام و امضای مدرس: ………………………………      نام و امضای کارشناس آموزش: ………………………………",
            size=9.5,
        )
        return doc.save()
    except BaseException:
        doc.discard()
        raise


def write_attendance_sheet(session: Session, offering_id: int, path: Path) -> Path:
    return render_sheet(prepare_sheet(session, offering_id), path)
