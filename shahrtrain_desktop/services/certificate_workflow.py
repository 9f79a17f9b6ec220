"""Stage 6 workflow: candidate → reviewed → approved → issued (→ revoked), with role checks.

Every function takes a session whose actor was set with ``audit.act_as``; permissions are
checked here, below the UI. Bulk actions work on a selection: certificates that are not at the
right step are skipped with a Persian reason, the rest are done in the caller's transaction.

Numbers are assigned at issue from the settings' format and are unique per office and Jalali
year because of the database's unique constraint ``(office_code, year, serial)``: each number
is written in a SAVEPOINT and, if another desk took the serial first, the savepoint is rolled
back and the next serial is tried. Nothing relies on a read-then-write being exclusive.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from shahrtrain_desktop.certificates import CertificateDataError, CertificateFields, sign_payload
from shahrtrain_desktop.models import (
    AuditEvent,
    Certificate,
    Course,
    Enrolment,
    Offering,
    Person,
)
from shahrtrain_desktop.models.base import utcnow
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import AuditAction, CertificateStatus, OutcomeResult
from shahrtrain_desktop.persian import format_jalali, normalize_text, to_jalali, to_persian_digits
from shahrtrain_desktop.persian.jalali import TEHRAN
from shahrtrain_desktop.services import keys, settings
from shahrtrain_desktop.services.audit import Actor, act_as, record
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.permissions import (
    Permission,
    PermissionDenied,
    ensure_can_approve,
    require,
)

S = CertificateStatus
DEFAULT_NUMBER_FORMAT = "{year}-{office}-{serial:06d}"
NUMBER_ATTEMPTS = 50
MAX_REASON = 500

NOT_FOUND = "گواهی‌نامه پیدا نشد."
REASON_REQUIRED = "دلیل را بنویسید."
WRONG_STEP = "در مرحلهٔ «{status}» است و این کار روی آن انجام نمی‌شود."
BAD_FORMAT = (
    "قالب شمارهٔ گواهی‌نامه در تنظیمات درست نیست: «{fmt}». از {{year}}، {{office}} و "
    "{{serial:06d}} استفاده کنید."
)
NO_SERIAL = "شمارهٔ آزادی برای گواهی‌نامه پیدا نشد؛ دوباره تلاش کنید."
CORRECTED = "اصلاح‌شده: {reason} — گواهی‌نامهٔ اصلاحی {number} به جای آن صادر شد."
CORRECTION_PENDING = "برای این گواهی‌نامه صدور اصلاحی در جریان است."
CORRECTION_EVENT = "certificate_correction"


class WorkflowError(Exception):
    """A certificate action that cannot be done; ``str()`` is a Persian sentence."""


@dataclass
class BulkOutcome:
    """What a bulk action did: the ids done, and the ids skipped with the Persian reason."""

    done: list[int] = field(default_factory=list)
    skipped: dict[int, str] = field(default_factory=dict)

    def summary(self, verb: str) -> str:
        lines = [f"{to_persian_digits(len(self.done))} گواهی‌نامه {verb}."]
        if self.skipped:
            lines.append(f"{to_persian_digits(len(self.skipped))} مورد انجام نشد:")
            lines += [f"• {reason}" for reason in list(self.skipped.values())[:10]]
        return "\n".join(lines)


def today_in_tehran() -> date:
    from datetime import datetime

    return datetime.now(TEHRAN).date()


def _load(session: Session, ids: Iterable[int]) -> list[Certificate]:
    wanted = list(dict.fromkeys(ids))
    found: dict[int, Certificate] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for cert in session.scalars(select(Certificate).where(Certificate.id.in_(chunk))):
            found[cert.id] = cert
    return [found[i] for i in wanted if i in found]


def _who(cert: Certificate) -> str:
    person = cert.enrolment.person
    return f"{person.first_name} {person.last_name}"


def _wrong_step(cert: Certificate) -> str:
    return f"{_who(cert)}: " + WRONG_STEP.format(status=label(cert.status))


def _reason(reason: str | None) -> str:
    cleaned = normalize_text(reason or "")
    if not cleaned:
        raise WorkflowError(REASON_REQUIRED)
    return cleaned[:MAX_REASON]


def _actor(session: Session) -> Actor:
    actor: Actor | None = session.info.get("actor")
    if actor is None:
        raise PermissionDenied("برای این کار باید با نام کاربری خود وارد شوید.")
    return actor


# -- candidates ----------------------------------------------------------------------------


def create_candidates(session: Session, offering_id: int | None = None) -> int:
    """A candidate certificate for every passed enrolment that has no live certificate yet."""
    require(session, Permission.REVIEW_CERTIFICATES)
    live = select(Certificate.enrolment_id).where(Certificate.status != S.REVOKED)
    query = (
        select(Enrolment.id, Enrolment.final_score, Course.theory_hours, Course.practice_hours)
        .join(Offering, Offering.id == Enrolment.offering_id)
        .join(Course, Course.id == Offering.course_id)
        .where(Enrolment.result == OutcomeResult.PASSED)
        .where(Enrolment.id.not_in(live))
    )
    if offering_id is not None:
        query = query.where(Enrolment.offering_id == offering_id)
    rows = session.execute(query).all()
    for enrolment_id, score, theory, practice in rows:
        session.add(
            Certificate(
                enrolment_id=enrolment_id,
                status=S.CANDIDATE,
                hours=float(theory or 0) + float(practice or 0),
                score=score,
            )
        )
    session.flush()
    return len(rows)


# -- review, approval, rejection -------------------------------------------------------------


def review(session: Session, ids: Sequence[int]) -> BulkOutcome:
    """The officer has checked the printed fields of these candidates."""
    grant = require(session, Permission.REVIEW_CERTIFICATES)
    outcome = BulkOutcome()
    for cert in _load(session, ids):
        if cert.status != S.CANDIDATE:
            outcome.skipped[cert.id] = _wrong_step(cert)
            continue
        cert.status = S.REVIEWED
        cert.reviewed_by_id = grant.user_id
        cert.reviewed_at = utcnow()
        cert.rejection_reason = None
        outcome.done.append(cert.id)
    session.flush()
    return outcome


def approve(session: Session, ids: Sequence[int]) -> BulkOutcome:
    """Approve reviewed certificates; never one resting on scores the approver entered."""
    actor = _actor(session)
    require(session, Permission.APPROVE_CERTIFICATES)
    outcome = BulkOutcome()
    for cert in _load(session, ids):
        if cert.status != S.REVIEWED:
            outcome.skipped[cert.id] = _wrong_step(cert)
            continue
        try:
            ensure_can_approve(actor, cert.enrolment_id, session)
        except PermissionDenied as error:
            outcome.skipped[cert.id] = f"{_who(cert)}: {error}"
            continue
        cert.status = S.APPROVED
        cert.approved_by_id = actor.user_id
        cert.approved_at = utcnow()
        outcome.done.append(cert.id)
    session.flush()
    return outcome


def reject(session: Session, ids: Sequence[int], reason: str) -> BulkOutcome:
    """Send reviewed or approved certificates back to the candidates, with the reason shown."""
    require(session, Permission.APPROVE_CERTIFICATES)
    why = _reason(reason)
    outcome = BulkOutcome()
    for cert in _load(session, ids):
        if cert.status not in (S.REVIEWED, S.APPROVED):
            outcome.skipped[cert.id] = _wrong_step(cert)
            continue
        cert.status = S.CANDIDATE
        cert.rejection_reason = why
        cert.reviewed_by_id = cert.reviewed_at = None
        cert.approved_by_id = cert.approved_at = None
        outcome.done.append(cert.id)
    session.flush()
    return outcome


# -- issue ----------------------------------------------------------------------------------


def format_number(number_format: str, year: int, office: str, serial: int) -> str:
    try:
        number = number_format.format(year=year, office=office, serial=serial)
    except (KeyError, IndexError, ValueError, AttributeError) as error:
        raise WorkflowError(BAD_FORMAT.format(fmt=number_format)) from error
    if str(serial) not in number or not number.strip() or len(number) > 40:
        raise WorkflowError(BAD_FORMAT.format(fmt=number_format))
    return number


def printed_fields_of(cert: Certificate, number: str, issue_date: date) -> dict[str, Any]:
    """What will be printed, in the JSON form ``CertificateFields.from_json_dict`` reads."""
    enrolment = cert.enrolment
    person: Person = enrolment.person
    offering: Offering = enrolment.offering
    return {
        "holder_name": f"{person.first_name} {person.last_name}",
        "father_name": person.father_name or "",
        "national_code": person.national_code,
        "category": label(person.category),
        "org_unit": person.org_unit.name if person.org_unit else "",
        "course_title": offering.course.title,
        "course_code": offering.course.code,
        "hours": cert.hours,
        "start_date": format_jalali(offering.start_date, persian_digits=False),
        "end_date": format_jalali(offering.end_date, persian_digits=False),
        "score": cert.score,
        "number": number,
        "issue_date": format_jalali(issue_date, persian_digits=False),
    }


def _next_serial(session: Session, office: str, year: int) -> int:
    current = session.scalar(
        select(func.max(Certificate.serial))
        .where(Certificate.office_code == office)
        .where(Certificate.year == year)
    )
    return int(current or 0) + 1


def issue(session: Session, ids: Sequence[int], today: date | None = None) -> BulkOutcome:
    """Number, freeze and sign approved certificates (the office key must be on this desk)."""
    grant = require(session, Permission.ISSUE_CERTIFICATES)
    day = today or today_in_tehran()
    year = to_jalali(day)[0]
    office = str(settings.get_setting(session, settings.OFFICE_CODE) or "").strip()
    number_format = str(
        settings.get_setting(session, settings.CERTIFICATE_NUMBER_FORMAT) or DEFAULT_NUMBER_FORMAT
    )
    format_number(number_format, year, office, 1)  # a broken format stops before any work
    outcome = BulkOutcome()
    certificates = [c for c in _load(session, ids)]
    todo = []
    for cert in certificates:
        if cert.status != S.APPROVED:
            outcome.skipped[cert.id] = _wrong_step(cert)
        else:
            todo.append(cert)
    if not todo:
        return outcome
    key_row = keys.active_key(session)
    private_key = keys.load_private_key(session)
    serial = _next_serial(session, office, year)
    for cert in todo:
        try:
            CertificateFields.from_json_dict(printed_fields_of(cert, "0", day))
        except CertificateDataError as error:
            outcome.skipped[cert.id] = f"{_who(cert)}: {error}"
            continue
        for _attempt in range(NUMBER_ATTEMPTS):
            number = format_number(number_format, year, office, serial)
            printed = printed_fields_of(cert, number, day)
            fields = CertificateFields.from_json_dict(printed)
            try:
                with session.begin_nested():
                    cert.office_code, cert.year, cert.serial = office, year, serial
                    cert.number = number
                    cert.issue_date = day
                    cert.printed_fields = json.dumps(printed, ensure_ascii=False)
                    cert.qr_text = sign_payload(fields.payload(), private_key)
                    cert.key_id = key_row.key_id if key_row else None
                    cert.status = S.ISSUED
                    cert.issued_by_id = grant.user_id
                    cert.issued_at = utcnow()
                    session.flush()
            except IntegrityError:
                # Another desk took this serial (or number) first: read the head again.
                session.expire(cert)
                serial = max(serial + 1, _next_serial(session, office, year))
                continue
            serial += 1
            outcome.done.append(cert.id)
            if cert.replaces_id is not None:
                _retire_corrected(session, cert.replaces_id, number, grant.user_id)
            break
        else:
            raise WorkflowError(NO_SERIAL)
    return outcome


T = TypeVar("T")


def in_write_transaction(
    db: Database, actor: Actor, work: Callable[[Session], T], attempts: int = 8
) -> T:
    """Run ``work`` in its own transaction as ``actor``, waiting for other writers.

    On SQLite the write lock is taken first (a no-op UPDATE), so a desk that read before another
    committed never fails mid-way; a still-busy database is retried a few times.
    """
    for attempt in range(attempts):
        try:
            with db.session() as session:
                act_as(session, actor)
                if db.is_sqlite:
                    session.execute(text("UPDATE certificate SET id = id WHERE 0 = 1"))
                return work(session)
        except OperationalError as error:
            if "locked" not in str(error).lower() or attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    raise AssertionError("unreachable")


# -- after issue ----------------------------------------------------------------------------


def revoke(session: Session, certificate_id: int, reason: str) -> None:
    """Revoke an issued certificate; it then fails verification, with the reason recorded."""
    grant = require(session, Permission.REVOKE_CERTIFICATES)
    why = _reason(reason)
    cert = session.get(Certificate, certificate_id)
    if cert is None:
        raise WorkflowError(NOT_FOUND)
    if cert.status != S.ISSUED:
        raise WorkflowError(_wrong_step(cert))
    _mark_revoked(cert, why, grant.user_id)
    session.flush()


def _mark_revoked(cert: Certificate, reason: str, user_id: int | None) -> None:
    cert.status = S.REVOKED
    cert.revoked_at = utcnow()
    cert.revoked_by_id = user_id
    cert.revoke_reason = reason[:MAX_REASON]


def start_correction(session: Session, certificate_id: int, reason: str) -> int:
    """Open a corrected certificate: a new candidate that replaces this one.

    The old certificate stays valid until the corrected one is issued (a trainee is never left
    without a valid certificate while the correction waits for review and approval); at that
    issue it is revoked as «اصلاح‌شده», naming the new number. The new one is built from the
    person's corrected record when it is issued. Returns the new candidate's id.
    """
    why = _reason(reason)
    require(session, Permission.REVOKE_CERTIFICATES)
    require(session, Permission.REVIEW_CERTIFICATES)
    old = session.get(Certificate, certificate_id)
    if old is None:
        raise WorkflowError(NOT_FOUND)
    if old.status != S.ISSUED:
        raise WorkflowError(_wrong_step(old))
    pending = replacement_of(session, certificate_id)
    if pending is not None and pending.status != S.REVOKED:
        raise WorkflowError(f"{_who(old)}: {CORRECTION_PENDING}")
    new = Certificate(
        enrolment_id=old.enrolment_id,
        status=S.CANDIDATE,
        hours=old.hours,
        score=old.enrolment.final_score if old.enrolment.final_score is not None else old.score,
        replaces_id=old.id,
    )
    session.add(new)
    session.flush()
    record(session, AuditAction.EVENT, CORRECTION_EVENT, old.id, reason=why, replacement=new.id)
    return new.id


def _correction_reason(session: Session, old_id: int) -> str:
    """What the correction of *old_id* was opened for (its audit event), if recorded."""
    after = session.scalars(
        select(AuditEvent.after)
        .where(AuditEvent.entity == CORRECTION_EVENT, AuditEvent.entity_id == str(old_id))
        .order_by(AuditEvent.id.desc())
        .limit(1)
    ).first()
    try:
        return str(json.loads(after or "{}").get("reason") or "")
    except (ValueError, AttributeError):
        return ""


def _retire_corrected(session: Session, old_id: int, number: str, user_id: int | None) -> None:
    """The corrected certificate *number* is issued: the one it replaces stops verifying."""
    old = session.get(Certificate, old_id)
    if old is None or old.status != S.ISSUED:
        return  # revoked meanwhile by hand: its own reason stands
    reason = _correction_reason(session, old_id) or "—"
    _mark_revoked(old, CORRECTED.format(reason=reason, number=number), user_id)
    session.flush()


def replacement_of(session: Session, certificate_id: int) -> Certificate | None:
    return session.scalars(
        select(Certificate)
        .where(Certificate.replaces_id == certificate_id)
        .order_by(Certificate.id.desc())
    ).first()
