"""An offering's life: draft → approved → open → running → finished → closed, with guards.

Each step is one function call that checks the acting user's permission, the guard of that
step (approvals, sessions, missing attendance or scores) and then moves the status. The ORM
change is audited automatically; an extra audit event names the transition so the trail reads
as «دوره از X به Y رفت» rather than a bare column change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import (
    Assessment,
    Attendance,
    Course,
    CourseSession,
    Enrolment,
    Offering,
)
from shahrtrain_desktop.models.enums import (
    AssessmentKind,
    AuditAction,
    EnrolmentStatus,
    OfferingStatus,
)
from shahrtrain_desktop.persian import format_jalali_display, normalize_multiline, to_persian_digits
from shahrtrain_desktop.services import follow_ups, outcomes, settings
from shahrtrain_desktop.services.audit import record
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.permissions import Permission, require

# The forward flow; each status may move only to the next one.
FLOW: tuple[OfferingStatus, ...] = (
    OfferingStatus.DRAFT,
    OfferingStatus.APPROVED,
    OfferingStatus.OPEN,
    OfferingStatus.RUNNING,
    OfferingStatus.FINISHED,
    OfferingStatus.CLOSED,
)

# Button/verb for each step, named by its target status.
STEP_LABELS: dict[OfferingStatus, str] = {
    OfferingStatus.APPROVED: "تصویب دوره",
    OfferingStatus.OPEN: "آغاز ثبت‌نام",
    OfferingStatus.RUNNING: "شروع برگزاری",
    OfferingStatus.FINISHED: "پایان برگزاری",
    OfferingStatus.CLOSED: "بستن پرونده",
}

NO_SUCH_OFFERING = "این دوره پیدا نشد."
NO_EXECUTIVE = "مصوبهٔ کمیتهٔ اجرایی آموزش استان (شماره و تاریخ) برای این دوره ثبت نشده است."
NO_STEERING = "تأیید کمیتهٔ راهبری سازمان شهرداری‌ها و دهیاری‌ها برای این دوره ثبت نشده است."
NO_SESSIONS = "برای این دوره هیچ جلسه‌ای تعریف نشده است."
NO_TRAINEES = "هیچ فراگیری در این دوره ثبت‌نام نکرده است."
SESSIONS_AHEAD = "آخرین جلسهٔ دوره ({date}) هنوز برگزار نشده است."
MISSING_ATTENDANCE = "حضور و غیاب {count} خانه از جدول حضور ثبت نشده است."
MISSING_SCORES = "نمرهٔ نهایی {count} فراگیر ثبت نشده است."
CLOSE_NOTE_HINT = "برای بستن با وجود این کمبودها، دلیل آن را در یادداشت بستن بنویسید."
NOT_NEXT = "دورهٔ «{status}» را نمی‌توان به «{target}» برد."


class TransitionRefused(Exception):
    """A guard said no; the message (Persian, one or more sentences) says why."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__(" ".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class Gaps:
    """What is still missing before an offering can be closed without a note."""

    attendance_cells: int
    final_scores: int

    @property
    def any(self) -> bool:
        return bool(self.attendance_cells or self.final_scores)

    def messages(self) -> list[str]:
        out = []
        if self.attendance_cells:
            out.append(MISSING_ATTENDANCE.format(count=to_persian_digits(self.attendance_cells)))
        if self.final_scores:
            out.append(MISSING_SCORES.format(count=to_persian_digits(self.final_scores)))
        return out


def next_status(status: OfferingStatus) -> OfferingStatus | None:
    if status not in FLOW or status == FLOW[-1]:
        return None
    return FLOW[FLOW.index(status) + 1]


def load_offering(session: Session, offering_id: int) -> Offering:
    offering = session.get(Offering, offering_id)
    if offering is None:
        raise TransitionRefused([NO_SUCH_OFFERING])
    return offering


def _enrolled_ids(session: Session, offering_id: int) -> list[int]:
    return list(
        session.scalars(
            select(Enrolment.id).where(
                Enrolment.offering_id == offering_id,
                Enrolment.status == EnrolmentStatus.ENROLLED,
            )
        )
    )


