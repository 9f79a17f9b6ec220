"""Iranian national codes (کد ملی) and the shared InvalidField error."""

from __future__ import annotations

import pickle
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from shahrtrain_desktop.persian import (
    InvalidField,
    complete_national_code,
    is_valid_national_code,
    normalize_national_code,
    validate_national_code,
)

# Checked by hand: sum(d[i] * (10 - i)) % 11 = r; check digit = r if r < 2 else 11 - r.
VALID_CODES = [
    "0499370899",  # r = 266 % 11 = 2 -> 9
    "1234567891",  # r = 210 % 11 = 1 -> 1
    "0033000050",  # r = 55 % 11 = 0 -> 0
    "0012345679",  # r = 112 % 11 = 2 -> 9
    "0100000010",  # r = 11 % 11 = 0 -> 0
]

nine_digits = st.from_regex(r"[0-9]{9}", fullmatch=True).filter(lambda s: len(set(s)) > 1)


@pytest.mark.parametrize("code", VALID_CODES)
def test_known_valid_codes(code: str) -> None:
    assert is_valid_national_code(code)
    assert validate_national_code(code) == code


@pytest.mark.parametrize("code", ["0012345678", "0499370898", "1234567890", "0033000051"])
def test_wrong_check_digit_is_invalid(code: str) -> None:
    assert not is_valid_national_code(code)


@pytest.mark.parametrize("digit", "0123456789")
def test_repeated_digit_codes_are_rejected(digit: str) -> None:
    code = digit * 10
    assert not is_valid_national_code(code)
    with pytest.raises(InvalidField):
        validate_national_code(code)


@pytest.mark.parametrize("code", ["", "049937089", "04993708990", "۰۴۹۹۳۷۰۸۹۹", "049937089a"])
def test_is_valid_only_accepts_normalised_codes(code: str) -> None:
    assert not is_valid_national_code(code)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("۰۰۱۲۳۴۵۶۷۸", "0012345678"),
        ("٠٤٩٩٣٧٠٨٩٩", "0499370899"),
        ("۰۴۹-۹۳۷۰۸۹-۹", "0499370899"),
        (" 0499 370 899 ", "0499370899"),
        ("\u200f0499370899\u200e", "0499370899"),
        ("049\u2013937089\u20139", "0499370899"),
        # Excel dropped the leading zeros of a numeric cell.
        (12345679, "0012345679"),
        (12345679.0, "0012345679"),
        (499370899.0, "0499370899"),
        (Decimal("100000010"), "0100000010"),
        ("12345679.0", "0012345679"),
        (1234567891, "1234567891"),
        # Typed text missing a digit is not guessed at.
        ("12345679", "12345679"),
        (None, ""),
    ],
)
def test_normalize_national_code(value: object, expected: str) -> None:
    assert normalize_national_code(value) == expected


def test_validate_accepts_excel_float_and_persian_digits() -> None:
    assert validate_national_code(12345679.0) == "0012345679"
    assert validate_national_code("۰۴۹۹ ۳۷۰ ۸۹۹") == "0499370899"


def _message(value: object) -> InvalidField:
    with pytest.raises(InvalidField) as raised:
        validate_national_code(value)
    return raised.value


def test_validate_messages_say_what_is_wrong() -> None:
    empty = _message("  ")
    letters = _message("04993708a9")
    short = _message("04993708")
    check = _message("0499370898")
    repeated = _message("1111111111")
    messages = [e.message for e in (empty, letters, short, check, repeated)]
    assert len(set(messages)) == 5
    assert all(e.field == "national_code" for e in (empty, letters, short, check, repeated))
    assert "وارد نشده" in empty.message
    assert "رقم" in letters.message
    assert "۱۰ رقم" in short.message and "۸ رقم" in short.message
    assert "رقم کنترل" in check.message and "۰۴۹۹۳۷۰۸۹۸" in check.message
    assert "یکسان" in repeated.message


def test_validate_uses_the_given_field_id() -> None:
    with pytest.raises(InvalidField) as raised:
        validate_national_code("123", field="father_national_code")
    assert raised.value.field == "father_national_code"


def test_invalid_field_is_a_value_error_with_persian_str() -> None:
    error = InvalidField("national_code", "کد ملی وارد نشده است.")
    assert isinstance(error, ValueError)
    assert str(error) == error.message == "کد ملی وارد نشده است."
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.field, copy.message, str(copy)) == (error.field, error.message, str(error))


def test_complete_national_code() -> None:
    assert complete_national_code("049937089") == "0499370899"
    assert complete_national_code("۱۲۳۴۵۶۷۸۹") == "1234567891"
    for bad in ("12345678", "1234567890", "12345678a", "111111111"):
        with pytest.raises(InvalidField):
            complete_national_code(bad)


@given(nine_digits)
def test_completed_codes_are_valid_and_round_trip(first_nine: str) -> None:
    code = complete_national_code(first_nine)
    assert code.startswith(first_nine) and len(code) == 10
    assert is_valid_national_code(code)
    assert validate_national_code(code) == code
    assert normalize_national_code(code) == code


@given(nine_digits, st.integers(min_value=1, max_value=9))
def test_changing_the_check_digit_makes_a_code_invalid(first_nine: str, shift: int) -> None:
    code = complete_national_code(first_nine)
    wrong = code[:9] + str((int(code[9]) + shift) % 10)
    assert not is_valid_national_code(wrong)
    with pytest.raises(InvalidField):
        validate_national_code(wrong)


@given(nine_digits)
def test_excel_numbers_round_trip(first_nine: str) -> None:
    code = complete_national_code(first_nine)
    assume(not code.startswith("000"))  # Excel keeps at least 8 digits of a real code
    assert normalize_national_code(int(code)) == code
    assert normalize_national_code(float(int(code))) == code
    assert normalize_national_code(f"{int(code)}.0") == code
