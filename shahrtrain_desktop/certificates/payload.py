"""The compact text held by a certificate's QR code, and its errors.

Layout: ``ST1:`` followed by unpadded Base32 of ``body + signature``. Base32 and the prefix use
only characters of the QR alphanumeric mode (5.5 bits a character instead of 8), which keeps
the symbol at version 8 or below at error correction M. The body is binary:

====================  =============================================================
key id                4 bytes (the first 8 hex digits of SHA-256 of the public key)
flags                 1 byte; bit 0 marks a preview sample, which never verifies
end date              uint16, days since 2000-01-01 (Gregorian; shown as Jalali)
hours                 uint16, tenths of an hour
score                 uint16, hundredths; 0xFFFF when the course has no score
number                1-byte length + UTF-8 (the certificate number, e.g. 1405-QZ-000123)
national code         1-byte length + UTF-8
course code           1-byte length + UTF-8
====================  =============================================================

The Ed25519 signature (64 bytes) covers ``ST1:`` + body, so the format version is signed too.
"""

from __future__ import annotations

import base64
import binascii
import struct
from dataclasses import dataclass
from datetime import date, timedelta

from .errors import CertificateError

PREFIX = "ST1:"
SIGNATURE_SIZE = 64
FLAG_SAMPLE = 0x01
NO_SCORE = 0xFFFF

_EPOCH = date(2000, 1, 1)
_HEADER = struct.Struct(">4sBHHH")
_MAX_UINT16 = 0xFFFF


class CertificateVerificationError(CertificateError, ValueError):
    """A QR text that is not a genuine certificate of a known office; ``str()`` is Persian."""

    reason = "invalid"
    default_message = "متن QR گواهی‌نامهٔ معتبری نیست."

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)


class MalformedPayloadError(CertificateVerificationError):
    reason = "malformed"
    default_message = "متن QR خوانا نیست یا ناقص است؛ این کد متعلق به گواهی‌نامه‌های این سامانه نیست."


class UnknownKeyError(CertificateVerificationError):
    reason = "unknown_key"
    default_message = "کلید امضای این گواهی‌نامه شناخته نیست."


class BadSignatureError(CertificateVerificationError):
    reason = "bad_signature"
    default_message = "امضای دیجیتال QR نمی‌خواند؛ محتوای آن پس از صدور تغییر کرده یا جعلی است."


class SamplePayloadError(CertificateVerificationError):
    reason = "sample"
    default_message = "این QR مربوط به نمونهٔ پیش‌نمایش است و هیچ گواهی‌نامه‌ای را تأیید نمی‌کند."


@dataclass(frozen=True, slots=True)
class PayloadFields:
    """What the QR vouches for; the verifier compares it with the printed certificate."""

    number: str
    national_code: str
    course_code: str
    end_date: date
    hours: float
    score: float | None = None


@dataclass(frozen=True, slots=True)
class SignedPayload:
    """A decoded QR text whose signature has not been checked yet."""

    fields: PayloadFields
    key_id: str
    flags: int
    message: bytes
    signature: bytes

    @property
    def is_sample(self) -> bool:
        return bool(self.flags & FLAG_SAMPLE)


def _uint16(value: float, scale: int, what: str) -> int:
    scaled = round(value * scale)
    if not 0 <= scaled < _MAX_UINT16:
        raise ValueError(f"{what} out of range for the QR payload: {value!r}")
    return scaled


def _text(value: str, what: str) -> bytes:
    raw = value.encode("utf-8")
    if len(raw) > 255:
        raise ValueError(f"{what} too long for the QR payload: {value!r}")
    return bytes((len(raw),)) + raw


def encode_body(fields: PayloadFields, key_id: str, flags: int = 0) -> bytes:
    """The signed part of the payload (``PREFIX`` + binary body)."""
    kid = bytes.fromhex(key_id)
    if len(kid) != 4:
        raise ValueError(f"key id must be 8 hex digits: {key_id!r}")
    days = (fields.end_date - _EPOCH).days
    if not 0 <= days <= _MAX_UINT16:
        raise ValueError(f"end date out of range for the QR payload: {fields.end_date}")
    score = NO_SCORE if fields.score is None else _uint16(fields.score, 100, "score")
    header = _HEADER.pack(kid, flags, days, _uint16(fields.hours, 10, "hours"), score)
    strings = (
        _text(fields.number, "number")
        + _text(fields.national_code, "national code")
        + _text(fields.course_code, "course code")
    )
    return PREFIX.encode("ascii") + header + strings


def pack(body: bytes, signature: bytes) -> str:
    """The QR text for a signed body."""
    raw = body[len(PREFIX) :] + signature
    return PREFIX + base64.b32encode(raw).decode("ascii").rstrip("=")


def _read_text(raw: bytes, pos: int) -> tuple[str, int]:
    if pos >= len(raw):
        raise MalformedPayloadError()
    end = pos + 1 + raw[pos]
    if end > len(raw):
        raise MalformedPayloadError()
    try:
        return raw[pos + 1 : end].decode("utf-8"), end
    except UnicodeDecodeError as error:
        raise MalformedPayloadError() from error


def decode(text: str) -> SignedPayload:
    """Split a QR text into its fields and signature; raises :class:`MalformedPayloadError`."""
    text = text.strip() if isinstance(text, str) else ""
    if text[: len(PREFIX)].upper() != PREFIX:
        raise MalformedPayloadError()
    encoded = text[len(PREFIX) :].upper()
    try:
        raw = base64.b32decode(encoded + "=" * (-len(encoded) % 8))
    except (binascii.Error, ValueError) as error:
        raise MalformedPayloadError() from error
    if base64.b32encode(raw).decode("ascii").rstrip("=") != encoded:
        raise MalformedPayloadError()  # stray bits in the last character: not what was signed
    body, signature = raw[:-SIGNATURE_SIZE], raw[-SIGNATURE_SIZE:]
    if len(body) < _HEADER.size or len(signature) != SIGNATURE_SIZE:
        raise MalformedPayloadError()
    kid, flags, days, hours, score = _HEADER.unpack_from(body)
    number, pos = _read_text(body, _HEADER.size)
    national_code, pos = _read_text(body, pos)
    course_code, pos = _read_text(body, pos)
    if pos != len(body):
        raise MalformedPayloadError()
    fields = PayloadFields(
        number=number,
        national_code=national_code,
        course_code=course_code,
        end_date=_EPOCH + timedelta(days=days),
        hours=hours / 10,
        score=None if score == NO_SCORE else score / 100,
    )
    message = PREFIX.encode("ascii") + body
    return SignedPayload(fields, kid.hex(), flags, message, signature)
