"""The annual plan: twelve Jalali months, counts and person-hours, filters, PDF/xlsx/CLI."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from planning_fixtures import YEAR, fill
from sqlalchemy import select

from shahrtrain_desktop.cli import main
from shahrtrain_desktop.models import County, Offering
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import OfferingStatus, PersonCategory
from shahrtrain_desktop.persian import to_jalali
from shahrtrain_desktop.services.annual_plan import PlanFilters, annual_plan
from shahrtrain_desktop.services.dashboard_headline import headline
from shahrtrain_desktop.services.reports.plan import write_plan


def test_every_offering_sits_in_the_month_it_starts(db: Database) -> None:
    fill(db)
    with db.session() as s:
        plan = annual_plan(s, YEAR)
        expected = s.scalars(
            select(Offering).where(
                Offering.year == YEAR, Offering.status != OfferingStatus.CANCELLED
            )
        ).all()
        assert [m.name for m in plan.months][:2] == ["فروردین", "اردیبهشت"]
        assert len(plan.months) == 12
        assert plan.planned == len(expected)
        for month in plan.months:
            for item in month.offerings:
                assert to_jalali(item.start_date)[1] == month.month
        assert 0 < plan.held < plan.planned
        assert plan.planned_person_hours > 0


def test_actual_person_hours_match_the_headline(db: Database) -> None:
    fill(db)
    with db.session() as s:
        plan = annual_plan(s, YEAR)
        figure = headline(s.connection(), YEAR).person_hours
    # Stage 5 keeps each trainee's hours to two decimals; reports show whole person-hours.
    assert plan.actual_person_hours == pytest.approx(figure, abs=0.5)


def test_filters_narrow_the_plan(db: Database) -> None:
    fill(db)
    with db.session() as s:
        whole = annual_plan(s, YEAR)
        county = s.scalars(select(County)).first()
        assert county is not None
        by_county = annual_plan(s, YEAR, PlanFilters(county_id=county.id))
        mayors = annual_plan(s, YEAR, PlanFilters(target_group=PersonCategory.MAYOR))
        assert 0 < by_county.planned < whole.planned
        assert all(o.county == county.name for o in by_county.offerings)
        assert all(o.target_group == PersonCategory.MAYOR for o in mayors.offerings)


def test_plan_pdf_has_all_twelve_months_in_persian(db: Database, tmp_path: Path) -> None:
    fill(db)
    out = tmp_path / "plan.pdf"
    with db.session() as s:
        write_plan(s, YEAR, out)
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "۱۴۰۵" in text
    assert out.stat().st_size > 5000
    pages = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    assert "841.89 x 595.2" in pages  # A4 landscape


def test_plan_xlsx_is_right_to_left_with_codes_as_text(db: Database, tmp_path: Path) -> None:
    fill(db)
    out = tmp_path / "plan.xlsx"
    with db.session() as s:
        plan = write_plan(s, YEAR, out)
    book = load_workbook(out)
    months, offerings, unplanned = book.worksheets
    assert months.sheet_view.rightToLeft and offerings.sheet_view.rightToLeft
    assert [months.cell(row=r, column=1).value for r in (2, 13)] == ["فروردین", "اسفند"]
    assert offerings.max_row == plan.planned + 1
    assert isinstance(offerings.cell(row=2, column=2).value, str)
    topics = [offerings.cell(row=r, column=14).value for r in range(2, offerings.max_row + 1)]
    assert any(topics)  # the needs each offering answers
    assert unplanned.max_row == len(plan.unplanned) + 1 > 1


def test_cli_report_plan(db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fill(db)
    out = tmp_path / "plan.pdf"
    assert main(["--db", db.url, "report", "plan", "--year", str(YEAR), "--out", str(out)]) == 0
    assert out.exists()
    assert "۱۴۰۵" in capsys.readouterr().out
    bad = tmp_path / "plan.docx"
    assert main(["--db", db.url, "report", "plan", "--year", "1405", "--out", str(bad)]) != 0
    assert ".pdf" in capsys.readouterr().err
    assert not bad.exists()


def test_a_row_carried_to_a_new_page_comes_after_the_repeated_header(tmp_path: Path) -> None:
    import pdfplumber

    from shahrtrain_desktop.pdf.report import Column, ReportDocument

    doc = ReportDocument(tmp_path / "r.pdf", "برنامه", "استانداری", wide=True)
    doc.table(
        [Column("شروع", 1), Column("عنوان دوره", 4)],
        [("۱۴۰۵/۰۹/۰۴", "آشنایی با قانون (اصلاحیه)") for _ in range(60)],
    )
    with pdfplumber.open(doc.save()) as pdf:
        pages = [page.extract_words() for page in pdf.pages]
    assert len(pages) >= 2
    for words in pages:
        header = [w["top"] for w in words if "ﻉﻭﺮﺷ" in w["text"]]
        rows = [w["top"] for w in words if "ﻪﯿﺣﻼﺻﺍ" in w["text"]]
        assert header and rows
        assert min(header) < min(rows)


def test_headings_are_never_left_alone_at_a_page_foot(db: Database, tmp_path: Path) -> None:
    import pdfplumber

    fill(db)
    out = tmp_path / "plan.pdf"
    with db.session() as s:
        write_plan(s, YEAR, out)
    with pdfplumber.open(out) as pdf:
        for page in pdf.pages:
            body = [c for c in page.chars if c["bottom"] < page.height - 40]  # above the footer
            lowest = max(c["bottom"] for c in body)
            last_line = [c for c in body if c["bottom"] > lowest - 3]
            # Headings are the only 11.5 pt text; a page must not end with one.
            assert all(abs(c["size"] - 11.5) > 0.1 for c in last_line), page.page_number
