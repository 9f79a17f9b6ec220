"""The outcome report of one offering (Kirkpatrick levels 1 and 2, with level 3 follow-ups).

``prepare_outcome`` computes the figures (pure data, tested without a PDF): enrolled, attended,
passed, attendance and pass rates, mean pre/post scores and the gain, satisfaction per
questionnaire item and overall, and each instructor's rating. ``render_outcome`` lays them out
with ``ReportDocument``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from statistics import fmean

from reportlab.lib.units import mm
from sqlalchemy import select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import EvaluationAnswer, EvaluationItem, Instructor, Offering
from shahrtrain_desktop.models.enums import EvaluationTarget, OutcomeResult
from shahrtrain_desktop.pdf.report import Column, ReportDocument
from shahrtrain_desktop.pdf.rtl import embed_ltr, rtl_date
from shahrtrain_desktop.persian import InvalidField, format_jalali, to_persian_digits
from shahrtrain_desktop.persian.jalali import today_jalali_text
from shahrtrain_desktop.services import settings
from shahrtrain_desktop.services.follow_ups import follow_up_rows
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.outcomes import OutcomeRow, outcome_rows
from shahrtrain_desktop.services.questionnaire import LIKERT

TITLE = "گزارش بروندادهای دورهٔ آموزشی"
NO_SUCH_OFFERING = "این دوره پیدا نشد."
DASH = "—"
CHART_HEIGHT = 55 * mm


@dataclass(frozen=True)
class ItemScore:
    text: str
    mean: float
    answers: int


@dataclass(frozen=True)
class OutcomeSummary:
    office: str
    offering_code: str
    course_title: str
    dates: str
    status: str
    total_hours: float
    enrolled: int
    attended: int
    passed: int
    attendance_rate: float | None
    pass_rate: float | None
    mean_pre: float | None
    mean_post: float | None
    satisfaction: list[ItemScore]
    overall_satisfaction: float | None
    instructors: list[ItemScore]  # text = instructor's name
    trainees: list[OutcomeRow]
    follow_ups_recorded: int
    follow_ups_total: int
    mean_follow_up: float | None

    @property
    def gain(self) -> float | None:
        if self.mean_pre is None or self.mean_post is None:
            return None
        return self.mean_post - self.mean_pre


def _mean(values: list[float]) -> float | None:
    return fmean(values) if values else None


def _answers(session: Session, enrolment_ids: list[int]) -> list[tuple[int, str, str, int, str]]:
    """(item id, item text, target, value, instructor name) for the offering's trainees."""
    rows = session.execute(
        select(
            EvaluationItem.id,
            EvaluationItem.text,
            EvaluationItem.target,
            EvaluationAnswer.value,
            Instructor.first_name,
            Instructor.last_name,
        )
        .join(EvaluationItem, EvaluationItem.id == EvaluationAnswer.item_id)
        .outerjoin(Instructor, Instructor.id == EvaluationAnswer.instructor_id)
        .where(EvaluationAnswer.enrolment_id.in_(enrolment_ids))
        .order_by(EvaluationItem.sort_order, EvaluationItem.id)
    )
    return [(r[0], r[1], r[2], r[3], f"{r[4]} {r[5]}" if r[4] is not None else "") for r in rows]


def prepare_outcome(session: Session, offering_id: int) -> OutcomeSummary:
    offering = session.get(Offering, offering_id)
    if offering is None:
        raise InvalidField("offering", NO_SUCH_OFFERING)
    trainees = outcome_rows(session, offering_id)
    total_hours = sum(s.hours for s in offering.sessions)
    enrolled = len(trainees)
    per_item: dict[int, list[int]] = defaultdict(list)
    item_text: dict[int, str] = {}
    per_teacher: dict[str, list[int]] = defaultdict(list)
    for item_id, text, target, value, teacher in _answers(
        session, [t.enrolment_id for t in trainees]
    ):
        per_item[item_id].append(value)
        item_text[item_id] = text
        if EvaluationTarget(target) == EvaluationTarget.INSTRUCTOR and teacher:
            per_teacher[teacher].append(value)
    satisfaction = [
        ItemScore(item_text[i], fmean(values), len(values)) for i, values in per_item.items()
    ]
    every_answer = [v for values in per_item.values() for v in values]
    follow_ups = follow_up_rows(session, offering_id)
    ratings = [f.rating for f in follow_ups if f.rating is not None]
    hours_given = sum(t.attended_hours for t in trainees)
    passed = sum(1 for t in trainees if t.result == OutcomeResult.PASSED)
    return OutcomeSummary(
        office=str(settings.get_setting(session, settings.OFFICE_NAME)),
        offering_code=offering.code,
        course_title=offering.course.title,
        dates=f"{format_jalali(offering.start_date)} تا {format_jalali(offering.end_date)}",
        status=label(offering.status),
        total_hours=total_hours,
        enrolled=enrolled,
        attended=sum(1 for t in trainees if t.attended_hours > 0),
        passed=passed,
        attendance_rate=(
            100 * hours_given / (enrolled * total_hours) if enrolled and total_hours else None
        ),
        pass_rate=100 * passed / enrolled if enrolled else None,
        mean_pre=_mean([t.pre for t in trainees if t.pre is not None]),
        mean_post=_mean([t.post for t in trainees if t.post is not None]),
        satisfaction=satisfaction,
        overall_satisfaction=_mean([float(v) for v in every_answer]),
        instructors=[
            ItemScore(name, fmean(values), len(values)) for name, values in per_teacher.items()
        ],
        trainees=trainees,
        follow_ups_recorded=len(ratings),
        follow_ups_total=len(follow_ups),
        mean_follow_up=_mean([float(r) for r in ratings]),
    )


