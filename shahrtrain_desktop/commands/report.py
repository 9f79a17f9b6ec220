"""The ``shahrtrain report …`` group, shared by the stage modules that add reports to it.

Each stage's command module calls ``add_report(commands, name, help)`` from its ``register``;
the group is made once, whichever module comes first.
"""

from __future__ import annotations

import argparse

from shahrtrain_desktop.commands.base import PersianArgumentParser, Subparsers

_GROUPS: dict[int, Subparsers] = {}


def register(commands: Subparsers) -> None:
    """Create the ``report`` group (listed first in cli.COMMAND_MODULES)."""
    report_group(commands)


def report_group(commands: Subparsers) -> Subparsers:
    key = id(commands)
    if key not in _GROUPS:
        report = commands.add_parser("report", help="گزارش‌ها (PDF و Excel)")
        _GROUPS[key] = report.add_subparsers(
            dest="report_command", required=True, parser_class=PersianArgumentParser
        )
    return _GROUPS[key]


def add_report(commands: Subparsers, name: str, help_text: str) -> argparse.ArgumentParser:
    """A new ``report NAME`` parser; the caller adds its options and ``set_defaults(handler=)``."""
    parser: argparse.ArgumentParser = report_group(commands).add_parser(name, help=help_text)
    return parser
