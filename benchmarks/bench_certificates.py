"""Certificate print runs: time against a reportlab text-only floor, and memory at scale.

    python -m benchmarks.bench_certificates [--pages 750] [--large 5000] [--repeat 3]

floor — reportlab drawing only the text of N one-page certificates (the same strings, fonts
        and sizes, already prepared, no shaping, no frame, no QR) into one file, written with
        the same stream settings as ours (Flate, no ASCII85);
ours  — N full certificates: Persian shaping and layout, frame and header, a signed QR code
        (Ed25519 signing included), streamed to a temporary file and renamed.
Reading the rows from the database is measured by ``benchmarks.bench_certificate_batch``.
Memory is measured in a fresh process per size: its peak RSS, and the peak of the Python heap
during the run itself (tracemalloc); a flat curve means the run streams instead of holding
pages.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import tracemalloc
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from benchmarks.common import Row, child_memory, format_table, median_seconds, peak_rss_mb
from shahrtrain_desktop.certificates.fields import CertificateFields
from shahrtrain_desktop.certificates.page import PAGE_HEIGHT, PAGE_WIDTH, certificate_text
from shahrtrain_desktop.certificates.render import binary_streams, render_certificates
from shahrtrain_desktop.certificates.signing import generate_private_key, sign_payload
from shahrtrain_desktop.certificates.template import OfficeTemplate, Signatory
from shahrtrain_desktop.pdf.fonts import BOLD, MEDIUM, REGULAR, register_fonts
from shahrtrain_desktop.persian.national_code import complete_national_code

FIRST = ["محمدحسین", "زهرا", "علی", "فاطمه", "سیدمهدی", "مریم", "رضا", "معصومه", "امیرحسین"]
LAST = ["اسماعیلی‌پور", "رضایی", "کریمی", "محمدی‌نژاد", "حسینی", "احمدی", "قاسمی", "نوری"]
UNITS = ["شهرداری بوئین‌زهرا", "شهرداری تاکستان", "شورای اسلامی شهر آبیک", "شهرداری الوند"]
CATEGORIES = ["شهردار", "عضو شورای اسلامی شهر", "کارمند شهرداری"]
TITLES = [
    "دورهٔ مدیریت بحران شهری",
    "آشنایی با قانون «شهرداری‌ها» (اصلاحیه ۱۴۰۲)",
    "مهارت‌های ICDL سطح ۲",
    "سلامت، ایمنی و ملاحظات اعلام حریق",
    "آشنایی با آیین‌نامهٔ مالی شهرداری‌ها و دستورالعمل‌های اجرایی مربوط به تنظیم و تصویب "
    "بودجه، تفریغ بودجه و گزارش‌های عملکرد مالی سالانه برای اعضای شوراهای اسلامی شهر",
    "آموزش GIS و AutoCAD",
]
TEMPLATE = OfficeTemplate(
    province="قزوین",
    signatories=(
        Signatory("علیرضا محمدی", "مدیرکل دفتر امور شهری و شوراها"),
        Signatory("حسن کاظمی", "معاون هماهنگی امور عمرانی"),
    ),
)


def sample_fields(count: int, seed: int = 1405) -> Iterator[CertificateFields]:
    """A year's certificates: about twelve offerings, each with its own course and dates."""
    rng = random.Random(seed)
    for i in range(count):
        offering = i * 12 // max(count, 1)
        start = date(2026, 3, 21) + timedelta(days=30 * offering)
        yield CertificateFields(
            holder_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            father_name=rng.choice(FIRST + [""]),
            national_code=complete_national_code(f"{rng.randrange(1, 10**9):09d}"),
            category=rng.choice(CATEGORIES),
            org_unit=rng.choice(UNITS),
            course_title=TITLES[offering % len(TITLES)],
            course_code=f"QZ-C{offering + 1:02d}",
            hours=rng.choice([16, 24, 32]),
            start_date=start,
            end_date=start + timedelta(days=25),
            score=rng.randrange(120, 201) / 10,
            number=f"1405-QZ-{i + 1:06d}",
            issue_date=start + timedelta(days=28),
        )


def _floor_lines(fields: CertificateFields) -> list[tuple[str, float, str]]:
    text = certificate_text(fields, TEMPLATE)
    lines = [
        (REGULAR, 15, TEMPLATE.wording.intro),
        (BOLD, 25, text.name),
        (REGULAR, 15, text.identity),
        (BOLD, 18, text.course_title),
        (REGULAR, 15, text.completion),
        (MEDIUM, 11, "شماره:"),
        (REGULAR, 11.5, text.number),
        (MEDIUM, 11, "تاریخ صدور:"),
        (REGULAR, 11.5, text.issue_date),
        (MEDIUM, 12, TEMPLATE.heading),
        (BOLD, 31, TEMPLATE.title),
        (REGULAR, 7.5, TEMPLATE.qr_caption),
    ]
    lines += [(MEDIUM, 10.5, line) for line in TEMPLATE.header_lines]
    for signatory in TEMPLATE.signatories:
        lines += [(MEDIUM, 12, signatory.title), (BOLD, 12.5, signatory.name)]
    return lines


