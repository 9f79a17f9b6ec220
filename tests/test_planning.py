"""Planning offerings: from an unmet need to an offering open for registration, and the bad
input an officer can type on the way (nothing is half-saved)."""

from __future__ import annotations

from datetime import time

import pytest
from planning_fixtures import YEAR, acting, fill
from sqlalchemy import func, select

from shahrtrain_desktop.models import CourseSession, Instructor, Offering, Venue
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import NeedStatus, OfferingStatus
from shahrtrain_desktop.persian import InvalidField, from_jalali, rtl_date_marks
from shahrtrain_desktop.services.needs import accept_need, unplanned_needs
from shahrtrain_desktop.services.planning import (
    ApprovalsInput,
    ClashesFound,
    OfferingInput,
    enrolled_count,
    input_from_needs,
    open_for_registration,
    parse_rial,
    record_approvals,
    save_offering,
)
from shahrtrain_desktop.services.schedule import (
    ClashKind,
    SessionInput,
    generate_sessions,
)
from shahrtrain_desktop.services.settings import REQUIRE_STEERING_APPROVAL, set_setting

START = from_jalali(1405, 11, 1)  # a Wednesday in Bahman, after the demo's «today»
END = from_jalali(1405, 11, 20)
SATURDAY, MONDAY = 5, 0


def _offering_count(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Offering)) or 0)


def _free(db: Database) -> tuple[int, int, int]:
    """A course, an instructor and a venue."""
    with db.session() as s:
        need = unplanned_needs(s, YEAR)
        venue = s.scalars(select(Venue)).first()
        instructor = s.scalars(select(Instructor)).first()
        assert venue and instructor
        course_id = next((n.course_id for n in need if n.course_id), None) or 1
        return course_id, instructor.id, venue.id


def _input(db: Database, **changes: object) -> OfferingInput:
    course_id, instructor_id, venue_id = _free(db)
    sessions = generate_sessions(START, END, {SATURDAY, MONDAY}, time(8, 0), 4, 16)
    values: dict[str, object] = {
        "course_id": course_id,
        "start_date": START,
        "end_date": END,
        "capacity": 30,
        "budget_rial": "۱۲٬۵۰۰٬۰۰۰",
        "venue_id": venue_id,
        "instructor_ids": (instructor_id,),
        "sessions": tuple(sessions),
    }
    values.update(changes)
    return OfferingInput(**values)  # type: ignore[arg-type]


def test_pattern_makes_sessions_on_the_chosen_weekdays() -> None:
    sessions = generate_sessions(START, END, {SATURDAY, MONDAY}, time(8, 0), 4, 14)
    assert [s.date.weekday() for s in sessions] == [SATURDAY, MONDAY, SATURDAY, MONDAY]
    assert [s.hours for s in sessions] == [4, 4, 4, 2]
    assert sessions[-1].end_time == time(10, 0)


def test_pattern_that_does_not_fit_names_the_hours() -> None:
    with pytest.raises(InvalidField, match="فقط ۴ ساعت از ۴۰"):
        generate_sessions(START, from_jalali(1405, 11, 8), {SATURDAY}, time(8, 0), 4, 40)


def test_rial_amounts_accept_separators_and_persian_digits() -> None:
    assert parse_rial("۱۲٬۵۰۰٬۰۰۰") == 12_500_000
    assert parse_rial("3,000,000") == 3_000_000
    with pytest.raises(InvalidField):
        parse_rial("-5")


def test_from_an_unmet_need_to_open_for_registration(db: Database) -> None:
    fill(db)
    with acting(db) as s:
        need = unplanned_needs(s, YEAR)[0]
        draft = input_from_needs(s, [need.id], START, END)
        assert draft.need_ids == (need.id,)
    data = _input(db, need_ids=draft.need_ids)
    with acting(db) as s:
        offering = save_offering(s, data, accept_clashes=True)
        assert offering.code.startswith("1405-")
        assert offering.status == OfferingStatus.DRAFT
        assert offering.budget_rial == 12_500_000
        assert len(offering.sessions) == 4
        assert offering.needs[0].status == NeedStatus.PLANNED
        with pytest.raises(InvalidField) as refused:
            open_for_registration(s, offering.id)
        assert "کمیتهٔ اجرایی" in refused.value.message
        assert "کمیتهٔ راهبری" in refused.value.message
        record_approvals(
            s,
            offering.id,
            ApprovalsInput("15/1405", from_jalali(1405, 10, 20), True, "1234/س", START),
        )
        open_for_registration(s, offering.id)
        assert offering.status == OfferingStatus.OPEN


def test_steering_approval_not_required_when_settings_say_so(db: Database) -> None:
    fill(db)
    with acting(db, "admin") as s:
        set_setting(s, REQUIRE_STEERING_APPROVAL, False)
    with acting(db) as s:
        offering = save_offering(s, _input(db), accept_clashes=True)
        record_approvals(s, offering.id, ApprovalsInput("16/1405", START))
        open_for_registration(s, offering.id)
        assert offering.status == OfferingStatus.OPEN


def test_end_before_start_is_refused(db: Database) -> None:
    fill(db)
    before = _offering_count(db)
    with pytest.raises(InvalidField) as error, acting(db) as s:
        save_offering(s, _input(db, start_date=END, end_date=START, sessions=()))
    assert error.value.field == "end_date"
    assert rtl_date_marks("۱۴۰۵/۱۱/۰۱") in error.value.message and "پیش از" in error.value.message
    assert _offering_count(db) == before


