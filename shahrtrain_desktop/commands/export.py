"""shahrtrain export --year Y --out F.zip  |  shahrtrain export verify F.zip [--public-key PEM]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shahrtrain_desktop.commands.base import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    PersianArgumentParser,
    Subparsers,
    add_db_option,
    open_db,
)


def register(commands: Subparsers) -> None:
    export = commands.add_parser("export", help="برون‌بری سالانه برای سازمان (zip امضاشده)")
    add_db_option(export)
    export.add_argument("--year", type=int, metavar="Y", help="سال شمسی، مثلاً 1405")
    export.add_argument("--out", type=Path, metavar="FILE.zip")
    export.set_defaults(handler=run_export)
    actions = export.add_subparsers(dest="export_command", parser_class=PersianArgumentParser)
    verify = actions.add_parser("verify", help="بررسی درستی و امضای یک بستهٔ برون‌بری")
    verify.add_argument("file", type=Path, metavar="FILE.zip")
    verify.add_argument(
        "--public-key",
        type=Path,
        metavar="PEM",
        help="کلید عمومی دفتر (اگر نباشد، کلید درون بسته به کار می‌رود)",
    )
    verify.set_defaults(handler=run_verify)


def run_export(args: argparse.Namespace) -> int:
    from shahrtrain_desktop.persian import InvalidField, to_persian_digits
    from shahrtrain_desktop.services.audit import SYSTEM_ACTOR, act_as
    from shahrtrain_desktop.services.keys import OfficeKeyError
    from shahrtrain_desktop.services.year_export import export_year

    if args.year is None or args.out is None:
        raise CommandError("سال (--year) و پروندهٔ خروجی (--out) را بدهید.", EXIT_USAGE)
    if not 1300 <= args.year <= 1500:
        raise CommandError("سال (--year) باید سالی شمسی مانند 1405 باشد.", EXIT_USAGE)
    if args.out.suffix.lower() != ".zip":
        raise CommandError("پروندهٔ خروجی (--out) باید ‎.zip‎ باشد.", EXIT_USAGE)
    db = open_db(args)
    try:
        with db.session() as session:
            act_as(session, SYSTEM_ACTOR)
            result = export_year(session, args.year, args.out)
    except (InvalidField, OfficeKeyError, OSError) as exc:
        raise CommandError(str(exc)) from exc
    finally:
        db.dispose()
    rows = result.rows
    print(
        f"برون‌بری سال {to_persian_digits(args.year)} در {args.out} ساخته و امضا شد "
        f"({to_persian_digits(rows['people'])} فراگیر، "
        f"{to_persian_digits(rows['enrolments'])} ثبت‌نام، "
        f"{to_persian_digits(rows['certificates'])} گواهی‌نامه؛ کلید {result.key_id})."
    )
    return EXIT_OK


def run_verify(args: argparse.Namespace) -> int:
    from shahrtrain_desktop.services.year_export import verify_export

    key = None
    if args.public_key is not None:
        try:
            key = args.public_key.read_bytes()
        except OSError as exc:
            raise CommandError(f"کلید عمومی خوانده نشد: {exc}") from exc
    if not args.file.is_file():
        raise CommandError(f"پروندهٔ {args.file} پیدا نشد.")
    check = verify_export(args.file, key)
    if check.ok:
        print(check.summary())
        return EXIT_OK
    for problem in check.problems:
        print(f"- {problem}", file=sys.stderr)
    print(f"خطا: {check.summary()}", file=sys.stderr)
    return EXIT_FAILURE
