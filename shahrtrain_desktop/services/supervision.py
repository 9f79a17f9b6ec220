"""Supervision visits (stage 7): plan a visit to a running offering, score it on the office's
weighted checklist, write findings and corrective actions, and raise needs from what was found.

Every function that changes data checks ``Permission.RECORD_SUPERVISION`` (the checklist itself
is office configuration: ``MANAGE_SETTINGS``). Values are validated and normalised here, so the
dialog and the command line get the same Persian messages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import (
    ChecklistItem,
    CorrectiveAction,
    Need,
    Offering,
    SupervisionVisit,
    VisitChecklistScore,
)
from shahrtrain_desktop.models.enums import (
    ActionStatus,
    NeedSource,
    NeedStatus,
    OfferingStatus,
    PersonCategory,
    Priority,
    VisitStatus,
)
from shahrtrain_desktop.persian import (
    InvalidField,
    format_jalali_display,
    jalali_year_of,
    normalize_multiline,
    normalize_text,
    parse_decimal,
)
from shahrtrain_desktop.services.ordering import move_in_order
from shahrtrain_desktop.services.permissions import Permission, require

MAX_VALUE = 4  # each checklist item is rated 0 (not at all) … 4 (fully)
VALUE_LABELS = ("اصلاً", "ضعیف", "متوسط", "خوب", "کامل")
# A visit can be planned while the offering is ahead or running; recorded once it has begun.
VISITABLE = (OfferingStatus.APPROVED, OfferingStatus.OPEN, OfferingStatus.RUNNING)
RECORDABLE = (OfferingStatus.RUNNING, OfferingStatus.FINISHED, OfferingStatus.CLOSED)

NOT_FOUND = "بازدید شمارهٔ {id} پیدا نشد."
WEIGHT_RANGE = "وزن بند چک‌لیست باید عددی بیشتر از صفر و حداکثر ۱۰ باشد؛ مثلاً ۲ یا ۱٫۵."
NO_SUCH_ITEM = "این بند چک‌لیست پیدا نشد."


@dataclass(frozen=True)
class ChecklistRating:
    item_id: int
    value: int  # 0 … MAX_VALUE
    note: str = ""


def checklist(session: Session, include_inactive: bool = False) -> list[ChecklistItem]:
    query = select(ChecklistItem).order_by(ChecklistItem.sort_order, ChecklistItem.id)
    if not include_inactive:
        query = query.where(ChecklistItem.active.is_(True))
    return list(session.scalars(query))


@dataclass(frozen=True)
class ScoredItem:
    """One checklist item of a recorded visit, as it was when the visit was scored."""

    item_id: int
    text: str
    weight: float
    value: int
    note: str | None


def save_checklist_item(
    session: Session,
    text: str,
    weight: object,
    item_id: int | None = None,
    active: bool = True,
) -> ChecklistItem:
    """Add or edit an item of the office's checklist (weights are relative, > 0 and ≤ 10; a
    typed weight may use Persian digits). Visits already scored keep the item's old text and
    weight."""
    require(session, Permission.MANAGE_SETTINGS)
    clean = normalize_text(text)
    if not clean:
        raise InvalidField("text", "متن بند چک‌لیست را بنویسید.")
    try:
        value = parse_decimal(weight, "weight")
    except InvalidField:
        value = None
    if value is None or not 0 < value <= 10:
        raise InvalidField("weight", WEIGHT_RANGE)
    if item_id is None:
        last = session.scalar(select(func.max(ChecklistItem.sort_order))) or 0
        item = ChecklistItem(text=clean, weight=value, sort_order=last + 1, active=active)
        session.add(item)
    else:
        item = _item(session, item_id)
        if (item.text, item.weight) != (clean, value):
            _keep_in_past_visits(session, item)
        item.text, item.weight, item.active = clean, value, active
    session.flush()
    return item


def set_checklist_item_active(session: Session, item_id: int, active: bool) -> ChecklistItem:
    """Retire an item from (or bring it back to) the checklist of future visits."""
    require(session, Permission.MANAGE_SETTINGS)
    item = _item(session, item_id)
    item.active = active
    session.flush()
    return item


def move_checklist_item(session: Session, item_id: int, step: int) -> ChecklistItem:
    """Move an item ``step`` places up (negative) or down the checklist; the ends stay put."""
    require(session, Permission.MANAGE_SETTINGS)
    moved = move_in_order(checklist(session, include_inactive=True), item_id, step)
    if moved is None:
        raise InvalidField("item", NO_SUCH_ITEM)
    session.flush()
    return moved


def _item(session: Session, item_id: int) -> ChecklistItem:
    item = session.get(ChecklistItem, item_id)
    if item is None:
        raise InvalidField("item", NO_SUCH_ITEM)
    return item


def _keep_in_past_visits(session: Session, item: ChecklistItem) -> None:
    """Before an item changes, scores that still read it (rows written in bulk, e.g. demo data)
    get its present text and weight."""
    session.execute(
        update(VisitChecklistScore)
        .where(VisitChecklistScore.item_id == item.id, VisitChecklistScore.item_text.is_(None))
        .values(item_text=item.text, item_weight=item.weight)
    )


def scored_items(session: Session, visit_id: int) -> list[ScoredItem]:
    """A visit's ratings with the item texts and weights it was scored on, in checklist order."""
    rows = session.execute(
        select(
            VisitChecklistScore,
            func.coalesce(VisitChecklistScore.item_text, ChecklistItem.text),
            func.coalesce(VisitChecklistScore.item_weight, ChecklistItem.weight),
        )
        .join(ChecklistItem, ChecklistItem.id == VisitChecklistScore.item_id)
        .where(VisitChecklistScore.visit_id == visit_id)
        .order_by(ChecklistItem.sort_order, ChecklistItem.id)
    ).all()
    return [
        ScoredItem(score.item_id, text, float(weight), score.value, score.note)
        for score, text, weight in rows
    ]


