"""Stages 2, 4 and 5 for every offering: who enrolled (capacity, waiting list, withdrawals),
attendance for the meetings held so far, scores and results, questionnaires, follow-ups.

Offerings are handled in start order so a person is never booked into two offerings that
overlap; rows are handed to the writer offering by offering, so memory stays flat.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

from shahrtrain_desktop.models.enums import (
    AttendanceStatus,
    EnrolmentStatus,
    EvaluationTarget,
    OfferingStatus,
    OutcomeResult,
    PersonCategory,
    Role,
)
from shahrtrain_desktop.services.demo import outcomes, vocabulary
from shahrtrain_desktop.services.demo.context import Context
from shahrtrain_desktop.services.demo.needs import Letters
from shahrtrain_desktop.services.demo.plan import OfferingPlan
from shahrtrain_desktop.services.demo.registry import Population
from shahrtrain_desktop.services.demo.tables import ATTENDANCE, ENROLMENT

MAX_YEARLY = {
    PersonCategory.MAYOR: 14,
    PersonCategory.COUNCIL_MEMBER: 12,
    PersonCategory.STAFF: 10,
    PersonCategory.OTHER: 6,
}
WITHDRAW_SHARE = 0.04
WAITING_SHARE = 0.15
REQUEST_LETTER_SHARE = 0.35
# (share of trainees, P(absent), P(late), P(excused)) — most come to every meeting.
DILIGENCE = ((0.82, 0.01, 0.05, 0.01), (0.14, 0.06, 0.08, 0.03), (0.04, 0.25, 0.10, 0.05))
_ENROLLING = {
    OfferingStatus.OPEN,
    OfferingStatus.RUNNING,
    OfferingStatus.FINISHED,
    OfferingStatus.CLOSED,
}
_ENROLLED = EnrolmentStatus.ENROLLED.value
_WAITING = EnrolmentStatus.WAITING.value
_WITHDRAWN = EnrolmentStatus.WITHDRAWN.value
_PRESENT = AttendanceStatus.PRESENT.value
_ABSENT = AttendanceStatus.ABSENT.value
_LATE = AttendanceStatus.LATE.value
_EXCUSED = AttendanceStatus.EXCUSED.value


@dataclass(slots=True)
class Passed:
    """A trainee who passed: what the certificate stage needs."""

    plan: int  # index into the plans list
    enrolment_id: int
    person: int  # index into the population
    score: float


@dataclass
class DeliveryState:
    pop: Population
    busy_until: list[int]
    load: bytearray
    passed_courses: set[int] = field(default_factory=set)
    passed: list[Passed] = field(default_factory=list)


def deliver(
    ctx: Context,
    plans: list[OfferingPlan],
    pop: Population,
    letters: Letters,
    items: list[tuple[int, EvaluationTarget]],
    tick: Callable[[int], None],
) -> list[Passed]:
    state = DeliveryState(pop, [0] * len(pop), bytearray(len(pop)))
    step = max(1, len(plans) // 8)
    for index, plan in enumerate(plans):
        if index and index % step == 0:
            tick(index // step)
        if plan.status in _ENROLLING or (
            plan.status == OfferingStatus.CANCELLED and plan.registration_opened
        ):
            _deliver_one(ctx, state, index, plan, letters, items)
    return state.passed


def _candidates(
    ctx: Context, state: DeliveryState, plan: OfferingPlan, wanted: int, strict: bool
) -> list[int]:
    """Distinct people the course is meant for, mostly from the offering's county, who are
    free then and below their yearly load."""
    rng = ctx.rng
    pop = state.pop
    if plan.audience is not None:
        groups = [plan.audience]
    else:  # open to every group the course targets (all groups if it names none)
        groups = [g for g in plan.course.spec.target_groups if g in pop.pools] or sorted(
            pop.pools, key=lambda g: g.value
        )
    pools = [pop.pools[g] for g in groups]
    locals_ = [pop.county_pools.get((g, plan.county), []) for g in groups]
    sizes = [len(p) for p in pools]
    local_sizes = [len(p) for p in locals_]
    local_share = 0.8 if plan.venue is not None and any(local_sizes) else 0.3
    start = plan.start.toordinal()
    chosen: list[int] = []
    seen: set[int] = set()
    for _ in range(wanted * 4):
        if len(chosen) >= wanted:
            break
        if rng.random() < local_share and any(local_sizes):
            source = locals_[0] if len(groups) == 1 else rng.choices(locals_, local_sizes)[0]
        else:
            source = pools[0] if len(groups) == 1 else rng.choices(pools, sizes)[0]
        person = source[rng.randrange(len(source))]
        if person in seen:
            continue
        seen.add(person)
        i = person - pop.first_id
        if strict and (
            state.busy_until[i] >= start or state.load[i] >= MAX_YEARLY[pop.categories[i]]
        ):
            continue
        chosen.append(person)
    return chosen


def _deliver_one(
    ctx: Context,
    state: DeliveryState,
    plan_index: int,
    plan: OfferingPlan,
    letters: Letters,
    items: list[tuple[int, EvaluationTarget]],
) -> None:
    rng = ctx.rng
    w = ctx.writer
    pop = state.pop
    today = ctx.today
    status = plan.status
    full = rng.random() < WAITING_SHARE
    if status == OfferingStatus.OPEN and not full:
        wanted = max(1, round(plan.size * rng.uniform(0.3, 0.9)))
    else:
        wanted = plan.capacity if full else plan.size
    people = _candidates(ctx, state, plan, wanted, strict=True)
    waiting: list[int] = []
    if full and len(people) >= plan.capacity:
        taken = set(people)
        extra = _candidates(ctx, state, plan, rng.randint(1, 6) + len(people), strict=False)
        waiting = [p for p in extra if p not in taken][: rng.randint(1, 6)]

    closes = min(plan.start - timedelta(days=1), today, plan.cancelled_on or today)
    opens = min(plan.start - timedelta(days=28), closes)
    over = status in (OfferingStatus.FINISHED, OfferingStatus.CLOSED)
    held = [i for i, day in enumerate(plan.days) if day <= today]
    held_hours = sum(plan.hours[i] for i in held)
    total_hours = plan.total_hours
    spec = plan.course.spec
    prerequisite_ids = plan.course.prerequisite_ids
    officer = ctx.users[Role.OFFICER]
    teachers = [teacher for teacher, _hours in plan.instructors]
    first_id = w.reserve_ids(ENROLMENT, len(people) + len(waiting))
    end_ordinal = plan.end.toordinal()
    updated_on = min(today, plan.end + timedelta(days=3))
    enrolment_rows: list[tuple[object, ...]] = []
    batch = outcomes.Batch()
    attendance_rows: list[tuple[int, int, int, str, int, int]] = []

    for n, person in enumerate(people):
        enrolment_id = first_id + n
        i = person - pop.first_id
        enrolled_on = ctx.between(opens, closes)
        letter = None
        muni = pop.municipality[i]
        if muni >= 0 and rng.random() < REQUEST_LETTER_SHARE:
            letter = letters.request_before(muni, enrolled_on)
        override = None
        if prerequisite_ids and not any(
            person * 4096 + p in state.passed_courses for p in prerequisite_ids
        ):
            override = vocabulary.PREREQUISITE_OVERRIDE
        withdrawn_on = withdraw_reason = None
        if status == OfferingStatus.CANCELLED:
            withdrawn_on, withdraw_reason = plan.cancelled_on, "لغو دوره"
        elif rng.random() < WITHDRAW_SHARE:
            last = max(enrolled_on, min(plan.start + timedelta(days=7), today, plan.end))
            withdrawn_on = ctx.between(enrolled_on, last)
            withdraw_reason = rng.choice(vocabulary.WITHDRAW_REASONS)
        attended: float | None = None
        final: float | None = None
        result = reason = result_override = None
        if withdrawn_on is None:
            state.busy_until[i] = end_ordinal
            state.load[i] += 1
        if withdrawn_on is None and held:
            attended = _attendance(ctx, plan, held, enrolment_id, officer, attendance_rows)
            share = attended / held_hours if held_hours else 1.0
            score = outcomes.write_scores(
                ctx, batch, enrolment_id, plan.start, plan.end, share, over
            )
            if over:
                final = score
                pct = round(100 * attended / total_hours, 1)
                outcome = outcomes.decide(ctx, score, pct, spec.min_attendance_pct, spec.min_score)
                result, reason = outcome.result.value, outcome.reason
                result_override = outcome.override
                if rng.random() < outcomes.EVALUATION_SHARE:
                    outcomes.write_evaluation(ctx, batch, enrolment_id, items, teachers)
                if outcome.result == OutcomeResult.PASSED:
                    state.passed_courses.add(person * 4096 + plan.course.id)
                    state.passed.append(Passed(plan_index, enrolment_id, i, score))
                    if status == OfferingStatus.CLOSED and rng.random() < outcomes.FOLLOW_UP_SHARE:
                        outcomes.write_follow_up(ctx, enrolment_id, plan.end)
        touched = max(enrolled_on, updated_on) if held and withdrawn_on is None else enrolled_on
        enrolment_rows.append(
            (
                enrolment_id, plan.id, person, _WITHDRAWN if withdrawn_on else _ENROLLED,
                None, enrolled_on, letter, override, withdrawn_on, withdraw_reason,
                attended if over else None, final, result, reason, result_override,
                ctx.at(enrolled_on, 10), ctx.at(withdrawn_on or touched, 15), 1,
            )
        )  # fmt: skip

    waiting_days = sorted(ctx.between(opens, closes) for _ in waiting)
    for position, (person, day) in enumerate(zip(waiting, waiting_days, strict=True), 1):
        enrolment_id = first_id + len(people) + position - 1
        withdrawn = status == OfferingStatus.CANCELLED
        enrolment_rows.append(
            (
                enrolment_id, plan.id, person,
                _WITHDRAWN if withdrawn else _WAITING,
                None if withdrawn else position, day, None, None,
                plan.cancelled_on if withdrawn else None, "لغو دوره" if withdrawn else None,
                None, None, None, None, None, ctx.at(day, 10), ctx.at(day, 10), 1,
            )
        )  # fmt: skip
    w.add_many(ENROLMENT, enrolment_rows)
    if attendance_rows:
        w.add_many(ATTENDANCE, attendance_rows)
    batch.flush(ctx)


def _attendance(
    ctx: Context,
    plan: OfferingPlan,
    held: list[int],
    enrolment_id: int,
    officer: int,
    rows: list[tuple[int, int, int, str, int, int]],
) -> float:
    """One tick per meeting held so far; returns the hours attended."""
    rng = ctx.rng
    draw = rng.random()
    absent, late, excused = DILIGENCE[-1][1:]
    for share, *probabilities in DILIGENCE:
        if draw < share:
            absent, late, excused = probabilities
            break
        draw -= share
    late += absent
    excused += late
    attended = 0.0
    hours = plan.hours
    first_session = plan.first_session_id
    next_id = ctx.writer.reserve_ids(ATTENDANCE, len(held))
    random = rng.random
    for offset, index in enumerate(held):
        r = random()
        if r < absent:
            status, minutes = _ABSENT, 0
        elif r < late:
            minutes = 5 + int(random() * 40)
            status = _LATE
            attended += hours[index] - minutes / 60
        elif r < excused:
            status, minutes = _EXCUSED, 0
        else:
            status, minutes = _PRESENT, 0
            attended += hours[index]
        rows.append(
            (next_id + offset, first_session + index, enrolment_id, status, minutes, officer)
        )
    return round(attended, 2)
