"""The window at scale: start-up, tab switches, people search and memory.

    python -m benchmarks.bench_window [--people 100000]

start-up — seconds from interpreter start to a shown, filled, idle main window on the demo
           database, against an empty PySide6 window with seven tabs started the same way
           (medians of several child processes);
tab switch — each tab shown for the first time (it queries its listing) and again later;
search   — a keystroke in the people registry (the model re-queries ordered ids), against the
           same LIKE query sent straight to sqlite3;
memory   — peak RSS after visiting every tab and searching, against the empty window's.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.common import Row, format_table, peak_rss_mb
from benchmarks.dataset import demo_database

SEARCHES = ("م", "محمد", "محمد رض", "اسماعیلی", "00", "0012", "0912", "زهرا کریمی")


def _probe(*args: str) -> tuple[float, float]:
    """Seconds from launching the child process (interpreter start-up included, as a user
    waits for it) to its «usable» line, and the child's peak RSS."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.startup_probe", *args],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - start
    child.wait()
    return elapsed, float(line.split()[1])


def startup_rows(db_path: Path, repeat: int) -> tuple[list[Row], float]:
    _probe("empty")  # warm the file cache for both
    _probe("app", str(db_path))
    empty = [_probe("empty") for _ in range(repeat)]
    full = [_probe("app", str(db_path)) for _ in range(repeat)]
    empty_s = statistics.median(t for t, _ in empty)
    full_s = statistics.median(t for t, _ in full)
    empty_mb = statistics.median(m for _, m in empty)
    rows = [
        Row(
            "window open and usable",
            full_s,
            "s",
            "empty PySide6 window, 7 tabs",
            empty_s,
            "< 1.5 s and ≤ 2×",
            full_s < 1.5 and full_s <= 2 * empty_s,
        )
    ]
    return rows, empty_mb


def _sql_like_floor(db_path: Path, text: str) -> float:
    from shahrtrain_desktop.persian import search_key

    conn = sqlite3.connect(db_path)
    words = [search_key(w) for w in text.split()]
    where = " AND ".join("search_key LIKE ?" for _ in words)
    start = time.perf_counter()
    conn.execute(
        f"SELECT id FROM person WHERE {where} ORDER BY last_name, first_name",  # noqa: S608
        [f"%{w}%" for w in words],
    ).fetchall()
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def in_process_rows(db_path: Path, empty_mb: float) -> list[Row]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import select

    from shahrtrain_desktop.models import User
    from shahrtrain_desktop.services.auth import SignedIn
    from shahrtrain_desktop.services.database import open_database
    from shahrtrain_desktop.services.listings import Filters
    from shahrtrain_desktop.ui.app import create_application
    from shahrtrain_desktop.ui.main_window import MainWindow

    app = create_application()
    db = open_database(f"sqlite:///{db_path}").db
    with db.session() as session:
        user = session.scalars(select(User).where(User.username == "officer")).one()
        window = MainWindow(db, SignedIn.of(user))
    window.show()
    QApplication.processEvents()

    def switch(index: int) -> float:
        start = time.perf_counter()
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        return time.perf_counter() - start

    count = window.tabs.count()
    first = [switch(i) for i in range(1, count)] + [switch(0)]
    again = [switch(i) for _ in range(3) for i in range(count)]

    people = window.stage_tabs[1]
    window.tabs.setCurrentIndex(1)
    QApplication.processEvents()
    ours, floor = [], []
    for text in SEARCHES:
        start = time.perf_counter()
        people.model.set_filters(Filters(text=text))
        people.view.viewport().repaint()
        ours.append(time.perf_counter() - start)
        floor.append(_sql_like_floor(db_path, text))
    rss = peak_rss_mb()
    window.close()
    window.deleteLater()
    app.processEvents()
    db.dispose()
    return [
        Row("tab switch, first visit (slowest)", max(first) * 1000, "ms", target="< 200 ms",
            passed=max(first) < 0.2),
        Row("tab switch, later (median)", statistics.median(again) * 1000, "ms",
            target="< 200 ms", passed=max(again) < 0.2),
        Row("people search keystroke (median)", statistics.median(ours) * 1000, "ms",
            "same LIKE via sqlite3", statistics.median(floor) * 1000, "< 50 ms",
            statistics.median(ours) < 0.05),
        Row("people search keystroke (slowest)", max(ours) * 1000, "ms",
            "same LIKE via sqlite3", max(floor) * 1000, "< 50 ms", max(ours) < 0.05),
        Row("memory after every tab and search", rss, "MB", "empty PySide6 window", empty_mb,
            "< 400 MB", rss < 400),
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    db_path, built = demo_database(args.people)
    if built is not None:
        print(f"demo database of {args.people:,} people built in {built:.1f} s")
    rows, empty_mb = startup_rows(db_path, args.repeat)
    rows += in_process_rows(db_path, empty_mb)
    print(format_table(rows))
    return 0 if all(r.passed is not False for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
