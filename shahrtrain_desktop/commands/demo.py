"""shahrtrain demo --people N [--year Y] [--seed S]"""

from __future__ import annotations

import argparse

from shahrtrain_desktop.commands.base import (
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    Subparsers,
    add_db_option,
    open_db,
)


def register(commands: Subparsers) -> None:
    demo = commands.add_parser("demo", help="ساخت دادهٔ نمونه در هر هفت مرحله")
    add_db_option(demo)
    demo.add_argument("--people", type=int, required=True, metavar="N")
    demo.add_argument("--year", type=int, metavar="Y", help="سال شمسی، مثلاً 1405")
    demo.add_argument("--seed", type=int, default=1)
    demo.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from shahrtrain_desktop.services.demo import DemoError, generate_demo

    if args.people < 1:
        raise CommandError("تعداد افراد (--people) باید عددی مثبت باشد.", EXIT_USAGE)
    db = open_db(args)
    try:
        summary = generate_demo(db, people=args.people, year=args.year, seed=args.seed)
    except DemoError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        db.dispose()
    for line in summary.lines():
        print(line)
    return EXIT_OK
