"""The monitoring dashboard: figures agree with the rows they summarise, breakdowns add up, and
every number's drill-down lists exactly what it counts."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from shahrtrain_desktop.models import (
    Attendance,
    Certificate,
    CourseSession,
    Enrolment,
    Offering,
    Person,
)
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import (
    CertificateStatus,
    EnrolmentStatus,
    OfferingStatus,
    OutcomeResult,
    PersonCategory,
)
from shahrtrain_desktop.persian import jalali_year_range
from shahrtrain_desktop.services import settings
from shahrtrain_desktop.services.attendance import credited_hours
from shahrtrain_desktop.services.audit import SYSTEM_ACTOR, act_as
from shahrtrain_desktop.services.dashboard import HELD, Period, build_dashboard, parse_period
from shahrtrain_desktop.services.dashboard_drill import FIGURES, drill_down
from shahrtrain_desktop.services.dashboard_headline import headline
from shahrtrain_desktop.services.demo import generate_demo

TODAY = date(2026, 11, 25)
YEAR = 1405


@pytest.fixture
def demo(db: Database) -> Database:
    generate_demo(db, 300, YEAR, 5, today=TODAY)
    return db


def dashboard(db: Database, period: Period | None = None):  # type: ignore[no-untyped-def]
    with db.engine.connect() as conn:
        return build_dashboard(conn, period or Period.of_year(YEAR))


def expected_person_hours(db: Database) -> tuple[float, int]:
    """Counted the slow way, in Python: stage 5's hours, or the attendance grid."""
    start, end = jalali_year_range(YEAR)
    total, people = 0.0, set()
    with db.session() as s:
        enrolments = s.scalars(
            select(Enrolment)
            .join(Offering)
            .where(
                Offering.start_date >= start,
                Offering.start_date < end,
                Offering.status.in_(HELD),
                Enrolment.status == EnrolmentStatus.ENROLLED,
            )
        ).all()
        for enrolment in enrolments:
            people.add(enrolment.person_id)
            if enrolment.attended_hours is not None:
                total += enrolment.attended_hours
                continue
            for hours, status, minutes in s.execute(
                select(CourseSession.hours, Attendance.status, Attendance.minutes_late)
                .join(CourseSession, CourseSession.id == Attendance.session_id)
                .where(Attendance.enrolment_id == enrolment.id)
            ):
                total += credited_hours(status, minutes, hours)
    return total, len(people)


def test_headline_figures_match_the_rows(demo: Database) -> None:
    d = dashboard(demo)
    hours, people = expected_person_hours(demo)
    assert d.person_hours == pytest.approx(hours)
    assert d.trainees == people > 0
    start, end = jalali_year_range(YEAR)
    with demo.session() as s:
        offerings = s.scalars(
            select(Offering).where(Offering.start_date >= start, Offering.start_date < end)
        ).all()
        issued = s.scalars(
            select(Certificate).where(
                Certificate.status == CertificateStatus.ISSUED,
                Certificate.issue_date >= start,
                Certificate.issue_date < end,
            )
        ).all()
    assert d.planned == len(offerings)
    assert d.held == sum(o.status in HELD for o in offerings) > 0
    assert d.cancelled == sum(o.status == OfferingStatus.CANCELLED for o in offerings)
    assert d.certificates_issued == len(issued)
    assert 0 < d.pass_rate < 100
    assert 1 <= d.satisfaction <= 5
    assert d.visits_done > 0 and 0 < d.supervision_score <= 100


def test_breakdowns_add_up_to_the_totals(demo: Database) -> None:
    d = dashboard(demo)
    for slices in (d.by_county, d.by_org_unit, d.by_target_group):
        assert sum(s.trainees for s in slices) == d.trainees
        assert sum(s.person_hours for s in slices) == pytest.approx(d.person_hours)
    # a person may take courses of several categories and months: distinct per bar
    assert sum(s.person_hours for s in d.by_category) == pytest.approx(d.person_hours)
    assert sum(m.person_hours for m in d.by_month) == pytest.approx(d.person_hours)
    assert max(s.trainees for s in d.by_category) <= d.trainees
    assert len(d.by_month) == 12 and d.by_month[0].label == "فروردین"
    assert sum(m.planned for m in d.by_month) == d.planned
    assert sum(m.held for m in d.by_month) == d.held


