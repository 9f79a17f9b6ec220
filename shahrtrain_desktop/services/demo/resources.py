"""Stage 3 continued: rooms and instructors without clashes, committee approvals, the rows."""

from __future__ import annotations

from datetime import date, timedelta

from shahrtrain_desktop.models.enums import DeliveryMode, DocumentKind, OfferingStatus
from shahrtrain_desktop.persian import from_jalali
from shahrtrain_desktop.services.demo import schedule, vocabulary
from shahrtrain_desktop.services.demo.catalogue import Catalogue, VenueRef
from shahrtrain_desktop.services.demo.context import Context
from shahrtrain_desktop.services.demo.plan import OfferingPlan
from shahrtrain_desktop.services.demo.tables import (
    COURSE_SESSION,
    DOCUMENT,
    OFFERING,
    OFFERING_INSTRUCTOR,
)

_APPROVED_STATUSES = {
    OfferingStatus.APPROVED,
    OfferingStatus.OPEN,
    OfferingStatus.RUNNING,
    OfferingStatus.FINISHED,
    OfferingStatus.CLOSED,
}
_HOURLY_FEE = 3_200_000  # rial per teaching hour
_SEAT_COST = 450_000
_ROOM_FEE = 4_000_000  # rial per meeting
_PLATFORM_FEE = 1_500_000

Busy = set[tuple[int, date, str]]


def allocate(ctx: Context, plans: list[OfferingPlan], catalogue: Catalogue) -> None:
    """Give each offering a free room (or take it online) and free instructors."""
    rooms: Busy = set()
    teachers: Busy = set()
    for plan in plans:
        periods = schedule.slot_periods(plan.slot)
        if plan.mode != DeliveryMode.ONLINE:
            plan.venue = _free_room(ctx, plan, catalogue, rooms, periods)
            if plan.venue is None:
                plan.mode = DeliveryMode.ONLINE
        _assign_instructors(ctx, plan, teachers, periods)


def _slots(days: list[date], periods: tuple[str, ...]) -> list[tuple[date, str]]:
    return [(day, period) for day in days for period in periods]


def _free_room(
    ctx: Context,
    plan: OfferingPlan,
    catalogue: Catalogue,
    busy: Busy,
    periods: tuple[str, ...],
) -> VenueRef | None:
    seats = plan.capacity if plan.mode == DeliveryMode.IN_PERSON else plan.capacity // 2
    local = [v for v in catalogue.venues if v.county == plan.county and v.capacity >= seats]
    central = [v for v in catalogue.venues if v.county == 0 and v.capacity >= seats]
    wanted = _slots(plan.days, periods)
    for candidates in (local, central):
        for venue in ctx.rng.sample(candidates, k=len(candidates)):
            if all((venue.id, day, period) not in busy for day, period in wanted):
                busy.update((venue.id, day, period) for day, period in wanted)
                return venue
    return None


def _assign_instructors(
    ctx: Context, plan: OfferingPlan, busy: Busy, periods: tuple[str, ...]
) -> None:
    rng = ctx.rng
    candidates = rng.sample(plan.course.instructors, k=len(plan.course.instructors))
    count = len(plan.days)
    split = count // 2 if plan.total_hours >= 32 and count >= 4 and rng.random() < 0.4 else count
    parts = [(0, split), (split, count)] if split < count else [(0, count)]
    chosen: list[int] = []
    for low, high in parts:
        wanted = _slots(plan.days[low:high], periods)
        free = [
            t
            for t in candidates
            if t not in chosen and all((t, day, period) not in busy for day, period in wanted)
        ]
        if not free:  # everyone is booked: accept a clash (the officer will see a warning)
            free = [t for t in candidates if t not in chosen] or chosen
        teacher = free[0]
        busy.update((teacher, day, period) for day, period in wanted)
        chosen.append(teacher)
        plan.session_instructors.extend([teacher] * (high - low))
    taught = list(zip(plan.hours, plan.session_instructors, strict=True))
    for teacher in dict.fromkeys(chosen):
        plan.instructors.append((teacher, sum(h for h, t in taught if t == teacher)))


def committee_meetings(ctx: Context) -> list[tuple[int, int, date]]:
    """(Jalali year, meeting number, date) of the provincial executive training committee:
    monthly, on the first Tuesday from the 10th, up to today."""
    meetings = []
    for year, month in [(ctx.year - 1, 12), *((ctx.year, m) for m in range(1, 13))]:
        day = from_jalali(year, month, 10)
        while schedule.jalali_weekday(day) != schedule.TUE:
            day += timedelta(days=1)
        if day <= ctx.today:
            meetings.append((year, month, day))
    return meetings


