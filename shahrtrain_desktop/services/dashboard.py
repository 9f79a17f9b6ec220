"""The year's picture for the monitoring tab and the annual report.

Figures cover offerings that start in a period (a Jalali year or any date range): planned vs
held, trainees and person-hours (نفر-ساعت = trainees × attended hours) by county, org unit,
course category, target group and month; coverage of mayors, council members and staff; pass
rate; satisfaction; certificates issued; supervision. Offering, satisfaction, certificate and
supervision figures are SQL aggregates; the per-trainee breakdowns come from one SQL pass over
the period's enrolments (see ``build_dashboard``). ``dashboard_drill.drill_down`` gives the list
behind each number.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, String, case, func, select, type_coerce

from shahrtrain_desktop.models import (
    Certificate,
    CorrectiveAction,
    County,
    Course,
    CourseCategory,
    Enrolment,
    EvaluationAnswer,
    Offering,
    OrgUnit,
    Person,
    SupervisionVisit,
)
from shahrtrain_desktop.models.enums import (
    ActionStatus,
    CertificateStatus,
    OfferingStatus,
    OutcomeResult,
    PersonCategory,
    VisitStatus,
)
from shahrtrain_desktop.persian import (
    month_name,
    to_persian_digits,
)
from shahrtrain_desktop.services.dashboard_period import (
    COVERED_GROUPS,
    HELD,
    MANAGERS,
    Period,
    current_period,
    enrolment_hours,
    held_in,
    in_period,
    minimum_hours,
    month_index,
    parse_period,
)
from shahrtrain_desktop.services.labels import label
from shahrtrain_desktop.services.listings.stages import ENROLLED

NO_COUNTY = "بدون شهرستان"
NO_ORG_UNIT = "بدون واحد سازمانی"

__all__ = [
    "COVERED_GROUPS",
    "HELD",
    "MANAGERS",
    "Coverage",
    "Dashboard",
    "MonthFigures",
    "Period",
    "Slice",
    "build_dashboard",
    "current_period",
    "parse_period",
]


@dataclass(frozen=True)
class Slice:
    """One bar of a breakdown: ``key`` identifies it for the drill-down."""

    key: Any
    label: str
    trainees: int
    person_hours: float


@dataclass(frozen=True)
class MonthFigures:
    key: int  # index of the month in the period
    label: str
    planned: int
    held: int
    trainees: int
    person_hours: float


@dataclass(frozen=True)
class Coverage:
    category: PersonCategory
    label: str
    people: int
    trained: int
    below_minimum: int
    minimum_hours: float

    @property
    def untrained(self) -> int:
        return self.people - self.trained

    @property
    def percent(self) -> float:
        return 100.0 * self.trained / self.people if self.people else 0.0


@dataclass(frozen=True)
class Dashboard:
    period: Period
    planned: int
    held: int
    cancelled: int
    trainees: int
    enrolments: int
    person_hours: float
    passed: int
    failed: int
    satisfaction: float | None  # mean of Likert answers, 1–5
    satisfaction_answers: int
    certificates_issued: int
    visits_done: int
    visits_planned: int
    supervision_score: float | None
    open_actions: int
    by_month: list[MonthFigures] = field(default_factory=list)
    by_county: list[Slice] = field(default_factory=list)
    by_org_unit: list[Slice] = field(default_factory=list)
    by_category: list[Slice] = field(default_factory=list)
    by_target_group: list[Slice] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)

    @property
    def pass_rate(self) -> float | None:
        decided = self.passed + self.failed
        return 100.0 * self.passed / decided if decided else None

    @property
    def satisfaction_percent(self) -> float | None:
        return None if self.satisfaction is None else 100.0 * (self.satisfaction - 1) / 4


# --------------------------------------------------------------------------------------------
# Shared expressions (drill-downs reuse them)


def build_dashboard(conn: Connection, period: Period) -> Dashboard:
    """All figures of the period.

    The held enrolments of the period are read in one pass (person, course category, month,
    hours, result — joined and filtered in SQL) and rolled up here: one pass serves every
    breakdown and counts distinct trainees per bar, where a GROUP BY per breakdown would
    read the year's enrolments four times over.
    """
    roll = _roll_up(conn, period)
    units, groups, below = roll.units, roll.groups, roll.below
    names = dict(conn.execute(select(CourseCategory.id, CourseCategory.name)).all())
    by_category = [
        (cid, names.get(cid, ""), len(people), hours)
        for cid, (people, hours) in roll.categories.items()
    ]
    sums = {
        "hours": roll.hours,
        "enrolments": roll.enrolments,
        "passed": roll.passed,
        "failed": roll.failed,
    }

    unit_info = {
        u.id: (u.name, u.county_id, u.county_name)
        for u in conn.execute(
            select(
                OrgUnit.id, OrgUnit.name, OrgUnit.county_id, County.name.label("county_name")
            ).outerjoin(County, County.id == OrgUnit.county_id)
        )
    }
    counties: dict[Any, list[Any]] = {}
    for unit_id, (trainees, hours) in units.items():
        _name, county_id, county_name = unit_info.get(unit_id, (None, None, None))
        entry = counties.setdefault(county_id, [county_name or NO_COUNTY, 0, 0.0])
        entry[1] += trainees
        entry[2] += hours

    offerings = conn.execute(
        select(
            func.count(),
            func.sum(case((Offering.status.in_(HELD), 1), else_=0)),
            func.sum(case((Offering.status == OfferingStatus.CANCELLED, 1), else_=0)),
        ).where(in_period(period))
    ).one()
    satisfaction = conn.execute(
        select(func.avg(EvaluationAnswer.value), func.count())
        .select_from(Offering)
        .join(Enrolment, Enrolment.offering_id == Offering.id)
        .join(EvaluationAnswer, EvaluationAnswer.enrolment_id == Enrolment.id)
        .where(held_in(period))
    ).one()
    issued = conn.scalar(
        select(func.count()).where(
            Certificate.status == CertificateStatus.ISSUED,
            Certificate.issue_date >= period.start,
            Certificate.issue_date < period.end,
        )
    )
    visits = conn.execute(
        select(
            func.sum(case((SupervisionVisit.status == VisitStatus.DONE, 1), else_=0)),
            func.sum(case((SupervisionVisit.status == VisitStatus.PLANNED, 1), else_=0)),
            func.avg(SupervisionVisit.score),
        )
        .join(Offering, Offering.id == SupervisionVisit.offering_id)
        .where(in_period(period))
    ).one()
    open_actions = conn.scalar(
        select(func.count())
        .select_from(CorrectiveAction)
        .join(SupervisionVisit, SupervisionVisit.id == CorrectiveAction.visit_id)
        .join(Offering, Offering.id == SupervisionVisit.offering_id)
        .where(in_period(period), CorrectiveAction.status == ActionStatus.OPEN)
    )

    def by_hours(slices: list[Slice]) -> list[Slice]:
        return sorted(slices, key=lambda s: (-s.person_hours, s.label))

    return Dashboard(
        period=period,
        planned=offerings[0] or 0,
        held=offerings[1] or 0,
        cancelled=offerings[2] or 0,
        trainees=sum(int(t) for t, _h in units.values()),
        enrolments=int(sums["enrolments"]),
        person_hours=sums["hours"],
        passed=int(sums["passed"]),
        failed=int(sums["failed"]),
        satisfaction=None if satisfaction[0] is None else float(satisfaction[0]),
        satisfaction_answers=satisfaction[1] or 0,
        certificates_issued=issued or 0,
        visits_done=visits[0] or 0,
        visits_planned=visits[1] or 0,
        supervision_score=None if visits[2] is None else float(visits[2]),
        open_actions=open_actions or 0,
        by_month=_months(conn, period, roll.months),
        by_county=by_hours([Slice(k, n, t, h) for k, (n, t, h) in counties.items()]),
        by_org_unit=by_hours(
            [
                Slice(k, unit_info.get(k, (NO_ORG_UNIT,))[0] or NO_ORG_UNIT, int(t), h)
                for k, (t, h) in units.items()
            ]
        ),
        by_category=by_hours(
            [Slice(cid, name, count, hours) for cid, name, count, hours in by_category]
        ),
        by_target_group=by_hours(
            [
                Slice(PersonCategory(k), label(PersonCategory(k)), int(t), h)
                for k, (t, h) in groups.items()
            ]
        ),
        coverage=_coverage(roll.people, groups, below, roll.minimum),
    )


def _months(
    conn: Connection, period: Period, people: dict[int, tuple[set[int], float]]
) -> list[MonthFigures]:
    months = period.months()
    index = month_index(period, Offering.start_date)
    plan = {
        row[0]: (row[1], row[2] or 0)
        for row in conn.execute(
            select(
                index.label("m"),
                func.count(),
                func.sum(case((Offering.status.in_(HELD), 1), else_=0)),
            )
            .where(in_period(period))
            .group_by(index)
        )
    }
    figures = []
    several_years = months[0][0] != months[-1][0]
    for i, (year, month, _start, _end) in enumerate(months):
        name = month_name(month)
        if several_years:
            name = f"{name} {to_persian_digits(year)}"
        planned, held = plan.get(i, (0, 0))
        trainees, hours = people.get(i, (set(), 0.0))
        figures.append(MonthFigures(i, name, planned, held, len(trainees), hours))
    return figures


@dataclass
class _RollUp:
    units: dict[Any, list[float]]  # org unit id → [trainees, person-hours]
    groups: dict[Any, list[float]]  # target group → [trainees, person-hours]
    below: dict[Any, int]  # target group → trainees under the yearly minimum
    people: dict[Any, int]  # target group → active people
    minimum: dict[PersonCategory, float]
    categories: dict[int, tuple[set[int], float]]
    months: dict[int, tuple[set[int], float]]
    hours: float = 0.0
    enrolments: int = 0
    passed: int = 0
    failed: int = 0


def _roll_up(conn: Connection, period: Period) -> _RollUp:
    rows = conn.execute(
        select(
            Enrolment.person_id,
            Course.category_id,
            month_index(period, Offering.start_date),
            enrolment_hours(),
            # plain text: no enum conversion for each of a year's enrolments
            type_coerce(Enrolment.result, String),
        )
        .select_from(Enrolment)
        .join(Offering, Offering.id == Enrolment.offering_id)
        .join(Course, Course.id == Offering.course_id)
        .where(held_in(period), ENROLLED)
    ).all()
    per_person: defaultdict[int, float] = defaultdict(float)
    category_people: defaultdict[int, set[int]] = defaultdict(set)
    category_hours: defaultdict[int, float] = defaultdict(float)
    month_people: defaultdict[int, set[int]] = defaultdict(set)
    month_hours: defaultdict[int, float] = defaultdict(float)
    results: defaultdict[str | None, int] = defaultdict(int)
    for person_id, category_id, month, hours, result in rows:
        per_person[person_id] += hours
        category_people[category_id].add(person_id)
        category_hours[category_id] += hours
        month_people[month].add(person_id)
        month_hours[month] += hours
        results[result] += 1
    roll = _RollUp(
        {},
        {},
        {},
        {},
        minimum_hours(conn),
        {c: (p, category_hours[c]) for c, p in category_people.items()},
        {m: (p, month_hours[m]) for m, p in month_people.items()},
        hours=float(sum(category_hours.values())),
        enrolments=len(rows),
        passed=results[OutcomeResult.PASSED.value],
        failed=results[OutcomeResult.FAILED.value],
    )
    people = conn.execute(
        select(Person.id, Person.org_unit_id, type_coerce(Person.category, String), Person.active)
    ).all()
    for person_id, unit_id, raw_group, active in people:
        group = PersonCategory(raw_group)
        if active and group in roll.minimum:
            roll.people[group] = roll.people.get(group, 0) + 1
        hours = per_person.get(person_id)
        if hours is None:
            continue
        for bucket, key in ((roll.units, unit_id), (roll.groups, group)):
            entry = bucket.setdefault(key, [0, 0.0])
            entry[0] += 1
            entry[1] += hours
        if hours < roll.minimum.get(group, 0.0):
            roll.below[group] = roll.below.get(group, 0) + 1
    return roll


def _coverage(
    people: dict[Any, int],
    trained: dict[Any, list[float]],
    below: dict[Any, int],
    minimum: dict[PersonCategory, float],
) -> list[Coverage]:
    """People without any training are below any minimum above zero."""
    coverage = []
    for category in COVERED_GROUPS:
        total = people.get(category, 0)
        got = int(trained.get(category, [0, 0.0])[0])
        untrained = max(total - got, 0) if minimum[category] > 0 else 0
        below_min = below.get(category, 0) + untrained
        coverage.append(
            Coverage(category, label(category), total, got, below_min, minimum[category])
        )
    return coverage
