"""Orchestration of the demo: every stage in one transaction, progress, cancellation."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import ChecklistItem, EvaluationItem, Offering, Person, User
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import AuditAction, EvaluationTarget, Role
from shahrtrain_desktop.persian import jalali_year_range, to_jalali, to_persian_digits
from shahrtrain_desktop.services import audit, settings
from shahrtrain_desktop.services.demo import delivery, issuing, needs, plan, resources
from shahrtrain_desktop.services.demo.catalogue import build_catalogue
from shahrtrain_desktop.services.demo.context import Cancelled, Context, DemoError
from shahrtrain_desktop.services.demo.registry import MIN_PEOPLE, build_org, build_people
from shahrtrain_desktop.services.demo.summary import DEMO_PASSWORD, DemoSummary
from shahrtrain_desktop.services.demo.supervision import write_visits
from shahrtrain_desktop.services.demo.tables import APP_USER, register_all
from shahrtrain_desktop.services.demo.writer import BulkWriter
from shahrtrain_desktop.services.keys import active_key, ensure_office_key
from shahrtrain_desktop.services.passwords import hash_password

Progress = Callable[[str, int, int], bool]

MAX_PEOPLE = 2_000_000
DELIVERY_TICKS = 8
DEMO_USERS: tuple[tuple[str, str, Role], ...] = (
    ("admin", "سعید رحیمی", Role.ADMIN),
    ("officer", "مریم حسین\u200cزاده", Role.OFFICER),
    ("approver", "محمود شریفی", Role.APPROVER),
    ("supervisor", "علی اکبری", Role.SUPERVISOR),
)
DEMO_SIGNATORIES = ("علیرضا شاه\u200cمحمدی", "محمدحسین کاظمی")
STAGES = (
    "شهرستان‌ها، شهرداری‌ها و شوراها",
    "کاربران نمایشی",
    "ثبت افراد",
    "دوره‌ها، مدرسان و مکان‌های آموزشی",
    "برنامهٔ سالانه، جلسه‌ها و مصوبه‌های کمیته",
    "نامه‌ها و نیازهای آموزشی",
    "ثبت‌نام، حضور و غیاب و نمره‌ها",
    "گواهی‌نامه‌ها",
    "بازدیدهای نظارتی",
    "کلید امضای دفتر و ثبت نهایی",
)
_DELIVERY_STAGE = 6


class _Progress:
    """Steps: one per stage, and DELIVERY_TICKS for the long delivery stage."""

    def __init__(self, callback: Progress | None) -> None:
        self.callback = callback
        self.total = len(STAGES) + DELIVERY_TICKS - 1

    def stage(self, index: int, sub: int = 0) -> None:
        """Report the stage about to run; a False answer cancels everything."""
        done = index + sub if index <= _DELIVERY_STAGE else index + DELIVERY_TICKS - 1
        if self.callback is not None and self.callback(STAGES[index], done, self.total) is False:
            raise Cancelled("ساخت داده‌های نمایشی لغو شد؛ چیزی در پایگاه داده ثبت نشد.")


def generate_demo(
    db: Database,
    people: int,
    year: int | None = None,
    seed: int = 0,
    progress: Progress | None = None,
    *,
    today: date | None = None,
    fast: bool | None = None,
) -> DemoSummary:
    """Fill an empty database with a realistic province-year across all seven stages.

    ``year`` is Jalali (default: the year of ``today``); ``today`` (default: the real date)
    decides which offerings are over, running or ahead. Same seed and today, same data.
    Everything happens in one transaction: an error or a cancelled progress (the callback
    returned False, :class:`Cancelled` is raised) leaves the database as it was.
    ``fast`` (default: where there is one) uses the dialect's bulk path — tuples on SQLite,
    COPY on PostgreSQL — instead of portable Core inserts; the rows are the same.
    Raises :class:`DemoError` (Persian message) if the database already holds people.
    """
    started = time.perf_counter()
    today = today or date.today()
    year = year or to_jalali(today)[0]
    if not 1300 <= year <= 1499:
        raise DemoError(f"سال {to_persian_digits(year)} معتبر نیست؛ سال شمسی مانند ۱۴۰۵ بدهید.")
    if not MIN_PEOPLE <= people <= MAX_PEOPLE:
        low, high = to_persian_digits(MIN_PEOPLE), to_persian_digits(MAX_PEOPLE, grouping=True)
        raise DemoError(f"تعداد افراد داده‌های نمایشی باید بین {low} و {high} نفر باشد.")
    steps = _Progress(progress)
    sqlite_fast = fast is not False and db.engine.dialect.name == "sqlite"
    with _transaction(db, sqlite_fast) as session:
        _refuse_if_not_empty(session)
        writer = BulkWriter(session.connection(), fast)
        register_all(writer)
        year_start, year_end = jalali_year_range(year)
        ctx = Context(
            rng=random.Random(seed),
            writer=writer,
            today=today,
            year=year,
            year_start=year_start,
            year_end=year_end,
            office_code=str(settings.get_setting(session, settings.OFFICE_CODE)),
            number_format=str(settings.get_setting(session, settings.CERTIFICATE_NUMBER_FORMAT)),
            follow_up_months=int(settings.get_setting(session, settings.FOLLOW_UP_MONTHS)),
        )
        steps.stage(0)
        org = build_org(ctx)
        ctx.county_ids = org.county_ids
        steps.stage(1)
        created, existing = _users(session, ctx)
        steps.stage(2)
        pop = build_people(ctx, people, org)
        steps.stage(3)
        count = plan.offering_count(people)
        catalogue = build_catalogue(ctx, count, pop.used_codes)
        steps.stage(4)
        plans = plan.plan_offerings(ctx, pop, catalogue, count)
        resources.allocate(ctx, plans, catalogue)
        resources.approve(ctx, plans)
        resources.write_offerings(ctx, plans)
        steps.stage(5)
        letters = needs.write_letters(ctx, org, count)
        needs.write_needs(ctx, plans, letters, org, catalogue)
        steps.stage(6)
        items = _evaluation_items(session)
        passed = delivery.deliver(
            ctx, plans, pop, letters, items, lambda sub: steps.stage(_DELIVERY_STAGE, sub)
        )
        steps.stage(7)
        issuing.CertificateWriter(ctx, plans, pop, org).write(passed)
        steps.stage(8)
        write_visits(ctx, plans, _checklist(session))
        steps.stage(9)
        writer.finish()
        # Fresh statistics after a bulk load, so the planner picks the listing indexes.
        session.execute(text("ANALYZE"))
        had_key = active_key(session)
        key = ensure_office_key(session)
        _fill_signatories(session)
        audit.record(
            session, AuditAction.EVENT, "demo", None, year=year, seed=seed, people=people,
            rows=dict(writer.counts),
        )  # fmt: skip
        counts = dict(writer.counts)
    return DemoSummary(
        year=year,
        seed=seed,
        people=people,
        counts=counts,
        users=created,
        existing_users=existing,
        key_id=key.key_id,
        key_created=had_key is None,
        seconds=time.perf_counter() - started,
    )


@contextmanager
def _transaction(db: Database, sqlite_fast: bool) -> Iterator[Session]:
    """One transaction for the whole demo. On the SQLite fast path, foreign keys are not
    checked row by row (that is a third of the insert time): the generator makes ids itself
    and the tests run ``PRAGMA foreign_key_check`` on what it writes."""
    if not sqlite_fast:
        with db.session() as session:
            yield session
        return
    with db.engine.connect() as conn:
        driver = conn.connection.driver_connection
        assert driver is not None
        # Outside any transaction, or SQLite ignores it.
        driver.execute("PRAGMA foreign_keys=OFF")
        try:
            with Session(bind=conn, expire_on_commit=False) as session, session.begin():
                yield session
        finally:
            driver.execute("PRAGMA foreign_keys=ON")


def _refuse_if_not_empty(session: Session) -> None:
    for model in (Person, Offering):
        if session.scalar(select(func.count()).select_from(model)):
            raise DemoError(
                "این پایگاه داده از پیش اطلاعات افراد یا دوره‌ها را دارد؛ داده‌های نمایشی فقط "
                "در پایگاه دادهٔ خالی ساخته می‌شود. پایگاه دادهٔ تازه‌ای بدهید (--db) و دوباره "
                "اجرا کنید."
            )


def _users(session: Session, ctx: Context) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The four demo users (password ``demo``, hashed once); existing usernames are reused
    as they are, never given a known password."""
    taken = dict(session.execute(select(User.username, User.id)).all())
    created: list[str] = []
    existing: list[str] = []
    password_hash: str | None = None
    stamp = ctx.at(ctx.year_start)
    for username, full_name, role in DEMO_USERS:
        if username in taken:
            ctx.users[role] = taken[username]
            existing.append(username)
            continue
        password_hash = password_hash or hash_password(DEMO_PASSWORD)
        user_id = ctx.writer.next_id(APP_USER)
        ctx.writer.add(
            APP_USER,
            (user_id, username, full_name, role.value, password_hash, True, 0, stamp, stamp, 1),
        )
        ctx.users[role] = user_id
        created.append(username)
    ctx.writer.flush()
    return tuple(created), tuple(existing)


def _evaluation_items(session: Session) -> list[tuple[int, EvaluationTarget]]:
    rows = session.execute(
        select(EvaluationItem.id, EvaluationItem.target)
        .where(EvaluationItem.active.is_(True))
        .order_by(EvaluationItem.sort_order, EvaluationItem.id)
    ).all()
    return [(item_id, EvaluationTarget(target)) for item_id, target in rows]


def _checklist(session: Session) -> list[tuple[int, float]]:
    rows = session.execute(
        select(ChecklistItem.id, ChecklistItem.weight)
        .where(ChecklistItem.active.is_(True))
        .order_by(ChecklistItem.sort_order, ChecklistItem.id)
    ).all()
    return [(item_id, float(weight)) for item_id, weight in rows]


def _fill_signatories(session: Session) -> None:
    """Give the default signatories demo names so certificates print complete."""
    signatories = settings.get_setting(session, settings.SIGNATORIES)
    if not isinstance(signatories, list) or any(s.get("name") for s in signatories):
        return
    named = [
        {**signatory, "name": name}
        for signatory, name in zip(signatories, DEMO_SIGNATORIES, strict=False)
    ]
    settings.set_setting(session, settings.SIGNATORIES, named)
