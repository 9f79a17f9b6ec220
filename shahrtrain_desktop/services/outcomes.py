"""Stage 5: scores, the pass/fail decision with its reasons, overrides and certificate candidates.

Scores are out of 20. The final score is the «final» assessment when one is entered, otherwise
the post-test. A trainee passes when their attendance reaches the course's minimum percentage
and their final score its minimum score; otherwise the reasons say which rule failed. An
officer may override the result with a written reason (audited). Results are decided once the
offering is finished; from then on every passer has exactly one certificate candidate carrying
the attended hours and final score the certificate will print.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import Assessment, Certificate, Enrolment, Offering, Person
from shahrtrain_desktop.models.enums import (
    AssessmentKind,
    AuditAction,
    CertificateStatus,
    EnrolmentStatus,
    OfferingStatus,
    OutcomeResult,
)
from shahrtrain_desktop.persian import (
    InvalidField,
    normalize_multiline,
    normalize_text,
    parse_decimal,
    to_persian_digits,
)
from shahrtrain_desktop.services.attendance import percent, update_attended_hours
from shahrtrain_desktop.services.audit import record
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.permissions import Permission, require

MAX_SCORE = 20.0
SCORABLE = (OfferingStatus.RUNNING, OfferingStatus.FINISHED)
DECIDED = (OfferingStatus.FINISHED, OfferingStatus.CLOSED)

NO_SUCH_OFFERING = "این دوره پیدا نشد."
NO_SUCH_ENROLMENT = "این ثبت‌نام پیدا نشد."
OUT_OF_RANGE = "{field}: نمره باید بین ۰ و ۲۰ باشد؛ «{text}» پذیرفته نیست."
NOT_SCORABLE = "نمره فقط برای دورهٔ در حال برگزاری یا پایان‌یافته ثبت می‌شود."
NOT_A_TRAINEE = "{name} فراگیر قطعی این دوره نیست (انصراف یا فهرست انتظار)؛ نمره ثبت نمی‌شود."
REASON_REQUIRED = "دلیل تغییر نتیجه را بنویسید؛ بدون دلیل مکتوب نتیجه تغییر نمی‌کند."
NOT_DECIDED = "نتیجه پس از پایان برگزاری دوره تعیین می‌شود."
LOW_ATTENDANCE = "حضور {pct}٪ کمتر از حداقل {min}٪ است."
LOW_SCORE = "نمرهٔ نهایی {score} کمتر از حداقل {min} است."
NO_SCORE = "نمرهٔ نهایی ثبت نشده است."


def _num(value: float) -> str:
    return to_persian_digits(value, decimals=2)


def parse_score(value: object, kind: AssessmentKind = AssessmentKind.FINAL) -> float | None:
    """«۱۸٫۵», «۱۸/۵», «18.5» → 18.5; blank → None; 21, −1 or text → ``InvalidField``."""
    field = label(kind)
    try:
        number = parse_decimal(value, field=kind.value)
    except InvalidField as exc:
        raise InvalidField(kind.value, f"{field}: {exc.message}") from exc
    if number is None:
        return None
    if not 0 <= number <= MAX_SCORE:
        text = normalize_text(value) if isinstance(value, str) else _num(number)
        raise InvalidField(kind.value, OUT_OF_RANGE.format(field=field, text=text))
    return round(number, 2)


@dataclass(frozen=True)
class Decision:
    result: OutcomeResult
    reasons: list[str]


def decide(attended_pct: float, final: float | None, min_pct: float, min_score: float) -> Decision:
    """The course's rules; each failed rule adds its reason."""
    reasons = []
    if attended_pct < min_pct:
        reasons.append(LOW_ATTENDANCE.format(pct=_num(attended_pct), min=_num(min_pct)))
    if final is None:
        reasons.append(NO_SCORE)
    elif final < min_score:
        reasons.append(LOW_SCORE.format(score=_num(final), min=_num(min_score)))
    return Decision(OutcomeResult.FAILED if reasons else OutcomeResult.PASSED, reasons)


def _offering(session: Session, offering_id: int) -> Offering:
    offering = session.get(Offering, offering_id)
    if offering is None:
        raise InvalidField("offering", NO_SUCH_OFFERING)
    return offering


