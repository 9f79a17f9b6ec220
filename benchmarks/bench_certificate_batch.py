"""A desk's print run from the database: time against the text-only floor, memory at scale.

    python -m benchmarks.bench_certificate_batch [--pages 750] [--large 5000] [--repeat 3]

floor — reportlab drawing only the text of N one-page certificates, as
        ``benchmarks.bench_certificates`` measures it (prepared strings, no shaping, no QR);
ours  — ``certificate_printing.print_batch`` of N issued certificates in a demo database:
        rows read from SQLite in chunks, frozen fields parsed, every QR signed (Ed25519) and
        written back, full pages rendered, print counts recorded; rolled back after each run.
Memory is measured in a fresh process per size (peak RSS and the Python heap peak of the run).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import tracemalloc
from functools import partial
from pathlib import Path

from sqlalchemy import select, update

from benchmarks.bench_certificates import _floor_lines, floor_run, sample_fields
from benchmarks.common import Row, child_memory, format_table, median_seconds, peak_rss_mb
from shahrtrain_desktop.models import Certificate
from shahrtrain_desktop.models.db import Database, connect
from shahrtrain_desktop.models.enums import CertificateStatus
from shahrtrain_desktop.models.migrate import upgrade_database
from shahrtrain_desktop.pdf.fonts import register_fonts
from shahrtrain_desktop.services import certificate_printing as printing
from shahrtrain_desktop.services.audit import SYSTEM_ACTOR, act_as
from shahrtrain_desktop.services.demo import generate_demo

PEOPLE_PER_ISSUED = 0.85  # a demo year issues about 1.2 certificates a person


def office_database(folder: Path, issued: int) -> tuple[Database, list[int]]:
    """A demo office with at least *issued* issued certificates, their QR texts cleared so the
    run signs every one of them."""
    import os

    os.environ["SHAHRTRAIN_HOME"] = str(folder / "home")
    db = connect(f"sqlite:///{folder / 'bench.sqlite3'}")
    upgrade_database(db.engine)
    generate_demo(db, max(50, int(issued * PEOPLE_PER_ISSUED) + 50), None, 1405)
    with db.session() as session:
        ids = list(
            session.scalars(
                select(Certificate.id)
                .where(Certificate.status == CertificateStatus.ISSUED)
                .order_by(Certificate.id)
                .limit(issued)
            )
        )
        session.execute(update(Certificate).values(qr_text=None, print_count=0))
    if len(ids) < issued:
        raise SystemExit(f"demo gave {len(ids)} issued certificates, {issued} wanted")
    return db, ids


def print_run(db: Database, ids: list[int], out: Path) -> None:
    with db.sessions() as session:
        session.begin()
        act_as(session, SYSTEM_ACTOR)
        printing.print_batch(session, ids, out)
        session.rollback()  # the next repetition prints (and signs) the same rows again


def _child(count: int) -> None:
    register_fonts()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db, ids = office_database(folder, count)
        print_run(db, ids[:5], folder / "warm.pdf")
        tracemalloc.start()
        print_run(db, ids, folder / "run.pdf")
        traced = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        db.dispose()
    print(json.dumps({"traced": traced, "peak": peak_rss_mb()}))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=750)
    parser.add_argument("--large", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child)
        return 0

    register_fonts()
    n = args.pages
    runs = [list(sample_fields(n, seed=1405 + i)) for i in range(args.repeat)]
    prepared = [[_floor_lines(fields) for fields in run] for run in runs]
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db, ids = office_database(folder, n)
        print_run(db, ids[:20], folder / "warm.pdf")
        floor_run(prepared[0][:20], folder / "warm-floor.pdf")
        floors, ours_runs = [], []
        for lines in prepared:  # alternated so a busy machine slows both alike
            floors.append(median_seconds(partial(floor_run, lines, folder / "floor.pdf"), 1))
            ours_runs.append(median_seconds(partial(print_run, db, ids, folder / "ours.pdf"), 1))
        db.dispose()
    floor, ours = statistics.median(floors), statistics.median(ours_runs)
    small, large = (
        child_memory("bench_certificate_batch", n),
        child_memory("bench_certificate_batch", args.large),
    )
    rows = [
        Row(
            f"{n} issued certificates from the database (QR + signing)",
            ours,
            "s",
            f"floor: text only, {n} pages",
            floor,
            "≤ 1.5×",
            ours <= 1.5 * floor,
        ),
        Row("per page, ours", 1000 * ours / n, "ms"),
        Row(
            f"peak RSS, {args.large} certificates",
            large["peak"],
            "MB",
            f"peak RSS, {n}",
            small["peak"],
            "flat",
        ),
        Row(
            f"Python heap peak during run, {args.large}",
            large["traced"],
            "MB",
            f"heap peak, {n}",
            small["traced"],
            f"flat (linear: {args.large / n:.1f}×)",
            large["traced"] <= 2 * small["traced"],
        ),
    ]
    print(format_table(rows))
    print("Medians of", args.repeat, "runs.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
