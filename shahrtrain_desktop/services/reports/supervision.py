"""Supervision on paper: one visit's report (checklist, findings, corrective actions, needs
raised) and the supervision summary of a period (every visit and the actions still open)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import (
    CorrectiveAction,
    Course,
    Offering,
    SupervisionVisit,
    User,
)
from shahrtrain_desktop.models.enums import ActionStatus, VisitStatus
from shahrtrain_desktop.pdf.report import Column, ReportDocument
from shahrtrain_desktop.pdf.rtl import embed_ltr
from shahrtrain_desktop.persian import TEHRAN, InvalidField, format_jalali, to_persian_digits
from shahrtrain_desktop.services import settings
from shahrtrain_desktop.services.dashboard_period import Period, in_period
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.supervision import VALUE_LABELS, needs_of_visit, scored_items


def _n(value: float | int | None, decimals: int = 1) -> str:
    return "—" if value is None else to_persian_digits(value, grouping=True, decimals=decimals)


def _document(session: Session, path: Path, title: str, subtitle: str) -> ReportDocument:
    return ReportDocument(
        path,
        title,
        settings.get_setting(session, settings.OFFICE_NAME),
        subtitle=subtitle,
        printed_on=format_jalali(datetime.now(TEHRAN).date()),
    )


def _action_rows(actions: list[CorrectiveAction]) -> list[list[str]]:
    return [
        [a.description, a.owner, format_jalali(a.due_date) or "—", label(a.status)] for a in actions
    ]


ACTION_COLUMNS = [
    Column("اقدام اصلاحی", 4.0),
    Column("مسئول", 1.6),
    Column("مهلت", 1.1, align="center", date=True),
    Column("وضعیت", 0.9, align="center"),
]


def write_visit_report(session: Session, visit_id: int, path: Path) -> Path:
    visit = session.get(SupervisionVisit, visit_id)
    if visit is None:
        raise InvalidField("visit", f"بازدید شمارهٔ {to_persian_digits(visit_id)} پیدا نشد.")
    offering = visit.offering
    supervisor = session.get(User, visit.supervisor_id) if visit.supervisor_id else None
    doc = _document(
        session,
        path,
        "گزارش بازدید نظارتی",
        f"{offering.course.title} — دورهٔ {embed_ltr(to_persian_digits(offering.code))}",
    )
    try:
        doc.figures(
            [
                ("تاریخ بازدید", format_jalali(visit.visit_date or visit.planned_date)),
                ("ناظر", supervisor.full_name if supervisor else "—"),
                ("وضعیت", label(visit.status)),
                ("امتیاز (از ۱۰۰)", _n(visit.score)),
            ]
        )
        doc.paragraph(
            f"دوره از {format_jalali(offering.start_date)} تا {format_jalali(offering.end_date)}"
            f" در شهرستان {offering.county.name if offering.county else '—'} "
            f"به شیوهٔ {label(offering.mode)} برگزار می‌شود."
        )
        scores = scored_items(session, visit.id)
        if scores:
            doc.heading("چک‌لیست نظارت")
            doc.table(
                [
                    Column("بند", 3.6),
                    Column("وزن", 0.7, align="center"),
                    Column("ارزیابی (۰ تا ۴)", 1.3, align="center"),
                    Column("توضیح", 2.6),
                ],
                [
                    [
                        s.text,
                        _n(s.weight),
                        f"{to_persian_digits(s.value)} — {VALUE_LABELS[s.value]}",
                        s.note or "",
                    ]
                    for s in scores
                ],
            )
        doc.heading("یافته‌ها")
        doc.paragraph(visit.findings or "یافته‌ای ثبت نشده است.")
        if visit.actions:
            doc.heading("اقدام‌های اصلاحی")
            doc.table(ACTION_COLUMNS, _action_rows(list(visit.actions)))
        needs = needs_of_visit(session, visit.id)
        if needs:
            doc.heading("نیازهای آموزشی برخاسته از این بازدید")
            doc.table(
                [Column("موضوع", 4.0), Column("گروه هدف", 1.4), Column("تعداد", 0.8)],
                [[n.topic, label(n.target_group), _n(n.estimated_count, 0)] for n in needs],
            )
        return doc.save()
    except BaseException:
        doc.discard()
        raise


def write_supervision_summary(session: Session, period: Period, path: Path) -> Path:
    visits = session.execute(
        select(SupervisionVisit, Offering.code, Course.title, User.full_name)
        .join(Offering, Offering.id == SupervisionVisit.offering_id)
        .join(Course, Course.id == Offering.course_id)
        .outerjoin(User, User.id == SupervisionVisit.supervisor_id)
        .where(in_period(period))
        .order_by(SupervisionVisit.planned_date)
    ).all()
    done = [v for v, *_ in visits if v.status == VisitStatus.DONE]
    scores = [v.score for v in done if v.score is not None]
    open_actions = session.execute(
        select(CorrectiveAction, Offering.code)
        .join(SupervisionVisit, SupervisionVisit.id == CorrectiveAction.visit_id)
        .join(Offering, Offering.id == SupervisionVisit.offering_id)
        .where(in_period(period), CorrectiveAction.status == ActionStatus.OPEN)
        .order_by(CorrectiveAction.due_date)
    ).all()
    doc = _document(session, path, "خلاصهٔ نظارت و پایش", period.title())
    try:
        doc.figures(
            [
                ("بازدیدهای انجام‌شده", _n(len(done), 0)),
                (
                    "بازدیدهای برنامه‌ریزی‌شده",
                    _n(sum(v.status == VisitStatus.PLANNED for v, *_ in visits), 0),
                ),
                ("میانگین امتیاز", _n(sum(scores) / len(scores) if scores else None)),
                ("اقدام‌های اصلاحی باز", _n(len(open_actions), 0)),
            ]
        )
        doc.heading("بازدیدها")
        doc.table(
            [
                Column("کد دوره", 1.5, align="center", code=True),
                Column("عنوان دوره", 3.4),
                Column("تاریخ", 1.1, align="center", date=True),
                Column("ناظر", 1.4),
                Column("امتیاز", 0.8, align="center"),
                Column("وضعیت", 1.1, align="center"),
            ],
            [
                [
                    embed_ltr(to_persian_digits(code)),
                    title,
                    format_jalali(v.visit_date or v.planned_date),
                    who or "—",
                    _n(v.score),
                    label(v.status),
                ]
                for v, code, title, who in visits
            ],
        )
        if open_actions:
            doc.heading("اقدام‌های اصلاحی باز")
            doc.table(
                [Column("کد دوره", 1.4, align="center", code=True), *ACTION_COLUMNS],
                [
                    [embed_ltr(to_persian_digits(code)), *row]
                    for (action, code), row in zip(
                        open_actions, _action_rows([a for a, _c in open_actions]), strict=True
                    )
                ],
            )
        return doc.save()
    except BaseException:
        doc.discard()
        raise