def _enrolment(session: Session, enrolment_id: int) -> Enrolment:
    enrolment = session.get(Enrolment, enrolment_id)
    if enrolment is None:
        raise InvalidField("enrolment", NO_SUCH_ENROLMENT)
    return enrolment


def _scores(session: Session, enrolment_id: int) -> dict[AssessmentKind, Assessment]:
    rows = session.scalars(select(Assessment).where(Assessment.enrolment_id == enrolment_id))
    return {AssessmentKind(a.kind): a for a in rows}


def final_of(scores: dict[AssessmentKind, float]) -> float | None:
    if AssessmentKind.FINAL in scores:
        return scores[AssessmentKind.FINAL]
    return scores.get(AssessmentKind.POST_TEST)


def set_score(
    session: Session, enrolment_id: int, kind: AssessmentKind, value: object
) -> float | None:
    """Enter, change or (blank) clear one score; returns the stored value.

    The acting user is recorded as ``entered_by`` (certificate approval checks it).
    """
    grant = require(session, Permission.ENTER_SCORES)
    score = parse_score(value, kind)
    enrolment = _enrolment(session, enrolment_id)
    if enrolment.offering.status not in SCORABLE:
        raise InvalidField(kind.value, NOT_SCORABLE)
    if enrolment.status != EnrolmentStatus.ENROLLED:
        raise InvalidField(kind.value, NOT_A_TRAINEE.format(name=enrolment.person.full_name))
    existing = _scores(session, enrolment_id).get(kind)
    if score is None:
        if existing is not None:
            session.delete(existing)
    elif existing is None:
        session.add(
            Assessment(
                enrolment_id=enrolment_id, kind=kind, score=score, entered_by_id=grant.user_id
            )
        )
    elif existing.score != score:
        existing.score = score
        existing.entered_by_id = grant.user_id
    session.flush()
    evaluate_enrolment(session, enrolment)
    return score


# -- results -----------------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeRow:
    enrolment_id: int
    name: str
    national_code: str
    pre: float | None
    post: float | None
    final: float | None  # the final test, or the post-test when there is none
    final_test: float | None  # the «final» assessment itself
    attended_hours: float
    attendance_pct: float
    result: OutcomeResult | None
    reason: str
    override_reason: str | None


def evaluate_enrolment(session: Session, enrolment: Enrolment, total_hours: float = -1) -> None:
    """Keep ``final_score`` (always) and ``result``/``result_reason`` (once finished) current,
    then the certificate candidate."""
    offering = enrolment.offering
    if total_hours < 0:
        total_hours = sum(s.hours for s in offering.sessions)
    scores = {kind: a.score for kind, a in _scores(session, enrolment.id).items()}
    final = final_of(scores)
    if enrolment.final_score != final:
        enrolment.final_score = final
    if offering.status not in DECIDED or enrolment.status != EnrolmentStatus.ENROLLED:
        return
    course = offering.course
    pct = percent(enrolment.attended_hours or 0.0, total_hours)
    decision = decide(pct, final, course.min_attendance_pct, course.min_score)
    reason = " ".join(decision.reasons) or None
    if enrolment.result_reason != reason:
        enrolment.result_reason = reason
    if not enrolment.result_override_reason and enrolment.result != decision.result:
        enrolment.result = decision.result
    session.flush()
    sync_candidate(session, enrolment)


def evaluate_offering(session: Session, offering_id: int) -> list[OutcomeRow]:
    """Recompute hours, final scores and (once finished) results of every trainee."""
    offering = _offering(session, offering_id)
    update_attended_hours(session, offering)
    total = sum(s.hours for s in offering.sessions)
    enrolments = session.scalars(
        select(Enrolment).where(
            Enrolment.offering_id == offering_id, Enrolment.status == EnrolmentStatus.ENROLLED
        )
    )
    for enrolment in enrolments:
        evaluate_enrolment(session, enrolment, total)
    return outcome_rows(session, offering_id)


