"""Several desks on one PostgreSQL database: a stale save is refused rather than overwriting,
and the audit chain never forks when desks write at the same moment.

Runs only with SHAHRTRAIN_TEST_PG (``.ci/run`` starts a server for it).
"""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from shahrtrain_desktop.models import AuditEvent, Person
from shahrtrain_desktop.models.db import Database, connect
from shahrtrain_desktop.models.enums import AuditAction, PersonCategory
from shahrtrain_desktop.services import audit
from shahrtrain_desktop.services.audit import record, verify_chain
from shahrtrain_desktop.services.locking import ConcurrentEditError, reporting_conflicts

pytestmark = pytest.mark.postgres_only

WRITER = Path(__file__).with_name("crash_writer.py")
BLOCKED_FOR = 0.5  # long enough to be sure a thread is waiting on a lock, not just slow


@pytest.fixture
def other_desk(db: Database) -> Iterator[Database]:
    """A second engine on the same database: its own connections, like another PC."""
    desk = connect(db.url)
    yield desk
    desk.dispose()


def _person(db: Database) -> int:
    with db.session() as s:
        person = Person(
            national_code="0012345679",
            first_name="فاطمه",
            last_name="حسینی",
            category=PersonCategory.STAFF,
        )
        s.add(person)
        s.flush()
        return person.id


class Background:
    """Run ``work`` on a thread and keep what it raised."""

    def __init__(self, work: Callable[[], None]) -> None:
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(work,), daemon=True)
        self.thread.start()

    def _run(self, work: Callable[[], None]) -> None:
        try:
            work()
        except BaseException as exc:  # noqa: BLE001 — handed to the test
            self.error = exc

    def still_waiting(self) -> bool:
        self.thread.join(BLOCKED_FOR)
        return self.thread.is_alive()

    def finish(self) -> BaseException | None:
        self.thread.join(30)
        assert not self.thread.is_alive()
        return self.error


def test_a_desk_with_an_open_transaction_cannot_overwrite(
    db: Database, other_desk: Database
) -> None:
    person_id = _person(db)
    with pytest.raises(ConcurrentEditError), reporting_conflicts(), other_desk.session() as b:
        stale = b.get(Person, person_id)  # desk B reads version 1 …
        assert stale is not None
        with db.session() as a:  # … desk A saves version 2 meanwhile …
            fresh = a.get(Person, person_id)
            assert fresh is not None
            fresh.first_name = "فاطمه‌زهرا"
        stale.last_name = "حسینی‌پور"  # … and B's save must not undo A's edit.
    with db.session() as s:
        stored = s.get(Person, person_id)
        assert stored is not None
        assert (stored.first_name, stored.last_name, stored.version) == (
            "فاطمه‌زهرا",
            "حسینی",
            2,
        )


def test_a_save_waiting_on_another_desks_lock_then_gets_the_conflict(
    db: Database, other_desk: Database
) -> None:
    person_id = _person(db)
    a = db.sessions()
    a.begin()
    mine = a.get(Person, person_id)
    assert mine is not None
    mine.mobile = "09121111111"
    a.flush()  # desk A holds the row lock, not yet committed

    def desk_b_saves() -> None:
        with reporting_conflicts(), other_desk.session() as b:
            theirs = b.get(Person, person_id)  # still sees version 1
            assert theirs is not None
            theirs.mobile = "09122222222"

    desk_b = Background(desk_b_saves)
    assert desk_b.still_waiting()
    a.commit()
    a.close()
    assert isinstance(desk_b.finish(), ConcurrentEditError)
    with db.session() as s:
        assert s.scalar(select(Person.mobile).where(Person.id == person_id)) == "09121111111"


def _record_while_another_desk_records(db: Database, other_desk: Database) -> bool:
    """Desk A appends to the chain and holds its transaction open while desk B appends;
    return whether B had to wait."""
    a = db.sessions()
    a.begin()
    record(a, AuditAction.EVENT, "print_run", 1, desk="A")

    def desk_b_records() -> None:
        with other_desk.session() as b:
            record(b, AuditAction.EVENT, "print_run", 2, desk="B")

    desk_b = Background(desk_b_records)
    waited = desk_b.still_waiting()
    a.commit()
    a.close()
    assert desk_b.finish() is None
    return waited


def test_two_desks_appending_at_once_keep_one_chain(db: Database, other_desk: Database) -> None:
    assert _record_while_another_desk_records(db, other_desk)
    with db.session() as s:
        check = verify_chain(s)
    assert check.ok, check.reason


def test_without_the_advisory_lock_the_chain_would_fork(
    db: Database, other_desk: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control: proves the test above guards something real."""

    def unlocked_head(session: Session) -> str:
        head = session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1))
        return head or audit.GENESIS_HASH

    monkeypatch.setattr(audit, "_chain_head", unlocked_head)
    assert not _record_while_another_desk_records(db, other_desk)
    with db.session() as s:
        assert not verify_chain(s).ok


def test_two_processes_writing_at_once_lose_nothing_and_keep_the_chain(
    db: Database, tmp_path: Path
) -> None:
    count = 150
    env = {**os.environ, "SHAHRTRAIN_HOME": str(tmp_path / "home")}
    start_at = str(time.time() + 2)  # both past start-up, then write together
    writers = [
        subprocess.Popen(
            [sys.executable, str(WRITER), "--db", db.url, "--first", str(first), "--count",
             str(count), "--start-at", start_at],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        for first in (200_000, 300_000)
    ]  # fmt: skip
    reported: list[int] = []
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err.decode(errors="replace")
        reported += [int(line) for line in out.split()]
    assert len(reported) == 2 * count

    with db.session() as s:
        codes = set(s.scalars(select(Person.national_code)))
        inserts = s.scalar(
            select(func.count())
            .select_from(AuditEvent)
            .where(AuditEvent.entity == "person", AuditEvent.action == AuditAction.INSERT)
        )
        check = verify_chain(s)
        order = s.scalars(
            select(AuditEvent.entity_id)
            .where(AuditEvent.entity == "person", AuditEvent.action == AuditAction.INSERT)
            .order_by(AuditEvent.id)
        ).all()
        writer_of = {
            str(person_id): int(code[:9]) // 100_000
            for person_id, code in s.execute(select(Person.id, Person.national_code))
        }
    switches = sum(writer_of[a] != writer_of[b] for a, b in itertools.pairwise(order))
    assert switches > 5, "the two writers did not overlap; the test proved nothing"
    assert {int(code[:9]) for code in codes} >= set(reported)
    assert inserts == 2 * count
    assert check.ok, check.reason
