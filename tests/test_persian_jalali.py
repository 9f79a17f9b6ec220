"""Jalali dates: conversion, formatting, parsing and year/month ranges."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shahrtrain_desktop.pdf.shaping import visual_line
from shahrtrain_desktop.persian import (
    MONTH_NAMES,
    WEEKDAY_NAMES,
    InvalidField,
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

AZAR_4_1405 = date(2026, 11, 25)
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))


def test_known_date() -> None:
    assert to_jalali(AZAR_4_1405) == (1405, 9, 4)
    assert from_jalali(1405, 9, 4) == AZAR_4_1405
    assert format_jalali(AZAR_4_1405) == "۱۴۰۵/۰۹/۰۴"
    assert format_jalali(AZAR_4_1405, persian_digits=False) == "1405/09/04"
    assert format_jalali_long(AZAR_4_1405) == "۴ آذر ۱۴۰۵"
    assert format_jalali_long(AZAR_4_1405, persian_digits=False) == "4 آذر 1405"
    assert weekday_name(AZAR_4_1405) == "چهارشنبه"


def test_display_form_reads_year_first_from_the_right() -> None:
    """Shown to a person, ۱۴۰۵/۰۹/۰۴ has its year at the right end in a right-to-left line and
    in a left-to-right one; the data form stays plain and reads left to right."""
    shown = format_jalali_display(AZAR_4_1405)
    assert shown == "\u200f۱۴۰۵\u200f/۰۹\u200f/۰۴\u200f"
    assert shown == rtl_date_marks(format_jalali(AZAR_4_1405))
    for base_rtl in (True, False):
        assert visual_line(shown, base_rtl=base_rtl) == "۰۴/۰۹/۱۴۰۵"
        assert visual_line(format_jalali(AZAR_4_1405), base_rtl=base_rtl) == "۱۴۰۵/۰۹/۰۴"
    # A timestamp: the date first from the right, then the time.
    stamp = rtl_date_marks(format_jalali_datetime(datetime(2026, 11, 25, 11, 0, tzinfo=UTC)))
    assert visual_line(stamp) == "۱۴:۳۰ ۰۴/۰۹/۱۴۰۵"


def test_nowruz() -> None:
    assert to_jalali(date(2026, 3, 21)) == (1405, 1, 1)
    assert to_jalali(date(2026, 3, 20)) == (1404, 12, 29)
    assert jalali_year_of(date(2026, 3, 20)) == 1404
    assert jalali_year_of(date(2026, 3, 21)) == 1405
    assert weekday_name(date(2026, 3, 21)) == "شنبه"


def test_none_formats_as_empty() -> None:
    assert format_jalali(None) == ""
    assert format_jalali_display(None) == ""
    assert rtl_date_marks("") == ""
    assert format_jalali_long(None) == ""
    assert format_jalali_datetime(None) == ""


def test_year_ranges() -> None:
    assert jalali_year_range(1405) == (date(2026, 3, 21), date(2027, 3, 21))
    assert jalali_year_range(1403) == (date(2024, 3, 20), date(2025, 3, 21))
    assert jalali_year_range(1404) == (date(2025, 3, 21), date(2026, 3, 21))


def test_month_ranges() -> None:
    assert jalali_month_range(1405, 1) == (date(2026, 3, 21), date(2026, 4, 21))
    assert jalali_month_range(1405, 9) == (date(2026, 11, 22), date(2026, 12, 22))
    assert jalali_month_range(1405, 12) == (date(2027, 2, 20), date(2027, 3, 21))
    assert jalali_month_range(1403, 12) == (date(2025, 2, 19), date(2025, 3, 21))
    with pytest.raises(InvalidField):
        jalali_month_range(1405, 13)


def test_leap_years() -> None:
    assert is_leap_year(1403) and not is_leap_year(1404) and not is_leap_year(1405)
    assert days_in_month(1403, 12) == 30 and days_in_month(1404, 12) == 29
    assert from_jalali(1403, 12, 30) == date(2025, 3, 20)
    with pytest.raises(InvalidField) as raised:
        from_jalali(1404, 12, 30)
    assert "کبیسه" in raised.value.message


@pytest.mark.parametrize(
    ("year", "month", "day", "words"),
    [
        (1405, 13, 1, "ماه"),
        (1405, 0, 1, "ماه"),
        (1405, 7, 31, "مهر ۳۰ روز"),
        (1405, 1, 32, "فروردین ۳۱ روز"),
        (1405, 1, 0, "روز"),
        (0, 1, 1, "سال"),
    ],
)
def test_impossible_dates(year: int, month: int, day: int, words: str) -> None:
    with pytest.raises(InvalidField) as raised:
        from_jalali(year, month, day, field="start_date")
    assert raised.value.field == "start_date"
    assert words in raised.value.message


@pytest.mark.parametrize(
    "typed",
    [
        "1405/09/04",
        "1405/9/4",
        "۱۴۰۵/۹/۴",
        "۱۴۰۵/۰۹/۰۴",
        "١٤٠٥/٠٩/٠٤",
        "1405-9-4",
        "1405.09.04",
        "14050904",
        "۱۴۰۵۰۹۰۴",
        " ۱۴۰۵ / ۰۹ / ۰۴ ",
        "\u200f1405/09/04\u200e",
        "\u20661405/09/04\u2069",
        "1405\u00a009\u00a004",
        "04/09/1405",
    ],
)
def test_parse_jalali_accepts_what_users_type(typed: str) -> None:
    assert parse_jalali(typed) == AZAR_4_1405


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("", "وارد نشده"),
        ("  \u200f ", "وارد نشده"),
        ("فردا", "خوانا نیست"),
        ("1405/09", "خوانا نیست"),
        ("1405/09/04/01", "خوانا نیست"),
        ("1405/009/04", "خوانا نیست"),
        ("05/09/04", "چهاررقمی"),
        ("1405/13/01", "ماه"),
        ("1404/12/30", "کبیسه"),
        ("1405/07/31", "مهر"),
        ("2026/11/25", "میلادی"),
        ("0405/09/04", "۴۰۵"),
    ],
)
def test_parse_jalali_names_the_problem(typed: str, words: str) -> None:
    with pytest.raises(InvalidField) as raised:
        parse_jalali(typed, field="birth_date")
    assert raised.value.field == "birth_date"
    assert words in raised.value.message


def test_format_jalali_datetime_shows_tehran_time() -> None:
    utc = datetime(2026, 11, 25, 11, 0, tzinfo=UTC)
    assert format_jalali_datetime(utc) == "۱۴۰۵/۰۹/۰۴ ۱۴:۳۰"
    assert format_jalali_datetime(utc, persian_digits=False) == "1405/09/04 14:30"
    # Naive timestamps are stored UTC.
    assert format_jalali_datetime(datetime(2026, 11, 25, 11, 0)) == "۱۴۰۵/۰۹/۰۴ ۱۴:۳۰"
    # Late evening UTC is already the next day in Tehran.
    assert format_jalali_datetime(datetime(2026, 11, 25, 21, 0, tzinfo=UTC)) == "۱۴۰۵/۰۹/۰۵ ۰۰:۳۰"
    berlin = timezone(timedelta(hours=1))
    assert format_jalali_datetime(datetime(2026, 11, 25, 12, 0, tzinfo=berlin)) == (
        "۱۴۰۵/۰۹/۰۴ ۱۴:۳۰"
    )


def test_today_jalali_text() -> None:
    before = datetime.now(ZoneInfo("Asia/Tehran")).date()
    text = today_jalali_text()
    after = datetime.now(ZoneInfo("Asia/Tehran")).date()
    assert re.fullmatch("[۰-۹]{4}/[۰-۹]{2}/[۰-۹]{2}", text)
    assert text in {format_jalali(before), format_jalali(after)}


def test_names() -> None:
    assert len(MONTH_NAMES) == 12 and len(set(MONTH_NAMES)) == 12
    assert (MONTH_NAMES[0], MONTH_NAMES[8], MONTH_NAMES[11]) == ("فروردین", "آذر", "اسفند")
    assert month_name(1) == "فروردین" and month_name(12) == "اسفند"
    with pytest.raises(InvalidField):
        month_name(13)
    assert len(WEEKDAY_NAMES) == 7
    assert (WEEKDAY_NAMES[0], WEEKDAY_NAMES[6]) == ("شنبه", "جمعه")


@given(dates)
def test_format_and_parse_round_trip(d: date) -> None:
    assert parse_jalali(format_jalali(d)) == d
    assert parse_jalali(format_jalali(d, persian_digits=False)) == d
    assert parse_jalali(format_jalali_display(d)) == d  # a shown date copied back
    assert from_jalali(*to_jalali(d)) == d


@given(dates)
def test_ranges_contain_the_date(d: date) -> None:
    year, month, _ = to_jalali(d)
    start, end = jalali_year_range(year)
    assert start <= d < end and to_jalali(start) == (year, 1, 1)
    month_start, month_end = jalali_month_range(year, month)
    assert month_start <= d < month_end
    assert (month_end - month_start).days == days_in_month(year, month)
    assert jalali_year_of(d) == year


def test_weekdays_start_on_saturday() -> None:
    week = [weekday_name(date(2026, 3, 21) + timedelta(days=i)) for i in range(8)]
    assert week == [*WEEKDAY_NAMES, "شنبه"]
    assert weekday_name(date(2026, 11, 27)) == "جمعه"
