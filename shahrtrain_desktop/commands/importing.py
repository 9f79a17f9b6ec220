"""shahrtrain import people FILE.xlsx [--dry-run] [--skip-invalid] [--update-existing]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from shahrtrain_desktop.commands.base import (
    EXIT_FAILURE,
    EXIT_OK,
    CommandError,
    Subparsers,
    add_db_option,
    open_db,
)

MSG_DRY_RUN = "آزمایشی: چیزی ذخیره نشد."
MSG_INVALID = (
    "{count} ردیف نامعتبر است و چیزی ذخیره نشد (برای واردکردن ردیف‌های درست: --skip-invalid)."
)


def register(commands: Subparsers) -> None:
    group = commands.add_parser("import", help="واردکردن اطلاعات از فایل Excel")
    kinds = group.add_subparsers(dest="kind", required=True)
    people = kinds.add_parser("people", help="واردکردن فهرست افراد از xlsx، xls یا ods")
    add_db_option(people)
    people.add_argument("file", type=Path, metavar="FILE.xlsx")
    people.add_argument("--dry-run", action="store_true", help="فقط بررسی؛ چیزی ذخیره نمی‌شود")
    people.add_argument(
        "--skip-invalid", action="store_true", help="ردیف‌های درست وارد و بقیه گزارش شوند"
    )
    people.add_argument(
        "--update-existing",
        action="store_true",
        help="اطلاعات افرادی که کد ملی‌شان ثبت شده است به‌روز شود",
    )
    people.set_defaults(handler=run_people)


def run_people(args: argparse.Namespace) -> int:
    from shahrtrain_desktop.persian import to_persian_digits
    from shahrtrain_desktop.services.audit import SYSTEM_ACTOR, act_as
    from shahrtrain_desktop.services.importing import (
        ImportFileError,
        ImportRefused,
        build_preview,
        commit_import,
    )

    db = open_db(args)
    try:
        with db.session() as session:
            act_as(session, SYSTEM_ACTOR)
            try:
                preview = build_preview(session, args.file)
            except ImportFileError as exc:
                raise CommandError(str(exc)) from exc
            print(preview.summary(args.update_existing))
            for note in preview.file_notes():
                print(note)
            for line in preview.problem_lines():
                print(line, file=sys.stderr)
            invalid = len(preview.invalid_rows)
            if args.dry_run:
                print(MSG_DRY_RUN)
                return EXIT_FAILURE if invalid and not args.skip_invalid else EXIT_OK
            try:
                report = commit_import(session, preview, args.skip_invalid, args.update_existing)
            except ImportRefused as exc:
                count = to_persian_digits(invalid, grouping=True)
                raise CommandError(MSG_INVALID.format(count=count)) from exc
            for line in report.lines():
                print(line)
            return EXIT_OK
    finally:
        db.dispose()
