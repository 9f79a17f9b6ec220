"""Batch printing: issue what is approved, one PDF or one per person, reprints «المثنی», cancel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import delete, select
from test_certificate_workflow_support import TODAY, acting, demo_office, ids_with, offering_of

from shahrtrain_desktop.certificates import RenderCancelled
from shahrtrain_desktop.certificates.fields import CertificateDataError
from shahrtrain_desktop.models import Certificate, SigningKey
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import CertificateStatus as S
from shahrtrain_desktop.services import certificate_printing as printing
from shahrtrain_desktop.services import certificate_template, settings
from shahrtrain_desktop.services.keys import OfficeKeyError
from shahrtrain_desktop.services.permissions import PermissionDenied


@pytest.fixture
def office(db: Database) -> Database:
    demo_office(db)
    return db


def _offering_with_approved(db: Database) -> int:
    with db.session() as s:
        return offering_of(s, ids_with(s, S.APPROVED, 1)[0])


def _statuses(db: Database, ids: list[int]) -> dict[int, tuple[S, int, int]]:
    with db.session() as s:
        rows = s.execute(
            select(
                Certificate.id,
                Certificate.status,
                Certificate.print_count,
                Certificate.duplicate_count,
            ).where(Certificate.id.in_(ids))
        ).all()
    return {i: (status, prints, dups) for i, status, prints, dups in rows}


def test_offering_batch_issues_approved_and_prints_one_pdf_then_reprints_as_duplicates(
    office: Database, tmp_path: Path
) -> None:
    offering = _offering_with_approved(office)
    out = tmp_path / "batch.pdf"
    with acting(office, "officer") as s:
        ids = printing.printable_ids(s, offering)
        result = printing.print_batch(s, ids, out, today=TODAY)
    assert result.pages == len(ids) == len(PdfReader(out).pages)
    assert result.issued > 0 and result.duplicates == 0
    after = _statuses(office, ids)
    assert {status for status, _p, _d in after.values()} == {S.ISSUED}
    assert all(prints >= 1 for _s, prints, _d in after.values())

    with acting(office, "officer") as s:
        again = printing.print_batch(s, ids, tmp_path / "again.pdf", today=TODAY)
    assert again.duplicates == len(ids) and again.issued == 0
    twice = _statuses(office, ids)
    for cert_id in ids:
        assert twice[cert_id][1] == after[cert_id][1] + 1
        assert twice[cert_id][2] == after[cert_id][2] + 1
    assert not list(tmp_path.glob(".*.part"))


def test_separate_files_are_named_by_number(office: Database, tmp_path: Path) -> None:
    with acting(office, "officer") as s:
        ids = ids_with(s, S.APPROVED, 3)
        result = printing.print_batch(s, ids, tmp_path / "each", separate=True, today=TODAY)
        numbers = {c.number for c in s.scalars(select(Certificate).where(Certificate.id.in_(ids)))}
    assert {p.stem for p in result.paths} == numbers
    assert all(len(PdfReader(p).pages) == 1 for p in result.paths)


def test_cancelled_run_rolls_back_the_issue_and_leaves_no_file(
    office: Database, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "cancelled.pdf"
    with acting(office, "officer") as s:
        ids = ids_with(s, S.APPROVED, 5)
    with pytest.raises(RenderCancelled):
        with acting(office, "officer") as s:
            printing.print_batch(
                s, ids, out, progress=lambda label, done, total: done < 3, today=TODAY
            )
    assert not out.exists() and not list(out.parent.iterdir())
    assert {status for status, _p, _d in _statuses(office, ids).values()} == {S.APPROVED}


def test_candidates_are_not_printed_and_nothing_printable_is_a_clear_error(
    office: Database, tmp_path: Path
) -> None:
    with acting(office, "officer") as s:
        candidates = ids_with(s, S.CANDIDATE, 2)
        with pytest.raises(CertificateDataError, match="چاپ"):
            printing.print_batch(s, candidates, tmp_path / "x.pdf", today=TODAY)
    with acting(office, "approver") as s, pytest.raises(PermissionDenied):
        printing.print_batch(s, ids_with(s, S.ISSUED, 1), tmp_path / "y.pdf")


def test_template_and_wording_come_from_settings_and_bad_values_fall_back(
    office: Database, tmp_path: Path
) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"\x89PNG broken")
    with acting(office, "admin") as s:
        settings.set_setting(s, settings.OFFICE_LOGO, str(logo))
        settings.set_setting(
            s, certificate_template.WORDING, {"intro": "گواهی می‌شود که", "bogus": 1}
        )
        settings.set_setting(s, settings.SIGNATORIES, "not a list")
        template = certificate_template.office_template(s)
        assert template.wording.intro == "گواهی می‌شود که"
        assert len(template.signatories) == 2
        result = printing.print_batch(s, ids_with(s, S.ISSUED, 2), tmp_path / "t.pdf")
    assert result.pages == 2


def test_demo_certificates_issued_without_a_qr_get_one_signed_when_printed(
    office: Database, tmp_path: Path
) -> None:
    with acting(office, "officer") as s:
        cert_id = ids_with(s, S.ISSUED, 1)[0]
        printing.print_batch(s, [cert_id], tmp_path / "one.pdf")
        cert = s.get(Certificate, cert_id)
        assert cert is not None and cert.qr_text and cert.qr_text.startswith("ST1:")
        assert json.loads(cert.printed_fields or "{}")["number"] == cert.number


def test_no_signing_key_yet_is_a_persian_message_and_nothing_is_written(
    office: Database, tmp_path: Path
) -> None:
    with office.session() as s:
        s.execute(delete(SigningKey))  # an office that has not made its key yet
    with office.session() as s:
        approved, issued = ids_with(s, S.APPROVED, 2), ids_with(s, S.ISSUED, 2)
    before = _statuses(office, approved + issued)
    out = tmp_path / "out" / "batch.pdf"
    # Approved ones cannot be issued; issued ones printed for the first time cannot be signed.
    for ids in (approved, issued, approved + issued):
        with pytest.raises(OfficeKeyError, match="کلید امضای دفتر ساخته نشده"):
            with acting(office, "officer") as s:
                printing.print_batch(s, ids, out, today=TODAY)
        assert not out.exists()
        assert not out.parent.exists() or not list(out.parent.iterdir())  # no half-written PDF
    assert _statuses(office, approved + issued) == before
