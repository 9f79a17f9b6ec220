"""Supervision visits: planning, the weighted checklist score, findings, corrective actions,
raising a need, and who may do it."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from shahrtrain_desktop.models import Need, Offering, SupervisionVisit, User
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import (
    ActionStatus,
    NeedSource,
    OfferingStatus,
    PersonCategory,
    VisitStatus,
)
from shahrtrain_desktop.persian import InvalidField
from shahrtrain_desktop.services import supervision
from shahrtrain_desktop.services.audit import act_as
from shahrtrain_desktop.services.auth import actor_of
from shahrtrain_desktop.services.demo import generate_demo
from shahrtrain_desktop.services.permissions import PermissionDenied

TODAY = date(2026, 11, 25)


@pytest.fixture
def demo(db: Database) -> Database:
    generate_demo(db, 300, None, 3, today=TODAY)
    return db


def as_user(session, username: str) -> User:  # type: ignore[no-untyped-def]
    user = session.scalars(select(User).where(User.username == username)).one()
    act_as(session, actor_of(user))
    return user


def running_offering(session) -> Offering:  # type: ignore[no-untyped-def]
    return session.scalars(
        select(Offering).where(Offering.status == OfferingStatus.RUNNING).order_by(Offering.id)
    ).first()


def all_ratings(session, value: int) -> list[supervision.ChecklistRating]:  # type: ignore[no-untyped-def]
    return [supervision.ChecklistRating(item.id, value) for item in supervision.checklist(session)]


def test_weighted_score_is_0_to_100() -> None:
    assert supervision.weighted_score([(1, 4), (2, 4)]) == 100.0
    assert supervision.weighted_score([(1, 0), (3, 0)]) == 0.0
    # weight 3 fully met, weight 1 not at all: three quarters
    assert supervision.weighted_score([(3, 4), (1, 0)]) == 75.0
    assert supervision.weighted_score([]) == 0.0


def test_supervisor_plans_and_records_a_visit(demo: Database) -> None:
    with demo.session() as s:
        supervisor = as_user(s, "supervisor")
        offering = running_offering(s)
        visit = supervision.plan_visit(s, offering.id, offering.start_date)
        assert visit.status == VisitStatus.PLANNED and visit.supervisor_id == supervisor.id
        items = supervision.checklist(s)
        ratings = [supervision.ChecklistRating(i.id, 4) for i in items]
        ratings[0] = supervision.ChecklistRating(items[0].id, 0, "  سالن  سرد بود ")
        supervision.record_visit(s, visit.id, offering.start_date, ratings, "تأخیر مدرس")
        visit_id = visit.id
        total = sum(i.weight for i in items)
        expected = round(100 * (total - items[0].weight) / total, 1)
    with demo.session() as s:
        visit = s.get(SupervisionVisit, visit_id)
        assert visit.status == VisitStatus.DONE
        assert visit.score == expected
        assert visit.findings == "تأخیر مدرس"
        notes = {score.item_id: score.note for score in visit.scores}
        assert notes[items[0].id] == "سالن سرد بود"


def test_recording_needs_every_item_and_values_0_to_4(demo: Database) -> None:
    with demo.session() as s:
        as_user(s, "supervisor")
        offering = running_offering(s)
        visit = supervision.plan_visit(s, offering.id, offering.start_date)
        with pytest.raises(InvalidField, match="امتیاز نگرفته"):
            supervision.record_visit(s, visit.id, offering.start_date, all_ratings(s, 3)[1:])
        bad = all_ratings(s, 3)
        bad[0] = supervision.ChecklistRating(bad[0].item_id, 7)
        with pytest.raises(InvalidField, match="۰ تا ۴"):
            supervision.record_visit(s, visit.id, offering.start_date, bad)
        with pytest.raises(InvalidField, match="بازهٔ برگزاری"):
            supervision.record_visit(
                s, visit.id, offering.end_date + timedelta(days=3), all_ratings(s, 3)
            )


def test_visits_only_for_offerings_that_run(demo: Database) -> None:
    with demo.session() as s:
        as_user(s, "supervisor")
        draft = s.scalars(select(Offering).where(Offering.status == OfferingStatus.DRAFT)).first()
        with pytest.raises(InvalidField):
            supervision.plan_visit(s, draft.id, draft.start_date)


def test_actions_findings_and_need_from_visit(demo: Database) -> None:
    with demo.session() as s:
        as_user(s, "supervisor")
        offering = running_offering(s)
        visit = supervision.plan_visit(s, offering.id, offering.start_date)
        supervision.record_visit(s, visit.id, offering.start_date, all_ratings(s, 1))
        with pytest.raises(InvalidField, match="مسئول"):
            supervision.add_action(s, visit.id, "تعمیر ویدیوپروژکتور", " ", None)
        with pytest.raises(InvalidField, match="مهلت"):
            supervision.add_action(
                s, visit.id, "x", "مدیر سالن", offering.start_date - timedelta(days=1)
            )
        action = supervision.add_action(
            s, visit.id, "تعمیر ويدیوپروژکتور", "مدیر سالن", offering.start_date
        )
        assert action.status == ActionStatus.OPEN and "ی" in action.description
        supervision.set_action_status(s, action.id, ActionStatus.DONE)
        need = supervision.raise_need(s, visit.id, "بازآموزی مدرسان", PersonCategory.STAFF, 12)
        assert need.source == NeedSource.SUPERVISION
        assert need.course_id == offering.course_id
        assert supervision.needs_of_visit(s, visit.id) == [need]
        need_id = need.id
    with demo.session() as s:
        assert s.get(Need, need_id).supervision_visit_id == visit.id


def test_only_supervision_roles_record(demo: Database) -> None:
    with demo.session() as s:
        as_user(s, "approver")
        offering = running_offering(s)
        with pytest.raises(PermissionDenied):
            supervision.plan_visit(s, offering.id, offering.start_date)
    with demo.session() as s:
        as_user(s, "supervisor")
        with pytest.raises(PermissionDenied):
            supervision.save_checklist_item(s, "بند تازه", 1)


def test_checklist_is_editable_by_admin(demo: Database) -> None:
    with demo.session() as s:
        as_user(s, "admin")
        before = len(supervision.checklist(s))
        item = supervision.save_checklist_item(s, "  ايمنی سالن ", 2)
        assert item.text == "ایمنی سالن"
        supervision.save_checklist_item(s, "ایمنی سالن", 2, item_id=item.id, active=False)
        assert len(supervision.checklist(s)) == before
        with pytest.raises(InvalidField):
            supervision.save_checklist_item(s, "x", 0)


def test_cancel_needs_reason_and_done_visit_stays(demo: Database) -> None:
    with demo.session() as s:
        as_user(s, "supervisor")
        offering = running_offering(s)
        visit = supervision.plan_visit(s, offering.id, offering.start_date)
        with pytest.raises(InvalidField):
            supervision.cancel_visit(s, visit.id, "  ")
        supervision.cancel_visit(s, visit.id, "مأموریت")
        assert visit.status == VisitStatus.CANCELLED
        with pytest.raises(InvalidField, match="لغو"):
            supervision.record_visit(s, visit.id, offering.start_date, all_ratings(s, 2))


def test_editing_the_checklist_leaves_recorded_visits_as_they_were(demo: Database) -> None:
    with demo.session() as s:
        as_user(s, "supervisor")
        offering = running_offering(s)
        visit = supervision.plan_visit(s, offering.id, offering.start_date)
        supervision.record_visit(s, visit.id, offering.start_date, all_ratings(s, 3))
        first = supervision.checklist(s)[0]
        before = supervision.scored_items(s, visit.id)
        visit_id, item_id, old = visit.id, first.id, (first.text, first.weight)
    with demo.session() as s:
        as_user(s, "admin")
        supervision.save_checklist_item(s, "سالن گرم و روشن بود", "۳٫۵", item_id=item_id)
    with demo.session() as s:
        after = supervision.scored_items(s, visit_id)
        assert after == before
        assert (after[0].text, after[0].weight) == old
        assert s.get(SupervisionVisit, visit_id).score is not None
        # the next visit is scored on the edited item
        assert supervision.checklist(s)[0].text == "سالن گرم و روشن بود"
        assert supervision.checklist(s)[0].weight == 3.5


def test_visits_written_in_bulk_keep_the_item_they_were_scored_on(demo: Database) -> None:
    """The demo writer leaves the snapshot empty; the first edit of an item fills it."""
    with demo.session() as s:
        visit = s.scalars(
            select(SupervisionVisit).where(SupervisionVisit.status == VisitStatus.DONE)
        ).first()
        scored = supervision.scored_items(s, visit.id)
        target = scored[0]
        assert all(score.item_text is None for score in visit.scores)
    with demo.session() as s:
        as_user(s, "admin")
        supervision.save_checklist_item(s, "بند بازنویسی‌شده", 1, item_id=target.item_id)
    with demo.session() as s:
        assert supervision.scored_items(s, visit.id)[0] == target


def test_checklist_items_are_reordered_and_retired(demo: Database) -> None:
    with demo.session() as s:
        as_user(s, "admin")
        ids = [item.id for item in supervision.checklist(s)]
        supervision.move_checklist_item(s, ids[2], -1)
        assert [i.id for i in supervision.checklist(s)][:3] == [ids[0], ids[2], ids[1]]
        supervision.move_checklist_item(s, ids[0], -5)  # already first: stays
        assert supervision.checklist(s)[0].id == ids[0]
        supervision.set_checklist_item_active(s, ids[0], False)
        assert ids[0] not in [i.id for i in supervision.checklist(s)]
        assert ids[0] in [i.id for i in supervision.checklist(s, include_inactive=True)]
    with demo.session() as s:
        as_user(s, "supervisor")
        with pytest.raises(PermissionDenied):
            supervision.move_checklist_item(s, ids[1], 1)


@pytest.mark.parametrize("weight", ["", "abc", "0", "-1", "11", None])
def test_checklist_weight_is_checked_with_a_persian_message(demo: Database, weight: object) -> None:
    with demo.session() as s:
        as_user(s, "admin")
        with pytest.raises(InvalidField, match="وزن بند چک‌لیست") as raised:
            supervision.save_checklist_item(s, "بند", weight)
        assert raised.value.field == "weight"
