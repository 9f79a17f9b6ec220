"""Stage 1, needs assessment: record needs, move them new → accepted → planned (or rejected
with a reason), sum them by topic × target group, and link accepted needs to offerings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import Document, Need, Offering, offering_need
from shahrtrain_desktop.models.enums import NeedSource, NeedStatus, PersonCategory, Priority
from shahrtrain_desktop.persian import (
    InvalidField,
    normalize_multiline,
    normalize_text,
    to_persian_digits,
)
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.permissions import Permission, require

MIN_YEAR, MAX_YEAR = 1390, 1500
MAX_COUNT = 100_000

MSG_SOURCE = "منبع نیاز را انتخاب کنید (ابلاغیه، درخواست شهرداری، پیمایش یا یافتهٔ نظارت)."
MSG_DOCUMENT = (
    "برای نیازی که از «{source}» آمده است، نامهٔ منبع (شماره، تاریخ، صادرکننده) را انتخاب کنید."
)
MSG_DOCUMENT_GONE = "نامهٔ منبع پیدا نشد؛ شاید حذف شده است."
MSG_TOPIC = "موضوع نیاز را وارد کنید."
MSG_TOPIC_LONG = "موضوع نیاز بیش از ۳۰۰ نویسه است."
MSG_TARGET = "گروه هدف را انتخاب کنید."
MSG_COUNT = "تعداد برآوردی افراد باید عددی از ۰ تا ۱۰۰٬۰۰۰ باشد."
MSG_YEAR = "سال نیاز باید سالی شمسی میان ۱۳۹۰ و ۱۵۰۰ باشد."
MSG_NOT_FOUND = "نیاز پیدا نشد؛ شاید کاربر دیگری آن را حذف کرده است."
MSG_REASON = "دلیل رد نیاز را بنویسید."
MSG_CANNOT = "نیاز «{topic}» در وضعیت «{status}» است و نمی‌توان آن را {action}."
MSG_NOT_ACCEPTED = (
    "نیاز «{topic}» هنوز پذیرفته نشده است ({status})؛ فقط نیازهای پذیرفته به دوره تبدیل می‌شوند."
)
MSG_PLANNED_EDIT = (
    "نیاز «{topic}» به دوره‌ای پیوند خورده است؛ منبع و گروه هدف آن را نمی‌توان تغییر داد."
)

SOURCES_WITH_LETTER = (NeedSource.NOTICE, NeedSource.MUNICIPALITY_REQUEST)


@dataclass(frozen=True)
class NeedInput:
    year: int
    source: NeedSource | None
    topic: str
    target_group: PersonCategory | None
    estimated_count: int = 0
    priority: Priority = Priority.MEDIUM
    document_id: int | None = None
    supervision_visit_id: int | None = None
    course_id: int | None = None
    post: str = ""
    org_unit_id: int | None = None
    notes: str = ""


def _validate(session: Session, data: NeedInput) -> NeedInput:
    if data.source is None:
        raise InvalidField("source", MSG_SOURCE)
    source = NeedSource(data.source)
    if source in SOURCES_WITH_LETTER:
        if data.document_id is None:
            raise InvalidField("document", MSG_DOCUMENT.format(source=label(source)))
        if session.get(Document, data.document_id) is None:
            raise InvalidField("document", MSG_DOCUMENT_GONE)
    topic = normalize_text(data.topic)
    if not topic:
        raise InvalidField("topic", MSG_TOPIC)
    if len(topic) > 300:
        raise InvalidField("topic", MSG_TOPIC_LONG)
    if data.target_group is None:
        raise InvalidField("target_group", MSG_TARGET)
    if not 0 <= int(data.estimated_count) <= MAX_COUNT:
        raise InvalidField("estimated_count", MSG_COUNT)
    if not MIN_YEAR <= int(data.year) <= MAX_YEAR:
        raise InvalidField("year", MSG_YEAR)
    return NeedInput(
        year=int(data.year),
        source=source,
        topic=topic,
        target_group=PersonCategory(data.target_group),
        estimated_count=int(data.estimated_count),
        priority=Priority(data.priority),
        document_id=data.document_id,
        supervision_visit_id=data.supervision_visit_id,
        course_id=data.course_id,
        post=normalize_text(data.post)[:120],
        org_unit_id=data.org_unit_id,
        notes=normalize_multiline(data.notes),
    )


def _get(session: Session, need_id: int) -> Need:
    need = session.get(Need, need_id)
    if need is None:
        raise InvalidField("need", MSG_NOT_FOUND)
    return need


def save_need(session: Session, data: NeedInput, need_id: int | None = None) -> Need:
    """Create a need (status «new») or update one; a planned need keeps source and group."""
    require(session, Permission.PLAN_OFFERINGS)
    clean = _validate(session, data)
    if need_id is None:
        need = Need(status=NeedStatus.NEW)
        session.add(need)
    else:
        need = _get(session, need_id)
        if need.status == NeedStatus.PLANNED and (
            need.source != clean.source or need.target_group != clean.target_group
        ):
            raise InvalidField("source", MSG_PLANNED_EDIT.format(topic=need.topic))
    need.year = clean.year
    assert clean.source is not None and clean.target_group is not None  # _validate checked
    need.source = clean.source
    need.topic = clean.topic
    need.target_group = clean.target_group
    need.estimated_count = clean.estimated_count
    need.priority = clean.priority
    need.document_id = clean.document_id  # a survey may cite a letter too
    need.supervision_visit_id = clean.supervision_visit_id
    need.course_id = clean.course_id
    need.post = clean.post or None
    need.org_unit_id = clean.org_unit_id
    need.notes = clean.notes or None
    session.flush()
    return need


def _refuse(need: Need, action: str) -> InvalidField:
    return InvalidField(
        "status",
        MSG_CANNOT.format(topic=need.topic, status=label(need.status), action=action),
    )


def accept_need(session: Session, need_id: int) -> Need:
    """new (or a rejected need reconsidered) → accepted."""
    require(session, Permission.PLAN_OFFERINGS)
    need = _get(session, need_id)
    if need.status not in (NeedStatus.NEW, NeedStatus.REJECTED):
        raise _refuse(need, "پذیرفت")
    need.status = NeedStatus.ACCEPTED
    need.rejection_reason = None
    session.flush()
    return need


def reject_need(session: Session, need_id: int, reason: str) -> Need:
    """new or accepted → rejected, with a written reason."""
    require(session, Permission.PLAN_OFFERINGS)
    need = _get(session, need_id)
    text = normalize_multiline(reason)
    if not text:
        raise InvalidField("rejection_reason", MSG_REASON)
    if need.status not in (NeedStatus.NEW, NeedStatus.ACCEPTED):
        raise _refuse(need, "رد کرد")
    need.status = NeedStatus.REJECTED
    need.rejection_reason = text
    session.flush()
    return need


def link_needs(session: Session, offering: Offering, need_ids: Iterable[int]) -> None:
    """Make ``offering`` answer these needs: each must be accepted (or already planned)."""
    require(session, Permission.PLAN_OFFERINGS)
    wanted = {int(i) for i in need_ids}
    for need in list(offering.needs):
        if need.id not in wanted:
            offering.needs.remove(need)
            session.flush()
            if not _has_offering(session, need.id):
                need.status = NeedStatus.ACCEPTED
    current = {need.id for need in offering.needs}
    for need_id in sorted(wanted - current):
        need = _get(session, need_id)
        if need.status not in (NeedStatus.ACCEPTED, NeedStatus.PLANNED):
            raise InvalidField(
                "needs",
                MSG_NOT_ACCEPTED.format(topic=need.topic, status=label(need.status)),
            )
        offering.needs.append(need)
        need.status = NeedStatus.PLANNED
    session.flush()


def _has_offering(session: Session, need_id: int) -> bool:
    return bool(session.scalar(select(exists().where(offering_need.c.need_id == need_id))))


def unplanned_needs(session: Session, year: int | None = None) -> list[Need]:
    """Accepted needs no offering answers yet, most urgent and largest first."""
    linked = exists().where(offering_need.c.need_id == Need.id)
    query = select(Need).where(Need.status == NeedStatus.ACCEPTED, ~linked)
    if year is not None:
        query = query.where(Need.year == year)
    needs = list(session.scalars(query))
    order = {p: i for i, p in enumerate(Priority)}
    return sorted(needs, key=lambda n: (order[n.priority], -n.estimated_count, n.id))


# --------------------------------------------------------------------------------------------
# Summary by topic × target group


@dataclass
class SummaryCell:
    needs: int = 0
    people: int = 0


@dataclass
class NeedsSummary:
    """Non-rejected needs of a year: rows are topics, columns target groups."""

    year: int
    groups: tuple[PersonCategory, ...]
    topics: list[str] = field(default_factory=list)
    cells: dict[tuple[str, PersonCategory], SummaryCell] = field(default_factory=dict)
    unplanned: dict[str, int] = field(default_factory=dict)  # topic -> accepted, not planned

    def cell(self, topic: str, group: PersonCategory) -> SummaryCell:
        return self.cells.get((topic, group), SummaryCell())

    def topic_total(self, topic: str) -> SummaryCell:
        total = SummaryCell()
        for group in self.groups:
            cell = self.cell(topic, group)
            total.needs += cell.needs
            total.people += cell.people
        return total

    def table(self) -> tuple[list[str], list[list[str]]]:
        """Header and rows of display text (Persian digits): «needs (people)» per group."""
        header = ["موضوع", *(label(g) for g in self.groups), "جمع", "بی‌برنامه"]
        rows = []
        for topic in self.topics:
            cells = [self.cell(topic, g) for g in self.groups] + [self.topic_total(topic)]
            rows.append(
                [
                    topic,
                    *(_cell_text(c) for c in cells),
                    to_persian_digits(self.unplanned.get(topic, 0)),
                ]
            )
        return header, rows


def _cell_text(cell: SummaryCell) -> str:
    if not cell.needs:
        return "—"
    return f"{to_persian_digits(cell.needs)} ({to_persian_digits(cell.people, grouping=True)} نفر)"


def needs_summary(session: Session, year: int) -> NeedsSummary:
    linked = exists().where(offering_need.c.need_id == Need.id)
    rows = session.execute(
        select(Need.topic, Need.target_group, Need.estimated_count, Need.status, linked)
        .where(Need.year == year, Need.status != NeedStatus.REJECTED)
        .order_by(Need.topic)
    ).all()
    groups = tuple(g for g in PersonCategory if any(r.target_group == g for r in rows))
    summary = NeedsSummary(year=year, groups=groups or tuple(PersonCategory)[:3])
    for topic, group, count, status, has_offering in rows:
        if topic not in summary.topics:
            summary.topics.append(topic)
        cell = summary.cells.setdefault((topic, PersonCategory(group)), SummaryCell())
        cell.needs += 1
        cell.people += count or 0
        if status == NeedStatus.ACCEPTED and not has_offering:
            summary.unplanned[topic] = summary.unplanned.get(topic, 0) + 1
    summary.topics.sort(key=lambda t: -summary.topic_total(t).people)
    return summary


def needs_of(session: Session, need_ids: Sequence[int]) -> list[Need]:
    return [_get(session, i) for i in need_ids]
