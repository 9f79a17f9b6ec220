"""The annual performance report (گزارش عملکرد سالانه): the dashboard's year on paper (Persian
PDF) and as a right-to-left workbook. Person-hours are the headline of every page.

``annual_tables`` prepares every display string once so the PDF and the workbook agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from reportlab.lib.units import mm
from sqlalchemy.orm import Session

from shahrtrain_desktop.pdf.report import Column, ReportDocument
from shahrtrain_desktop.persian import TEHRAN, InvalidField, format_jalali, to_persian_digits
from shahrtrain_desktop.services.dashboard import Dashboard, Period, Slice, build_dashboard
from shahrtrain_desktop.services.settings import OFFICE_NAME, get_setting
from shahrtrain_desktop.services.xlsx import SheetColumn, new_workbook, save_workbook, write_table

TITLE = "گزارش عملکرد آموزش {period}"
MSG_FORMAT = "پروندهٔ خروجی باید ‎.pdf‎ یا ‎.xlsx‎ باشد."
SLICE_HEADERS = ("فراگیران", "نفر-ساعت", "سهم از نفر-ساعت (درصد)")
MONTH_HEADERS = ("ماه", "دوره‌های برنامه‌ریزی‌شده", "دوره‌های اجراشده", "فراگیران", "نفر-ساعت")
COVERAGE_HEADERS = (
    "گروه هدف",
    "تعداد افراد",
    "آموزش‌دیده",
    "بدون آموزش",
    "پوشش (درصد)",
    "حداقل ساعت سالانه",
    "کمتر از حداقل",
)


def n(value: float | int | None, decimals: int = 0) -> str:
    if value is None:
        return "—"
    return to_persian_digits(value, grouping=True, decimals=decimals)


@dataclass(frozen=True)
class AnnualTables:
    dashboard: Dashboard
    figures: list[tuple[str, str]]
    quality: list[tuple[str, str]]
    months: list[list[str]]
    counties: list[list[str]]
    org_units: list[list[str]]
    categories: list[list[str]]
    target_groups: list[list[str]]
    coverage: list[list[str]]


def _slices(slices: list[Slice], total_hours: float) -> list[list[str]]:
    return [
        [
            s.label,
            n(s.trainees),
            n(s.person_hours),
            n(100 * s.person_hours / total_hours if total_hours else 0, 1),
        ]
        for s in slices
    ]


def annual_tables(session: Session, period: Period) -> AnnualTables:
    d = build_dashboard(session.connection(), period)
    figures = [
        ("نفر-ساعت آموزش", n(d.person_hours)),
        ("فراگیران", n(d.trainees)),
        ("دوره‌های اجراشده از برنامه", f"{n(d.held)} از {n(d.planned)}"),
        ("گواهی‌نامه‌های صادرشده", n(d.certificates_issued)),
    ]
    quality = [
        ("درصد قبولی", n(d.pass_rate, 1)),
        ("رضایت فراگیران (از ۵)", n(d.satisfaction, 2)),
        ("بازدیدهای نظارتی", n(d.visits_done)),
        ("میانگین امتیاز نظارت", n(d.supervision_score, 1)),
    ]
    months = [
        [m.label, n(m.planned), n(m.held), n(m.trainees), n(m.person_hours)] for m in d.by_month
    ]
    coverage = [
        [
            c.label,
            n(c.people),
            n(c.trained),
            n(c.untrained),
            n(c.percent, 1),
            n(c.minimum_hours),
            n(c.below_minimum),
        ]
        for c in d.coverage
    ]
    return AnnualTables(
        d,
        figures,
        quality,
        months,
        _slices(d.by_county, d.person_hours),
        _slices(d.by_org_unit, d.person_hours),
        _slices(d.by_category, d.person_hours),
        _slices(d.by_target_group, d.person_hours),
        coverage,
    )


def _slice_columns(first: str) -> list[Column]:
    return [Column(first, 2.6)] + [Column(h, 1.0, align="center") for h in SLICE_HEADERS]


def write_annual_pdf(session: Session, t: AnnualTables, path: Path) -> Path:
    d = t.dashboard
    period = d.period
    doc = ReportDocument(
        path,
        TITLE.format(period=period.title()),
        get_setting(session, OFFICE_NAME),
        subtitle="نفر-ساعت = تعداد فراگیران × ساعت‌های حضور در دوره",
        printed_on=format_jalali(datetime.now(TEHRAN).date()),
    )
    try:
        doc.figures(t.figures)
        doc.figures(t.quality)
        doc.heading("پوشش آموزشی شهرداران، اعضای شورا و کارکنان")
        doc.table(
            [Column(COVERAGE_HEADERS[0], 1.4)]
            + [Column(h, 1.0, align="center") for h in COVERAGE_HEADERS[1:]],
            t.coverage,
        )
        doc.heading("برنامه و اجرا به تفکیک ماه")
        doc.table(
            [Column(MONTH_HEADERS[0], 1.4)]
            + [Column(h, 1.0, align="center") for h in MONTH_HEADERS[1:]],
            t.months,
        )
        doc.bar_chart([m.label for m in d.by_month], [m.person_hours for m in d.by_month], 55 * mm)
        doc.heading("نفر-ساعت به تفکیک شهرستان")
        doc.table(_slice_columns("شهرستان"), t.counties)
        doc.horizontal_bar_chart(
            [s.label for s in d.by_county], [s.person_hours for s in d.by_county]
        )
        doc.heading("نفر-ساعت به تفکیک گروه دوره")
        doc.table(_slice_columns("گروه دوره"), t.categories)
        doc.horizontal_bar_chart(
            [s.label for s in d.by_category], [s.person_hours for s in d.by_category]
        )
        doc.heading("نفر-ساعت به تفکیک گروه هدف")
        doc.table(_slice_columns("گروه هدف"), t.target_groups)
        doc.horizontal_bar_chart(
            [s.label for s in d.by_target_group], [s.person_hours for s in d.by_target_group]
        )
        doc.heading("نفر-ساعت به تفکیک واحد سازمانی")
        doc.table(_slice_columns("واحد سازمانی"), t.org_units)
        return doc.save()
    except BaseException:
        doc.discard()
        raise


def write_annual_xlsx(t: AnnualTables, path: Path) -> Path:
    workbook = new_workbook()
    write_table(
        workbook,
        "خلاصه",
        [SheetColumn("شاخص", 32), SheetColumn("مقدار", 20)],
        [list(item) for item in t.figures + t.quality],
    )
    write_table(workbook, "ماه‌ها", [SheetColumn(h, 18) for h in MONTH_HEADERS], t.months)
    write_table(workbook, "پوشش", [SheetColumn(h, 16) for h in COVERAGE_HEADERS], t.coverage)
    for title, first, rows in (
        ("شهرستان‌ها", "شهرستان", t.counties),
        ("گروه دوره", "گروه دوره", t.categories),
        ("گروه هدف", "گروه هدف", t.target_groups),
        ("واحدهای سازمانی", "واحد سازمانی", t.org_units),
    ):
        columns = [SheetColumn(first, 30)] + [SheetColumn(h, 18) for h in SLICE_HEADERS]
        write_table(workbook, title, columns, rows)
    return save_workbook(workbook, path)


def write_annual(session: Session, year: int, path: Path) -> Dashboard:
    """``report annual``: the format follows the suffix (.pdf or .xlsx)."""
    suffix = path.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise InvalidField("out", MSG_FORMAT)
    tables = annual_tables(session, Period.of_year(year))
    if suffix == ".pdf":
        write_annual_pdf(session, tables, path)
    else:
        write_annual_xlsx(tables, path)
    return tables.dashboard