def _n(value: float | None, decimals: int = 1) -> str:
    return DASH if value is None else to_persian_digits(round(value, decimals), decimals=decimals)


def _pct(value: float | None) -> str:
    return DASH if value is None else f"{_n(value)}٪"


def render_outcome(summary: OutcomeSummary, path: Path) -> Path:
    s = summary
    doc = ReportDocument(
        path,
        TITLE,
        s.office,
        subtitle=f"{s.course_title} — کد دوره {embed_ltr(s.offering_code)}",
        printed_on=today_jalali_text(),
    )
    try:
        doc.paragraph(
            f"تاریخ برگزاری: {rtl_date(s.dates)} — مدت: {_n(s.total_hours)} ساعت — "
            f"وضعیت: {s.status}"
        )
        doc.heading("حضور و نتیجه")
        doc.figures(
            [
                ("ثبت‌نام‌شده", to_persian_digits(s.enrolled)),
                ("حاضرشده", to_persian_digits(s.attended)),
                ("قبول‌شده", to_persian_digits(s.passed)),
                ("نرخ حضور", _pct(s.attendance_rate)),
                ("نرخ قبولی", _pct(s.pass_rate)),
            ]
        )
        doc.heading("یادگیری (سطح دوم)")
        doc.figures(
            [
                ("میانگین پیش‌آزمون", _n(s.mean_pre, 2)),
                ("میانگین پس‌آزمون", _n(s.mean_post, 2)),
                ("افزایش نمره", _n(s.gain, 2)),
            ]
        )
        doc.heading("واکنش فراگیران (سطح اول) — از ۵")
        doc.figures(
            [
                ("رضایت کلی", _n(s.overall_satisfaction, 2)),
                *((f"مدرس: {t.text}", _n(t.mean, 2)) for t in s.instructors[:3]),
            ]
        )
        if s.satisfaction:
            doc.table(
                [
                    Column("ردیف", 0.7, "center"),
                    Column("پرسش", 6),
                    Column("میانگین", 1, "center"),
                    Column("پاسخ‌ها", 1, "center"),
                ],
                [
                    (
                        to_persian_digits(i),
                        item.text,
                        _n(item.mean, 2),
                        to_persian_digits(item.answers),
                    )
                    for i, item in enumerate(s.satisfaction, 1)
                ],
            )
            doc.ensure_room(CHART_HEIGHT + 16 * mm)  # the heading stays with its chart
            doc.heading("میانگین پاسخ هر پرسش (از ۵)")
            doc.bar_chart(
                [f"پرسش {to_persian_digits(i)}" for i in range(1, len(s.satisfaction) + 1)],
                [round(item.mean, 2) for item in s.satisfaction],
                height=CHART_HEIGHT,
                value_max=LIKERT[-1],
            )
        else:
            doc.paragraph("هنوز پرسش‌نامه‌ای برای این دوره ثبت نشده است.")
        if s.follow_ups_total:
            doc.paragraph(
                f"پیگیری اثربخشی (سطح سوم): {to_persian_digits(s.follow_ups_recorded)} از "
                f"{to_persian_digits(s.follow_ups_total)} ثبت شده؛ میانگین امتیاز "
                f"{_n(s.mean_follow_up, 2)} از ۵."
            )
        doc.heading("نتیجهٔ فراگیران")
        doc.table(
            [
                Column("ردیف", 0.7, "center"),
                Column("نام و نام خانوادگی", 2.2),
                Column("کد ملی", 1.4, "center"),
                Column("ساعت حضور", 0.9, "center"),
                Column("پیش‌آزمون", 1.2, "center"),
                Column("پس‌آزمون", 1.2, "center"),
                Column("نمرهٔ نهایی", 1.2, "center"),
                Column("نتیجه", 0.8, "center"),
                Column("دلیل", 2.6),
            ],
            [
                (
                    to_persian_digits(i),
                    t.name,
                    to_persian_digits(t.national_code),
                    _n(t.attended_hours),
                    _n(t.pre, 2),
                    _n(t.post, 2),
                    _n(t.final, 2),
                    label(t.result) or DASH,
                    _reason(t),
                )
                for i, t in enumerate(s.trainees, 1)
            ],
            size=8,
        )
        return doc.save()
    except BaseException:
        doc.discard()
        raise


def _reason(row: OutcomeRow) -> str:
    if row.override_reason:
        return f"{row.reason} (تغییر نتیجه: {row.override_reason})".strip()
    return row.reason if row.result == OutcomeResult.FAILED else ""


def write_outcome_report(session: Session, offering_id: int, path: Path) -> Path:
    return render_outcome(prepare_outcome(session, offering_id), path)
