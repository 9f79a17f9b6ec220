"""What the certificate tests share: a demo office, acting as a demo user, picking certificates."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import Assessment, Certificate, Enrolment, User
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import CertificateStatus
from shahrtrain_desktop.services.audit import act_as
from shahrtrain_desktop.services.auth import actor_of
from shahrtrain_desktop.services.demo import generate_demo

TODAY = date(2026, 11, 20)  # 1405/08/29
PEOPLE = 300


def demo_office(db: Database) -> None:
    generate_demo(db, PEOPLE, None, 7, today=TODAY)


def user(session: Session, username: str) -> User:
    return session.scalars(select(User).where(User.username == username)).one()


@contextmanager
def acting(db: Database, username: str) -> Iterator[Session]:
    with db.session() as session:
        act_as(session, actor_of(user(session, username)))
        yield session


def ids_with(session: Session, status: CertificateStatus, limit: int | None = None) -> list[int]:
    query = select(Certificate.id).where(Certificate.status == status).order_by(Certificate.id)
    return list(session.scalars(query.limit(limit) if limit else query))


def scored_by(session: Session, cert_id: int) -> set[int | None]:
    enrolment_id = session.scalars(
        select(Certificate.enrolment_id).where(Certificate.id == cert_id)
    ).one()
    return set(
        session.scalars(
            select(Assessment.entered_by_id).where(Assessment.enrolment_id == enrolment_id)
        )
    )


def offering_of(session: Session, cert_id: int) -> int:
    return session.scalars(
        select(Enrolment.offering_id)
        .join(Certificate, Certificate.enrolment_id == Enrolment.id)
        .where(Certificate.id == cert_id)
    ).one()
