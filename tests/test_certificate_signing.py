"""Signed QR payloads: compact, verifiable, tamper-evident; previews never verify."""

from __future__ import annotations

import re
from datetime import date

import pytest
import segno
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from hypothesis import given
from hypothesis import strategies as st

from shahrtrain_desktop.certificates.payload import (
    BadSignatureError,
    CertificateVerificationError,
    MalformedPayloadError,
    PayloadFields,
    SamplePayloadError,
    UnknownKeyError,
    decode,
)
from shahrtrain_desktop.certificates.signing import (
    SigningKeyError,
    generate_private_key,
    key_id_of,
    load_private_key,
    load_public_key,
    parse_and_verify,
    private_key_to_pem,
    public_key_to_pem,
    sign_payload,
    sign_sample_payload,
)

FIELDS = PayloadFields(
    number="1405-QZ-000123",
    national_code="0012345678",
    course_code="QZ-ICDL-02",
    end_date=date(2026, 11, 21),
    hours=24,
    score=18.5,
)
PERSIAN = re.compile("[\u0600-\u06ff]")


Keys = dict[str, Ed25519PublicKey]


@pytest.fixture(scope="module")
def key() -> Ed25519PrivateKey:
    return generate_private_key()


@pytest.fixture(scope="module")
def keys(key: Ed25519PrivateKey) -> Keys:
    return {key_id_of(key.public_key()): key.public_key()}


def test_signed_payload_verifies_with_its_fields(key: Ed25519PrivateKey, keys: Keys) -> None:
    text = sign_payload(FIELDS, key, key_id_of(key.public_key()))
    verified = parse_and_verify(text, keys)
    assert verified.key_id == key_id_of(key.public_key())
    assert (verified.number, verified.national_code, verified.course_code) == (
        "1405-QZ-000123",
        "0012345678",
        "QZ-ICDL-02",
    )
    assert verified.end_date == date(2026, 11, 21)
    assert verified.hours == 24
    assert verified.score == 18.5


def test_payload_is_compact_enough_for_a_small_qr(key: Ed25519PrivateKey) -> None:
    text = sign_payload(FIELDS, key)
    assert text.startswith("ST1:")
    qr = segno.make_qr(text, error="m", boost_error=False)
    assert qr.mode == "alphanumeric"
    assert isinstance(qr.version, int) and qr.version <= 8


def test_key_id_is_eight_hex_digits(key: Ed25519PrivateKey) -> None:
    assert re.fullmatch("[0-9a-f]{8}", key_id_of(key.public_key()))


def test_key_id_must_match_the_key(key: Ed25519PrivateKey) -> None:
    with pytest.raises(ValueError):
        sign_payload(FIELDS, key, "00000000")


def test_every_single_character_change_fails(key: Ed25519PrivateKey, keys: Keys) -> None:
    text = sign_payload(FIELDS, key)
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
    for i in range(len("ST1:"), len(text)):
        replacement = alphabet[(alphabet.index(text[i]) + 1) % len(alphabet)]
        tampered = text[:i] + replacement + text[i + 1 :]
        with pytest.raises(CertificateVerificationError):
            parse_and_verify(tampered, keys)


def test_a_changed_field_is_a_bad_signature(key: Ed25519PrivateKey, keys: Keys) -> None:
    text = sign_payload(FIELDS, key)
    position = 20  # inside the signed body (the certificate number)
    tampered = text[:position] + ("A" if text[position] != "A" else "B") + text[position + 1 :]
    with pytest.raises(BadSignatureError) as error:
        parse_and_verify(tampered, keys)
    assert PERSIAN.search(str(error.value))


def test_unknown_key(key: Ed25519PrivateKey) -> None:
    text = sign_payload(FIELDS, key)
    other = generate_private_key().public_key()
    with pytest.raises(UnknownKeyError) as error:
        parse_and_verify(text, {key_id_of(other): other})
    assert key_id_of(key.public_key()) in str(error.value)


@pytest.mark.parametrize(
    "text",
    ["", "hello", "ST1:", "ST1:!!!!", "ST2:ABCDEFGH", "ST1:" + "A" * 40, "ST1:" + "A" * 300],
)
def test_malformed(text: str, keys: Keys) -> None:
    with pytest.raises(MalformedPayloadError):
        parse_and_verify(text, keys)


def test_preview_payload_decodes_but_never_verifies(keys: Keys) -> None:
    text = sign_sample_payload(FIELDS)
    assert decode(text).fields.number == FIELDS.number
    assert decode(text).is_sample
    with pytest.raises(SamplePayloadError):
        parse_and_verify(text, keys)
    # Even with the throwaway key known, a sample stays a sample.
    with pytest.raises(SamplePayloadError):
        parse_and_verify(text, {decode(text).key_id: generate_private_key().public_key()})


def test_error_messages_are_distinct_and_persian() -> None:
    errors = [MalformedPayloadError(), UnknownKeyError(), BadSignatureError(), SamplePayloadError()]
    messages = {str(e) for e in errors}
    assert len(messages) == 4
    assert all(PERSIAN.search(m) for m in messages)
    assert len({e.reason for e in errors}) == 4


def test_private_key_pem_is_encrypted_and_round_trips(key: Ed25519PrivateKey) -> None:
    pem = private_key_to_pem(key, "گذرواژه-امن")
    assert b"ENCRYPTED" in pem
    loaded = load_private_key(pem, "گذرواژه-امن")
    assert key_id_of(loaded.public_key()) == key_id_of(key.public_key())
    with pytest.raises(SigningKeyError) as error:
        load_private_key(pem, "wrong")
    assert PERSIAN.search(str(error.value))
    with pytest.raises(SigningKeyError):
        private_key_to_pem(key, "")


def test_public_key_pem_round_trips(key: Ed25519PrivateKey) -> None:
    loaded = load_public_key(public_key_to_pem(key.public_key()))
    assert key_id_of(loaded) == key_id_of(key.public_key())
    with pytest.raises(SigningKeyError):
        load_public_key(b"not a key")


@given(
    number=st.text(max_size=40),
    national_code=st.from_regex(r"[0-9]{10}", fullmatch=True),
    course_code=st.text(max_size=30),
    end_date=st.dates(date(2000, 1, 1), date(2150, 1, 1)),
    hours=st.integers(1, 60000).map(lambda h: h / 10),
    score=st.none() | st.integers(0, 2000).map(lambda s: s / 100),
)
def test_fields_round_trip(
    number: str,
    national_code: str,
    course_code: str,
    end_date: date,
    hours: float,
    score: float | None,
) -> None:
    fields = PayloadFields(number, national_code, course_code, end_date, hours, score)
    key = generate_private_key()
    public = {key_id_of(key.public_key()): key.public_key()}
    verified = parse_and_verify(sign_payload(fields, key), public)
    assert (verified.number, verified.national_code, verified.course_code) == (
        number,
        national_code,
        course_code,
    )
    assert (verified.end_date, verified.hours, verified.score) == (end_date, hours, score)
