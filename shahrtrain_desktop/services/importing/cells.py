"""Turning what a spreadsheet cell holds into what the registry's validation expects.

Excel hands over numbers where people typed codes (``12345678.0`` for ``0012345678``), date
cells, date serials (``29845``), and Jalali dates typed as text or as eight digits
(``13620415``). Codes and mobiles keep their raw value: the Persian validators restore lost
zeros themselves.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

from shahrtrain_desktop.persian import (
    InvalidField,
    format_jalali,
    normalize_text,
    parse_jalali,
    to_ascii_digits,
    to_persian_digits,
)

EXCEL_EPOCH = date(1899, 12, 30)
# Serials of dates from 1900 to 2100: a birth date stored as a plain number.
SERIAL_RANGE = (1, 73_051)
_GREGORIAN_RE = re.compile(r"(19|20)[0-9]{2}[-/.][0-9]{1,2}[-/.][0-9]{1,2}")

MSG_DATE_UNREADABLE = "تاریخ «{text}» خوانا نیست؛ آن را شمسی به شکل ۱۳۶۵/۰۴/۱۵ بنویسید."


def as_text(value: Any) -> str:
    """A cell as the text a person sees: 12.0 -> «12», dates as Jalali."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return format_jalali(value.date(), persian_digits=False)
    if isinstance(value, date):
        return format_jalali(value, persian_digits=False)
    if isinstance(value, time):
        return value.isoformat()
    return normalize_text(value)


def as_date(value: Any, field: str = "birth_date") -> date | None:
    """A date from a date cell, an Excel serial, Jalali text, eight Jalali digits or an ISO
    Gregorian date; None for an empty cell. Raises :class:`InvalidField`."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
        if number.is_integer() and 13_000_101 <= number <= 14_991_230:
            return parse_jalali(str(int(number)), field)
        if SERIAL_RANGE[0] <= number <= SERIAL_RANGE[1]:
            return EXCEL_EPOCH + timedelta(days=int(number))
        raise InvalidField(
            field, MSG_DATE_UNREADABLE.format(text=to_persian_digits(as_text(value)))
        )
    text = to_ascii_digits(normalize_text(value))
    if not text:
        return None
    if _GREGORIAN_RE.fullmatch(text):
        year, month, day = (int(p) for p in re.split(r"[-/.]", text))
        try:
            return date(year, month, day)
        except ValueError as exc:
            shown = to_persian_digits(text)
            raise InvalidField(field, MSG_DATE_UNREADABLE.format(text=shown)) from exc
    return parse_jalali(text, field)
