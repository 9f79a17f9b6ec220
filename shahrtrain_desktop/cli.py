"""The one entry point: the window by default, sub-commands for headless work (DESIGN.md)."""

from __future__ import annotations

import argparse
import importlib
import sys
import traceback
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from shahrtrain_desktop import __version__
from shahrtrain_desktop.commands.base import (
    EXIT_FAILURE,
    CommandError,
    PersianArgumentParser,
    add_db_option,
)
from shahrtrain_desktop.paths import data_dir

# Each module under commands/ registers one group of sub-commands.
COMMAND_MODULES = (
    "report",
    "demo",
    "importing",
    "certificates",
    "trust",
    "reports_plan",
    "reports_delivery",
    "reports_monitoring",
    "export",
)


def build_parser() -> argparse.ArgumentParser:
    parser = PersianArgumentParser(
        prog="shahrtrain", description="شهرآموز — سامانهٔ آموزش شهرداری‌ها و شوراها"
    )
    parser.add_argument("--version", action="version", version=f"shahrtrain {__version__}")
    add_db_option(parser, top_level=True)
    parser.set_defaults(handler=run_gui)
    commands = parser.add_subparsers(dest="command", parser_class=PersianArgumentParser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"shahrtrain_desktop.commands.{name}").register(commands)
    return parser


def run_gui(args: argparse.Namespace) -> int:
    from shahrtrain_desktop.ui.app import run_gui as start_window

    return start_window(args.db)


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
    try:
        return int(args.handler(args))
    except CommandError as exc:
        print(f"خطا: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("لغو شد.", file=sys.stderr)
        return EXIT_FAILURE
    except Exception as exc:  # the last line of defence: one line here, the rest in a log
        where = _log_crash()
        detail = f" (جزئیات در {where})" if where else ""
        print(f"خطای پیش‌بینی‌نشده: {exc}{detail}", file=sys.stderr)
        return EXIT_FAILURE


if __name__ == "__main__":
    sys.exit(main())
