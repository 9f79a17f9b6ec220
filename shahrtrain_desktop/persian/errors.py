"""The one error type for a user-entered value that cannot be accepted."""

from __future__ import annotations


class InvalidField(ValueError):
    """A field value was rejected.

    ``field`` is a stable English id (``"national_code"``, ``"mobile"``, ``"start_date"``) that
    the UI uses to find the widget to highlight; ``message`` is the Persian sentence shown to the
    user, and ``str(error)`` is exactly that sentence.
    """

    def __init__(self, field: str, message: str) -> None:
        # Both go into ``args`` so the error survives pickling across worker processes.
        super().__init__(field, message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return self.message
