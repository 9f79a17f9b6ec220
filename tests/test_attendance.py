"""Issue 5: the attendance grid — ticks, hours, refusals, re-entry from paper."""

from __future__ import annotations

import pytest
from delivery_fixtures import TODAY, acting, fill_demo, offering_in
from sqlalchemy import select

from shahrtrain_desktop.models import Attendance, Enrolment, Offering
from shahrtrain_desktop.models.enums import AttendanceStatus, EnrolmentStatus, OfferingStatus
from shahrtrain_desktop.persian import InvalidField
from shahrtrain_desktop.services import attendance
from shahrtrain_desktop.services.attendance import Mark
from shahrtrain_desktop.services.permissions import PermissionDenied

P, A, L, E = (
    AttendanceStatus.PRESENT,
    AttendanceStatus.ABSENT,
    AttendanceStatus.LATE,
    AttendanceStatus.EXCUSED,
)


@pytest.fixture
def running(db):  # type: ignore[no-untyped-def]
    fill_demo(db)
    return db, offering_in(db, OfferingStatus.RUNNING)


def test_hours_and_percent_follow_the_marks(running) -> None:  # type: ignore[no-untyped-def]
    db, offering_id = running
    with acting(db) as s:
        grid = attendance.load_grid(s, offering_id, today=TODAY)
        held = [c for c in grid.sessions if c.held]
        assert held, "the demo's running offering has sessions held"
        row = next(r for r in grid.rows if not r.withdrawn)
        first = held[0]
        marks = [Mark(row.enrolment_id, first.id, L, 30)]
        hours = attendance.record_marks(s, offering_id, marks, today=TODAY)
        others = sum(
            attendance.credited_hours(st, m, c.hours)
            for c in held[1:]
            for st, m in [row.marks.get(c.id, (A, 0))]
        )
        assert hours[row.enrolment_id] == pytest.approx(first.hours - 0.5 + others)
        assert s.get(Enrolment, row.enrolment_id).attended_hours == hours[row.enrolment_id]
        again = attendance.load_grid(s, offering_id, today=TODAY)
        same = next(r for r in again.rows if r.enrolment_id == row.enrolment_id)
        assert same.marks[first.id] == (L, 30)
        assert same.attendance_pct == pytest.approx(
            round(100 * same.attended_hours / again.total_hours, 1)
        )
        # excused and absent earn nothing; clearing removes the tick
        attendance.record_marks(s, offering_id, [Mark(row.enrolment_id, first.id, E)], TODAY)
        attendance.record_marks(s, offering_id, [Mark(row.enrolment_id, first.id, None)], TODAY)
        gone = s.scalars(
            select(Attendance).where(
                Attendance.enrolment_id == row.enrolment_id, Attendance.session_id == first.id
            )
        ).all()
        assert gone == []


def test_future_sessions_and_withdrawn_trainees_are_refused(running) -> None:  # type: ignore[no-untyped-def]
    db, offering_id = running
    with acting(db) as s:
        grid = attendance.load_grid(s, offering_id, today=TODAY)
        future = next(c for c in grid.sessions if not c.held)
        row = next(r for r in grid.rows if not r.withdrawn)
        with pytest.raises(InvalidField, match="هنوز برگزار نشده"):
            attendance.record_marks(s, offering_id, [Mark(row.enrolment_id, future.id, P)], TODAY)
        enrolment = s.get(Enrolment, row.enrolment_id)
        enrolment.status = EnrolmentStatus.WITHDRAWN
        s.flush()
        with pytest.raises(InvalidField, match="انصراف"):
            attendance.record_marks(
                s, offering_id, [Mark(row.enrolment_id, grid.sessions[0].id, P)], TODAY
            )
        with pytest.raises(InvalidField, match="دقیقهٔ تأخیر"):
            other = next(r for r in grid.rows if r.enrolment_id != row.enrolment_id)
            attendance.record_marks(
                s, offering_id, [Mark(other.enrolment_id, grid.sessions[0].id, L, 0)], TODAY
            )


def test_all_or_nothing_when_one_mark_is_bad(running) -> None:  # type: ignore[no-untyped-def]
    db, offering_id = running
    with acting(db) as s:
        grid = attendance.load_grid(s, offering_id, today=TODAY)
        held = next(c for c in grid.sessions if c.held)
        future = next(c for c in grid.sessions if not c.held)
        row = next(r for r in grid.rows if not r.withdrawn)
        before = dict(row.marks)
        with pytest.raises(InvalidField):
            attendance.record_marks(
                s,
                offering_id,
                [Mark(row.enrolment_id, held.id, A), Mark(row.enrolment_id, future.id, P)],
                TODAY,
            )
        after = attendance.load_grid(s, offering_id, today=TODAY)
        assert next(r for r in after.rows if r.enrolment_id == row.enrolment_id).marks == before


def test_all_present_fills_only_blank_cells_and_paper_reentry_uses_the_same_api(running) -> None:  # type: ignore[no-untyped-def]
    db, offering_id = running
    with acting(db) as s:
        grid = attendance.load_grid(s, offering_id, today=TODAY)
        held = next(c for c in grid.sessions if c.held)
        enrolled = [r for r in grid.rows if not r.withdrawn]
        # wipe the session, as if it were to be typed in from the paper sheet
        attendance.record_marks(
            s, offering_id, [Mark(r.enrolment_id, held.id, None) for r in enrolled], TODAY
        )
        attendance.record_marks(s, offering_id, [Mark(enrolled[0].enrolment_id, held.id, A)], TODAY)
        filled = attendance.mark_all_present(s, offering_id, held.id, today=TODAY)
        assert filled == len(enrolled) - 1
        grid = attendance.load_grid(s, offering_id, today=TODAY)
        marks = {r.enrolment_id: r.marks.get(held.id) for r in grid.rows if not r.withdrawn}
        assert marks[enrolled[0].enrolment_id] == (A, 0)
        assert all(v == (P, 0) for k, v in marks.items() if k != enrolled[0].enrolment_id)


def test_closed_offering_and_roles_without_permission_are_refused(running) -> None:  # type: ignore[no-untyped-def]
    db, offering_id = running
    with acting(db) as s:
        grid = attendance.load_grid(s, offering_id, today=TODAY)
        row = next(r for r in grid.rows if not r.withdrawn)
        mark = Mark(row.enrolment_id, grid.sessions[0].id, P)
    with acting(db, "approver") as s, pytest.raises(PermissionDenied):
        attendance.record_marks(s, offering_id, [mark], TODAY)
    with acting(db) as s:
        s.get(Offering, offering_id).status = OfferingStatus.CLOSED
        s.flush()
        with pytest.raises(InvalidField, match="در حال برگزاری"):
            attendance.record_marks(s, offering_id, [mark], TODAY)
