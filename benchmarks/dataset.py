"""The benchmark database: the demo generator at a given size, built once and reused.

Kept in ``$SHAHRTRAIN_BENCH_CACHE`` (default: the system temp folder) under a name that holds
the size, seed and schema revision, so a second benchmark run does not rebuild 100,000 people.
"""

from __future__ import annotations

import os
import tempfile
import time
from datetime import date
from pathlib import Path

from shahrtrain_desktop.models.migrate import head_revision

# Fixed so the data (statuses relative to today) is the same every run.
BENCH_TODAY = date(2026, 11, 25)
BENCH_YEAR = 1405


def cache_dir() -> Path:
    folder = Path(os.environ.get("SHAHRTRAIN_BENCH_CACHE", tempfile.gettempdir()))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def demo_database(people: int, seed: int = 1) -> tuple[Path, float | None]:
    """Path of a demo database of ``people``; seconds spent building it (None if cached)."""
    from shahrtrain_desktop.services.database import open_database
    from shahrtrain_desktop.services.demo import generate_demo

    path = cache_dir() / f"shahrtrain-bench-{people}-{seed}-{head_revision()}.sqlite3"
    if path.exists():
        return path, None
    partial = path.with_suffix(".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    os.environ.setdefault("SHAHRTRAIN_HOME", str(cache_dir() / "shahrtrain-bench-home"))
    opened = open_database(f"sqlite:///{partial}")
    start = time.perf_counter()
    generate_demo(opened.db, people=people, year=BENCH_YEAR, seed=seed, today=BENCH_TODAY)
    seconds = time.perf_counter() - start
    opened.db.dispose()
    partial.rename(path)
    return path, seconds
