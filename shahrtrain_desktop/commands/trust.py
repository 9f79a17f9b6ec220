"""shahrtrain backup --out FILE · shahrtrain restore FILE [--yes] · shahrtrain audit verify"""

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

SQLITE_ONLY = (
    "این فرمان فقط برای پایگاه دادهٔ SQLite است؛ برای PostgreSQL از pg_dump/pg_restore استفاده کنید."
)


def register(commands: Subparsers) -> None:
    backup = commands.add_parser("backup", help="پشتیبان‌گیری از پایگاه داده")
    add_db_option(backup)
    backup.add_argument("--out", required=True, type=Path, metavar="FILE")
    backup.set_defaults(handler=run_backup)

    restore = commands.add_parser("restore", help="بازگردانی پایگاه داده از نسخهٔ پشتیبان")
    add_db_option(restore)
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.add_argument("--yes", action="store_true", help="بدون پرسش تأیید")
    restore.set_defaults(handler=run_restore)

    audit = commands.add_parser("audit", help="دفتر رویدادها")
    audit_actions = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_actions.add_parser("verify", help="بررسی زنجیرهٔ درهم‌سازی دفتر رویدادها")
    add_db_option(verify)
    verify.set_defaults(handler=run_audit_verify)


def run_backup(args: argparse.Namespace) -> int:
    from shahrtrain_desktop.services.backup import BackupError, backup_sqlite

    db = open_db(args)
    try:
        source = db.sqlite_path
        if source is None:
            raise CommandError(SQLITE_ONLY)
        try:
            backup_sqlite(source, args.out)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
    finally:
        db.dispose()
    print(f"نسخهٔ پشتیبان در {args.out} ساخته و سلامت آن بررسی شد.")
    return EXIT_OK


def _confirmed(target: Path) -> bool:
    if not sys.stdin or not sys.stdin.isatty():
        return False
    answer = input(f"پایگاه دادهٔ {target} با نسخهٔ پشتیبان جایگزین شود؟ (بله/خیر) ")
    return answer.strip().lower() in {"بله", "y", "yes"}


def run_restore(args: argparse.Namespace) -> int:
    from shahrtrain_desktop.models.db import resolve_database_url, sqlite_file_of
    from shahrtrain_desktop.paths import backups_dir, default_database_path
    from shahrtrain_desktop.services.backup import BackupError, restore_sqlite

    target = sqlite_file_of(
        resolve_database_url(getattr(args, "db", None), default_database_path())
    )
    if target is None:
        raise CommandError(SQLITE_ONLY)
    if not args.yes and not _confirmed(target):
        print("بازگردانی انجام نشد (برای تأیید بدون پرسش --yes بدهید).", file=sys.stderr)
        return EXIT_FAILURE
    try:
        report = restore_sqlite(args.file, target, backups_dir())
    except BackupError as exc:
        raise CommandError(str(exc)) from exc
    kept = f"؛ نسخهٔ قبلی در {report.safety_copy}" if report.safety_copy else ""
    print(f"پایگاه داده از {args.file} بازگردانده شد{kept}.")
    return EXIT_OK


def run_audit_verify(args: argparse.Namespace) -> int:
    from shahrtrain_desktop.persian import to_persian_digits
    from shahrtrain_desktop.services.audit import verify_chain

    db = open_db(args)
    try:
        with db.session() as session:
            check = verify_chain(session)
    finally:
        db.dispose()
    if not check.ok:
        raise CommandError(
            f"زنجیرهٔ دفتر رویدادها در ردیف {to_persian_digits(check.first_broken_id)} "
            f"شکسته است: {check.reason}"
        )
    print(f"دفتر رویدادها سالم است ({to_persian_digits(check.checked)} رویداد بررسی شد).")
    return EXIT_OK
