"""Shared set-up for the issue #4 tests: demo data and an officer's session."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import User
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.services.audit import act_as
from shahrtrain_desktop.services.auth import actor_of
from shahrtrain_desktop.services.demo import generate_demo

TODAY = date(2026, 11, 25)  # 4 Azar 1405
YEAR = 1405


def fill(db: Database, people: int = 300) -> None:
    generate_demo(db, people=people, year=YEAR, seed=4, today=TODAY)


@contextmanager
def acting(db: Database, username: str = "officer") -> Iterator[Session]:
    with db.session() as session:
        user = session.scalars(select(User).where(User.username == username)).one()
        act_as(session, actor_of(user))
        yield session