def closing_gaps(session: Session, offering: Offering) -> Gaps:
    """Blank attendance cells (enrolled trainees × sessions) and trainees with no final score."""
    enrolled = _enrolled_ids(session, offering.id)
    sessions = len(offering.sessions)
    ticks = (
        session.scalar(
            select(func.count())
            .select_from(Attendance)
            .join(CourseSession, CourseSession.id == Attendance.session_id)
            .where(CourseSession.offering_id == offering.id, Attendance.enrolment_id.in_(enrolled))
        )
        or 0
    )
    scored = (
        session.scalar(
            select(func.count(func.distinct(Assessment.enrolment_id))).where(
                Assessment.enrolment_id.in_(enrolled),
                Assessment.kind.in_([AssessmentKind.FINAL, AssessmentKind.POST_TEST]),
            )
        )
        or 0
    )
    return Gaps(len(enrolled) * sessions - ticks, len(enrolled) - scored)


def _approval_reasons(session: Session, offering: Offering, steering: bool) -> list[str]:
    reasons = []
    if settings.get_setting(session, settings.REQUIRE_EXECUTIVE_APPROVAL) and not (
        offering.executive_resolution_number and offering.executive_resolution_date
    ):
        reasons.append(NO_EXECUTIVE)
    if (
        steering
        and settings.get_setting(session, settings.REQUIRE_STEERING_APPROVAL)
        and not offering.steering_approved
    ):
        reasons.append(NO_STEERING)
    return reasons


def guard_reasons(
    session: Session,
    offering: Offering,
    target: OfferingStatus,
    today: date,
    close_note: str = "",
) -> list[str]:
    """Why ``offering`` cannot move to ``target`` now; empty when it can."""
    if next_status(offering.status) != target:
        return [NOT_NEXT.format(status=label(offering.status), target=label(target))]
    if target == OfferingStatus.APPROVED:
        return _approval_reasons(session, offering, steering=False)
    if target == OfferingStatus.RUNNING:
        reasons = _approval_reasons(session, offering, steering=True)
        if not offering.sessions:
            reasons.append(NO_SESSIONS)
        if not _enrolled_ids(session, offering.id):
            reasons.append(NO_TRAINEES)
        return reasons
    if target == OfferingStatus.FINISHED:
        last = max((s.date for s in offering.sessions), default=None)
        if last is not None and last > today:
            return [SESSIONS_AHEAD.format(date=format_jalali_display(last))]
        return []
    if target == OfferingStatus.CLOSED:
        gaps = closing_gaps(session, offering)
        if gaps.any and not close_note:
            return [*gaps.messages(), CLOSE_NOTE_HINT]
    return []


def advance(
    session: Session,
    offering_id: int,
    target: OfferingStatus,
    today: date | None = None,
    close_note: str = "",
) -> Offering:
    """Move the offering one step forward to ``target`` or raise ``TransitionRefused``.

    Finishing and closing (re)compute every trainee's result and the certificate candidates;
    closing also schedules the level-3 follow-ups.
    """
    require(session, Permission.PLAN_OFFERINGS)
    offering = load_offering(session, offering_id)
    note = normalize_multiline(close_note)
    reasons = guard_reasons(session, offering, target, today or date.today(), note)
    if reasons:
        raise TransitionRefused(reasons)
    before = offering.status
    offering.status = target
    if target == OfferingStatus.CLOSED and note:
        offering.close_note = note
    session.flush()
    record(
        session,
        AuditAction.EVENT,
        "offering_transition",
        offering.id,
        before=before.value,
        after=target.value,
        note=note or None,
    )
    if target in (OfferingStatus.FINISHED, OfferingStatus.CLOSED):
        outcomes.evaluate_offering(session, offering.id)
        if target == OfferingStatus.CLOSED:
            follow_ups.schedule_follow_ups(session, offering.id)
    return offering


def offerings_in(session: Session, statuses: tuple[OfferingStatus, ...]) -> list[tuple[int, str]]:
    """(id, «code — title — start») of the offerings in these statuses, by start date: what a
    picker of offerings to act on shows."""
    rows = session.execute(
        select(Offering.id, Offering.code, Course.title, Offering.start_date)
        .join(Course, Course.id == Offering.course_id)
        .where(Offering.status.in_(statuses))
        .order_by(Offering.start_date, Offering.code)
    ).all()
    # Thousands of offerings start on a few hundred days: format each day once.
    starts = {day: format_jalali_display(day) for day in {r.start_date for r in rows}}
    return [
        (offering_id, f"{to_persian_digits(code)} — {title} — {starts[start]}")
        for offering_id, code, title, start in rows
    ]
