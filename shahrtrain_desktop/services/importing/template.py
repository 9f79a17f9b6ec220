"""The workbook the officer saves from the app and sends to municipalities to fill in."""

from __future__ import annotations

from pathlib import Path

from shahrtrain_desktop.models.enums import Education, Gender, PersonCategory
from shahrtrain_desktop.persian import complete_national_code
from shahrtrain_desktop.services.importing.columns import HEADER_NAMES
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.xlsx import SheetColumn, new_workbook, save_workbook, write_table

SHEET_TITLE = "فهرست افراد"

# (field, width, text): codes and mobiles are text so Excel keeps their leading zeros.
_COLUMNS = (
    ("national_code", 14, True),
    ("first_name", 16, False),
    ("last_name", 20, False),
    ("father_name", 14, False),
    ("gender", 9, False),
    ("birth_date", 13, True),
    ("mobile", 14, True),
    ("education", 14, False),
    ("post", 20, False),
    ("category", 12, False),
    ("org_unit", 26, False),
    ("county", 12, False),
)
_CHOICES = {"gender": Gender, "education": Education, "category": PersonCategory}
EXAMPLE = (
    complete_national_code("001234567"),
    "زهرا",
    "رضایی",
    "علی",
    label(Gender.FEMALE),
    "1365/04/15",
    "09121234567",
    label(Education.BACHELOR),
    "کارشناس امور مالی",
    label(PersonCategory.STAFF),
    "شهرداری الوند",
    "البرز",
)


def write_template(path: Path) -> Path:
    """Headers in Persian, one example row, drop-downs for the coded columns."""
    workbook = new_workbook()
    columns = [
        SheetColumn(
            HEADER_NAMES[f][0],
            width,
            text,
            tuple(label(m) for m in _CHOICES[f]) if f in _CHOICES else (),
        )
        for f, width, text in _COLUMNS
    ]
    write_table(workbook, SHEET_TITLE, columns, [EXAMPLE])
    return save_workbook(workbook, path)
