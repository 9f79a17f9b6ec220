"""A desk's print run from the database: time against the text-only floor, memory at scale.

    python -m benchmarks.bench_certificate_batch [--pages 750] [--large 5000] [--repeat 3]

floor — reportlab drawing only the text of N one-page certificates, as
        ``benchmarks.bench_certificates`` measures it (prepared strings, no shaping, no QR);
ours  — ``certificate_printing.print_batch`` of N issued certificates in a demo database:
        rows read from SQLite in chunks, frozen fields parsed, every QR signed (Ed25519) and
        written back, full pages rendered, print counts recorded; rolled back after each run.
        Each repetition prints other people (as the floor draws other text), so that text
        caches warmed by one run cannot make the next look cheaper.
Memory is measured in a fresh process per size (peak RSS and the Python heap peak of the run).
"""

from __future__ import annotations

import json
import sys
import tempfile
import tracemalloc
from functools import partial
from pathlib import Path

from sqlalchemy import select, update

from benchmarks.bench_certificates import (
    alternated,
    floor_run,
    memory_rows,
    setup,
    speed_row,
)
from benchmarks.common import Row, format_table, peak_rss_mb
from shahrtrain_desktop.models import Certificate
from shahrtrain_desktop.models.db import Database, connect
from shahrtrain_desktop.models.enums import CertificateStatus
from shahrtrain_desktop.models.migrate import upgrade_database
from shahrtrain_desktop.pdf.fonts import register_fonts
from shahrtrain_desktop.services import certificate_printing as printing
from shahrtrain_desktop.services.audit import SYSTEM_ACTOR, act_as
from shahrtrain_desktop.services.demo import generate_demo

PEOPLE_PER_ISSUED = 0.85  # a demo year issues about 1.2 certificates a person
WARM = 20  # certificates printed once before timing (imports, fonts), not timed again


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
        session.rollback()  # nothing signed, counted or audited stays behind


def _child(count: int) -> None:
    register_fonts()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db, ids = office_database(folder, count + WARM)
        print_run(db, ids[-WARM:], folder / "warm.pdf")
        tracemalloc.start()
        print_run(db, ids[:count], folder / "run.pdf")
        traced = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        db.dispose()
    print(json.dumps({"traced": traced, "peak": peak_rss_mb()}))


def main(argv: list[str] | None = None) -> int:
    run_setup = setup(__doc__, argv, _child)
    if run_setup is None:
        return 0
    args, prepared = run_setup.args, run_setup.floor_text
    n = args.pages
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db, ids = office_database(folder, n * args.repeat + WARM)
        print_run(db, ids[-WARM:], folder / "warm.pdf")
        floor_run(prepared[0][:WARM], folder / "warm-floor.pdf")
        floor, ours = alternated(
            [partial(floor_run, lines, folder / "floor.pdf") for lines in prepared],
            [
                partial(print_run, db, ids[i * n : (i + 1) * n], folder / "ours.pdf")
                for i in range(args.repeat)
            ],
        )
        db.dispose()
    rows = [
        speed_row(f"{n} issued certificates from the database (QR + signing)", ours, floor, n),
        Row("per page, ours", 1000 * ours / n, "ms"),
        *memory_rows("bench_certificate_batch", n, args.large, "certificates"),
    ]
    print(format_table(rows))
    print("Medians of", args.repeat, "runs.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
