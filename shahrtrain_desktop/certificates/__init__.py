"""Certificates: fields, the office template, signed QR payloads and PDF print runs (no Qt)."""

from __future__ import annotations

from .errors import CertificateError
from .fields import CertificateDataError, CertificateFields
from .payload import (
    BadSignatureError,
    CertificateVerificationError,
    MalformedPayloadError,
    PayloadFields,
    SamplePayloadError,
    UnknownKeyError,
)
from .render import (
    CertificateOutputError,
    RenderCancelled,
    preview_from_json_file,
    render_certificates,
    render_preview,
)
from .signing import SigningKeyError, VerifiedPayload, parse_and_verify, sign_payload
from .template import BodyWording, OfficeTemplate, Signatory

__all__ = [
    "BadSignatureError",
    "BodyWording",
    "CertificateDataError",
    "CertificateError",
    "CertificateFields",
    "CertificateOutputError",
    "CertificateVerificationError",
    "MalformedPayloadError",
    "OfficeTemplate",
    "PayloadFields",
    "RenderCancelled",
    "SamplePayloadError",
    "Signatory",
    "SigningKeyError",
    "UnknownKeyError",
    "VerifiedPayload",
    "parse_and_verify",
    "preview_from_json_file",
    "render_certificates",
    "render_preview",
    "sign_payload",
]
