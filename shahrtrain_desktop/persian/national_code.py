"""The Iranian national code (کد ملی): normalising, check digit and validation."""

from __future__ import annotations

import math
import re
from decimal import Decimal

from .errors import InvalidField
from .normalize import normalize_text, to_ascii_digits, to_persian_digits

FIELD = "national_code"
LENGTH = 10

# Messages shown to the user; {code} is shown with Persian digits.
MSG_EMPTY = "کد ملی وارد نشده است."
MSG_NOT_DIGITS = "کد ملی فقط باید رقم داشته باشد؛ «{code}» پذیرفته نیست."
MSG_LENGTH = "کد ملی باید ۱۰ رقم باشد؛ «{code}» {count} رقم دارد."
MSG_REPEATED = "کد ملی «{code}» معتبر نیست؛ همهٔ رقم‌های آن یکسان است."
MSG_CHECK_DIGIT = "کد ملی «{code}» معتبر نیست؛ رقم کنترل آن نمی‌خواند. آن را دوباره بررسی کنید."
MSG_NEED_NINE = "برای ساختن کد ملی دقیقاً ۹ رقم لازم است."

_SEPARATORS_RE = re.compile(r"[\s\-_\u2010-\u2015\u2212]+")
# A numeric spreadsheet cell saved as text ("12345678.0").
_TRAILING_ZERO_FRACTION_RE = re.compile(r"([0-9]+)\.0+")
_TEN_DIGITS_RE = re.compile(r"[0-9]{10}")
_DIGITS_RE = re.compile(r"[0-9]+")


def _restore_leading_zeros(digits: str) -> str:
    # Excel stores 0012345678 as the number 12345678; codes of a few provinces start with 00.
    return digits.zfill(LENGTH) if LENGTH - 2 <= len(digits) < LENGTH else digits


def normalize_national_code(value: object) -> str:
    """Return the code as ASCII digits, ready to store and compare.

    Accepts Persian/Arabic digits, spaces, dashes and invisible marks, and numbers read from
    Excel (``12345678.0`` -> ``"0012345678"``): a number with 8 or 9 digits has lost its leading
    zeros, which are restored. Text is not padded (a typed code missing a digit must be
    reported, not guessed). The result is not validated; see :func:`validate_national_code`.
    """
    if value is None or isinstance(value, bool):
        return "" if value is None else str(value)
    if isinstance(value, int):
        return _restore_leading_zeros(str(value)) if value >= 0 else str(value)
    if isinstance(value, float | Decimal):
        number = float(value)
        if math.isfinite(number) and number.is_integer() and number >= 0:
            return _restore_leading_zeros(str(int(value)))
        return str(value)
    text = _SEPARATORS_RE.sub("", to_ascii_digits(normalize_text(value)))
    match = _TRAILING_ZERO_FRACTION_RE.fullmatch(text)
    if match:
        return _restore_leading_zeros(match.group(1))
    return text


def _check_digit(first_nine: str) -> int:
    remainder = sum(int(digit) * (LENGTH - i) for i, digit in enumerate(first_nine)) % 11
    return remainder if remainder < 2 else 11 - remainder


def is_valid_national_code(code: str) -> bool:
    """True for a normalised code (10 ASCII digits) with a correct check digit.

    Codes made of one repeated digit (``0000000000``, ``1111111111``…) pass the arithmetic but
    are never issued, so they are rejected.
    """
    if not _TEN_DIGITS_RE.fullmatch(code) or len(set(code)) == 1:
        return False
    return _check_digit(code[:9]) == int(code[9])


def validate_national_code(value: object, field: str = FIELD) -> str:
    """Return the normalised code or raise :class:`InvalidField` saying what is wrong."""
    code = normalize_national_code(value)
    if not code:
        raise InvalidField(field, MSG_EMPTY)
    shown = to_persian_digits(code)
    if not _DIGITS_RE.fullmatch(code):
        raise InvalidField(field, MSG_NOT_DIGITS.format(code=shown))
    if len(code) != LENGTH:
        count = to_persian_digits(len(code))
        raise InvalidField(field, MSG_LENGTH.format(code=shown, count=count))
    if len(set(code)) == 1:
        raise InvalidField(field, MSG_REPEATED.format(code=shown))
    if not is_valid_national_code(code):
        raise InvalidField(field, MSG_CHECK_DIGIT.format(code=shown))
    return code


def complete_national_code(first_nine: str) -> str:
    """Append the check digit to nine digits (demo data, tests).

    Raises :class:`InvalidField` unless given exactly nine digits, or if the result would be a
    repeated-digit code that :func:`is_valid_national_code` rejects.
    """
    digits = _SEPARATORS_RE.sub("", to_ascii_digits(normalize_text(first_nine)))
    if not re.fullmatch(r"[0-9]{9}", digits):
        raise InvalidField(FIELD, MSG_NEED_NINE)
    code = digits + str(_check_digit(digits))
    if len(set(code)) == 1:
        raise InvalidField(FIELD, MSG_REPEATED.format(code=to_persian_digits(code)))
    return code
