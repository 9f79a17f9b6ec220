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

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Connection,
    String,
    case,
    distinct,
    func,
    literal,
    null,
    select,
    type_coerce,
    union_all,
)

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

    The per-trainee breakdowns (county, org unit, category, target group, month, coverage) come
    from one statement over the period's held enrolments (``_roll_up``); the rest are small
    aggregates over offerings, answers, certificates and visits, each read from an index.
    """
    roll = _roll_up(conn, period)
    units, groups, below = roll.units, roll.groups, roll.below
    names = dict(conn.execute(select(CourseCategory.id, CourseCategory.name)).all())
    by_category = [
        (cid, names.get(cid, ""), people, hours) for cid, (people, hours) in roll.categories.items()
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
    conn: Connection, period: Period, people: dict[int, tuple[int, float]]
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
        trainees, hours = people.get(i, (0, 0.0))
        figures.append(MonthFigures(i, name, planned, held, trainees, hours))
    return figures


@dataclass
class _RollUp:
    units: dict[Any, list[float]]  # org unit id → [trainees, person-hours]
    groups: dict[Any, list[float]]  # target group → [trainees, person-hours]
    below: dict[Any, int]  # target group → trainees under the yearly minimum
    people: dict[Any, int]  # target group → active people
    minimum: dict[PersonCategory, float]
    categories: dict[int, tuple[int, float]]  # course category → (trainees, person-hours)
    months: dict[int, tuple[int, float]]  # month index → (trainees, person-hours)
    hours: float = 0.0
    enrolments: int = 0
    passed: int = 0
    failed: int = 0


def _roll_up(conn: Connection, period: Period) -> _RollUp:
    """Every per-trainee breakdown in one statement.

    The period's held enrolments (person, course category, month, hours, result) are read once
    into a materialised CTE, and so are the hours per person; one UNION ALL groups them by
    course category, by month, and by (org unit, target group) — the last rolled up here into
    org units, target groups and those under their group's minimum. The database counts the
    distinct trainees per bar, so a few hundred rows come back instead of one per enrolment
    (a year of 100,000 people has some 280,000).
    """
    minimum = minimum_hours(conn)
    rows = (
        select(
            Enrolment.person_id.label("person_id"),
            Course.category_id.label("category_id"),
            month_index(period, Offering.start_date).label("month"),
            enrolment_hours().label("hours"),
            # plain text: compared with the enum's values below
            type_coerce(Enrolment.result, String).label("result"),
        )
        .select_from(Enrolment)
        .join(Offering, Offering.id == Enrolment.offering_id)
        .join(Course, Course.id == Offering.course_id)
        .where(held_in(period), ENROLLED)
        .cte("period_enrolments")
        .prefix_with("MATERIALIZED")
    )
    per_person = (
        select(rows.c.person_id, func.sum(rows.c.hours).label("hours"))
        .group_by(rows.c.person_id)
        .cte("person_hours")
        .prefix_with("MATERIALIZED")
    )
    group = type_coerce(Person.category, String)
    group_minimum = case(
        *[(group == category.value, hours) for category, hours in minimum.items()],
        else_=0.0,
    )

    def count_if(condition: Any) -> Any:
        return func.sum(case((condition, 1), else_=0))

    def by_enrolment(kind: str, key: Any) -> Any:
        """Trainees, hours, enrolments and results per course category or month."""
        return select(
            literal(kind),
            key,
            type_coerce(null(), String),
            func.count(distinct(rows.c.person_id)),
            func.sum(rows.c.hours),
            func.count(),
            count_if(rows.c.result == OutcomeResult.PASSED.value),
            count_if(rows.c.result == OutcomeResult.FAILED.value),
            literal(0),
        ).group_by(key)

    # Trainees, hours and trainees under their group's minimum per (org unit, target group).
    by_person = (
        select(
            literal("person"),
            Person.org_unit_id,
            group,
            func.count(),
            func.sum(per_person.c.hours),
            literal(0),
            literal(0),
            literal(0),
            count_if(per_person.c.hours < group_minimum),
        )
        .select_from(per_person)
        .join(Person, Person.id == per_person.c.person_id)
        .group_by(Person.org_unit_id, group)
    )
    statement = union_all(
        by_enrolment("category", rows.c.category_id),
        by_enrolment("month", rows.c.month),
        by_person,
    )
    roll = _RollUp({}, {}, {}, {}, minimum, {}, {})
    for kind, key, raw_group, trainees, hours, count, passed, failed, below in conn.execute(
        statement
    ):
        hours = float(hours or 0.0)
        if kind == "category":
            roll.categories[key] = (trainees, hours)
            roll.hours += hours
            roll.enrolments += count
            roll.passed += passed
            roll.failed += failed
        elif kind == "month":
            roll.months[key] = (trainees, hours)
        else:
            target_group = PersonCategory(raw_group)
            for bucket, bucket_key in ((roll.units, key), (roll.groups, target_group)):
                entry = bucket.setdefault(bucket_key, [0, 0.0])
                entry[0] += trainees
                entry[1] += hours
            if below:
                roll.below[target_group] = roll.below.get(target_group, 0) + below
    active = select(group, func.count()).where(Person.active).group_by(group)
    for raw_group, count in conn.execute(active):
        if PersonCategory(raw_group) in minimum:
            roll.people[PersonCategory(raw_group)] = count
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
