"""Helpers of the trust UI tests: users with known passwords, and answering modal dialogs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.models.enums import Role
from shahrtrain_desktop.services.auth import (
    SignedIn,
    actor_of,
    create_first_admin,
    create_user,
)

ADMIN_PASSWORD = "admin-pass-1405"
OFFICER_PASSWORD = "officer-pass-1405"
APPROVER_PASSWORD = "approver-pass-1405"


@dataclass(frozen=True)
class Desk:
    admin: SignedIn
    officer: SignedIn
    approver: SignedIn


def make_users(db: Database) -> Desk:
    with db.session() as s:
        admin = create_first_admin(s, "admin", "مریم احمدی", ADMIN_PASSWORD)
        officer = create_user(
            s, actor_of(admin), "officer", "زهرا کریمی", Role.OFFICER, OFFICER_PASSWORD
        )
        approver = create_user(
            s, actor_of(admin), "approver", "علی رضایی", Role.APPROVER, APPROVER_PASSWORD
        )
        return Desk(SignedIn.of(admin), SignedIn.of(officer), SignedIn.of(approver))


def when_modal(answer: Callable[[QWidget], None], kind: type | None = None) -> None:
    """Call ``answer`` with the next modal dialog (of ``kind``) once it is shown.

    For code that calls ``exec()``: the test's own code cannot run while the nested event loop
    does, so a timer polls for the dialog.
    """
    timer = QTimer()
    timer.setInterval(20)

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if widget is not None and widget.isVisible() and (kind is None or isinstance(widget, kind)):
            timer.stop()
            answer(widget)

    timer.timeout.connect(poll)
    timer.start()
    # Kept alive by the application until it fires its last time.
    timer.setParent(QApplication.instance())
