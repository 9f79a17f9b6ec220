"""shahrtrain report offerings | attendance | offering — stages 4 and 5 on the command line."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from shahrtrain_desktop.commands.base import (
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    Subparsers,
    add_db_option,
    open_db,
)
from shahrtrain_desktop.commands.report import add_report

STATUSES = ("draft", "approved", "open", "running", "finished", "closed", "cancelled")


def register(commands: Subparsers) -> None:
    offerings = add_report(commands, "offerings", "فهرست دوره‌های یک سال (جدول یا شناسه‌ها)")
    add_db_option(offerings)
    offerings.add_argument("--year", type=int, required=True, metavar="Y", help="سال شمسی")
    offerings.add_argument("--status", choices=STATUSES, metavar="S", help=" ".join(STATUSES))
    offerings.add_argument("--format", choices=("table", "ids"), default="table")
    offerings.set_defaults(handler=run_offerings)

    for name, help_text, handler in (
        ("attendance", "فهرست حضور و غیاب یک دوره برای امضا (PDF)", run_attendance),
        ("offering", "گزارش بروندادهای یک دوره (PDF)", run_offering),
    ):
        parser = add_report(commands, name, help_text)
        add_db_option(parser)
        parser.add_argument("--offering", type=int, required=True, metavar="ID")
        parser.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
        parser.set_defaults(handler=handler)


def _check_year(year: int) -> None:
    if not 1300 <= year <= 1500:
        raise CommandError("سال (--year) باید سالی شمسی مانند 1405 باشد.", EXIT_USAGE)


def run_offerings(args: argparse.Namespace) -> int:
    from shahrtrain_desktop.models.enums import OfferingStatus
    from shahrtrain_desktop.services.offerings_report import (
        format_ids,
        format_table,
        list_offerings,
    )

    _check_year(args.year)
    status = OfferingStatus(args.status) if args.status else None
    db = open_db(args)
    try:
        with db.session() as session:
            lines = list_offerings(session, args.year, status)
    finally:
        db.dispose()
    print(format_ids(lines) if args.format == "ids" else format_table(lines), end="")
    return EXIT_OK


def _write_pdf(args: argparse.Namespace, write: Callable[[Session, int, Path], Path]) -> Path:
    from shahrtrain_desktop.models import Offering
    from shahrtrain_desktop.persian import InvalidField

    if args.out.suffix.lower() != ".pdf":
        raise CommandError("پروندهٔ خروجی (--out) باید ‎.pdf‎ باشد.", EXIT_USAGE)
    db = open_db(args)
    try:
        with db.session() as session:
            if session.get(Offering, args.offering) is None:
                raise CommandError(f"دوره‌ای با شناسهٔ {args.offering} پیدا نشد.")
            return write(session, args.offering, args.out)
    except (InvalidField, OSError) as exc:
        raise CommandError(str(exc)) from exc
    finally:
        db.dispose()


def run_attendance(args: argparse.Namespace) -> int:
    from shahrtrain_desktop.services.reports.attendance_sheet import write_attendance_sheet

    path = _write_pdf(args, write_attendance_sheet)
    print(f"فهرست حضور و غیاب در {path} ساخته شد.")
    return EXIT_OK


def run_offering(args: argparse.Namespace) -> int:
    from shahrtrain_desktop.services.reports.offering_outcome import write_outcome_report

    path = _write_pdf(args, write_outcome_report)
    print(f"گزارش بروندادهای دوره در {path} ساخته شد.")
    return EXIT_OK
