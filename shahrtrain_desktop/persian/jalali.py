"""Jalali (Solar Hijri) dates at the edges of the app.

Dates are stored as Gregorian ``date`` and timestamps as UTC; this module converts them for
display, parses what users type, and gives the Gregorian ranges of Jalali years and months.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import jdatetime

from .errors import InvalidField
from .normalize import normalize_text, to_ascii_digits, to_persian_digits

MONTH_NAMES: tuple[str, ...] = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)

# Saturday first, as on every Iranian calendar.
WEEKDAY_NAMES: tuple[str, ...] = (
    "شنبه",
    "یکشنبه",
    "دوشنبه",
    "سه‌شنبه",
    "چهارشنبه",
    "پنجشنبه",
    "جمعه",
)

# Messages shown to the user; numbers in them are shown with Persian digits.
MSG_MONTH = "ماه باید عددی از ۱ تا ۱۲ باشد؛ ماه {month} وجود ندارد."
MSG_YEAR = "سال {year} معتبر نیست."
MSG_NOT_LEAP = "سال {year} کبیسه نیست و اسفند آن ۲۹ روز دارد."
MSG_DAY = "{month_name} {length} روز دارد؛ روز {day} وجود ندارد."
MSG_EMPTY = "تاریخ وارد نشده است."
MSG_UNREADABLE = "تاریخ «{text}» خوانا نیست؛ آن را به شکل سال/ماه/روز وارد کنید، مانند ۱۴۰۵/۰۹/۰۴."
MSG_SHORT_YEAR = "سال تاریخ «{text}» باید چهاررقمی نوشته شود، مانند ۱۴۰۵/۰۹/۰۴."
MSG_GREGORIAN_YEAR = "سال {year} میلادی است؛ تاریخ را شمسی وارد کنید، مانند ۱۴۰۵/۰۹/۰۴."
MSG_YEAR_RANGE = "سال {year} پذیرفته نیست؛ سال باید بین {low} و {high} باشد."

# Years parse_jalali accepts: wide enough for birth dates and old letters, narrow enough to catch
# a Gregorian year typed by mistake.
MIN_TYPED_YEAR = 1300
MAX_TYPED_YEAR = 1499

# Right-to-left mark: a strong right-to-left character that is invisible.
RLM = "\u200f"

_MIN_YEAR = 1
_MAX_YEAR = 9377  # jdatetime's limit


def _load_tehran() -> tzinfo:
    try:
        return ZoneInfo("Asia/Tehran")
    except (KeyError, OSError, ValueError):
        # No tz database (Windows without the tzdata package). Iran has had no daylight saving
        # time since 2022, so the fixed offset is right for everything recorded by this app.
        return timezone(timedelta(hours=3, minutes=30), "+0330")


TEHRAN: tzinfo = _load_tehran()


def _digits(text: str, persian_digits: bool) -> str:
    return to_persian_digits(text) if persian_digits else text


def is_leap_year(year: int) -> bool:
    """True if Esfand of this Jalali year has 30 days."""
    return bool(jdatetime.date(year, 1, 1).isleap())


def days_in_month(year: int, month: int) -> int:
    """Number of days in a Jalali month."""
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if is_leap_year(year) else 29


def month_name(month: int) -> str:
    """Persian name of a Jalali month (1 = فروردین)."""
    if not 1 <= month <= 12:
        raise InvalidField("month", MSG_MONTH.format(month=to_persian_digits(month)))
    return MONTH_NAMES[month - 1]


def weekday_name(d: date) -> str:
    """Persian name of the weekday of a date."""
    # date.weekday(): Monday = 0 … Saturday = 5.
    return WEEKDAY_NAMES[(d.weekday() + 2) % 7]


def _as_date(d: date) -> date:
    return d.date() if isinstance(d, datetime) else d


def to_jalali(d: date) -> tuple[int, int, int]:
    """(year, month, day) of a Gregorian date; a datetime is taken at its own date."""
    j = jdatetime.date.fromgregorian(date=_as_date(d))
    return int(j.year), int(j.month), int(j.day)


def from_jalali(year: int, month: int, day: int, field: str = "date") -> date:
    """Gregorian date of a Jalali date; :class:`InvalidField` for a date that does not exist."""
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        raise InvalidField(field, MSG_YEAR.format(year=to_persian_digits(year)))
    if not 1 <= month <= 12:
        raise InvalidField(field, MSG_MONTH.format(month=to_persian_digits(month)))
    length = days_in_month(year, month)
    if not 1 <= day <= length:
        if month == 12 and day == 30:
            message = MSG_NOT_LEAP.format(year=to_persian_digits(year))
        else:
            message = MSG_DAY.format(
                month_name=MONTH_NAMES[month - 1],
                length=to_persian_digits(length),
                day=to_persian_digits(day),
            )
        raise InvalidField(field, message)
    result: date = jdatetime.date(year, month, day).togregorian()
    return result


def jalali_year_of(d: date) -> int:
    """The Jalali year a Gregorian date falls in."""
    return to_jalali(d)[0]


def jalali_year_range(year: int) -> tuple[date, date]:
    """Half-open Gregorian range ``[1 Farvardin year, 1 Farvardin year+1)``."""
    return from_jalali(year, 1, 1), from_jalali(year + 1, 1, 1)


def jalali_month_range(year: int, month: int) -> tuple[date, date]:
    """Half-open Gregorian range of one Jalali month."""
    start = from_jalali(year, month, 1)
    end = from_jalali(year + 1, 1, 1) if month == 12 else from_jalali(year, month + 1, 1)
    return start, end


def format_jalali(d: date | None, persian_digits: bool = True) -> str:
    """``"۱۴۰۵/۰۹/۰۴"`` (year first, zero-padded); ``None`` gives ``""``."""
    if d is None:
        return ""
    year, month, day = to_jalali(d)
    return _digits(f"{year:04d}/{month:02d}/{day:02d}", persian_digits)


def rtl_date_marks(text: str) -> str:
    """*text* with the ``YYYY/MM/DD`` dates in it reading year first from the right.

    A number run is left to right by the bidi rules, which would put the year on the left; a
    right-to-left mark around each part makes the parts follow right-to-left order instead,
    whatever the paragraph direction (a Qt table cell, a label, a PDF line). Only for text a
    person reads: data (exports, files, parsing) keeps the plain :func:`format_jalali` form;
    :func:`parse_jalali` reads both.
    """
    return RLM + (RLM + "/").join(text.split("/")) + RLM if text else ""


def format_jalali_display(d: date | None, persian_digits: bool = True) -> str:
    """The date as shown on screen and paper: :func:`format_jalali` with
    :func:`rtl_date_marks`, so ``۱۴۰۵/۰۹/۰۴`` has its year at the right end; ``None`` gives
    ``""``."""
    return rtl_date_marks(format_jalali(d, persian_digits))


def format_jalali_long(d: date | None, persian_digits: bool = True) -> str:
    """``"۴ آذر ۱۴۰۵"``; ``None`` gives ``""``."""
    if d is None:
        return ""
    year, month, day = to_jalali(d)
    return _digits(f"{day} {MONTH_NAMES[month - 1]} {year}", persian_digits)


def format_jalali_datetime(dt: datetime | None, persian_digits: bool = True) -> str:
    """A stored timestamp in Tehran time: ``"۱۴۰۵/۰۹/۰۴ ۱۴:۳۰"``.

    A naive datetime is taken as UTC (timestamps are stored in UTC). ``None`` gives ``""``.
    """
    if dt is None:
        return ""
    aware = dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt
    local = aware.astimezone(TEHRAN)
    text = f"{format_jalali(local.date(), persian_digits=False)} {local:%H:%M}"
    return _digits(text, persian_digits)


def today_jalali_text(persian_digits: bool = True) -> str:
    """Today's date in Tehran as ``"۱۴۰۵/۰۹/۰۴"``."""
    return format_jalali(datetime.now(TEHRAN).date(), persian_digits)