def outcome_rows(session: Session, offering_id: int) -> list[OutcomeRow]:
    """The outcomes table of one offering, as stored (enrolled trainees, by last name)."""
    offering = _offering(session, offering_id)
    total = sum(s.hours for s in offering.sessions)
    enrolments = session.execute(
        select(Enrolment, Person)
        .join(Person, Person.id == Enrolment.person_id)
        .where(Enrolment.offering_id == offering_id, Enrolment.status == EnrolmentStatus.ENROLLED)
        .order_by(Person.last_name, Person.first_name, Enrolment.id)
    ).all()
    scores: dict[int, dict[AssessmentKind, float]] = {}
    for enrolment_id, kind, score in session.execute(
        select(Assessment.enrolment_id, Assessment.kind, Assessment.score).where(
            Assessment.enrolment_id.in_([e.id for e, _p in enrolments])
        )
    ):
        scores.setdefault(enrolment_id, {})[AssessmentKind(kind)] = score
    rows = []
    for enrolment, person in enrolments:
        own = scores.get(enrolment.id, {})
        hours = enrolment.attended_hours or 0.0
        rows.append(
            OutcomeRow(
                enrolment.id,
                person.full_name,
                person.national_code,
                own.get(AssessmentKind.PRE_TEST),
                own.get(AssessmentKind.POST_TEST),
                final_of(own),
                own.get(AssessmentKind.FINAL),
                hours,
                percent(hours, total),
                enrolment.result,
                enrolment.result_reason or "",
                enrolment.result_override_reason,
            )
        )
    return rows


def override_result(
    session: Session, enrolment_id: int, result: OutcomeResult, reason: str
) -> Enrolment:
    """An officer's decision against the rules, with the written reason (audited)."""
    require(session, Permission.ENTER_SCORES)
    text = normalize_multiline(reason)
    if not text:
        raise InvalidField("override_reason", REASON_REQUIRED)
    enrolment = _enrolment(session, enrolment_id)
    if enrolment.offering.status not in DECIDED:
        raise InvalidField("result", NOT_DECIDED)
    computed = enrolment.result
    enrolment.result = result
    enrolment.result_override_reason = text
    session.flush()
    record(
        session,
        AuditAction.EVENT,
        "result_override",
        enrolment.id,
        before=computed.value if computed else None,
        after=result.value,
        reason=text,
    )
    sync_candidate(session, enrolment)
    return enrolment


def clear_override(session: Session, enrolment_id: int) -> Enrolment:
    """Back to the result the rules give."""
    require(session, Permission.ENTER_SCORES)
    enrolment = _enrolment(session, enrolment_id)
    if enrolment.result_override_reason:
        enrolment.result_override_reason = None
        session.flush()
        record(session, AuditAction.EVENT, "result_override_cleared", enrolment.id)
    evaluate_enrolment(session, enrolment)
    return enrolment


# -- certificate candidates ----------------------------------------------------------------


def sync_candidate(session: Session, enrolment: Enrolment) -> Certificate | None:
    """Exactly one certificate candidate per passer (never duplicated); a candidate that has
    not been reviewed yet follows the hours and score, and goes away if the trainee no longer
    passes. Certificates already reviewed, approved, issued or revoked are never touched."""
    certificates = list(
        session.scalars(select(Certificate).where(Certificate.enrolment_id == enrolment.id))
    )
    candidate = next((c for c in certificates if c.status == CertificateStatus.CANDIDATE), None)
    passed = (
        enrolment.result == OutcomeResult.PASSED
        and enrolment.status == EnrolmentStatus.ENROLLED
        and enrolment.offering.status in DECIDED
    )
    hours = enrolment.attended_hours or 0.0
    if not passed:
        if candidate is not None:
            session.delete(candidate)
            session.flush()
        return None
    if candidate is None:
        if certificates:  # already past the candidate step (or revoked): stage 6 owns it
            return None
        candidate = Certificate(
            enrolment_id=enrolment.id,
            status=CertificateStatus.CANDIDATE,
            hours=hours,
            score=enrolment.final_score,
        )
        session.add(candidate)
    else:
        if candidate.hours != hours:
            candidate.hours = hours
        if candidate.score != enrolment.final_score:
            candidate.score = enrolment.final_score
    session.flush()
    return candidate
