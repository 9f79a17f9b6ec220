"""The office's Ed25519 signing key and signing/verifying certificate QR payloads."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from . import payload as _payload
from .errors import CertificateError
from .payload import (
    FLAG_SAMPLE,
    BadSignatureError,
    PayloadFields,
    SamplePayloadError,
    UnknownKeyError,
)


class SigningKeyError(CertificateError, ValueError):
    """A key file that cannot be used; ``str()`` is a Persian sentence for the user."""


@dataclass(frozen=True, slots=True)
class VerifiedPayload:
    """A QR payload whose signature checked out against a known office key."""

    key_id: str
    number: str
    national_code: str
    course_code: str
    end_date: date
    hours: float
    score: float | None


def generate_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def key_id_of(public_key: Ed25519PublicKey) -> str:
    """First 8 hex digits of SHA-256 of the raw public key."""
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:8]


def private_key_to_pem(private_key: Ed25519PrivateKey, passphrase: str) -> bytes:
    """PKCS#8 PEM encrypted with *passphrase* (the key never leaves the office unprotected)."""
    if not passphrase:
        raise SigningKeyError("برای نگه‌داری کلید امضا، گذرواژه لازم است.")
    return private_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")),
    )


def load_private_key(pem: bytes, passphrase: str) -> Ed25519PrivateKey:
    try:
        key = serialization.load_pem_private_key(pem, password=passphrase.encode("utf-8"))
    except (ValueError, TypeError, UnsupportedAlgorithm) as error:
        raise SigningKeyError(
            "کلید امضا باز نشد؛ گذرواژه نادرست است یا فایل کلید آسیب دیده است."
        ) from error
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError("فایل کلید، کلید امضای Ed25519 نیست.")
    return key


def public_key_to_pem(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def load_public_key(pem: bytes) -> Ed25519PublicKey:
    try:
        key = serialization.load_pem_public_key(pem)
    except (ValueError, UnsupportedAlgorithm) as error:
        raise SigningKeyError("کلید عمومی خوانا نیست.") from error
    if not isinstance(key, Ed25519PublicKey):
        raise SigningKeyError("کلید عمومی، کلید Ed25519 نیست.")
    return key


def sign_payload(
    fields: PayloadFields, private_key: Ed25519PrivateKey, key_id: str | None = None
) -> str:
    """The QR text for a genuine certificate, signed with the office key."""
    own_id = key_id_of(private_key.public_key())
    if key_id is not None and key_id != own_id:
        raise ValueError(f"key id {key_id!r} does not belong to this private key ({own_id})")
    body = _payload.encode_body(fields, own_id)
    return _payload.pack(body, private_key.sign(body))


def sign_sample_payload(fields: PayloadFields) -> str:
    """A preview's QR text: it decodes like a real one but can never verify.

    It carries the signed sample flag and is signed with a throwaway key that no office has.
    """
    throwaway = Ed25519PrivateKey.generate()
    body = _payload.encode_body(fields, key_id_of(throwaway.public_key()), FLAG_SAMPLE)
    return _payload.pack(body, throwaway.sign(body))


def parse_and_verify(text: str, public_keys: Mapping[str, Ed25519PublicKey]) -> VerifiedPayload:
    """Check a QR text against the offices' public keys (by key id).

    Raises a :class:`~.payload.CertificateVerificationError` subclass whose message says what
    is wrong: malformed text, a preview sample, an unknown key or a bad signature.
    """
    signed = _payload.decode(text)
    if signed.is_sample:
        raise SamplePayloadError()
    public_key = public_keys.get(signed.key_id)
    if public_key is None:
        raise UnknownKeyError(
            f"کلید امضای این گواهی‌نامه (شناسهٔ {signed.key_id}) شناخته نیست؛ "
            "گواهی‌نامه از دفتری صادر شده که کلید آن ثبت نشده، یا جعلی است."
        )
    try:
        public_key.verify(signed.signature, signed.message)
    except InvalidSignature as error:
        raise BadSignatureError() from error
    f = signed.fields
    return VerifiedPayload(
        key_id=signed.key_id,
        number=f.number,
        national_code=f.national_code,
        course_code=f.course_code,
        end_date=f.end_date,
        hours=f.hours,
        score=f.score,
    )
