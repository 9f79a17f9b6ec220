"""Reading a spreadsheet into a plain grid of cell values, whatever made it.

``.xlsx`` is read with openpyxl (cached formula values, merged cells, hidden rows); ``.xls``,
``.ods`` and very large ``.xlsx`` files with python-calamine, which is fast and light. The
format is recognised from the file's first bytes, not its name, so a CSV renamed ``.xlsx`` is
told apart from a workbook. Every failure becomes :class:`ImportFileError`, one Persian line.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shahrtrain_desktop.persian import to_persian_digits

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls
# Above this size openpyxl's full mode needs too much memory and time; calamine reads it.
LARGE_FILE_BYTES = 8 * 1024 * 1024
MAX_ROWS = 200_000

MSG_NO_FILE = "فایل «{name}» پیدا نشد."
MSG_EMPTY_FILE = "فایل «{name}» خالی است."
MSG_NOT_SPREADSHEET = (
    "فایل «{name}» کاربرگ Excel (xlsx، xls یا ods) نیست؛ اگر CSV است، آن را در Excel باز "
    "کنید و با قالب xlsx ذخیره کنید."
)
MSG_UNREADABLE = "فایل «{name}» خوانده نشد؛ شاید آسیب دیده یا رمزدار است."
MSG_NO_SHEETS = "در فایل «{name}» هیچ کاربرگ پُری نیست."
MSG_TOO_MANY_ROWS = "فایل «{name}» بیش از {limit} ردیف دارد؛ آن را به چند فایل کوچک‌تر بخش کنید."


class ImportFileError(ValueError):
    """The file cannot be read as a spreadsheet; the message is one Persian line."""


@dataclass
class Grid:
    """One sheet: ``rows[i]`` is Excel row ``i + 1``; cells are Python values or None."""

    sheet_name: str
    rows: list[list[Any]]
    hidden_rows: set[int] = field(default_factory=set)  # Excel row numbers
    knows_hidden: bool = True  # False when the reader cannot tell (calamine)

    def cell(self, excel_row: int, column: int) -> Any:
        row = self.rows[excel_row - 1]
        return row[column] if column < len(row) else None


def _fill_merged(rows: list[list[Any]], ranges: list[tuple[int, int, int, int]]) -> None:
    """Give every cell of a merged range the value of its top-left cell (0-based, inclusive),
    as the officer sees it: an org unit merged over ten rows belongs to all ten."""
    for top, left, bottom, right in ranges:
        while len(rows) <= bottom:
            rows.append([])
        value = rows[top][left] if left < len(rows[top]) else None
        for r in range(top, bottom + 1):
            row = rows[r]
            if len(row) <= right:
                row.extend([None] * (right + 1 - len(row)))
            for c in range(left, right + 1):
                row[c] = value


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _non_empty(grid: Grid) -> bool:
    return any(not _blank(v) for row in grid.rows for v in row)


def _read_openpyxl(path: Path) -> list[Grid]:
    from openpyxl import load_workbook

    workbook = load_workbook(path, data_only=True, read_only=False)
    grids = []
    try:
        for sheet in workbook.worksheets:
            if sheet.sheet_state != "visible":
                continue
            rows = [list(values) for values in sheet.iter_rows(values_only=True)]
            ranges = [
                (r.min_row - 1, r.min_col - 1, r.max_row - 1, r.max_col - 1)
                for r in sheet.merged_cells.ranges
            ]
            _fill_merged(rows, ranges)
            hidden = {n for n, dim in sheet.row_dimensions.items() if dim.hidden}
            grids.append(Grid(sheet.title, rows, hidden))
    finally:
        workbook.close()
    return grids


def _read_calamine(path: Path) -> list[Grid]:
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(str(path))
    grids = []
    try:
        for meta in workbook.sheets_metadata:
            if str(meta.visible).rsplit(".", 1)[-1].lower() != "visible":
                continue
            if str(meta.typ).rsplit(".", 1)[-1].lower() != "worksheet":
                continue
            sheet = workbook.get_sheet_by_name(meta.name)
            if sheet.total_height > MAX_ROWS:  # refuse before building a million Python rows
                raise ImportFileError(
                    MSG_TOO_MANY_ROWS.format(
                        name=path.name, limit=to_persian_digits(MAX_ROWS, grouping=True)
                    )
                )
            rows = [
                [None if v == "" else v for v in row]
                for row in sheet.to_python(skip_empty_area=False)
            ]
            merged = sheet.merged_cell_ranges or []
            _fill_merged(rows, [(a[0], a[1], b[0], b[1]) for a, b in merged])
            grids.append(Grid(meta.name, rows, knows_hidden=False))
    finally:
        workbook.close()
    return grids


def _reader_for(path: Path, head: bytes) -> Callable[[Path], list[Grid]] | None:
    if head.startswith(OLE_MAGIC):
        return _read_calamine
    if not head.startswith(ZIP_MAGIC):
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "xl/workbook.xml" in names:
                large = path.stat().st_size > LARGE_FILE_BYTES
                return _read_calamine if large else _read_openpyxl
            if "mimetype" in names:
                kind = archive.read("mimetype").decode("ascii", "replace")
                return _read_calamine if "spreadsheet" in kind else None
    except (zipfile.BadZipFile, OSError):
        return None
    return None


def read_grids(path: Path) -> list[Grid]:
    """Every visible, non-empty sheet of the workbook, in order."""
    name = path.name
    if not path.is_file():
        raise ImportFileError(MSG_NO_FILE.format(name=name))
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise ImportFileError(MSG_UNREADABLE.format(name=name)) from exc
    if not head:
        raise ImportFileError(MSG_EMPTY_FILE.format(name=name))
    reader = _reader_for(path, head)
    if reader is None:
        raise ImportFileError(MSG_NOT_SPREADSHEET.format(name=name))
    try:
        grids = reader(path)
    except ImportFileError:
        raise
    except Exception as exc:  # noqa: BLE001 - any parser failure on a foreign file is one line
        raise ImportFileError(MSG_UNREADABLE.format(name=name)) from exc
    grids = [g for g in grids if _non_empty(g)]
    if not grids:
        raise ImportFileError(MSG_NO_SHEETS.format(name=name))
    for grid in grids:
        if len(grid.rows) > MAX_ROWS:
            limit = to_persian_digits(MAX_ROWS, grouping=True)
            raise ImportFileError(MSG_TOO_MANY_ROWS.format(name=name, limit=limit))
    return grids
