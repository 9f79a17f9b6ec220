"""Import readers (issue #3): the calamine path used for .ods, .xls and very large .xlsx files
gives the same preview as openpyxl, merged cells included."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from registration_fixtures import code, fill_demo
from test_import import HEADERS, person_row, preview_of

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.services.importing import reader

ODS_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
 manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/"
  manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"""
ODS_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet><table:table table:name="افراد">"""
ODS_TAIL = "</table:table></office:spreadsheet></office:body></office:document-content>"


def _cell(value: object) -> str:
    if isinstance(value, int | float):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
    )


def write_ods(path: Path, rows: list[list[object]]) -> Path:
    body = "".join(
        "<table:table-row>" + "".join(_cell(v) for v in row) + "</table:table-row>" for row in rows
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("META-INF/manifest.xml", ODS_MANIFEST)
        archive.writestr("content.xml", ODS_HEAD + body + ODS_TAIL)
    return path


@pytest.fixture
def demo(db: Database) -> Database:
    fill_demo(db)
    return db


def test_ods_is_read_with_codes_as_numbers_restored(demo: Database, tmp_path: Path) -> None:
    zero = "0012345679"  # a valid code starting with two zeros
    rows = [HEADERS, person_row(1), [int(zero), "علی", "کریمی", "", "", "", "شهردار"]]
    preview = preview_of(demo, write_ods(tmp_path / "people.ods", rows))
    assert preview.sheet_name == "افراد"
    assert not preview.invalid_rows, preview.problem_lines()
    assert [r.data.national_code for r in preview.rows if r.data] == [code(1), zero]


def test_large_xlsx_goes_through_calamine_with_merged_cells(
    demo: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reader, "LARGE_FILE_BYTES", 0)
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["فهرست معرفی‌شدگان"])
    sheet.append([])
    sheet.append([*HEADERS, "واحد سازمانی"])
    for n in (1, 2, 3):
        sheet.append([*person_row(n), "شهرداری قزوین" if n == 1 else None])
    sheet.merge_cells("H4:H6")
    path = tmp_path / "big.xlsx"
    workbook.save(path)
    preview = preview_of(demo, path)
    assert preview.header.row == 3
    assert [r.excel_row for r in preview.rows] == [4, 5, 6]
    assert not preview.invalid_rows, preview.problem_lines()
    assert len({r.data.org_unit_id for r in preview.rows if r.data}) == 1
