"""shahrtrain certificates preview|print|verify"""

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

NOTHING_TO_PRINT = "گواهی‌نامهٔ تأییدشده یا صادرشده‌ای برای چاپ پیدا نشد."


def register(commands: Subparsers) -> None:
    certificates = commands.add_parser("certificates", help="گواهی‌نامه‌ها")
    actions = certificates.add_subparsers(dest="cert_command", required=True)
    preview = actions.add_parser("preview", help="پیش‌نمایش یک گواهی‌نامه از فایل JSON")
    preview.add_argument("--data", required=True, type=Path, metavar="FIELDS.json")
    preview.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    preview.set_defaults(handler=run_preview)

    printing = actions.add_parser("print", help="چاپ گروهی گواهی‌نامه‌ها در PDF")
    add_db_option(printing)
    which = printing.add_mutually_exclusive_group(required=True)
    which.add_argument("--offering", type=int, metavar="ID", help="گواهی‌نامه‌های یک دوره")
    which.add_argument("--all-approved", action="store_true", help="همهٔ تأییدشده‌ها")
    printing.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    printing.add_argument(
        "--separate", action="store_true", help="یک فایل برای هر نفر (OUT پوشه است)"
    )
    printing.set_defaults(handler=run_print)

    verify = actions.add_parser("verify", help="بررسی اصالت گواهی‌نامه از متن QR")
    add_db_option(verify)
    verify.add_argument("text", nargs="?", metavar="TEXT")
    verify.add_argument("--pdf", type=Path, metavar="FILE")
    verify.set_defaults(handler=run_verify)


def run_preview(args: argparse.Namespace) -> int:
    from shahrtrain_desktop.certificates import CertificateError, preview_from_json_file

    try:
        preview_from_json_file(args.data, args.out)
    except CertificateError as exc:
        raise CommandError(str(exc)) from exc
    print(f"پیش‌نمایش در {args.out} ساخته شد.")
    return EXIT_OK


def run_print(args: argparse.Namespace) -> int:
    from shahrtrain_desktop.certificates import CertificateError
    from shahrtrain_desktop.services import certificate_printing as printing
    from shahrtrain_desktop.services import certificate_workflow as workflow
    from shahrtrain_desktop.services.audit import SYSTEM_ACTOR
    from shahrtrain_desktop.services.keys import OfficeKeyError
    from shahrtrain_desktop.services.permissions import PermissionDenied

    db = open_db(args)

    def run(session):  # type: ignore[no-untyped-def]
        ids = printing.printable_ids(session, args.offering, args.all_approved)
        if not ids:
            raise CommandError(NOTHING_TO_PRINT)
        return printing.print_batch(session, ids, args.out, separate=args.separate)

    try:
        # The command line is the office's own trusted tool, like `demo`.
        result = workflow.in_write_transaction(db, SYSTEM_ACTOR, run)
    except (CertificateError, OfficeKeyError, PermissionDenied, workflow.WorkflowError) as exc:
        raise CommandError(str(exc)) from exc
    finally:
        db.dispose()
    print(result.summary())
    print(f"فایل: {args.out}")
    return EXIT_OK


def run_verify(args: argparse.Namespace) -> int:
    from shahrtrain_desktop.persian import to_persian_digits
    from shahrtrain_desktop.services import certificate_verification as verification

    if bool(args.text) == bool(args.pdf):
        raise CommandError("متن QR یا --pdf FILE را بدهید (فقط یکی از این دو).", 2)
    if args.pdf:
        try:
            texts = verification.qr_texts_from_pdf(args.pdf)
        except verification.QrReadError as exc:
            raise CommandError(str(exc)) from exc
    else:
        texts = [args.text]
    db = open_db(args)
    try:
        with db.session() as session:
            answers = [verification.verify_text(session, text) for text in texts]
    finally:
        db.dispose()
    for number, answer in enumerate(answers, start=1):
        if len(answers) > 1:
            print(f"— کد {to_persian_digits(number)} —")
        print(answer.report(), file=sys.stdout)
    return EXIT_OK if all(a.genuine for a in answers) else EXIT_FAILURE
