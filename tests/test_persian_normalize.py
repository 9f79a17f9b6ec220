"""Normalising Persian text, digits, search keys and typed decimals."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shahrtrain_desktop.persian import (
    InvalidField,
    normalize_multiline,
    normalize_national_code,
    normalize_text,
    parse_decimal,
    search_key,
    to_ascii_digits,
    to_persian_digits,
)

CASES_FILE = Path(__file__).resolve().parents[1].parent / "shared" / "persian" / "cases.json"
CASES: list[dict[str, Any]] = json.loads(CASES_FILE.read_text(encoding="utf-8"))["cases"]

ZWNJ = "\u200c"
INVISIBLE = (
    "\u0640\u00ad\u061c\u200b\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\ufeff"
)
WHITESPACE = " \t\n\r\u00a0\u202f\u2009\u3000\u2028"

# Characters that make Persian text interesting: letters and their Arabic twins, harakat,
# hamza forms, ZWNJ, invisible marks, odd spaces, digits, presentation forms and controls.
PERSIAN_ALPHABET = (
    (
        "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیآأإؤئءةۀ"
        "يكى"
        "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0654\u0670"
        "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩0123456789٫٬،؛؟«»()"
        "\ufefb\ufee3\ufe8e\ufb8e\ufef1\ufe70"
        "\x00\x07\x1c\x7f\x85"
        "AbcZ"
    )
    + ZWNJ
    + INVISIBLE
    + WHITESPACE
)
persian_text = st.text(alphabet=st.sampled_from(PERSIAN_ALPHABET), max_size=40)
any_text = st.one_of(
    st.text(),
    persian_text,
    st.text(alphabet=st.one_of(st.characters(), st.sampled_from(PERSIAN_ALPHABET))),
)


def test_cases_file_is_found() -> None:
    assert {case["id"] for case in CASES} >= {"zwnj-name", "word-pasted", "digits-mixed"}


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_shared_case_normalises_to_expected_text(case: dict[str, Any]) -> None:
    if case["field"] == "national_code":
        assert normalize_national_code(case["text"]) == case["expect"]
    else:
        assert normalize_text(case["text"]) == case["expect"]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("علي كريمي", "علی کریمی"),
        ("مصطفى", "مصطفی"),
        ("مسئول", "مسئول"),  # hamza seat kept
        ("مدرسة", "مدرسة"),  # teh marbuta kept
        ("دورهٔ", "دورهٔ"),  # ezafe hamza kept, not composed to U+06C0
        ("دورۀ", "دورۀ"),
        ("مُحَمَّد", "مُحَمَّد"),  # harakat kept
        ("مـــحمد", "محمد"),
        ("\ufeffزهرا", "زهرا"),
        ("اطلاع\u00adرسانی", "اطلاعرسانی"),
        ("علی\u200bرضا", "علیرضا"),
        ("\u202bعلی\u202c", "علی"),
        ("\u061cعلی\u200f", "علی"),
        ("  علی\t\tرضایی\n", "علی رضایی"),
        ("علی\u00a0\u202fرضایی", "علی رضایی"),
        ("علی\r\nرضایی", "علی رضایی"),
        ("علی\x00رضا", "علیرضا"),
        ("۱۴۰۵ و 1405 و ١٤٠٥", "۱۴۰۵ و 1405 و ١٤٠٥"),  # digits as typed
        ("\ufedb\ufeae\ufef4\ufee4\ufef2", "کریمی"),  # presentation forms copied from a PDF
        (None, ""),
        ("", ""),
        (1405, "1405"),
    ],
)
def test_normalize_text(typed: object, expected: str) -> None:
    assert normalize_text(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("اسماعیلی" + ZWNJ + "پور", "اسماعیلی" + ZWNJ + "پور"),
        ("اسماعیلی" + ZWNJ * 3 + "پور", "اسماعیلی" + ZWNJ + "پور"),
        ("اسماعیلی" + ZWNJ + " پور", "اسماعیلی پور"),
        ("اسماعیلی " + ZWNJ + "پور", "اسماعیلی پور"),
        (ZWNJ + "علی" + ZWNJ, "علی"),
        ("علی " + ZWNJ + " رضا", "علی رضا"),
        ("می" + ZWNJ + "\u200f" + ZWNJ + "روم", "می" + ZWNJ + "روم"),
    ],
)
def test_zwnj_kept_between_letters_only(typed: str, expected: str) -> None:
    assert normalize_text(typed) == expected


def test_lone_surrogate_does_not_crash() -> None:
    assert normalize_text("علی\ud800") == "علی"
    assert search_key("\udfffعلی") == "علی"


@given(any_text)
def test_normalize_text_never_raises_and_is_idempotent(text: str) -> None:
    once = normalize_text(text)
    assert normalize_text(once) == once


@given(any_text)
def test_normalize_text_output_is_clean(text: str) -> None:
    result = normalize_text(text)
    assert not any(ch in result for ch in INVISIBLE + "\u064a\u0643\u0649")
    assert not any(ch.isspace() and ch != " " for ch in result)
    assert "  " not in result
    assert result == result.strip()
    assert ZWNJ * 2 not in result
    assert " " + ZWNJ not in result and ZWNJ + " " not in result
    assert not result.startswith(ZWNJ) and not result.endswith(ZWNJ)


@given(any_text)
def test_normalize_text_keeps_ezafe_hamza_and_harakat(text: str) -> None:
    result = normalize_text(text)
    assert result.count("\u0654") == text.count("\u0654")
    assert result.count("\u064e") == text.count("\u064e")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("سطر اول\nسطر  دوم", "سطر اول\nسطر دوم"),
        ("  سطر اول \r\n\tسطر دوم  ", "سطر اول\nسطر دوم"),
        ("الف\n\n\n\n\nب", "الف\n\nب"),
        ("\n\nالف\n\n", "الف"),
        ("الف\u2029ب", "الف\nب"),
        ("علي\u200f\nكريمي", "علی\nکریمی"),
        (None, ""),
    ],
)
def test_normalize_multiline(typed: object, expected: str) -> None:
    assert normalize_multiline(typed) == expected


@given(any_text)
def test_normalize_multiline_is_idempotent(text: str) -> None:
    once = normalize_multiline(text)
    assert normalize_multiline(once) == once
    assert "\n\n\n" not in once


def test_to_ascii_digits() -> None:
    assert to_ascii_digits("۰۱۲۳۴۵۶۷۸۹") == "0123456789"
    assert to_ascii_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"
    assert to_ascii_digits("کد ۱۴۰۵-QZ-٠٠٠١٢٣") == "کد 1405-QZ-000123"
    assert to_ascii_digits("۱۸٫۵") == "18٫5"  # the decimal separator is parse_decimal's job


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        ("1405/09/04", {}, "۱۴۰۵/۰۹/۰۴"),
        (1405, {}, "۱۴۰۵"),
        (18.5, {}, "۱۸٫۵"),
        (18.0, {}, "۱۸"),
        (0.1 + 0.2, {"decimals": 2}, "۰٫۳"),
        (2.675, {"decimals": 2}, "۲٫۶۸"),
        (66.6666, {"decimals": 1}, "۶۶٫۷"),
        (1e-5, {}, "۰٫۰۰۰۰۱"),
        (-3, {}, "-۳"),
        (-0.0, {}, "۰"),
        (1234567, {"grouping": True}, "۱٬۲۳۴٬۵۶۷"),
        (1234567.25, {"grouping": True}, "۱٬۲۳۴٬۵۶۷٫۲۵"),
        (999, {"grouping": True}, "۹۹۹"),
        (Decimal("12500000"), {"grouping": True}, "۱۲٬۵۰۰٬۰۰۰"),
        (Decimal("17.50"), {}, "۱۷٫۵"),
        (None, {}, ""),
    ],
)
def test_to_persian_digits(value: object, kwargs: dict[str, Any], expected: str) -> None:
    assert to_persian_digits(value, **kwargs) == expected


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_to_persian_digits_round_trips_integers(number: int) -> None:
    text = to_persian_digits(number, grouping=True)
    assert not any(ch in "0123456789" for ch in text)
    assert int(to_ascii_digits(text).replace("٬", "")) == number


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False))
def test_to_persian_digits_round_trips_floats(number: float) -> None:
    assert parse_decimal(to_persian_digits(number)) == number


def test_search_key_examples() -> None:
    key = search_key("اسماعیلی" + ZWNJ + "پور")
    assert key == search_key("اسماعيلي پور") == search_key("اسماعیلیپور") == "اسماعیلیپور"
    assert search_key("دورهٔ") == search_key("دورۀ") == search_key("دورة") == search_key("دوره")
    assert search_key("آرش") == search_key("ارش")
    assert search_key("أحمد") == search_key("احمد")
    assert search_key("إسماعیل") == search_key("اسماعیل")
    assert search_key("مؤسسه") == search_key("موسسه")
    assert search_key("مسئول") == search_key("مسیول")
    assert search_key("مُحَمَّد") == search_key("محمد")
    assert search_key("ICDL سطح ۲") == search_key("icdl سطح 2") == "icdlسطح2"
    assert search_key(None) == ""


def test_search_key_keeps_different_names_apart() -> None:
    assert search_key("علی") != search_key("عالی")
    assert search_key("کریمی") != search_key("کریم")
    assert search_key("قاسمی") not in search_key("کاظمی")


def test_search_key_finds_partial_query() -> None:
    assert search_key("اسماعيلي") in search_key("محمدحسین اسماعیلی" + ZWNJ + "پور")
    assert search_key("حسین اسما") in search_key("محمدحسین اسماعیلی" + ZWNJ + "پور")


@given(any_text)
def test_search_key_is_idempotent(text: str) -> None:
    key = search_key(text)
    assert search_key(key) == key
    assert " " not in key and ZWNJ not in key


@given(persian_text)
def test_search_key_ignores_letter_variants_and_half_spaces(text: str) -> None:
    persian = text.replace("ي", "ی").replace("ى", "ی").replace("ك", "ک")
    arabic = persian.replace("ی", "ي").replace("ک", "ك")
    spaced = persian.replace(ZWNJ, " ")
    glued = persian.replace(ZWNJ, "").replace(" ", "")
    assert search_key(persian) == search_key(arabic) == search_key(spaced) == search_key(glued)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("18.5", 18.5),
        ("۱۸٫۵", 18.5),
        ("۱۸/۵", 18.5),
        ("18,5", 18.5),
        (" 18 ", 18.0),
        ("\u200f۲۰\u200e", 20.0),
        ("-0.5", -0.5),
        ("٠٫٧٥", 0.75),
        (".5", 0.5),
        (17, 17.0),
        (17.25, 17.25),
        (Decimal("12.5"), 12.5),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_parse_decimal(typed: object, expected: float | None) -> None:
    assert parse_decimal(typed) == expected


@pytest.mark.parametrize(
    "garbage",
    ["abc", "۱۸٫۵٫۲", "18.5.2", "1e5", "nan", "inf", "۱۸ و نیم", "--1", "1-", float("nan")],
)
def test_parse_decimal_rejects_garbage(garbage: object) -> None:
    with pytest.raises(ValueError) as raised:
        parse_decimal(garbage, field="score")
    assert isinstance(raised.value, InvalidField)
    assert raised.value.field == "score"
    assert "عدد" in str(raised.value)
