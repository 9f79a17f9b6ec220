"""Iranian mobile numbers."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shahrtrain_desktop.persian import (
    InvalidField,
    normalize_mobile,
    to_persian_digits,
    validate_mobile,
)


@pytest.mark.parametrize(
    "typed",
    [
        "09123456789",
        "+98 912 345 6789",
        "+989123456789",
        "0098 912 345 6789",
        "00989123456789",
        "989123456789",
        "9123456789",
        "۰۹۱۲۳۴۵۶۷۸۹",
        "٠٩١٢٣٤٥٦٧٨٩",
        "۰۹۱۲-۳۴۵-۶۷۸۹",
        "(0912) 345 6789",
        "+98 (0) 912 345 6789",
        "\u200e+98 912 345 6789\u200f",
        "0912\u00a0345\u00a06789",
        9123456789,
        9123456789.0,
        Decimal("9123456789"),
        "9123456789.0",
    ],
)
def test_normalize_mobile(typed: object) -> None:
    assert normalize_mobile(typed) == "09123456789"
    assert validate_mobile(typed) == "09123456789"


def test_empty_mobile() -> None:
    assert normalize_mobile(None) == ""
    assert validate_mobile(None, optional=True) == ""
    assert validate_mobile("  ", optional=True) == ""
    with pytest.raises(InvalidField) as raised:
        validate_mobile("")
    assert raised.value.field == "mobile"
    assert "وارد نشده" in raised.value.message


@pytest.mark.parametrize(
    "typed",
    ["0912345678", "091234567890", "02112345678", "12345678901", "+1 212 555 0100", "0912"],
)
def test_wrong_numbers_are_rejected(typed: str) -> None:
    with pytest.raises(InvalidField) as raised:
        validate_mobile(typed, optional=True)
    assert "۰۹" in raised.value.message and "۱۱ رقم" in raised.value.message


def test_letters_are_rejected_with_their_own_message() -> None:
    with pytest.raises(InvalidField) as raised:
        validate_mobile("0912abc6789", field="contact_mobile")
    assert raised.value.field == "contact_mobile"
    assert "فقط باید رقم" in raised.value.message


@given(st.from_regex(r"9[0-9]{9}", fullmatch=True))
def test_every_written_form_gives_the_same_number(rest: str) -> None:
    expected = "0" + rest
    spaced = f"{rest[:3]} {rest[3:6]} {rest[6:]}"
    forms = [
        expected,
        rest,
        "+98" + rest,
        "0098 " + spaced,
        "98" + rest,
        to_persian_digits(expected),
    ]
    assert {validate_mobile(form) for form in forms} == {expected}
    assert validate_mobile(int(rest)) == expected
