"""Demo data at scale: how long ``generate_demo`` takes, against a raw insert floor.

    python -m benchmarks.bench_demo [--people 100000] [--seed 1]

ours     — ``generate_demo`` into a fresh migrated SQLite file (WAL, synchronous=FULL), one
           transaction, every table of the seven stages;
baseline — the driver alone (``sqlite3.executemany``, one transaction, same pragmas, no
           indexes) writing as many person-sized rows as the demo wrote rows in all, measured
           in the same run on the same disk.
The ratio is what the target is held against; peak RSS is the whole process's.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from benchmarks.common import Row, format_table, peak_rss_mb

TARGET_SECONDS = 60.0
CHUNK = 20_000

_PERSON_SQL = (
    "INSERT INTO person_floor (id, national_code, first_name, last_name, father_name, gender,"
    " birth_date, mobile, education, post, category, search_key, created_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _person_rows(count: int) -> Iterator[list[tuple[object, ...]]]:
    last = "اسماعیلی\u200cپور"
    for start in range(0, count, CHUNK):
        yield [
            (
                i, f"{i % 10**10:010d}", "محمدحسین", last, "علی", "male", "1980-03-21",
                "09121234567", "bachelor", "کارشناس درآمد", "staff",
                f"محمدحسیناسماعیلیپور {i:010d} 09121234567", "2026-03-01 05:30:00.000000",
            )
            for i in range(start + 1, min(start + CHUNK, count) + 1)
        ]  # fmt: skip


def raw_floor(path: Path, count: int) -> float:
    """Seconds for the driver to write ``count`` person-sized rows in one transaction."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute(
            "CREATE TABLE person_floor (id INTEGER PRIMARY KEY, national_code TEXT,"
            " first_name TEXT, last_name TEXT, father_name TEXT, gender TEXT, birth_date TEXT,"
            " mobile TEXT, education TEXT, post TEXT, category TEXT, search_key TEXT,"
            " created_at TEXT)"
        )
        started = time.perf_counter()
        conn.execute("BEGIN")
        for chunk in _person_rows(count):
            conn.executemany(_PERSON_SQL, chunk)
        conn.execute("COMMIT")
        return time.perf_counter() - started
    finally:
        conn.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", default=None, help="Gregorian YYYY-MM-DD (default: today)")
    args = parser.parse_args(argv)
    today = date.fromisoformat(args.today) if args.today else date.today()

    with tempfile.TemporaryDirectory(prefix="bench-demo-") as folder:
        # The office key's secret goes into the data folder: keep it in the temporary one.
        os.environ["SHAHRTRAIN_HOME"] = str(Path(folder) / "home")
        from shahrtrain_desktop.services.database import open_database
        from shahrtrain_desktop.services.demo import generate_demo

        db = open_database(f"sqlite:///{Path(folder) / 'demo.sqlite3'}").db
        started = time.perf_counter()
        summary = generate_demo(db, args.people, None, args.seed, today=today)
        seconds = time.perf_counter() - started
        db.dispose()
        total = sum(summary.counts.values())
        floor = raw_floor(Path(folder) / "floor.sqlite3", total)

    width = max(len(name) for name in summary.counts)
    print(f"demo for {args.people:,} people, seed {args.seed}, today {today.isoformat()}")
    for table, count in sorted(summary.counts.items(), key=lambda item: -item[1]):
        if count:
            print(f"  {table:<{width}}  {count:>12,}")
    print(f"  {'total':<{width}}  {total:>12,}\n")
    rows = [
        Row(
            f"generate_demo({args.people:,})",
            seconds,
            "s",
            f"sqlite3.executemany of {total:,} person rows",
            floor,
            f"< {TARGET_SECONDS:.0f} s",
            seconds < TARGET_SECONDS,
        ),
        Row("rows written per second", total / seconds, "rows/s", "floor", total / floor),
        Row("peak RSS", peak_rss_mb(), "MB"),
    ]
    print(format_table(rows))
    return 0 if seconds < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
