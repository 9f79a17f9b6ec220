"""Registration at scale: the import preview and the registry's search-as-you-type.

    python -m benchmarks.bench_registration [--rows 5000] [--people 100000]

preview  — ``build_preview`` of a municipality's workbook of ``--rows`` people (read, match
           headers, validate every row, duplicates against the registry); baseline: openpyxl
           alone loading the same file (the floor any xlsx reader pays), same run.
search   — one keystroke of the people tab with ``--people`` registered: the ordered ids of
           the listing for the typed text (``listings.ordered_ids``, what the tab runs);
           baseline: the same listing with no text (a full ordered scan). Median of the
           typical keystrokes «ع», «علی», «علی رض», a code prefix and a mobile prefix.
big file — ``--big-mb`` (default 50) megabytes of xlsx: the preview must answer (a preview, or
           the one-line «too many rows» refusal) without running out of memory; baseline:
           python-calamine reading the same file.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from openpyxl import Workbook, load_workbook
from python_calamine import CalamineWorkbook
from sqlalchemy import insert

from benchmarks.common import Row, format_table, median_seconds
from shahrtrain_desktop.models import Person
from shahrtrain_desktop.persian import complete_national_code
from shahrtrain_desktop.services import listings
from shahrtrain_desktop.services.audit import SYSTEM_ACTOR, act_as
from shahrtrain_desktop.services.database import open_database
from shahrtrain_desktop.services.demo import names
from shahrtrain_desktop.services.importing import ImportFileError, build_preview
from shahrtrain_desktop.services.people_search import person_search_key

PREVIEW_TARGET_S = 3.0
SEARCH_TARGET_MS = 50.0
HEADERS = ["کد ملی", "نام", "نام خانوادگی", "نام پدر", "تاریخ تولد", "تلفن همراه", "گروه"]
QUERIES = ("ع", "علی", "علی رض", "433", "0912")


def _people(rng: random.Random, count: int, offset: int) -> list[dict[str, object]]:
    rows = []
    for i in range(count):
        first = names.given_name(rng, rng.random() < 0.2)
        last = names.family_name(rng)
        code = complete_national_code(f"{433000000 + offset + i:09d}")
        mobile = f"09{rng.randrange(10**9):09d}"
        rows.append(
            {
                "national_code": code,
                "first_name": first,
                "last_name": last,
                "father_name": names.father_name(rng),
                "category": "staff",
                "mobile": mobile,
                "search_key": person_search_key(first, last, code, mobile),
            }
        )
    return rows


def _workbook(path: Path, count: int, rng: random.Random) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    for person in _people(rng, count, 500_000_000 - 433_000_000):
        sheet.append(
            [
                person["national_code"],
                person["first_name"],
                person["last_name"],
                person["father_name"],
                f"13{rng.randrange(40, 80)}/{rng.randrange(1, 13):02d}/{rng.randrange(1, 29):02d}",
                person["mobile"],
                "کارمند",
            ]
        )
    book.save(path)


BIG_ROWS_PER_MB = 26_000  # measured: a row of the workbook below takes about 40 bytes


def _big_workbook(path: Path, megabytes: int, rng: random.Random) -> None:
    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(HEADERS)
    for i in range(megabytes * BIG_ROWS_PER_MB):
        code = complete_national_code(f"{600000000 + i:09d}")
        mobile = f"09{rng.randrange(10**9):09d}"
        sheet.append(
            [code, "زهرا", f"رضایی {rng.randrange(10**6)}", "علی", "1365/04/15", mobile, "کارمند"]
        )
    book.save(path)


def _big_file(db: object, folder: str, megabytes: int, rng: random.Random) -> Row:
    path = Path(folder) / "big.xlsx"
    _big_workbook(path, megabytes, rng)
    size_mb = path.stat().st_size / 2**20
    start = time.perf_counter()
    try:
        with db.session() as session:  # type: ignore[attr-defined]
            act_as(session, SYSTEM_ACTOR)
            outcome = f"{len(build_preview(session, path).rows):,} rows"
    except ImportFileError as error:
        outcome = f"refused: {error}"
    took = time.perf_counter() - start
    floor_start = time.perf_counter()
    CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    floor = time.perf_counter() - floor_start
    print(f"big file: {size_mb:.0f} MB -> {outcome}")
    return Row(f"preview of a {size_mb:.0f} MB xlsx", took, "s", "calamine read only", floor)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--big-mb", type=int, default=50, help="0 skips the big file")
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(f"sqlite:///{folder}/bench.sqlite3").db
        for start in range(0, args.people, 20_000):
            batch = _people(rng, min(20_000, args.people - start), start)
            with db.engine.begin() as conn:
                conn.execute(insert(Person), batch)
        book = Path(folder) / "people.xlsx"
        _workbook(book, args.rows, rng)

        def preview() -> None:
            with db.session() as session:
                act_as(session, SYSTEM_ACTOR)
                build_preview(session, book)

        preview_s = median_seconds(preview)
        floor_s = median_seconds(lambda: load_workbook(book, data_only=True).close())

        def keystroke(text: str) -> float:
            with db.engine.connect() as conn:
                start = time.perf_counter()
                listings.ordered_ids(conn, listings.PEOPLE, listings.Filters(text=text))
                return time.perf_counter() - start

        for text in QUERIES:  # warm the page cache
            keystroke(text)
        search_s = statistics.median(
            statistics.median(keystroke(q) for _ in range(3)) for q in QUERIES
        )
        full_s = statistics.median(keystroke("") for _ in range(3))
        big = _big_file(db, folder, args.big_mb, rng) if args.big_mb else None
        db.dispose()

    rows = [
        Row(
            f"preview {args.rows:,} rows",
            preview_s,
            "s",
            "openpyxl load only",
            floor_s,
            f"< {PREVIEW_TARGET_S:.0f} s",
            preview_s < PREVIEW_TARGET_S,
        ),
        Row(
            f"search keystroke, {args.people:,} people",
            search_s * 1000,
            "ms",
            "listing with no text",
            full_s * 1000,
            f"< {SEARCH_TARGET_MS:.0f} ms",
            search_s * 1000 < SEARCH_TARGET_MS,
        ),
    ]
    if big is not None:
        rows.append(big)
    print(format_table(rows))


if __name__ == "__main__":
    main()