def weighted_score(ratings: Sequence[tuple[float, int]]) -> float:
    """(weight, value 0–4) pairs → 0–100, rounded to one decimal."""
    total = sum(weight for weight, _value in ratings)
    if total <= 0:
        return 0.0
    earned = sum(weight * value for weight, value in ratings)
    return round(100 * earned / (MAX_VALUE * total), 1)


def _visit(session: Session, visit_id: int) -> SupervisionVisit:
    visit = session.get(SupervisionVisit, visit_id)
    if visit is None:
        raise InvalidField("visit", NOT_FOUND.format(id=visit_id))
    return visit


def plan_visit(
    session: Session, offering_id: int, planned_date: date, supervisor_id: int | None = None
) -> SupervisionVisit:
    """Plan an in-person visit to an offering that is approved, open or running."""
    grant = require(session, Permission.RECORD_SUPERVISION)
    offering = session.get(Offering, offering_id)
    if offering is None:
        raise InvalidField("offering", "دورهٔ انتخاب‌شده پیدا نشد.")
    if offering.status not in VISITABLE:
        raise InvalidField(
            "offering",
            "فقط برای دوره‌های مصوب، در حال ثبت‌نام یا در حال برگزاری بازدید برنامه‌ریزی می‌شود.",
        )
    _check_in_offering(offering, planned_date, "planned_date")
    visit = SupervisionVisit(
        offering_id=offering.id,
        supervisor_id=supervisor_id if supervisor_id is not None else grant.user_id,
        planned_date=planned_date,
        status=VisitStatus.PLANNED,
    )
    session.add(visit)
    session.flush()
    return visit


def _check_in_offering(offering: Offering, day: date, field: str) -> None:
    if not offering.start_date <= day <= offering.end_date:
        raise InvalidField(
            field,
            f"تاریخ بازدید باید در بازهٔ برگزاری دوره باشد "
            f"({format_jalali_display(offering.start_date)} تا "
            f"{format_jalali_display(offering.end_date)}).",
        )


