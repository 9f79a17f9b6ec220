"""Issue 5: scores, pass/fail with reasons, overrides, candidates, questionnaire, follow-ups."""

from __future__ import annotations

import pytest
from delivery_fixtures import TODAY, acting, fill_demo, offering_in
from sqlalchemy import func, select

from shahrtrain_desktop.models import (
    Assessment,
    AuditEvent,
    Certificate,
    Enrolment,
    FollowUp,
    Offering,
    User,
)
from shahrtrain_desktop.models.enums import (
    AssessmentKind,
    CertificateStatus,
    EnrolmentStatus,
    EvaluationTarget,
    OfferingStatus,
    OutcomeResult,
)
from shahrtrain_desktop.persian import InvalidField
from shahrtrain_desktop.services import follow_ups, outcomes, questionnaire
from shahrtrain_desktop.services.offering_status import advance
from shahrtrain_desktop.services.permissions import PermissionDenied

POST = AssessmentKind.POST_TEST
FINAL = AssessmentKind.FINAL


@pytest.mark.parametrize(
    ("text", "value"),
    [("۱۸٫۵", 18.5), ("۱۸/۵", 18.5), ("18.5", 18.5), (" ۲۰ ", 20.0), ("0", 0.0), ("", None)],
)
def test_scores_typed_on_any_keyboard_are_read(text: str, value: float | None) -> None:
    assert outcomes.parse_score(text, POST) == value


@pytest.mark.parametrize("text", ["21", "-1", "−1", "بیست", "18/5/1", "20.01", "nan"])
def test_what_is_not_a_score_is_refused_with_the_field_named(text: str) -> None:
    with pytest.raises(InvalidField) as refused:
        outcomes.parse_score(text, POST)
    assert refused.value.message.startswith("پس‌آزمون")


def test_decision_names_each_failed_rule() -> None:
    assert outcomes.decide(90, 15, 80, 12).result == OutcomeResult.PASSED
    both = outcomes.decide(50, 10.5, 80, 12)
    assert both.result == OutcomeResult.FAILED
    assert both.reasons == [
        "حضور ۵۰٪ کمتر از حداقل ۸۰٪ است.",
        "نمرهٔ نهایی ۱۰٫۵ کمتر از حداقل ۱۲ است.",
    ]
    assert outcomes.decide(100, None, 80, 12).reasons == ["نمرهٔ نهایی ثبت نشده است."]


@pytest.fixture
def finished(db):  # type: ignore[no-untyped-def]
    """A running demo offering taken to «finished» with everyone present."""
    from shahrtrain_desktop.services import attendance

    fill_demo(db)
    offering_id = offering_in(db, OfferingStatus.RUNNING)
    with acting(db) as s:
        last = s.get(Offering, offering_id).sessions[-1].date
        grid = attendance.load_grid(s, offering_id, today=last)
        for column in grid.sessions:
            attendance.mark_all_present(s, offering_id, column.id, today=last)
        advance(s, offering_id, OfferingStatus.FINISHED, today=last)
    return db, offering_id


def _enrolled(s, offering_id: int) -> list[Enrolment]:  # type: ignore[no-untyped-def]
    return list(
        s.scalars(
            select(Enrolment)
            .where(
                Enrolment.offering_id == offering_id, Enrolment.status == EnrolmentStatus.ENROLLED
            )
            .order_by(Enrolment.id)
        )
    )