def approve(ctx: Context, plans: list[OfferingPlan]) -> None:
    """Executive-committee resolutions (and the national steering approval) for every offering
    that got past draft; a resolution document for each meeting that approved something."""
    rng = ctx.rng
    meetings = committee_meetings(ctx)
    items: dict[tuple[int, int, date], int] = {}
    for plan in plans:
        was_approved = plan.status in _APPROVED_STATUSES or (
            plan.status == OfferingStatus.CANCELLED
            and (plan.registration_opened or rng.random() < 0.5)
        )
        if not was_approved:
            continue
        latest = min(plan.start - timedelta(days=14), ctx.today)
        held = [m for m in meetings if m[2] <= latest] or meetings[:1]
        if not held:  # no committee has met yet for this year's plan
            if plan.status != OfferingStatus.CANCELLED:
                plan.status = OfferingStatus.DRAFT
                plan.registration_opened = False
            continue
        meeting = held[-1]
        items[meeting] = items.get(meeting, 0) + 1
        year, number, day = meeting
        plan.resolution = (f"{number}-{items[meeting]}/{year}", day)
        if plan.registration_opened or rng.random() < 0.5:
            limit = max(day, min(ctx.today, plan.start - timedelta(days=1)))
            when = min(day + timedelta(days=rng.randint(5, 20)), limit)
            plan.steering = (f"{rng.randint(1000, 9999)}/س/{year}", when)
    stamp_hour = 11
    for year, number, day in sorted(items):
        doc_id = ctx.writer.next_id(DOCUMENT)
        stamp = ctx.at(day, stamp_hour)
        ctx.writer.add(
            DOCUMENT,
            (
                doc_id, DocumentKind.RESOLUTION.value, f"{number}/{year}", day,
                vocabulary.RESOLUTION_ISSUER, vocabulary.RESOLUTION_SUBJECT.format(meeting=number),
                None, stamp, stamp, 1,
            ),
        )  # fmt: skip


def write_offerings(ctx: Context, plans: list[OfferingPlan]) -> None:
    w = ctx.writer
    rng = ctx.rng
    for plan in plans:
        course = plan.course
        meetings = len(plan.days)
        budget = plan.total_hours * _HOURLY_FEE + plan.capacity * _SEAT_COST
        budget += meetings * (_ROOM_FEE if plan.venue else _PLATFORM_FEE)
        note = None
        if plan.status == OfferingStatus.CANCELLED:
            note = rng.choice(vocabulary.CANCELLATION_NOTES)
        elif plan.status == OfferingStatus.CLOSED:
            note = "پرونده بسته شد؛ نمره‌ها و گواهی‌نامه‌ها نهایی است."
        created_on = min(plan.start - timedelta(days=60), ctx.today)
        if plan.resolution is not None:
            created_on = min(created_on, plan.resolution[1] - timedelta(days=7))
        touched = min(ctx.today, plan.cancelled_on or plan.end + timedelta(days=20))
        res_number, res_date = plan.resolution or (None, None)
        steer_ref, steer_date = plan.steering or (None, None)
        w.add(
            OFFERING,
            (
                plan.id, plan.code, course.id, ctx.year, plan.start, plan.end, plan.mode.value,
                plan.venue.id if plan.venue else None, ctx.county_ids[plan.county],
                plan.capacity, int(round(budget, -5)),
                plan.audience.value if plan.audience else None, plan.status.value,
                res_number, res_date, plan.steering is not None, steer_ref, steer_date, note,
                ctx.at(created_on), ctx.at(max(created_on, touched), 16), 1,
            ),
        )  # fmt: skip
        plan.first_session_id = w.reserve_ids(COURSE_SESSION, meetings)
        topics = course.spec.topics
        venue_id = plan.venue.id if plan.venue else None
        for index, (day, hours) in enumerate(zip(plan.days, plan.hours, strict=True)):
            w.add(
                COURSE_SESSION,
                (
                    plan.session_id(index), plan.id, index + 1, day, plan.slot.start,
                    schedule.end_time(plan.slot, hours), hours, topics[index % len(topics)],
                    plan.session_instructors[index], venue_id, 1,
                ),
            )  # fmt: skip
        for teacher, hours in plan.instructors:
            w.add(OFFERING_INSTRUCTOR, (plan.id, teacher, hours))
