"""Planning at a province's scale: the annual plan, its PDF, and the clash check.

    python -m benchmarks.bench_planning [--people 20000]

annual plan  — ``annual_plan(year)`` (offerings, hours, enrolled, attended person-hours per
               month, needs) against a baseline of one plain SELECT of the same offerings;
plan PDF     — ``write_plan`` to a landscape PDF, against the plan's data alone;
clash check  — ``find_clashes`` for a 20-session offering, against reading those days'
               sessions with one query.
Ratios are what to watch: each should stay a small multiple of its baseline.
"""

from __future__ import annotations

import argparse
import tempfile
from datetime import time
from pathlib import Path

from sqlalchemy import select

from benchmarks.common import Row, format_table, median_seconds
from benchmarks.dataset import BENCH_YEAR, demo_database


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=20_000)
    args = parser.parse_args(argv)

    from shahrtrain_desktop.models import CourseSession, Instructor, Offering
    from shahrtrain_desktop.persian import from_jalali, jalali_year_range
    from shahrtrain_desktop.services.annual_plan import annual_plan
    from shahrtrain_desktop.services.database import open_database
    from shahrtrain_desktop.services.reports.plan import write_plan
    from shahrtrain_desktop.services.schedule import find_clashes, generate_sessions

    path, _built = demo_database(args.people)
    db = open_database(f"sqlite:///{path}").db
    start, end = jalali_year_range(BENCH_YEAR)
    rows: list[Row] = []
    with db.session() as s:
        plan_s = median_seconds(lambda: annual_plan(s, BENCH_YEAR))
        base_s = median_seconds(
            lambda: s.execute(
                select(Offering).where(Offering.start_date >= start, Offering.start_date < end)
            ).all()
        )
        count = annual_plan(s, BENCH_YEAR).planned
        rows.append(Row(f"annual plan ({count} offerings)", plan_s * 1000, "ms",
                        "SELECT the offerings", base_s * 1000))  # fmt: skip
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "plan.pdf"
            pdf_s = median_seconds(lambda: write_plan(s, BENCH_YEAR, out), repeat=2)
        rows.append(Row("plan PDF", pdf_s * 1000, "ms", "annual plan alone", plan_s * 1000))
        sessions = generate_sessions(
            from_jalali(BENCH_YEAR, 7, 1), from_jalali(BENCH_YEAR, 9, 30),
            {5, 0}, time(8, 0), 3, 60,
        )  # fmt: skip
        instructor = s.scalars(select(Instructor.id)).first()
        days = sorted({x.date for x in sessions})
        clash_s = median_seconds(
            lambda: find_clashes(s, sessions, (instructor,) if instructor else (), None)
        )
        read_s = median_seconds(
            lambda: s.execute(select(CourseSession).where(CourseSession.date.in_(days))).all()
        )
        rows.append(Row(f"clash check ({len(sessions)} sessions)", clash_s * 1000, "ms",
                        "read those days' sessions", read_s * 1000))  # fmt: skip
    db.dispose()
    print(f"people: {args.people:,}")
    print(format_table(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
