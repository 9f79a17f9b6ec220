"""Is a scanned QR text a genuine, unrevoked certificate of this office? Said in Persian.

The signature is checked against every key the office has used (``keys.public_keys``); a
preview's QR never verifies; then this office's records decide: a revoked certificate, or one
whose signed fields differ from what was issued under its number, is not genuine.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from shahrtrain_desktop.certificates import CertificateVerificationError, parse_and_verify
from shahrtrain_desktop.certificates.signing import VerifiedPayload
from shahrtrain_desktop.models import Certificate
from shahrtrain_desktop.models.enums import CertificateStatus
from shahrtrain_desktop.persian import (
    format_jalali_display,
    normalize_text,
    rtl_date_marks,
    to_persian_digits,
)
from shahrtrain_desktop.persian.jalali import parse_jalali
from shahrtrain_desktop.services.keys import public_keys as office_keys

GENUINE = "گواهی‌نامه معتبر است: امضای دیجیتال دفتر درست است و ابطال نشده است."
REVOKED = "این گواهی‌نامه ابطال شده است{when}. دلیل: {reason}"
REPLACED_BY = "گواهی‌نامهٔ جایگزین: {number}"
MISMATCH = (
    "امضای QR درست است، اما با گواهی‌نامهٔ صادرشده به این شماره در دفتر یکی نیست؛ "
    "گواهی‌نامه معتبر نیست."
)
NOT_IN_RECORDS = (
    "امضای دیجیتال دفتر درست است؛ این شماره در پایگاه دادهٔ این رایانه ثبت نیست "
    "(شاید از نسخهٔ دیگری از پایگاه داده صادر شده باشد)."
)
EMPTY = "متنی برای بررسی وارد نشده است."
NO_READER = (
    "برنامهٔ خواندن QR از PDF (pdftoppm و zbarimg) روی این رایانه نصب نیست؛ "
    "متن QR را با برنامهٔ اسکنر بخوانید و همان را وارد کنید."
)
NO_QR = "در فایل «{name}» کد QR خوانایی پیدا نشد."
PDF_UNREADABLE = "فایل «{name}» خوانده نشد؛ PDF سالمی نیست."
SCAN_DPI = 150


@dataclass
class Verification:
    """The answer for one QR text: ``genuine`` only for a valid, unrevoked certificate."""

    genuine: bool
    message: str
    details: list[tuple[str, str]] = field(default_factory=list)  # (Persian label, value)

    def report(self) -> str:
        lines = [self.message]
        lines += [f"{label}: {value}" for label, value in self.details]
        return "\n".join(lines)


def _number_text(value: float | None) -> str:
    if value is None:
        return ""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return to_persian_digits(text.replace(".", "٫"))


def _signed_details(signed: VerifiedPayload) -> list[tuple[str, str]]:
    details = [
        ("شمارهٔ گواهی‌نامه", signed.number),
        ("کد ملی", to_persian_digits(signed.national_code)),
        ("کد دوره", signed.course_code),
        ("تاریخ پایان دوره", format_jalali_display(signed.end_date)),
        ("مدت دوره", f"{_number_text(signed.hours)} ساعت"),
    ]
    if signed.score is not None:
        details.append(("نمره", f"{_number_text(signed.score)} از ۲۰"))
    details.append(("شناسهٔ کلید امضا", signed.key_id))
    return details


def _matches(signed: VerifiedPayload, printed: dict[str, object]) -> bool:
    try:
        end = parse_jalali(str(printed.get("end_date", "")))
    except ValueError:
        return False
    score = printed.get("score")
    return (
        str(printed.get("national_code")) == signed.national_code
        and str(printed.get("course_code")) == signed.course_code
        and end == signed.end_date
        and abs(float(printed.get("hours") or 0) - signed.hours) < 0.05  # type: ignore[arg-type]
        and (
            (score is None) == (signed.score is None)
            and (score is None or abs(float(score) - (signed.score or 0)) < 0.005)  # type: ignore[arg-type]
        )
    )


def verify_text(session: Session, scanned: str) -> Verification:
    """Check one scanned QR text against the office's keys and records."""
    text = "".join(normalize_text(scanned or "").split())
    if not text:
        return Verification(False, EMPTY)
    try:
        signed = parse_and_verify(text, office_keys(session))
    except CertificateVerificationError as error:
        return Verification(False, str(error))
    details = _signed_details(signed)
    cert = session.scalars(select(Certificate).where(Certificate.number == signed.number)).first()
    if cert is None:
        return Verification(True, NOT_IN_RECORDS, details)
    printed = json.loads(cert.printed_fields or "{}")
    holder = [
        ("نام دارنده", str(printed.get("holder_name", ""))),
        ("عنوان دوره", str(printed.get("course_title", ""))),
        ("تاریخ صدور", rtl_date_marks(to_persian_digits(str(printed.get("issue_date", ""))))),
    ]
    details = holder + details
    if cert.status == CertificateStatus.REVOKED:
        when = f" در {format_jalali_display(cert.revoked_at.date())}" if cert.revoked_at else ""
        message = REVOKED.format(when=when, reason=cert.revoke_reason or "—")
        replacement = session.scalars(
            select(Certificate.number).where(Certificate.replaces_id == cert.id)
        ).first()
        if replacement:
            message += "\n" + REPLACED_BY.format(number=replacement)
        return Verification(False, message, details)
    if cert.status != CertificateStatus.ISSUED or not _matches(signed, printed):
        return Verification(False, MISMATCH, details)
    return Verification(True, GENUINE, details)


class QrReadError(Exception):
    """The QR could not be read from a file; ``str()`` is Persian."""


def qr_texts_from_pdf(pdf: Path, dpi: int = SCAN_DPI) -> list[str]:
    """Every QR text on the PDF's pages, read as a 150 dpi scan would be (pdftoppm + zbarimg)."""
    pdftoppm, zbarimg = shutil.which("pdftoppm"), shutil.which("zbarimg")
    if pdftoppm is None or zbarimg is None:
        raise QrReadError(NO_READER)
    pdf = Path(pdf)
    if not pdf.is_file():
        raise QrReadError(PDF_UNREADABLE.format(name=pdf.name))
    with tempfile.TemporaryDirectory() as folder:
        rendered = subprocess.run(
            [pdftoppm, "-r", str(dpi), "-gray", "-png", str(pdf), str(Path(folder) / "page")],
            capture_output=True,
        )
        pages = sorted(Path(folder).glob("page*.png"))
        if rendered.returncode != 0 or not pages:
            raise QrReadError(PDF_UNREADABLE.format(name=pdf.name))
        scanned = subprocess.run(
            [zbarimg, "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", *map(str, pages)],
            capture_output=True,
            text=True,
        )
    texts = [line.strip() for line in scanned.stdout.splitlines() if line.strip()]
    if not texts:
        raise QrReadError(NO_QR.format(name=pdf.name))
    return texts
