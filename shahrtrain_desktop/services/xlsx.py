"""Right-to-left Excel sheets: the one writer every export and report uses.

Codes (national codes, certificate numbers, mobiles) are written as text so Excel never drops
a leading zero or turns them into numbers; dates a person reads are Jalali text.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

HEADER_FONT = Font(name="Vazirmatn", bold=True)
BODY_FONT = Font(name="Vazirmatn")
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
TEXT_FORMAT = "@"


@dataclass(frozen=True)
class SheetColumn:
    title: str
    width: float = 16
    text: bool = False  # store as text (codes, numbers that are identifiers)


def new_workbook() -> Workbook:
    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def write_table(
    workbook: Workbook,
    sheet_title: str,
    columns: Sequence[SheetColumn],
    rows: Iterable[Sequence[Any]],
) -> Worksheet:
    """Add a right-to-left sheet with a bold frozen header and a filter; returns it."""
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.sheet_view.rightToLeft = True
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index, value=column.title)
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    text_columns = [i for i, column in enumerate(columns) if column.text]
    count = 0
    for count, values in enumerate(rows, start=2):  # noqa: B007 — count is used after the loop
        row = list(values)
        for i in text_columns:
            if row[i] is not None:
                row[i] = str(row[i])
        sheet.append(row)
        for i in text_columns:
            sheet.cell(row=count, column=i + 1).number_format = TEXT_FORMAT
    sheet.freeze_panes = "A2"
    last = max(count, 1)
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{last}"
    return sheet


def save_workbook(workbook: Workbook, path: Path) -> Path:
    """Write next to the target and rename, so a failure never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=".partial-", suffix=".xlsx", dir=path.parent)
    os.close(handle)
    try:
        workbook.save(temp_name)
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return path
