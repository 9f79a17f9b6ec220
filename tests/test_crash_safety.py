"""A writer killed with SIGKILL at random moments never corrupts SQLite or loses a commit.

Each round starts ``crash_writer.py`` on the same database file, kills it at a random moment
(the first round during start-up, possibly mid-migration; later rounds while it commits), then
checks that the file passes ``integrity_check``, that the app opens it, that every transaction
the writer reported is there with no gap before it, and that the audit chain is unbroken.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy import select

from shahrtrain_desktop.models import Person
from shahrtrain_desktop.services.audit import verify_chain
from shahrtrain_desktop.services.database import open_database

pytestmark = [
    pytest.mark.sqlite_only,
    pytest.mark.slow,
    pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL"),
]

WRITER = Path(__file__).with_name("crash_writer.py")
ROUNDS = 18
FIRST = 100_000


def _start_writer(url: str, first: int, home: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SHAHRTRAIN_HOME": str(home)}
    return subprocess.Popen(
        [sys.executable, str(WRITER), "--db", url, "--first", str(first)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )


def _kill(proc: subprocess.Popen[bytes]) -> tuple[list[int], bytes]:
    """SIGKILL, then every number the writer had reported (a torn last line is ignored)."""
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate(timeout=10)
    return [int(line) for line in out.split(b"\n")[:-1]], err


def _run_round(url: str, first: int, home: Path, during_start_up: bool) -> list[int]:
    proc = _start_writer(url, first, home)
    reported: list[int] = []
    if during_start_up:
        time.sleep(random.uniform(0.05, 0.9))
    else:
        line = proc.stdout.readline() if proc.stdout else b""
        if not line:
            _, err = _kill(proc)
            pytest.fail("the writer did not start: " + err.decode(errors="replace"))
        reported.append(int(line))
        time.sleep(random.uniform(0.0, 0.3))
    more, err = _kill(proc)
    assert proc.returncode == -signal.SIGKILL, err.decode(errors="replace")
    return reported + more


def _check(path: Path, reported: list[int]) -> int:
    """Return the highest committed number (FIRST - 1 if none)."""
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    db = open_database(f"sqlite:///{path}").db
    try:
        with db.session() as s:
            codes = s.scalars(select(Person.national_code)).all()
            chain = verify_chain(s)
    finally:
        db.dispose()
    committed = sorted(int(code[:9]) for code in codes if int(code[:9]) >= FIRST)
    # Transactions are sequential: what is there is exactly FIRST..last, no holes …
    assert committed == list(range(FIRST, FIRST + len(committed)))
    # … and everything the writer reported is among it.
    assert set(reported) <= set(committed)
    assert chain.ok, chain.reason
    return committed[-1] if committed else FIRST - 1


def test_sigkill_at_random_moments_never_loses_a_commit(tmp_path: Path) -> None:
    path = tmp_path / "crash.sqlite3"
    url = f"sqlite:///{path}"
    rng_seed = random.randrange(1_000_000)
    random.seed(rng_seed)
    started = time.monotonic()
    last = FIRST - 1
    reported_total = 0
    for round_number in range(ROUNDS):
        reported = _run_round(url, last + 1, tmp_path / "home", during_start_up=round_number == 0)
        reported_total += len(reported)
        try:
            last = _check(path, reported)
        except AssertionError as exc:
            raise AssertionError(f"round {round_number} (seed {rng_seed}): {exc}") from exc
    assert reported_total > ROUNDS  # the writer really was killed mid-stream, many times
    assert time.monotonic() - started < 30
