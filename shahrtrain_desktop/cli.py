"""The one entry point: the window by default, sub-commands for headless work (DESIGN.md)."""

from __future__ import annotations

import argparse
import logging
import sys
import traceback
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from shahrtrain_desktop import __version__
from shahrtrain_desktop.paths import data_dir

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2

log = logging.getLogger("shahrtrain")


class CommandError(Exception):
    """A failure to report to the user as one Persian line (exit code attached)."""

    def __init__(self, message: str, exit_code: int = EXIT_FAILURE) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class PersianArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"خطا در فرمان: {message}\n")


def _add_db_option(parser: argparse.ArgumentParser, top_level: bool = False) -> None:
    # On sub-commands the default is suppressed so `shahrtrain --db X demo` keeps X.
    parser.add_argument(
        "--db",
        metavar="URL",
        default=None if top_level else argparse.SUPPRESS,
        help="نشانی پایگاه داده (پیش‌فرض: SHAHRTRAIN_DB یا فایل SQLite در پوشهٔ داده‌ها)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = PersianArgumentParser(
        prog="shahrtrain", description="شهرآموز — سامانهٔ آموزش شهرداری‌ها"
    )
    parser.add_argument("--version", action="version", version=f"shahrtrain {__version__}")
    _add_db_option(parser, top_level=True)
    commands = parser.add_subparsers(dest="command", parser_class=PersianArgumentParser)

    demo = commands.add_parser("demo", help="ساخت دادهٔ نمونه در هر هفت مرحله")
    _add_db_option(demo)
    demo.add_argument("--people", type=int, required=True, metavar="N")
    demo.add_argument("--year", type=int, metavar="Y", help="سال شمسی، مثلاً 1405")
    demo.add_argument("--seed", type=int, default=1)

    certificates = commands.add_parser("certificates", help="گواهی‌نامه‌ها")
    cert_commands = certificates.add_subparsers(dest="cert_command", required=True)
    preview = cert_commands.add_parser("preview", help="پیش‌نمایش یک گواهی‌نامه از فایل JSON")
    preview.add_argument("--data", required=True, type=Path, metavar="FIELDS.json")
    preview.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")

    backup = commands.add_parser("backup", help="پشتیبان‌گیری از پایگاه داده")
    _add_db_option(backup)
    backup.add_argument("--out", required=True, type=Path, metavar="FILE")

    audit = commands.add_parser("audit", help="دفتر رویدادها")
    audit_commands = audit.add_subparsers(dest="audit_command", required=True)
    verify = audit_commands.add_parser("verify", help="بررسی زنجیرهٔ درهم‌سازی دفتر رویدادها")
    _add_db_option(verify)
    return parser


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from shahrtrain_desktop.models.migrate import SchemaError
    from shahrtrain_desktop.services.database import open_database

    try:
        return open_database(args.db).db
    except SchemaError as exc:
        raise CommandError(str(exc)) from exc


def cmd_gui(args: argparse.Namespace) -> int:
    from shahrtrain_desktop.ui.app import run_gui

    return run_gui(args.db)


def cmd_demo(args: argparse.Namespace) -> int:
    from shahrtrain_desktop.services.demo import DemoError, generate_demo

    if args.people < 1:
        raise CommandError("تعداد افراد (--people) باید عددی مثبت باشد.", EXIT_USAGE)
    db = _open(args)
    try:
        summary = generate_demo(db, people=args.people, year=args.year, seed=args.seed)
    except DemoError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        db.dispose()
    for line in summary.lines():
        print(line)
    return EXIT_OK


def cmd_certificates(args: argparse.Namespace) -> int:
    from shahrtrain_desktop.certificates import CertificateError, preview_from_json_file

    if args.cert_command == "preview":
        try:
            preview_from_json_file(args.data, args.out)
        except CertificateError as exc:
            raise CommandError(str(exc)) from exc
        print(f"پیش‌نمایش در {args.out} ساخته شد.")
        return EXIT_OK
    raise CommandError("فرمان ناشناخته", EXIT_USAGE)


def cmd_backup(args: argparse.Namespace) -> int:
    from shahrtrain_desktop.services.backup import BackupError, backup_sqlite

    db = _open(args)
    try:
        source = db.sqlite_path
        if source is None:
            raise CommandError(
                "پشتیبان‌گیری از این فرمان فقط برای پایگاه دادهٔ SQLite است؛ "
                "برای PostgreSQL از pg_dump استفاده کنید."
            )
        try:
            backup_sqlite(source, args.out)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
    finally:
        db.dispose()
    print(f"نسخهٔ پشتیبان در {args.out} ساخته و سلامت آن بررسی شد.")
    return EXIT_OK


def cmd_audit(args: argparse.Namespace) -> int:
    from shahrtrain_desktop.persian import to_persian_digits
    from shahrtrain_desktop.services.audit import verify_chain

    db = _open(args)
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


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    None: cmd_gui,
    "demo": cmd_demo,
    "certificates": cmd_certificates,
    "backup": cmd_backup,
    "audit": cmd_audit,
}


def _use_utf8_output() -> None:
    # A Windows console may default to a code page that cannot print Persian.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")


def _log_crash() -> Path | None:
    try:
        path = data_dir() / "logs" / f"crash-{datetime.now():%Y%m%d-%H%M%S}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(traceback.format_exc(), encoding="utf-8")
        return path
    except OSError:
        return None


def main(argv: Sequence[str] | None = None) -> int:
    _use_utf8_output()
    args = build_parser().parse_args(argv)
    handler = COMMANDS[args.command]
    try:
        return handler(args)
    except CommandError as exc:
        print(f"خطا: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("لغو شد.", file=sys.stderr)
        return EXIT_FAILURE
    except Exception as exc:  # noqa: BLE001 — the last line of defence: one line, log the rest
        where = _log_crash()
        detail = f" (جزئیات در {where})" if where else ""
        print(f"خطای پیش‌بینی‌نشده: {exc}{detail}", file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
