"""Issue 5: the offering status flow and its guards, run on demo data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from delivery_fixtures import TODAY, acting, fill_demo, offering_in
from sqlalchemy import select

from shahrtrain_desktop.models import AuditEvent, Certificate, Enrolment, FollowUp, Offering
from shahrtrain_desktop.models.enums import (
    AssessmentKind,
    AttendanceStatus,
    CertificateStatus,
    EnrolmentStatus,
    OfferingStatus,
    OutcomeResult,
)
from shahrtrain_desktop.services import attendance, outcomes, settings
from shahrtrain_desktop.services.offering_status import (
    NO_SESSIONS,
    NO_STEERING,
    TransitionRefused,
    advance,
)
from shahrtrain_desktop.services.permissions import PermissionDenied


@pytest.fixture
def demo(db):  # type: ignore[no-untyped-def]
    fill_demo(db)
    return db


def test_open_offering_runs_to_closed_and_passers_become_candidates(demo) -> None:  # type: ignore[no-untyped-def]
    offering_id = offering_in(demo, OfferingStatus.OPEN)
    with acting(demo) as s:
        offering = s.get(Offering, offering_id)
        start, end = offering.sessions[0].date, offering.sessions[-1].date
        advance(s, offering_id, OfferingStatus.RUNNING, today=start)
    with acting(demo) as s:
        grid = attendance.load_grid(s, offering_id, today=end)
        first = grid.rows[0].enrolment_id
        for column in grid.sessions:
            attendance.mark_all_present(s, offering_id, column.id, today=end)
        # the first trainee missed every session
        attendance.record_marks(
            s,
            offering_id,
            [attendance.Mark(first, c.id, AttendanceStatus.ABSENT) for c in grid.sessions],
            today=end,
        )
        for row in grid.rows:
            if not row.withdrawn:
                outcomes.set_score(s, row.enrolment_id, AssessmentKind.POST_TEST, "۱۷/۵")
        advance(s, offering_id, OfferingStatus.FINISHED, today=end)
        advance(s, offering_id, OfferingStatus.CLOSED, today=end + timedelta(days=2))
    with demo.session() as s:
        offering = s.get(Offering, offering_id)
        assert offering.status == OfferingStatus.CLOSED
        enrolled = s.scalars(
            select(Enrolment).where(
                Enrolment.offering_id == offering_id, Enrolment.status == EnrolmentStatus.ENROLLED
            )
        ).all()
        absent = next(e for e in enrolled if e.id == first)
        assert absent.result == OutcomeResult.FAILED
        assert "حضور ۰٪ کمتر از حداقل" in (absent.result_reason or "")
        passers = [e for e in enrolled if e.result == OutcomeResult.PASSED]
        assert len(passers) == len(enrolled) - 1
        total = sum(x.hours for x in offering.sessions)
        certificates = s.scalars(
            select(Certificate).where(Certificate.enrolment_id.in_([e.id for e in enrolled]))
        ).all()
        assert sorted(c.enrolment_id for c in certificates) == sorted(e.id for e in passers)
        assert {c.status for c in certificates} == {CertificateStatus.CANDIDATE}
        assert {(c.hours, c.score) for c in certificates} == {(total, 17.5)}
        follow_ups = s.scalars(
            select(FollowUp).where(FollowUp.enrolment_id.in_([e.id for e in passers]))
        ).all()
        assert len(follow_ups) == len(passers)
        transitions = s.scalars(
            select(AuditEvent.after).where(
                AuditEvent.entity == "offering_transition",
                AuditEvent.entity_id == str(offering_id),
            )
        ).all()
        assert len(transitions) == 3
        assert '"after": "closed"' in transitions[-1]


def test_start_refused_without_steering_approval_or_sessions(demo) -> None:  # type: ignore[no-untyped-def]
    offering_id = offering_in(demo, OfferingStatus.OPEN)
    with acting(demo) as s:
        offering = s.get(Offering, offering_id)
        offering.steering_approved = False
        for course_session in list(offering.sessions):
            offering.sessions.remove(course_session)
        s.flush()
        with pytest.raises(TransitionRefused) as refused:
            advance(s, offering_id, OfferingStatus.RUNNING, today=TODAY)
        assert NO_STEERING in refused.value.reasons
        assert NO_SESSIONS in refused.value.reasons
        assert offering.status == OfferingStatus.OPEN
        # the office may switch the steering requirement off in settings
        settings.set_setting(s, settings.REQUIRE_STEERING_APPROVAL, False)
        with pytest.raises(TransitionRefused) as refused:
            advance(s, offering_id, OfferingStatus.RUNNING, today=TODAY)
        assert refused.value.reasons == [NO_SESSIONS]


def test_cannot_skip_a_step_or_finish_before_the_last_session(demo) -> None:  # type: ignore[no-untyped-def]
    offering_id = offering_in(demo, OfferingStatus.RUNNING)
    with acting(demo) as s:
        with pytest.raises(TransitionRefused, match="نمی‌توان"):
            advance(s, offering_id, OfferingStatus.CLOSED, today=TODAY)
        last = s.get(Offering, offering_id).sessions[-1].date
        with pytest.raises(TransitionRefused, match="هنوز برگزار نشده"):
            advance(s, offering_id, OfferingStatus.FINISHED, today=last - timedelta(days=1))


def test_close_with_missing_scores_needs_a_note(demo) -> None:  # type: ignore[no-untyped-def]
    offering_id = offering_in(demo, OfferingStatus.RUNNING)
    with acting(demo) as s:
        last = s.get(Offering, offering_id).sessions[-1].date
        advance(s, offering_id, OfferingStatus.FINISHED, today=last)
        with pytest.raises(TransitionRefused) as refused:
            advance(s, offering_id, OfferingStatus.CLOSED, today=last)
        text = str(refused.value)
        assert "حضور و غیاب" in text and "نمرهٔ نهایی" in text and "یادداشت" in text
        advance(s, offering_id, OfferingStatus.CLOSED, today=last, close_note="  مدرس   بیمار شد ")
        assert s.get(Offering, offering_id).close_note == "مدرس بیمار شد"


def test_supervisor_may_not_move_an_offering(demo) -> None:  # type: ignore[no-untyped-def]
    offering_id = offering_in(demo, OfferingStatus.OPEN)
    with acting(demo, "supervisor") as s, pytest.raises(PermissionDenied):
        advance(s, offering_id, OfferingStatus.RUNNING, today=TODAY)
