"""Stage 3's annual plan: which courses run when, for whom, how big, and where they stand today.

Statuses follow the dates: what ended is finished (recently) or closed, what spans today is
running, what lies ahead is open (registration in the last three weeks), approved or still a
draft; a few are cancelled. When the year contains today, a handful of "anchor" offerings are
placed around today so that every status exists even in a small demo.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta

from shahrtrain_desktop.models.enums import DeliveryMode, OfferingStatus, PersonCategory
from shahrtrain_desktop.persian import days_in_month, from_jalali
from shahrtrain_desktop.services.demo import schedule
from shahrtrain_desktop.services.demo.catalogue import Catalogue, CourseRef, VenueRef
from shahrtrain_desktop.services.demo.context import Context
from shahrtrain_desktop.services.demo.registry import Population
from shahrtrain_desktop.services.demo.tables import OFFERING

# Enrolments a person of each group takes in a year, on average.
YEARLY_LOAD = {
    PersonCategory.MAYOR: 6.0,
    PersonCategory.COUNCIL_MEMBER: 5.0,
    PersonCategory.STAFF: 3.4,
    PersonCategory.OTHER: 2.0,
}
MIXED_SHARE = 0.1  # offerings open to every group
CANCELLED_SHARE = 0.03
# Fewer courses at Nowruz, in the summer holidays and at the end of Esfand.
MONTH_WEIGHTS = (0.6, 1.0, 1.0, 1.0, 0.8, 0.8, 1.1, 1.2, 1.2, 1.1, 1.1, 0.7)
REGISTRATION_DAYS = 21
MIN_OFFERINGS = 48


@dataclass
class OfferingPlan:
    course: CourseRef
    audience: PersonCategory | None
    county: int
    mode: DeliveryMode
    size: int
    weekdays: frozenset[int]
    slot: schedule.Slot
    hours: list[float]
    days: list[date] = field(default_factory=list)
    id: int = 0
    code: str = ""
    status: OfferingStatus = OfferingStatus.DRAFT
    anchor: bool = False
    cancelled_on: date | None = None
    registration_opened: bool = False
    capacity: int = 0
    venue: VenueRef | None = None
    instructors: list[tuple[int, float]] = field(default_factory=list)
    session_instructors: list[int] = field(default_factory=list)
    first_session_id: int = 0
    resolution: tuple[str, date] | None = None
    steering: tuple[str, date] | None = None
    need_ids: list[int] = field(default_factory=list)

    @property
    def start(self) -> date:
        return self.days[0]

    @property
    def end(self) -> date:
        return self.days[-1]

    @property
    def total_hours(self) -> float:
        return sum(self.hours)

    def session_id(self, index: int) -> int:
        return self.first_session_id + index


def offering_count(people: int) -> int:
    """About one offering per 25 people; a small demo still gets a full year (up to 48)."""
    return max(round(people * 0.04), min(MIN_OFFERINGS, max(12, people // 3)))


def plan_offerings(
    ctx: Context, pop: Population, catalogue: Catalogue, count: int
) -> list[OfferingPlan]:
    """Offerings spread over the twelve months, sized so that people take about their yearly
    load of courses; ids and codes in start-date order."""
    rng = ctx.rng
    groups = sorted(pop.pools, key=lambda g: g.value)
    expected = {g: len(pop.pools[g]) * YEARLY_LOAD[g] for g in groups}
    total = sum(expected.values())
    average = total / (count * 0.75)
    closed = schedule.holidays(range(ctx.year - 1, ctx.year + 2))
    plans: list[OfferingPlan] = []
    for _ in range(count):
        audience: PersonCategory | None = None
        if rng.random() >= MIXED_SHARE:
            audience = ctx.weighted(groups, [expected[g] for g in groups])
        course = _course_for(ctx, catalogue, audience)
        pool = pop.pools[audience] if audience else range(len(pop))
        size = max(6, min(round(average * rng.uniform(0.6, 1.4)), int(len(pool) * 0.85)))
        mode = _mode_for(ctx, size)
        weekdays, slot = schedule.choose_pattern(rng, mode, audience)
        hours = schedule.session_hours(course.spec.hours, slot)
        county = _county_for(ctx, pop, audience)
        plans.append(OfferingPlan(course, audience, county, mode, size, weekdays, slot, hours))
    for plan in plans:
        month = ctx.weighted(range(1, 13), MONTH_WEIGHTS)
        day = rng.randint(1, days_in_month(ctx.year, month) - 3)
        first = from_jalali(ctx.year, month, day)
        plan.days = schedule.meeting_days(first, len(plan.hours), plan.weekdays, closed)
    for plan in plans:
        _set_status(ctx, plan)
    if ctx.year_start <= ctx.today < ctx.year_end:
        _place_anchors(ctx, plans, closed)
    plans.sort(key=lambda p: (p.start, p.course.spec.code, p.county))
    first_id = ctx.writer.reserve_ids(OFFERING, len(plans))
    per_course: dict[str, int] = {}
    for index, plan in enumerate(plans):
        plan.id = first_id + index
        serial = per_course[plan.course.spec.code] = per_course.get(plan.course.spec.code, 0) + 1
        plan.code = f"{ctx.year}-{plan.course.spec.code}-{serial:03d}"
        plan.capacity = math.ceil(plan.size / rng.uniform(0.85, 1.0))
    return plans


def _course_for(ctx: Context, catalogue: Catalogue, audience: PersonCategory | None) -> CourseRef:
    if audience is None:
        fits = [c for c in catalogue.courses if len(c.spec.targets) != 1]
    else:
        fits = [
            c for c in catalogue.courses if not c.spec.targets or audience in c.spec.target_groups
        ]
    return ctx.rng.choice(fits)


def _mode_for(ctx: Context, size: int) -> DeliveryMode:
    if size <= 45:
        weights = (0.8, 0.1, 0.1)
    elif size <= 120:
        weights = (0.35, 0.15, 0.5)
    else:
        weights = (0.1, 0.05, 0.85)
    modes = (DeliveryMode.IN_PERSON, DeliveryMode.BLENDED, DeliveryMode.ONLINE)
    return ctx.weighted(modes, weights)


def _county_for(ctx: Context, pop: Population, audience: PersonCategory | None) -> int:
    groups = [audience] if audience else list(pop.pools)
    counties = sorted({county for (_g, county) in pop.county_pools})
    weights = [sum(len(pop.county_pools.get((g, c), ())) for g in groups) for c in counties]
    return ctx.weighted(counties, weights)


def status_on(ctx: Context, start: date, end: date) -> OfferingStatus:
    """Where an offering with these dates stands today (before any cancellation)."""
    rng = ctx.rng
    if end < ctx.today:
        ago = (ctx.today - end).days
        if ago <= 20:
            return OfferingStatus.FINISHED
        closed_share = 0.6 if ago <= 45 else 0.95
        return OfferingStatus.CLOSED if rng.random() < closed_share else OfferingStatus.FINISHED
    if start <= ctx.today:
        return OfferingStatus.RUNNING
    ahead = (start - ctx.today).days
    if ahead <= REGISTRATION_DAYS:
        return OfferingStatus.OPEN
    if ahead <= 40:
        return OfferingStatus.OPEN if rng.random() < 0.5 else OfferingStatus.APPROVED
    if ahead <= 75:
        return OfferingStatus.APPROVED if rng.random() < 0.8 else OfferingStatus.DRAFT
    return OfferingStatus.DRAFT if rng.random() < 0.8 else OfferingStatus.APPROVED


def _set_status(ctx: Context, plan: OfferingPlan) -> None:
    plan.status = status_on(ctx, plan.start, plan.end)
    plan.registration_opened = plan.status not in (OfferingStatus.DRAFT, OfferingStatus.APPROVED)
    if plan.status != OfferingStatus.DRAFT and ctx.chance(CANCELLED_SHARE):
        _cancel(ctx, plan)


def _cancel(ctx: Context, plan: OfferingPlan) -> None:
    plan.status = OfferingStatus.CANCELLED
    plan.cancelled_on = min(ctx.today, plan.start - timedelta(days=ctx.rng.randint(1, 10)))
    plan.registration_opened = (plan.start - plan.cancelled_on).days <= REGISTRATION_DAYS


def _place_anchors(ctx: Context, plans: list[OfferingPlan], closed: frozenset[date]) -> None:
    """Move a few offerings next to today so that every status shows up."""
    today = ctx.today
    used: set[int] = set()

    def pick(min_sessions: int) -> OfferingPlan | None:
        for index, plan in enumerate(plans):
            if index not in used and len(plan.hours) >= min_sessions:
                used.add(index)
                return plan
        return None

    def place(plan: OfferingPlan, first: date, status: OfferingStatus) -> bool:
        days = schedule.meeting_days(first, len(plan.hours), plan.weekdays, closed)
        if days[0] < ctx.year_start or days[0] >= ctx.year_end:
            return False
        plan.days, plan.status, plan.anchor = days, status, True
        plan.cancelled_on = None
        plan.registration_opened = status not in (OfferingStatus.DRAFT, OfferingStatus.APPROVED)
        return True

    running = pick(2)
    if running is not None:
        first = schedule.last_meeting_day_before(today, running.weekdays, closed)
        place(running, first, OfferingStatus.RUNNING)
    finished = pick(1)
    if finished is not None:
        for weeks in range(1, 10):
            first = today - timedelta(days=7 * weeks)
            days = schedule.meeting_days(first, len(finished.hours), finished.weekdays, closed)
            if days[-1] < today - timedelta(days=2):
                place(finished, first, OfferingStatus.FINISHED)
                break
    for offset, status in (
        (-130, OfferingStatus.CLOSED),
        (10, OfferingStatus.OPEN),
        (50, OfferingStatus.APPROVED),
        (90, OfferingStatus.DRAFT),
    ):
        plan = pick(1)
        if plan is not None:
            place(plan, today + timedelta(days=offset), status)
    cancelled = pick(1)
    if cancelled is not None and place(cancelled, today + timedelta(days=12), OfferingStatus.OPEN):
        _cancel(ctx, cancelled)