def test_scores_decide_the_result_and_the_candidate_follows(finished) -> None:  # type: ignore[no-untyped-def]
    db, offering_id = finished
    with acting(db) as s:
        officer_id = s.scalars(select(User.id).where(User.username == "officer")).one()
        trainee = _enrolled(s, offering_id)[0]
        assert trainee.result == OutcomeResult.FAILED
        assert trainee.result_reason == "نمرهٔ نهایی ثبت نشده است."
        outcomes.set_score(s, trainee.id, POST, "۱۰")
        assert (
            trainee.result == OutcomeResult.FAILED and "۱۰ کمتر از حداقل" in trainee.result_reason
        )
        outcomes.set_score(s, trainee.id, FINAL, "۱۸/۵")
        assert (trainee.final_score, trainee.result) == (18.5, OutcomeResult.PASSED)
        entered = s.scalars(select(Assessment).where(Assessment.enrolment_id == trainee.id)).all()
        assert {a.entered_by_id for a in entered} == {officer_id}
        # re-evaluating many times never duplicates the candidate
        for _ in range(3):
            outcomes.evaluate_offering(s, offering_id)
        candidates = s.scalars(select(Certificate).where(Certificate.enrolment_id == trainee.id))
        (candidate,) = candidates.all()
        assert candidate.status == CertificateStatus.CANDIDATE
        assert (candidate.hours, candidate.score) == (trainee.attended_hours, 18.5)
        # a corrected score follows into the (unreviewed) candidate; a failure removes it
        outcomes.set_score(s, trainee.id, FINAL, "19")
        assert candidate.score == 19
        outcomes.set_score(s, trainee.id, FINAL, "5")
        count = s.scalar(
            select(func.count())
            .select_from(Certificate)
            .where(Certificate.enrolment_id == trainee.id)
        )
        assert count == 0


def test_reviewed_certificates_are_left_alone(finished) -> None:  # type: ignore[no-untyped-def]
    db, offering_id = finished
    with acting(db) as s:
        trainee = _enrolled(s, offering_id)[0]
        outcomes.set_score(s, trainee.id, FINAL, "16")
        candidate = s.scalars(
            select(Certificate).where(Certificate.enrolment_id == trainee.id)
        ).one()
        candidate.status = CertificateStatus.REVIEWED
        s.flush()
        outcomes.set_score(s, trainee.id, FINAL, "17")
        outcomes.evaluate_offering(s, offering_id)
        rows = s.scalars(select(Certificate).where(Certificate.enrolment_id == trainee.id)).all()
        assert [(c.status, c.score) for c in rows] == [(CertificateStatus.REVIEWED, 16)]


def test_override_needs_a_written_reason_and_is_audited(finished) -> None:  # type: ignore[no-untyped-def]
    db, offering_id = finished
    with acting(db) as s:
        trainee = _enrolled(s, offering_id)[0]
        outcomes.set_score(s, trainee.id, FINAL, "11")
        with pytest.raises(InvalidField, match="دلیل"):
            outcomes.override_result(s, trainee.id, OutcomeResult.PASSED, "   ")
        outcomes.override_result(s, trainee.id, OutcomeResult.PASSED, "تصمیم کمیتهٔ آموزش")
        outcomes.evaluate_offering(s, offering_id)  # the rules do not undo an override
        assert trainee.result == OutcomeResult.PASSED
        assert "۱۱ کمتر از حداقل" in trainee.result_reason
        assert s.scalars(select(Certificate).where(Certificate.enrolment_id == trainee.id)).one()
        event = s.scalars(
            select(AuditEvent.after).where(AuditEvent.entity == "result_override")
        ).one()
        assert "تصمیم کمیتهٔ آموزش" in event and '"after": "passed"' in event
        outcomes.clear_override(s, trainee.id)
        assert trainee.result == OutcomeResult.FAILED


def test_withdrawn_trainees_and_closed_offerings_take_no_scores(finished) -> None:  # type: ignore[no-untyped-def]
    db, offering_id = finished
    with acting(db) as s:
        first, second = _enrolled(s, offering_id)[:2]
        first.status = EnrolmentStatus.WITHDRAWN
        s.flush()
        with pytest.raises(InvalidField, match="فراگیر قطعی"):
            outcomes.set_score(s, first.id, POST, "15")
        s.get(Offering, offering_id).status = OfferingStatus.CLOSED
        s.flush()
        with pytest.raises(InvalidField, match="در حال برگزاری"):
            outcomes.set_score(s, second.id, POST, "15")
    with acting(db, "supervisor") as s, pytest.raises(PermissionDenied):
        outcomes.set_score(s, second.id, POST, "15")


