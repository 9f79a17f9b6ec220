"""Database failures a user can do nothing about in the program, said in Persian.

The PostgreSQL server gone mid-save, the network cable pulled, a full disk or a database file
locked by another program reach the UI as SQLAlchemy ``OperationalError``/``InterfaceError``
(or a DBAPI error flagged as a disconnect). ``translating_database_errors`` turns them into one
``DatabaseUnavailableError`` whose message the UI shows instead of a traceback; the transaction
has already been rolled back, so nothing was half-saved.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

SERVER_GONE = (
    "ارتباط با پایگاه داده برقرار نیست (سرور در دسترس نیست یا شبکه قطع شده است)؛ "
    "آنچه در حال ذخیره بود ذخیره نشد. اتصال شبکه را بررسی و دوباره تلاش کنید."
)
DISK_FULL = (
    "فضای دیسک پر است و پایگاه داده نتوانست بنویسد؛ آنچه در حال ذخیره بود ذخیره نشد. "
    "فضای دیسک را آزاد کنید و دوباره تلاش کنید."
)
BUSY = (
    "پایگاه داده در دست برنامهٔ دیگری است و اکنون نمی‌توان در آن نوشت؛ "
    "چند لحظهٔ دیگر دوباره تلاش کنید."
)
READ_ONLY = "پایگاه داده فقط‌خواندنی است و نمی‌توان در آن نوشت؛ دسترسی پوشهٔ داده‌ها را بررسی کنید."
GENERIC = "پایگاه داده در دسترس نیست؛ آنچه در حال ذخیره بود ذخیره نشد. دوباره تلاش کنید."

# Fragments of driver messages (SQLite, psycopg) and the sentence each one deserves.
_KNOWN_CAUSES = (
    (("disk is full", "no space left", "could not extend file"), DISK_FULL),
    (("database is locked", "database is busy"), BUSY),
    (("readonly database", "read-only"), READ_ONLY),
    (
        (
            "server closed the connection",
            "connection refused",
            "could not connect",
            "connection timed out",
            "terminating connection",
            "connection is closed",
            "connection already closed",
            "the connection is lost",
            "consuming input failed",
            "network is unreachable",
            "no route to host",
        ),
        SERVER_GONE,
    ),
)


class DatabaseUnavailableError(RuntimeError):
    """The database could not be reached or written; ``str()`` is a Persian sentence."""


def message_for(error: BaseException) -> str | None:
    """The Persian sentence for a database-unavailable error, or None for any other error."""
    if isinstance(error, DatabaseUnavailableError):
        return str(error)
    if not isinstance(error, DBAPIError):
        return None
    text = str(error.orig if error.orig is not None else error).lower()
    for fragments, sentence in _KNOWN_CAUSES:
        if any(fragment in text for fragment in fragments):
            return sentence
    if error.connection_invalidated:
        return SERVER_GONE
    if isinstance(error, OperationalError | InterfaceError):
        return GENERIC
    return None  # integrity and programming errors are bugs or rules, not an absent database


def as_user_error(error: BaseException) -> BaseException:
    """``error`` itself, or a ``DatabaseUnavailableError`` chained to it."""
    sentence = message_for(error)
    if sentence is None or isinstance(error, DatabaseUnavailableError):
        return error
    translated = DatabaseUnavailableError(sentence)
    translated.__cause__ = error
    return translated


@contextmanager
def translating_database_errors() -> Iterator[None]:
    """Re-raise database-unavailable failures inside the block as ``DatabaseUnavailableError``."""
    try:
        yield
    except DBAPIError as error:
        translated = as_user_error(error)
        if translated is error:
            raise
        raise translated from error
