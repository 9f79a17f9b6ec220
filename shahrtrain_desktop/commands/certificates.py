"""shahrtrain certificates preview|print|verify"""

from __future__ import annotations

import argparse
from pathlib import Path

from shahrtrain_desktop.commands.base import EXIT_OK, CommandError, Subparsers


def register(commands: Subparsers) -> None:
    certificates = commands.add_parser("certificates", help="گواهی‌نامه‌ها")
    actions = certificates.add_subparsers(dest="cert_command", required=True)
    preview = actions.add_parser("preview", help="پیش‌نمایش یک گواهی‌نامه از فایل JSON")
    preview.add_argument("--data", required=True, type=Path, metavar="FIELDS.json")
    preview.add_argument("--out", required=True, type=Path, metavar="FILE.pdf")
    preview.set_defaults(handler=run_preview)


def run_preview(args: argparse.Namespace) -> int:
    from shahrtrain_desktop.certificates import CertificateError, preview_from_json_file

    try:
        preview_from_json_file(args.data, args.out)
    except CertificateError as exc:
        raise CommandError(str(exc)) from exc
    print(f"پیش‌نمایش در {args.out} ساخته شد.")
    return EXIT_OK
