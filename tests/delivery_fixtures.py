"""Shared helpers for the issue-5 tests (delivery and outcomes): demo data and acting users."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import Offering, User
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import OfferingStatus
from shahrtrain_desktop.services.audit import Actor, act_as
from shahrtrain_desktop.services.demo import generate_demo

TODAY = date(2026, 11, 25)  # 1405/09/04


def fill_demo(db: Database) -> None:
    generate_demo(db, people=300, year=1405, seed=3, today=TODAY)


@contextmanager
def acting(db: Database, username: str = "officer") -> Iterator[Session]:
    with db.session() as session:
        user = session.scalars(select(User).where(User.username == username)).one()
        act_as(session, Actor(user.id, user.username))
        yield session


def offering_in(db: Database, status: OfferingStatus) -> int:
    """The first offering in ``status`` that has sessions and approvals."""
    with db.session() as session:
        for offering in session.scalars(
            select(Offering).where(Offering.status == status).order_by(Offering.start_date)
        ):
            if offering.sessions and offering.steering_approved:
                return offering.id
    raise AssertionError(f"no {status} offering in the demo data")
