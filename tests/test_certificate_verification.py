"""Verifying a scanned QR: only genuine, unrevoked ones pass; revoked, tampered, previews fail."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_certificate_workflow_support import TODAY, acting, demo_office, ids_with, offering_of

from shahrtrain_desktop.certificates import payload, render_preview
from shahrtrain_desktop.certificates.fields import CertificateFields
from shahrtrain_desktop.certificates.signing import generate_private_key, sign_payload
from shahrtrain_desktop.certificates.template import OfficeTemplate
from shahrtrain_desktop.cli import main
from shahrtrain_desktop.models import Certificate
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import CertificateStatus as S
from shahrtrain_desktop.persian import rtl_date_marks
from shahrtrain_desktop.services import certificate_printing as printing
from shahrtrain_desktop.services import certificate_workflow as wf
from shahrtrain_desktop.services.certificate_verification import verify_text

needs_zbar = pytest.mark.skipif(
    not (shutil.which("pdftoppm") and shutil.which("zbarimg")), reason="pdftoppm/zbarimg missing"
)


@pytest.fixture
def office(db: Database) -> Database:
    demo_office(db)
    return db


def _issued(db: Database, tmp_path: Path, count: int = 1) -> list[Certificate]:
    with acting(db, "officer") as s:
        ids = ids_with(s, S.APPROVED, count)
        printing.print_batch(s, ids, tmp_path / "issued.pdf", today=TODAY)
        return [s.get(Certificate, i) for i in ids]  # type: ignore[misc]


def _fields(cert: Certificate) -> CertificateFields:
    return CertificateFields.from_json_dict(json.loads(cert.printed_fields or "{}"))


def test_genuine_certificate_verifies_with_its_fields_in_persian(
    office: Database, tmp_path: Path
) -> None:
    cert = _issued(office, tmp_path)[0]
    with office.session() as s:
        answer = verify_text(s, f"  {cert.qr_text}\n")
    assert answer.genuine, answer.message
    shown = dict(answer.details)
    assert shown["شمارهٔ گواهی‌نامه"] == cert.number
    assert shown["نام دارنده"] == _fields(cert).holder_name
    assert shown["تاریخ صدور"] == rtl_date_marks("۱۴۰۵/۰۸/۲۹")
    assert shown["کد ملی"].isdigit() and not shown["کد ملی"].isascii()


def test_revoked_certificate_fails_and_says_why(office: Database, tmp_path: Path) -> None:
    cert = _issued(office, tmp_path)[0]
    with acting(office, "admin") as s:
        wf.revoke(s, cert.id, "صدور اشتباه")
    with office.session() as s:
        answer = verify_text(s, cert.qr_text or "")
    assert not answer.genuine
    assert "ابطال" in answer.message and "صدور اشتباه" in answer.message


def test_tampered_foreign_and_preview_payloads_fail(office: Database, tmp_path: Path) -> None:
    cert = _issued(office, tmp_path)[0]
    signed = payload.decode(cert.qr_text or "")
    raised = dataclasses.replace(signed.fields, score=20.0)
    tampered = payload.pack(payload.encode_body(raised, signed.key_id), signed.signature)
    foreign = sign_payload(_fields(cert).payload(), generate_private_key())
    sample = tmp_path / "sample.pdf"
    render_preview(_fields(cert), sample, OfficeTemplate())
    with office.session() as s:
        for text, reason in (
            (tampered, "امضای دیجیتال"),
            (foreign, "شناخته نیست"),
            ("ST1:NOTAQR", "خوانا نیست"),
            ("", "وارد نشده"),
        ):
            answer = verify_text(s, text)
            assert not answer.genuine and reason in answer.message, (text, answer.message)
    assert len(PdfReader(sample).pages) == 1


@needs_zbar
def test_a_150_dpi_scan_of_a_printed_batch_verifies_from_the_command_line(
    office: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with office.session() as s:
        offering = offering_of(s, ids_with(s, S.APPROVED, 1)[0])
    out = tmp_path / "out" / "batch.pdf"
    url = office.url
    assert (
        main(["--db", url, "certificates", "print", "--offering", str(offering), "--out", str(out)])
        == 0
    )
    with office.session() as s:
        issued = ids_with(s, S.ISSUED)
    one = tmp_path / "one"
    with acting(office, "officer") as s:
        result = printing.print_batch(s, issued[-1:], one, separate=True)
    scanned = result.paths[0]
    capsys.readouterr()
    assert main(["--db", url, "certificates", "verify", "--pdf", str(scanned)]) == 0
    assert "معتبر است" in capsys.readouterr().out

    with acting(office, "admin") as s:
        wf.revoke(s, issued[-1], "تکراری")
    assert main(["--db", url, "certificates", "verify", "--pdf", str(scanned)]) == 1
    assert "ابطال" in capsys.readouterr().out


def test_verify_text_from_the_command_line_and_a_pdf_without_qr(
    office: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cert = _issued(office, tmp_path)[0]
    assert main(["--db", office.url, "certificates", "verify", cert.qr_text or ""]) == 0
    assert main(["--db", office.url, "certificates", "verify", "ST1:AAAA"]) == 1
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"not a pdf")
    assert main(["--db", office.url, "certificates", "verify", "--pdf", str(junk)]) == 1
    assert "PDF" in capsys.readouterr().err
