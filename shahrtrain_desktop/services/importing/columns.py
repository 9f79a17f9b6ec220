"""Finding the header row and which column holds which field, by Persian or English name.

Headers may sit on any of the first rows (a title and a blank line above them are common) and
in any order; names are compared folded (ی/ي, ک/ك, spaces and half-spaces ignored).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from openpyxl.utils import get_column_letter

from shahrtrain_desktop.persian import search_key, to_persian_digits
from shahrtrain_desktop.services.importing.reader import Grid, ImportFileError

HEADER_SEARCH_ROWS = 20
REQUIRED = ("national_code", "first_name", "last_name")

# field -> header names people use; the first is the template's header.
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "national_code": (
        "کد ملی",
        "شماره ملی",
        "کدملی",
        "national code",
        "national_code",
        "national id",
        "nid",
        "code melli",
    ),
    "first_name": ("نام", "first name", "first_name", "firstname", "given name", "name"),
    "last_name": (
        "نام خانوادگی",
        "فامیلی",
        "نام فامیل",
        "last name",
        "last_name",
        "lastname",
        "surname",
        "family name",
    ),
    "father_name": ("نام پدر", "father name", "father_name", "father's name", "father"),
    "gender": ("جنسیت", "جنس", "gender", "sex"),
    "birth_date": (
        "تاریخ تولد",
        "birth date",
        "birth_date",
        "birthdate",
        "date of birth",
        "dob",
    ),
    "mobile": (
        "تلفن همراه",
        "شماره همراه",
        "شماره موبایل",
        "موبایل",
        "همراه",
        "mobile",
        "cell",
        "cellphone",
        "phone",
    ),
    "education": ("تحصیلات", "مدرک تحصیلی", "میزان تحصیلات", "education", "degree"),
    "post": ("سمت", "پست", "عنوان شغلی", "پست سازمانی", "post", "position", "job title"),
    "category": ("گروه", "گروه هدف", "رده", "نوع", "category", "group", "target group"),
    "org_unit": (
        "واحد سازمانی",
        "محل خدمت",
        "شهرداری",
        "سازمان",
        "org unit",
        "org_unit",
        "organisation",
        "organization",
    ),
    "county": ("شهرستان", "county"),
}

MSG_NO_HEADER = (
    "در کاربرگ «{sheet}» سطر عنوان ستون‌ها پیدا نشد؛ ستون‌های «کد ملی»، «نام» و "
    "«نام خانوادگی» لازم‌اند (الگوی فایل را از برنامه ذخیره کنید)."
)
MSG_MISSING = "در کاربرگ «{sheet}» (سطر عنوان {row}) ستون «{columns}» نیست."


@cache
def _lookup() -> dict[str, str]:
    return {search_key(name): key for key, names in HEADER_NAMES.items() for name in names}


def column_letter(index: int) -> str:
    """0-based column index as Excel names it: 0 -> A."""
    return str(get_column_letter(index + 1))


@dataclass(frozen=True)
class HeaderMatch:
    row: int  # Excel row number of the header
    columns: dict[str, int]  # field -> 0-based column
    headers: dict[int, str]  # 0-based column -> header text as written
    ignored: tuple[str, ...]  # headers that matched no field

    def where(self, field: str) -> tuple[str, str]:
        """(column letter, header as written) of a field."""
        index = self.columns[field]
        return column_letter(index), self.headers[index]


def _match_row(values: list[Any]) -> tuple[dict[str, int], dict[int, str], list[str]]:
    lookup = _lookup()
    columns: dict[str, int] = {}
    headers: dict[int, str] = {}
    ignored: list[str] = []
    for index, value in enumerate(values):
        if value is None or not str(value).strip():
            continue
        text = str(value).strip()
        key = lookup.get(search_key(text))
        if key is not None and key not in columns:
            columns[key] = index
            headers[index] = text
        elif key is None:
            ignored.append(text)
    return columns, headers, ignored


def find_header(grid: Grid) -> HeaderMatch:
    """The first row among the top ones naming at least two known fields, the national code
    among them; raises :class:`ImportFileError` saying what is missing."""
    best: tuple[int, dict[str, int]] | None = None
    for number, values in enumerate(grid.rows[:HEADER_SEARCH_ROWS], start=1):
        columns, headers, ignored = _match_row(values)
        if len(columns) >= 2 and "national_code" in columns:
            missing = [f for f in REQUIRED if f not in columns]
            if missing:
                names = "»، «".join(HEADER_NAMES[f][0] for f in missing)
                row = to_persian_digits(number)
                raise ImportFileError(
                    MSG_MISSING.format(sheet=grid.sheet_name, row=row, columns=names)
                )
            return HeaderMatch(number, columns, headers, tuple(ignored))
        if best is None or len(columns) > len(best[1]):
            best = (number, columns)
    if best is not None and len(best[1]) >= 2:
        number, columns = best
        missing = [f for f in REQUIRED if f not in columns]
        names = "»، «".join(HEADER_NAMES[f][0] for f in missing)
        row = to_persian_digits(number)
        raise ImportFileError(MSG_MISSING.format(sheet=grid.sheet_name, row=row, columns=names))
    raise ImportFileError(MSG_NO_HEADER.format(sheet=grid.sheet_name))


def pick_sheet(grids: list[Grid]) -> tuple[Grid, HeaderMatch]:
    """The first sheet with a usable header row; the first sheet's problem otherwise."""
    first_error: ImportFileError | None = None
    for grid in grids:
        try:
            return grid, find_header(grid)
        except ImportFileError as error:
            first_error = first_error or error
    assert first_error is not None
    raise first_error
