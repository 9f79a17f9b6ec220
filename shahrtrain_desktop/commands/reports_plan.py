"""shahrtrain report plan --year Y --out plan.pdf|plan.xlsx"""

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
    plan = add_report(commands, "plan", "برنامهٔ سالانهٔ آموزش (PDF افقی یا Excel)")
    add_db_option(plan)
    plan.add_argument("--year", type=int, required=True, metavar="Y", help="سال شمسی، مثلاً 1405")
    plan.add_argument("--out", type=Path, required=True, metavar="FILE.pdf|FILE.xlsx")
    plan.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from shahrtrain_desktop.persian import InvalidField, to_persian_digits
    from shahrtrain_desktop.services.reports.plan import write_plan

    if args.out.suffix.lower() not in (".pdf", ".xlsx"):
        raise CommandError("پروندهٔ خروجی (--out) باید ‎.pdf‎ یا ‎.xlsx‎ باشد.", EXIT_USAGE)
    if not 1300 <= args.year <= 1500:
        raise CommandError("سال (--year) باید سالی شمسی مانند 1405 باشد.", EXIT_USAGE)
    db = open_db(args)
    try:
        with db.session() as session:
            plan = write_plan(session, args.year, args.out)
    except (InvalidField, OSError) as exc:
        raise CommandError(str(exc)) from exc
    finally:
        db.dispose()
    print(
        f"برنامهٔ سال {to_persian_digits(args.year)} با "
        f"{to_persian_digits(plan.planned)} دوره در {args.out} ساخته شد."
    )
    return EXIT_OK
