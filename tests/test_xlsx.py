from __future__ import annotations

from pathlib import Path

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