def record_visit(
    session: Session,
    visit_id: int,
    visit_date: date,
    ratings: Sequence[ChecklistRating],
    findings: str = "",
) -> SupervisionVisit:
    """Record what the supervisor saw: every active checklist item rated 0–4, the score and
    findings. Recording again replaces the earlier ratings."""
    require(session, Permission.RECORD_SUPERVISION)
    visit = _visit(session, visit_id)
    if visit.status == VisitStatus.CANCELLED:
        raise InvalidField("visit", "این بازدید لغو شده است و نمی‌توان نتیجه‌ای برای آن ثبت کرد.")
    offering = session.get(Offering, visit.offering_id)
    assert offering is not None
    if offering.status not in RECORDABLE:
        raise InvalidField("visit", "دوره هنوز شروع نشده است؛ نتیجهٔ بازدید پس از شروع ثبت می‌شود.")
    _check_in_offering(offering, visit_date, "visit_date")
    items = {item.id: item for item in checklist(session)}
    given = {rating.item_id: rating for rating in ratings}
    missing = [item.text for item_id, item in items.items() if item_id not in given]
    if missing:
        raise InvalidField("ratings", f"بند «{missing[0]}» از چک‌لیست امتیاز نگرفته است.")
    for rating in ratings:
        if rating.item_id not in items:
            raise InvalidField("ratings", "یکی از بندهای امتیازداده‌شده در چک‌لیست فعال نیست.")
        if not 0 <= rating.value <= MAX_VALUE:
            raise InvalidField("ratings", "امتیاز هر بند باید از ۰ تا ۴ باشد.")
    visit.scores.clear()
    session.flush()
    for rating in ratings:
        note = normalize_multiline(rating.note) or None
        item = items[rating.item_id]
        visit.scores.append(
            VisitChecklistScore(
                item_id=item.id,
                value=rating.value,
                note=note,
                item_text=item.text,
                item_weight=item.weight,
            )
        )
    visit.score = weighted_score([(items[r.item_id].weight, r.value) for r in ratings])
    visit.visit_date = visit_date
    visit.findings = normalize_multiline(findings) or None
    visit.status = VisitStatus.DONE
    session.flush()
    return visit


def cancel_visit(session: Session, visit_id: int, reason: str) -> SupervisionVisit:
    require(session, Permission.RECORD_SUPERVISION)
    visit = _visit(session, visit_id)
    if visit.status == VisitStatus.DONE:
        raise InvalidField("visit", "بازدید انجام‌شده را نمی‌توان لغو کرد.")
    clean = normalize_multiline(reason)
    if not clean:
        raise InvalidField("reason", "دلیل لغو بازدید را بنویسید.")
    visit.status = VisitStatus.CANCELLED
    visit.findings = clean
    session.flush()
    return visit


def add_action(
    session: Session, visit_id: int, description: str, owner: str, due_date: date | None
) -> CorrectiveAction:
    """A corrective action the visit calls for, with who does it and by when."""
    require(session, Permission.RECORD_SUPERVISION)
    visit = _visit(session, visit_id)
    text = normalize_multiline(description)
    who = normalize_text(owner)
    if not text:
        raise InvalidField("description", "شرح اقدام اصلاحی را بنویسید.")
    if not who:
        raise InvalidField("owner", "مسئول اقدام اصلاحی را بنویسید.")
    start = visit.visit_date or visit.planned_date
    if due_date is not None and due_date < start:
        raise InvalidField("due_date", "مهلت اقدام اصلاحی نمی‌تواند پیش از تاریخ بازدید باشد.")
    action = CorrectiveAction(
        visit_id=visit.id, description=text, owner=who, due_date=due_date, status=ActionStatus.OPEN
    )
    session.add(action)
    session.flush()
    return action


def set_action_status(session: Session, action_id: int, status: ActionStatus) -> CorrectiveAction:
    require(session, Permission.RECORD_SUPERVISION)
    action = session.get(CorrectiveAction, action_id)
    if action is None:
        raise InvalidField("action", "این اقدام اصلاحی پیدا نشد.")
    action.status = status
    session.flush()
    return action


def raise_need(
    session: Session,
    visit_id: int,
    topic: str,
    target_group: PersonCategory,
    estimated_count: int,
    priority: Priority = Priority.MEDIUM,
) -> Need:
    """Turn a finding into a training need (stage 1) whose source is this visit."""
    require(session, Permission.RECORD_SUPERVISION)
    visit = _visit(session, visit_id)
    clean = normalize_text(topic)
    if not clean:
        raise InvalidField("topic", "موضوع نیاز آموزشی را بنویسید.")
    if not 1 <= estimated_count <= 100_000:
        raise InvalidField("estimated_count", "تعداد تخمینی باید عددی مثبت باشد.")
    offering = session.get(Offering, visit.offering_id)
    assert offering is not None
    need = Need(
        year=jalali_year_of(visit.visit_date or visit.planned_date),
        source=NeedSource.SUPERVISION,
        supervision_visit_id=visit.id,
        topic=clean,
        course_id=offering.course_id,
        target_group=target_group,
        estimated_count=estimated_count,
        priority=priority,
        status=NeedStatus.NEW,
    )
    session.add(need)
    session.flush()
    return need


def needs_of_visit(session: Session, visit_id: int) -> list[Need]:
    return list(session.scalars(select(Need).where(Need.supervision_visit_id == visit_id)))
