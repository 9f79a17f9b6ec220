"""Stage 7 at scale: the year's dashboard and the end-of-year export.

    python -m benchmarks.bench_monitoring [--people 100000] [--export-people 15000]
                                          [--db FILE] [--export-db FILE]

dashboard — ``build_dashboard`` for a Jalali year of the demo database of ``--people``
            (100,000 people give ~280,000 enrolments in the year; the database is the cached
            one of benchmarks/dataset.py); baseline: one bare ``sqlite3`` scan counting the
            year's enrolments joined to their offerings (the least any per-enrolment figure
            must read), same file, same run.
headline  — the supervision tab's headline strip (``dashboard_headline.headline``), first call
            on a fresh connection (the tab's first visit) and warm; same baseline. It is counted
            on the worker thread, so this is how long after the tab opens its figures appear;
            the tab switch itself is timed (< 200 ms) by bench_window.
export    — ``export_year`` for a demo database of ``--export-people`` (15,000 people give
            ~50,000 enrolments); baseline: ``sqlite3`` reading every enrolment of the year and
            ``csv.writer`` writing them to one file, same run.
Existing files can be passed with ``--db``/``--export-db`` (made by ``shahrtrain demo``) to
skip generating; the office key must then be on this desk for the export.
"""

from __future__ import annotations

import argparse
import csv
import os
import sqlite3
import tempfile
import time
from datetime import date
from pathlib import Path

from benchmarks.common import Row, format_table, median_seconds, peak_rss_mb
from benchmarks.dataset import demo_database

YEAR = 1405
TODAY = date(2026, 11, 25)
DASHBOARD_TARGET = 1.0
EXPORT_TARGET = 5.0


def _make(folder: Path, name: str, people: int) -> Path:
    from shahrtrain_desktop.services.database import open_database
    from shahrtrain_desktop.services.demo import generate_demo

    path = folder / f"{name}.sqlite3"
    db = open_database(f"sqlite:///{path}").db
    generate_demo(db, people, YEAR, 1, today=TODAY)
    db.dispose()
    return path


def _year_bounds() -> tuple[str, str]:
    from shahrtrain_desktop.persian import jalali_year_range

    start, end = jalali_year_range(YEAR)
    return start.isoformat(), end.isoformat()


def enrolment_scan(path: Path) -> float:
    start, end = _year_bounds()
    conn = sqlite3.connect(path)
    try:
        return median_seconds(
            lambda: conn.execute(
                "SELECT count(*), count(DISTINCT e.person_id) FROM enrolment e"
                " JOIN offering o ON o.id = e.offering_id"
                " WHERE o.start_date >= ? AND o.start_date < ?",
                (start, end),
            ).fetchall()
        )
    finally:
        conn.close()


def csv_floor(path: Path, out: Path) -> float:
    start, end = _year_bounds()
    conn = sqlite3.connect(path)

    def run() -> None:
        with out.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerows(
                conn.execute(
                    "SELECT e.* FROM enrolment e JOIN offering o ON o.id = e.offering_id"
                    " WHERE o.start_date >= ? AND o.start_date < ?",
                    (start, end),
                )
            )

    try:
        return median_seconds(run)
    finally:
        conn.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--export-people", type=int, default=15_000)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--export-db", type=Path)
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="bench-monitoring-") as name:
        folder = Path(name)
        os.environ.setdefault("SHAHRTRAIN_HOME", str(folder / "home"))
        from shahrtrain_desktop.models.db import connect
        from shahrtrain_desktop.services.audit import SYSTEM_ACTOR, act_as
        from shahrtrain_desktop.services.dashboard import Period, build_dashboard
        from shahrtrain_desktop.services.dashboard_headline import headline
        from shahrtrain_desktop.services.year_export import export_year, verify_export

        big = args.db or demo_database(args.people)[0]
        db = connect(f"sqlite:///{big}")
        with db.engine.connect() as conn:
            start = time.perf_counter()
            headline(conn, YEAR)
            headline_first = time.perf_counter() - start
            headline_warm = median_seconds(lambda: headline(conn, YEAR))
        with db.engine.connect() as conn:
            build_dashboard(conn, Period.of_year(YEAR))  # warm the page cache once
            figures = build_dashboard(conn, Period.of_year(YEAR))
            dashboard = median_seconds(lambda: build_dashboard(conn, Period.of_year(YEAR)))
        db.dispose()
        scan = enrolment_scan(big)

        small = args.export_db or _make(folder, "export", args.export_people)
        db = connect(f"sqlite:///{small}")
        out = folder / "export.zip"
        rows: dict[str, int] = {}

        def run_export() -> None:
            with db.session() as session:
                act_as(session, SYSTEM_ACTOR)
                rows.update(export_year(session, YEAR, out).rows)

        export = median_seconds(run_export, repeat=3)
        verified = verify_export(out).ok
        db.dispose()
        floor = csv_floor(small, folder / "floor.csv")

    print(
        f"dashboard: {figures.enrolments:,} enrolments, {figures.trainees:,} trainees in {YEAR}; "
        f"export: {rows.get('enrolments', 0):,} enrolments, verified={verified}\n"
    )
    table = [
        Row(
            "build_dashboard(year)",
            dashboard,
            "s",
            "sqlite3 scan of the year's enrolments",
            scan,
            f"< {DASHBOARD_TARGET:.0f} s",
            dashboard < DASHBOARD_TARGET,
        ),
        Row(
            "headline(year), first call",
            headline_first,
            "s",
            "sqlite3 scan of the year's enrolments",
            scan,
        ),
        Row("headline(year), warm", headline_warm, "s", "same", scan),
        Row(
            "export_year (zip, xlsx, csv, signed)",
            export,
            "s",
            "sqlite3 + csv.writer of the enrolments",
            floor,
            f"< {EXPORT_TARGET:.0f} s",
            export < EXPORT_TARGET and verified,
        ),
        Row("peak RSS", peak_rss_mb(), "MB"),
    ]
    print(format_table(table))
    return 0 if all(row.passed in (None, True) for row in table) else 1


if __name__ == "__main__":
    raise SystemExit(main())