def test_sessions_outside_the_dates_are_refused(db: Database) -> None:
    fill(db)
    before = _offering_count(db)
    late = SessionInput(from_jalali(1405, 12, 5), time(8, 0), time(12, 0))
    with pytest.raises(InvalidField, match="بیرون از تاریخ‌های دوره") as error, acting(db) as s:
        save_offering(s, _input(db, sessions=(late,)))
    assert rtl_date_marks("۱۴۰۵/۱۲/۰۵") in error.value.message
    assert _offering_count(db) == before


def test_capacity_below_enrolled_is_refused(db: Database) -> None:
    fill(db)
    with db.session() as s:
        offering = s.scalars(select(Offering).where(Offering.status == OfferingStatus.OPEN)).first()
        assert offering is not None
        enrolled = enrolled_count(s, offering.id)
        assert enrolled > 1
        data = OfferingInput(
            course_id=offering.course_id,
            start_date=offering.start_date,
            end_date=offering.end_date,
            mode=offering.mode,
            capacity=enrolled - 1,
            venue_id=offering.venue_id,
            sessions=tuple(
                SessionInput(x.date, x.start_time, x.end_time) for x in offering.sessions
            ),
        )
        offering_id, old_capacity = offering.id, offering.capacity
    with pytest.raises(InvalidField, match="کمتر از شمار ثبت‌نام‌شدگان"), acting(db) as s:
        save_offering(s, data, offering_id, accept_clashes=True)
    with db.session() as s:
        assert s.get(Offering, offering_id).capacity == old_capacity  # type: ignore[union-attr]


def test_instructor_double_booked_is_a_warning_before_saving(db: Database) -> None:
    fill(db)
    with db.session() as s:
        busy = s.scalars(
            select(CourseSession).where(CourseSession.instructor_id.is_not(None))
        ).first()
        assert busy is not None and busy.instructor is not None
        same_time = SessionInput(busy.date, busy.start_time, busy.end_time)
        day, instructor_id, name = busy.date, busy.instructor_id, busy.instructor.full_name
    before = _offering_count(db)
    data = _input(
        db,
        start_date=day,
        end_date=day,
        sessions=(same_time,),
        instructor_ids=(instructor_id,),
        mode="online",
        venue_id=None,
    )
    with pytest.raises(ClashesFound) as found, acting(db) as s:
        save_offering(s, data)
    kinds = {c.kind for c in found.value.clashes}
    assert ClashKind.INSTRUCTOR in kinds
    assert name in str(found.value)
    assert _offering_count(db) == before
    with acting(db) as s:  # the officer saw the warning and saves anyway
        save_offering(s, data, accept_clashes=True)
    assert _offering_count(db) == before + 1


def test_overlapping_sessions_of_one_offering_are_reported(db: Database) -> None:
    fill(db)
    a = SessionInput(START, time(8, 0), time(12, 0))
    b = SessionInput(START, time(11, 0), time(13, 0))
    with pytest.raises(ClashesFound, match="هم‌زمان"), acting(db) as s:
        save_offering(s, _input(db, sessions=(a, b), mode="online", venue_id=None))


def test_editing_keeps_code_and_replaces_sessions(db: Database) -> None:
    fill(db)
    with acting(db) as s:
        offering = save_offering(s, _input(db), accept_clashes=True)
        code, offering_id = offering.code, offering.id
    shorter = generate_sessions(START, END, {SATURDAY}, time(9, 0), 3, 6)
    with acting(db) as s:
        offering = save_offering(s, _input(db, sessions=tuple(shorter)), offering_id, True)
        assert offering.code == code
        assert [x.number for x in offering.sessions] == [1, 2]
        assert offering.sessions[0].start_time == time(9, 0)


def test_a_need_must_be_accepted_before_it_is_planned(db: Database) -> None:
    fill(db)
    with db.session() as s:
        from shahrtrain_desktop.models import Need

        new = s.scalars(select(Need).where(Need.status == NeedStatus.NEW)).first()
        assert new is not None
        need_id = new.id
    with pytest.raises(InvalidField, match="پذیرفته نشده"), acting(db) as s:
        save_offering(s, _input(db, need_ids=(need_id,)), accept_clashes=True)
    with acting(db) as s:
        accept_need(s, need_id)
        offering = save_offering(s, _input(db, need_ids=(need_id,)), accept_clashes=True)
        assert [n.id for n in offering.needs] == [need_id]


def test_trainees_booked_elsewhere_at_the_same_time_are_reported(db: Database) -> None:
    from sqlalchemy.orm import aliased

    from shahrtrain_desktop.models import Enrolment
    from shahrtrain_desktop.services.schedule import find_clashes

    fill(db)
    other = aliased(Enrolment)
    with db.session() as s:
        pair = s.execute(
            select(Enrolment.offering_id, other.offering_id)
            .join(other, other.person_id == Enrolment.person_id)
            .where(Enrolment.offering_id != other.offering_id)
            .where(Enrolment.status == "enrolled", other.status == "enrolled")
            .limit(1)
        ).first()
        assert pair is not None
        mine, theirs = pair
        busy = s.scalars(select(CourseSession).where(CourseSession.offering_id == theirs)).first()
        assert busy is not None
        same_time = SessionInput(busy.date, busy.start_time, busy.end_time)
        clashes = find_clashes(s, [same_time], (), None, offering_id=mine)
    trainees = [c for c in clashes if c.kind == ClashKind.TRAINEES]
    assert trainees and "نفر از ثبت‌نام‌شدگان" in trainees[0].message
