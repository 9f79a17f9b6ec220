"""The annual training plan on paper (landscape Persian PDF) and as a right-to-left xlsx.

``plan_rows`` prepares every display string once (Jalali dates, Persian digits, labels), so the
PDF and the workbook show the same plan; ``write_plan`` picks the format from the suffix.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from reportlab.lib.units import mm
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import County, CourseCategory
from shahrtrain_desktop.pdf.report import Column, ReportDocument
from shahrtrain_desktop.persian import (
    TEHRAN,
    InvalidField,
    format_jalali,
    to_persian_digits,
)
from shahrtrain_desktop.services.annual_plan import AnnualPlan, PlanFilters, annual_plan
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.settings import OFFICE_NAME, get_setting
from shahrtrain_desktop.services.xlsx import SheetColumn, new_workbook, save_workbook, write_table

TITLE = "برنامهٔ سالانهٔ آموزش سال {year}"
MSG_FORMAT = "پروندهٔ خروجی باید ‎.pdf‎ یا ‎.xlsx‎ باشد."
MONTH_HEADERS = (
    "ماه",
    "دوره‌های برنامه‌ریزی‌شده",
    "دوره‌های برگزارشده",
    "نفر-ساعت برنامه",
    "نفر-ساعت اجراشده",
)
OFFERING_HEADERS = (
    "ماه",
    "کد دوره",
    "عنوان دوره",
    "دسته",
    "گروه هدف",
    "شهرستان",
    "آغاز",
    "پایان",
    "ساعت",
    "ظرفیت",
    "ثبت‌نام",
    "وضعیت",
    "نفر-ساعت برنامه",
)

UNPLANNED_HEADERS = ("موضوع نیاز", "گروه هدف", "تعداد برآوردی", "اولویت", "منبع")
UNPLANNED_TITLE = "نیازهای پذیرفته‌شده‌ای که هنوز دوره‌ای برایشان برنامه‌ریزی نشده است"
NO_UNPLANNED = "همهٔ نیازهای پذیرفته‌شده در برنامه جای گرفته‌اند."

KEEP_WITH_HEADING = 35 * mm  # a heading, the table header and a first row

Report = Callable[[int, int], None]  # (done, total) — raise to cancel


def _n(value: float) -> str:
    return to_persian_digits(value, grouping=True, decimals=1)


def month_rows(plan: AnnualPlan) -> list[list[str]]:
    rows = [
        [
            month.name,
            _n(month.planned),
            _n(month.held),
            _n(month.planned_person_hours),
            _n(month.actual_person_hours),
        ]
        for month in plan.months
    ]
    rows.append(
        [
            "جمع سال",
            _n(plan.planned),
            _n(plan.held),
            _n(plan.planned_person_hours),
            _n(plan.actual_person_hours),
        ]
    )
    return rows


def offering_rows(plan: AnnualPlan) -> list[list[str]]:
    return [
        [
            plan.months[o.start_month - 1].name,
            to_persian_digits(o.code),
            o.title,
            o.category,
            label(o.target_group) or "همه",
            o.county,
            format_jalali(o.start_date),
            format_jalali(o.end_date),
            _n(o.hours),
            _n(o.capacity),
            _n(o.enrolled),
            label(o.status),
            _n(o.planned_person_hours),
        ]
        for o in plan.offerings
    ]


def filters_text(session: Session, filters: PlanFilters) -> str:
    parts = []
    if filters.category_id is not None:
        category = session.get(CourseCategory, filters.category_id)
        parts.append(f"دسته: {category.name if category else '—'}")
    if filters.county_id is not None:
        county = session.get(County, filters.county_id)
        parts.append(f"شهرستان: {county.name if county else '—'}")
    if filters.target_group is not None:
        parts.append(f"گروه هدف: {label(filters.target_group)}")
    return "، ".join(parts)


def write_plan_pdf(
    session: Session, plan: AnnualPlan, path: Path, report: Report | None = None
) -> Path:
    year = to_persian_digits(plan.year)
    subtitle = filters_text(session, plan.filters)
    printed_on = format_jalali(datetime.now(TEHRAN).date())
    doc = ReportDocument(
        path,
        TITLE.format(year=year),
        get_setting(session, OFFICE_NAME),
        subtitle=subtitle,
        printed_on=printed_on,
        wide=True,
    )
    try:
        doc.figures(
            [
                ("دوره‌های برنامه‌ریزی‌شده", _n(plan.planned)),
                ("دوره‌های برگزارشده", _n(plan.held)),
                ("نفر-ساعت برنامه", _n(plan.planned_person_hours)),
                ("نفر-ساعت اجراشده", _n(plan.actual_person_hours)),
            ]
        )
        doc.ensure_room(KEEP_WITH_HEADING)
        doc.heading("دوازده ماه سال")
        doc.table(
            [Column(MONTH_HEADERS[0], 1.2)]
            + [Column(h, 1.0, align="center") for h in MONTH_HEADERS[1:]],
            month_rows(plan),
        )
        doc.bar_chart(
            [m.name for m in plan.months], [m.planned for m in plan.months], height=55 * mm
        )
        columns = [
            Column("کد دوره", 1.5, align="center", code=True),
            Column("عنوان دوره", 4.0),
            Column("دسته", 1.4),
            Column("گروه هدف", 1.1),
            Column("شهرستان", 1.1),
            Column("آغاز", 1.2, align="center", date=True),
            Column("پایان", 1.2, align="center", date=True),
            Column("ساعت", 0.7, align="center"),
            Column("ظرفیت", 0.7, align="center"),
            Column("ثبت‌نام", 0.7, align="center"),
            Column("وضعیت", 1.2),
            Column("نفر-ساعت برنامه", 1.1, align="center"),
        ]
        rows = offering_rows(plan)
        by_month: dict[str, list[list[str]]] = {}
        for row in rows:
            by_month.setdefault(row[0], []).append(row[1:])
        for index, month in enumerate(plan.months, start=1):
            if report is not None:
                report(index, 12)
            doc.ensure_room(KEEP_WITH_HEADING)
            doc.heading(f"{month.name} {year} — {to_persian_digits(month.planned)} دوره")
            month_offerings = by_month.get(month.name, [])
            if month_offerings:
                doc.table(columns, month_offerings)
            else:
                doc.paragraph("در این ماه دوره‌ای برنامه‌ریزی نشده است.", size=9)
        doc.ensure_room(KEEP_WITH_HEADING)
        doc.heading(UNPLANNED_TITLE)
        if plan.unplanned:
            doc.table(
                [Column(UNPLANNED_HEADERS[0], 5)]
                + [Column(h, 1.2, align="center") for h in UNPLANNED_HEADERS[1:]],
                [[n.topic, label(n.target_group), _n(n.estimated_count), label(n.priority),
                  label(n.source)] for n in plan.unplanned],
            )  # fmt: skip
        else:
            doc.paragraph(NO_UNPLANNED, size=9)
        return doc.save()
    except BaseException:
        doc.discard()
        raise


def write_plan_xlsx(plan: AnnualPlan, path: Path) -> Path:
    workbook = new_workbook()
    write_table(
        workbook,
        "ماه‌ها",
        [SheetColumn(MONTH_HEADERS[0], 14)] + [SheetColumn(h, 18) for h in MONTH_HEADERS[1:]],
        [
            [
                m.name,
                m.planned,
                m.held,
                round(m.planned_person_hours, 1),
                round(m.actual_person_hours, 1),
            ]
            for m in plan.months
        ],
    )
    write_table(
        workbook,
        f"برنامهٔ {plan.year}",
        [
            SheetColumn("ماه", 10),
            SheetColumn("کد دوره", 16, text=True),
            SheetColumn("عنوان دوره", 48),
            SheetColumn("دسته", 16),
            SheetColumn("گروه هدف", 12),
            SheetColumn("شهرستان", 12),
            SheetColumn("آغاز", 12, text=True),
            SheetColumn("پایان", 12, text=True),
            SheetColumn("ساعت", 8),
            SheetColumn("ظرفیت", 8),
            SheetColumn("ثبت‌نام", 8),
            SheetColumn("وضعیت", 14),
            SheetColumn("نفر-ساعت برنامه", 14),
            SheetColumn("نیازهای پاسخ‌داده", 40),
        ],
        [
            [
                plan.months[o.start_month - 1].name,
                o.code,
                o.title,
                o.category,
                label(o.target_group) or "همه",
                o.county,
                format_jalali(o.start_date),
                format_jalali(o.end_date),
                o.hours,
                o.capacity,
                o.enrolled,
                label(o.status),
                round(o.planned_person_hours, 1),
                "، ".join(o.needs),
            ]
            for o in plan.offerings
        ],
    )
    write_table(
        workbook,
        "نیازهای بی‌برنامه",
        [SheetColumn(h, w) for h, w in zip(UNPLANNED_HEADERS, (48, 12, 12, 10, 14), strict=True)],
        [[n.topic, label(n.target_group), n.estimated_count, label(n.priority), label(n.source)]
         for n in plan.unplanned],
    )  # fmt: skip
    return save_workbook(workbook, path)


def write_plan(
    session: Session,
    year: int,
    path: Path,
    filters: PlanFilters | None = None,
    report: Report | None = None,
) -> AnnualPlan:
    """Build the plan of ``year`` and write it as PDF or xlsx according to ``path``'s suffix."""
    suffix = path.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise InvalidField("out", MSG_FORMAT)
    plan = annual_plan(session, year, filters)
    if suffix == ".pdf":
        write_plan_pdf(session, plan, path, report)
    else:
        write_plan_xlsx(plan, path)
    return plan