def test_questionnaire_answers_per_item_and_instructor(finished) -> None:  # type: ignore[no-untyped-def]
    db, offering_id = finished
    with acting(db) as s:
        trainee = _enrolled(s, offering_id)[0]
        form = questionnaire.questions(s, offering_id)
        course_items = [q for q in form if q.target == EvaluationTarget.COURSE]
        teacher_items = [q for q in form if q.target == EvaluationTarget.INSTRUCTOR]
        assert course_items and teacher_items
        values = {q.key: 4 for q in form}
        saved = questionnaire.save_answers(s, trainee.id, values, comment="  سالن  سرد بود ")
        assert saved.values == values and saved.comment == "سالن سرد بود"
        with pytest.raises(InvalidField, match="۱ تا ۵"):
            questionnaire.save_answers(s, trainee.id, {form[0].key: 6})
        with pytest.raises(InvalidField, match="مدرس"):
            questionnaire.save_answers(s, trainee.id, {(teacher_items[0].item_id, -5): 3})
        cleared = questionnaire.save_answers(s, trainee.id, {form[0].key: None})
        assert form[0].key not in cleared.values


def test_evaluation_items_are_editable_by_admin_only(finished) -> None:  # type: ignore[no-untyped-def]
    db, _ = finished
    with acting(db, "admin") as s:
        item = questionnaire.add_item(s, "جزوهٔ دوره  مفید بود", EvaluationTarget.COURSE)
        assert item.text == "جزوهٔ دوره مفید بود"
        questionnaire.update_item(s, item.id, active=False)
        assert item.id not in {i.id for i in questionnaire.active_items(s)}
    with acting(db) as s, pytest.raises(PermissionDenied):
        questionnaire.add_item(s, "x", EvaluationTarget.COURSE)


def test_evaluation_items_reorder_within_the_form(finished) -> None:  # type: ignore[no-untyped-def]
    db, _ = finished
    with acting(db, "admin") as s:
        ids = [item.id for item in questionnaire.all_items(s)]
        questionnaire.move_item(s, ids[-1], -1)
        assert [i.id for i in questionnaire.all_items(s)] == [*ids[:-2], ids[-1], ids[-2]]
        questionnaire.move_item(s, ids[0], -5)  # the top stays the top
        questionnaire.move_item(s, ids[1], 99)  # to the bottom
        assert [i.id for i in questionnaire.all_items(s)][-1] == ids[1]
        assert [i.id for i in questionnaire.all_items(s)][0] == ids[0]
    with acting(db) as s, pytest.raises(PermissionDenied):
        questionnaire.move_item(s, ids[0], 1)


def test_follow_ups_are_scheduled_once_and_recorded_by_a_supervisor(finished) -> None:  # type: ignore[no-untyped-def]
    db, offering_id = finished
    with acting(db) as s:
        for trainee in _enrolled(s, offering_id):
            outcomes.set_score(s, trainee.id, FINAL, "15")
        advance(s, offering_id, OfferingStatus.CLOSED, today=TODAY.replace(year=2027))
        assert follow_ups.schedule_follow_ups(s, offering_id) == 0  # already there, no duplicate
        rows = follow_ups.follow_up_rows(s, offering_id, pending_only=True)
        passers = [e for e in _enrolled(s, offering_id) if e.result == OutcomeResult.PASSED]
        assert 0 < len(rows) == len(passers)
        end = s.get(Offering, offering_id).end_date
        assert {r.due_date for r in rows} == {follow_ups.due_date(s, end)}
        with pytest.raises(PermissionDenied):
            follow_ups.record_follow_up(s, rows[0].id, 4, "بهبود دیده شد")
    with acting(db, "supervisor") as s:
        with pytest.raises(InvalidField, match="۱ تا ۵"):
            follow_ups.record_follow_up(s, rows[0].id, 7, "x")
        done = follow_ups.record_follow_up(s, rows[0].id, 4, "بهبود  دیده شد", "مصاحبه")
        assert (done.rating, done.result) == (4, "بهبود دیده شد")
        assert s.get(FollowUp, rows[0].id).recorded_by_id is not None