def floor_run(prepared: list[list[tuple[str, float, str]]], out: Path) -> None:
    canvas = Canvas(str(out), pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1)
    for lines in prepared:
        y = PAGE_HEIGHT - 60
        for font, size, line in lines:
            canvas.setFont(font, size)
            canvas.drawString(60, y, line)
            y -= 26
        canvas.showPage()
    with binary_streams():  # as ours writes its pages: the floor pays no encoding we skip
        canvas.save()


def alternated(
    floor_calls: list[Callable[[], object]], our_calls: list[Callable[[], object]]
) -> tuple[float, float]:
    """Median seconds of the floor runs and of ours, run in turn so that a busy machine slows
    both alike."""
    floors, ours = [], []
    for floor_call, our_call in zip(floor_calls, our_calls, strict=True):
        floors.append(median_seconds(floor_call, 1))
        ours.append(median_seconds(our_call, 1))
    return statistics.median(floors), statistics.median(ours)


def memory_rows(module: str, small: int, large: int, what: str) -> list[Row]:
    """Peak RSS and Python heap peak of a run of *small* and of *large* certificates, each
    in a fresh process."""
    low, high = child_memory(module, small), child_memory(module, large)
    return [
        Row(f"peak RSS, {large} {what}", high["peak"], "MB", f"peak RSS, {small}", low["peak"],
            "flat"),
        Row(
            f"Python heap peak during run, {large} {what}",
            high["traced"],
            "MB",
            f"heap peak, {small}",
            low["traced"],
            f"flat (linear: {large / small:.1f}×)",
            high["traced"] <= 2 * low["traced"],
        ),
    ]  # fmt: skip


def our_run(certificates: Iterable[CertificateFields], count: int, out: Path) -> None:
    key = generate_private_key()

    def pages() -> Iterator[tuple[CertificateFields, str]]:
        for fields in certificates:
            yield fields, sign_payload(fields.payload(), key)

    render_certificates(pages(), out, TEMPLATE, total=count)


def _child(count: int) -> None:
    """Render *count* pages in this fresh process and report its memory."""
    register_fonts()
    with tempfile.TemporaryDirectory() as folder:
        # Imports, fonts and caches first, as in the app; rows then stream in as from the database.
        our_run(sample_fields(1), 1, Path(folder) / "warm.pdf")
        tracemalloc.start()
        our_run(sample_fields(count), count, Path(folder) / "run.pdf")
        traced = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    print(json.dumps({"traced": traced, "peak": peak_rss_mb()}))


@dataclass(frozen=True)
class Setup:
    """A benchmark run's options, the certificates of each repetition and the floor's text."""

    args: argparse.Namespace
    runs: list[list[CertificateFields]]
    floor_text: list[list[list[tuple[str, float, str]]]]


def speed_row(what: str, ours: float, floor: float, pages: int) -> Row:
    return Row(
        what, ours, "s", f"floor: text only, {pages} pages", floor, "≤ 1.5×", ours <= 1.5 * floor
    )


def setup(doc: str, argv: list[str] | None, child: Callable[[int], None]) -> Setup | None:
    """The options both certificate benchmarks take, and what they print. None when this
    process is a memory child (``--child COUNT``), which has then run ``child(COUNT)``.

    Each repetition prints different people, as a real run does: text caches must not make a
    repeated run look cheaper than the first one.
    """
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--pages", type=int, default=750)
    parser.add_argument("--large", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child)
        return None
    register_fonts()
    runs = [list(sample_fields(args.pages, seed=1405 + i)) for i in range(args.repeat)]
    return Setup(args, runs, [[_floor_lines(fields) for fields in run] for run in runs])


def main(argv: list[str] | None = None) -> int:
    run_setup = setup(__doc__, argv, _child)
    if run_setup is None:
        return 0
    args, runs, prepared = run_setup.args, run_setup.runs, run_setup.floor_text
    n = args.pages
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        our_run(sample_fields(20, seed=1), 20, out / "warm.pdf")
        floor_run(prepared[0][:20], out / "warm-floor.pdf")
        floor, ours = alternated(
            [partial(floor_run, lines, out / "floor.pdf") for lines in prepared],
            [partial(our_run, run, n, out / "ours.pdf") for run in runs],
        )
        ours_size = (out / "ours.pdf").stat().st_size
    rows = [
        speed_row(f"{n} certificates (QR + signing)", ours, floor, n),
        Row(f"per page, ours ({ours_size / n / 1024:.1f} KiB/page)", 1000 * ours / n, "ms"),
        *memory_rows("bench_certificates", n, args.large, "pages"),
    ]
    print(format_table(rows))
    print(
        "Medians of",
        args.repeat,
        "runs. Rendering only; bench_certificate_batch adds the database reads.",
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
