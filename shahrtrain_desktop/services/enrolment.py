"""Stage 2, enrolment: people into an offering with capacity, a waiting list that promotes on
withdrawal, target-group eligibility (overridable with a written reason), prerequisites, no
double enrolment, a clash warning, and bulk enrolment from pasted codes or a request letter.

:func:`check_enrolment` says what would happen without changing anything (the enrol dialog
shows it); :func:`enrol` re-checks and acts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import Course, Enrolment, Offering, Person
from shahrtrain_desktop.models.enums import (
    EnrolmentStatus,
    OfferingStatus,
    OutcomeResult,
    PersonCategory,
)
from shahrtrain_desktop.persian import (
    InvalidField,
    format_jalali_display,
    normalize_multiline,
    to_persian_digits,
)
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.permissions import Permission, require

ACTIVE = (EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITING)
OPEN_FOR_ENROLMENT = (
    OfferingStatus.DRAFT,
    OfferingStatus.APPROVED,
    OfferingStatus.OPEN,
    OfferingStatus.RUNNING,
)

MSG_NO_OFFERING = "دوره پیدا نشد."
MSG_NO_PERSON = "فرد پیدا نشد."
MSG_CLOSED = "دورهٔ «{title}» در وضعیت «{status}» است و ثبت‌نام نمی‌پذیرد."
MSG_ALREADY = "«{name}» پیش‌تر در این دوره ثبت شده است ({status})."
MSG_PREREQUISITE = "«{name}» پیش‌نیاز این دوره را نگذرانده است: {courses}."
MSG_INELIGIBLE = "گروه «{name}» ({category}) جزو گروه هدف این دوره ({targets}) نیست."
MSG_REASON_NEEDED = "برای ثبت‌نام خارج از گروه هدف، دلیل را بنویسید."
MSG_CLASH = "«{name}» هم‌زمان در دورهٔ «{title}» ({start} تا {end}) ثبت‌نام دارد."
MSG_FULL = (
    "ظرفیت دوره ({capacity} نفر) پر است؛ «{name}» در نوبت {position} فهرست انتظار قرار می‌گیرد."
)
MSG_WITHDRAW_REASON = "دلیل انصراف را بنویسید."
MSG_NOT_ACTIVE = "این ثبت‌نام فعال نیست."
MSG_NO_ENROLMENT = "ثبت‌نام پیدا نشد."
MSG_CODE_UNKNOWN = "کد ملی «{code}» در فهرست افراد نیست."


class EnrolmentRefused(ValueError):
    """Enrolment is impossible (closed offering, already in it, missing prerequisite)."""


class NeedsOverride(ValueError):
    """The person is outside the target group: allowed only with a written reason."""


@dataclass
class EnrolmentCheck:
    person_name: str
    refusals: list[str] = field(default_factory=list)
    ineligible: str = ""  # the eligibility warning, if any
    clashes: list[str] = field(default_factory=list)
    waiting_position: int | None = None  # set when the offering is full
    capacity_note: str = ""
    reactivate_id: int | None = None  # a withdrawn enrolment to bring back

    @property
    def allowed(self) -> bool:
        return not self.refusals

    def warnings(self) -> list[str]:
        found = [self.ineligible] if self.ineligible else []
        return found + self.clashes + ([self.capacity_note] if self.capacity_note else [])


def target_groups(offering: Offering) -> set[PersonCategory]:
    """The offering's own target group, else the course's list; empty means everyone."""
    if offering.target_group is not None:
        return {offering.target_group}
    return {PersonCategory(v) for v in offering.course.target_groups.split(",") if v.strip()}


def enrolled_count(session: Session, offering_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(Enrolment)
            .where(
                Enrolment.offering_id == offering_id, Enrolment.status == EnrolmentStatus.ENROLLED
            )
        )
        or 0
    )


def _last_waiting(session: Session, offering_id: int) -> int:
    return (
        session.scalar(
            select(func.max(Enrolment.waiting_position)).where(
                Enrolment.offering_id == offering_id, Enrolment.status == EnrolmentStatus.WAITING
            )
        )
        or 0
    )


def _missing_prerequisites(session: Session, course: Course, person_id: int) -> list[str]:
    if not course.prerequisites:
        return []
    passed = set(
        session.scalars(
            select(Offering.course_id)
            .join(Enrolment, Enrolment.offering_id == Offering.id)
            .where(Enrolment.person_id == person_id, Enrolment.result == OutcomeResult.PASSED)
        )
    )
    return [f"«{c.title}»" for c in course.prerequisites if c.id not in passed]


def _clashes(session: Session, offering: Offering, person: Person) -> list[str]:
    rows = session.execute(
        select(Course.title, Offering.start_date, Offering.end_date)
        .join(Offering, Offering.course_id == Course.id)
        .join(Enrolment, Enrolment.offering_id == Offering.id)
        .where(
            Enrolment.person_id == person.id,
            Enrolment.status == EnrolmentStatus.ENROLLED,
            Offering.id != offering.id,
            Offering.status != OfferingStatus.CANCELLED,
            Offering.start_date <= offering.end_date,
            Offering.end_date >= offering.start_date,
        )
    )
    return [
        MSG_CLASH.format(
            name=person.full_name,
            title=row.title,
            start=format_jalali_display(row.start_date),
            end=format_jalali_display(row.end_date),
        )
        for row in rows
    ]


def _load(session: Session, offering_id: int, person_id: int) -> tuple[Offering, Person]:
    offering = session.get(Offering, offering_id)
    if offering is None:
        raise EnrolmentRefused(MSG_NO_OFFERING)
    person = session.get(Person, person_id)
    if person is None:
        raise EnrolmentRefused(MSG_NO_PERSON)
    return offering, person


def check_enrolment(
    session: Session, offering_id: int, person_id: int, extra_enrolled: int = 0
) -> EnrolmentCheck:
    """What enrolling would do, read-only. ``extra_enrolled`` counts places a bulk enrolment
    has already planned to take."""
    offering, person = _load(session, offering_id, person_id)
    check = EnrolmentCheck(person.full_name)
    title = offering.course.title
    if offering.status not in OPEN_FOR_ENROLMENT:
        check.refusals.append(MSG_CLOSED.format(title=title, status=label(offering.status)))
    existing = session.scalars(
        select(Enrolment).where(
            Enrolment.offering_id == offering_id, Enrolment.person_id == person_id
        )
    ).one_or_none()
    if existing is not None:
        if existing.status in ACTIVE:
            status = label(existing.status)
            check.refusals.append(MSG_ALREADY.format(name=person.full_name, status=status))
        else:
            check.reactivate_id = existing.id
    missing = _missing_prerequisites(session, offering.course, person_id)
    if missing:
        courses = "، ".join(missing)
        check.refusals.append(MSG_PREREQUISITE.format(name=person.full_name, courses=courses))
    targets = target_groups(offering)
    if targets and person.category not in targets:
        check.ineligible = MSG_INELIGIBLE.format(
            name=person.full_name,
            category=label(person.category),
            targets="، ".join(label(t) for t in sorted(targets)),
        )
    check.clashes = _clashes(session, offering, person)
    free = max(0, offering.capacity - enrolled_count(session, offering_id))
    if extra_enrolled >= free:
        ahead = extra_enrolled - free  # planned in this bulk run, already waiting
        check.waiting_position = _last_waiting(session, offering_id) + 1 + ahead
        check.capacity_note = MSG_FULL.format(
            capacity=to_persian_digits(offering.capacity),
            name=person.full_name,
            position=to_persian_digits(check.waiting_position),
        )
    return check


def enrol(
    session: Session,
    offering_id: int,
    person_id: int,
    override_reason: str = "",
    request_document_id: int | None = None,
    today: date | None = None,
) -> tuple[Enrolment, EnrolmentCheck]:
    """Enrol, or put on the waiting list when full. Raises :class:`EnrolmentRefused`, or
    :class:`NeedsOverride` when the person is outside the target group and no reason is given.
    Clash warnings do not stop it; they come back in the check."""
    require(session, Permission.EDIT_REGISTRY)
    check = check_enrolment(session, offering_id, person_id)
    if check.refusals:
        raise EnrolmentRefused("\n".join(check.refusals))
    reason = normalize_multiline(override_reason)
    if check.ineligible and not reason:
        raise NeedsOverride(f"{check.ineligible}\n{MSG_REASON_NEEDED}")
    if check.reactivate_id is not None:
        enrolment = session.get(Enrolment, check.reactivate_id)
        assert enrolment is not None
        enrolment.withdrawn_on = None
        enrolment.withdraw_reason = None
    else:
        enrolment = Enrolment(offering_id=offering_id, person_id=person_id)
        session.add(enrolment)
    waiting = check.waiting_position is not None
    enrolment.status = EnrolmentStatus.WAITING if waiting else EnrolmentStatus.ENROLLED
    enrolment.waiting_position = _last_waiting(session, offering_id) + 1 if waiting else None
    enrolment.enrolled_on = today or date.today()
    enrolment.request_document_id = request_document_id
    enrolment.eligibility_override_reason = reason if check.ineligible else None
    session.flush()
    return enrolment, check


def withdraw(
    session: Session, enrolment_id: int, reason: str, today: date | None = None
) -> Enrolment | None:
    """Withdraw with a reason; if a place opens, the first on the waiting list takes it.
    Returns the promoted enrolment, if any."""
    require(session, Permission.EDIT_REGISTRY)
    text = normalize_multiline(reason)
    if not text:
        raise InvalidField("withdraw_reason", MSG_WITHDRAW_REASON)
    enrolment = session.get(Enrolment, enrolment_id)
    if enrolment is None:
        raise EnrolmentRefused(MSG_NO_ENROLMENT)
    if enrolment.status not in ACTIVE:
        raise EnrolmentRefused(MSG_NOT_ACTIVE)
    freed_place = enrolment.status == EnrolmentStatus.ENROLLED
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.waiting_position = None
    enrolment.withdrawn_on = today or date.today()
    enrolment.withdraw_reason = text
    session.flush()
    promoted = None
    offering = enrolment.offering
    if freed_place and enrolled_count(session, offering.id) < offering.capacity:
        promoted = session.scalars(
            select(Enrolment)
            .where(
                Enrolment.offering_id == offering.id,
                Enrolment.status == EnrolmentStatus.WAITING,
            )
            .order_by(Enrolment.waiting_position, Enrolment.id)
            .limit(1)
        ).first()
        if promoted is not None:
            promoted.status = EnrolmentStatus.ENROLLED
            promoted.waiting_position = None
    _renumber_waiting(session, offering.id)
    session.flush()
    return promoted


def _renumber_waiting(session: Session, offering_id: int) -> None:
    waiting = session.scalars(
        select(Enrolment)
        .where(Enrolment.offering_id == offering_id, Enrolment.status == EnrolmentStatus.WAITING)
        .order_by(Enrolment.waiting_position, Enrolment.id)
    )
    for position, enrolment in enumerate(waiting, start=1):
        if enrolment.waiting_position != position:
            enrolment.waiting_position = position