def test_coverage_and_minimum_hours_setting(demo: Database) -> None:
    d = dashboard(demo)
    groups = {c.category: c for c in d.coverage}
    assert set(groups) == {
        PersonCategory.MAYOR,
        PersonCategory.COUNCIL_MEMBER,
        PersonCategory.STAFF,
    }
    with demo.session() as s:
        mayors = s.scalars(
            select(Person).where(Person.category == PersonCategory.MAYOR, Person.active)
        ).all()
    assert groups[PersonCategory.MAYOR].people == len(mayors)
    assert groups[PersonCategory.MAYOR].minimum_hours == 60
    assert groups[PersonCategory.STAFF].minimum_hours == 40
    for c in d.coverage:
        assert c.trained + c.untrained == c.people
        assert c.untrained <= c.below_minimum <= c.people
    with demo.session() as s:
        act_as(s, SYSTEM_ACTOR)
        settings.set_setting(s, settings.MIN_HOURS_STAFF, 0)
    staff = {c.category: c for c in dashboard(demo).coverage}[PersonCategory.STAFF]
    assert staff.below_minimum == 0


def test_every_number_drills_down_to_its_list(demo: Database) -> None:
    d = dashboard(demo)
    period = Period.of_year(YEAR)
    with demo.engine.connect() as conn:

        def total(figure: str, key: object = None) -> int:
            return drill_down(conn, period, figure, key).total

        assert total("planned") == d.planned
        assert total("held") == d.held
        assert total("cancelled") == d.cancelled
        assert total("trainees") == d.trainees
        assert total("passed") == d.passed
        assert total("failed") == d.failed
        assert total("certificates") == d.certificates_issued
        assert total("visits") >= d.visits_done
        county = d.by_county[0]
        assert total("county", county.key) == county.trainees
        unit = d.by_org_unit[0]
        assert total("org_unit", unit.key) == unit.trainees
        category = d.by_category[0]
        assert total("category", category.key) == category.trainees
        group = d.by_target_group[0]
        assert total("target_group", group.key) == group.trainees
        month = d.by_month[1]
        assert total("month", month.key) == month.trainees
        for c in d.coverage:
            assert total("untrained", c.category) == c.untrained
            assert total("below_minimum", c.category) == c.below_minimum
        listed = drill_down(conn, period, "held", limit=3)
        assert len(listed.rows) == 3 and listed.total == d.held
        assert all(len(row) == len(listed.headers) for row in listed.rows)
        start = listed.rows[0][2].replace("\u200f", "")  # the marks keep the year on the right
        assert start.startswith("۱۴۰۵/")  # Jalali start date with Persian digits
        assert set(FIGURES) >= {"planned", "untrained", "visits"}


def test_a_period_of_months_across_two_years(demo: Database) -> None:
    period = parse_period(1404, 11, 1405, 2)
    assert [m[1] for m in period.months()] == [11, 12, 1, 2]
    d = dashboard(demo, period)
    assert d.by_month[0].label == "بهمن ۱۴۰۴"
    whole = dashboard(demo)
    spring = sum(m.planned for m in whole.by_month[:2])
    assert d.planned == spring  # the demo year has nothing in 1404
    assert "۱۴۰۴" in period.title()


def test_empty_year_is_all_zero(db: Database) -> None:
    d = dashboard(db)
    assert (d.planned, d.trainees, d.person_hours) == (0, 0, 0)
    assert d.pass_rate is None and d.satisfaction is None
    assert all(m.planned == 0 for m in d.by_month)


