"""Stage 6 workflow: review, approval with a second pair of eyes, numbering at issue, revoke."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session
from test_certificate_workflow_support import TODAY, acting, demo_office, ids_with, user

from shahrtrain_desktop.certificates import parse_and_verify
from shahrtrain_desktop.models import Assessment, Certificate
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import CertificateStatus as S
from shahrtrain_desktop.services import certificate_workflow as wf
from shahrtrain_desktop.services import keys, settings
from shahrtrain_desktop.services.auth import actor_of
from shahrtrain_desktop.services.certificate_verification import verify_text
from shahrtrain_desktop.services.permissions import PermissionDenied


@pytest.fixture
def office(db: Database) -> Database:
    demo_office(db)
    return db


def test_officer_reviews_candidates_and_cannot_approve(office: Database) -> None:
    with acting(office, "officer") as s:
        candidates = ids_with(s, S.CANDIDATE, 3)
        outcome = wf.review(s, candidates)
        assert outcome.done == candidates
    with acting(office, "officer") as s, pytest.raises(PermissionDenied, match="تأیید"):
        wf.approve(s, candidates)
    with office.session() as s:
        assert {s.get(Certificate, i).status for i in candidates} == {S.REVIEWED}  # type: ignore[union-attr]


def test_approver_cannot_approve_a_certificate_whose_scores_they_entered(
    office: Database,
) -> None:
    with acting(office, "officer") as s:
        reviewed = ids_with(s, S.REVIEWED, 2)
        own, other = reviewed
        enrolment_id = s.get(Certificate, own).enrolment_id  # type: ignore[union-attr]
        approver_id = user(s, "approver").id
        s.execute(
            update(Assessment)
            .where(Assessment.enrolment_id == enrolment_id)
            .values(entered_by_id=approver_id)
        )
    with acting(office, "approver") as s:
        outcome = wf.approve(s, [own, other])
    assert outcome.done == [other]
    assert "نمره‌های این فراگیر را ثبت کرده‌اید" in outcome.skipped[own]
    with office.session() as s:
        assert s.get(Certificate, own).status == S.REVIEWED  # type: ignore[union-attr]
        assert s.get(Certificate, other).status == S.APPROVED  # type: ignore[union-attr]


def test_rejected_certificate_goes_back_with_its_reason_and_wrong_steps_are_skipped(
    office: Database,
) -> None:
    with acting(office, "approver") as s:
        reviewed = ids_with(s, S.REVIEWED, 1)[0]
        candidate = ids_with(s, S.CANDIDATE, 1)[0]
        with pytest.raises(wf.WorkflowError, match="دلیل"):
            wf.reject(s, [reviewed], "   ")
        outcome = wf.reject(s, [reviewed, candidate], "نام پدر اشتباه است")
    assert outcome.done == [reviewed]
    assert "نامزد صدور" in outcome.skipped[candidate]
    with office.session() as s:
        cert = s.get(Certificate, reviewed)
        assert cert is not None
        assert (cert.status, cert.rejection_reason) == (S.CANDIDATE, "نام پدر اشتباه است")


def test_issue_numbers_freezes_and_signs(office: Database) -> None:
    with acting(office, "officer") as s:
        approved = ids_with(s, S.APPROVED, 3)
        head = s.scalar(select(func.max(Certificate.serial)).where(Certificate.year == 1405))
        outcome = wf.issue(s, approved, today=TODAY)
        assert outcome.done == approved
        certs = [s.get(Certificate, i) for i in approved]
        public = keys.public_keys(s)
    serials = [c.serial for c in certs if c]
    assert serials == list(range((head or 0) + 1, (head or 0) + 4))
    first = certs[0]
    assert first is not None and first.number == f"1405-QZ-{serials[0]:06d}"
    printed = json.loads(first.printed_fields or "{}")
    assert printed["number"] == first.number and printed["issue_date"] == "1405/08/29"
    signed = parse_and_verify(first.qr_text or "", public)
    assert signed.number == first.number


def test_number_format_comes_from_settings_and_a_broken_one_is_refused(office: Database) -> None:
    with acting(office, "admin") as s:
        settings.set_setting(s, settings.CERTIFICATE_NUMBER_FORMAT, "QZ/{year}/{serial:05d}")
    with acting(office, "officer") as s:
        cert_id = ids_with(s, S.APPROVED, 1)[0]
        wf.issue(s, [cert_id], today=TODAY)
        assert s.get(Certificate, cert_id).number.startswith("QZ/1405/0")  # type: ignore[union-attr]
    with acting(office, "admin") as s:
        settings.set_setting(s, settings.CERTIFICATE_NUMBER_FORMAT, "{year}-{oops}")
    with acting(office, "officer") as s, pytest.raises(wf.WorkflowError, match="قالب"):
        wf.issue(s, ids_with(s, S.APPROVED, 1), today=TODAY)


def test_issue_without_the_signing_secret_is_refused_and_nothing_is_saved(
    office: Database,
) -> None:
    with office.session() as s:
        key = keys.active_key(s)
        assert key is not None
        keys.secret_path(key.key_id).unlink()
    with pytest.raises(keys.OfficeKeyError):
        with acting(office, "officer") as s:
            cert_id = ids_with(s, S.APPROVED, 1)[0]
            wf.issue(s, [cert_id], today=TODAY)
    with office.session() as s:
        assert s.get(Certificate, cert_id).status == S.APPROVED  # type: ignore[union-attr]


def _issue_concurrently(db: Database, batches: list[list[int]]) -> list[BaseException]:
    with db.session() as s:
        actor = actor_of(user(s, "officer"))
    errors: list[BaseException] = []
    barrier = threading.Barrier(len(batches))

    def desk(ids: list[int]) -> None:
        try:
            barrier.wait()
            wf.in_write_transaction(db, actor, lambda s: wf.issue(s, ids, today=TODAY))
        except BaseException as error:  # noqa: BLE001 - reported by the test
            errors.append(error)

    threads = [threading.Thread(target=desk, args=(batch,)) for batch in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return errors


def test_two_desks_issuing_at_once_never_share_a_number(office: Database) -> None:
    with office.session() as s:
        approved = ids_with(s, S.APPROVED)
    assert len(approved) >= 6
    half = len(approved) // 2
    errors = _issue_concurrently(office, [approved[:half], approved[half:]])
    assert errors == []
    with office.session() as s:
        rows = s.execute(
            select(Certificate.year, Certificate.serial, Certificate.number).where(
                Certificate.id.in_(approved)
            )
        ).all()
    assert all(number for _y, _s, number in rows)
    assert len({(y, serial) for y, serial, _n in rows}) == len(approved)
    assert len({number for _y, _s, number in rows}) == len(approved)


def test_a_taken_serial_is_skipped_through_the_savepoint(office: Database) -> None:
    """Another desk committed the serial this desk read as free: the unique constraint refuses
    it, the savepoint rolls back, and the next serial is used."""
    with acting(office, "officer") as s:
        first, second = ids_with(s, S.APPROVED, 2)
        head = wf._next_serial(s, "QZ", 1405)
    original = wf._next_serial
    calls = {"n": 0}

    def stale(session, office_code, year):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        return head if calls["n"] == 1 else original(session, office_code, year)

    with acting(office, "officer") as s:
        wf.issue(s, [first], today=TODAY)  # takes `head`
    wf._next_serial = stale
    try:
        with acting(office, "officer") as s:
            outcome = wf.issue(s, [second], today=TODAY)
    finally:
        wf._next_serial = original
    assert outcome.done == [second]
    with office.session() as s:
        assert s.get(Certificate, second).serial == head + 1  # type: ignore[union-attr]


@pytest.mark.parametrize("action", [wf.revoke, wf.start_correction])
def test_revoke_and_correction_need_the_admin_a_reason_and_an_issued_certificate(
    office: Database, action: Callable[[Session, int, str], object]
) -> None:
    with acting(office, "officer") as s:
        issued = ids_with(s, S.ISSUED, 1)[0]
        candidate = ids_with(s, S.CANDIDATE, 1)[0]
        with pytest.raises(PermissionDenied):
            action(s, issued, "اشتباه")
    with acting(office, "admin") as s:
        with pytest.raises(wf.WorkflowError, match="دلیل"):
            action(s, issued, "  ")
        with pytest.raises(wf.WorkflowError, match="مرحلهٔ"):
            action(s, candidate, "اشتباه")
    with office.session() as s:
        assert s.get(Certificate, issued).status == S.ISSUED  # type: ignore[union-attr]
        assert s.scalar(select(func.count()).where(Certificate.replaces_id == issued)) == 0


def _verifies(db: Database, qr_text: str | None) -> tuple[bool, str]:
    with db.session() as s:
        answer = verify_text(s, qr_text or "")
    return answer.genuine, answer.message


def test_a_correction_revokes_the_old_certificate_only_when_the_new_one_is_issued(
    office: Database,
) -> None:
    with acting(office, "officer") as s:
        issued = ids_with(s, S.APPROVED, 1)[0]
        assert wf.issue(s, [issued], today=TODAY).done == [issued]  # signed at issue
    with acting(office, "admin") as s:
        new_id = wf.start_correction(s, issued, "نام خانوادگی غلط چاپ شده")
        with pytest.raises(wf.WorkflowError, match="در جریان"):
            wf.start_correction(s, issued, "بار دوم")
    with office.session() as s:
        old, new = s.get(Certificate, issued), s.get(Certificate, new_id)
        assert old is not None and new is not None
        old_qr = old.qr_text
        assert old.status == S.ISSUED and old.revoke_reason is None
        assert (new.status, new.replaces_id, new.number) == (S.CANDIDATE, issued, None)
    # Until the corrected one is issued, the trainee's certificate still verifies.
    assert _verifies(office, old_qr)[0]

    with acting(office, "officer") as s:
        assert wf.review(s, [new_id]).done == [new_id]
    with acting(office, "approver") as s:
        assert wf.approve(s, [new_id]).done == [new_id]
    assert _verifies(office, old_qr)[0]  # approved is not issued yet
    with acting(office, "officer") as s:
        assert wf.issue(s, [new_id], today=TODAY).done == [new_id]

    with office.session() as s:
        old, new = s.get(Certificate, issued), s.get(Certificate, new_id)
        assert old is not None and new is not None
        assert old.status == S.REVOKED and new.status == S.ISSUED
        assert "اصلاح‌شده" in (old.revoke_reason or "")
        assert "نام خانوادگی غلط" in (old.revoke_reason or "")
        assert new.number in (old.revoke_reason or "")
        new_qr, new_number = new.qr_text, new.number
    genuine, message = _verifies(office, old_qr)
    assert not genuine
    assert "اصلاح‌شده" in message and new_number in message
    assert _verifies(office, new_qr)[0]


def test_candidates_are_made_once_for_passed_enrolments(office: Database) -> None:
    with acting(office, "officer") as s:
        wf.create_candidates(s)
        again = wf.create_candidates(s)
    assert again == 0
