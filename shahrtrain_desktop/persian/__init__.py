"""Persian text core: normalisation, digits, national codes, mobiles and Jalali dates. No Qt."""

from __future__ import annotations

from .errors import InvalidField
from .jalali import (
    MONTH_NAMES,
    RLM,
    TEHRAN,
    WEEKDAY_NAMES,
    days_in_month,
    format_jalali,
    format_jalali_datetime,
    format_jalali_display,
    format_jalali_long,
    from_jalali,
    is_leap_year,
    jalali_month_range,
    jalali_year_of,
    jalali_year_range,
    month_name,
    parse_jalali,
    rtl_date_marks,
    to_jalali,
    today_jalali_text,
    weekday_name,
)
from .mobile import normalize_mobile, validate_mobile
from .national_code import (
    complete_national_code,
    is_valid_national_code,
    normalize_national_code,
    validate_national_code,
)
from .normalize import (
    normalize_multiline,
    normalize_text,
    parse_decimal,
    search_key,
    to_ascii_digits,
    to_persian_digits,
)

__all__ = [
    "MONTH_NAMES",
    "RLM",
    "TEHRAN",
    "WEEKDAY_NAMES",
    "InvalidField",
    "complete_national_code",
    "days_in_month",
    "format_jalali",
    "format_jalali_datetime",
    "format_jalali_display",
    "format_jalali_long",
    "from_jalali",
    "is_leap_year",
    "is_valid_national_code",
    "jalali_month_range",
    "jalali_year_of",
    "jalali_year_range",
    "month_name",
    "normalize_mobile",
    "normalize_multiline",
    "normalize_national_code",
    "normalize_text",
    "parse_decimal",
    "parse_jalali",
    "rtl_date_marks",
    "search_key",
    "to_ascii_digits",
    "to_jalali",
    "to_persian_digits",
    "today_jalali_text",
    "validate_mobile",
    "validate_national_code",
    "weekday_name",
]
