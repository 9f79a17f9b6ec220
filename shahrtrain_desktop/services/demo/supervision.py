"""Stage 7: supervisors' visits with the weighted checklist, findings, corrective actions, and
the needs a poor visit raises for later cycles."""

from __future__ import annotations

from datetime import date, timedelta

from shahrtrain_desktop.models.enums import (
    ActionStatus,
    DeliveryMode,
    NeedSource,
    NeedStatus,
    OfferingStatus,
    PersonCategory,
    Priority,
    Role,
    VisitStatus,
)
from shahrtrain_desktop.services.demo import vocabulary
from shahrtrain_desktop.services.demo.context import Context
from shahrtrain_desktop.services.demo.plan import OfferingPlan
from shahrtrain_desktop.services.demo.tables import (
    CORRECTIVE_ACTION,
    NEED,
    SUPERVISION_VISIT,
    VISIT_CHECKLIST_SCORE,
)

CHECK_VALUES = (0, 1, 2, 3, 4)
CHECK_WEIGHTS = (2, 5, 13, 35, 45)
_DELIVERED = {OfferingStatus.RUNNING, OfferingStatus.FINISHED, OfferingStatus.CLOSED}
_AHEAD = {OfferingStatus.OPEN, OfferingStatus.APPROVED}


def write_visits(
    ctx: Context, plans: list[OfferingPlan], checklist: list[tuple[int, float]]
) -> None:
    rng = ctx.rng
    supervisor = ctx.users[Role.SUPERVISOR]
    for plan in plans:
        online = plan.mode == DeliveryMode.ONLINE
        if plan.status in _DELIVERED and rng.random() < (0.1 if online else 0.35):
            held = [day for day in plan.days if day <= ctx.today]
            day = rng.choice(held)
            if rng.random() < 0.08:
                _visit(ctx, plan, supervisor, day, None, VisitStatus.CANCELLED, checklist)
            else:
                _visit(ctx, plan, supervisor, day, day, VisitStatus.DONE, checklist)
        elif plan.status in _AHEAD and rng.random() < 0.2:
            day = rng.choice(plan.days)
            _visit(ctx, plan, supervisor, day, None, VisitStatus.PLANNED, checklist)


def _visit(
    ctx: Context,
    plan: OfferingPlan,
    supervisor: int,
    planned: date,
    visited: date | None,
    status: VisitStatus,
    checklist: list[tuple[int, float]],
) -> None:
    rng = ctx.rng
    w = ctx.writer
    visit_id = w.next_id(SUPERVISION_VISIT)
    score = findings = None
    low: list[int] = []
    if status == VisitStatus.DONE and checklist:
        values = rng.choices(CHECK_VALUES, weights=CHECK_WEIGHTS, k=len(checklist))
        weights = [item_weight for _id, item_weight in checklist]
        earned = sum(v * item_weight for v, item_weight in zip(values, weights, strict=True))
        score = round(100 * earned / (4 * sum(weights)), 1)
        first = w.reserve_ids(VISIT_CHECKLIST_SCORE, len(checklist))
        for n, ((item_id, _weight), value) in enumerate(zip(checklist, values, strict=True)):
            note = None
            if value <= 2:
                low.append(n)
                note = vocabulary.VISIT_FINDINGS[n % len(vocabulary.VISIT_FINDINGS)]
            w.add(VISIT_CHECKLIST_SCORE, (first + n, visit_id, item_id, value, note))
        findings = (
            " ".join(vocabulary.VISIT_FINDINGS[n % len(vocabulary.VISIT_FINDINGS)] for n in low)
            or "دوره مطابق برنامه و سرفصل مصوب برگزار می‌شود."
        )
    elif status == VisitStatus.CANCELLED:
        findings = "بازدید به دلیل مأموریت هم‌زمان ناظر انجام نشد."
    stamp_day = min(planned - timedelta(days=7), ctx.today)
    updated = ctx.at(visited if visited is not None else stamp_day, 17)
    w.add(
        SUPERVISION_VISIT,
        (
            visit_id, plan.id, supervisor, planned, visited, status.value, score, findings,
            ctx.at(stamp_day, 9), updated, 1,
        ),
    )  # fmt: skip
    if not low or visited is None:
        return
    for n in low:
        description, owner = vocabulary.CORRECTIVE_ACTIONS[n % len(vocabulary.CORRECTIVE_ACTIONS)]
        due = visited + timedelta(days=14)
        done = due <= ctx.today and rng.random() < 0.8
        stamp = ctx.at(visited, 18)
        w.add(
            CORRECTIVE_ACTION,
            (
                w.next_id(CORRECTIVE_ACTION), visit_id, description, owner, due,
                (ActionStatus.DONE if done else ActionStatus.OPEN).value, stamp,
                ctx.at(due, 12) if done else stamp, 1,
            ),
        )  # fmt: skip
    if score is not None and score < 60 and rng.random() < 0.5:
        audience = plan.audience or PersonCategory.STAFF
        status_ = NeedStatus.NEW if rng.random() < 0.5 else NeedStatus.ACCEPTED
        stamp = ctx.at(visited, 19)
        w.add(
            NEED,
            (
                w.next_id(NEED), ctx.year, NeedSource.SUPERVISION.value, None, visit_id,
                f"بازآموزی: {plan.course.spec.title}", plan.course.id, audience.value, None,
                None, max(5, plan.size // 2), Priority.MEDIUM.value, status_.value, None,
                stamp, stamp, 1,
            ),
        )  # fmt: skip
