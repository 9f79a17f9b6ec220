"""Stage 7 reports and commands: the annual report (PDF and xlsx), a person's record, the
visit report and supervision summary, and `export` / `export verify` on the command line."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from openpyxl import load_workbook
from sqlalchemy import select
from test_pdf_reading import lines_of, reading_text

from shahrtrain_desktop.cli import main
from shahrtrain_desktop.models import CorrectiveAction, Person
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import PersonCategory
from shahrtrain_desktop.persian import InvalidField
from shahrtrain_desktop.services.dashboard import Period
from shahrtrain_desktop.services.demo import generate_demo
from shahrtrain_desktop.services.reports.annual import annual_tables, write_annual
from shahrtrain_desktop.services.reports.person_record import person_record, write_person_record
from shahrtrain_desktop.services.reports.supervision import (
    write_supervision_summary,
    write_visit_report,
)

TODAY = date(2026, 11, 25)
YEAR = 1405


@pytest.fixture
def demo(db: Database) -> Database:
    generate_demo(db, 300, YEAR, 11, today=TODAY)
    return db


def page_lines(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [reading_text(line) for page in pdf.pages for line in lines_of(page.chars)]


def test_annual_pdf_has_headline_and_breakdowns(demo: Database, tmp_path: Path) -> None:
    out = tmp_path / "annual.pdf"
    with demo.session() as s:
        d = write_annual(s, YEAR, out)
    text = "\n".join(page_lines(out))
    for heading in ("نفر-ساعت آموزش", "پوشش آموزشی", "نفر-ساعت به تفکیک شهرستان", "فروردین"):
        assert heading.replace("-", "") in text.replace("-", ""), heading
    assert d.person_hours > 0
    assert not list(tmp_path.glob(".partial-*"))


def test_annual_pdf_bars_grow_from_the_right_with_labels_on_the_right(
    demo: Database, tmp_path: Path
) -> None:
    """The county chart: every bar starts at one right-hand edge and runs leftwards, longer
    for more person-hours; the county names stand to the right of that edge."""
    out = tmp_path / "annual.pdf"
    with demo.session() as s:
        d = write_annual(s, YEAR, out)
    with pdfplumber.open(out) as pdf:
        for page in pdf.pages:
            bars = [r for r in page.rects if 10 < r["height"] < 12.6]  # 4 mm bars, not cells
            if len(bars) >= len(d.by_county):
                break
        else:
            pytest.fail("no horizontal bar chart")
        chart = bars[: len(d.by_county)]  # the county chart comes first
        origin = chart[0]["x1"]
        assert all(abs(bar["x1"] - origin) < 0.5 for bar in chart)
        widths = [bar["width"] for bar in sorted(chart, key=lambda b: b["top"])]
        assert widths == sorted(widths, reverse=True) and widths[0] > 2 * widths[-1]
        top, bottom = min(b["top"] for b in chart), max(b["bottom"] for b in chart)
        beside = [c for c in page.chars if top - 4 <= c["top"] <= bottom and c["x0"] > origin]
    assert len({round(c["top"]) for c in beside}) >= len(d.by_county)  # a label per bar


def test_annual_xlsx_sheets_agree_with_the_pdf_tables(demo: Database, tmp_path: Path) -> None:
    out = tmp_path / "annual.xlsx"
    with demo.session() as s:
        write_annual(s, YEAR, out)
        tables = annual_tables(s, Period.of_year(YEAR))
    workbook = load_workbook(out)
    assert workbook.sheetnames[:3] == ["خلاصه", "ماه‌ها", "پوشش"]
    assert all(ws.sheet_view.rightToLeft for ws in workbook)
    months = workbook["ماه‌ها"]
    assert months.max_row == 13 and months["A2"].value == "فروردین"
    assert [c.value for c in workbook["شهرستان‌ها"][2]] == tables.counties[0]


def test_wrong_suffix_is_refused(demo: Database, tmp_path: Path) -> None:
    with demo.session() as s, pytest.raises(InvalidField, match="pdf"):
        write_annual(s, YEAR, tmp_path / "a.docx")


def test_person_record_lists_courses_and_yearly_hours(demo: Database, tmp_path: Path) -> None:
    with demo.session() as s:
        person = s.scalars(
            select(Person).where(Person.category == PersonCategory.MAYOR).order_by(Person.id)
        ).first()
        record = person_record(s, person.national_code)
        out = tmp_path / "person.pdf"
        write_person_record(s, person.national_code, out)
        name = person.last_name
    assert record.minimum_hours == 60
    assert record.lines and sum(c for c, _h in record.hours_by_year().values()) <= len(record.lines)
    text = "\n".join(page_lines(out))
    assert name.replace("\u200c", "") in text.replace("\u200c", "")
    with demo.session() as s, pytest.raises(InvalidField, match="ثبت نشده"):
        person_record(s, "0010350829")


def test_visit_report_and_summary(demo: Database, tmp_path: Path) -> None:
    with demo.session() as s:
        visit_id = s.scalar(select(CorrectiveAction.visit_id).limit(1))
        write_visit_report(s, visit_id, tmp_path / "visit.pdf")
        write_supervision_summary(s, Period.of_year(YEAR), tmp_path / "summary.pdf")
        with pytest.raises(InvalidField):
            write_visit_report(s, 999_999, tmp_path / "none.pdf")
    visit = "\n".join(page_lines(tmp_path / "visit.pdf"))
    assert "چکلیست نظارت" in visit.replace("\u200c", "") and "اقدامهای اصلاحی" in visit.replace(
        "\u200c", ""
    )
    summary = "\n".join(page_lines(tmp_path / "summary.pdf"))
    assert "بازدیدها" in summary
    assert not (tmp_path / "none.pdf").exists()


def test_cli_export_then_verify_and_a_changed_byte_fails(
    demo: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = demo.url
    out = tmp_path / "export.zip"
    assert main(["--db", url, "export", "--year", str(YEAR), "--out", str(out)]) == 0
    assert main(["export", "verify", str(out)]) == 0
    assert "سالم" in capsys.readouterr().out
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(out) as old, zipfile.ZipFile(tampered, "w") as new:
        for name in old.namelist():
            data = old.read(name)
            if name == "csv/certificates.csv":
                data = data.replace(b"issued", b"issuee", 1)
            new.writestr(name, data)
    assert main(["export", "verify", str(tampered)]) == 1
    assert "certificates.csv" in capsys.readouterr().err
    assert main(["export", "--year", "1405", "--out", str(tmp_path / "x.txt")]) == 2


def test_cli_reports(demo: Database, tmp_path: Path) -> None:
    url = demo.url
    with demo.session() as s:
        code = s.scalar(select(Person.national_code).limit(1))
    assert (
        main(["--db", url, "report", "annual", "--year", "1405", "--out", str(tmp_path / "a.pdf")])
        == 0
    )
    assert (
        main(["--db", url, "report", "annual", "--year", "1405", "--out", str(tmp_path / "a.xlsx")])
        == 0
    )
    assert main(["--db", url, "report", "person", code, "--out", str(tmp_path / "p.pdf")]) == 0
    assert main(["--db", url, "report", "person", "12", "--out", str(tmp_path / "q.pdf")]) == 1
    assert (
        main(
            [
                "--db",
                url,
                "report",
                "supervision",
                "--year",
                "1405",
                "--out",
                str(tmp_path / "s.pdf"),
            ]
        )
        == 0
    )
    assert (tmp_path / "a.pdf").read_bytes().startswith(b"%PDF")
