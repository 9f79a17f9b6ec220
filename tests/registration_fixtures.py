"""Shared helpers of the registration tests (issue #3): a demo province and acting users."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import Course, CourseCategory, Offering, OrgUnit, User
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import (
    DeliveryMode,
    OfferingStatus,
    OrgUnitKind,
    PersonCategory,
)
from shahrtrain_desktop.persian import complete_national_code
from shahrtrain_desktop.services.audit import act_as
from shahrtrain_desktop.services.auth import actor_of
from shahrtrain_desktop.services.demo import generate_demo

DEMO_TODAY = date(2026, 11, 25)


def fill_demo(db: Database, people: int = 300) -> None:
    generate_demo(db, people=people, year=1405, seed=3, today=DEMO_TODAY)


@contextmanager
def acting(db: Database, username: str = "officer") -> Iterator[Session]:
    with db.session() as session:
        user = session.scalars(select(User).where(User.username == username)).one()
        act_as(session, actor_of(user))
        yield session


def code(n: int) -> str:
    """A valid national code made from a number."""
    return complete_national_code(f"99{n:07d}")


def municipality(session: Session) -> OrgUnit:
    return session.scalars(
        select(OrgUnit).where(OrgUnit.kind == OrgUnitKind.MUNICIPALITY).order_by(OrgUnit.id)
    ).first()  # type: ignore[return-value]


def new_offering(
    session: Session,
    capacity: int = 2,
    target: PersonCategory | None = None,
    start: date = date(2027, 1, 10),
    days: int = 3,
    status: OfferingStatus = OfferingStatus.OPEN,
    course: Course | None = None,
) -> Offering:
    if course is None:
        category = session.scalars(select(CourseCategory)).first()
        assert category is not None
        course = Course(
            code=f"T{start:%m%d}{capacity}",
            title="دورهٔ آزمایشی ثبت‌نام",
            category_id=category.id,
            theory_hours=8,
        )
        session.add(course)
        session.flush()
    offering = Offering(
        code=f"1405-T-{start:%m%d}-{capacity}{days}",
        course_id=course.id,
        year=1405,
        start_date=start,
        end_date=start + timedelta(days=days),
        mode=DeliveryMode.IN_PERSON,
        capacity=capacity,
        target_group=target,
        status=status,
    )
    session.add(offering)
    session.flush()
    return offering
