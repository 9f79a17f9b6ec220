"""One application-wide signal: the signed-in user's account was found disabled.

Services refuse a disabled user's next guarded action with ``AccountDisabledError`` (their
message is shown where the action was taken); the session controller listens here and asks
for a log-in again once that message has been dismissed.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, QTimer, Signal

from shahrtrain_desktop.services.permissions import AccountDisabledError


class TrustEvents(QObject):
    account_disabled = Signal(str)  # the Persian message


_events: TrustEvents | None = None


def trust_events() -> TrustEvents:
    global _events
    if _events is None:
        _events = TrustEvents()
    return _events


def notify_if_account_disabled(error: BaseException) -> None:
    """Announce a disabled account on the next turn of the event loop (after the caller's
    own message box), so a dialog shown here never interrupts the caller."""
    if isinstance(error, AccountDisabledError):
        message = str(error)
        QTimer.singleShot(0, lambda: trust_events().account_disabled.emit(message))


@contextmanager
def reporting_account_disabled() -> Iterator[None]:
    try:
        yield
    except AccountDisabledError as error:
        notify_if_account_disabled(error)
        raise