_PART_SPLIT_RE = re.compile(r"\s*[/\\\-.\u066b\u060c,]\s*|\s+")
_COMPACT_RE = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})")
_NUMBER_RE = re.compile(r"[0-9]+")


def parse_jalali(text: str, field: str = "date") -> date:
    """Read a Jalali date typed by a user and return the Gregorian date.

    Accepts ``1405/09/04``, ``۱۴۰۵/۹/۴``, ``1405-9-4``, ``1405.9.4``, ``14050904`` and
    ``04/09/1405`` (day first when the year comes last), with Persian/Arabic digits, stray
    spaces and invisible marks. Raises :class:`InvalidField` with a Persian message naming the
    problem.
    """
    cleaned = to_ascii_digits(normalize_text(text))
    if not cleaned:
        raise InvalidField(field, MSG_EMPTY)
    shown = to_persian_digits(cleaned)
    compact = _COMPACT_RE.fullmatch(cleaned)
    parts = list(compact.groups()) if compact else _PART_SPLIT_RE.split(cleaned)
    if len(parts) != 3 or not all(_NUMBER_RE.fullmatch(part) for part in parts):
        raise InvalidField(field, MSG_UNREADABLE.format(text=shown))
    if len(parts[0]) == 4 and len(parts[1]) <= 2 and len(parts[2]) <= 2:
        year, month, day = (int(part) for part in parts)
    elif len(parts[2]) == 4 and len(parts[0]) <= 2 and len(parts[1]) <= 2:
        day, month, year = (int(part) for part in parts)
    elif all(len(part) <= 2 for part in parts):
        raise InvalidField(field, MSG_SHORT_YEAR.format(text=shown))
    else:
        raise InvalidField(field, MSG_UNREADABLE.format(text=shown))
    if not MIN_TYPED_YEAR <= year <= MAX_TYPED_YEAR:
        if 1900 <= year <= 2100:
            message = MSG_GREGORIAN_YEAR.format(year=to_persian_digits(year))
        else:
            message = MSG_YEAR_RANGE.format(
                year=to_persian_digits(year),
                low=to_persian_digits(MIN_TYPED_YEAR),
                high=to_persian_digits(MAX_TYPED_YEAR),
            )
        raise InvalidField(field, message)
    return from_jalali(year, month, day, field)
