"""How the stage 4/5 panels act: one transaction per edit on behalf of the signed-in user,
refusals turned into the Persian sentence they carry instead of an exception."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from PySide6.QtWidgets import QMessageBox, QWidget
from sqlalchemy.orm import Session

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.persian import InvalidField
from shahrtrain_desktop.services.audit import Actor, act_as
from shahrtrain_desktop.services.auth import SignedIn
from shahrtrain_desktop.services.db_errors import (
    DatabaseUnavailableError,
    translating_database_errors,
)
from shahrtrain_desktop.services.locking import ConcurrentEditError, reporting_conflicts
from shahrtrain_desktop.services.offering_status import TransitionRefused
from shahrtrain_desktop.services.permissions import PermissionDenied
from shahrtrain_desktop.ui import strings
from shahrtrain_desktop.ui.trust.events import reporting_account_disabled

T = TypeVar("T")
NO_ACTOR = Actor(None, "")
# What a refused edit may raise: each carries a Persian sentence for the user.
REFUSALS = (
    InvalidField,
    PermissionDenied,
    TransitionRefused,
    ConcurrentEditError,
    DatabaseUnavailableError,
)


@contextmanager
def session_for(db: Database, user: SignedIn | None) -> Iterator[Session]:
    with translating_database_errors(), reporting_account_disabled(), reporting_conflicts():
        with db.session() as session:
            act_as(session, user.actor if user else NO_ACTOR)
            yield session


def refusal_text(error: BaseException) -> str:
    return error.message if isinstance(error, InvalidField) else str(error)


def try_act(
    db: Database, user: SignedIn | None, fn: Callable[[Session], T]
) -> tuple[T | None, str | None]:
    """``(result, None)`` on success; ``(None, message)`` when refused (nothing was saved)."""
    try:
        with session_for(db, user) as session:
            return fn(session), None
    except REFUSALS as error:
        return None, refusal_text(error)


def act(
    parent: QWidget, db: Database, user: SignedIn | None, fn: Callable[[Session], T]
) -> tuple[bool, T | None]:
    """Like ``try_act`` but a refusal is shown in a message box; returns ``(ok, result)``."""
    result, message = try_act(db, user, fn)
    if message is not None:
        QMessageBox.warning(parent, strings.ERROR_TITLE, message)
        return False, None
    return True, result
