"""A writer for the crash and concurrency tests: many small transactions against the app's own
database, printing each transaction's number only after its commit returned.

    python tests/crash_writer.py --db URL --first N [--count K] [--start-at EPOCH]

Transaction ``n`` inserts the person with national code ``complete_national_code(n)`` and
touches the previous person's notes, so inserts, updates and their audit rows are all in flight
when the parent kills it. Without ``--count`` it runs until killed. ``--start-at`` waits for a
moment (``time.time()``) after start-up, so that two writers really write at once.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time

from sqlalchemy import select

from shahrtrain_desktop.models import Person
from shahrtrain_desktop.models.enums import PersonCategory
from shahrtrain_desktop.persian import complete_national_code
from shahrtrain_desktop.services.audit import Actor, act_as
from shahrtrain_desktop.services.database import open_database

WRITER = Actor(None, "crash-writer")


def national_code(n: int) -> str:
    return complete_national_code(f"{n:09d}")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--first", type=int, required=True)
    parser.add_argument("--count", type=int)
    parser.add_argument("--start-at", type=float)
    args = parser.parse_args()

    db = open_database(args.db).db
    if args.start_at is not None:
        time.sleep(max(0.0, args.start_at - time.time()))
    numbers = itertools.count(args.first)
    if args.count is not None:
        numbers = iter(range(args.first, args.first + args.count))
    for n in numbers:
        with db.session() as session:
            act_as(session, WRITER)
            session.add(
                Person(
                    national_code=national_code(n),
                    first_name="فراگیر",
                    last_name=f"شمارهٔ {n}",
                    category=PersonCategory.STAFF,
                    search_key=str(n),
                )
            )
            previous = session.scalars(
                select(Person).where(Person.national_code == national_code(n - 1))
            ).one_or_none()
            if previous is not None:
                previous.notes = f"پس از آن {n} ثبت شد"
        # Only now is transaction n durable (synchronous=FULL): report it.
        sys.stdout.write(f"{n}\n")
        sys.stdout.flush()
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
