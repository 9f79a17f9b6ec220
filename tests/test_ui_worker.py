"""The single background worker: off the GUI thread, answers on it, progress and cancel."""

from __future__ import annotations

import threading
import time

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from shahrtrain_desktop.models import County
from shahrtrain_desktop.models.db import Database
from shahrtrain_desktop.ui.progress import Progress, Task
from shahrtrain_desktop.ui.worker import Worker


class Recorder:
    def __init__(self) -> None:
        self.results: list[object] = []
        self.errors: list[BaseException] = []
        self.progress: list[Progress] = []
        self.cancelled = 0
        self.threads: list[threading.Thread] = []

    def done(self, result: object) -> None:
        self.threads.append(threading.current_thread())
        self.results.append(result)

    def failed(self, error: BaseException) -> None:
        self.errors.append(error)

    def on_cancelled(self) -> None:
        self.cancelled += 1


def run(worker: Worker, op, rec: Recorder) -> Task:  # type: ignore[no-untyped-def]
    return worker.run(op, rec.done, rec.failed, rec.progress.append, rec.on_cancelled)


def test_runs_off_the_gui_thread_and_answers_on_it(db: Database, qtbot: QtBot) -> None:
    worker = Worker(db)
    rec = Recorder()

    def op(database: Database, task: Task) -> str:
        task.report("یک", 1, 2)
        with database.session() as session:
            session.add(County(name="آبیک"))
        return threading.current_thread().name

    with qtbot.waitSignal(worker.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        run(worker, op, rec)
        assert worker.busy
    assert rec.results and rec.results[0] != threading.main_thread().name
    assert rec.threads == [threading.main_thread()]
    assert rec.progress == [Progress("یک", 1, 2)]
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(County)) == 1


def test_cancel_stops_the_op_and_rolls_back(db: Database, qtbot: QtBot) -> None:
    worker = Worker(db)
    rec = Recorder()
    started = threading.Event()

    def op(database: Database, task: Task) -> None:
        with database.session() as session:
            session.add(County(name="بوئین‌زهرا"))
            session.flush()
            started.set()
            for step in range(1000):
                task.report("…", step, 1000)
                time.sleep(0.01)

    with qtbot.waitSignal(worker.busy_changed, timeout=10000, check_params_cb=lambda b: not b):
        task = run(worker, op, rec)
        assert started.wait(5)
        task.cancel()
    assert rec.cancelled == 1 and not rec.results and not rec.errors
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(County)) == 0


def test_failure_comes_back_as_the_exception(db: Database, qtbot: QtBot) -> None:
    worker = Worker(db)
    rec = Recorder()

    def op(database: Database, task: Task) -> None:
        raise ValueError("نادرست")

    with qtbot.waitSignal(worker.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        run(worker, op, rec)
    assert [str(e) for e in rec.errors] == ["نادرست"]


def test_jobs_queue_on_one_thread(db: Database, qtbot: QtBot) -> None:
    worker = Worker(db)
    rec = Recorder()
    order: list[int] = []

    def make(n: int):  # type: ignore[no-untyped-def]
        def op(database: Database, task: Task) -> int:
            order.append(n)
            time.sleep(0.02)
            return n

        return op

    with qtbot.waitSignal(worker.busy_changed, timeout=5000, check_params_cb=lambda b: not b):
        for n in range(3):
            run(worker, make(n), rec)
    assert order == [0, 1, 2]
    assert rec.results == [0, 1, 2]
