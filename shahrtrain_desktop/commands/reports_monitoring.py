"""shahrtrain report annual | person | supervision | visit — stage 7 on the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from shahrtrain_desktop.commands.base import (
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    Subparsers,
    add_db_option,
    open_db,
)
from shahrtrain_desktop.commands.report import add_report


def register(commands: Subparsers) -> None:
    annual = add_report(commands, "annual", "گزارش عملکرد سالانه (PDF یا Excel)")
    add_db_option(annual)
    annual.add_argument("--year", type=int, required=True, metavar="Y", help="سال شمسی")
    annual.add_argument("--out", type=Path, required=True, metavar="FILE.pdf|FILE.xlsx")
    annual.set_defaults(handler=run_annual)

    person = add_report(commands, "person", "سوابق آموزشی یک فرد (PDF)")
    add_db_option(person)
    person.add_argument("national_code", metavar="NATIONAL_CODE")
    person.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    person.set_defaults(handler=run_person)

    summary = add_report(commands, "supervision", "خلاصهٔ نظارت یک سال (PDF)")
    add_db_option(summary)
    summary.add_argument("--year", type=int, required=True, metavar="Y", help="سال شمسی")
    summary.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    summary.set_defaults(handler=run_supervision)

    visit = add_report(commands, "visit", "گزارش یک بازدید نظارتی (PDF)")
    add_db_option(visit)
    visit.add_argument("--visit", type=int, required=True, metavar="ID")
    visit.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    visit.set_defaults(handler=run_visit)


def _check(year: int | None, out: Path, suffixes: tuple[str, ...]) -> None:
    if year is not None and not 1300 <= year <= 1500:
        raise CommandError("سال (--year) باید سالی شمسی مانند 1405 باشد.", EXIT_USAGE)
    if out.suffix.lower() not in suffixes:
        wanted = " یا ".join(f"‎{s}‎" for s in suffixes)
        raise CommandError(f"پروندهٔ خروجی (--out) باید {wanted} باشد.", EXIT_USAGE)


def _run(args: argparse.Namespace, work) -> object:  # type: ignore[no-untyped-def]
    from shahrtrain_desktop.persian import InvalidField

    db = open_db(args)
    try:
        with db.session() as session:
            return work(session)
    except (InvalidField, OSError) as exc:
        raise CommandError(str(exc)) from exc
    finally:
        db.dispose()


def run_annual(args: argparse.Namespace) -> int:
    from shahrtrain_desktop.persian import to_persian_digits
    from shahrtrain_desktop.services.reports.annual import write_annual

    _check(args.year, args.out, (".pdf", ".xlsx"))
    d = _run(args, lambda s: write_annual(s, args.year, args.out))
    hours = to_persian_digits(d.person_hours, grouping=True, decimals=0)  # type: ignore[attr-defined]
    print(f"گزارش سال {to_persian_digits(args.year)} ({hours} نفر-ساعت) در {args.out} ساخته شد.")
    return EXIT_OK


def run_person(args: argparse.Namespace) -> int:
    from shahrtrain_desktop.services.reports.person_record import write_person_record

    _check(None, args.out, (".pdf",))
    record = _run(args, lambda s: write_person_record(s, args.national_code, args.out))
    name = record.person.full_name  # type: ignore[attr-defined]
    print(f"سوابق آموزشی {name} در {args.out} ساخته شد.")
    return EXIT_OK


def run_supervision(args: argparse.Namespace) -> int:
    from shahrtrain_desktop.services.dashboard import Period
    from shahrtrain_desktop.services.reports.supervision import write_supervision_summary

    _check(args.year, args.out, (".pdf",))
    _run(args, lambda s: write_supervision_summary(s, Period.of_year(args.year), args.out))
    print(f"خلاصهٔ نظارت در {args.out} ساخته شد.")
    return EXIT_OK


def run_visit(args: argparse.Namespace) -> int:
    from shahrtrain_desktop.services.reports.supervision import write_visit_report

    _check(None, args.out, (".pdf",))
    _run(args, lambda s: write_visit_report(s, args.visit, args.out))
    print(f"گزارش بازدید در {args.out} ساخته شد.")
    return EXIT_OK
