"""What every command shares: the one-line error, the ``--db`` option, opening the database."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from shahrtrain_desktop.models.db import Database

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2

Handler = Callable[[argparse.Namespace], int]
Subparsers = Any  # argparse's private _SubParsersAction


class CommandError(Exception):
    """A failure to report to the user as one Persian line (exit code attached)."""

    def __init__(self, message: str, exit_code: int = EXIT_FAILURE) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class PersianArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage()
        self.exit(EXIT_USAGE, f"خطا در فرمان: {message}\n")


def add_db_option(parser: argparse.ArgumentParser, top_level: bool = False) -> None:
    # On sub-commands the default is suppressed so `shahrtrain --db X demo` keeps X.
    parser.add_argument(
        "--db",
        metavar="URL",
        default=None if top_level else argparse.SUPPRESS,
        help="نشانی پایگاه داده (پیش‌فرض: SHAHRTRAIN_DB یا فایل SQLite در پوشهٔ داده‌ها)",
    )


def open_db(args: argparse.Namespace) -> Database:
    """Open (and migrate) the database the command names; schema problems become one line."""
    from shahrtrain_desktop.models.migrate import SchemaError
    from shahrtrain_desktop.services.database import open_database

    try:
        return open_database(getattr(args, "db", None)).db
    except SchemaError as exc:
        raise CommandError(str(exc)) from exc
