"""Excel import (issue #3): the bad files offices really send, made here, and what the preview
and the all-or-nothing commit make of them."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook
from registration_fixtures import acting, code, fill_demo
from sqlalchemy import func, select

from shahrtrain_desktop.models import AuditEvent, Person
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import PersonCategory
from shahrtrain_desktop.persian import complete_national_code, to_persian_digits
from shahrtrain_desktop.services.importing import (
    ImportFileError,
    ImportRefused,
    RowAction,
    build_preview,
    commit_import,
    write_template,
)

HEADERS = ["کد ملی", "نام", "نام خانوادگی", "نام پدر", "تاریخ تولد", "تلفن همراه", "گروه"]


def person_row(n: int, **changes: object) -> list[object]:
    values: dict[str, object] = {
        "code": code(n),
        "first": "زهرا",
        "last": f"رضایی{'ابپتثج'[n % 6]}",
        "father": "علی",
        "birth": "1365/04/15",
        "mobile": "09121234567",
        "category": "کارمند",
    }
    values.update(changes)
    return list(values.values())


def save(tmp_path: Path, rows: list[list[object]], name: str = "people.xlsx", top: int = 0) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    for _ in range(top):
        sheet.append([])
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


def preview_of(db: Database, path: Path):  # type: ignore[no-untyped-def]
    with acting(db) as s:
        return build_preview(s, path)


def count_people(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Person)) or 0)


@pytest.fixture
def demo(db: Database) -> Database:
    fill_demo(db)
    return db


def test_template_round_trips_with_its_example_row(demo: Database, tmp_path: Path) -> None:
    path = write_template(tmp_path / "template.xlsx")
    preview = preview_of(demo, path)
    assert len(preview.rows) == 1 and not preview.invalid_rows
    row = preview.rows[0]
    assert row.data is not None and row.data.org_unit_id is not None
    assert row.data.birth_date == date(1986, 7, 6)


def test_bad_rows_are_named_by_excel_row_and_column_and_nothing_is_written(
    demo: Database, tmp_path: Path
) -> None:
    rows = [
        HEADERS,
        person_row(1),
        person_row(2, code="1234567890"),  # wrong check digit, row 3
        person_row(3, first=""),  # missing name, row 4
        person_row(4, mobile="0912"),  # row 5
    ]
    path = save(tmp_path, rows, top=2)  # headers on row 3: data rows 4..7
    preview = preview_of(demo, path)
    assert preview.header.row == 3
    lines = preview.problem_lines()
    assert any(re.match(r"ردیف ۵، ستون A «کد ملی»: .*رقم کنترل", line) for line in lines)
    assert any(line.startswith("ردیف ۶، ستون B «نام»") for line in lines)
    assert any(line.startswith("ردیف ۷، ستون F «تلفن همراه»") for line in lines)
    before = count_people(demo)
    with acting(demo) as s, pytest.raises(ImportRefused) as caught:
        commit_import(s, preview)
    assert len(caught.value.lines) == 3
    assert count_people(demo) == before
    with acting(demo) as s:
        report = commit_import(s, preview, skip_invalid=True)
    assert report.created == 1 and count_people(demo) == before + 1


def test_codes_turned_into_numbers_get_their_zeros_back_and_text_is_normalised(
    demo: Database, tmp_path: Path
) -> None:
    zero_code = complete_national_code("001234568")
    rows = [
        ["\u200fنام خانوادگی", "NAME", "National Code", "Mobile", "Category"],  # any order, English
        ["كريمي\u200e", "  علي  ", int(zero_code), 9121234567, "شهردار"],
        ["احمدی", "رضا", to_persian_digits(code(6)), "", "عضو شورا"],
    ]
    preview = preview_of(demo, save(tmp_path, rows))
    assert not preview.invalid_rows, preview.problem_lines()
    first = preview.rows[0].data
    assert first is not None
    assert first.national_code == zero_code and first.mobile == "09121234567"
    assert (first.first_name, first.last_name) == ("علی", "کریمی")
    assert first.category == PersonCategory.MAYOR
    assert preview.rows[1].data.national_code == code(6)  # type: ignore[union-attr]


def test_dates_as_text_serials_date_cells_and_jalali_digits(demo: Database, tmp_path: Path) -> None:
    rows = [
        HEADERS,
        person_row(1, birth="۱۳۶۵/۰۴/۱۵"),
        person_row(2, birth=31599),  # Excel serial of 1986-07-06
        person_row(3, birth=datetime(1986, 7, 6)),
        person_row(4, birth=13650415),
        person_row(5, birth="1986-07-06"),
        person_row(6, birth="1365/13/40"),
    ]
    preview = preview_of(demo, save(tmp_path, rows))
    births = [row.data.birth_date if row.data else None for row in preview.rows]
    assert births[:5] == [date(1986, 7, 6)] * 5
    assert births[5] is None
    assert preview.rows[5].problems[0].column == "E"


def test_duplicates_inside_the_file_and_against_the_registry(
    demo: Database, tmp_path: Path
) -> None:
    with demo.session() as s:
        existing = s.scalars(select(Person).where(Person.father_name.is_not(None))).first()
        assert existing is not None
        known_code, known_father = existing.national_code, existing.father_name
        known_first, known_last = existing.first_name, existing.last_name
    rows = [
        HEADERS,
        person_row(1),
        person_row(1, first="مریم"),  # same code again: rows 2 and 3 both flagged
        [known_code, known_first, known_last, known_father, "", "", "کارمند"],
        [code(9), known_first, known_last, known_father, "", "", "کارمند"],  # looks registered
    ]
    preview = preview_of(demo, save(tmp_path, rows))
    actions = [row.action(False) for row in preview.rows]
    assert actions == [RowAction.INVALID, RowAction.INVALID, RowAction.SKIP_EXISTING, RowAction.NEW]
    assert "ردیف ۳" in preview.rows[0].problems[0].message
    similar = " ".join(w.message for w in preview.rows[3].warnings)
    assert "شاید همان" in similar and to_persian_digits(known_code) in similar
    assert preview.rows[2].action(True) == RowAction.UPDATE
    with acting(demo) as s:
        report = commit_import(s, preview, skip_invalid=True, update_existing=True)
    assert (report.created, report.updated) == (1, 1)
    with demo.session() as s:
        event = s.scalars(select(AuditEvent).where(AuditEvent.entity == "person_import")).one()
        assert '"created": 1' in (event.after or "")


def test_merged_cells_formulas_and_hidden_rows(demo: Database, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS + ["واحد سازمانی"])
    sheet.append(person_row(1) + ["شهرداری قزوین"])
    sheet.append(person_row(2) + [None])
    sheet.append(person_row(3) + [None])
    sheet.merge_cells("H2:H4")  # the unit written once for three people
    sheet["B3"] = "=B2"  # a formula; Excel saves its value beside it
    sheet.row_dimensions[4].hidden = True
    path = tmp_path / "merged.xlsx"
    workbook.save(path)
    _add_cached_value(path, "B3", "زهرا")
    preview = preview_of(demo, path)
    assert not preview.invalid_rows, preview.problem_lines()
    units = {row.data.org_unit_id for row in preview.rows if row.data}
    assert len(units) == 1 and None not in units
    assert preview.rows[1].data.first_name == "زهرا"  # type: ignore[union-attr]
    assert any("پنهان" in w.message for w in preview.rows[2].warnings)


def _add_cached_value(path: Path, cell: str, value: str) -> None:
    """Write the computed value of a formula cell, as Excel does when it saves."""
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    xml = files["xl/worksheets/sheet1.xml"].decode()
    pattern = rf'<c r="{cell}"[^>]*><f>([^<]*)</f>(<v\s*/>|<v></v>)?</c>'
    replacement = rf'<c r="{cell}" t="str"><f>\1</f><v>{value}</v></c>'
    xml, count = re.subn(pattern, replacement, xml)
    assert count == 1
    files["xl/worksheets/sheet1.xml"] = xml.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01garbage" * 50, "کاربرگ Excel"),
        ("کد ملی,نام\n0012345679,علی\n".encode(), "CSV"),
        (b"", "خالی"),
        (b"PK\x03\x04broken zip", "کاربرگ Excel"),
    ],
    ids=["random-bytes", "csv-renamed", "empty-file", "broken-zip"],
)
def test_files_that_are_not_spreadsheets_get_one_persian_line(
    demo: Database, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "people.xlsx"
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as caught:
        preview_of(demo, path)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_empty_workbook_and_sheet_without_the_needed_columns(
    demo: Database, tmp_path: Path
) -> None:
    with pytest.raises(ImportFileError, match="هیچ کاربرگ"):
        preview_of(demo, save(tmp_path, [], "empty.xlsx"))
    with pytest.raises(ImportFileError, match="عنوان ستون"):
        preview_of(demo, save(tmp_path, [["a", "b"], [1, 2]], "other.xlsx"))
    with pytest.raises(ImportFileError, match="نام خانوادگی"):
        preview_of(demo, save(tmp_path, [["کد ملی", "نام"], [code(1), "علی"]], "half.xlsx"))


def test_ten_thousand_rows_preview_and_commit(demo: Database, tmp_path: Path) -> None:
    rows = [HEADERS] + [person_row(n) for n in range(1, 10_001)]
    rows[5000][1] = ""  # one bad row: Excel row 5001
    path = save(tmp_path, rows)
    preview = preview_of(demo, path)
    assert len(preview.rows) == 10_000
    assert [r.excel_row for r in preview.invalid_rows] == [5001]
    before = count_people(demo)
    with acting(demo) as s:
        report = commit_import(s, preview, skip_invalid=True)
    assert report.created == 9_999 and count_people(demo) == before + 9_999
