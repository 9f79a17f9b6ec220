"""The reaction questionnaire (Kirkpatrick level 1): Likert 1–5 per item, per trainee.

Course items are answered once; instructor items once per instructor of the offering (the
instructor rating). A trainee's free comment is kept on their answer to the first course item.
The items are editable (settings): new ones can be added, wording changed, old ones retired —
retired items keep their past answers.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import (
    Enrolment,
    EvaluationAnswer,
    EvaluationItem,
    Instructor,
    OfferingInstructor,
)
from shahrtrain_desktop.models.enums import EnrolmentStatus, EvaluationTarget, OfferingStatus
from shahrtrain_desktop.persian import InvalidField, normalize_multiline, normalize_text
from shahrtrain_desktop.services.ordering import move_in_order
from shahrtrain_desktop.services.permissions import Permission, require

LIKERT = (1, 2, 3, 4, 5)
# (item id, instructor id or None) → value
AnswerKey = tuple[int, int | None]

NO_SUCH_ENROLMENT = "این ثبت‌نام پیدا نشد."
NOT_A_TRAINEE = "پرسش‌نامه فقط برای فراگیر قطعی دوره ثبت می‌شود."
NOT_YET = "پرسش‌نامه پس از شروع برگزاری دوره ثبت می‌شود."
BAD_VALUE = "پاسخ هر پرسش باید عددی از ۱ تا ۵ باشد."
UNKNOWN_ITEM = "این پرسش در پرسش‌نامه نیست."
UNKNOWN_INSTRUCTOR = "این مدرس مدرس این دوره نیست."
EMPTY_ITEM = "متن پرسش را وارد کنید."


@dataclass(frozen=True)
class Question:
    item_id: int
    text: str
    target: EvaluationTarget
    instructor_id: int | None
    instructor_name: str

    @property
    def key(self) -> AnswerKey:
        return (self.item_id, self.instructor_id)


def active_items(session: Session) -> list[EvaluationItem]:
    return list(
        session.scalars(
            select(EvaluationItem)
            .where(EvaluationItem.active.is_(True))
            .order_by(EvaluationItem.sort_order, EvaluationItem.id)
        )
    )


def _instructors(session: Session, offering_id: int) -> list[tuple[int, str]]:
    rows = session.execute(
        select(Instructor.id, Instructor.first_name, Instructor.last_name)
        .join(OfferingInstructor, OfferingInstructor.instructor_id == Instructor.id)
        .where(OfferingInstructor.offering_id == offering_id)
        .order_by(Instructor.last_name, Instructor.id)
    )
    return [(r.id, f"{r.first_name} {r.last_name}") for r in rows]


def questions(session: Session, offering_id: int) -> list[Question]:
    """The form of one offering: course items, then each instructor item per instructor."""
    out: list[Question] = []
    teachers = _instructors(session, offering_id)
    for item in active_items(session):
        if item.target == EvaluationTarget.COURSE:
            out.append(Question(item.id, item.text, item.target, None, ""))
        else:
            out.extend(Question(item.id, item.text, item.target, t, n) for t, n in teachers)
    return out


@dataclass
class Answers:
    values: dict[AnswerKey, int]
    comment: str


def load_answers(session: Session, enrolment_id: int) -> Answers:
    rows = session.scalars(
        select(EvaluationAnswer)
        .where(EvaluationAnswer.enrolment_id == enrolment_id)
        .order_by(EvaluationAnswer.id)
    )
    values: dict[AnswerKey, int] = {}
    comment = ""
    for row in rows:
        values[(row.item_id, row.instructor_id)] = row.value
        if row.comment and not comment:
            comment = row.comment
    return Answers(values, comment)


def _check_value(value: object) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value not in LIKERT:
        raise InvalidField("answer", BAD_VALUE)
    return value


def save_answers(
    session: Session,
    enrolment_id: int,
    values: Mapping[AnswerKey, int | None],
    comment: str = "",
) -> Answers:
    """Store one trainee's form (all or nothing); ``None`` clears an answer."""
    require(session, Permission.ENTER_SCORES)
    enrolment = session.get(Enrolment, enrolment_id)
    if enrolment is None:
        raise InvalidField("enrolment", NO_SUCH_ENROLMENT)
    if enrolment.status != EnrolmentStatus.ENROLLED:
        raise InvalidField("enrolment", NOT_A_TRAINEE)
    if enrolment.offering.status not in (
        OfferingStatus.RUNNING,
        OfferingStatus.FINISHED,
        OfferingStatus.CLOSED,
    ):
        raise InvalidField("enrolment", NOT_YET)
    form = {q.key: q for q in questions(session, enrolment.offering_id)}
    checked = {key: _check_value(value) for key, value in values.items()}
    for key in checked:
        if key not in form:
            known_item = any(k[0] == key[0] for k in form)
            raise InvalidField("answer", UNKNOWN_INSTRUCTOR if known_item else UNKNOWN_ITEM)
    existing = {
        (a.item_id, a.instructor_id): a
        for a in session.scalars(
            select(EvaluationAnswer).where(EvaluationAnswer.enrolment_id == enrolment_id)
        )
    }
    for key, value in checked.items():
        row = existing.get(key)
        if value is None:
            if row is not None:
                session.delete(row)
                del existing[key]
        elif row is None:
            existing[key] = row = EvaluationAnswer(
                enrolment_id=enrolment_id, item_id=key[0], instructor_id=key[1], value=value
            )
            session.add(row)
        elif row.value != value:
            row.value = value
    text = normalize_multiline(comment) or None
    holder_key = next((k for k in form if form[k].target == EvaluationTarget.COURSE), None)
    for key, row in existing.items():
        wanted = text if key == holder_key else None
        if row.comment != wanted:
            row.comment = wanted
    session.flush()
    return load_answers(session, enrolment_id)


# -- editing the items (settings) -----------------------------------------------------------


def all_items(session: Session) -> list[EvaluationItem]:
    """Every item in form order, retired ones included (the settings list)."""
    return list(
        session.scalars(
            select(EvaluationItem).order_by(EvaluationItem.sort_order, EvaluationItem.id)
        )
    )


def add_item(session: Session, text: str, target: EvaluationTarget) -> EvaluationItem:
    require(session, Permission.MANAGE_SETTINGS)
    clean = normalize_text(text)
    if not clean:
        raise InvalidField("text", EMPTY_ITEM)
    last = session.scalar(select(func.max(EvaluationItem.sort_order))) or 0
    item = EvaluationItem(text=clean, target=target, sort_order=last + 1, active=True)
    session.add(item)
    session.flush()
    return item


def update_item(
    session: Session, item_id: int, text: str | None = None, active: bool | None = None
) -> EvaluationItem:
    require(session, Permission.MANAGE_SETTINGS)
    item = session.get(EvaluationItem, item_id)
    if item is None:
        raise InvalidField("item", UNKNOWN_ITEM)
    if text is not None:
        clean = normalize_text(text)
        if not clean:
            raise InvalidField("text", EMPTY_ITEM)
        item.text = clean
    if active is not None:
        item.active = active
    session.flush()
    return item


def move_item(session: Session, item_id: int, step: int) -> EvaluationItem:
    """Move an item ``step`` places up (negative) or down the form; the ends stay put."""
    require(session, Permission.MANAGE_SETTINGS)
    moved = move_in_order(all_items(session), item_id, step)
    if moved is None:
        raise InvalidField("item", UNKNOWN_ITEM)
    session.flush()
    return moved
