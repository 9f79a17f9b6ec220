"""Optimistic locking made readable: a stale save becomes a Persian «reload» message.

Every record users edit carries a ``version`` column (``models.base.Versioned``); SQLAlchemy
adds ``WHERE version = <the version read>`` to each UPDATE and DELETE and raises
``StaleDataError`` when another desk saved first. Nothing is overwritten; the losing desk's
transaction is rolled back by its ``db.session()`` and the user reloads.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

CONFLICT_MESSAGE = "این رکورد را کاربر دیگری تغییر داده است؛ دوباره بارگذاری کنید."


class ConcurrentEditError(Exception):
    """Another user saved this record after it was loaded here."""

    def __init__(self, message: str = CONFLICT_MESSAGE) -> None:
        super().__init__(message)


@contextmanager
def reporting_conflicts() -> Iterator[None]:
    """Wrap a whole ``with db.session()`` block: the final flush happens at its commit."""
    try:
        yield
    except StaleDataError as exc:
        raise ConcurrentEditError() from exc


def save_or_conflict(session: Session) -> None:
    """Flush now, turning a stale version into ``ConcurrentEditError`` (the session must then be
    rolled back, which leaving ``db.session()`` with the exception does)."""
    with reporting_conflicts():
        session.flush()
