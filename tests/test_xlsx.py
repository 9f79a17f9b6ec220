from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from shahrtrain_desktop.services.xlsx import SheetColumn, new_workbook, save_workbook, write_table


def test_sheet_is_right_to_left_and_codes_stay_text(tmp_path: Path) -> None:
    workbook = new_workbook()
    write_table(
        workbook,
        "افراد",
        [SheetColumn("کد ملی", text=True), SheetColumn("نام"), SheetColumn("ساعت")],
        [("0012345679", "علی کریمی", 24), ("0084575948", "زهرا رضایی", 12.5)],
    )
    path = save_workbook(workbook, tmp_path / "out.xlsx")

    sheet = load_workbook(path)["افراد"]
    assert sheet.sheet_view.rightToLeft
    assert [c.value for c in sheet[1]] == ["کد ملی", "نام", "ساعت"]
    assert sheet["A2"].value == "0012345679" and sheet["A2"].data_type == "s"
    assert sheet["C3"].value == 12.5
    assert sheet.freeze_panes == "A2"
    assert not list(tmp_path.glob(".partial-*"))


def test_text_columns_and_drop_down_lists_reach_the_rows_left_empty(tmp_path: Path) -> None:
    """What the import template relies on: a typed code stays text and a coded column offers
    its values, below the example row too."""
    workbook = new_workbook()
    write_table(
        workbook,
        "فهرست",
        [SheetColumn("کد ملی", text=True), SheetColumn("جنسیت", choices=("زن", "مرد"))],
        [("0012345679", "زن")],
    )
    sheet = load_workbook(save_workbook(workbook, tmp_path / "t.xlsx"))["فهرست"]
    assert sheet.column_dimensions["A"].number_format == "@"
    (rule,) = sheet.data_validations.dataValidation
    assert rule.type == "list" and rule.formula1 == '"زن,مرد"'
    assert "B2:B501" in str(rule.sqref)


def test_a_failed_save_leaves_no_file(tmp_path: Path) -> None:
    class Broken:
        def __format__(self, spec: str) -> str:
            raise RuntimeError("disk full")

    workbook = new_workbook()
    write_table(workbook, "x", [SheetColumn("a"), SheetColumn("b")], [("1", 2), ("2", Broken())])
    with pytest.raises(RuntimeError):
        save_workbook(workbook, tmp_path / "out.xlsx")
    assert not list(tmp_path.iterdir())
