"""The registry and an offering's roster as xlsx (right-to-left sheets, codes as text)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import County, Offering, OrgUnit, Person
from shahrtrain_desktop.persian import format_jalali
from shahrtrain_desktop.services.enrolment_lists import roster
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.xlsx import SheetColumn, new_workbook, save_workbook, write_table

Report = Callable[[str, int, int], None]
BATCH = 2000

REGISTRY_SHEET = "افراد"
ROSTER_SHEET = "فهرست فراگیران"
REGISTRY_COLUMNS = (
    SheetColumn("کد ملی", 13, text=True),
    SheetColumn("نام", 14),
    SheetColumn("نام خانوادگی", 18),
    SheetColumn("نام پدر", 12),
    SheetColumn("جنسیت", 8),
    SheetColumn("تاریخ تولد", 12, text=True),
    SheetColumn("تلفن همراه", 13, text=True),
    SheetColumn("تحصیلات", 13),
    SheetColumn("سمت", 20),
    SheetColumn("گروه", 11),
    SheetColumn("واحد سازمانی", 26),
    SheetColumn("شهرستان", 12),
)
ROSTER_COLUMNS = (
    SheetColumn("ردیف", 6),
    SheetColumn("کد ملی", 13, text=True),
    SheetColumn("نام و نام خانوادگی", 24),
    SheetColumn("نام پدر", 12),
    SheetColumn("گروه", 11),
    SheetColumn("واحد سازمانی", 26),
    SheetColumn("وضعیت", 12),
    SheetColumn("نوبت انتظار", 9),
    SheetColumn("دلیل پذیرش خارج از گروه هدف", 30),
)


def _registry_rows(session: Session, report: Report | None) -> Iterator[tuple[object, ...]]:
    query = (
        select(Person, OrgUnit.name, County.name)
        .outerjoin(OrgUnit, OrgUnit.id == Person.org_unit_id)
        .outerjoin(County, County.id == OrgUnit.county_id)
        .order_by(Person.last_name, Person.first_name, Person.id)
        .execution_options(yield_per=BATCH)
    )
    for done, (p, unit, county) in enumerate(session.execute(query), start=1):
        if report is not None and done % BATCH == 0:
            report("", done, 0)
        yield (
            p.national_code,
            p.first_name,
            p.last_name,
            p.father_name,
            label(p.gender),
            format_jalali(p.birth_date, persian_digits=False),
            p.mobile,
            label(p.education),
            p.post,
            label(p.category),
            unit,
            county,
        )


def export_registry(session: Session, path: Path, report: Report | None = None) -> Path:
    workbook = new_workbook()
    write_table(workbook, REGISTRY_SHEET, REGISTRY_COLUMNS, _registry_rows(session, report))
    return save_workbook(workbook, path)


def export_roster(session: Session, offering_id: int, path: Path) -> Path:
    offering = session.get(Offering, offering_id)
    if offering is None:
        raise LookupError("دوره پیدا نشد.")
    rows = [
        (
            number,
            line.national_code,
            line.full_name,
            line.father_name,
            label(line.category),
            line.org_unit,
            label(line.status),
            line.waiting_position,
            line.override_reason,
        )
        for number, line in enumerate(roster(session, offering_id), start=1)
    ]
    workbook = new_workbook()
    title = f"{ROSTER_SHEET} {offering.code}"
    write_table(workbook, title, ROSTER_COLUMNS, rows)
    return save_workbook(workbook, path)