def test_every_breakdown_matches_a_straightforward_count(demo: Database) -> None:
    """The one-statement roll-up against the same figures counted row by row in Python."""
    d = dashboard(demo)
    period = Period.of_year(YEAR)
    hours_of: dict[int, float] = {}
    with demo.session() as s:
        rows = s.execute(
            select(Enrolment, Offering, Person)
            .join(Offering, Offering.id == Enrolment.offering_id)
            .join(Person, Person.id == Enrolment.person_id)
            .where(
                Offering.start_date >= period.start,
                Offering.start_date < period.end,
                Offering.status.in_(HELD),
                Enrolment.status == EnrolmentStatus.ENROLLED,
            )
        ).all()
        for enrolment, _offering, _person in rows:
            if enrolment.attended_hours is not None:
                hours_of[enrolment.id] = enrolment.attended_hours
                continue
            hours_of[enrolment.id] = sum(
                credited_hours(status, minutes, hours)
                for hours, status, minutes in s.execute(
                    select(CourseSession.hours, Attendance.status, Attendance.minutes_late)
                    .join(CourseSession, CourseSession.id == Attendance.session_id)
                    .where(Attendance.enrolment_id == enrolment.id)
                )
            )
        months = period.months()

        def month_of(day: date) -> int:
            return next(i for i, (_y, _m, start, end) in enumerate(months) if start <= day < end)

        def count(key) -> dict[object, tuple[int, float]]:  # type: ignore[no-untyped-def]
            people: dict[object, set[int]] = {}
            hours: dict[object, float] = {}
            for enrolment, offering, person in rows:
                k = key(enrolment, offering, person)
                people.setdefault(k, set()).add(person.id)
                hours[k] = hours.get(k, 0.0) + hours_of[enrolment.id]
            return {k: (len(people[k]), hours[k]) for k in people}

        by_category = count(lambda e, o, p: o.course.category_id)
        by_month = count(lambda e, o, p: month_of(o.start_date))
        by_unit = count(lambda e, o, p: p.org_unit_id)
        by_group = count(lambda e, o, p: p.category)
        per_person: dict[int, tuple[PersonCategory, float]] = {}
        for enrolment, _offering, person in rows:
            total = per_person.get(person.id, (person.category, 0.0))[1]
            per_person[person.id] = (person.category, total + hours_of[enrolment.id])
        results = [e.result for e, _o, _p in rows]

    def figures(slices) -> dict[object, tuple[int, float]]:  # type: ignore[no-untyped-def]
        return {s.key: (s.trainees, s.person_hours) for s in slices if s.trainees}

    def same(got: dict, want: dict) -> None:  # type: ignore[type-arg]
        assert got.keys() == want.keys()
        for k, (trainees, hours) in want.items():
            assert got[k][0] == trainees and got[k][1] == pytest.approx(hours)

    same(figures(d.by_category), by_category)
    same({m.key: (m.trainees, m.person_hours) for m in d.by_month if m.trainees}, by_month)
    same(figures(d.by_org_unit), by_unit)
    same(figures(d.by_target_group), by_group)
    assert d.enrolments == len(rows)
    assert (d.passed, d.failed) == (
        sum(r == OutcomeResult.PASSED for r in results),
        sum(r == OutcomeResult.FAILED for r in results),
    )
    for c in d.coverage:
        under = sum(
            1
            for group, hours in per_person.values()
            if group == c.category and hours < c.minimum_hours
        )
        assert c.below_minimum == under + c.untrained


def test_the_supervision_headline_agrees_with_the_dashboard(demo: Database) -> None:
    with demo.engine.connect() as conn:
        strip = headline(conn, YEAR)
        d = build_dashboard(conn, Period.of_year(YEAR))
    assert strip.person_hours == pytest.approx(d.person_hours) and strip.person_hours > 0
    assert strip.trainees == d.trainees
    assert strip.offerings_held == d.held
    assert strip.certificates_issued == d.certificates_issued
